"""A Chinese tokenizer for pattern matching: one token per Han character, whole Latin words.

spaCy's `char` segmenter splits `FulcrumSec` into ten letters and jieba segments one name
differently by context; one-character tokens let phrase patterns find every occurrence.
Each token's NORM is its Simplified form (t2s, character by character), so a Traditional
pattern also matches Simplified text and the Doc keeps the original characters and offsets.
The NORM is a lexeme attribute (the tokenizer installs its getter in the vocab), computed once
per word rather than once per token.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

import extractor.components.extensions  # noqa: F401  (registers doc._.extractor_text)
from extractor.script import is_han, to_simplified_char

# Latin words and numbers stay whole ("1.3", "13,000", "Lapsus$", "ALPHV"); '/' and '-' split.
# Other characters are tokens of their own. A single space after a word is that word's
# trailing space (spaCy's `whitespace_`); other whitespace runs are tokens.
_LATIN = r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.,'’][0-9A-Za-z]+)*\$?"
_TOKEN = re.compile(rf"({_LATIN}|\S)( (?!\s))?|(\s+)")
#: the tokens other than single characters
LATIN_WORD = re.compile(_LATIN)


def zh_norm(word: str) -> str:
    """A token's NORM: the Simplified form of a Han character, else the lower-cased word."""
    return to_simplified_char(word) if len(word) == 1 and is_han(word) else word.lower()


class ZhTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        vocab.lex_attr_getters[NORM] = zh_norm

    def __call__(self, text: str) -> Doc:
        found = _TOKEN.findall(text)
        doc = Doc(self.vocab, words=[word or space for word, _, space in found], spaces=[bool(after) for _, after, _ in found])
        doc._.extractor_text = text  # what `text_of` would rebuild from the tokens (lossless)
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
