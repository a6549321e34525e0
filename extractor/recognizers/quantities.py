"""Data size and record count: which of the article's quantities is the stolen amount, and
which the number of people or records affected.

The pipeline's quantities component finds every size ("about 400GB", 約1.3 TB) and count
("13,000 patients", 逾1.3萬名病人); this recogniser scores each by its sentence: theft cues
and the victim's name raise it; storage and file-size wording, populations ("serves 1.2
million residents"), things that are not people (servers, shops, 5間公司) and other incidents
lower it. The best score wins if it reaches the threshold.
"""
from __future__ import annotations

import re
from typing import Iterable

from extractor.recognizers.scope import Scope
from extractor.resources import Resources
from extractor.view import Candidate, Evidence, Hit, View

FIELDS = {"size": "data_size", "count": "record_count"}


class QuantityRecognizer:
    """Weights `quantity`; lists `not_people` (nouns never counted as people affected) and
    `org_classifier` (Chinese classifiers of organisations: 家, 間)."""

    def __init__(self, res: Resources, scope: Scope) -> None:
        self.w = res.w("quantity")
        self.scope = scope
        self.not_people = re.compile(res.alternation("not_people_en", "not_people_zh"))
        self.org_classifiers = res.list("org_classifier")

    def candidate(self, view: View, kind: str, victim_forms: Iterable[str],
                  other_orgs: Iterable[str] = ()) -> Candidate | None:
        """The stolen amount (kind 'size') or the people/records affected (kind 'count')."""
        victims, others = list(victim_forms), list(other_orgs)
        scored = []
        for hit in view.hits("quantities", kind.upper()):
            if hit.quantity is not None:
                scored.append((*self.score(view, hit, victims, kind, others), hit))
        best = max(scored, key=lambda s: (s[0], -s[2].start), default=None)
        if view.explaining:
            self._explain(view, kind, scored, best)
        if best is None or best[0] < self.w["threshold"]:
            return None
        score, why, hit = best
        ev = self._evidence(view, hit, kind, why, min(score, 1.0))
        q = hit.quantity
        return Candidate(str(q.value), q.text, ev.score, [ev], {"value": q.value, "qualifier": q.qualifier})

    def score(self, view: View, hit: Hit, victims: list[str], kind: str, others: list[str]) -> tuple[float, str]:
        """A quantity's score and the cues that moved it ("theft+storage"), from its sentence."""
        w = self.w
        score, reasons = w["base"], []
        if view.cues_in(hit, "THEFT"):
            score += w["theft"]
            reasons.append("theft")
        if any(v and v in hit.sent_text for v in victims):
            score += w["victim_named"]
        # added one by one, in this order: the sums are the scores the evidence shows
        score = self._size(view, hit, score, reasons) if kind == "size" else self._count(view, hit, score, reasons)
        if view.cues_in(hit, "OTHER_INCIDENT"):
            score += w["other_incident"]
            reasons.append("other-incident")
        if self.scope.about_other(hit, others, victims):
            score += w["other_organisation"]
            reasons.append("other-organisation")
        if view.cues_in(hit, "MONEY") and kind == "count":
            score += w["money_count"]
        return score, "+".join(reasons) or "plain"

    def _size(self, view: View, hit: Hit, score: float, why: list[str]) -> float:
        """Storage totals and file-size limits near the size ("caps uploads at 250 GB")."""
        rel = hit.span.start_char - hit.sent.start_char
        reach = self.w["storage_reach_zh" if view.lang == "zh" else "storage_reach_en"]
        sizes = [q.start_char for q in view.spans(hit.seg, "quantities", "SIZE")]
        for cue in view.cues_in(hit, "NOT_STOLEN_SIZE"):
            if any(cue.end_char <= q < hit.span.start_char for q in sizes):
                continue  # "caps uploads at 250 GB, exfiltrating about 75 GB": the cap is the nearer size
            if cue.start_char - hit.sent.start_char < rel and rel - (cue.end_char - hit.sent.start_char) < reach:
                score += self.w["storage"]
                why.append("storage")
        return score

    def _count(self, view: View, hit: Hit, score: float, why: list[str]) -> float:
        """Whether the count is of people or records affected, not of shops, staff or residents."""
        w, q = self.w, hit.quantity
        if q is None or not q.noun:
            score += w["no_noun"]
        elif self.not_people.search(q.noun) or _classifier(q) in self.org_classifiers:
            score += w["not_people"]  # shops, servers, companies: never the people affected
            why.append("not-people")
        score = self._count_context(view, hit, score, why)
        types = view.spans_in(hit, "lexicon", "DATA_TYPE")
        if any(t.start_char < hit.span.end_char and t.end_char > hit.span.start_char for t in types):
            score += w["counts_a_data_type"]  # "86萬個護照號碼" counts one kind of record, not the people affected
        elif types:
            score += w["data_type_in_sentence"]  # "national ID numbers of 2,150 employees"
        return score

    def _count_context(self, view: View, hit: Hit, score: float, why: list[str]) -> float:
        """Words about people affected beside the count raise it; population words lower it."""
        w = self.w
        ctx = [c for c in view.cues_in(hit, "COUNT_CONTEXT")
               if c.end_char <= hit.span.start_char or c.start_char >= hit.span.end_char]
        if any(c.id_ == "pos" for c in ctx):
            score += w["affected_context"]
        reach = w["population_reach_zh" if view.lang == "zh" else "population_reach_en"]
        negs = [c for c in ctx if c.id_ == "neg"]
        if any(0 <= hit.span.start_char - c.end_char <= reach for c in negs):
            score += w["population_near"]  # "employs about 2,400 people", "serves 1.2 million residents"
            why.append("population")
        elif negs:
            score += w["population_far"]
            why.append("population")
        return score

    @staticmethod
    def _evidence(view: View, hit: Hit, kind: str, why: str, score: float) -> Evidence:
        q = hit.quantity
        return Evidence(view.lang, hit.seg.id, hit.seg.start + q.start, hit.seg.start + q.end, q.text,
                        hit.sent_text.strip(), f"{view.lang}_{kind}_{why}", round(score, 3))

    def _explain(self, view: View, kind: str, scored: list, best) -> None:
        field_name, floor = FIELDS[kind], self.w["threshold"]
        for score, why, hit in scored:
            if best is not None and hit is best[2] and score >= floor:
                continue
            ev = self._evidence(view, hit, kind, why, max(0.0, min(score, 1.0)))
            reason = (f"score {score:.2f} is below the {floor} a {field_name} needs" if score < floor
                      else f"score {score:.2f} is below the chosen {best[2].quantity.text!r} ({best[0]:.2f})")
            view.reject(field_name, [ev], round(score, 3), reason + (f"; cues: {why}" if why != "plain" else ""))


def _classifier(q) -> str:
    """The character right after a Chinese number: 名 (people), 筆 (records), 家 (companies) ..."""
    at = q.text.find(q.number_text) + len(q.number_text)
    return q.text[at:at + 1]
