"""Records -> CSV for spreadsheets: a header, then one row per article.

Quoting is the csv module's RFC 4180 dialect (CRLF line ends; fields with commas, quotes or
line breaks quoted). Lists (several actors, data types) are joined with "; " in one cell.
Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe, as OWASP advises for CSV injection; numeric
columns are written as plain numbers.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from extractor.formats import RecordLike
from extractor.model import LANGS, Fact, Record, Spec, as_record

__all__ = ["COLUMNS", "csv_row", "to_csv"]

COLUMNS = (
    "path", "sha256", "languages", "layout",
    "actor_en", "actor_zh", "victim_en", "victim_zh",
    "data_size_bytes", "data_size_qualifier", "data_size_en", "data_size_zh",
    "record_count", "record_count_qualifier", "record_count_en", "record_count_zh",
    "data_types_en", "data_types_zh", "data_type_categories",
    "encryption", "ransom",
    "country_code", "country_en", "country_zh",
    "sector", "sector_en", "sector_zh",
    "inconsistencies",
)
_NUMERIC = frozenset({"data_size_bytes", "record_count"})
#: the column of a field's value: a quantity's number, a label's category, code or norm
_VALUE_COLUMN: Mapping[str, str] = MappingProxyType({
    "data_size": "data_size_bytes", "record_count": "record_count",
    "data_types": "data_type_categories", "country": "country_code", "sector": "sector"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _join(values: Iterable[str | None]) -> str:
    return "; ".join(v if v is not None else "—" for v in values)


def _safe(column: str, value: Any) -> Any:
    if column in _NUMERIC or not isinstance(value, str):
        return value
    return "'" + value if value.startswith(_FORMULA_START) else value


def _texts(spec: Spec, facts: tuple[Fact, ...], lang: str) -> str:
    texts = [f.side(lang).text for f in facts]
    if not facts:
        return ""
    return _join(texts) if spec.many else texts[0] or ""


def _fact_cells(spec: Spec, facts: tuple[Fact, ...]) -> dict[str, Any]:
    """The cells of one field: its text in each language and its value (a quantity: number and qualifier)."""
    if spec.kind == "verdict":
        value = facts[0].value
        return {spec.field: "" if value is None else str(value).lower() if isinstance(value, bool) else value}
    row = {f"{spec.field}_{lang}": _texts(spec, facts, lang) for lang in LANGS}
    if spec.kind == "quantity":
        best = facts[0].best if facts else None
        row[_VALUE_COLUMN[spec.field]] = best.number if best else ""
        row[f"{spec.field}_qualifier"] = best.qualifier if best else ""
    elif spec.kind == "label":
        values = [f.value for f in facts]
        row[_VALUE_COLUMN[spec.field]] = ("" if not facts else _join(values) if spec.many  # type: ignore[arg-type]
                                          else values[0] or "")
    return row


def csv_row(record: RecordLike) -> dict[str, Any]:
    """The CSV cells of one record, keyed by column name ("" where a fact is absent)."""
    rec = as_record(record)
    row: dict[str, Any] = {
        "path": rec.source.path or "<stdin>",
        "sha256": rec.source.sha256 or "",
        "languages": " ".join(rec.languages),
        "layout": rec.layout or "",
    }
    for spec, facts in rec.facts.slots():
        row.update(_fact_cells(spec, facts))
    row["inconsistencies"] = " | ".join(str(i.message) for i in rec.inconsistencies)
    return {column: _safe(column, row[column]) for column in COLUMNS}


def to_csv(records: RecordLike | Iterable[RecordLike]) -> str:
    """A header row and one row per record."""
    if isinstance(records, (Mapping, Record)):
        records = [records]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, dialect="excel", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
    return buffer.getvalue()
