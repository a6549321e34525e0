"""Counts of people or records in English: "up to 9.8 million current and former customers",
"half a million users", "500 or more people". Sizes are the grammar's (both languages)."""
from __future__ import annotations

import re
from decimal import Decimal

from extractor.numbers.counts import CountReader
from extractor.numbers.forms import EN_WORD, FIGURE, PLURAL, SCALED_END, WORDS_AFTER, YEAR, normalise_key
from extractor.numbers.numerals import Numerals
from extractor.numbers.quantity import Quantity
from extractor.numbers.regexes import Regexes
from extractor.numbers.vocabulary import Vocabulary

EN_MAX_WORDS = 7  # modifiers + noun + "and" + noun, e.g. "current and former students and staff"
EN_FIRST_NOUN = 4  # the first noun must come within this many words of the number


class _NounPhrase:
    """The walk over the words after a number, looking for the counted noun."""

    def __init__(self, v: Vocabulary) -> None:
        self.v = v
        self.best_end: int | None = None
        self.first_word: tuple[int, int, str] | None = None
        self.words_after_noun = 0

    def take(self, m: re.Match[str], i: int, prev: str) -> str | None:
        """Read the i-th word (match M); the word, or None to stop."""
        word = m[1].lower().rstrip("'’")
        word = word[:-2] if word.endswith(("'s", "’s")) else word
        v = self.v
        if word in v.en_breakers or word in v.en_suffix_stops:
            return None
        if self.first_word is None:
            self.first_word = (m.start(1), m.end(1), word)
        pair = f"{prev} {word}" if i else word
        if word in v.en_nouns or pair in v.en_nouns:
            self.best_end, self.words_after_noun = m.end(1), 0
        elif self.best_end is None and i + 1 >= EN_FIRST_NOUN:
            return None
        elif self.best_end is not None:
            self.words_after_noun += 1
            if self.words_after_noun > 2:
                return None
        return word


class EnglishCounts(CountReader):
    def __init__(self, v: Vocabulary, rx: Regexes, numerals: Numerals) -> None:
        super().__init__(v, rx, numerals, rx.en_count, rx.en_count_starts)

    def _count(self, text: str, norm: str, m: re.Match[str]) -> Quantity | None:
        num = m["num"]
        if self.v.blocked_before(norm, m.start("num")):
            return None
        value = self.numerals.parse_en(" ".join(num.split()))
        if value is None:
            return None
        start, qualifier = m.start(), None
        if num[:2].lower() == "a " and not m["q"]:  # "half a million", "a quarter of a million"
            value, start, qualifier = self._fraction(norm, m, value)
        scaled = not FIGURE.fullmatch(num)
        if not scaled and not m["q"] and YEAR.fullmatch(num):
            return None  # "in 2023 hackers ..." is a year, "over 2000 patients" is not
        if self._stopped_after(norm, m.end()):
            return None  # "40 percent", "5.8 billion dollars", "30 days"
        qualifier, head_end = qualifier or self.v.qualifier_of(m, "en"), m.end()
        suffix = self.rx.en_suffix.match(norm, head_end)
        if suffix:  # "500 or more people"
            head_end = suffix.end()
            qualifier = self.v.en_suffix[normalise_key(suffix["suffix"])] if qualifier == "exact" else qualifier
        noun_span = self._noun(norm, head_end)
        if noun_span is None:
            if not scaled or not SCALED_END.match(norm[head_end:head_end + 3]):
                return None
            end, noun = head_end, None
        else:
            end, noun = noun_span[1], text[noun_span[0]:noun_span[1]]
        return Quantity("count", start, end, text[start:end], float(value), qualifier,
                        text[m.start("num"):m.end("num")], noun)

    def _fraction(self, norm: str, m: re.Match[str], value: Decimal) -> tuple[Decimal, int, str | None]:
        """A fraction before "a million" (and a qualifier before it): the value, the start of the
        quantity, and the qualifier (None: the match's own)."""
        fraction = self.rx.en_fraction.search(norm, max(0, m.start("num") - 24), m.start("num"))
        if not fraction:
            return value, m.start(), None
        value *= self.v.en_fractions[normalise_key(fraction["f"])]
        start = fraction.start()
        before = self.rx.en_qualifier_before.search(norm, max(0, start - 30), start)
        if not before:
            return value, start, None
        return value, before.start(), self.v.qualifier["en"][normalise_key(before["q"])]  # "about half a million"

    def _stopped_after(self, norm: str, pos: int) -> bool:
        after = norm[pos:pos + 24].lstrip(" \u00a0").lower()
        if after.startswith("%"):
            return True
        words = WORDS_AFTER.match(after)
        if not words:
            return False
        stops = self.v.en_suffix_stops
        return words[1] in stops or f"{words[1]} {words[2]}" in stops

    def _noun(self, norm: str, pos: int) -> tuple[int, int] | None:
        """(start, end) of the people/record noun phrase after a number, or None."""
        conn = self.rx.en_connector.match(norm, pos)
        if conn:
            pos = conn.end()
        walk = _NounPhrase(self.v)
        prev = ""
        for i in range(EN_MAX_WORDS):
            m = EN_WORD.match(norm, pos)
            word = walk.take(m, i, prev) if m else None
            if word is None:
                break
            prev, pos = word, m.end()
        first = walk.first_word
        if first is None:
            return None
        if walk.best_end is not None:
            return first[0], walk.best_end
        if not conn and PLURAL.fullmatch(first[2]) and norm[first[0]].islower():
            return first[0], first[1]  # "62 operations": a count of something; callers decide
        return None
