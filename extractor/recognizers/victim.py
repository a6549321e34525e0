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
from extractor.scoring import LinearModel
from extractor.segment import Segment
from extractor.view import Candidate, Hit, View, literal_spans

Mention = tuple[Segment, int, int, str]
_ZH_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")
#: a Latin-script organisation name inside Chinese text: Fimmick CRM Limited, iRent
_LATIN_IN_ZH = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&.\-]*[A-Za-z0-9](?: [A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]){0,3}(?![A-Za-z0-9])")
#: characters after which a Han run opens a clause (a name there is a report's subject)
_CLAUSE_OPENERS = "。！？；\n，,：:「」『』“”（）() "


class VictimRecognizer:
    """Weights `victim`; lists `name_follower`, `latin_victim_follower`, `subject_follower`,
    `person_follower` and `report_verb` (what follows a victim's name in Chinese)."""

    field = "victim"

    #: what describes an English candidate (see models/data/weights.tsv, model victim_en)
    EN_FEATURES = ("mentions", "cue", "headline", "in_lead", "lead_subject", "background", "bystander",
                   "place", "org_word", "acronym", "gazetteer", "recipient")

    #: what describes a Chinese candidate found without English (model victim_zh)
    ZH_FEATURES = ("count", "org_count", "length", "subject", "latin_verb", "headline", "in_lead", "gazetteer",
                   "bystander", "fragment", "clause_start", "attack_clause", "latin", "recipient", "attack_subject",
                   "outlet", "government")

    def __init__(self, res: Resources, scope: Scope, en_names: EnglishNames, zh_names: ChineseNames) -> None:
        self.w = res.w("victim")
        self.scope, self.en_names, self.zh_names = scope, en_names, zh_names
        self.gazetteer = res.gazetteer
        self.en_model = LinearModel("victim_en", res.w("victim_en"), self.EN_FEATURES)
        self.zh_model = LinearModel("victim_zh", res.w("victim_zh"), self.ZH_FEATURES)
        self.places = res.list("place_en")
        self.laws = res.list("law_word_en")
        self.bystander_en = re.compile(rf"\b(?:{res.alternation('bystander_word_en')})\b", re.I)
        self.bystander_zh = re.compile(res.alternation("bystander_word_zh"))
        self.attack_zh = re.compile(res.alternation("attack_verb_zh"))
        #: what follows a news outlet's name: 大公報訊, 華視新聞
        self.outlet_suffixes = res.alternation("outlet_suffix_zh")
        # the incident was reported to it: 已通報衛生福利部, "notified the Privacy Commissioner"
        self.recipient_zh = re.compile(f"(?:{res.alternation('recipient_before_zh')})$")
        self.recipient_en = re.compile(rf"\b(?:{res.alternation('recipient_before_en')})(?: (?:the|its|their))?\s*$", re.I)
        self.name_followers = res.list("report_verb") | res.list("name_follower")
        self.latin_before = re.compile(r"([A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3})"
                                       rf"(?={res.alternation('latin_victim_follower')})")
        self.subject_follower = re.compile(res.alternation("report_verb", "subject_follower"))
        self.person = re.compile(rf"[\u3400-\u9fff]{{2,3}}(?={res.alternation('person_follower')}|[，,。：:])")

    # ---------- English

    def en_candidates(self, view: View, memo: NameMemo, actor_names: Iterable[str]) -> list[Candidate]:
        """Organisations in English text, ranked by how often and in what role they are named."""
        mentions = self._en_mentions(view, memo, self._blocked(view, actor_names))
        acronyms = {k: v for p in view.paragraphs for k, v in memo.acronyms(p.text).items()}
        owner = _owners(mentions, acronyms, self._distinct)
        cue_score = self._cue_scores(view, mentions, owner)
        groups: dict[str, list[Mention]] = defaultdict(list)
        for name, ms in mentions.items():
            groups[owner.get(name, name)].extend(ms)
        people = {name for name, ms in groups.items() if self.en_names.is_person(name, ms, view)}
        surnames = {w for name in people for w in name.split()}
        out = []
        for name, ms in groups.items():
            if name in surnames:  # "Chan said": the chairman Clement Chan, by his surname
                view.reject("victim", [], None, "part of a person's name", text=name, lang=view.lang)
                continue
            cand = self._en_candidate(view, name, ms, cue_score[name], name in people)
            if cand is not None:
                out.append(cand)
        view.log_ranking("victim_en", [(c.text, c.extra["features"]) for c in out])
        out.sort(key=lambda c: (-c.score, c.evidence[0].start if c.evidence else 0))
        if out:
            top = out[0]
            for c in out[1:6]:
                view.reject("victim", c.evidence[:2], self._confidence(c.score),
                            f"weighed {c.score:.1f} against {top.score:.1f} for {top.text} ({_describe(c.extra['features'])})")
            top.score = self._confidence(top.score)
        return out[:1]

    def _confidence(self, score: float) -> float:
        return round(max(0.05, min(self.w["en_score_cap"], self.w["en_score_base"] + self.w["en_score_step"] * score)), 3)

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

    def _distinct(self, short: str, long: str) -> bool:
        """The gazetteer knows the short form as an organisation the long form is not."""
        a = self.gazetteer.find(short)
        b = self.gazetteer.find(long)
        return a is not None and (b is None or a.key != b.key)

    def _en_mentions(self, view: View, memo: NameMemo, blocked: set[str]) -> dict[str, list[Mention]]:
        mentions: dict[str, list[Mention]] = defaultdict(list)
        body = [n for p in view.paragraphs if not _title_case(p) for _, _, n in memo.org_spans(p.text)]
        for p in view.paragraphs:
            title = _title_case(p)
            for a, _, name in memo.org_spans(p.text):
                name = _as_in_body(name, body) if title else name
                if name is not None and self._may_be_victim(name, blocked):
                    mentions[name].append((p.seg, a, a + len(name), name))
        return mentions

    def _may_be_victim(self, name: str, blocked: set[str]) -> bool:
        """Not an actor, group, country or outlet; not a generic body ("the Government", "Police"),
        a law ("Personal Data (Privacy) Ordinance"), a month or a two-letter word."""
        words = name.lower().split()
        if name.lower() in blocked or all(w in self.en_names.generic or w in self.en_names.stop for w in words):
            return False
        if words[-1] in self.laws:
            return False
        return not (len(words) == 1 and (words[0] in self.en_names.months or len(name) < 3))

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

    def _en_candidate(self, view: View, name: str, ms: list[Mention], cues: float, person: bool) -> Candidate | None:
        if person:
            view.reject("victim", [], None, "a person's name, not an organisation", text=name, lang=view.lang)
            return None
        if len(name.split()) == 1 and len(ms) == 1 and not cues:
            return None
        hits = []
        for seg, a, b, _ in sorted(ms, key=lambda m: (view.order[m[0].id], m[1])):
            para = view.paragraphs[view.order[seg.id]]
            span = para.doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                hits.append(Hit(para, span))
        features = self._en_features(view, name, ms, cues, hits)
        ev = [h.evidence(view.lang, "en_org_name", self.w["mention"], m[3])
              for h, m in zip(hits, sorted(ms, key=lambda m: (view.order[m[0].id], m[1])))]
        return Candidate(name, name, self.en_model.score(features), ev,
                         {"aliases": sorted({m[3] for m in ms} - {name}), "features": features})

    def _en_features(self, view: View, name: str, ms: list[Mention], cues: float, hits: list[Hit]) -> dict[str, float]:
        heading, lead = view.heading_id(), view.lead_id()
        return {
            "mentions": float(len(ms)),
            "cue": cues,
            "headline": float(any(m[0].id == heading for m in ms)),
            "in_lead": float(any(m[0].id == lead for m in ms)),
            "lead_subject": float(any(m[0].id == lead and m[1] <= self.w["lead_subject_offset"] for m in ms)),
            **self._en_context(view, hits),
            **self._en_kind(name),
        }

    def _en_context(self, view: View, hits: list[Hit]) -> dict[str, float]:
        """Mentions in background sentences, and as the body the incident was reported to."""
        background = sum(1 for h in hits if self.scope.is_background(view, h) or view.cues_in(h, "OTHER_INCIDENT"))
        recipient = sum(1 for h in hits if self.recipient_en.search(h.para.text, max(0, h.span.start_char - 40),
                                                                    h.span.start_char))
        return {"background": float(background), "recipient": float(recipient)}

    def _en_kind(self, name: str) -> dict[str, float]:
        """What the name itself says: a known organisation and its role, a place, an acronym."""
        words = name.split()
        org = self.gazetteer.find(name)
        return {
            "bystander": float((org is not None and org.bystander) or bool(self.bystander_en.search(name))),
            "place": float(name in self.places),
            "org_word": float(any(w.lower().strip(".,") in self.en_names.org_words for w in words)),
            "acronym": float(len(words) == 1 and name.isupper() and len(name) <= 5),
            "gazetteer": float(org is not None and not org.bystander),
        }

    # ---------- Chinese

    def zh_candidates(self, view: View, actor_names: Iterable[str]) -> list[Candidate]:
        """Chinese victims when no English text guides us: organisation-like names, ranked by
        their features (model victim_zh)."""
        texts = view.texts()
        joined = "\n".join(texts)
        blocked = set(actor_names) | {hit.text for hit in view.hits("lexicon", "COUNTRY")} | self._zh_people(view)
        found = self._zh_found(texts, joined, blocked)
        scored = []
        for name, features in found.items():
            features.update(self._zh_context(view, name, joined))
            scored.append((self.zh_model.score(features), name))
        view.log_ranking("victim_zh", [(name, found[name]) for _, name in scored])
        if not scored:
            return []
        score, name = max(scored, key=lambda x: (x[0], _tiebreak(x[1])))
        name = self.zh_names.full_name(name, joined)
        confidence = round(max(0.05, min(self.w["zh_score_cap"], self.w["zh_score_base"] + self.w["zh_score_step"] * score)), 3)
        return [Candidate(name, name, confidence, view.find_evidence(name, "zh_org_name", self.w["mention"]),
                          {"features": found.get(name, {})})]

    def _zh_found(self, texts: list[str], joined: str, blocked: set[str]) -> dict[str, dict[str, float]]:
        """Candidate names and the features of how they were found."""
        names = self.zh_names
        found: dict[str, dict[str, float]] = defaultdict(dict)
        counts = names.strings(texts, joined, before=self.name_followers)
        # only strings given twice or more are ranked, and only they can outrank a shorter one
        for s, n, org in names.prefer_longer({s: n for s, n in counts.items() if n >= 2}):
            found[s].update(count=float(n), org_count=float(n) if org else 0.0)
        # a name given once, as the subject of a report: 港灣醫療集團證實…, 台中仁愛醫院表示…
        for name in self._subject_names(joined):
            found[name]["subject"] = 1.0
        for name, n in self._latin_names(texts).items():
            found[name].update(latin_verb=float(n), count=float(sum(t.count(name) for t in texts)))
        self._zh_found_more(joined, found)
        return {s: f for s, f in found.items() if s not in blocked and not names.is_descriptor(s)
                and (f.get("latin") or names.maximal(s, joined))}

    def _zh_found_more(self, joined: str, found: dict[str, dict[str, float]]) -> None:
        """Strings that open clauses and recur, Latin names, and names the gazetteer knows."""
        for name, n in self.zh_names.clause_prefixes(joined).items():
            found[name]["clause_start"] = float(n)
        for m in _LATIN_IN_ZH.finditer(joined):
            if len(m.group()) >= 3 and any(c.isupper() for c in m.group()):  # not pinyin glosses (醫(yī))
                found[m.group()]["latin"] = 1.0
        for _, _, org in self.gazetteer.zh_names_in(joined):
            for name in org.names.get("zh", ()):
                if name in joined:
                    found[name]["gazetteer"] = 1.0

    def _zh_context(self, view: View, name: str, joined: str) -> dict[str, float]:
        """Where the article names the candidate, and what it is."""
        heading, lead = view.heading_id(), view.lead_id()
        org = self.gazetteer.find(name, "zh") or next(
            (o for _, _, o in self.gazetteer.zh_names_in(name) if o.bystander), None)  # 華視新聞 holds 華視
        texts = {p.seg.id: p.text for p in view.paragraphs}
        clauses = [m.group() for m in _ZH_CLAUSE.finditer(joined) if name in m.group()]
        return {
            "attack_subject": float(sum(1 for c in clauses if c.lstrip().startswith(name) and self.attack_zh.search(c))),
            "outlet": float(bool(re.search(re.escape(name) + f"(?:{self.outlet_suffixes})", joined))),
            **self._zh_where(view, name, joined, org, heading, lead, texts),
        }

    def _zh_where(self, view: View, name: str, joined: str, org, heading, lead, texts) -> dict[str, float]:
        return {
            "length": float(len(name)),
            "count": float(joined.count(name)),
            "headline": float(heading is not None and name in texts[heading]),
            "in_lead": float(lead is not None and name in texts[lead]),
            "gazetteer": float(org is not None and not org.bystander),
            "bystander": float((org is not None and org.bystander) or bool(self.bystander_zh.search(name))),
            "government": float(org is not None and org.role == "government"),
            "fragment": float(self.zh_names.is_fragment(name, joined)),
            "recipient": float(sum(1 for a, _ in literal_spans(name, joined)
                                   if self.recipient_zh.search(joined, max(0, a - 6), a))),
            "attack_clause": float(sum(1 for m in _ZH_CLAUSE.finditer(joined)
                                       if name in m.group() and self.attack_zh.search(m.group()))),
        }

    def _latin_names(self, texts: list[str]) -> Counter:
        """Latin names standing before a victim verb ("Optus證實"), and how often they do."""
        latin: Counter = Counter()
        for t in texts:
            for m in self.latin_before.finditer(t):
                latin[m.group(1)] += 1
        return latin

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


