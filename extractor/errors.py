"""One catalogue of coded errors and warnings.

E1xx: input (files, encodings, size, binary data); E2xx: models and their data files;
E3xx: output. W1xx: warnings written into a record's "warnings" (and to stderr by the CLI).
The CLI turns an ExtractorError into one line on stderr and the exit code below;
`catalogue()` lists every code (the README's table is checked against it), and
`exit_code_of` / `exit_code_for` read a code's or an exception's exit code from it.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: some files of a batch failed (the others were written)
    PARTIAL = 1
    #: `check` found inconsistencies between the language versions (same value as PARTIAL)
    INCONSISTENT = 1
    #: `--fail-empty` and a record with no facts (same value as PARTIAL)
    NOTHING_FOUND = 1
    USAGE = 2
    INPUT = 3
    #: a language model, its data, or the pipeline failed
    MODEL = 4
    OUTPUT = 5
    #: a bug: please report it with the input that caused it
    INTERNAL = 70


#: what each exit code means, in the words of `extract --help` and the README
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "attention: some files of a batch failed (the others were written), `check` found "
       "inconsistencies, or `--fail-empty` and nothing was found",
    2: "usage error (bad option or argument)",
    3: "input error (missing, unreadable, binary, oversized or undecodable input)",
    4: "model or pipeline error (a language model or its data is missing or invalid)",
    5: "output error (cannot write the output)",
    70: "internal error (a bug: please report it with the input)",
}


class ExtractorError(Exception):
    """An error a user can act on: a code, a one-line message, an exit code."""

    code = "E000"
    exit_code = ExitCode.INPUT
    #: one line for the catalogue: what the error means
    summary = ""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputNotFound(ExtractorError):
    code = "E101"
    summary = "no such file: check the path"


class InputUnreadable(ExtractorError):
    code = "E102"
    summary = "the path is a directory or cannot be read (permissions)"


class DecodeFailed(ExtractorError):
    code = "E103"
    summary = "the bytes are not text in any encoding tried: name one with --encoding"


class EmptyInput(ExtractorError):
    """Kept for library callers that want to refuse blank input themselves; the core returns an
    empty record with warning W101 instead."""

    code = "E104"
    summary = "the input has no text (batch lists blank files with this code; extract gives an empty record and W101)"


class BinaryInput(ExtractorError):
    code = "E105"
    summary = "binary data (NUL bytes, PDF, executable, image, archive): extract its text first"


class InputTooLarge(ExtractorError):
    code = "E106"
    summary = "the input is larger than --max-bytes: raise the limit or split the file"


class ModelMissing(ExtractorError):
    code = "E201"
    exit_code = ExitCode.MODEL
    summary = "a saved pipeline is missing: run `python -m extractor.build_models`"


class ModelDataInvalid(ExtractorError):
    code = "E202"
    exit_code = ExitCode.MODEL
    summary = "a pipeline or word list is invalid (the message names the file and line)"


class OutputFailed(ExtractorError):
    code = "E301"
    exit_code = ExitCode.OUTPUT
    summary = "cannot write the output file or stream"


class NotBilingual(ExtractorError):
    """`check` was given text in only one language: there is nothing to compare."""

    code = "E107"
    summary = "`check` needs both an English and a Chinese version: give both, or ORIGINAL TRANSLATION"


class InputLineInvalid(ExtractorError):
    """A JSONL input line that is not an object with a string "text"."""

    code = "E111"
    summary = "a JSONL input line is not an object with a string \"text\" (batch): fix the line"


class EngineUnavailable(ExtractorError):
    """`--engine dask` without the 'dask' extra, or a scheduler that cannot be reached."""

    code = "E120"
    exit_code = ExitCode.USAGE
    summary = "`batch --engine dask` needs the 'dask' extra and a reachable scheduler"


#: warnings: (code, summary); the record's "warnings" hold "[Wxxx] message" strings
WARNINGS: dict[str, str] = {
    "W101": "the input has no text: the record is empty",
    "W102": "no encoding was given and the input is not UTF-8: the encoding used was detected",
    "W103": "nothing was found (with --fail-empty the exit code is 1)",
}


def warning(code: str, message: str) -> str:
    """A warning line as stored in a record: '[W101] the input has no text'."""
    if code not in WARNINGS:
        raise KeyError(f"unknown warning code {code}")
    return f"[{code}] {message}"


def catalogue() -> list[tuple[str, int | None, str]]:
    """Every code, sorted: (code, exit code or None for warnings, summary)."""
    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    rows = [(c.code, int(c.exit_code), c.summary) for c in subclasses(ExtractorError)]
    rows += [(code, None, summary) for code, summary in WARNINGS.items()]
    return sorted(set(rows))


def exit_code_of(code: str) -> int:
    """The exit code of an error code ('E101' -> 3), as an outcome of a batch records it;
    input (3) for a code the catalogue does not know."""
    codes = {c: exit for c, exit, _ in catalogue() if exit is not None}
    return codes.get(code, int(ExitCode.INPUT))


def exit_code_for(error: BaseException) -> int:
    """The exit code of an exception: an ExtractorError's own, internal (70) for any other."""
    return int(error.exit_code) if isinstance(error, ExtractorError) else int(ExitCode.INTERNAL)
