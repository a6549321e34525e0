"""One language's parsed paragraphs, and the look-ups every recogniser shares.

A `View` is per-article state: it is made for one extraction (see `extractor.context`) and
dropped with it, so nothing here outlives the article it describes.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Span

from extractor.segment import Segment


@dataclass(frozen=True)
class Evidence:
    """Where a value was said: language, segment, offsets into the article, the words, the
    sentence, the rule that fired and its score."""

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


def first_evidence(evs, lang: str | None = None) -> Evidence | None:
    """The earliest piece of evidence (of one language)."""
    return min((e for e in evs if lang is None or e.lang == lang), key=lambda e: (e.start, e.rule), default=None)


class Paragraph:
    """One segment's doc with its text and its sentences, each read once: spaCy rebuilds
    `doc.text` from the tokens and `doc.sents` as new Spans on every request."""

    __slots__ = ("seg", "doc", "text", "_starts", "_sents")

    def __init__(self, seg: Segment, doc: Doc, text: str) -> None:
        self.seg, self.doc, self.text = seg, doc, text
        self._starts: list[int] | None = None
        self._sents: list[Span] = []

    @property
    def sents(self) -> list[Span]:
        if self._starts is None:
            self._sents = list(self.doc.sents)
            self._starts = [s.start for s in self._sents]
        return self._sents

    def sentence_of(self, span: Span) -> Span:
        """`span.sent` (the sentence holding the span's first token), found by bisection."""
        sents = self.sents
        return sents[bisect.bisect_right(self._starts, span.start) - 1]

    def slice(self, span: Span) -> str:
        return self.text[span.start_char:span.end_char]


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
    """A span in context: its paragraph, its absolute offsets and its sentence."""

    para: Paragraph = field(compare=False, repr=False)
    span: Span

    @property
    def seg(self) -> Segment:
        return self.para.seg

    @property
    def start(self) -> int:
        return self.para.seg.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.para.seg.start + self.span.end_char

    # read once per Hit: a View hands the same Hits to every recogniser, which ask again and again
    @_read_once
    def text(self) -> str:
        return self.para.slice(self.span)

    @_read_once
    def sent(self) -> Span:
        return self.para.sentence_of(self.span)

    @_read_once
    def quantity(self):
        """The Quantity a span of the `quantities` group stands for (`span._.quantity` scans
        the doc's list on every read)."""
        return self.span._.quantity

    @_read_once
    def sent_text(self) -> str:
        return self.para.slice(self.sent)

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


class Rejections:
    """The candidates the recognisers drop, with the reason, for `--explain`."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, field_name: str, evidence: list[Evidence], score: float | None, reason: str,
            text: str | None = None, lang: str | None = None) -> None:
        first = evidence[0] if evidence else None
        self.items.append({"field": field_name, "lang": lang or (first.lang if first else None),
                           "text": text if text is not None else (first.text if first else None),
                           "score": None if score is None else round(score, 3), "reason": reason,
                           "evidence": [e.to_dict() for e in evidence]})


class View:
    """One language's paragraphs, with the look-ups the recognisers share."""

    def __init__(self, lang: str, paragraphs: list[Paragraph], rule_scores: dict[str, float] | None = None,
                 rejections: Rejections | None = None) -> None:
        self.lang = lang
        self.paragraphs = paragraphs
        self.rule_scores = rule_scores or {}
        self.rejections = rejections
        self.order = {p.seg.id: i for i, p in enumerate(paragraphs)}
        # SpanGroup look-ups are slow; read each group once, and file its spans by label too
        # (`span.label_` is a string-store look-up, and the recognisers ask by label thousands
        # of times per article)
        self.groups: dict[tuple[str, str], list[Span]] = {}
        self.labelled: dict[tuple[str, str, str], list[Span]] = {}
        for p in paragraphs:
            for key in ("lexicon", "cues", "quantities"):
                spans = self.groups[(p.seg.id, key)] = list(p.doc.spans[key]) if key in p.doc.spans else []
                for span in spans:
                    self.labelled.setdefault((p.seg.id, key, span.label_), []).append(span)
        self._hits: dict[tuple[str, str | None], list[Hit]] = {}
        self._in_sentence: dict[tuple[str, int, str, str], list[Span]] = {}

    @property
    def explaining(self) -> bool:
        return self.rejections is not None

    def reject(self, field_name: str, evidence: list[Evidence], score: float | None, reason: str,
               text: str | None = None, lang: str | None = None) -> None:
        """Record a dropped candidate of `field_name` (a no-op unless explaining)."""
        if self.rejections is not None:
            self.rejections.add(field_name, evidence, score, reason, text, lang)

    def rule_score(self, rule: str) -> float:
        """The score a cue rule carries in the pipeline's cues.jsonl."""
        return self.rule_scores.get(rule, 0.5)

    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    def joined(self) -> str:
        """The language's paragraphs, one per line."""
        return "\n".join(p.text for p in self.paragraphs)

    def spans(self, seg: Segment, key: str, label: str | None = None) -> list[Span]:
        """The segment's spans of group `key` (of one label), in the group's order."""
        if label is None:
            return self.groups.get((seg.id, key), [])
        return self.labelled.get((seg.id, key, label), [])

    def hits(self, key: str, label: str | None = None) -> Iterator[Hit]:
        """Every span of group `key` (of one label) in segment order, as Hits (made once)."""
        found = self._hits.get((key, label))
        if found is None:
            found = self._hits[(key, label)] = [Hit(p, span) for p in self.paragraphs
                                                for span in self.spans(p.seg, key, label)]
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

    def find_evidence(self, text: str, rule: str, score: float, limit: int = 20) -> list[Evidence]:
        """Evidence for every occurrence of a literal string in this language's paragraphs."""
        out = []
        for p in self.paragraphs:
            for start, end in literal_spans(text, p.text):
                span = p.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    out.append(Hit(p, span).evidence(self.lang, rule, score, text))
                if len(out) >= limit:
                    return out
        return out


def literal_spans(needle: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-overlapping occurrence, left to right: what
    `re.finditer(re.escape(needle), text)` finds, without compiling a pattern per string."""
    if not needle:
        yield from ((i, i) for i in range(len(text) + 1))
        return
    size = len(needle)
    at = text.find(needle)
    while at >= 0:
        yield at, at + size
        at = text.find(needle, at + size)
