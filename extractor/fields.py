"""spans -> evidence: the field recognisers, one language at a time.

Each recogniser reads the spans the pipelines wrote (`lexicon`, `cues`, `quantities`) and the
sentences around them, and returns candidates with their evidence. Choosing between the
candidates of the two languages and pairing them is the job of `extractor.link`.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from extractor.components.patterns import text_of
from extractor.lexicon import word_lists
from extractor.script import is_han
from extractor.segment import Segment


@dataclass(frozen=True)
class Evidence:
    lang: str
    segment: str
    start: int
    end: int
    text: str
    sentence: str
    rule: str
    score: float

    def to_dict(self) -> dict:
        return {"lang": self.lang, "segment": self.segment, "start": self.start, "end": self.end,
                "text": self.text, "sentence": self.sentence, "rule": self.rule, "score": round(self.score, 3)}


@dataclass
class Candidate:
    """One value of a field in one language, with every mention that supports it."""

    key: str  # what identifies the value: canonical name, category, code, bytes ...
    text: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def span_text(span: Span) -> str:
    """`span.text`, sliced from the doc's text: spaCy joins the span's tokens on every access."""
    return text_of(span.doc)[span.start_char:span.end_char]


def doc_sents(doc: Doc) -> tuple[list[int], list[Span]]:
    """`list(doc.sents)` and the start token of each, read once per doc: every recogniser asks
    for sentences, and spaCy builds them anew (checking the annotation first) on each request."""
    found = doc.user_data.get("extractor.sents")
    if found is None:
        sents = list(doc.sents)
        found = doc.user_data["extractor.sents"] = ([s.start for s in sents], sents)
    return found


def sentence_of(span: Span) -> Span:
    """`span.sent`: the sentence holding the span's first token (spaCy's Span.sent depends only
    on where the span starts), found by bisection in the doc's sentences, where spaCy walks the
    tokens to the boundaries and builds a new Span on every access."""
    starts, sents = doc_sents(span.doc)
    return sents[bisect.bisect_right(starts, span.start) - 1]


class _read_once:
    """A property computed on first read and kept in the instance (functools.cached_property
    also takes a lock on every first read, which costs more than these reads)."""

    def __init__(self, fn) -> None:
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class Hit:
    """A span in context: the segment it is in, its absolute offsets and its sentence."""

    seg: Segment
    span: Span

    @property
    def start(self) -> int:
        return self.seg.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.seg.start + self.span.end_char

    # read once per Hit: a View hands the same Hits to every recogniser, which ask again and again
    @_read_once
    def text(self) -> str:
        return span_text(self.span)

    @_read_once
    def sent(self) -> Span:
        return sentence_of(self.span)

    @_read_once
    def quantity(self):
        """The Quantity a span of the `quantities` group stands for (`span._.quantity` scans
        the doc's list on every read)."""
        return self.span._.quantity

    @_read_once
    def sent_text(self) -> str:
        return span_text(self.sent)

    def evidence(self, lang: str, rule: str, score: float, text: str | None = None) -> Evidence:
        """Evidence for this span, or for the part of it that reads `text` (a cleaned name)."""
        start, end = self.start, self.end
        if text and text != self.text:
            at = self.text.find(text)
            if at >= 0:
                start, end = start + at, start + at + len(text)
            else:
                text = self.text
        return Evidence(lang, self.seg.id, start, end, text or self.text, self.sent_text.strip(), rule, score)


class View:
    """One language's docs, with the look-ups the recognisers share."""

    def __init__(self, lang: str, parsed: list[tuple[Segment, Doc]], rule_scores: dict[str, float] | None = None) -> None:
        self.lang = lang
        self.parsed = parsed
        self.rule_scores = rule_scores or {}
        self.order = {seg.id: i for i, (seg, _) in enumerate(parsed)}
        # SpanGroup look-ups are slow; read each group once, and file its spans by label too
        # (`span.label_` is a string-store look-up, and the recognisers ask by label thousands
        # of times per article)
        self.groups: dict[tuple[str, str], list[Span]] = {}
        self.labelled: dict[tuple[str, str, str], list[Span]] = {}
        for seg, doc in parsed:
            for key in ("lexicon", "cues", "quantities"):
                spans = self.groups[(seg.id, key)] = list(doc.spans[key]) if key in doc.spans else []
                for span in spans:
                    self.labelled.setdefault((seg.id, key, span.label_), []).append(span)
        self._hits: dict[tuple[str, str | None], list[Hit]] = {}
        self._in_sentence: dict[tuple[str, int, str, str], list[Span]] = {}

    def rule_score(self, rule: str) -> float:
        """The score a cue rule carries in the pipeline's cues.jsonl."""
        return self.rule_scores.get(rule, 0.5)

    def spans(self, seg: Segment, key: str, label: str | None = None) -> list[Span]:
        """The segment's spans of group `key` (of one label), in the group's order."""
        if label is None:
            return self.groups.get((seg.id, key), [])
        return self.labelled.get((seg.id, key, label), [])

    def hits(self, key: str, label: str | None = None) -> Iterator[Hit]:
        """Every span of group `key` (of one label) in segment order, as Hits (made once)."""
        found = self._hits.get((key, label))
        if found is None:
            found = self._hits[(key, label)] = [Hit(seg, span) for seg, _ in self.parsed
                                                for span in self.spans(seg, key, label)]
        return iter(found)

    def cues_in(self, hit: Hit, label: str, value: str | None = None) -> list[Span]:
        """The cues of `label` (and `value`) in the hit's sentence (shared: do not change it)."""
        found = self.spans_in(hit, "cues", label)
        return found if value is None else [s for s in found if s.id_ == value]

    def spans_in(self, hit: Hit, key: str, label: str) -> list[Span]:
        """The spans of `label` in the hit's sentence: worked out once per sentence, as the
        hits of one sentence all ask (the list is shared: callers only read it)."""
        spans = self.labelled.get((hit.seg.id, key, label))
        if not spans:
            return []
        sent = hit.sent
        memo = (hit.seg.id, sent.start, key, label)
        found = self._in_sentence.get(memo)
        if found is None:
            lo, hi = sent.start_char, sent.end_char
            found = self._in_sentence[memo] = [s for s in spans if s.start_char >= lo and s.end_char <= hi]
        return found



# ---------- names

_WORDS = word_lists()
_EN_NAME_STOP = _WORDS["name_stop"]
_MONTHS = _WORDS["calendar"]
#: words that head an organisation name across "of" / "and": University of X, Bank of Y
_ORG_HEADS = _WORDS["org_head"]
#: words that make a capitalised name an organisation, never a person
_ORG_WORDS = _ORG_HEADS | _WORDS["org_word"]
_GENERIC_ORG_WORDS = _WORDS["generic_org"]


_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
_POSSESSOR_BEFORE_NAME = re.compile(r"([A-Za-z]+)(?:'s|’s) ([A-Z].*)$")


def clean_en_name(name: str) -> str:
    name = name.strip(" .,;:'\"’”“()")
    if "'" in name or "’" in name:  # both patterns need one
        name = _POSSESSIVE_END.sub("", name)
        m = _POSSESSOR_BEFORE_NAME.match(name)
        if m:
            name = m.group(2)  # "Taiwan's Fuyuan Securities"
    words = name.split()
    while words and words[0].lower() in _EN_NAME_STOP:
        words.pop(0)
    while words and words[-1].lower() in {"and", "of", "&", "the", "de"}:
        words.pop()
    return " ".join(words)


def is_name_like(name: str) -> bool:
    if len(name) < 2 or not name[0].isupper() and not name[0].isdigit():
        return False
    words = name.split()
    if all(w.lower() in _EN_NAME_STOP or w.lower() in _MONTHS for w in words):
        return False
    return not name.isdigit()


@lru_cache(maxsize=4096)
def en_org_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Capitalised word sequences: the raw material of English organisation names (a pure
    function of the paragraph, which several recognisers ask about: remembered)."""
    return tuple(_en_org_spans(text))


_CAPITALISED = r"[A-Z][A-Za-z0-9&'’\-]*[A-Za-z0-9]|[A-Z]"
_CAPITALISED_RUN = re.compile(rf"(?<![A-Za-z0-9])(?:{_CAPITALISED})(?:(?: (?:&|of|and|de|von|der|du) | )(?:{_CAPITALISED})){{0,5}}")


def _en_org_spans(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _CAPITALISED_RUN.finditer(text):
        pieces = [(m.start(), m.group())]
        # "Passengers of Cathay" is two things; "University of Toronto" is one
        for sep in (" of ", " and "):
            split = []
            for start, raw in pieces:
                left, found, right = raw.partition(sep)
                if found and left.split()[-1].lower() not in _ORG_HEADS:
                    split += [(start, left), (start + len(left) + len(sep), right)]
                else:
                    split.append((start, raw))
            pieces = split
        for start, raw in pieces:
            name = clean_en_name(raw)
            if name and is_name_like(name):
                offset = start + raw.find(name)
                yield offset, offset + len(name), name


def _is_person(name: str, mentions: list, view: View) -> bool:
    """A personal name: two or three words, no organisation word, a role right beside it
    ("chief executive Lin Cheng-hao", "Helen Marsh, the trust's medical director")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or any(w.lower().strip(".,") in _ORG_WORDS for w in words):
        return False
    for seg, a, b, text in mentions:
        if text != name:
            continue
        doc = view.parsed[view.order[seg.id]][1]
        for cue in view.spans(seg, "cues", "PERSON_ROLE"):
            before = 0 <= a - cue.end_char <= 3
            after = 0 <= cue.start_char - b <= 45 and re.match(r",? (?:(?:a|an|the|its|their|[A-Z][a-z]+'s|[A-Z][A-Za-z]+)\b[^.,;]*)?$", text_of(doc)[b:cue.start_char])
            if before or after:
                return True
    return False


# ---------- actors

_CONTEXT_FREE = re.compile(r"[0-9$/]|[a-z][A-Z]|^[A-Z0-9]{2,}")  # LockBit, Cl0p, ALPHV, 8Base, Lapsus$
#: words that make a sentence about a criminal group, for a group name that needs context
_GROUP_CONTEXT = re.compile(r"ransomware|gang|group|crew|operators?|affiliate|leak site|勒索|組織|团伙|團伙|集團|黑客|駭客", re.I)


def is_background(view: View, hit: Hit) -> bool:
    """A group named as an example ("groups such as X") or in another time ("last year X ...")."""
    reach = 8 if view.lang == "zh" else 25
    for cue in view.cues_in(hit, "BACKGROUND"):
        if cue.id_ == "sentence":
            return True
        if 0 <= hit.span.start_char - cue.end_char <= reach:
            return True
    return False


def _inside_longer_name(hit: Hit) -> bool:
    doc, span = hit.span.doc, hit.span
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    capital = lambda t: t is not None and t.text[:1].isupper() and t.is_alpha and not t.is_sent_start
    return capital(after) or (capital(before) and not before.is_sent_start)


def _near_role(view: View, hit: Hit) -> bool:
    return any(0 <= hit.span.start_char - c.end_char <= 6 or 0 <= c.start_char - hit.span.end_char <= 3
               for c in view.cues_in(hit, "PERSON_ROLE"))


def actors(view: View) -> list[Candidate]:
    """Named groups the article holds responsible; groups named only as background are dropped."""
    lang = view.lang
    found: dict[str, Candidate] = {}
    forms: dict[str, Counter] = defaultdict(Counter)
    support: dict[str, float] = defaultdict(float)
    claimed: dict[str, float] = defaultdict(float)

    def add(key: str, hit: Hit, text: str, rule: str, score: float) -> None:
        background = is_background(view, hit)
        cand = found.setdefault(key, Candidate(key, text, 0.0))
        cand.evidence.append(hit.evidence(lang, rule, score, text))
        forms[key][text] += 1
        support[key] += score * (0.3 if background else 1.0)
        if rule.startswith(("en_actor", "zh_actor")) and not background:
            claimed[key] = max(claimed[key], score)

    group_ids = {}
    for hit in view.hits("lexicon", "GROUP"):
        text = hit.text
        if lang == "en" and text[0].islower():
            continue
        group_ids[text.lower()] = hit.span.id_
        if lang == "en" and _inside_longer_name(hit):
            continue  # "Royal Mail", "Velvet Lynx": a longer proper name, not this group
        needs_context = not _CONTEXT_FREE.search(text) and not any(is_han(c) for c in text)
        if needs_context and not (view.cues_in(hit, "ACTOR") or _GROUP_CONTEXT.search(hit.sent_text)):
            continue
        add(hit.span.id_, hit, text, "lexicon_group", 0.6)
        if (not needs_context and not is_background(view, hit)
                and any(view.cues_in(hit, label) for label in ("THEFT", "RANSOM", "ENCRYPTION"))):
            claimed[hit.span.id_] = max(claimed[hit.span.id_], 0.7)  # a known group in a sentence about the attack
    known = set(found)
    for hit in view.hits("cues", "ACTOR"):
        name = clean_en_name(hit.text)
        if not name or not re.search("[A-Za-z]", name) or (lang == "en" and not is_name_like(name)) or name.lower() in _EN_NAME_STOP:
            continue
        key = group_ids.get(name.lower(), name)
        if key == name and _near_role(view, hit):
            continue  # "研究主管Maria Santos表示": a person, not a group
        add(key, hit, name, hit.span.kb_id_, view.rule_score(hit.span.kb_id_))

    out = []
    for key, cand in found.items():
        if key not in claimed and support[key] < 1.5:
            if collecting():
                reject("actor", cand.evidence, round(support[key], 3),
                       f"named without a claim or attack cue (support {support[key]:.2f} < 1.5)")
            continue
        if key not in known and claimed.get(key, 0.0) < 0.85:
            if collecting():
                reject("actor", cand.evidence, round(claimed.get(key, 0.0), 3),
                       "a name on no group list needs a strong cue (score >= 0.85)")
            continue  # a name no list knows needs a strong cue: "a group calling itself X"
        best, _ = forms[key].most_common(1)[0]
        longer = [f for f in forms[key] if f != best and re.search(rf"(?<![A-Za-z]){re.escape(best)}(?![A-Za-z])", f)]
        cand.text = max(longer, key=len) if longer else best
        cand.score = min(1.0, claimed.get(key, 0.4) + 0.05 * len(cand.evidence))
        out.append(cand)
    out.sort(key=lambda c: (-c.score, c.evidence[0].start))
    if out:
        top = out[0].score
        if collecting():
            for c in out:
                if c.score < 0.75 * top:
                    reject("actor", c.evidence, c.score, f"score below 75% of the top actor's ({out[0].text}, {top:.2f})")
        out = [c for c in out if c.score >= 0.75 * top]
    return out


# ---------- victims

def _blocked_names(view: View, actor_names: Iterable[str]) -> set[str]:
    blocked = {a.lower() for a in actor_names}
    for hit in view.hits("lexicon", "GROUP"):
        blocked.add(hit.text.lower())
    for hit in view.hits("lexicon", "COUNTRY"):
        blocked.add(hit.text.lower())
    for hit in view.hits("cues", "OUTLET"):
        blocked.add(clean_en_name(hit.text).lower())
    return blocked


def en_victims(view: View, actor_names: Iterable[str]) -> list[Candidate]:
    """Organisations in English text, ranked by how often and in what role they are named."""
    blocked = _blocked_names(view, actor_names)
    mentions: dict[str, list[tuple[Segment, int, int, str]]] = defaultdict(list)
    for seg, doc in view.parsed:
        for a, b, name in en_org_spans(text_of(doc)):
            words = name.lower().split()
            if name.lower() in blocked or words[0] in _GENERIC_ORG_WORDS:
                continue
            if len(words) == 1 and (words[0] in _MONTHS or len(name) < 3):
                continue
            mentions[name].append((seg, a, b, name))
    # a short form ("Harbourview") counts for the long form it begins or ends
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
    cue_score: dict[str, float] = defaultdict(float)
    for hit in view.hits("cues", "VICTIM"):
        if is_background(view, hit) or view.cues_in(hit, "OTHER_INCIDENT"):
            continue
        name = clean_en_name(hit.text)
        for cand in list(mentions):
            if cand == name or cand in name.split(" ") or name.startswith(cand + " ") or cand.startswith(name):
                cue_score[owner.get(cand, cand)] += 1.0
                break
    groups: dict[str, list] = defaultdict(list)
    for name, ms in mentions.items():
        groups[owner.get(name, name)].extend(ms)
    first_body = next((seg.id for seg, _ in view.parsed if seg.kind != "heading"), None)
    docs = {seg.id: doc for seg, doc in view.parsed}
    out = []
    for name, ms in groups.items():
        if _is_person(name, ms, view):
            if collecting():
                reject("victim", [], None, "a person's name, not an organisation", text=name, lang=view.lang)
            continue
        count = len(ms)
        in_lead = any(m[0].id == first_body for m in ms)
        lead_subject = any(m[0].id == first_body and m[1] <= 4 for m in ms)
        score = count + 2.0 * cue_score[name] + (1.5 if in_lead else 0.0) + (1.5 if lead_subject else 0.0)
        if len(name.split()) == 1 and count == 1 and not cue_score[name]:
            continue
        ev = []
        for seg, a, b, text in sorted(ms, key=lambda m: (view.order[m[0].id], m[1])):
            span = docs[seg.id].char_span(a, b, alignment_mode="expand")
            if span is not None:
                ev.append(Hit(seg, span).evidence(view.lang, "en_org_name", 0.5, text))
        cand = Candidate(name, name, score, ev, {"aliases": sorted({m[3] for m in ms} - {name})})
        out.append(cand)
    out.sort(key=lambda c: (-c.score, c.evidence[0].start if c.evidence else 0))
    if out:
        top = out[0]
        if collecting():
            for c in out[1:6]:
                reject("victim", c.evidence[:2], round(min(0.95, 0.4 + 0.05 * c.score), 3),
                       f"weighed {c.score:.1f} (mentions, victim cues, lead position) against {top.score:.1f} for {top.text}")
        top.score = round(min(0.95, 0.4 + 0.05 * top.score), 3)
    return out[:1]


_ZH_EDGE = _WORDS["edge"]
ZH_GENERIC = _WORDS["generic"]
#: a victim's name does not contain these: they name the attack or the attacker
_ZH_CRIME = re.compile("勒索|黑客|駭客|組織|组织|團伙|团伙|犯罪|軟體|軟件|软件")
_ZH_NOT_NAME = re.compile("勒索|黑客|駭客|攻擊|组织|組織|團伙|犯罪|罰款|罚款|事件|外洩|資料|數據")


def _han_runs(text: str) -> Iterator[tuple[int, str]]:
    for m in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
        yield m.start(), m.group()


def zh_name_candidates(texts: list[str], suffixes: Iterable[str], cue_words: Iterable[str]) -> Counter:
    """Repeated Han strings that look like names: end in an organisation word or stand before a cue."""
    counts: Counter = Counter()
    joined = "\n".join(texts)
    suffix_set = set(suffixes)
    suffix_lens = sorted({len(x) for x in suffix_set})
    cue_set = set(cue_words)
    cue_lens = sorted({len(c) for c in cue_set})
    any_next = "" in cue_set
    seen: set[str] = set()
    for _, run in _han_runs(joined):
        for j in range(2, len(run) + 1):
            before_cue = any_next or _word_at(run, j, cue_set, cue_lens)
            if before_cue:
                seen.update(run[i:j] for i in range(max(0, j - 14), j - 1))
                continue
            # s = run[i:j] ends in a suffix of length k < len(s) exactly when run[j-k:j] is one
            # and i < j - k: the test depends on j only, so it is made once per j
            shortest = _shortest_suffix_before(run, j, suffix_set, suffix_lens)
            if shortest is not None:
                seen.update(run[i:j] for i in range(max(0, j - 14), min(j - 1, j - shortest)))
            if "" in suffix_set:  # s[-0:] is s itself: a string that is itself a suffix
                seen.update(s for i in range(max(0, j - 14), j - 1) if (s := run[i:j]) in suffix_set)
    keep = {s for s in seen if _name_like(s)}
    found = _count_all(joined, keep)
    for s in seen:
        if s in keep and found.get(s, 0) >= 1:
            counts[s] = found[s]
    return counts


def _word_at(run: str, j: int, words: set[str], lengths: list[int]) -> bool:
    """Whether one of `words` (of the given lengths) begins at run[j] (a plain loop, as below)."""
    for k in lengths:
        if k and run[j:j + k] in words:
            return True
    return False


def _shortest_suffix_before(run: str, j: int, suffix_set: set[str], lengths: list[int]) -> int | None:
    """The least k (0 < k < j, `lengths` ascending) such that run[j-k:j] is in `suffix_set`
    (a plain loop: this runs once per character, where a generator costs more than the test)."""
    for k in lengths:
        if k >= j:
            return None
        if k and run[j - k:j] in suffix_set:
            return k
    return None


def _name_like(s: str) -> bool:
    """A Han string that may be a name: no function character at either edge, not a generic
    word, no word about the attack."""
    return not (s[0] in _ZH_EDGE or s[-1] in _ZH_EDGE or s in ZH_GENERIC or _ZH_NOT_NAME.search(s))


def zh_string_pool(texts: list[str], whole: str, suffixes: Iterable[str]) -> dict[str, int]:
    """The name-like Han strings of 2 to 14 characters in `texts` that `whole` holds at least
    twice, or that end in one of `suffixes` (an organisation word) and are longer than it; each
    with `whole.count(s)`. The strings are those `zh_name_candidates(texts, [], [""])` and
    `zh_name_candidates(texts, suffixes, [])` find.

    A string is counted only while its shorter prefix repeats: extending a string never makes it
    more frequent (each occurrence of the longer one holds one of the shorter, no closer
    together), where counting every string was thirteen counts per character.
    """
    suffix_set = set(suffixes)
    suffix_lens = sorted({len(x) for x in suffix_set})
    counted: dict[str, int] = {}
    named: dict[str, None] = {}  # in text order (a set's order would follow the hash seed)
    # two different characters cannot overlap themselves: their count is the number of places
    # they stand, all read in one pass (most strings tried are pairs)
    pairs = Counter(map(str.__add__, whole, whole[1:]))
    for _, run in _han_runs("\n".join(texts)):
        for i in range(len(run) - 1):
            for j in range(i + 2, min(len(run), i + 14) + 1):
                t = run[i:j]
                n = counted.get(t)
                if n is None:
                    n = counted[t] = pairs[t] if j - i == 2 and t[0] != t[1] else whole.count(t)
                if n < 2:
                    break
        for j in range(2, len(run) + 1):
            shortest = _shortest_suffix_before(run, j, suffix_set, suffix_lens)
            if shortest is not None:
                named.update(dict.fromkeys(run[i:j] for i in range(max(0, j - 14), min(j - 1, j - shortest))))
            if "" in suffix_set:  # as in zh_name_candidates: a string that is itself a suffix
                named.update(dict.fromkeys(t for i in range(max(0, j - 14), j - 1) if (t := run[i:j]) in suffix_set))
    pool = {t: n for t, n in counted.items() if n >= 2 and _name_like(t)}
    for t in named:
        if t not in pool and _name_like(t):
            pool[t] = counted[t] if t in counted else whole.count(t)
    return pool


def ends_in_org_word(s: str, suffix_set: frozenset[str] | set[str], lengths: list[int]) -> bool:
    """`s` ends in an organisation word and is longer than it (`lengths`: the words' lengths in
    ascending order): a look-up per length, where trying every word was linear in the word list."""
    return _shortest_suffix_before(s, len(s), suffix_set, lengths) is not None


def _count_all(text: str, wanted: set[str]) -> dict[str, int]:
    """`text.count(s)` (non-overlapping, left to right) for every Han string s in `wanted`, in one
    pass per length over the Han runs, where calling count for each was quadratic."""
    counts: dict[str, int] = {}
    free_from: dict[str, int] = {}  # where the next non-overlapping occurrence may start
    lengths = sorted({len(s) for s in wanted})
    for start, run in _han_runs(text):
        for k in lengths:
            for i in range(len(run) - k + 1):
                u = run[i:i + k]
                if u in wanted and start + i >= free_from.get(u, 0):
                    counts[u] = counts.get(u, 0) + 1
                    free_from[u] = start + i + k
    return counts


def best_zh_name(counts: Counter, suffixes: Iterable[str]) -> list[tuple[str, float]]:
    """Rank candidates: frequent, long enough, not a piece of a longer candidate as frequent."""
    # the highest count of any longer candidate containing each string: one pass over the
    # substrings of each candidate, where comparing every pair was quadratic in their number
    lengths = sorted({len(s) for s in counts})
    longer: dict[str, int] = {}
    for t, m in counts.items():
        for k in lengths:
            if k >= len(t):
                break
            for i in range(len(t) - k + 1):
                u = t[i:i + k]
                if longer.get(u, -1) < m:
                    longer[u] = m
    suffix_set = set(suffixes)
    suffix_lens = sorted({len(x) for x in suffix_set})
    ranked = []
    for s, n in counts.items():
        if longer.get(s, -1) >= n:
            continue  # a longer string occurs as often: prefer it
        # ends in an organisation word with two characters before it
        k = _shortest_suffix_before(s, len(s), suffix_set, suffix_lens)
        org = "" in suffix_set or (k is not None and k <= len(s) - 2)
        ranked.append((s, n * (2.0 if org else 1.0) + 0.1 * len(s)))
    ranked.sort(key=lambda x: (-x[1], x[0]))
    return ranked


def zh_victims(view: View, suffixes: Iterable[str], actor_names: Iterable[str]) -> list[Candidate]:
    """Chinese victims when no English text guides us: repeated organisation-like names."""
    cue_words = ["證實", "表示", "發言人", "發表", "確認", "披露", "承認", "拒絕", "尚未", "的系統", "的伺服器", "的網絡", "的網路",
                 "遭", "被", "受到", "的客戶", "的病人", "的員工", "的會員", "的數據", "的資料", "稱", "指", "已", "於"]
    texts = [text_of(doc) for _, doc in view.parsed]
    counts = zh_name_candidates(texts, suffixes, cue_words)
    blocked = {a for a in actor_names}
    for hit in view.hits("lexicon", "COUNTRY"):
        blocked.add(hit.text)
    joined = "\n".join(texts)
    people = _zh_people(view)
    # only strings given twice or more are ranked, and only they can outrank a shorter one
    repeated = Counter({s: n for s, n in counts.items() if n >= 2})
    ranked = [(s, sc) for s, sc in best_zh_name(repeated, suffixes)
              if s not in blocked and s not in people and counts[s] >= 2 and not is_descriptor(s, suffixes)]
    # a name given once, as the subject of a report: 港灣醫療集團證實…, 台中仁愛醫院表示…
    for name in _zh_subject_names(joined, suffixes):
        if name not in blocked and not is_descriptor(name, suffixes):
            ranked.append((name, 1.0 + 0.1 * len(name)))
    # Latin names standing before a victim cue ("Optus證實")
    latin: Counter = Counter()
    for t in texts:
        for m in re.finditer(r"([A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3})(?=證實|表示|的系統|遭|發言人|確認|披露|证实)", t):
            if m.group(1) not in blocked:
                latin[m.group(1)] += 1
    for name, n in latin.items():
        total = sum(t.count(name) for t in texts)
        ranked.append((name, total + 2.0 * n))
    ranked.sort(key=lambda x: (-x[1], x[0]))
    if not ranked:
        return []
    name, score = ranked[0]
    name = full_zh_name(name, "\n".join(texts), suffixes)
    return [Candidate(name, name, round(min(0.9, 0.3 + 0.05 * score), 3), find_evidence(view, name, "zh_org_name", 0.5))]


_ZH_REPORT = re.compile("表示|證實|证实|確認|确认|披露|承認|承认|發表|发表|稱|称|指出|今日|昨日|週|周|遭|"
                        "行政總裁|行政总裁|總裁|总裁|執行長|执行长|發言人|发言人|主席|總經理|总经理|負責人|负责人")


def _zh_subject_names(text: str, suffixes: Iterable[str]) -> list[str]:
    """Organisation names that open a clause and report: the Han run up to an organisation word."""
    suffix_set = set(suffixes)
    lens = sorted({len(x) for x in suffix_set}, reverse=True)
    out = []
    for start, run in _han_runs(text):
        if start > 0 and text[start - 1] not in "。！？；\n，,：:「」『』“”（）() ":
            continue
        for end in range(2, len(run) + 1):
            if not _ZH_REPORT.match(run, end):
                continue
            head = run[:end]
            if any(len(head) > k and head[-k:] in suffix_set for k in lens):
                out.append(zh_name_core(head, text, suffixes))
                break
    return out


def _zh_people(view: View) -> set[str]:
    """Han strings right after a role word: 行政總裁陳志明 -> 陳志明."""
    people = set()
    for seg, doc in view.parsed:
        text = text_of(doc)
        for cue in view.spans(seg, "cues", "PERSON_ROLE"):
            m = re.match(r"[\u3400-\u9fff]{2,3}(?=表示|稱|称|說|说|指|周|週|今|昨|[，,。：:])", text[cue.end_char:])
            if m:
                people.add(m.group())
    return people


_ZH_NAME_NEXT = re.compile("表示|指出|指|稱|称|證實|证实|說|说|確認|确认|披露|承認|承认|拒絕|拒绝|發言人|发言人|發表|发表|已|遭|被|的系統|的系统|的伺服器|的網絡|的網路|的客戶|的員工|正|週|周|今|昨|於|于")


def full_zh_name(name: str, zh_all: str, suffixes: Iterable[str]) -> str:
    """Extend a short name to the full one the text also uses: 港景 -> 港景醫療集團.

    The longer form must end in an organisation word; the most frequent such form wins.
    """
    longer = [m.group() for m in re.finditer(re.escape(name) + r"[\u3400-\u9fff]{1,6}", zh_all)]
    suffix_set = set(suffixes)
    lengths = sorted({len(x) for x in suffix_set if x})
    ends_in_suffix = "" in suffix_set or any(k <= len(name) and name[-k:] in suffix_set for k in lengths)
    fulls = {name} if ends_in_suffix else set()
    n = len(name)
    for cand in set(longer):
        if cand[n] in _ZH_EDGE:
            continue
        if "" in suffix_set:
            fulls.add(name)
        # the first place after the name where each organisation word begins (what
        # cand.find(word, n) gives), read position by position rather than word by word
        seen: set[str] = set()
        for i in range(n, len(cand)):
            for k in lengths:
                x = cand[i:i + k]
                if len(x) == k and x in suffix_set and x not in seen:
                    seen.add(x)
                    if not any(c in _ZH_EDGE for c in cand[n:i]):
                        fulls.add(cand[:i + k])
    if fulls:
        return max(fulls, key=lambda f: (zh_all.count(f), len(f), f))
    return name


def literal_spans(needle: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-overlapping occurrence, left to right: what
    `re.finditer(re.escape(needle), text)` finds, without compiling a pattern per string."""
    if not needle:
        yield from (m.span() for m in re.finditer("", text))
        return
    size = len(needle)
    at = text.find(needle)
    while at >= 0:
        yield at, at + size
        at = text.find(needle, at + size)


def zh_nameness(s: str, text: str) -> float:
    """How much the text treats `s` as a name: the subject of a report, the start of a sentence."""
    score = 0.0
    for start, end in literal_spans(s, text):
        if _ZH_NAME_NEXT.match(text, end):
            score = max(score, 0.15)
        if start == 0 or text[start - 1] in "。！？；\n，,：:「」（）()":
            score = max(score, score + 0.1) if score < 0.25 else score
    return score


@lru_cache(maxsize=8)
def _descriptor_words(suffixes: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """The organisation words and their lengths, longest first: built once per suffix list."""
    words = set(suffixes) | ZH_GENERIC
    return frozenset(words), tuple(sorted({len(w) for w in words if w}, reverse=True))


def is_descriptor(s: str, suffixes: Iterable[str]) -> bool:
    """保險公司, 物流集團: made only of organisation words, so a description, not a name.

    Read greedily from the left, the longest word first (one set look-up per word length:
    two words of one length cannot both begin the rest)."""
    words, lengths = _descriptor_words(tuple(suffixes))
    rest = s
    while rest:
        k = next((k for k in lengths if k <= len(rest) and rest[:k] in words), None)
        if k is None:
            return False
        rest = rest[k:]
    return True


def is_fragment(s: str, text: str) -> bool:
    """Most occurrences of `s` are part of a word that names the attack, not an organisation."""
    hits = bad = 0
    for start, end in literal_spans(s, text):
        hits += 1
        window = text[max(0, start - 2):end + 2]
        if any(w.start() < end - max(0, start - 2) and w.end() > start - max(0, start - 2)
               for w in _ZH_CRIME.finditer(window)):
            bad += 1
    return hits > 0 and bad * 2 >= hits


def zh_name_core(run: str, zh_all: str, suffixes: Iterable[str] = ()) -> str:
    """The name inside a descriptive Han run: "總部位於吉隆坡的保險公司寶盾保險" -> "寶盾保險".

    The longest ending of the run that the text repeats elsewhere is the name; a run that is
    never repeated is cut after its last function character.
    """
    for i in range(len(run) - 1):
        tail = run[i:]
        if (tail[0] not in _ZH_EDGE and zh_all.count(tail) >= 2 and (len(tail) >= 3 or i == 0)
                and tail not in ZH_GENERIC and not is_descriptor(tail, suffixes)):
            return tail
    cut = max((run.rfind(c) + 1 for c in "的於于為为是"), default=0)
    run = run[cut:] if cut < len(run) - 1 else run
    # a descriptor before the name: 保險公司寶盾保險, 電子遊戲開發商風倉互動
    cuts = [m.end() for m in re.finditer("公司|集團|集团|商|業者|机构|機構", run)
            if len(run) - m.end() >= 2]
    return run[cuts[-1]:] if cuts else run


def find_evidence(view: View, text: str, rule: str, score: float, limit: int = 20) -> list[Evidence]:
    """Evidence for every occurrence of a literal string in this language's segments."""
    out = []
    for seg, doc in view.parsed:
        for start, end in literal_spans(text, text_of(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out.append(Hit(seg, span).evidence(view.lang, rule, score, text))
            if len(out) >= limit:
                return out
    return out


# ---------- quantities

_NOT_PEOPLE = re.compile(r"organi[sz]ations?|compan(?:y|ies)|firms?|business(?:es)?|entit(?:y|ies)|institutions?|agencies|"
                         r"hospitals|schools|warehouses|stores|branches|servers|systems|countries|clinics|offices|sites|shipments|"
                         r"parcels|packages|vehicles|devices|machines|computers|endpoints|files|documents|emails|pages|supermarkets|"
                         r"shops|outlets|restaurants|hotels|stations|plants|factories|locations|stores|"
                         r"corporate|clients? businesses|企業|企业|公司|機構|机构|組織|组织|伺服器|分店|門市|診所|國家")


def _classifier(q) -> str:
    """The character right after a Chinese number: 名 (people), 筆 (records), 家 (companies) ..."""
    at = q.text.find(q.number_text) + len(q.number_text)
    return q.text[at:at + 1]


def _quantity_score(view: View, hit: Hit, victim_forms: Iterable[str], kind: str,
                    other_orgs: Iterable[str] = ()) -> tuple[float, str]:
    sent = hit.sent_text
    score = 0.3
    reasons = []
    if view.cues_in(hit, "THEFT"):
        score += 0.4
        reasons.append("theft")
    if any(v and v in sent for v in victim_forms):
        score += 0.15
    if kind == "size":
        rel = hit.span.start_char - hit.sent.start_char
        sizes = [q.start_char for q in view.spans(hit.seg, "quantities", "SIZE")]
        for cue in view.cues_in(hit, "NOT_STOLEN_SIZE"):
            if any(cue.end_char <= q < hit.span.start_char for q in sizes):
                continue  # "caps uploads at 250 GB, exfiltrating about 75 GB": the cap is the nearer size
            if cue.start_char - hit.sent.start_char < rel and rel - (cue.end_char - hit.sent.start_char) < (15 if view.lang == "zh" else 40):
                score -= 0.6
                reasons.append("storage")
    else:
        q = hit.quantity
        if q is None or not q.noun:
            score -= 0.5
        elif _NOT_PEOPLE.search(q.noun) or _classifier(q) in ("家", "間", "间"):
            score -= 1.0  # shops, servers, companies: never the people affected
            reasons.append("not-people")
        ctx = [c for c in view.cues_in(hit, "COUNT_CONTEXT")
               if c.end_char <= hit.span.start_char or c.start_char >= hit.span.end_char]
        if any(c.id_ == "pos" for c in ctx):
            score += 0.2
        reach = 8 if view.lang == "zh" else 25
        negs = [c for c in ctx if c.id_ == "neg"]
        if any(0 <= hit.span.start_char - c.end_char <= reach for c in negs):
            score -= 0.8  # "employs about 2,400 people", "serves 1.2 million residents"
            reasons.append("population")
        elif negs:
            score -= 0.3
            reasons.append("population")
        types = view.spans_in(hit, "lexicon", "DATA_TYPE")
        if any(t.start_char < hit.span.end_char and t.end_char > hit.span.start_char for t in types):
            score -= 0.2  # "86萬個護照號碼" counts one kind of record, not the people affected
        elif types:
            score += 0.15  # "national ID numbers of 2,150 employees"
    if view.cues_in(hit, "OTHER_INCIDENT"):
        score -= 0.5
        reasons.append("other-incident")
    if _about_other(hit, list(other_orgs), list(victim_forms)):
        score -= 0.15
        reasons.append("other-organisation")
    if view.cues_in(hit, "MONEY") and kind == "count":
        score -= 0.1
    return score, "+".join(reasons) or "plain"


def quantity(view: View, kind: str, victim_forms: Iterable[str], other_orgs: Iterable[str] = ()) -> Candidate | None:
    """The stolen amount (kind 'size') or the people/records affected (kind 'count')."""
    best: tuple[float, int, Hit, object, str] | None = None
    seen: list[tuple[float, Hit, object, str]] = []
    for hit in view.hits("quantities", kind.upper()):
        q = hit.quantity
        if q is None:
            continue
        score, why = _quantity_score(view, hit, victim_forms, kind, other_orgs)
        if collecting():
            seen.append((score, hit, q, why))
        key = (score, -hit.start)
        if best is None or key > (best[0], best[1]):
            best = (score, -hit.start, hit, q, why)
    if seen:
        field_name = "data_size" if kind == "size" else "record_count"
        for score, hit, q, why in seen:
            if best is not None and hit is best[2] and score >= 0.4:
                continue
            ev = Evidence(view.lang, hit.seg.id, hit.seg.start + q.start, hit.seg.start + q.end, q.text,
                          hit.sent_text.strip(), f"{view.lang}_{kind}_{why}", round(max(0.0, min(score, 1.0)), 3))
            reason = (f"score {score:.2f} is below the 0.4 a {field_name} needs" if score < 0.4
                      else f"score {score:.2f} is below the chosen {best[3].text!r} ({best[0]:.2f})")
            reject(field_name, [ev], round(score, 3), reason + (f"; cues: {why}" if why != "plain" else ""))
    if best is None or best[0] < 0.4:
        return None
    score, _, hit, q, why = best
    ev = Evidence(view.lang, hit.seg.id, hit.seg.start + q.start, hit.seg.start + q.end, q.text,
                  hit.sent_text.strip(), f"{view.lang}_{kind}_{why}", round(min(score, 1.0), 3))
    return Candidate(str(q.value), q.text, ev.score, [ev], {"value": q.value, "qualifier": q.qualifier})


# ---------- data types

@dataclass(frozen=True)
class DataHeads:
    """Words that end a data-type phrase, and phrases that only say "data" in general."""

    heads: dict[str, tuple[str, ...]]
    umbrella: dict[str, frozenset[str]]
    owners: dict[str, frozenset[str]]


_EN_ING_NOUNS = _WORDS["ing_noun"]
_QUOTES = set("\"“'‘「『")
#: the look-ahead on the characters a cue can begin with changes no match: it only lets the
#: search pass over the other positions without trying every word there
_EN_LIST_CUE = re.compile(r"(?=[iscnrfhtoelpd:—–])(?:\b(?:includ(?:e|es|ed|ing)|such as|contain(?:s|ed|ing)?|compris(?:e|es|ed|ing)|namely|consist(?:s|ed|ing)? of|ranging from|from|hold(?:s|ing)?|to hold|stole|took|obtained|exfiltrated|leaked|published|posted|dumped|showing|listing|revealing)\b|:|—|–)", re.I)
_ZH_LIST_CUE = re.compile(r"包括|包含|涉及|含有|例如|當中有|当中有|內容有|载有|載有|握有|持有|竊取了|窃取了|盜取了|盗取了|取得了|公開了|公开了|如|：|:|——")
_EN_ITEM_SPLIT = re.compile(r",? (?:and|or|as well as|plus) |, |; ")
_ZH_ITEM_SPLIT = re.compile(r"、|，|,|以及|及|和|與|与|或|；")
_EN_LEAD = re.compile(r"^(?:(?:the|their|its|his|her|some|all|many|several|other|certain|also|both|either|of|and|or|even|scanned|stolen|leaked|copies of|among them|in particular|notably|especially|mostly|mainly|possibly|potentially|partial|full|complete|entire)\s+)+", re.I)
_EN_TAIL = re.compile(r"\s+(?:of|for|from|belonging|that|which|who|held|stored|kept|on|in|at|to|dating|covering|going|relating|related|linked|were|was|had|have|has|is|are|may|could|would|according)\b.*$", re.I)
_ZH_LEAD = re.compile(r"^(?:只要有|只需|了|有|為|为|等|包括|包含|涉及|如|其|的|及|和|與|还有|還有|以及|大量|部分|所有|全部|內部|内部)+")
_ZH_TAIL = re.compile(r"(?:等等|等|在內|在内|在内的|在內的|的|等資料|等数据)$")
#: where a list after a cue ends
_LIST_STOP = re.compile(r"[。；;]|\. |, (?:according|the |a |which|who|but|while|and the |said)|(?:，|,)(?:並|并|但|而|據|据|令|使|導致|导致)| — | – |\(|（")
_EN_POSSESSOR = re.compile(r"^[A-Za-z]+(?:'s|s'|’s|s’) ")
_DIGIT = re.compile(r"[0-9]")
_ZH_DIGIT = re.compile(r"[0-9０-９]")
_ZH_ITEM = re.compile(r"[\u3400-\u9fffA-Za-z]+")


def _list_items(view: View, heads: DataHeads) -> list[tuple[Hit, int, int, str]]:
    """Items of a list of leaked data: (sentence hit, start, end, text), offsets absolute.

    A list counts in a sentence about theft or exposure, or when two or more of its items
    end in a data word ("The files include student names, home addresses and ...").
    """
    out = []
    cue_re = _ZH_LIST_CUE if view.lang == "zh" else _EN_LIST_CUE
    split = _ZH_ITEM_SPLIT if view.lang == "zh" else _EN_ITEM_SPLIT
    for seg, doc in view.parsed:
        for sent in doc_sents(doc)[1]:
            text = span_text(sent)
            if text.lstrip()[:1] in _QUOTES:
                continue  # a quoted expert speaks in general terms
            hit = None  # made for the first item only
            found = []
            for cue in cue_re.finditer(text):
                region_start = cue.end()
                region = text[region_start:]
                stop = _LIST_STOP.search(region)
                if stop:
                    region = region[:stop.start()]
                pos = 0
                for m in list(split.finditer(region)) + [None]:
                    end = m.start() if m else len(region)
                    piece = region[pos:end]
                    item = _clean_item(piece, view.lang, heads)
                    if item:
                        hit = hit or Hit(seg, sent)
                        offset = sent.start_char + region_start + pos + piece.find(item)
                        found.append((hit, seg.start + offset, seg.start + offset + len(item), item))
                    pos = m.end() if m else len(region)
            if found and (len({f[3] for f in found}) >= 2 or view.cues_in(hit, "THEFT")):
                out.extend(found)
    return out


def _clean_item(piece: str, lang: str, heads: DataHeads) -> str | None:
    piece = piece.strip(" .,'\"“”‘’「」『』")
    cues = list((_ZH_LIST_CUE if lang == "zh" else _EN_LIST_CUE).finditer(piece))
    if cues:
        piece = piece[cues[-1].end():].strip()
    if lang == "en":
        piece = _EN_TAIL.sub("", _EN_LEAD.sub("", piece)).strip(" .,")
        piece = _EN_POSSESSOR.sub("", piece)  # "residents' identity card numbers"
        words = piece.split()
        if not 1 <= len(words) <= 5 or _DIGIT.search(piece) or not words[-1][:1].islower():
            return None
        if words[0].lower().endswith("ing") and words[0].lower() not in _EN_ING_NOUNS:
            return None  # "encrypting victims' files" is an action, not a kind of data
        if not piece.lower().endswith(tuple(heads.heads["en"])):  # one call tries every head
            return None
        if len(words) == 1 and piece.lower() in heads.umbrella["en"]:
            return None
        return piece
    cut = max(piece.rfind(c) for c in "的是为為")
    if cut >= 0:
        piece = piece[cut + 1:]
    piece = _ZH_TAIL.sub("", _ZH_LEAD.sub("", piece)).strip()
    if not 2 <= len(piece) <= 10 or _ZH_DIGIT.search(piece) or not _ZH_ITEM.fullmatch(piece):
        return None
    if not piece.endswith(tuple(heads.heads["zh"])) or piece in heads.umbrella["zh"] and len(piece) <= 2:
        return None
    return piece


def data_types(view: View, heads: DataHeads) -> list[Candidate]:
    """Kinds of data said to be stolen or exposed; those said to be unaffected are left out."""
    found: dict[str, Candidate] = {}
    lexicon_spans: list[tuple[int, int, str]] = []
    for hit in view.hits("lexicon", "DATA_TYPE"):
        lexicon_spans.append((hit.start, hit.end, hit.span.id_))
        if not view.cues_in(hit, "THEFT"):
            continue
        if view.lang == "en" and len(hit.span) == 1 and not _in_list(view, hit):
            continue  # "to address", "a name": one generic word needs a list around it
        neg = view.cues_in(hit, "NOT_AFFECTED")
        if neg and _negation_covers(hit, neg):
            continue
        _add_type(found, hit.text, hit.evidence(view.lang, "lexicon_data_type", 0.7), hit.span.id_)
    for hit, start, end, item in _list_items(view, heads):
        neg = view.cues_in(hit, "NOT_AFFECTED")
        if neg and _negation_covers(hit, neg, start - hit.seg.start):
            continue
        inner = [(b - a, cat) for a, b, cat in lexicon_spans if start <= a and b <= end]
        category = max(inner)[1] if inner else "other"
        ev = Evidence(view.lang, hit.seg.id, start, end, item, hit.sent_text.strip(), f"{view.lang}_data_list_item", 0.6)
        _add_type(found, item, ev, category)
    # a phrase inside a longer found phrase ("records" in "medical records") is the same mention
    # (offsets are the article's, so only spans of one paragraph can nest: compare within it)
    spans_in: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for o in found.values():
        for e in o.evidence:
            spans_in[e.segment].append((e.start, e.end, o.key))
    out = []
    for c in found.values():
        c.evidence = [e for e in c.evidence if not any(
            key != c.key and a <= e.start and e.end <= b and b - a > e.end - e.start for a, b, key in spans_in[e.segment])]
        if c.evidence:
            out.append(c)
    umbrella = heads.umbrella[view.lang]
    owners = heads.owners[view.lang]
    specific = [c for c in out if _without_owner(c.key, owners, view.lang) not in umbrella]
    if specific:
        out = specific  # "patient data", 會員資料: only a general word once specific kinds are listed
    out = _merge_owned(out, owners, view.lang)
    out = _merge_nested(out, view.lang)
    out.sort(key=lambda c: c.evidence[0].start)
    return out


def _without_owner(key: str, owners: frozenset[str], lang: str) -> str:
    if lang == "en":
        first, _, rest = key.partition(" ")
        return rest if first in owners and rest else key
    owner = next((o for o in owners if key.startswith(o) and len(key) - len(o) >= 2), None)
    return key[len(owner):] if owner else key


def _merge_nested(cands: list[Candidate], lang: str) -> list[Candidate]:
    """"Hong Kong identity card numbers" and "identity card numbers", same kind: keep the shorter."""
    out = []
    for c in cands:
        shorter = [o for o in cands if o is not c and o.extra["category"] == c.extra["category"]
                   and (c.key.endswith(" " + o.key) if lang == "en" else
                        (c.key.endswith(o.key) and len(o.key) >= 2 and not re.search("[a-z]", c.key[:-len(o.key)])))]
        if shorter:
            target = min(shorter, key=lambda o: len(o.key))
            target.evidence.extend(c.evidence)
            continue
        out.append(c)
    return out


def _merge_owned(cands: list[Candidate], owners: frozenset[str], lang: str) -> list[Candidate]:
    """"student names" and "names" are one kind of data: keep the shorter name, all the evidence."""
    by_key = {c.key: c for c in cands}
    out = []
    for c in cands:
        if lang == "en":
            first, _, rest = c.key.partition(" ")
            short = rest if first in owners else None
        else:
            owner = next((o for o in owners if c.key.startswith(o) and len(c.key) - len(o) >= 2), None)
            short = c.key[len(owner):] if owner else None
        if short and short in by_key and short != c.key:
            by_key[short].evidence.extend(c.evidence)
            continue
        out.append(c)
    return out


def _add_type(found: dict[str, Candidate], text: str, ev: Evidence, category: str) -> None:
    key = text.lower()
    cand = found.get(key)
    if cand is None:
        found[key] = Candidate(key, text, ev.score, [ev], {"category": category})
    else:
        if all((e.start, e.end) != (ev.start, ev.end) for e in cand.evidence):
            cand.evidence.append(ev)
        if cand.extra["category"] == "other":
            cand.extra["category"] = category


def _in_list(view: View, hit: Hit) -> bool:
    others = [s for s in view.spans_in(hit, "lexicon", "DATA_TYPE")
              if s.end_char <= hit.span.start_char or s.start_char >= hit.span.end_char]
    return bool(others) and not text_of(hit.span.doc)[:hit.span.start_char].rstrip().lower().endswith(" to")


def _negation_covers(hit: Hit, negs: list[Span], at: int | None = None) -> bool:
    """A negation cue counts when it sits in the same clause as the data type."""
    sent = hit.sent
    at = hit.span.start_char if at is None else at
    for neg in negs:
        lo, hi = sorted((neg.start_char, at))
        between = text_of(sent.doc)[lo:hi]
        if not re.search(r"[;；。]|, (?:but|while|whereas)|，但|但是", between):
            return True
    return False


# ---------- country, sector

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


def closest_label(view: View, label: str, anchors: list[tuple[str, int]],
                  inside: list[tuple[str, int, int]] = ()) -> Candidate | None:
    """The lexicon span of `label` nearest to the victim, else the most frequent one.

    Spans inside the victim's own name ("Kingsmead Ridge College") say nothing of its sector.
    """
    every = list(view.hits("lexicon", label))
    # anchors and names grouped by segment: a hit only ever compares with its own segment's, and
    # grouping keeps text that repeats one name thousands of times linear (same order, same sums)
    anchors_in: dict[str, list[int]] = defaultdict(list)
    for seg_id, pos in anchors:
        anchors_in[seg_id].append(pos)
    intervals = _intervals(inside)
    hits = [h for h in every if not _inside(h, intervals)]
    hits = hits or every  # "Westmere University" says something when nothing else does
    if not hits:
        return None
    by_key: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        by_key[h.span.id_].append(h)
    scored = []
    for key, hs in by_key.items():
        score = 0.0
        for h in hs:
            score += 0.5
            for pos in anchors_in.get(h.seg.id, ()):
                dist = abs(h.start - pos)
                score += 3.0 / (1.0 + dist / 40.0)
        first = min(view.order[h.seg.id] for h in hs)
        scored.append((score, -first, key, hs))
    scored.sort(reverse=True)
    if collecting():
        field_name = label.lower()
        for h in every:
            if h not in hits:
                reject(field_name, [h.evidence(view.lang, f"lexicon_{field_name}", 0.0)], 0.0,
                       "part of the victim's own name")
        for other_score, _, other_key, other_hs in scored[1:]:
            reject(field_name, [other_hs[0].evidence(view.lang, f"lexicon_{field_name}", round(min(0.95, 0.3 + 0.1 * other_score), 3))],
                   round(min(0.95, 0.3 + 0.1 * other_score), 3),
                   f"{other_key}: weighed {other_score:.2f} (mentions, nearness to the victim) against {scored[0][0]:.2f} "
                   f"for {scored[0][2]}")
    score, _, key, hs = scored[0]
    near = sorted(hs, key=lambda h: min([abs(h.start - p) for p in anchors_in.get(h.seg.id, ())] or [10**9]))
    text = Counter(h.text for h in hs).most_common(1)[0][0] if not anchors else near[0].text
    ev = [h.evidence(view.lang, f"lexicon_{label.lower()}", round(min(0.95, 0.3 + 0.1 * score), 3)) for h in near[:5]]
    return Candidate(key, text, ev[0].score, ev)


# ---------- encryption, ransom

def _about_other(hit: Hit, others: list[str], victims: list[str]) -> bool:
    """The span is about another organisation: one is named before it in the sentence and the
    victim is not ("Unlike Coral Sands Casino, which paid", "Caesars reportedly paid")."""
    sent = hit.sent
    before = text_of(hit.span.doc)[sent.start_char:hit.span.start_char]
    if any(v and v in before for v in victims) or _SELF_REFERENCE.search(before):
        return False
    return any(o and o in before for o in others)


#: how an article refers back to its victim: "the council would not pay", 該公司拒絕支付
_SELF_REFERENCE = re.compile(
    r"\b(?:the|its) (?:company|firm|council|hospital|school|bank|university|insurer|retailer|airline|operator|"
    r"business|organi[sz]ation|trust|college|agency|provider|group's management|board)\b|"
    r"該公司|该公司|本公司|該集團|该集团|院方|校方|該院|該校|該行|該會|议会|議會|公司表示|公司拒絕|公司已")


def _conditional(hit: Hit) -> bool:
    sent = hit.sent
    before = text_of(hit.span.doc)[max(sent.start_char, hit.span.start_char - 40):hit.span.start_char]
    clause = re.split(r"[,;，；]", before)[-1]
    return bool(re.search(r"\b(?:if|unless)\b|若|如果|倘若|假如|除非", clause))


def verdict(view: View, label: str, precedence: tuple[str, ...], victim_forms: Iterable[str],
            other_orgs: Iterable[str]) -> tuple[str | None, list[Evidence]]:
    """Resolve a cue-based field: the strongest value, ties broken by `precedence`."""
    totals: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    others = [o for o in other_orgs if o]
    victims = [v for v in victim_forms if v]
    rules = {}
    hits = list(view.hits("cues", label))
    field_name = label.lower()

    def skip(hit: Hit, reason: str) -> None:
        if collecting():
            score = view.rule_score(hit.span.kb_id_)
            reject(field_name, [hit.evidence(view.lang, hit.span.kb_id_, score)], score, f"{hit.span.id_}: {reason}")

    for hit in hits:
        if label == "RANSOM" and _about_other(hit, others, victims):
            skip(hit, "about another organisation named before it")
            continue  # about another organisation (Caesars paid, Travelex paid)
        if (is_background(view, hit) or view.cues_in(hit, "OTHER_INCIDENT")) and not any(v and v in hit.sent_text for v in victims):
            skip(hit, "background or another incident, and the victim is not named in the sentence")
            continue  # another incident, another time
        if hit.span.id_ == "refused" and _conditional(hit):
            skip(hit, "a condition (if / unless), a threat rather than a refusal")
            continue  # "publish the files if the company did not pay" is a threat, not a refusal
        if any(o is not hit and o.span.id_ != hit.span.id_ and o.start <= hit.start and hit.end <= o.end
               and (o.end - o.start) > (hit.end - hit.start) for o in hits):
            skip(hit, "inside a longer cue that says otherwise")
            continue  # "ransom demand" inside "had not received a ransom demand"
        value = hit.span.id_
        score = view.rule_score(hit.span.kb_id_)
        totals[value] += score
        rules[value] = max(rules.get(value, 0.0), score)
        evidence[value].append(hit.evidence(view.lang, hit.span.kb_id_, score))
    if not totals:
        return None, []
    chosen = next((v for v in precedence if v in totals and rules[v] >= 0.85), None)
    if chosen is None:
        chosen = max(totals, key=lambda v: (totals[v], -precedence.index(v) if v in precedence else 0))
    if collecting():
        how = ("a strong cue (>= 0.85) and first in precedence " + " > ".join(precedence)
               if rules[chosen] >= 0.85 and chosen in precedence else "the largest total score")
        for value, evs in evidence.items():
            if value != chosen:
                reject(field_name, evs[:3], round(totals[value], 3),
                       f"{value}: total {totals[value]:.2f} lost to {chosen} ({totals[chosen]:.2f}), chosen by {how}")
    return chosen, evidence[chosen]


# ---------- explanations (--explain)

_REJECTED: ContextVar[list[dict] | None] = ContextVar("extractor_rejected", default=None)


@contextmanager
def collect_rejected() -> Iterator[list[dict]]:
    """While open, the recognisers report each candidate they drop, with the reason.

    Off (and free) by default: only `extract(..., explain=True)` opens it. A context
    variable, not a parameter, so the Builder's calls need not thread a list through.
    """
    sink: list[dict] = []
    token = _REJECTED.set(sink)
    try:
        yield sink
    finally:
        _REJECTED.reset(token)


def collecting() -> bool:
    return _REJECTED.get() is not None


def reject(field_name: str, evidence: list[Evidence], score: float | None, reason: str,
           text: str | None = None, lang: str | None = None) -> None:
    """Record a dropped candidate of `field_name` (no-op unless collecting)."""
    sink = _REJECTED.get()
    if sink is None:
        return
    first = evidence[0] if evidence else None
    sink.append({"field": field_name, "lang": lang or (first.lang if first else None),
                 "text": text if text is not None else (first.text if first else None),
                 "score": None if score is None else round(score, 3), "reason": reason,
                 "evidence": [e.to_dict() for e in evidence]})
