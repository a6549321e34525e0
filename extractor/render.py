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
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from extractor.formats import RecordLike, fact_lines, human_bytes, number
from extractor.model import Inconsistency, as_record, schema
from extractor.model import Record as ModelRecord

__all__ = ["schema", "to_json", "to_jsonl", "table_renderable", "to_table", "human_bytes"]

Record = Mapping[str, Any]

_MISSING = Text("—", style="dim")


def to_json(record_or_list: Record | Sequence[Record]) -> str:
    """Indented JSON with a trailing newline; key order is the core's, non-ASCII kept as is."""
    return json.dumps(record_or_list, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_jsonl(records: Iterable[Record]) -> str:
    """One compact JSON object per line."""
    return "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
        for r in records
    )


def _text(value: str | None) -> Text:
    return _MISSING if value is None else Text(value)


def _facts_table(rec: ModelRecord) -> Table:
    """A row per fact (`formats.fact_lines`); a quantity's two disagreeing amounts on two lines."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column(Text("Field"), no_wrap=True, style="bold")
    for name in ("English", "中文", "Detail"):
        table.add_column(Text(name))
    for line in fact_lines(rec):
        table.add_row(Text(line.field), _text(line.en), _text(line.zh), Text("\n".join(line.detail)))
    return table


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _alignment_summary(rec: ModelRecord) -> Text:
    """'13 paragraph links, 0 orphans': orphans are paragraphs with no counterpart."""
    paragraphs = [s for s in rec.segments if s.kind != "sentence" and s.lang != "other"]
    if len({"en" if s.lang == "en" else "zh" for s in paragraphs}) < 2:
        return Text("Alignment: single-language article, nothing to align", style="dim")
    linked = {sid for link in rec.alignment for sid in (*link.en, *link.zh)}
    orphans = sum(1 for s in paragraphs if s.id not in linked)
    return Text(f"Alignment: {_plural(len(rec.alignment), 'paragraph link')}, {_plural(orphans, 'orphan')}")


def _header(rec: ModelRecord) -> Text:
    source = rec.source
    header = Text()
    header.append("Source: ", style="bold")
    header.append(source.path if source.path is not None else "<stdin>")
    header.append(f"  ({source.encoding or '?'}, {source.chars or 0:,} chars)", style="dim")
    header.append("\nLanguages: ", style="bold")
    header.append(", ".join(rec.languages) or "none")
    header.append("\nLayout: ", style="bold")
    header.append(str(rec.layout or "?"))
    return header


def _values(item: Inconsistency) -> str:
    """'en 1.3 TB, zh 1.2 TB': the two figures an inconsistency compares."""
    fmt = (lambda v: human_bytes(v, exact=False)) if item.field == "data_size" else number
    return ", ".join(f"{side} {fmt(v) if v is not None else '—'}"
                     for side, v in (("en", item.en_value), ("zh", item.zh_value)))


def _inconsistency_table(items: Sequence[Inconsistency]) -> Table:
    table = Table(title=Text("Inconsistencies"), box=box.SIMPLE_HEAD, title_justify="left")
    for name in ("Field", "English", "中文", "Message"):
        table.add_column(Text(name))
    for item in items:
        message = Text(str(item.message))
        if item.en_value is not None or item.zh_value is not None:
            message.append(f" ({_values(item)})", style="dim")
        if item.segment:
            message.append(f" [{item.segment}]", style="dim")
        table.add_row(Text(str(item.field)), _text(item.en), _text(item.zh), message)
    return table


def table_renderable(record: RecordLike) -> RenderableType:
    """The record as rich renderables: header, facts table, alignment, inconsistencies, warnings."""
    rec = as_record(record)
    parts: list[RenderableType] = [_header(rec), _facts_table(rec), _alignment_summary(rec)]
    if rec.inconsistencies:
        parts.append(_inconsistency_table(rec.inconsistencies))
    for warning in rec.warnings:
        parts.append(Text.assemble(("warning: ", "yellow"), warning))
    return Group(*parts)


def to_table(records: RecordLike | Sequence[RecordLike], *, width: int = 120, color: bool = False) -> str:
    """Render one or more records as text tables (ANSI-coloured only when `color`)."""
    if isinstance(records, (Mapping, ModelRecord)):
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
