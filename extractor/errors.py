"""One catalogue of coded errors.

E1xx: input (files, encodings, arguments); E2xx: models and their data files; E3xx: output.
The CLI turns an ExtractorError into one line on stderr and the exit code below.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: some files of a batch failed (the others were written)
    PARTIAL = 1
    USAGE = 2
    INPUT = 3
    MODEL = 4
    OUTPUT = 5
    #: a bug: please report it with the input that caused it
    INTERNAL = 70


class ExtractorError(Exception):
    """An error a user can act on: a code, a one-line message, an exit code."""

    code = "E000"
    exit_code = ExitCode.INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputNotFound(ExtractorError):
    code = "E101"


class InputUnreadable(ExtractorError):
    code = "E102"


class DecodeFailed(ExtractorError):
    code = "E103"


class EmptyInput(ExtractorError):
    code = "E104"


class ModelMissing(ExtractorError):
    code = "E201"
    exit_code = ExitCode.MODEL


class ModelDataInvalid(ExtractorError):
    code = "E202"
    exit_code = ExitCode.MODEL


class OutputFailed(ExtractorError):
    code = "E301"
    exit_code = ExitCode.OUTPUT


# --- batch (extractor batch) ---------------------------------------------------------------


class InputBinary(ExtractorError):
    """A file with NUL bytes and no UTF-16/32 byte-order mark: not an article."""

    code = "E110"


class InputLineInvalid(ExtractorError):
    """A JSONL input line that is not an object with a string "text"."""

    code = "E111"


class EngineUnavailable(ExtractorError):
    """`--engine dask` without the 'dask' extra, or a scheduler that cannot be reached."""

    code = "E120"
    exit_code = ExitCode.USAGE
