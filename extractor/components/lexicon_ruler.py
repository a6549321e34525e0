"""The lexicon component (`extractor_lexicon_v1`): phrase patterns -> labelled spans.

What spaCy's SpanRuler does for phrase patterns, with only spaCy's public API (a PhraseMatcher
and a key -> (label, id) table built here when patterns are added) and a faster `match`:
SpanRuler builds a Span for every match, puts them in a set and sorts them, and each hash and
comparison of a Span builds Python tuples (on our patterns that was most of the component's
time). Here matches are deduplicated and sorted as plain tuples of (start, end, label, id),
the order spaCy's Span ordering gives (start and end characters follow start and end tokens;
kb_id is unset), and a Span is built once per distinct match. tests/test_models.py checks the
spans equal SpanRuler's on the same patterns. Saved as SpanRuler saves (`patterns`, JSONL).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractor.errors import ModelDataInvalid

PatternType = dict[str, Any]


class LexiconRuler:
    """Phrase patterns `{"label": ..., "pattern": "phrase", "id": ...}` written as spans to
    `doc.spans[spans_key]`, matched on the token attribute `phrase_matcher_attr`."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, phrase_matcher_attr: str | None,
                 validate: bool, overwrite: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.phrase_matcher_attr = phrase_matcher_attr
        self.validate = validate
        self.overwrite = overwrite
        self.clear()

    def clear(self) -> None:
        """Forget every pattern."""
        self._patterns: list[PatternType] = []
        #: matcher key -> (label, id) as string-store keys, added with the patterns (outside any
        #: memory zone, so they stay)
        self._meta: dict[int, tuple[int, int]] = {}
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr=self.phrase_matcher_attr, validate=self.validate)

    def __len__(self) -> int:
        return len(self._patterns)

    @property
    def patterns(self) -> list[PatternType]:
        """The patterns added, as given."""
        return list(self._patterns)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({p["label"] for p in self._patterns}))

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   patterns: list[dict[str, Any]] | None = None) -> None:
        # (spaCy validates these arguments against the annotations: plain types only)
        self.clear()
        if patterns:
            self.add_patterns(list(patterns))

    def add_patterns(self, patterns: list[PatternType]) -> None:
        """Add phrase patterns; the phrases are tokenized by the pipeline's tokenizer and the
        components before this one, as SpanRuler does."""
        strings = self.nlp.vocab.strings
        phrases: dict[str, list[str]] = {}
        for n, entry in enumerate(patterns, 1):
            label, phrase, pattern_id = _checked(entry, n)
            key = repr((label, pattern_id))
            self._meta[strings.add(key)] = (strings.add(label), strings.add(pattern_id))
            phrases.setdefault(key, []).append(phrase)
            self._patterns.append(entry)
        texts = [phrase for group in phrases.values() for phrase in group]
        docs = iter(self._tokenized(texts))
        for key, group in phrases.items():
            self.phrase_matcher.add(key, [next(docs) for _ in group])

    def _tokenized(self, texts: list[str]) -> list[Doc]:
        names = self.nlp.pipe_names
        here = next((i for i, (_, pipe) in enumerate(self.nlp.pipeline) if pipe is self), len(names))
        with self.nlp.select_pipes(disable=names[here:]):
            return list(self.nlp.pipe(texts))

    def match(self, doc: Doc) -> list[Span]:
        meta = self._meta
        found = {(start, end, *meta[key]) for key, start, end in self.phrase_matcher(doc) if start != end}
        return [Span(doc, start, end, label=label, span_id=span_id) for start, end, label, span_id in sorted(found)]

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        if not self.overwrite and self.spans_key in doc.spans:
            spans = [*doc.spans[self.spans_key], *spans]
        doc.spans[self.spans_key] = spans
        return doc

    # -- serialisation: the patterns, as JSONL (SpanRuler's format) ----------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns", self._patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconRuler":
        file = Path(path) / "patterns"
        if not file.exists():
            raise ModelDataInvalid(f"{file}: missing; rebuild the models with `python -m extractor.build_models`")
        self.clear()
        self.add_patterns(list(srsly.read_jsonl(file)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self._patterns).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "LexiconRuler":
        self.clear()
        self.add_patterns(srsly.json_loads(data))
        return self


def _checked(entry: Any, n: int) -> tuple[str, str, str]:
    """(label, phrase, id) of one pattern, or ModelDataInvalid naming it."""
    if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) or not isinstance(entry.get("pattern"), str):
        raise ModelDataInvalid(f"lexicon patterns:{n}: a pattern needs a string 'label' and a phrase 'pattern'; "
                               "rebuild the models with `python -m extractor.build_models`")
    pattern_id = entry.get("id", "")
    if not isinstance(pattern_id, str):
        raise ModelDataInvalid(f"lexicon patterns:{n}: 'id' must be a string")
    return entry["label"], entry["pattern"], pattern_id


@Language.factory(
    "extractor_lexicon_v1",
    assigns=["doc.spans"],
    default_config={"spans_key": "lexicon", "phrase_matcher_attr": None, "validate": False, "overwrite": True},
)
def make_lexicon_ruler(nlp: Language, name: str, spans_key: str, phrase_matcher_attr: str | None, validate: bool,
                       overwrite: bool) -> LexiconRuler:
    return LexiconRuler(nlp, name, spans_key=spans_key, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                        overwrite=overwrite)
