"""The render arrow: a record (a plain dict) -> JSON, JSONL or a rich table.

Only this layer (and the CLI's diagnostics) knows about rich. Every function here is pure:
same record in, same string out. Article-derived strings go into the table as
`rich.text.Text`, so `[bold]` or `:smile:` in an article is shown as written, never
interpreted as markup or emoji.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["schema", "to_json", "to_jsonl", "table_renderable", "to_table", "human_bytes"]

Record = Mapping[str, Any]

_MISSING = Text("—", style="dim")
_QUALIFIER = {"approx": "approx.", "more_than": "more than", "up_to": "up to", "exact": "exactly"}
_YES_NO = {True: ("yes", "是"), False: ("no", "否")}
_RANSOM = {"demanded": ("demanded", "要求贖金"), "refused": ("refused", "拒絕支付"), "paid": ("paid", "已支付")}
_UNITS = ("KB", "MB", "GB", "TB", "PB", "EB")


@cache
def schema() -> dict[str, Any]:
    """The record's JSON Schema (draft 2020-12), loaded once from the package data."""
    path = files("extractor") / "schema" / "record.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def to_json(record_or_list: Record | Sequence[Record]) -> str:
    """Indented JSON with a trailing newline; key order is the core's, non-ASCII kept as is."""
    return json.dumps(record_or_list, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_jsonl(records: Iterable[Record]) -> str:
    """One compact JSON object per line."""
    return "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
        for r in records
    )


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


def _number(n: float) -> str:
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


def _text(value: str | None) -> Text:
    return _MISSING if value is None else Text(value)


def _quantity_detail(pair: Mapping[str, Any], fmt) -> Text:
    """'more than 500,000', or one part per language when the two sides disagree."""
    parts = {
        side: f"{_QUALIFIER.get(q['qualifier'], q['qualifier'])} {fmt(q)}"
        for side in ("en", "zh")
        if (q := pair.get(side)) is not None
    }
    if len(set(parts.values())) == 1:
        return Text(next(iter(parts.values())))
    return Text("\n".join(f"{side}: {text}" for side, text in parts.items()))


def _fact_rows(facts: Mapping[str, Any]) -> list[tuple[str, Text, Text, Text]]:
    rows: list[tuple[str, Text, Text, Text]] = []
    for field in ("actor", "victim"):
        items = facts.get(field) or []
        if not items:
            rows.append((field, _MISSING, _MISSING, Text()))
        for item in items:
            rows.append((field, _text(item.get("en")), _text(item.get("zh")), Text()))

    for field, fmt in (
        ("data_size", lambda q: human_bytes(q["bytes"])),
        ("record_count", lambda q: _number(q["value"])),
    ):
        pair = facts.get(field)
        if not pair:
            rows.append((field, _MISSING, _MISSING, Text()))
            continue
        en, zh = pair.get("en"), pair.get("zh")
        rows.append((
            field,
            _text(en and en["text"]),
            _text(zh and zh["text"]),
            _quantity_detail(pair, fmt),
        ))

    for item in facts.get("data_types") or []:
        rows.append(("data_type", _text(item.get("en")), _text(item.get("zh")), Text(item["category"])))
    if not facts.get("data_types"):
        rows.append(("data_type", _MISSING, _MISSING, Text()))

    for field, words in (("encryption", _YES_NO), ("ransom", _RANSOM)):
        value = facts.get(field)
        en, zh = words.get(value, (None, None))
        rows.append((field, _text(en), _text(zh), Text()))

    for field, key in (("country", "code"), ("sector", "norm")):
        item = facts.get(field)
        if not item:
            rows.append((field, _MISSING, _MISSING, Text()))
        else:
            rows.append((field, _text(item.get("en")), _text(item.get("zh")), Text(item[key])))
    return rows


def _alignment_summary(record: Record) -> Text:
    """'13 paragraph links, 0 orphans': orphans are paragraphs with no counterpart."""
    links = record.get("alignment") or []
    segments = [s for s in record.get("segments") or [] if s.get("kind") != "sentence"]
    sides = {"en" if s["lang"] == "en" else "zh" for s in segments if s["lang"] != "other"}
    if len(sides) < 2:
        return Text("Alignment: single-language article, nothing to align", style="dim")
    linked = {sid for link in links for sid in (*link["en"], *link["zh"])}
    orphans = sum(1 for s in segments if s["lang"] != "other" and s["id"] not in linked)
    return Text(
        f"Alignment: {len(links)} paragraph link{'' if len(links) == 1 else 's'}, "
        f"{orphans} orphan{'' if orphans == 1 else 's'}"
    )


