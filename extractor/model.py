"""The record as typed, frozen values: one shape for every fact, one walk over the facts.

The core builds a record as a plain dict in the shape the JSON Schema fixes
(`extractor/schema/record.schema.json`). `Record.from_dict` reads it into the frozen
dataclasses below and `Record.to_dict` writes back the very same dict, key order included,
so that every output can be made from the model and none has to know the dict's layout.

Every fact, whatever its kind, is a `Fact`: its `field`, a language-neutral `value` (the
name, a data type's category, a country's ISO code, a sector's norm, a quantity's number,
the encryption or ransom verdict), one `Side` per language (the text as that language
writes it, its own normalised value and number, its evidence) and all its `evidence` in
record order. The list facts (actor, victim, data_types) are tuples of facts; the verdicts
(encryption, ransom) carry their `fact_evidence`.

`Facts.slots()` is the one walk over the facts, in record order and with the empty ones;
`Record.rows()` flattens it to one `Row` per fact and language. Every renderer, the SQLite
store, `--explain` and the library API read the record through these two.

Importing this module imports neither spaCy nor rich.
"""
from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Self

__all__ = [
    "LANGS", "SPECS", "FIELDS", "Spec", "Evidence", "Side", "Fact", "Facts", "Row", "Source", "Segment",
    "Link", "Inconsistency", "Record", "as_record", "fact_rows", "schema",
]

Lang = Literal["en", "zh"]
Kind = Literal["name", "label", "quantity", "verdict"]
#: a fact's normalised value: a name, category, code or norm; a number; a verdict
Value = str | int | float | bool | None

LANGS: tuple[Lang, Lang] = ("en", "zh")


@cache
def schema() -> dict[str, Any]:
    """The record's JSON Schema (draft 2020-12), loaded once from the package data."""
    path = files("extractor") / "schema" / "record.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Spec:
    """How one fact sits in the record dict.

    `kind` says its shape there: `name` {en, zh, evidence}; `label` the same plus `key`
    (category, code, norm); `quantity` {en: {text, <key>, qualifier, evidence}, zh: ...};
    `verdict` a bare value whose evidence is `fact_evidence[field]`.
    """

    field: str  # the key in record["facts"]
    row: str  # the name a row (table, CSV column, SQLite) gives it: data_types -> data_type
    kind: Kind
    many: bool  # a list of facts
    key: str | None = None  # the dict key of the normalised value (label) or number (quantity)


#: every fact of a record, in record order
SPECS: tuple[Spec, ...] = (
    Spec("actor", "actor", "name", True),
    Spec("victim", "victim", "name", True),
    Spec("data_size", "data_size", "quantity", False, "bytes"),
    Spec("record_count", "record_count", "quantity", False, "value"),
    Spec("data_types", "data_type", "label", True, "category"),
    Spec("encryption", "encryption", "verdict", False),
    Spec("ransom", "ransom", "verdict", False),
    Spec("country", "country", "label", False, "code"),
    Spec("sector", "sector", "label", False, "norm"),
)
FIELDS: tuple[str, ...] = tuple(s.field for s in SPECS)
_SPEC: Mapping[str, Spec] = MappingProxyType({s.field: s for s in SPECS})