def _owners(mentions: dict[str, list[Mention]], acronyms: dict[str, str] | None = None,
            distinct=None) -> dict[str, str]:
    """A short form ("Harbourview") counts for the long form it begins or ends, and a defined
    acronym (REO) for its name; not a short form that `distinct(short, long)` says names
    another organisation (NHS is not NHS England)."""
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
        longs = [long for long in beginning_or_ending.get(short, ())
                 if _begins_or_ends(short, long) and not (distinct and distinct(short, long))]
        if longs:
            long = max(longs, key=lambda n: (len(mentions[n]), len(n), n))
            owner[short] = owner.get(long, long)
    for short, long in (acronyms or {}).items():
        if short in mentions and long in mentions and short != long:
            owner[short] = owner.get(long, long)
    return owner


def _begins_or_ends(short: str, long: str) -> bool:
    return len(long) > len(short) and (long.startswith(short + " ") or long.endswith(" " + short))


def _describe(features: dict[str, float]) -> str:
    """The features that are set, for --explain."""
    return ", ".join(f"{k} {v:g}" for k, v in features.items() if v)


def _tiebreak(name: str) -> tuple:
    """Between equal scores, the first in code-point order wins (as a sort on (-score, name) gives)."""
    return tuple(-ord(c) for c in name)


def _title_case(p) -> bool:
    """A headline in Title Case: its capitals do not mark names ("Retailer Warns Shoppers")."""
    if p.seg.kind != "heading":
        return False
    words = [w for w in p.text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _as_in_body(name: str, body: list[str]) -> str | None:
    """The longest run of a Title Case headline's name that the body also writes as (the start
    of) a name: "Kestrel Precision Components Reports Cybersecurity Incident" -> "Kestrel
    Precision Components"; None when the body never names it."""
    words = name.split()
    for k in range(len(words), 0, -1):
        head = " ".join(words[:k])
        if any(n == head or n.startswith(head + " ") for n in body):
            return head
    return None
