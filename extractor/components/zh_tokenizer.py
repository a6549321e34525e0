"""A Chinese tokenizer for pattern matching: one token per Han character, whole Latin words.

spaCy's `char` segmenter splits `FulcrumSec` into ten letters and jieba segments one name
differently by context; one-character tokens let phrase patterns find every occurrence.
Each token's NORM is its Simplified form (t2s, character by character), so a Traditional
pattern also matches Simplified text and the Doc keeps the original characters and offsets.
"""
from __future__ import annotations

import re
from typing import Callable

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from extractor.script import is_han, to_simplified_char

# Latin words and numbers stay whole ("1.3", "13,000", "Lapsus$", "ALPHV"); '/' and '-' split.
_TOKEN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.,'’][0-9A-Za-z]+)*\$?|\s+|.", re.S)


class ZhTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _TOKEN.finditer(text):
            tok = m.group()
            if tok == " " and words and not words[-1].isspace() and not spaces[-1]:
                spaces[-1] = True
                continue
            words.append(tok)
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            # NORM set for all tokens in one array write: a Token object per character is slow
            add = self.vocab.strings.add
            norms = [add(to_simplified_char(t) if len(t) == 1 and is_han(t) else t.lower()) for t in words]
            doc.from_array([NORM], numpy.asarray(norms, dtype="uint64").reshape(-1, 1))
        doc.user_data["text"] = text  # what `text_of` would rebuild from the tokens (lossless)
        return doc

    # the tokenizer has no state of its own: serialisation is a no-op
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ZhTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "ZhTokenizer":
        return self


@registry.tokenizers("extractor.zh_tokenizer.v1")
def create_zh_tokenizer() -> Callable[[Language], ZhTokenizer]:
    def make(nlp: Language) -> ZhTokenizer:
        return ZhTokenizer(nlp.vocab)

    return make