class _Keyed:
    """A dataclass that writes back exactly the keys it was read with, in their order (its
    optional keys are in the dict only when the core put them there)."""

    __slots__ = ()
    keys: tuple[str, ...]
    #: the keys of an empty dict's `to_dict`
    REQUIRED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Self:
        d = d or {}
        names = [f.name for f in fields(cls) if f.name != "keys"]  # type: ignore[arg-type]
        return cls(**{n: d.get(n) for n in names}, keys=tuple(k for k in d if k in names) or cls.REQUIRED)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.keys}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value came from: a span of the decoded text, its sentence, the rule and its score."""

    lang: Lang | None
    segment: str | None
    start: int | None
    end: int | None
    text: str | None
    sentence: str | None
    rule: str | None
    score: float | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(d.get("lang"), d.get("segment"), d.get("start"), d.get("end"), d.get("text"),
                   d.get("sentence"), d.get("rule"), d.get("score"))

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "segment": self.segment, "start": self.start, "end": self.end,
                "text": self.text, "sentence": self.sentence, "rule": self.rule, "score": self.score}


def _evidence(items: Sequence[Mapping[str, Any]] | None) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(e) for e in items or ())


@dataclass(frozen=True, slots=True)
class Side:
    """A fact as one language states it. `text` is None when that language does not state it."""

    lang: Lang
    text: str | None
    value: Value  # normalised: the fact's value, or this side's own number for a quantity
    evidence: tuple[Evidence, ...] = ()  # this language's evidence, in record order
    number: int | float | None = None  # bytes (data_size) or count (record_count)
    qualifier: str | None = None  # approx, more_than, up_to, exact (quantities)

    @property
    def said(self) -> bool:
        """Whether this language states the fact: a row for each side that does."""
        return bool(self.text)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact: its field, its language-neutral value, what each language says, all its evidence."""

    field: str
    value: Value
    en: Side
    zh: Side
    evidence: tuple[Evidence, ...] = ()  # all of it, in record order

    @property
    def spec(self) -> Spec:
        return _SPEC[self.field]

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.en, self.zh)

    def side(self, lang: str) -> Side:
        return self.en if lang == "en" else self.zh

    @property
    def best(self) -> Side:
        """The side a single value is taken from: English where it is stated, else Chinese."""
        return self.en if self.en.text is not None else self.zh

    @property
    def pair(self) -> str | None:
        """'English / Chinese', once when they agree; None when neither is written."""
        return " / ".join(x for x in dict.fromkeys((self.en.text, self.zh.text)) if x) or None

    # --- reading and writing the dict

    @classmethod
    def from_dict(cls, field: str, data: Any, fact_evidence: Sequence[Mapping[str, Any]] | None = None) -> Fact:
        """The fact `data` of `field` as the record gives it (`fact_evidence` for a verdict)."""
        kind = _SPEC[field].kind
        if kind == "quantity":
            return cls._quantity(field, data)
        if kind == "verdict":
            return cls._verdict(field, data, _evidence(fact_evidence))
        evidence = _evidence(data.get("evidence"))
        key = _SPEC[field].key
        value = data.get(key) if key else (data.get("en") or data.get("zh"))
        en, zh = (Side(lang, data.get(lang), value, _of(evidence, lang)) for lang in LANGS)
        return cls(field, value, en, zh, evidence)

    @classmethod
    def _quantity(cls, field: str, pair: Mapping[str, Any]) -> Fact:
        key = _SPEC[field].key or ""

        def side(lang: Lang) -> Side:
            d = pair.get(lang)
            if d is None:
                return Side(lang, None, None)
            ev = (Evidence.from_dict(d["evidence"]),) if d.get("evidence") is not None else ()
            return Side(lang, d.get("text"), d.get(key), ev, d.get(key), d.get("qualifier"))

        en, zh = side("en"), side("zh")
        best = en if en.text is not None else zh
        return cls(field, best.number, en, zh, en.evidence + zh.evidence)

    @classmethod
    def _verdict(cls, field: str, value: Value, evidence: tuple[Evidence, ...]) -> Fact:
        en, zh = (Side(lang, next((e.text for e in evidence if e.lang == lang), None), value, _of(evidence, lang))
                  for lang in LANGS)
        return cls(field, value, en, zh, evidence)

    def to_dict(self) -> Any:
        """The fact as the record's `facts[field]` gives it (a verdict: its bare value)."""
        spec = self.spec
        if spec.kind == "verdict":
            return self.value
        if spec.kind == "quantity":
            return {lang: None if s.text is None else {
                "text": s.text, spec.key: s.number, "qualifier": s.qualifier,
                "evidence": s.evidence[0].to_dict() if s.evidence else None} for lang, s in zip(LANGS, self.sides)}
        out: dict[str, Any] = {"en": self.en.text, "zh": self.zh.text}
        if spec.key:
            out[spec.key] = self.value
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out

    # --- rows

    def rows(self, index: int = 0) -> Iterator[Row]:
        """A row per language that states the fact (see `Row`)."""
        if self.spec.kind == "verdict":
            yield from self._verdict_rows()
            return
        for side in self.sides:
            if side.said:
                yield Row(self.spec.row, index, side.lang, side.text, side.value, side.number, side.qualifier,
                          side.evidence[0] if side.evidence else None)

    def _verdict_rows(self) -> Iterator[Row]:
        """A verdict: a row per language its evidence is in, in order of appearance; one with no language
        when it has no evidence; none when the article gives no verdict."""
        if self.value is None:
            return
        langs = list(dict.fromkeys(e.lang for e in self.evidence if e.lang))
        for lang in langs:
            side = self.side(lang)
            yield Row(self.spec.row, 0, lang, side.text, self.value, None, None, side.evidence[0])
        if not langs:
            yield Row(self.spec.row, 0, None, None, self.value, None, None, None)


