"""The library API: `extract(text_or_bytes)` -> an `IncidentRecord`.

`IncidentRecord` is a thin typed view over the record dict that `extractor.core` builds and
the JSON Schema describes: typed properties for the main facts, `.to_dict()` and `.to_json()`
for everything. The spaCy pipelines are loaded on the first call and kept for the process
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
    """One article's record. The dict (schema: `extractor schema`) stays the source of truth."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

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
        return [Name(a.get("en"), a.get("zh")) for a in self.facts.get("actor") or []]

    @property
    def victim(self) -> Name | None:
        items = self.facts.get("victim") or []
        return Name(items[0].get("en"), items[0].get("zh")) if items else None

    def _amount(self, field: str, key: str) -> Amount | None:
        pair = self.facts.get(field)
        if not pair:
            return None
        en, zh = pair.get("en"), pair.get("zh")
        best = en or zh
        return Amount(best[key], best["qualifier"], en and en["text"], zh and zh["text"],
                      zh[key] if en and zh and zh[key] != en[key] else None)

    @property
    def data_size(self) -> Amount | None:
        """How much data was taken, in bytes (1 TB = 10**12)."""
        return self._amount("data_size", "bytes")

    @property
    def record_count(self) -> Amount | None:
        """How many people or records were affected."""
        return self._amount("record_count", "value")

    @property
    def data_types(self) -> list[DataType]:
        return [DataType(d.get("en"), d.get("zh"), d["category"]) for d in self.facts.get("data_types") or []]

    @property
    def encryption(self) -> bool | None:
        """True: systems were encrypted; False: the article says they were not; None: not said."""
        return self.facts.get("encryption")

    @property
    def ransom(self) -> Ransom | None:
        return self.facts.get("ransom")

    def _label(self, field: str, key: str) -> Label | None:
        item = self.facts.get(field)
        return Label(item[key], item.get("en"), item.get("zh")) if item else None

    @property
    def country(self) -> Label | None:
        return self._label("country", "code")

    @property
    def sector(self) -> Label | None:
        return self._label("sector", "norm")

    @property
    def inconsistencies(self) -> list[Inconsistency]:
        return [Inconsistency(i["field"], i["message"], i.get("en"), i.get("zh"))
                for i in self._data.get("inconsistencies") or []]

    # --- about the article

    @property
    def languages(self) -> list[str]:
        return list(self._data.get("languages") or [])

    @property
    def layout(self) -> str:
        return self._data["layout"]

    @property
    def path(self) -> str | None:
        return (self._data.get("source") or {}).get("path")

    @property
    def explain(self) -> Mapping[str, Any] | None:
        """The explain block (only when extracted with explain=True)."""
        return self._data.get("explain")

    # --- other formats

    def to_stix(self) -> dict[str, Any]:
        """A STIX 2.1 bundle (see `extractor.formats.stix`)."""
        from extractor.formats.stix import to_bundle

        return to_bundle(self._data)

    def to_misp(self) -> dict[str, Any]:
        """A MISP event in MISP's JSON format (see `extractor.formats.misp`)."""
        from extractor.formats.misp import to_event

        return to_event(self._data)

    def to_markdown(self) -> str:
        from extractor.formats.markdown import to_markdown

        return to_markdown(self._data)


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
