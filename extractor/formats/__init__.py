"""Renderers for analysts' tools (STIX 2.1, MISP, CSV, Markdown), and what every renderer shares.

Each module turns one record (the dict of `extractor.core`, or its `extractor.model.Record`)
into a document and is pure: same record in, same string out. Identifiers are UUIDv5 derived
from content (see `uuid_for`), so re-importing an article into a platform updates objects
instead of duplicating them. Nothing here imports spaCy or rich.

Shared with the table of `extractor.render`: how a fact reads in words (`fact_lines`: one line
per fact, English and Chinese side by side, with a detail such as "more than 500,000"), the
byte sizes (`human_bytes`) and the words for qualifiers and verdicts (`labels.tsv`).
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from extractor.errors import ModelDataInvalid
from extractor.lexicon import SECTORS, load_tsv
from extractor.model import Fact, Record, Spec, as_record, schema

__all__ = ["NAMESPACE", "RecordLike", "uuid_for", "sector_terms", "country_names", "zh_tag", "human_bytes",
           "number", "labels", "FactLine", "fact_lines", "fact_rows"]

#: what the renderers take: the record dict or its model
RecordLike = Record | Mapping[str, Any]

#: the namespace of every UUIDv5 this package makes (itself UUIDv5 of the project's name)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "extractor:formats")

_HERE = Path(__file__).resolve().parent
_SECTORS_TSV = _HERE / "sectors.tsv"
_LABELS_TSV = _HERE / "labels.tsv"
_UNITS = ("KB", "MB", "GB", "TB", "PB", "EB")


def uuid_for(*parts: object) -> str:
    """A UUIDv5 for a tuple of values: the same values always give the same id."""
    name = "\x1f".join("" if p is None else str(p) for p in parts)
    return str(uuid.uuid5(NAMESPACE, name))


@cache
def sector_terms() -> dict[str, dict[str, str | None]]:
    """norm -> {"stix": industry-sector-ov word, "misp": victim-template word}; None: no fit."""
    rows = load_tsv(_SECTORS_TSV, ("norm", "stix", "misp"), key=("norm",))
    table = {r["norm"]: {k: (None if r[k] == "-" else r[k]) for k in ("stix", "misp")} for r in rows}
    missing = sorted(set(SECTORS) - set(table))
    if missing:
        raise ModelDataInvalid(f"{_SECTORS_TSV}: no row for sector(s) {', '.join(missing)}")
    return table


def _allowed() -> dict[str, dict[str, Any]]:
    """labels.tsv `field` -> {word in the file: the record's value}, from the schema's enums."""
    defs = schema()["$defs"]
    ransom = schema()["properties"]["facts"]["properties"]["ransom"]["enum"]
    return {"qualifier": {q: q for q in defs["qualifier"]["enum"]},
            "encryption": {"true": True, "false": False},
            "ransom": {r: r for r in ransom if r is not None}}


@cache
def labels() -> Mapping[tuple[str, Any], tuple[str | None, str | None]]:
    """(field, value) -> (English, Chinese) words: a qualifier, an encryption or ransom verdict."""
    allowed = _allowed()
    table: dict[tuple[str, Any], tuple[str | None, str | None]] = {}
    for row in load_tsv(_LABELS_TSV, ("field", "value", "en", "zh"), key=("field", "value")):
        values = allowed.get(row["field"])
        if values is None or row["value"] not in values:
            raise ModelDataInvalid(f"{_LABELS_TSV}: {row['field']} {row['value']!r} is not a value the record "
                                   f"schema allows ({', '.join(f'{k}: {sorted(v)}' for k, v in allowed.items())})")
        words = tuple(None if row[lang] == "-" else row[lang] for lang in ("en", "zh"))
        table[row["field"], values[row["value"]]] = words  # type: ignore[assignment]
    missing = [f"{f} {w}" for f, values in allowed.items() for w, v in values.items() if (f, v) not in table]
    if missing:
        raise ModelDataInvalid(f"{_LABELS_TSV}: no row for {', '.join(missing)}")
    return MappingProxyType(table)


def human_bytes(n: float, *, exact: bool = True) -> str:
    """Decimal (SI) units, as articles use them: 1.3e12 -> '1.3 TB (1,300,000,000,000 bytes)'.

    With exact=False only the short form: '1.3 TB'.
    """
    count = int(round(n))
    if count < 1000:
        return f"{count:,} byte" + ("" if count == 1 else "s")
    value, unit = float(n), "B"
    for unit in _UNITS:
        value /= 1000
        if value < 1000:
            break
    short = f"{value:.2f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{short} ({count:,} bytes)" if exact else short


def number(n: float) -> str:
    """A count with thousands separators: 500000 -> '500,000'; 1.5 stays '1.5'."""
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


@cache
def country_names() -> dict[str, str]:
    """ISO code -> the English name the country list gives first (Denmark, not Danish)."""
    from extractor.lexicon import countries

    names: dict[str, str] = {}
    for row in countries():
        if row.lang == "en":
            names.setdefault(row.code, row.phrase)
    return names


def zh_tag(record: RecordLike) -> str:
    """A language tag for the article's Chinese that the STIX validator's list knows.

    Its list has region tags only (no zh-Hant), so the script is told by the region: Macau
    and Hong Kong victims get zh-MO / zh-HK, other Traditional text zh-TW; Simplified text
    zh-SG for Singapore, else zh-CN.
    """
    rec = as_record(record)
    country = rec.facts.country
    code = country.value if country else None
    if "zh-Hans" in rec.languages and "zh-Hant" not in rec.languages:
        return "zh-SG" if code == "SG" else "zh-CN"
    return {"HK": "zh-HK", "MO": "zh-MO"}.get(str(code or ""), "zh-TW")


@dataclass(frozen=True, slots=True)
class FactLine:
    """One fact as words: the table's, Markdown's and the STIX note's row."""

    field: str  # the row name (data_type for each item of data_types)
    en: str | None  # None: not stated in English (shown as a dash)
    zh: str | None
    #: the language-neutral detail (a category, code, norm), or a quantity's amount: one part,
    #: or one per language ("en: …", "zh: …") when the two disagree
    detail: tuple[str, ...] = ()


def _amounts(fact: Fact, spec: Spec) -> tuple[str, ...]:
    """'more than 500,000' once, or one part per language when the two sides disagree."""
    parts: dict[str, str] = {}
    for side in fact.sides:
        if side.said:
            amount = human_bytes(side.number) if spec.key == "bytes" else number(side.number)  # type: ignore[arg-type]
            word = labels().get(("qualifier", side.qualifier), (side.qualifier, None))[0]
            parts[side.lang] = f"{word} {amount}"
    if len(set(parts.values())) == 1:
        return (next(iter(parts.values())),)
    return tuple(f"{lang}: {text}" for lang, text in parts.items())


def _line(spec: Spec, fact: Fact | None) -> FactLine:
    if fact is None:
        return FactLine(spec.row, None, None)
    if spec.kind == "verdict":
        return FactLine(spec.row, *labels().get((spec.field, fact.value), (None, None)))
    detail: tuple[str, ...] = ()
    if spec.kind == "quantity":
        detail = _amounts(fact, spec)
    elif spec.kind == "label" and fact.value:
        detail = (str(fact.value),)
    return FactLine(spec.row, fact.en.text, fact.zh.text, detail)


def fact_lines(record: RecordLike) -> list[FactLine]:
    """A line for every fact in record order, and one with nothing for each absent fact."""
    return [_line(spec, fact) for spec, facts in as_record(record).facts.slots() for fact in facts or (None,)]


def fact_rows(record: RecordLike) -> list[tuple[str, str | None, str | None, str]]:
    """(field, English, Chinese, detail) for every fact, in record order; None where absent.

    The plain-text form of `fact_lines`, shared by the CSV, Markdown, STIX note and MISP
    renderers; a quantity's two disagreeing amounts are joined with "; ".
    """
    return [(line.field, line.en, line.zh, "; ".join(line.detail)) for line in fact_lines(record)]
