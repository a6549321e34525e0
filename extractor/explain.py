"""Why each fact came out as it did: the `explain` block of a record (only with --explain).

For each fact: the value, the evidence that won (sentence, matched span as offsets inside
the sentence, rule, score), and the candidates the recognisers dropped, each with its reason
(collected in `extractor.view.Rejections` while the record is built).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from extractor.model import FIELDS, Evidence, Fact, Facts

__all__ = ["FIELDS", "build_explain", "mark", "explain_text"]


def mark(evidence: Evidence | Mapping[str, Any]) -> dict[str, Any]:
    """The evidence with `mark`: where its text sits in its sentence ([start, end) or None)."""
    if isinstance(evidence, Evidence):
        evidence = evidence.to_dict()
    sentence, text = evidence.get("sentence") or "", evidence.get("text") or ""
    at = sentence.find(text) if text else -1
    return {**evidence, "mark": [at, at + len(text)] if at >= 0 else None}


def _names(facts: tuple[Fact, ...]) -> str | None:
    """'English / Chinese' of every item (actor, victim, data type), joined with '; '."""
    return "; ".join(p for p in (f.pair for f in facts) if p) or None


def _quantity(facts: tuple[Fact, ...]) -> str | None:
    """The quantity as each language writes it, once when they agree."""
    return " / ".join(dict.fromkeys(s.text for f in facts for s in f.sides if s.text is not None)) or None


def _verdict(facts: tuple[Fact, ...]) -> str | None:
    return None if facts[0].value is None else str(facts[0].value).lower()


def _label(facts: tuple[Fact, ...]) -> str | None:
    return f"{facts[0].pair} ({facts[0].value})" if facts else None


#: how the explain block words a fact's value, by the fact's kind (see `extractor.model.Spec`)
_SHOWN: Mapping[str, Callable[[tuple[Fact, ...]], str | None]] = MappingProxyType({
    "many": _names, "quantity": _quantity, "verdict": _verdict, "label": _label})


def _chosen(facts: Facts) -> dict[str, tuple[str | None, list[Evidence]]]:
    """field -> (the value in words, the evidence behind it) for every fact, in record order."""
    out = {}
    for spec, found in facts.slots():
        shown = _SHOWN["many" if spec.many else spec.kind](found)
        out[spec.field] = (shown, [e for f in found for e in f.evidence])
    return out


def build_explain(facts: Mapping[str, Any], fact_evidence: Mapping[str, Any],
                  rejected: list[dict[str, Any]]) -> dict[str, Any]:
    """The explain block: every fact in record order, rejected candidates sorted and deduplicated."""
    out: dict[str, Any] = {}
    chosen = _chosen(Facts.from_dict(facts, fact_evidence))
    for field in FIELDS:
        value, evidence = chosen[field]
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