def _of(evidence: tuple[Evidence, ...], lang: str) -> tuple[Evidence, ...]:
    return tuple(e for e in evidence if e.lang == lang)


@dataclass(frozen=True, slots=True)
class Row:
    """One fact in one language: what the SQLite store writes, and any per-language listing."""

    field: str  # the row name: actor, victim, data_size, record_count, data_type, encryption, ...
    index: int  # the fact's place in its list (0 for a single fact)
    lang: Lang | None  # None only for a verdict with no evidence
    text: str | None  # as written in that language (a verdict: its evidence's words)
    value: Value  # normalised (see Fact.value; a quantity: this side's number)
    number: int | float | None  # bytes (data_size), count (record_count)
    qualifier: str | None  # a quantity's qualifier
    evidence: Evidence | None  # this language's first evidence


@dataclass(frozen=True, slots=True)
class Facts:
    """The nine facts of a record. A verdict is always there (`value` None: not stated)."""

    actor: tuple[Fact, ...] = ()
    victim: tuple[Fact, ...] = ()
    data_size: Fact | None = None
    record_count: Fact | None = None
    data_types: tuple[Fact, ...] = ()
    encryption: Fact = Fact("encryption", None, Side("en", None, None), Side("zh", None, None))
    ransom: Fact = Fact("ransom", None, Side("en", None, None), Side("zh", None, None))
    country: Fact | None = None
    sector: Fact | None = None

    @classmethod
    def from_dict(cls, facts: Mapping[str, Any] | None, fact_evidence: Mapping[str, Any] | None = None) -> Facts:
        """Read `record["facts"]` and `record["fact_evidence"]`. An empty entry is an absent fact."""
        facts, fact_evidence = facts or {}, fact_evidence or {}
        out: dict[str, Any] = {}
        for spec in SPECS:
            data = facts.get(spec.field)
            if spec.kind == "verdict":
                out[spec.field] = Fact.from_dict(spec.field, data, fact_evidence.get(spec.field))
            elif spec.many:
                out[spec.field] = tuple(Fact.from_dict(spec.field, d) for d in data or ())
            else:
                out[spec.field] = Fact.from_dict(spec.field, data) if data else None
        return cls(**out)

    def to_dict(self) -> dict[str, Any]:
        """`record["facts"]`."""
        out: dict[str, Any] = {}
        for spec, items in self.slots():
            if spec.many:
                out[spec.field] = [f.to_dict() for f in items]
            else:
                out[spec.field] = items[0].to_dict() if items else None
        return out

    def fact_evidence(self) -> dict[str, Any]:
        """`record["fact_evidence"]`: the evidence of the verdicts."""
        return {s.field: [e.to_dict() for e in getattr(self, s.field).evidence] for s in SPECS if s.kind == "verdict"}

    def slots(self) -> Iterator[tuple[Spec, tuple[Fact, ...]]]:
        """Every field in record order with its facts: () when absent; a verdict always has its one."""
        for spec in SPECS:
            found = getattr(self, spec.field)
            yield spec, found if spec.many else (() if found is None else (found,))

    def rows(self) -> Iterator[Row]:
        """One row per fact and language that states it, in record order."""
        for _, items in self.slots():
            for index, fact in enumerate(items):
                yield from fact.rows(index)


