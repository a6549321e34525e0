"""The actor: the named group the article holds responsible for the attack.

Candidates come from the group list (lexicon spans `GROUP`, with the group's canonical name as
key) and from claim cues (`ACTOR`: "X claimed", "a group calling itself X", X聲稱). A name on
the list needs an attack sentence or a claim; a name on no list needs a strong claim cue; a group
named only as background ("groups such as X", "last year X ...") counts for little.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from extractor.recognizers.names_en import EnglishNames
from extractor.recognizers.scope import Scope
from extractor.resources import Resources
from extractor.script import is_han
from extractor.view import Candidate, Hit, View

#: group names that need no context to be read as a group: LockBit, Cl0p, ALPHV, 8Base, Lapsus$
_CONTEXT_FREE = re.compile(r"[0-9$/]|[a-z][A-Z]|^[A-Z0-9]{2,}")
_LATIN = re.compile("[A-Za-z]")
#: the cue labels of a sentence about the attack itself
_ATTACK_LABELS = ("THEFT", "RANSOM", "ENCRYPTION")
_CLAIM_RULES = ("en_actor", "zh_actor")


class _Tally:
    """What the article says of each candidate group while its mentions are read."""

    def __init__(self) -> None:
        self.found: dict[str, Candidate] = {}
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.support: dict[str, float] = defaultdict(float)
        self.claimed: dict[str, float] = {}

    def claim(self, key: str, score: float) -> None:
        self.claimed[key] = max(self.claimed.get(key, 0.0), score)


class ActorRecognizer:
    """Weights `actor` and the list `group_context` (words that make a sentence about a group)."""

    field = "actor"

    def __init__(self, res: Resources, scope: Scope, names: EnglishNames) -> None:
        self.w = res.w("actor")
        self.scope, self.names = scope, names
        self.group_context = re.compile(res.alternation("group_context_en", "group_context_zh"), re.I)

    def candidates(self, view: View) -> list[Candidate]:
        """Named groups the article holds responsible, strongest first."""
        tally = _Tally()
        group_ids = self._from_groups(view, tally)
        known = set(tally.found)
        self._from_claims(view, tally, group_ids)
        out = [c for key, c in tally.found.items() if self._keep(view, tally, key, c, known)]
        out.sort(key=lambda c: (-c.score, c.evidence[0].start))
        return self._near_top(view, out)

    def _add(self, view: View, tally: _Tally, key: str, hit: Hit, text: str, rule: str, score: float) -> None:
        background = self.scope.is_background(view, hit)
        cand = tally.found.setdefault(key, Candidate(key, text, 0.0))
        cand.evidence.append(hit.evidence(view.lang, rule, score, text))
        tally.forms[key][text] += 1
        tally.support[key] += score * (self.w["background_factor"] if background else 1.0)
        if rule.startswith(_CLAIM_RULES) and not background:
            tally.claim(key, score)

    def _from_groups(self, view: View, tally: _Tally) -> dict[str, str]:
        """Mentions of listed groups; returns each mention's lower-cased text -> canonical name."""
        group_ids = {}
        for hit in view.hits("lexicon", "GROUP"):
            text = hit.text
            if view.lang == "en" and text[0].islower():
                continue
            group_ids[text.lower()] = hit.span.id_
            if view.lang == "en" and _inside_longer_name(hit):
                continue  # "Royal Mail", "Velvet Lynx": a longer proper name, not this group
            needs_context = not _CONTEXT_FREE.search(text) and not any(is_han(c) for c in text)
            if needs_context and not (view.cues_in(hit, "ACTOR") or self.group_context.search(hit.sent_text)):
                continue
            self._add(view, tally, hit.span.id_, hit, text, "lexicon_group", self.w["listed"])
            if (not needs_context and not self.scope.is_background(view, hit)
                    and any(view.cues_in(hit, label) for label in _ATTACK_LABELS)):
                tally.claim(hit.span.id_, self.w["listed_in_attack"])  # a known group in a sentence about the attack
        return group_ids

    def _from_claims(self, view: View, tally: _Tally, group_ids: dict[str, str]) -> None:
        for hit in view.hits("cues", "ACTOR"):
            name = self.names.clean(hit.text)
            if (not name or not _LATIN.search(name) or (view.lang == "en" and not self.names.is_name_like(name))
                    or name.lower() in self.names.stop):
                continue
            key = group_ids.get(name.lower(), name)
            if key == name and self._near_role(view, hit):
                continue  # "研究主管Maria Santos表示": a person, not a group
            self._add(view, tally, key, hit, name, hit.span.kb_id_, view.rule_score(hit.span.kb_id_))

    def _keep(self, view: View, tally: _Tally, key: str, cand: Candidate, known: set[str]) -> bool:
        """Whether a candidate is held responsible; sets its text and score when it is."""
        support, claimed = tally.support[key], tally.claimed.get(key)
        if claimed is None and support < self.w["support_min"]:
            view.reject("actor", cand.evidence, round(support, 3),
                        f"named without a claim or attack cue (support {support:.2f} < {self.w['support_min']})")
            return False
        if key not in known and (claimed or 0.0) < self.w["strong_claim"]:
            view.reject("actor", cand.evidence, round(claimed or 0.0, 3),
                        f"a name on no group list needs a strong cue (score >= {self.w['strong_claim']})")
            return False  # a name no list knows needs a strong cue: "a group calling itself X"
        best, _ = tally.forms[key].most_common(1)[0]
        longer = [f for f in tally.forms[key] if f != best
                  and re.search(rf"(?<![A-Za-z]){re.escape(best)}(?![A-Za-z])", f)]
        cand.text = max(longer, key=len) if longer else best
        base = self.w["unclaimed"] if claimed is None else claimed
        cand.score = min(1.0, base + self.w["per_mention"] * len(cand.evidence))
        return True

    def _near_top(self, view: View, out: list[Candidate]) -> list[Candidate]:
        """Only candidates close to the strongest: the others are background or partners."""
        if not out:
            return out
        top = out[0].score
        floor = self.w["top_share"] * top
        for c in out:
            if c.score < floor:
                view.reject("actor", c.evidence, c.score, f"score below {self.w['top_share']:.0%} of the top actor's "
                                                           f"({out[0].text}, {top:.2f})")
        return [c for c in out if c.score >= floor]

    def _near_role(self, view: View, hit: Hit) -> bool:
        return any(0 <= hit.span.start_char - c.end_char <= self.w["role_before_reach"]
                   or 0 <= c.start_char - hit.span.end_char <= self.w["role_after_reach"]
                   for c in view.cues_in(hit, "PERSON_ROLE"))


def _inside_longer_name(hit: Hit) -> bool:
    doc, span = hit.span.doc, hit.span
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None

    def capital(t) -> bool:
        return t is not None and t.text[:1].isupper() and t.is_alpha and not t.is_sent_start

    return capital(after) or (capital(before) and not before.is_sent_start)
