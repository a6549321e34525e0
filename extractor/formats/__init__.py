"""Renderers for analysts' tools: STIX 2.1, MISP, CSV and Markdown.

Each module turns one record (the plain dict of `extractor.core`) into a document and is
pure: same record in, same string out. Identifiers are UUIDv5 derived from content (see
`uuid_for`), so re-importing an article into a platform updates objects instead of
duplicating them. Nothing here imports spaCy.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from extractor.lexicon import SECTORS, load_tsv
from extractor.errors import ModelDataInvalid

__all__ = ["NAMESPACE", "Record", "uuid_for", "sector_terms", "primary", "name_of", "zh_tag"]

Record = Mapping[str, Any]

#: the namespace of every UUIDv5 this package makes (itself UUIDv5 of the project's name)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "extractor:formats")

_SECTORS_TSV = Path(__file__).resolve().parent / "sectors.tsv"


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


def primary(items: list[Mapping[str, Any]] | None) -> Mapping[str, Any] | None:
    """The first (best-supported) item of an actor or victim list."""
    return items[0] if items else None


def name_of(item: Mapping[str, Any] | None) -> str | None:
    """The English form of a name, else the Chinese one."""
    if not item:
        return None
    return item.get("en") or item.get("zh")


def zh_tag(record: Record) -> str:
    """A language tag for the article's Chinese that the STIX validator's list knows.

    Its list has region tags only (no zh-Hant), so the script is told by the region: Macau
    and Hong Kong victims get zh-MO / zh-HK, other Traditional text zh-TW; Simplified text
    zh-SG for Singapore, else zh-CN.
    """
    langs = record.get("languages") or []
    code = ((record.get("facts") or {}).get("country") or {}).get("code")
    if "zh-Hans" in langs and "zh-Hant" not in langs:
        return "zh-SG" if code == "SG" else "zh-CN"
    return {"HK": "zh-HK", "MO": "zh-MO"}.get(code or "", "zh-TW")


@cache
def country_names() -> dict[str, str]:
    """ISO code -> the English name the country list gives first (Denmark, not Danish)."""
    from extractor.lexicon import countries

    names: dict[str, str] = {}
    for row in countries():
        if row.lang == "en":
            names.setdefault(row.code, row.phrase)
    return names


_QUALIFIER = {"approx": "approx.", "more_than": "more than", "up_to": "up to", "exact": "exactly"}
_YES_NO = {True: ("yes", "是"), False: ("no", "否")}
_RANSOM = {"demanded": ("demanded", "要求贖金"), "refused": ("refused", "拒絕支付"), "paid": ("paid", "已支付")}


def _number(n: float) -> str:
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


def _quantity(pair: Mapping[str, Any], key: str) -> str:
    from extractor.render import human_bytes

    parts = []
    for side in ("en", "zh"):
        q = pair.get(side)
        if q is None:
            continue
        amount = human_bytes(q[key]) if key == "bytes" else _number(q[key])
        part = f"{_QUALIFIER.get(q['qualifier'], q['qualifier'])} {amount}"
        if part not in parts:
            parts.append(part)
    if len(parts) == 2:
        return f"en: {parts[0]}; zh: {parts[1]}"
    return parts[0] if parts else ""


def fact_rows(record: Record) -> list[tuple[str, str | None, str | None, str]]:
    """(field, English, Chinese, detail) for every fact, in record order; None where absent.

    The plain-text counterpart of the table renderer's rows, shared by the CSV, Markdown,
    STIX note and MISP renderers.
    """
    facts = record.get("facts") or {}
    rows: list[tuple[str, str | None, str | None, str]] = []
    for field in ("actor", "victim"):
        for item in facts.get(field) or [{}]:
            rows.append((field, item.get("en"), item.get("zh"), ""))
    for field, key in (("data_size", "bytes"), ("record_count", "value")):
        pair = facts.get(field) or {}
        en, zh = pair.get("en"), pair.get("zh")
        rows.append((field, en and en["text"], zh and zh["text"], _quantity(pair, key) if pair else ""))
    for item in facts.get("data_types") or [{}]:
        rows.append(("data_type", item.get("en"), item.get("zh"), item.get("category", "")))
    for field, words in (("encryption", _YES_NO), ("ransom", _RANSOM)):
        en, zh = words.get(facts.get(field), (None, None))
        rows.append((field, en, zh, ""))
    for field, key in (("country", "code"), ("sector", "norm")):
        item = facts.get(field) or {}
        rows.append((field, item.get("en"), item.get("zh"), item.get(key) or ""))
    return rows
