"""The victim: the organisation whose systems or data were attacked, in one language.

English: capitalised names, ranked by how often they are named, by victim cues ("X confirmed",
"the attack on X") and by their place in the lead. Chinese (when no English text guides the
choice): repeated organisation-like Han strings, names that open a report (港灣醫療集團證實),
and Latin names before a victim verb (Optus證實). Finding the victim's name in the other
language is `extractor.pairing`'s job.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from extractor.recognizers.names_en import EnglishNames, NameMemo
from extractor.recognizers.names_zh import ChineseNames, han_runs
from extractor.recognizers.scope import Scope
from extractor.resources import Resources
from extractor.segment import Segment
from extractor.view import Candidate, Hit, View

Mention = tuple[Segment, int, int, str]
#: characters after which a Han run opens a clause (a name there is a report's subject)
_CLAUSE_OPENERS = "。！？；\n，,：:「」『』“”（）() "


class VictimRecognizer:
    """Weights `victim`; lists `name_follower`, `latin_victim_follower`, `subject_follower`,
    `person_follower` and `report_verb` (what follows a victim's name in Chinese)."""

    field = "victim"

    def __init__(self, res: Resources, scope: Scope, en_names: EnglishNames, zh_names: ChineseNames) -> None:
        self.w = res.w("victim")
        self.scope, self.en_names, self.zh_names = scope, en_names, zh_names
        self.name_followers = res.list("report_verb") | res.list("name_follower")
        self.latin_before = re.compile(r"([A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3})"
                                       rf"(?={res.alternation('latin_victim_follower')})")
        self.subject_follower = re.compile(res.alternation("report_verb", "subject_follower"))
        self.person = re.compile(rf"[\u3400-\u9fff]{{2,3}}(?={res.alternation('person_follower')}|[，,。：:])")

    # ---------- English

    def en_candidates(self, view: View, memo: NameMemo, actor_names: Iterable[str]) -> list[Candidate]:
        """Organisations in English text, ranked by how often and in what role they are named."""
        mentions = self._en_mentions(view, memo, self._blocked(view, actor_names))
        owner = _owners(mentions)
        cue_score = self._cue_scores(view, mentions, owner)
        groups: dict[str, list[Mention]] = defaultdict(list)
        for name, ms in mentions.items():
            groups[owner.get(name, name)].extend(ms)
        first_body = next((p.seg.id for p in view.paragraphs if p.seg.kind != "heading"), None)
        out = []
        for name, ms in groups.items():
            cand = self._en_candidate(view, name, ms, cue_score[name], first_body)
            if cand is not None:
                out.append(cand)
        out.sort(key=lambda c: (-c.score, c.evidence[0].start if c.evidence else 0))
        if out:
            top = out[0]
            for c in out[1:6]:
                view.reject("victim", c.evidence[:2], self._confidence(c.score),
                            f"weighed {c.score:.1f} (mentions, victim cues, lead position) against {top.score:.1f} for {top.text}")
            top.score = self._confidence(top.score)
        return out[:1]

    def _confidence(self, score: float) -> float:
        return round(min(self.w["en_score_cap"], self.w["en_score_base"] + self.w["en_score_step"] * score), 3)

    def _blocked(self, view: View, actor_names: Iterable[str]) -> set[str]:
        """Names that are not the victim: the actors, listed groups, countries, outlets."""
        blocked = {a.lower() for a in actor_names}
        for hit in view.hits("lexicon", "GROUP"):
            blocked.add(hit.text.lower())
        for hit in view.hits("lexicon", "COUNTRY"):
            blocked.add(hit.text.lower())
        for hit in view.hits("cues", "OUTLET"):
            blocked.add(self.en_names.clean(hit.text).lower())
        return blocked

    def _en_mentions(self, view: View, memo: NameMemo, blocked: set[str]) -> dict[str, list[Mention]]:
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for p in view.paragraphs:
            for a, b, name in memo.org_spans(p.text):
                words = name.lower().split()
                if name.lower() in blocked or words[0] in self.en_names.generic:
                    continue
                if len(words) == 1 and (words[0] in self.en_names.months or len(name) < 3):
                    continue
                mentions[name].append((p.seg, a, b, name))
        return mentions

    def _cue_scores(self, view: View, mentions: dict[str, list[Mention]], owner: dict[str, str]) -> dict[str, float]:
        """Victim cues ("X confirmed", "the attack on X") per name, counted for its long form."""
        cue_score: dict[str, float] = defaultdict(float)
        for hit in view.hits("cues", "VICTIM"):
            if self.scope.is_background(view, hit) or view.cues_in(hit, "OTHER_INCIDENT"):
                continue
            name = self.en_names.clean(hit.text)
            for cand in list(mentions):
                if cand == name or cand in name.split(" ") or name.startswith(cand + " ") or cand.startswith(name):
                    cue_score[owner.get(cand, cand)] += 1.0
                    break
        return cue_score

    def _en_candidate(self, view: View, name: str, ms: list[Mention], cues: float, first_body: str | None) -> Candidate | None:
        if self.en_names.is_person(name, ms, view):
            view.reject("victim", [], None, "a person's name, not an organisation", text=name, lang=view.lang)
            return None
        count = len(ms)
        in_lead = any(m[0].id == first_body for m in ms)
        lead_subject = any(m[0].id == first_body and m[1] <= self.w["lead_subject_offset"] for m in ms)
        score = (count + self.w["cue"] * cues + (self.w["in_lead"] if in_lead else 0.0)
                 + (self.w["lead_subject"] if lead_subject else 0.0))
        if len(name.split()) == 1 and count == 1 and not cues:
            return None
        ev = []
        for seg, a, b, text in sorted(ms, key=lambda m: (view.order[m[0].id], m[1])):
            para = view.paragraphs[view.order[seg.id]]
            span = para.doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                ev.append(Hit(para, span).evidence(view.lang, "en_org_name", self.w["mention"], text))
        return Candidate(name, name, score, ev, {"aliases": sorted({m[3] for m in ms} - {name})})

    # ---------- Chinese

    def zh_candidates(self, view: View, actor_names: Iterable[str]) -> list[Candidate]:
        """Chinese victims when no English text guides us: repeated organisation-like names."""
        texts = view.texts()
        joined = "\n".join(texts)
        counts = self.zh_names.strings(texts, joined, before=self.name_followers)
        blocked = set(actor_names) | {hit.text for hit in view.hits("lexicon", "COUNTRY")}
        people = self._zh_people(view)
        # only strings given twice or more are ranked, and only they can outrank a shorter one
        repeated = {s: n for s, n in counts.items() if n >= 2}
        ranked = [(s, sc) for s, sc in self.zh_names.rank(repeated)
                  if s not in blocked and s not in people and not self.zh_names.is_descriptor(s)]
        # a name given once, as the subject of a report: 港灣醫療集團證實…, 台中仁愛醫院表示…
        for name in self._subject_names(joined):
            if name not in blocked and not self.zh_names.is_descriptor(name):
                ranked.append((name, self.w["zh_subject"] + 0.1 * len(name)))
        ranked += self._latin_names(texts, blocked)
        ranked.sort(key=lambda x: (-x[1], x[0]))
        if not ranked:
            return []
        name, score = ranked[0]
        name = self.zh_names.full_name(name, joined)
        confidence = round(min(self.w["zh_score_cap"], self.w["zh_score_base"] + self.w["zh_score_step"] * score), 3)
        return [Candidate(name, name, confidence, view.find_evidence(name, "zh_org_name", self.w["mention"]))]

    def _latin_names(self, texts: list[str], blocked: set[str]) -> list[tuple[str, float]]:
        """Latin names standing before a victim verb ("Optus證實"), by mentions and such uses."""
        latin: Counter = Counter()
        for t in texts:
            for m in self.latin_before.finditer(t):
                if m.group(1) not in blocked:
                    latin[m.group(1)] += 1
        return [(name, sum(t.count(name) for t in texts) + self.w["latin_before_verb"] * n) for name, n in latin.items()]

    def _subject_names(self, text: str) -> list[str]:
        """Organisation names that open a clause and report: the Han run up to an organisation word."""
        names = self.zh_names
        lens = sorted({len(x) for x in names.suffix_set}, reverse=True)
        out = []
        for start, run in han_runs(text):
            if start > 0 and text[start - 1] not in _CLAUSE_OPENERS:
                continue
            for end in range(2, len(run) + 1):
                if not self.subject_follower.match(run, end):
                    continue
                head = run[:end]
                if any(len(head) > k and head[-k:] in names.suffix_set for k in lens):
                    out.append(names.core(head, text))
                    break
        return out

    def _zh_people(self, view: View) -> set[str]:
        """Han strings right after a role word: 行政總裁陳志明 -> 陳志明."""
        people = set()
        for p in view.paragraphs:
            for cue in view.spans(p.seg, "cues", "PERSON_ROLE"):
                m = self.person.match(p.text[cue.end_char:])
                if m:
                    people.add(m.group())
        return people


def _owners(mentions: dict[str, list[Mention]]) -> dict[str, str]:
    """A short form ("Harbourview") counts for the long form it begins or ends."""
    names = sorted(mentions, key=lambda n: (-len(n), n))
    # the names each name begins or ends (words are joined by single spaces): looked up per
    # short form, where testing every pair of names was quadratic
    beginning_or_ending: dict[str, list[str]] = defaultdict(list)
    for long in names:
        at = long.find(" ")
        while at >= 0:
            beginning_or_ending[long[:at]].append(long)
            beginning_or_ending[long[at + 1:]].append(long)
            at = long.find(" ", at + 1)
    owner: dict[str, str] = {}
    for short in names:
        longs = [long for long in beginning_or_ending.get(short, ()) if len(long) > len(short)
                 and (long.startswith(short + " ") or long.endswith(" " + short))]
        if longs:
            long = max(longs, key=lambda n: (len(mentions[n]), len(n), n))
            owner[short] = owner.get(long, long)
    return owner