def _header(record: Record) -> Text:
    source = record.get("source") or {}
    path = source.get("path")
    header = Text()
    header.append("Source: ", style="bold")
    header.append(path if path is not None else "<stdin>")
    header.append(f"  ({source.get('encoding', '?')}, {source.get('chars', 0):,} chars)", style="dim")
    header.append("\nLanguages: ", style="bold")
    header.append(", ".join(record.get("languages") or []) or "none")
    header.append("\nLayout: ", style="bold")
    header.append(str(record.get("layout", "?")))
    return header


def _inconsistency_table(items: Sequence[Mapping[str, Any]]) -> Table:
    table = Table(title=Text("Inconsistencies"), box=box.SIMPLE_HEAD, title_justify="left")
    for name in ("Field", "English", "中文", "Message"):
        table.add_column(Text(name))
    for item in items:
        message = Text(item["message"])
        if item.get("en_value") is not None or item.get("zh_value") is not None:
            fmt = (lambda v: human_bytes(v, exact=False)) if item["field"] == "data_size" else _number
            values = ", ".join(
                f"{side} {fmt(v) if v is not None else '—'}"
                for side, v in (("en", item.get("en_value")), ("zh", item.get("zh_value")))
            )
            message.append(f" ({values})", style="dim")
        if item.get("segment"):
            message.append(f" [{item['segment']}]", style="dim")
        table.add_row(Text(item["field"]), _text(item.get("en")), _text(item.get("zh")), message)
    return table


def table_renderable(record: Record) -> RenderableType:
    """The record as rich renderables: header, facts table, alignment, inconsistencies, warnings."""
    facts = Table(box=box.SIMPLE_HEAD, show_lines=False)
    facts.add_column(Text("Field"), no_wrap=True, style="bold")
    facts.add_column(Text("English"))
    facts.add_column(Text("中文"))
    facts.add_column(Text("Detail"))
    for row in _fact_rows(record.get("facts") or {}):
        facts.add_row(Text(row[0]), *row[1:])

    parts: list[RenderableType] = [_header(record), facts, _alignment_summary(record)]
    if record.get("inconsistencies"):
        parts.append(_inconsistency_table(record["inconsistencies"]))
    for warning in record.get("warnings") or []:
        parts.append(Text.assemble(("warning: ", "yellow"), warning))
    return Group(*parts)


def to_table(records: Record | Sequence[Record], *, width: int = 120, color: bool = False) -> str:
    """Render one or more records as text tables (ANSI-coloured only when `color`)."""
    if isinstance(records, Mapping):
        records = [records]
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        force_jupyter=False,
    )
    for index, record in enumerate(records):
        if index:
            console.rule(style="dim")
        console.print(table_renderable(record))
    # rich pads every line to the full width; trailing blanks only clutter files and diffs
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().rstrip().splitlines())


# --- analysts' formats (extractor/formats/) -------------------------------------------------

#: formats rendered by extractor.formats; each takes every record of a run
ANALYST_FORMATS = ("stix", "misp", "csv", "markdown")


def to_format(records: Sequence[Record], fmt: str, *, batch: bool) -> str:
    """STIX, MISP, CSV or Markdown for the records of one run.

    STIX and MISP give one indented document for one input; for a batch (`batch`), one
    compact document per line, each valid on its own. CSV is one header and a row per
    record; Markdown one report per record.
    """
    from extractor.formats import markdown, misp, stix, tabular

    if fmt in ("stix", "misp"):
        one = stix.to_stix if fmt == "stix" else misp.to_misp
        if not batch:
            return one(records[0])
        return "".join(one(r, indent=None) for r in records)
    if fmt == "csv":
        return tabular.to_csv(records)
    if fmt == "markdown":
        return markdown.to_markdown(records)
    raise ValueError(f"unknown format: {fmt}")
