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

from extractor.formats import RecordLike, fact_rows
from extractor.model import Evidence, Fact, Facts, Record, Spec, as_record

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


def quote_evidence(ev: Evidence | Mapping[str, Any]) -> str:
    """The evidence sentence with the matched text in bold (escaped, one line)."""
    if not isinstance(ev, Evidence):
        ev = Evidence.from_dict(ev)
    sentence, text = (ev.sentence or "").strip(), ev.text or ""
    at = sentence.find(text) if text else -1
    if at < 0:
        return escape(sentence)
    return _line_safe(_inline(sentence[:at]) + "**" + _inline(text) + "**" + _inline(sentence[at + len(text):]))


def _shown(spec: Spec, facts: tuple[Fact, ...]) -> list[tuple[str, tuple[Evidence, ...]]]:
    """(value shown, evidence) for each fact of one field that has something to show."""
    if spec.many:
        return [(f.pair or "", f.evidence) for f in facts]
    if not facts:
        return []
    fact = facts[0]
    if spec.kind == "quantity":
        return [(str(s.text), s.evidence) for s in fact.sides if s.text is not None]
    if spec.kind == "verdict":
        return [] if fact.value is None else [(str(fact.value).lower(), fact.evidence)]
    return [(str(fact.value), fact.evidence)]


def _evidence_of(facts: Facts) -> list[tuple[str, str, tuple[Evidence, ...]]]:
    """(fact, value shown, evidence) for every fact that has evidence: the lists first."""
    slots = sorted(facts.slots(), key=lambda slot: not slot[0].many)
    return [(spec.field, shown, evs) for spec, found in slots for shown, evs in _shown(spec, found)]


def _head(rec: Record) -> list[str]:
    """The title and the source lines."""
    facts, source = rec.facts, rec.source
    victim = facts.victim[0].value if facts.victim else None
    actors = [str(a.value) for a in facts.actor if a.value]
    title = "Cyber incident" + (f": {victim}" if victim else "") + (f" ({', '.join(actors)})" if actors else "")
    return [f"# {escape(title)}", "",
            f"- Source: {escape(source.path or '<stdin>')}"
            + (f" (sha256 `{source.sha256[:16]}…`)" if source.sha256 else ""),
            f"- Languages: {escape(', '.join(rec.languages) or 'none')}; layout: {escape(rec.layout or '?')}"]


def _evidence_lines(rec: Record) -> list[str]:
    lines = ["", "## Evidence", ""]
    evidence = _evidence_of(rec.facts)
    if not evidence:
        lines.append("No fact was found.")
    for field, shown, evs in evidence:
        lines.append(f"**{field}**: {escape(shown)}")
        lines.append("")
        for ev in evs:
            lines.append(f"> {quote_evidence(ev)}  ")
            lines.append(f"> — {ev.lang}, {ev.segment} {ev.start}–{ev.end}, rule `{ev.rule}`, score {ev.score}")
            lines.append("")
    return lines


def _issue_lines(rec: Record) -> list[str]:
    lines = ["## Inconsistencies", ""]
    if not rec.inconsistencies:
        lines.append("None: the two versions agree on every fact checked.")
    for item in rec.inconsistencies:
        where = f" (segment {item.segment})" if item.segment else ""
        lines.append(f"- **{item.field}**: {escape(item.message)}{where}")
    for warning in rec.warnings:
        lines.append(f"- warning: {escape(warning)}")
    return lines


def _explain_lines(explain: Mapping[str, Any]) -> list[str]:
    lines = ["", "## Candidates that lost", ""]
    for field, entry in explain.items():
        for r in entry["rejected"]:
            lines.append(f"- **{field}** ({r['lang'] or '?'}) {escape(r['text'])}: {escape(r['reason'])}")
            if r["evidence"]:
                lines.append(f"  > {quote_evidence(r['evidence'][0])}")
    if lines[-1] == "":
        lines.append("None: every candidate found was kept.")
    return lines


def _one(record: RecordLike) -> list[str]:
    rec = as_record(record)
    lines = _head(rec)
    lines += ["", "## Facts", "", "| Field | English | 中文 | Detail |", "| --- | --- | --- | --- |"]
    for field, en, zh, detail in fact_rows(rec):
        lines.append(f"| {field} | {escape(en)} | {escape(zh)} | {escape(detail) if detail else ''} |")
    lines += _evidence_lines(rec) + _issue_lines(rec)
    if rec.explain:
        lines += _explain_lines(rec.explain)
    return lines


def to_markdown(records: RecordLike | Iterable[RecordLike]) -> str:
    """One report per record, separated by a rule."""
    if isinstance(records, (Mapping, Record)):
        records = [records]
    parts = ["\n".join(_one(r)) for r in records]
    return "\n\n---\n\n".join(parts) + "\n"
