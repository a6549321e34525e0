"""Encryption and ransom: a value chosen from the cues the article gives (`ENCRYPTION`, `RANSOM`).

Each cue carries a value (encryption true / false / unknown; ransom paid / refused / none /
demanded) and its rule's score from cues.jsonl. Cues about another organisation ("Caesars
paid"), another incident, a condition ("publish the files if the company did not pay") or
inside a longer cue that says otherwise are dropped; the strongest value wins, and a strong
cue (see `verdicts.strong` in weights.tsv) decides by precedence.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from extractor.recognizers.scope import Scope
from extractor.resources import Resources
from extractor.view import Evidence, Hit, View

PRECEDENCE = {"ENCRYPTION": ("false", "true", "unknown"), "RANSOM": ("paid", "refused", "none", "demanded")}


class VerdictRecognizer:
    """Weights `verdicts`."""

    def __init__(self, res: Resources, scope: Scope) -> None:
        self.strong = res.w("verdicts")["strong"]
        self.scope = scope

    def verdict(self, view: View, label: str, victim_forms: Iterable[str],
                other_orgs: Iterable[str]) -> tuple[str | None, list[Evidence]]:
        """Resolve a cue-based field: the strongest value, ties broken by precedence."""
        precedence = PRECEDENCE[label]
        totals: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        rules: dict[str, float] = {}
        hits = list(view.hits("cues", label))
        victims = [v for v in victim_forms if v]
        others = [o for o in other_orgs if o]
        for hit in hits:
            reason = self._dropped(view, hit, label, hits, victims, others)
            score = view.rule_score(hit.span.kb_id_)
            if reason:
                view.reject(label.lower(), [hit.evidence(view.lang, hit.span.kb_id_, score)], score, f"{hit.span.id_}: {reason}")
                continue
            value = hit.span.id_
            totals[value] += score
            rules[value] = max(rules.get(value, 0.0), score)
            evidence[value].append(hit.evidence(view.lang, hit.span.kb_id_, score))
        if not totals:
            return None, []
        chosen = next((v for v in precedence if v in totals and rules[v] >= self.strong), None)
        if chosen is None:
            chosen = max(totals, key=lambda v: (totals[v], -precedence.index(v) if v in precedence else 0))
        if view.explaining:
            self._explain(view, label, chosen, totals, rules, evidence)
        return chosen, evidence[chosen]

    def _dropped(self, view: View, hit: Hit, label: str, hits: list[Hit], victims: list[str],
                 others: list[str]) -> str | None:
        """Why a cue does not speak about the victim's incident, or None when it does."""
        if label == "RANSOM" and self.scope.about_other(hit, others, victims):
            return "about another organisation named before it"  # Caesars paid, Travelex paid
        if ((self.scope.is_background(view, hit) or view.cues_in(hit, "OTHER_INCIDENT"))
                and not any(v and v in hit.sent_text for v in victims)):
            return "background or another incident, and the victim is not named in the sentence"
        if hit.span.id_ == "refused" and self.scope.conditional(hit):
            # "publish the files if the company did not pay" is a threat, not a refusal
            return "a condition (if / unless), a threat rather than a refusal"
        if any(_inside_longer(hit, o) for o in hits):
            return "inside a longer cue that says otherwise"  # "ransom demand" inside "had not received a ransom demand"
        return None

    def _explain(self, view: View, label: str, chosen: str, totals: dict[str, float], rules: dict[str, float],
                 evidence: dict[str, list[Evidence]]) -> None:
        precedence = PRECEDENCE[label]
        how = (f"a strong cue (>= {self.strong}) and first in precedence " + " > ".join(precedence)
               if rules[chosen] >= self.strong and chosen in precedence else "the largest total score")
        for value, evs in evidence.items():
            if value != chosen:
                view.reject(label.lower(), evs[:3], round(totals[value], 3),
                            f"{value}: total {totals[value]:.2f} lost to {chosen} ({totals[chosen]:.2f}), chosen by {how}")


def _inside_longer(hit: Hit, other: Hit) -> bool:
    """`hit` lies inside a longer cue `other` with another value."""
    return (other is not hit and other.span.id_ != hit.span.id_ and other.start <= hit.start and hit.end <= other.end
            and (other.end - other.start) > (hit.end - hit.start))
