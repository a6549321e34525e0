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
from typing import Any

from extractor.formats import Record

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
_NUMERIC = {"data_size_bytes", "record_count"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _join(values: Iterable[str | None]) -> str:
    return "; ".join(v if v is not None else "—" for v in values)


def _safe(column: str, value: Any) -> Any:
    if column in _NUMERIC or not isinstance(value, str):
        return value
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_row(record: Record) -> dict[str, Any]:
    """The CSV cells of one record, keyed by column name ("" where a fact is absent)."""
    facts: Mapping[str, Any] = record.get("facts") or {}
    source = record.get("source") or {}
    row: dict[str, Any] = {
        "path": source.get("path") or "<stdin>",
        "sha256": source.get("sha256") or "",
        "languages": " ".join(record.get("languages") or []),
        "layout": record.get("layout") or "",
    }
    for field in ("actor", "victim"):
        items = facts.get(field) or []
        for side in ("en", "zh"):
            row[f"{field}_{side}"] = _join(i.get(side) for i in items) if items else ""
    for field, key, column in (("data_size", "bytes", "data_size_bytes"), ("record_count", "value", "record_count")):
        pair = facts.get(field) or {}
        best = pair.get("en") or pair.get("zh")
        row[column] = best[key] if best else ""
        row[f"{field}_qualifier"] = best["qualifier"] if best else ""
        for side in ("en", "zh"):
            row[f"{field}_{side}"] = pair[side]["text"] if pair.get(side) else ""
    types = facts.get("data_types") or []
    for side in ("en", "zh"):
        row[f"data_types_{side}"] = _join(t.get(side) for t in types) if types else ""
    row["data_type_categories"] = _join(t["category"] for t in types) if types else ""
    encryption = facts.get("encryption")
    row["encryption"] = "" if encryption is None else str(encryption).lower()
    row["ransom"] = facts.get("ransom") or ""
    for field, key, column in (("country", "code", "country_code"), ("sector", "norm", "sector")):
        item = facts.get(field) or {}
        row[column] = item.get(key) or ""
        for side in ("en", "zh"):
            row[f"{field}_{side}"] = item.get(side) or ""
    row["inconsistencies"] = " | ".join(i["message"] for i in record.get("inconsistencies") or [])
    return {column: _safe(column, row[column]) for column in COLUMNS}


def to_csv(records: Record | Iterable[Record]) -> str:
    """A header row and one row per record."""
    if isinstance(records, Mapping):
        records = [records]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, dialect="excel", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
    return buffer.getvalue()