@dataclass(frozen=True, slots=True)
class Source(_Keyed):
    """Where the article came from; `id` only for a JSONL line of `extractor batch`."""

    path: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    bom: bool | None = None
    newline: str | None = None
    chars: int | None = None
    id: str | None = None
    keys: tuple[str, ...] = ()



@dataclass(frozen=True, slots=True)
class Segment:
    id: str
    lang: str
    start: int
    end: int
    kind: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Segment:
        return cls(d["id"], d["lang"], d["start"], d["end"], d["kind"])

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "lang": self.lang, "start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Link:
    """English and Chinese segments that say the same thing."""

    en: tuple[str, ...]
    zh: tuple[str, ...]
    score: float

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Link:
        return cls(tuple(d["en"]), tuple(d["zh"]), d["score"])

    def to_dict(self) -> dict[str, Any]:
        return {"en": list(self.en), "zh": list(self.zh), "score": self.score}


@dataclass(frozen=True, slots=True)
class Inconsistency(_Keyed):
    """A disagreement between the two versions; the optional keys are there only when the record has them."""

    field: str | None = None
    en: str | None = None
    zh: str | None = None
    message: str | None = None
    en_value: float | None = None
    zh_value: float | None = None
    segment: str | None = None
    en_start: int | None = None
    en_end: int | None = None
    zh_start: int | None = None
    zh_end: int | None = None
    keys: tuple[str, ...] = ()
    REQUIRED: ClassVar[tuple[str, ...]] = ("field", "en", "zh", "message")


@dataclass(frozen=True, slots=True)
class Record:
    """One article's record. `from_dict(d).to_dict() == d`, key order included, for any record the core makes."""

    schema_version: str | None = None
    tool: tuple[tuple[str, Any], ...] = ()
    source: Source = Source()
    languages: tuple[str, ...] = ()
    layout: str | None = None
    segments: tuple[Segment, ...] = ()
    alignment: tuple[Link, ...] = ()
    facts: Facts = Facts()
    inconsistencies: tuple[Inconsistency, ...] = ()
    warnings: tuple[str, ...] = ()
    #: the --explain block as the record gives it (a private copy; `to_dict` copies it again)
    explain: Mapping[str, Any] | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Record:
        """Read a record dict; missing parts read as empty, as the renderers have always taken them."""
        explain = d.get("explain")
        return cls(
            schema_version=d.get("schema_version"),
            tool=tuple((d.get("tool") or {}).items()),
            source=Source.from_dict(d.get("source")),
            languages=tuple(d.get("languages") or ()),
            layout=d.get("layout"),
            segments=tuple(Segment.from_dict(s) for s in d.get("segments") or ()),
            alignment=tuple(Link.from_dict(a) for a in d.get("alignment") or ()),
            facts=Facts.from_dict(d.get("facts"), d.get("fact_evidence")),
            inconsistencies=tuple(Inconsistency.from_dict(i) for i in d.get("inconsistencies") or ()),
            warnings=tuple(d.get("warnings") or ()),
            explain=None if explain is None else copy.deepcopy(explain),
        )

    def to_dict(self) -> dict[str, Any]:
        """The record dict, as the core made it (a new dict: change it freely)."""
        out = {
            "schema_version": self.schema_version,
            "tool": dict(self.tool),
            "source": self.source.to_dict(),
            "languages": list(self.languages),
            "layout": self.layout,
            "segments": [s.to_dict() for s in self.segments],
            "alignment": [a.to_dict() for a in self.alignment],
            "facts": self.facts.to_dict(),
            "fact_evidence": self.facts.fact_evidence(),
            "inconsistencies": [i.to_dict() for i in self.inconsistencies],
            "warnings": list(self.warnings),
        }
        if self.explain is not None:
            out["explain"] = copy.deepcopy(dict(self.explain))
        return out

    def rows(self) -> Iterator[Row]:
        """One row per fact and language that states it, in record order (see `Row`)."""
        return self.facts.rows()


def as_record(record: Record | Mapping[str, Any]) -> Record:
    """The model of a record given as the model or as the dict."""
    return record if isinstance(record, Record) else Record.from_dict(record)


def fact_rows(record: Record | Mapping[str, Any]) -> list[Row]:
    """`Record.rows()` of a record given either way."""
    return list(as_record(record).rows())
