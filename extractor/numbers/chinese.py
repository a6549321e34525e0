"""Counts of people or records in Chinese: "逾1.3萬名病人", "500萬個人資料", "受影響人數達兩百萬"."""
from __future__ import annotations

import re

from extractor.numbers.counts import CountReader
from extractor.numbers.forms import WORD_CHAR, YEAR, ZH_RUN
from extractor.numbers.numerals import Numerals
from extractor.numbers.quantity import Quantity
from extractor.numbers.regexes import Regexes
from extractor.numbers.vocabulary import Vocabulary

ZH_FIRST_NOUN_CLS = 6  # after 名/筆: "現有及過往客戶" puts the noun 5 characters in
ZH_FIRST_NOUN_BARE = 3  # without a classifier the noun must follow closely ("50萬香港用戶")


class ChineseCounts(CountReader):
    def __init__(self, v: Vocabulary, rx: Regexes, numerals: Numerals) -> None:
        super().__init__(v, rx, numerals, rx.zh_count, rx.zh_count_starts)

    def _count(self, text: str, norm: str, m: re.Match[str]) -> Quantity | None:
        num, cls = m["num"], m["cls"]
        if self.v.blocked_before(norm, m.start("num")):
            return None
        value = self.numerals.parse_zh(num)
        if value is None or self._not_a_count(norm, m):
            return None
        if cls and norm.startswith(self.v.zh_suffix_stops, m.end("cls")):
            return None  # "3個月"
        if cls and self._noun_at(norm, m.start("cls")):
            cls = None  # "500萬個人資料": 個 starts the noun, it is not a classifier
        if m["outer"]:
            head_end = m.end("outer")
        else:
            head_end = m.end("cls") if cls else self._after_num(m)
        tail = self._tail(text, norm, m, cls, head_end)
        if tail is None:
            return None
        end, noun = tail
        return Quantity("count", m.start(), end, text[m.start():end], float(value),
                        self._qualifier(m), text[m.start("num"):m.end("num")], noun)

    @staticmethod
    def _after_num(m: re.Match[str]) -> int:
        return m.end("inner") if m["inner"] else m.end("num")

    def _not_a_count(self, norm: str, m: re.Match[str]) -> bool:
        """A number that is no count whatever follows: "數百", a lone 一, "千萬不要", a year, "3天"."""
        v, num, start = self.v, m["num"], m.start("num")
        if num[0] not in v.zh_digits and not num[0].isdigit() and norm[start - 1:start] in v.zh_vague:
            return True  # 數百個受害者: "hundreds of victims"
        if len(num) == 1 and num in v.zh_digits:
            return True  # a lone 一/三 is too often part of a word ("統一名單")
        if not m["q"] and num[0] in v.zh_implicit and not m["cls"]:
            return True  # "千萬不要", "萬一"
        if not m["q"] and YEAR.fullmatch(num):
            return True
        return norm.startswith(v.zh_suffix_stops, self._after_num(m))

    def _qualifier(self, m: re.Match[str]) -> str:
        qualifier = self.v.qualifier_of(m, "zh")
        for where in ("inner", "outer"):
            if m[where] and qualifier == "exact":
                qualifier = self.v.zh_suffix[where][m[where]]
        return qualifier

    def _tail(self, text: str, norm: str, m: re.Match[str], cls: str | None, head_end: int) -> tuple[int, str | None] | None:
        """(end, noun) of a count whose number part ends at HEAD_END, or None if it is none."""
        noun_span = self._noun(norm, head_end, ZH_FIRST_NOUN_CLS if cls else ZH_FIRST_NOUN_BARE)
        if noun_span is not None:
            return noun_span[1], text[noun_span[0]:noun_span[1]]
        if cls and not self.v.zh_classifiers[m["cls"]]:
            return head_end, None
        if not cls and any(c in self.v.zh_big for c in m["num"]) and not WORD_CHAR.match(norm, head_end):
            return head_end, None  # "受影響人數達兩百萬。"
        return None

    def _noun_at(self, norm: str, pos: int) -> bool:
        """Whether a count noun starts at `pos` (only those with the character there can)."""
        return any(norm.startswith(n, pos) for n in self.v.zh_nouns_by_first.get(norm[pos:pos + 1], ()))

    def _noun(self, norm: str, pos: int, first_limit: int) -> tuple[int, int] | None:
        run = ZH_RUN.match(norm, pos)
        if not run:
            return None
        chars = _before_stop(run.group(), self.rx.zh_numeral_chars, self.v.zh_noun_stops)
        first: int | None = None
        best_end = 0
        by_first = self.v.zh_nouns_by_first
        for i in range(len(chars)):
            for noun in by_first.get(chars[i], ()):
                if chars.startswith(noun, i):
                    first = i if first is None else first
                    best_end = max(best_end, i + len(noun))
                    break
        if first is None or first > first_limit:
            return None
        return pos, pos + best_end


def _before_stop(chars: str, numerals: frozenset[str], stops: frozenset[str]) -> str:
    """CHARS up to a numeral or (after the first character) a stop: "受害者" starts with 受."""
    for i, ch in enumerate(chars):
        if ch in numerals or (i and ch in stops):
            return chars[:i]
    return chars
