"""The library API: `extract(text_or_bytes)` -> an `IncidentRecord`.

`IncidentRecord` is a thin typed view over the record dict that `extractor.core` builds and
the JSON Schema describes: typed properties for the main facts (read from the record's model,
`extractor.model.Record`), `.to_dict()` and `.to_json()` for everything. The spaCy pipelines are loaded on the first call and kept for the process
(`extractor.nlp.load` caches them), so calling `extract` in a loop is cheap after the first.

Importing this module does not import spaCy; `extract` does, on first use.
"""
from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from extractor.model import Fact, Record

__all__ = ["extract", "IncidentRecord", "Name", "Amount", "DataType", "Label", "Inconsistency"]

Ransom = Literal["demanded", "refused", "paid"]
Qualifier = Literal["approx", "more_than", "up_to", "exact"]


@dataclass(frozen=True)
class Name:
    """An actor or victim: its English and Chinese forms (either may be None)."""

    en: str | None
    zh: str | None

    def __str__(self) -> str:
        return self.en or self.zh or ""


@dataclass(frozen=True)
class Amount:
    """A data size (`value` in bytes, decimal units) or a record count, as the text says it."""

    value: float | int
    qualifier: Qualifier
    en: str | None
    zh: str | None
    #: the Chinese figure when it differs from the English one (an inconsistency)
    zh_value: float | int | None = None


@dataclass(frozen=True)
class DataType:
    en: str | None
    zh: str | None
    category: str


@dataclass(frozen=True)
class Label:
    """A country (`key` = ISO 3166-1 alpha-2 code) or sector (`key` = normalised sector)."""

    key: str
    en: str | None
    zh: str | None


@dataclass(frozen=True)
class Inconsistency:
    field: str
    message: str
    en: str | None
    zh: str | None


class IncidentRecord:
    """One article's record. The dict (schema: `extractor schema`) stays the source of truth;
    the typed properties read its model (`extractor.model.Record`)."""

    __slots__ = ("_data", "_record")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data
        self._record = Record.from_dict(data)

    def __repr__(self) -> str:
        victim = self.victim
        return f"IncidentRecord(victim={str(victim) if victim else None!r}, actors={[str(a) for a in self.actors]!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IncidentRecord) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]  # mutable underneath

    # --- whole record

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the record dict: change it freely."""
        return copy.deepcopy(dict(self._data))

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text: with indent=2 the bytes `--format json` writes, with None one line as `jsonl`."""
        separators = (",", ":") if indent is None else None
        return json.dumps(self._data, indent=indent, separators=separators, ensure_ascii=False, allow_nan=False) + "\n"

    # --- facts

    @property
    def facts(self) -> Mapping[str, Any]:
        return self._data["facts"]

    @property
    def actors(self) -> list[Name]:
        return [_name(a) for a in self._record.facts.actor]

    @property
    def victim(self) -> Name | None:
        victims = self._record.facts.victim
        return _name(victims[0]) if victims else None

    @property
    def data_size(self) -> Amount | None:
        """How much data was taken, in bytes (1 TB = 10**12)."""
        return _amount(self._record.facts.data_size)

    @property
    def record_count(self) -> Amount | None:
        """How many people or records were affected."""
        return _amount(self._record.facts.record_count)

    @property
    def data_types(self) -> list[DataType]:
        return [DataType(d.en.text, d.zh.text, d.value) for d in self._record.facts.data_types]  # type: ignore[arg-type]

    @property
    def encryption(self) -> bool | None:
        """True: systems were encrypted; False: the article says they were not; None: not said."""
        return self._record.facts.encryption.value  # type: ignore[return-value]

    @property
    def ransom(self) -> Ransom | None:
        return self._record.facts.ransom.value  # type: ignore[return-value]

    @property
    def country(self) -> Label | None:
        return _label(self._record.facts.country)

    @property
    def sector(self) -> Label | None:
        return _label(self._record.facts.sector)

    @property
    def inconsistencies(self) -> list[Inconsistency]:
        return [Inconsistency(i.field, i.message, i.en, i.zh) for i in self._record.inconsistencies]  # type: ignore[arg-type]

    # --- about the article

    @property
    def languages(self) -> list[str]:
        return list(self._record.languages)

    @property
    def layout(self) -> str:
        return self._data["layout"]

    @property
    def path(self) -> str | None:
        return self._record.source.path

    @property
    def explain(self) -> Mapping[str, Any] | None:
        """The explain block (only when extracted with explain=True)."""
        return self._data.get("explain")

    # --- other formats

    def to_stix(self) -> dict[str, Any]:
        """A STIX 2.1 bundle (see `extractor.formats.stix`)."""
        from extractor.formats.stix import to_bundle

        return to_bundle(self._record)

    def to_misp(self) -> dict[str, Any]:
        """A MISP event in MISP's JSON format (see `extractor.formats.misp`)."""
        from extractor.formats.misp import to_event

        return to_event(self._record)

    def to_markdown(self) -> str:
        from extractor.formats.markdown import to_markdown

        return to_markdown(self._record)


def _name(fact: Fact) -> Name:
    return Name(fact.en.text, fact.zh.text)


def _amount(fact: Fact | None) -> Amount | None:
    """The quantity as the English text says it (else the Chinese), and the Chinese figure if it differs."""
    if fact is None:
        return None
    en, zh, best = fact.en, fact.zh, fact.best
    differs = en.text is not None and zh.text is not None and zh.number != en.number
    return Amount(best.number, best.qualifier, en.text, zh.text,  # type: ignore[arg-type]
                  zh.number if differs else None)


def _label(fact: Fact | None) -> Label | None:
    return Label(fact.value, fact.en.text, fact.zh.text) if fact else None  # type: ignore[arg-type]


def extract(article: str | bytes, *, path: str | None = None, encoding: str | None = None,
            explain: bool = False) -> IncidentRecord:
    """The record of one article.

    `article` is the text (str) or the file's bytes (UTF-8 unless a BOM or `encoding` says
    otherwise). `path` is only recorded in `source.path`. With `explain`, the record also
    carries the `explain` block. Blank input gives an empty record with warning W101. Raises
    `extractor.errors.ExtractorError` subclasses (`DecodeFailed`, `BinaryInput`, `ModelMissing`,
    ...) for input and model problems.
    """
    from extractor import core

    more = {"explain": True} if explain else {}  # the core's signature is unchanged by default
    if isinstance(article, (bytes, bytearray, memoryview)):
        return IncidentRecord(core.extract_bytes(bytes(article), path=path, encoding=encoding, **more))
    if not isinstance(article, str):
        raise TypeError(f"extract() takes str or bytes, not {type(article).__name__}")
    from extractor.decode import Decoded

    text = article[1:] if article.startswith("\ufeff") else article
    decoded = Decoded(text=text, encoding="utf-8", bom=text is not article,
                      sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    source = {"path": path, "sha256": decoded.sha256, "encoding": "utf-8", "bom": decoded.bom,
              "newline": decoded.newline, "chars": len(text)}
    return IncidentRecord(core.extract_text(text, source, **more))
