"""Figures paragraph by paragraph: a size, count or other number stated in one paragraph and
absent from its counterpart.

Compared by value and unit (1,500 GB == 1.5TB, 13,000 == 1.3萬), and leniently: a figure
counts as present when the other side states the same value in any form. A figure already
reported as a data_size or record_count disagreement is not reported twice; headlines are
rewritten rather than translated, so their figures are checked against the whole other text.
"""
from __future__ import annotations

from functools import cache
from typing import Callable, Protocol

from extractor.consistency import TOLERANCE, offsets
from extractor.numbers import Amount, Quantity
from extractor.pairing import Links

#: numbers below this are not compared on their own: months, percentages in 成, ages, which
#: translations write in too many ways
MIN_BARE_FIGURE = 100
_SIDE = {"en": "English", "zh": "Chinese"}


class Figures(Protocol):
    """What the figure checks ask of an article's quantities (see extractor.numbers)."""

    def amounts(self, text: str, lang: str) -> list[tuple[Quantity, Amount]]: ...
    def numbers(self, text: str, lang: str): ...
    def loose_values(self, text: str, lang: str): ...


Found = tuple[Quantity, Amount, int, str]  # the quantity, its amount, its paragraph's start, the paragraph


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


class FigureCheck:
    """One article's figure comparison over its paragraph links."""

    def __init__(self, links: Links, figures: Figures, en_ids: list[str], zh_ids: list[str],
                 headings: set[str], reported: list[Amount]) -> None:
        self.links, self.figures, self.headings = links, figures, headings
        self.texts = {**links.en_text, **links.zh_text}
        self.reported = reported
        self.issues: list[dict] = []
        self._found: dict[str, list[tuple[Quantity, Amount]]] = {}
        # headlines are rewritten rather than translated: their figures are checked against the whole text
        ids = {"en": en_ids, "zh": zh_ids}
        self.everywhere = {lang: cache(lambda lang=lang: [a for sid in ids[lang] for _, a in self.amounts_of(sid, lang)])
                           for lang in ("en", "zh")}
        self.everywhere_loose = {lang: self.loose_of(ids[lang], lang) for lang in ("en", "zh")}

    def amounts_of(self, sid: str, lang: str) -> list[tuple[Quantity, Amount]]:
        """Each paragraph's figures, read once."""
        if sid not in self._found:
            self._found[sid] = self.figures.amounts(self.texts[sid], lang)
        return self._found[sid]

    def loose_of(self, ids, lang: str) -> Callable[[], set[float]]:
        """The numbers of those paragraphs in any form, read on the first call (most never are:
        they matter only for a figure the counterpart does not state)."""
        return cache(lambda: {v for sid in ids for v in self.figures.loose_values(self.texts[sid], lang)})

    def run(self) -> list[dict]:
        for e_ids, z_ids in self.links.pairs:
            headline = bool((e_ids | z_ids) & self.headings)
            sides = {lang: (self._side(ids, lang), self.loose_of(ids, lang)) for lang, ids in (("en", e_ids), ("zh", z_ids))}
            for lang, other in (("en", "zh"), ("zh", "en")):
                for found in sides[lang][0]:
                    self._compare(found, lang, other, sides[other], headline)
            if headline:
                sides = {lang: (found, self.everywhere_loose[lang]) for lang, (found, _) in sides.items()}
            for lang, other, ids in (("en", "zh", e_ids), ("zh", "en", z_ids)):
                self._bare(lang, ids, sides[lang][0], sides[other][1])
        return self.issues

    def _side(self, ids: set[str], lang: str) -> list[Found]:
        found = []
        for sid in sorted(ids, key=lambda i: self.links.bounds[i][0]):
            base = self.links.bounds[sid][0]
            found += [(q, a, base, sid) for q, a in self.amounts_of(sid, lang)]
        return found

    def _compare(self, found: Found, lang: str, other: str, theirs_side: tuple, headline: bool) -> None:
        """A size or count of one paragraph that its counterpart does not state."""
        q, a, base, para = found
        theirs, their_bare = theirs_side
        if self._stated(a, other, theirs, their_bare, headline):
            return
        near = [x for x in theirs if x[1].dimension == a.dimension]
        counterpart = near[0] if len(near) == 1 else None
        mine = {lang: q.text, other: counterpart[0].text if counterpart else None}
        spans = {lang: {"start": base + q.start, "end": base + q.end}}
        if counterpart:
            spans[other] = {"start": counterpart[2] + counterpart[0].start, "end": counterpart[2] + counterpart[0].end}
        self.issues.append({
            "field": "number", "en": mine["en"], "zh": mine["zh"], "segment": para,
            f"{lang}_value": _num(a.value), **offsets(spans.get("en"), spans.get("zh")),
            "message": f"the {_SIDE[lang]} paragraph {para} states {q.text}"
                       + (f"; its counterpart says {counterpart[0].text}" if counterpart
                          else "; its counterpart has no such figure")})
        self.reported.append(a)

    def _stated(self, a: Amount, other: str, theirs: list[Found], their_bare: Callable[[], set[float]],
                headline: bool) -> bool:
        """The other side states the figure (or it was reported already)."""
        if any(a.same(b) for _, b, _, _ in theirs) or any(a.same(r) for r in self.reported):
            return True
        if headline and any(a.same(b) for b in self.everywhere[other]()):
            return True
        # "受影響人數達兩百萬": the same figure without a counted noun
        return a.dimension == "count" and any(a.same(Amount(v, "count")) for v in their_bare())

    def _bare(self, lang: str, ids: set[str], found: list[Found], theirs: Callable[[], set[float]]) -> None:
        """A number of 100 or more outside any size or count ("450 affected laptops", "US$2
        million") that the counterpart paragraph does not state in any form. Years are left out
        (a date may be written without one)."""
        quantities = [(base + q.start, base + q.end) for q, _, base, _ in found]
        for sid in sorted(ids, key=lambda i: self.links.bounds[i][0]):
            base = self.links.bounds[sid][0]
            for start, end, value in self.figures.numbers(self.texts[sid], lang):
                here = (base + start, base + end)
                if value < MIN_BARE_FIGURE or (1900 <= value <= 2099 and value.is_integer()):
                    continue
                if any(a <= here[0] < b for a, b in quantities):
                    continue  # part of a size or count: checked above
                if any(abs(value - v) <= TOLERANCE * max(value, v) for v in theirs()):
                    continue
                if any(r.same(Amount(value, "count")) for r in self.reported):
                    continue
                self._bare_issue(lang, sid, self.texts[sid][start:end], value, here)

    def _bare_issue(self, lang: str, sid: str, written: str, value: float, here: tuple[int, int]) -> None:
        span = {"start": here[0], "end": here[1]}
        self.issues.append({
            "field": "number", "en": written if lang == "en" else None,
            "zh": written if lang == "zh" else None, "segment": sid, f"{lang}_value": _num(value),
            **offsets(*((span, None) if lang == "en" else (None, span))),
            "message": f"the {_SIDE[lang]} paragraph {sid} states {written}; its counterpart has no such number"})
        self.reported.append(Amount(value, "count"))
