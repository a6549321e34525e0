"""Country and sector: the lexicon label (`COUNTRY`, `SECTOR`) nearest to the victim's name.

Each mention counts, and more the nearer it stands to a mention of the victim; without a victim
name the most frequent wins. A sector word inside the victim's own name ("Kingsmead Ridge
College") says nothing unless nothing else does.
"""
from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from typing import Iterable

from extractor.resources import Resources
from extractor.view import Candidate, Hit, View


class LabelRecognizer:
    """Weights `labels`."""

    def __init__(self, res: Resources) -> None:
        self.w = res.w("labels")

    def closest(self, view: View, label: str, anchors: list[tuple[str, int]],
                inside: list[tuple[str, int, int]] = ()) -> Candidate | None:
        """The lexicon span of `label` nearest to the victim (`anchors`: segment, offset), else
        the most frequent one; spans within `inside` (the victim's name) only as a last resort."""
        every = list(view.hits("lexicon", label))
        # anchors grouped by segment: a hit only ever compares with its own segment's, and
        # grouping keeps text that repeats one name thousands of times linear (same order, same sums)
        anchors_in: dict[str, list[int]] = defaultdict(list)
        for seg_id, pos in anchors:
            anchors_in[seg_id].append(pos)
        intervals = _intervals(inside)
        hits = [h for h in every if not _inside(h, intervals)]
        hits = hits or every  # "Westmere University" says something when nothing else does
        if not hits:
            return None
        scored = self._scored(view, hits, anchors_in)
        if view.explaining:
            self._explain(view, label, every, hits, scored)
        score, _, key, hs = scored[0]
        near = sorted(hs, key=lambda h: min([abs(h.start - p) for p in anchors_in.get(h.seg.id, ())] or [10**9]))
        text = Counter(h.text for h in hs).most_common(1)[0][0] if not anchors else near[0].text
        ev = [h.evidence(view.lang, f"lexicon_{label.lower()}", self._confidence(score)) for h in near[:5]]
        return Candidate(key, text, ev[0].score, ev)

    def _confidence(self, score: float) -> float:
        return round(min(self.w["score_cap"], self.w["score_base"] + self.w["score_step"] * score), 3)

    def _scored(self, view: View, hits: list[Hit], anchors_in: dict[str, list[int]]) -> list:
        by_key: dict[str, list[Hit]] = defaultdict(list)
        for h in hits:
            by_key[h.span.id_].append(h)
        scored = []
        for key, hs in by_key.items():
            score = 0.0
            for h in hs:
                score += self.w["mention"]
                for pos in anchors_in.get(h.seg.id, ()):
                    dist = abs(h.start - pos)
                    score += self.w["near"] / (1.0 + dist / self.w["near_scale"])
            first = min(view.order[h.seg.id] for h in hs)
            scored.append((score, -first, key, hs))
        scored.sort(reverse=True)
        return scored

    def _explain(self, view: View, label: str, every: list[Hit], hits: list[Hit], scored: list) -> None:
        field_name = label.lower()
        for h in every:
            if h not in hits:
                view.reject(field_name, [h.evidence(view.lang, f"lexicon_{field_name}", 0.0)], 0.0,
                            "part of the victim's own name")
        for other_score, _, other_key, other_hs in scored[1:]:
            confidence = self._confidence(other_score)
            view.reject(field_name, [other_hs[0].evidence(view.lang, f"lexicon_{field_name}", confidence)], confidence,
                        f"{other_key}: weighed {other_score:.2f} (mentions, nearness to the victim) against "
                        f"{scored[0][0]:.2f} for {scored[0][2]}")


def _intervals(inside: Iterable[tuple[str, int, int]]) -> dict[str, tuple[list[int], list[int]]]:
    """Per segment: interval starts in order and the running maximum of their ends."""
    by_seg: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for seg, a, b in inside:
        by_seg[seg].append((a, b))
    out = {}
    for seg, spans in by_seg.items():
        spans.sort()
        ends = list(itertools.accumulate((b for _, b in spans), max))
        out[seg] = ([a for a, _ in spans], ends)
    return out


def _inside(h: Hit, intervals: dict[str, tuple[list[int], list[int]]]) -> bool:
    """Whether h lies within one of its segment's intervals (bisect: linear on hostile input)."""
    starts, ends = intervals.get(h.seg.id, ((), ()))
    k = bisect.bisect_right(starts, h.start)
    return k > 0 and ends[k - 1] >= h.end
