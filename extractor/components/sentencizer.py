"""spaCy's rule-based sentencizer, same rule, without a Python `Token` per token.

`spacy.pipeline.Sentencizer` walks the doc token by token; on our short segments that walk
was the largest single cost of a parse. This one reads ORTH and IS_PUNCT as one array, finds the
starts with array operations and writes SENT_START as one array. `extractor.build_models` saves it as each pipeline's
`sentencizer`; tests/test_models.py checks it splits exactly as spaCy's does.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

_NOT_START = numpy.uint64(2**64 - 1)  # SENT_START -1, as the uint64 arrays spaCy reads


class ArraySentencizer:
    """Sentence starts: the first token, and the first token after a run of `punct_chars`
    that is neither punctuation nor one of those characters (spaCy's Sentencizer rule)."""

    def __init__(self, nlp: Language, name: str, *, punct_chars: list[str] | None, overwrite: bool) -> None:
        chars = punct_chars or Sentencizer.default_punct_chars
        self.punct_chars = set(chars)
        self.overwrite = overwrite
        self._hashes = frozenset(nlp.vocab.strings.add(c) for c in self.punct_chars)
        self._all_punct = all(nlp.vocab[c].is_punct for c in self.punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        table = doc.to_array([ORTH, IS_PUNCT])
        if self._all_punct:
            # the characters are all punctuation, so only punctuation tokens need a look: after
            # each of the characters, the next token that is not punctuation starts a sentence
            punct = numpy.flatnonzero(table[:, 1])
            at = punct.tolist()
            skip = set(at)
            starts = [0]
            for i, orth in zip(at, table[punct, 0].tolist()):
                if orth in self._hashes:
                    k = i + 1
                    while k in skip:
                        k += 1
                    if k < n:
                        starts.append(k)
        else:  # the general rule, in arrays: a start is a token that is neither punctuation nor
            # one of the characters ("plain") with one of the characters since the last plain one
            in_chars = numpy.isin(table[:, 0], numpy.array(sorted(self._hashes), dtype="uint64"))
            plain = numpy.flatnonzero((table[:, 1] == 0) & ~in_chars)
            seen = numpy.cumsum(in_chars)[plain]
            starts = [0, *plain[numpy.diff(seen, prepend=0) > 0].tolist()]
        values = numpy.full((n, 1), _NOT_START, dtype="uint64")
        values[starts] = 1
        if not self.overwrite:  # keep starts an earlier component set, as spaCy's does
            current = doc.to_array([SENT_START]).reshape(-1, 1)
            if current.any():
                values = numpy.where(current != 0, current, values)
        doc.from_array([SENT_START], values)
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, exclude=tuple()) -> "ArraySentencizer":
        return self


@Language.factory("extractor_sentencizer_v1", assigns=["token.is_sent_start"],
                  default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> ArraySentencizer:
    return ArraySentencizer(nlp, name, punct_chars=punct_chars, overwrite=overwrite)
