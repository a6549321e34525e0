"""What a batch sends to a worker (`Job`) and what comes back (`Outcome`), and the key --resume
compares. A neutral module: `batch`, `worker`, `dask_engine` and `store` all import it, and it
imports none of them, so the batch modules form no import cycle.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: error code of a bug in the core (an exception that is not an ExtractorError)
INTERNAL = "internal"

#: (path or "", JSONL id or "", SHA-256 of the article's bytes)
Key = tuple[str, str, str]


def key_of(path: str | None, id: str | None, sha256: str) -> Key:
    """What --resume compares: where the article came from and the hash of its content.

    A changed file is a new article (extracted again); the same bytes under another name too.
    """
    return (path or "", id or "", sha256)


def record_key(record: dict[str, Any]) -> Key:
    """The key of an article already written, read back from its record."""
    source = record.get("source") or {}
    return key_of(source.get("path"), source.get("id"), source.get("sha256") or "")


class _Named:
    """Where an article came from (`path`, `id`) and its hash, as --resume and messages name it."""

    path: str | None
    id: str | None
    sha256: str

    @property
    def key(self) -> Key:
        return key_of(self.path, self.id, self.sha256)

    @property
    def label(self) -> str:
        where = self.path if self.path is not None else "<stdin>"
        return f"{where}#{self.id}" if self.id is not None else where


@dataclass(frozen=True)
class Job(_Named):
    """One article to extract, or one input that already failed (`error` set)."""

    seq: int
    path: str | None  # the file it came from; None for standard input
    id: str | None  # the "id" of a JSONL line; None for a plain article file
    data: bytes
    sha256: str
    error: tuple[str, str] | None = None  # (code, message)


@dataclass(frozen=True)
class Outcome(_Named):
    """One job done: its record, or the error (code, message) that stopped it."""

    seq: int
    path: str | None
    id: str | None
    sha256: str
    record: dict[str, Any] | None = None
    error: tuple[str, str] | None = None  # (code, message)
