"""How far a cue reaches: background mentions, another organisation, conditions, negation.

One place for the scope rules every recogniser applies: a cue in a background sentence ("last
year X ..."), about another organisation ("Caesars paid"), inside a condition ("if the company
did not pay") or across a contrast ("..., but") does not speak about the incident.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from extractor.resources import Resources
from extractor.view import Hit, View

#: punctuation that ends a clause a negation or a condition can reach over
_CLAUSE_END = "[;；。]"


class Scope:
    """Scope tests built from the word lists and weights of `scope` (words.tsv, weights.tsv)."""

    def __init__(self, res: Resources) -> None:
        w = res.w("scope")
        self.background_reach = {"en": w["background_reach_en"], "zh": w["background_reach_zh"]}
        self.condition_window = int(w["condition_window"])
        self.self_reference = re.compile(
            rf"\b(?:{res.alternation('self_determiner')}) (?:{res.alternation('self_noun')})\b|"
            + res.alternation("self_reference"))
        self.condition = re.compile(rf"\b(?:{res.alternation('condition_en')})\b|{res.alternation('condition_zh')}")
        self.clause_break = re.compile(
            rf"{_CLAUSE_END}|, (?:{res.alternation('contrast_en')})|{res.alternation('contrast_zh')}")

    def is_background(self, view: View, hit: Hit) -> bool:
        """A name or cue given as an example ("groups such as X") or in another time ("last year X ...")."""
        reach = self.background_reach["zh" if view.lang == "zh" else "en"]
        for cue in view.cues_in(hit, "BACKGROUND"):
            if cue.id_ == "sentence":
                return True
            if 0 <= hit.span.start_char - cue.end_char <= reach:
                return True
        return False

    def about_other(self, hit: Hit, others: list[str], victims: list[str]) -> bool:
        """The span is about another organisation: one is named before it in the sentence and the
        victim is not ("Unlike Coral Sands Casino, which paid", "Caesars reportedly paid")."""
        before = hit.para.text[hit.sent.start_char:hit.span.start_char]
        if any(v and v in before for v in victims) or self.self_reference.search(before):
            return False
        return any(o and o in before for o in others)

    def conditional(self, hit: Hit) -> bool:
        """The span sits in a condition ("if the company does not pay", 若公司拒絕)."""
        start = max(hit.sent.start_char, hit.span.start_char - self.condition_window)
        clause = re.split(r"[,;，；]", hit.para.text[start:hit.span.start_char])[-1]
        return bool(self.condition.search(clause))

    def negation_covers(self, hit: Hit, negs: list[Span], at: int | None = None) -> bool:
        """A negation cue counts when it sits in the same clause as the span (or offset `at`)."""
        at = hit.span.start_char if at is None else at
        for neg in negs:
            lo, hi = sorted((neg.start_char, at))
            if not self.clause_break.search(hit.para.text[lo:hi]):
                return True
        return False
