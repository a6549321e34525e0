"""Why each fact came out as it did: the `explain` block of a record (only with --explain).

For each fact: the value, the evidence that won (sentence, matched span as offsets inside
the sentence, rule, score), and the candidates the recognisers dropped, each with its reason
(collected by `extractor.fields.collect_rejected` while the record is built).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["FIELDS", "build_explain", "mark"]

FIELDS = ("actor", "victim", "data_size", "record_count", "data_types", "encryption", "ransom", "country", "sector")


def mark(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """The evidence with `mark`: where its text sits in its sentence ([start, end) or None)."""
    sentence, text = evidence.get("sentence") or "", evidence.get("text") or ""
    at = sentence.find(text) if text else -1
    return {**evidence, "mark": [at, at + len(text)] if at >= 0 else None}


def _pair(item: Mapping[str, Any]) -> str | None:
    words = [x for x in dict.fromkeys((item.get("en"), item.get("zh"))) if x]
    return " / ".join(words) or None


def _chosen(field: str, facts: Mapping[str, Any], fact_evidence: Mapping[str, Any]) -> tuple[str | None, list[dict]]:
    value = facts.get(field)
    if field in ("actor", "victim", "data_types"):
        items = value or []
        shown = "; ".join(p for p in (_pair(i) for i in items) if p) or None
        return shown, [e for i in items for e in i.get("evidence") or []]
    if field in ("data_size", "record_count"):
        sides = [value[s] for s in ("en", "zh") if value and value.get(s)]
        shown = " / ".join(dict.fromkeys(s["text"] for s in sides)) or None
        return shown, [s["evidence"] for s in sides]
    if field in ("encryption", "ransom"):
        return (None if value is None else str(value).lower()), list(fact_evidence.get(field) or [])
    if not value:
        return None, []
    key = value.get("code") or value.get("norm")
    return f"{_pair(value)} ({key})", list(value.get("evidence") or [])


def build_explain(facts: Mapping[str, Any], fact_evidence: Mapping[str, Any],
                  rejected: list[dict[str, Any]]) -> dict[str, Any]:
    """The explain block: every fact in record order, rejected candidates sorted and deduplicated."""
    out: dict[str, Any] = {}
    for field in FIELDS:
        value, evidence = _chosen(field, facts, fact_evidence)
        seen: set[tuple] = set()
        lost = []
        for r in rejected:
            if r["field"] != field:
                continue
            first = r["evidence"][0] if r["evidence"] else {}
            key = (r["lang"], r["text"], r["reason"], first.get("start"))
            if key in seen:
                continue
            seen.add(key)
            lost.append({"lang": r["lang"], "text": r["text"], "score": r["score"], "reason": r["reason"],
                         "evidence": [mark(e) for e in r["evidence"]]})
        lost.sort(key=lambda r: (r["lang"] or "", -(r["score"] or 0.0), r["text"] or "", r["reason"]))
        out[field] = {"value": value, "chosen": [mark(e) for e in evidence], "rejected": lost}
    return out


def explain_text(record: Mapping[str, Any]) -> str:
    """The explain block as plain text for a terminal: the span in ⟦ ⟧, one fact after another."""
    block = record.get("explain") or {}
    path = (record.get("source") or {}).get("path") or "<stdin>"
    lines = [f"Explanation: {path}"]

    def sentence(e: Mapping[str, Any]) -> str:
        s, m = " ".join((e.get("sentence") or "").split("\n")), e.get("mark")
        return s if not m else f"{s[:m[0]]}⟦{s[m[0]:m[1]]}⟧{s[m[1]:]}"

    for field in FIELDS:
        entry = block.get(field)
        if entry is None:
            continue
        lines.append("")
        lines.append(f"{field}: {entry['value'] if entry['value'] is not None else '— (none found)'}")
        for e in entry["chosen"]:
            lines.append(f"  + [{e['lang']} {e['segment']} {e['start']}-{e['end']}] rule {e['rule']}, score {e['score']}")
            lines.append(f"      {sentence(e)}")
        for r in entry["rejected"]:
            score = "" if r["score"] is None else f" (score {r['score']})"
            lines.append(f"  - rejected {r['lang'] or ''} {r['text']!r}{score}: {r['reason']}")
            if r["evidence"]:
                lines.append(f"      {sentence(r['evidence'][0])}")
    return "\n".join(lines) + "\n"
