"""Several article files in, their records out: the library side of `extractor extract PATH...`.

`extract_files` reads each path (or standard input for '-'), extracts it, and keeps going
when one fails: each path gets a `FileResult` holding its record or the exception that
stopped it, and `Extraction.exit_code` says what the whole run amounts to. Nothing here
prints or exits; the CLI reports each result as it arrives (`on_result`).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from extractor.decode import DEFAULT_MAX_BYTES, read_file, too_large
from extractor.errors import ExitCode, exit_code_for

__all__ = ["STDIN", "FileResult", "Extraction", "display", "extract_files", "nothing_found", "read_input"]

#: the path that means standard input
STDIN = "-"


def display(path: str) -> str:
    """A path as messages show it: '<stdin>' for '-'."""
    return "<stdin>" if path == STDIN else path


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[Any] | None = None) -> bytes:
    """The raw bytes of PATH, or of the stream STDIN for '-' (none: no bytes); decoding is the
    core's job. More than MAX_BYTES raises InputTooLarge before reading it all."""
    if path != STDIN:
        return read_file(path, max_bytes)
    if stdin is None:
        return b""
    data = getattr(stdin, "buffer", stdin).read(max_bytes + 1)  # a text stream's bytes, or a binary stream
    if isinstance(data, str):  # a text-only stream (e.g. an IDE console)
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise too_large(display(path), "more than", max_bytes)
    return data


def nothing_found(record: dict[str, Any]) -> bool:
    """No fact at all: every list empty, every value null (encryption False is a fact)."""
    return all(value is None or value == [] or value == {} for value in (record.get("facts") or {}).values())


@dataclass(frozen=True)
class FileResult:
    """One PATH: its record, or the exception that stopped it (an ExtractorError, or a bug)."""

    path: str  # as given; '-' for standard input
    record: dict[str, Any] | None = None
    error: Exception | None = None
    #: `fail_empty` was asked for and the record holds no fact (warning W103)
    empty: bool = False


@dataclass(frozen=True)
class Extraction:
    """Every path's result, in the order the paths were given."""

    results: tuple[FileResult, ...]

    @property
    def records(self) -> list[dict[str, Any]]:
        return [r.record for r in self.results if r.record is not None]

    @property
    def exit_code(self) -> int:
        """0: every file extracted; 1: some failed (the others have records) or, with
        `fail_empty`, a record holds no fact; all failed: the exit code of the first failure."""
        failures = [r.error for r in self.results if r.error is not None]
        if failures:
            return ExitCode.PARTIAL if self.records else exit_code_for(failures[0])
        if any(r.empty for r in self.results):
            return ExitCode.NOTHING_FOUND
        return ExitCode.OK


def extract_files(paths: Iterable[str], *, encoding: str | None = None, explain: bool = False,
                  max_bytes: int = DEFAULT_MAX_BYTES, fail_empty: bool = False, stdin: IO[Any] | None = None,
                  on_result: Callable[[FileResult], None] | None = None) -> Extraction:
    """The record of each of PATHS ('-' reads STDIN), going on past the ones that fail.

    The core (and spaCy) is imported only once a first file has been read, so a run whose
    files are all missing fails fast.
    """
    results = []
    for path in paths:
        result = _extract_one(path, encoding, explain, max_bytes, fail_empty, stdin)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return Extraction(tuple(results))


def _extract_one(path: str, encoding: str | None, explain: bool, max_bytes: int, fail_empty: bool,
                 stdin: IO[Any] | None) -> FileResult:
    try:
        data = read_input(path, max_bytes, stdin)
        core = importlib.import_module("extractor.core")  # looked up per call: tests swap the core
        record = core.extract_bytes(data, path=None if path == STDIN else path, encoding=encoding, explain=explain)
    except Exception as error:  # an ExtractorError, or a bug in the core: kept, and the others go on
        return FileResult(path, error=error)
    return FileResult(path, record, empty=fail_empty and nothing_found(record))
