"""Records -> a Markdown report for editors: facts side by side, evidence quoted, the
inconsistencies between the two versions listed.

Article text is escaped (CommonMark backslash escapes, line breaks folded), so a `*`, `|`,
`<script>` or `[link](x)` in an article shows as written and cannot break the table or
inject markup. The matched words are shown in **bold** inside the quoted sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from extractor.formats import Record, fact_rows, name_of

__all__ = ["escape", "to_markdown", "quote_evidence"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
_LINE_START = re.compile(r"^(\s*)([-=>.]|\d+(?=[.)]))")


def _inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _line_safe(text: str) -> str:
    """Escape what would start a list, heading, quote or rule at the start of a line."""
    m = _LINE_START.match(text)
    if not m:
        return text
    mark = m.group(2)
    fixed = mark + "\\" if mark[0].isdigit() else "\\" + mark
    return text[:m.start(2)] + fixed + text[m.end(2):]


def escape(text: str | None) -> str:
    """Inline-safe Markdown for arbitrary text: special characters escaped, one line."""
    if text is None:
        return "—"
    return _line_safe(_inline(text.strip()))


def quote_evidence(ev: Mapping[str, Any]) -> str:
    """The evidence sentence with the matched text in bold (escaped, one line)."""
    sentence, text = (ev.get("sentence") or "").strip(), ev.get("text") or ""
    at = sentence.find(text) if text else -1
    if at < 0:
        return escape(sentence)
    return _line_safe(_inline(sentence[:at]) + "**" + _inline(text) + "**" + _inline(sentence[at + len(text):]))


def _evidence_of(record: Record) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    """(fact, value shown, evidence) for every fact that has evidence."""
    facts = record.get("facts") or {}
    out = []
    for field in ("actor", "victim", "data_types"):
        for item in facts.get(field) or []:
            out.append((field, " / ".join(x for x in dict.fromkeys((item.get("en"), item.get("zh"))) if x),
                        item.get("evidence") or []))
    for field in ("data_size", "record_count"):
        pair = facts.get(field) or {}
        for side in ("en", "zh"):
            if pair.get(side):
                out.append((field, pair[side]["text"], [pair[side]["evidence"]]))
    for field in ("encryption", "ransom"):
        if facts.get(field) is not None:
            out.append((field, str(facts[field]).lower(), (record.get("fact_evidence") or {}).get(field) or []))
    for field, key in (("country", "code"), ("sector", "norm")):
        item = facts.get(field)
        if item:
            out.append((field, item[key], item.get("evidence") or []))
    return out


def _one(record: Record) -> list[str]:
    facts = record.get("facts") or {}
    source = record.get("source") or {}
    victim = name_of((facts.get("victim") or [None])[0])
    actors = [name_of(a) for a in facts.get("actor") or [] if name_of(a)]
    title = "Cyber incident" + (f": {victim}" if victim else "") + (f" ({', '.join(actors)})" if actors else "")
    lines = [f"# {escape(title)}", ""]
    lines.append(f"- Source: {escape(source.get('path') or '<stdin>')}"
                 + (f" (sha256 `{source['sha256'][:16]}…`)" if source.get("sha256") else ""))
    lines.append(f"- Languages: {escape(', '.join(record.get('languages') or []) or 'none')}; "
                 f"layout: {escape(record.get('layout') or '?')}")
    lines += ["", "## Facts", "", "| Field | English | 中文 | Detail |", "| --- | --- | --- | --- |"]
    for field, en, zh, detail in fact_rows(record):
        lines.append(f"| {field} | {escape(en)} | {escape(zh)} | {escape(detail) if detail else ''} |")
    lines += ["", "## Evidence", ""]
    evidence = _evidence_of(record)
    if not evidence:
        lines.append("No fact was found.")
    for field, shown, evs in evidence:
        lines.append(f"**{field}**: {escape(shown)}")
        lines.append("")
        for ev in evs:
            lines.append(f"> {quote_evidence(ev)}  ")
            lines.append(f"> — {ev['lang']}, {ev['segment']} {ev['start']}–{ev['end']}, rule `{ev['rule']}`, "
                         f"score {ev['score']}")
            lines.append("")
    lines += ["## Inconsistencies", ""]
    items = record.get("inconsistencies") or []
    if not items:
        lines.append("None: the two versions agree on every fact checked.")
    for item in items:
        where = f" (segment {item['segment']})" if item.get("segment") else ""
        lines.append(f"- **{item['field']}**: {escape(item['message'])}{where}")
    for warning in record.get("warnings") or []:
        lines.append(f"- warning: {escape(warning)}")
    if record.get("explain"):
        lines += ["", "## Candidates that lost", ""]
        for field, entry in record["explain"].items():
            for r in entry["rejected"]:
                lines.append(f"- **{field}** ({r['lang'] or '?'}) {escape(r['text'])}: {escape(r['reason'])}")
                if r["evidence"]:
                    lines.append(f"  > {quote_evidence(r['evidence'][0])}")
        if lines[-1] == "":
            lines.append("None: every candidate found was kept.")
    return lines


def to_markdown(records: Record | Iterable[Record]) -> str:
    """One report per record, separated by a rule."""
    if isinstance(records, Mapping):
        records = [records]
    parts = ["\n".join(_one(r)) for r in records]
    return "\n\n---\n\n".join(parts) + "\n"
