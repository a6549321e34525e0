"""What the count readers of both languages share: their matches, each read or dropped."""
from __future__ import annotations

import re

from extractor.numbers.forms import scan
from extractor.numbers.numerals import Numerals
from extractor.numbers.quantity import Quantity
from extractor.numbers.regexes import Regexes
from extractor.numbers.vocabulary import Vocabulary


class CountReader:
    """Counts in one language: each match of `pattern` (tried where `starts` says one can
    begin), read into a Quantity by `_count` or dropped (None)."""

    def __init__(self, v: Vocabulary, rx: Regexes, numerals: Numerals, pattern: re.Pattern[str],
                 starts: re.Pattern[str]) -> None:
        self.v, self.rx, self.numerals = v, rx, numerals
        self.pattern, self.starts = pattern, starts

    def find(self, text: str, norm: str) -> list[Quantity]:
        """The counts in TEXT, read on NORM (its half-width form, same offsets)."""
        found = (self._count(text, norm, m) for m in scan(self.pattern, self.starts, norm))
        return [q for q in found if q is not None]

    def _count(self, text: str, norm: str, m: re.Match[str]) -> Quantity | None:
        raise NotImplementedError
