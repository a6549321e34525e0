"""spaCy's rule-based sentencizer, same rule, without a Python `Token` per token.

`spacy.pipeline.Sentencizer` walks the doc token by token; on our short segments that walk
was the largest single cost of a parse. This one reads ORTH and IS_PUNCT as one array and
writes SENT_START as one array. `extractor.build_models` saves it as each pipeline's
`sentencizer`; tests/test_models.py checks it splits exactly as spaCy's does.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc


class ArraySentencizer:
    """Sentence starts: the first token, and the first token after a run of `punct_chars`
    that is neither punctuation nor one of those characters (spaCy's Sentencizer rule)."""

    def __init__(self, nlp: Language, name: str, *, punct_chars: list[str] | None, overwrite: bool) -> None:
        chars = punct_chars or Sentencizer.default_punct_chars
        self.punct_chars = set(chars)
        self.overwrite = overwrite
        self._hashes = frozenset(nlp.vocab.strings.add(c) for c in self.punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        guesses = [False] * n
        guesses[0] = True
        start, seen_period, hashes = 0, False, self._hashes
        for i, (orth, is_punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
            in_chars = orth in hashes
            if seen_period and not is_punct and not in_chars:
                guesses[start] = True
                start, seen_period = i, False
            elif in_chars:
                seen_period = True
        guesses[start] = True
        values = numpy.where(numpy.array(guesses), 1, -1).astype("uint64")
        if not self.overwrite:  # keep starts an earlier component set, as spaCy's does
            current = doc.to_array([SENT_START]).astype("int64")
            values = numpy.where(current != 0, current, values.astype("int64")).astype("uint64")
        doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, exclude=tuple()) -> "ArraySentencizer":
        return self


@Language.factory("extractor_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> ArraySentencizer:
    return ArraySentencizer(nlp, name, punct_chars=punct_chars, overwrite=overwrite)
