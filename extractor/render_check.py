"""The render arrow for `extractor check`: a CheckReport -> JSON, or a side-by-side view.

Pure: same report in, same string out. Article text enters the view only as `rich.text.Text`,
so brackets or colons in an article are shown as written, never read as markup or emoji.
Without colour the disagreeing stretches are marked »like this« so the view still says where
they are when written to a file.
"""
from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from extractor.check import CheckReport, Issue, Row, Span
from extractor.render import to_json

__all__ = ["to_json_text", "check_renderable", "to_check_table"]

HIGHLIGHT = "bold white on red"
MARK_OPEN, MARK_CLOSE = "»", "«"


def to_json_text(report: CheckReport) -> str:
    return to_json(report.to_dict())


def _cell(span: Span | None, issues: list[Issue], color: bool, missing: str) -> Text:
    """One sentence (or stretch), with the parts an issue points at highlighted."""
    if span is None:
        return Text(missing, style="dim italic")
    marks: list[tuple[int, int]] = []
    for issue in issues:
        for side in (issue.en, issue.zh):
            if side is not None and side.source == span.source and side.start < span.end and span.start < side.end:
                marks.append((max(side.start, span.start) - span.start, min(side.end, span.end) - span.start))
    marks = sorted(set(marks))
    if color:
        text = Text(span.text)
        for a, b in marks:
            text.stylize(HIGHLIGHT, a, b)
        return text
    out, pos = Text(), 0
    for a, b in marks:
        if a < pos:
            continue  # overlapping marks: the first one already covers it
        out.append(span.text[pos:a])
        out.append(MARK_OPEN + span.text[a:b] + MARK_CLOSE)
        pos = b
    out.append(span.text[pos:])
    return out


def _label(row: Row, flagged: bool) -> Text:
    ids = " ".join(row.en_segments) + (" ↔ " if row.en_segments and row.zh_segments else "") + " ".join(row.zh_segments)
    label = Text(ids, style="bold red" if flagged else "bold")
    if row.score is not None:
        label.append(f"\n{row.score:.2f}", style="dim")
    else:
        label.append("\nunpaired", style="yellow")
    return label


def _paragraph_table(report: CheckReport, color: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
    table.add_column("", no_wrap=True, width=12)
    table.add_column("English", ratio=1, overflow="fold")
    table.add_column("中文", ratio=1, overflow="fold")
    for index, row in enumerate(report.rows):
        if index:
            table.add_section()
        issues = [report.issues[k] for k in row.issues]
        missing = "— no counterpart —"
        for n, pair in enumerate(row.sentences):
            table.add_row(_label(row, bool(issues)) if n == 0 else Text(""),
                          _cell(pair.en, issues, color, "—" if row.en_segments else missing),
                          _cell(pair.zh, issues, color, "—" if row.zh_segments else missing))
    return table


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _summary(report: CheckReport) -> RenderableType:
    links = sum(1 for r in report.rows if r.en_segments and r.zh_segments)
    unpaired = len(report.rows) - links
    sentence_pairs = sum(1 for r in report.rows for p in r.sentences if p.en and p.zh)
    parts: list[RenderableType] = [Text(
        f"Alignment: {_count(links, 'paragraph link')}, {_count(unpaired, 'unpaired paragraph')}, "
        f"{_count(sentence_pairs, 'sentence pair')}")]
    if report.agree:
        parts.append(Text("The two versions agree: no inconsistencies found.", style="bold green"))
        return Group(*parts)
    fields = ", ".join(sorted({i.field for i in report.issues}))
    n = len(report.issues)
    parts += [_issue_table(report), Text(f"{n} inconsistenc{'y' if n == 1 else 'ies'} found ({fields}).", style="bold red")]
    return Group(*parts)


def _issue_table(report: CheckReport) -> Table:
    """One line per inconsistency: field, level, where (offsets in each language) and message."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Field", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Where", no_wrap=True)
    table.add_column("Message")
    several = len(report.sources) > 1
    for issue in report.issues:
        where = ", ".join(f"{lang} {s.start}-{s.end}" + (f" (file {s.source + 1})" if several else "")
                          for lang, s in (("en", issue.en), ("zh", issue.zh)) if s is not None)
        table.add_row(Text(issue.field, style="bold red"), Text(issue.level), Text(where or "—"), Text(issue.message))
    return table


def _header(report: CheckReport) -> Text:
    text = Text()
    for s in report.sources:
        role = {"both": "Article", "original": "Original", "translation": "Translation"}[s.role]
        text.append(f"{role}: {s.path or '<stdin>'}  ({s.encoding}, {s.chars:,} chars)\n")
    text.append(f"Layout: {report.layout}")
    return text


def check_renderable(report: CheckReport, color: bool = False) -> RenderableType:
    return Group(_header(report), Text(""), _paragraph_table(report, color), Text(""), _summary(report))


def to_check_table(report: CheckReport, *, width: int = 120, color: bool = False) -> str:
    """The side-by-side view as a string (ANSI-coloured only when `color`)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, markup=False, emoji=False, highlight=False, legacy_windows=False,
                      force_jupyter=False)
    console.print(check_renderable(report, color))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().rstrip().splitlines())
