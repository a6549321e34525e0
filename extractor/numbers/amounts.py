"""One normaliser for both languages, and `Quantities`: one article's answers of the grammar."""
from __future__ import annotations

import re

from extractor.numbers.forms import HAN_CHAR, halfwidth
from extractor.numbers.grammar import QuantityGrammar, default_grammar, grammar_lang
from extractor.numbers.quantity import Amount, Quantity, amount_of

_Numbers = tuple[tuple[int, int, float], ...]
_THOUSANDS_COMMA = re.compile("(?<=[0-9])\uff0c(?=[0-9]{3})")


def _family(lang: str) -> str:
    """The key the grammar's number readers distinguish: Chinese or not."""
    return "zh" if lang.startswith("zh") else "en"


class Quantities:
    """What one article's paragraphs hold: a grammar's answers, remembered for one extraction.

    The pipeline's quantities component, the aligner and the fact builders ask about the same
    paragraphs; one of these, made for an extraction and passed to each of them, answers each
    question once. Not shared between articles or threads: make one per extraction."""

    def __init__(self, grammar: QuantityGrammar | None = None) -> None:
        self.grammar = grammar or default_grammar()
        self._found: dict[tuple[str, str], tuple[Quantity, ...]] = {}
        self._numbers: dict[tuple[str, str], _Numbers] = {}
        self._loose: dict[tuple[str, str], frozenset[float]] = {}

    def remember(self, text: str, lang: str, found: tuple[Quantity, ...]) -> None:
        """Take FOUND as what find(TEXT, LANG) gives (the pipeline's quantities component found
        it with a grammar built from the same data)."""
        self._found[(text, grammar_lang(lang))] = tuple(found)

    def find(self, text: str, lang: str) -> tuple[Quantity, ...]:
        """QuantityGrammar.find, as a tuple."""
        key = (text, grammar_lang(lang))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = tuple(self.grammar.find(text, key[1]))
        return found

    def amounts(self, text: str, lang: str) -> list[tuple[Quantity, Amount]]:
        """Every size and count in a passage, with its normalised Amount, in text order."""
        return [(q, amount_of(q)) for q in self.find(text, lang)]

    def _numbers_of(self, text: str, lang: str) -> _Numbers:
        key = (text, _family(lang))
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = tuple(self.grammar.numbers(text, key[1]))
        return found

    def numbers(self, text: str, lang: str) -> list[tuple[int, int, float]]:
        """QuantityGrammar.numbers."""
        return list(self._numbers_of(text, lang))

    def values(self, text: str, lang: str) -> set[float]:
        """QuantityGrammar.values."""
        return {value for _, _, value in self._numbers_of(text, lang)}

    def loose_values(self, text: str, lang: str) -> set[float]:
        """QuantityGrammar.loose_values."""
        key = (text, _family(lang))
        found = self._loose.get(key)
        if found is None:
            found = self._loose[key] = frozenset(self.values(text, lang) | self.grammar.spelled_values(text, key[1]))
        return set(found)


def text_lang(text: str) -> str:
    """'zh' when the text has a Han character, else 'en': enough to pick a grammar."""
    return "zh" if HAN_CHAR.search(text) else "en"


def normalise(text: str, lang: str | None = None, grammar: QuantityGrammar | None = None) -> Amount | None:
    """The one Amount a short expression states, in either language, or None.

    "約1.3 TB" -> 1.3e12 bytes (approx); "逾1.3萬名病人" -> 13000 (more_than); "13,000" -> 13000.
    """
    grammar = grammar or default_grammar()
    lang = lang or text_lang(text)
    found = grammar.find(text, lang)
    if found:
        return amount_of(found[0])
    qualifier, rest = "exact", halfwidth(text).strip()
    # a lone figure such as "１３，０００": here the full-width comma can only separate thousands
    rest = _THOUSANDS_COMMA.sub(",", rest)
    zh = lang.startswith("zh")
    table = grammar.vocabulary.qualifier["zh" if zh else "en"]
    for word in sorted(table, key=len, reverse=True):  # "大約" before "約"
        if rest.lower().startswith(word) and (zh or rest[len(word):len(word) + 1] in " \u00a0"):
            qualifier, rest = table[word], rest[len(word):].strip()
            break
    value = grammar.parse_number(rest)
    return None if value is None else Amount(value, "count", qualifier)


def amounts(text: str, lang: str, grammar: QuantityGrammar | None = None) -> list[tuple[Quantity, Amount]]:
    """Every size and count in a passage, with its normalised Amount, in text order (nothing
    remembered: an extraction asks its `Quantities`)."""
    grammar = grammar or default_grammar()
    return [(q, amount_of(q)) for q in grammar.find(text, lang)]
