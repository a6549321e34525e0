"""Reading one number, written in either language: "13,000", "9.8 million", "twenty-five
thousand", "1.3萬", "一萬二", "一點三萬". Decimal arithmetic, so "1.3萬" is exactly 13000."""
from __future__ import annotations

from decimal import Decimal

from extractor.numbers.forms import EN_FIGURE, EN_WORD_SEP, ZH_TOKEN
from extractor.numbers.regexes import Regexes
from extractor.numbers.vocabulary import Vocabulary


class _ZhReading:
    """The classic sectioned reading of a Chinese numeral (億 > 萬 > 千/百/十), one token at a
    time: `section` is the part below the last big unit, `current` the digits not yet scaled."""

    def __init__(self, v: Vocabulary) -> None:
        self.v = v
        self.total = self.section = Decimal(0)
        self.current: Decimal | None = None
        self.last_unit = self.top_big = 0

    def read(self, tok: str) -> bool:
        """Take one token; False when it is no part of a numeral."""
        v = self.v
        if tok[0] in "0123456789":
            self.current = Decimal(tok.replace(",", ""))
        elif tok in v.zh_digits:
            digit = Decimal(v.zh_digits[tok])
            self.current = digit if self.current is None else self.current * 10 + digit
        elif tok in v.zh_small:
            self.last_unit = v.zh_small[tok]
            self.section += (self.current if self.current is not None else Decimal(1)) * self.last_unit
            self.current = None
        elif tok in v.zh_big:
            self._big(v.zh_big[tok])
        else:
            return False
        return True

    def _big(self, big: int) -> None:
        self.last_unit = big
        self.section += self.current if self.current is not None else Decimal(0)
        self.section = self.section or Decimal(1)
        self.total = (self.total + self.section) * big if big > self.top_big and self.total else self.total + self.section * big
        self.top_big = max(self.top_big, big)
        self.section, self.current = Decimal(0), None

    def value(self, tokens: list[str]) -> Decimal:
        """The number read; "一萬二", "三千五": one digit straight after a unit counts in the
        next unit down."""
        if self.current is not None:
            v = self.v
            if len(tokens) >= 2 and tokens[-1] in v.zh_digits and self.last_unit >= 10 and (
                    tokens[-2] in v.zh_small or tokens[-2] in v.zh_big):
                self.current *= self.last_unit // 10
            self.section += self.current
        return self.total + self.section


class Numerals:
    """Whole-number readers of both languages over one vocabulary."""

    def __init__(self, v: Vocabulary, rx: Regexes) -> None:
        self.v = v
        self.rx = rx

    def parse(self, s: str) -> Decimal | None:
        """The value of S (half-width, stripped) if the whole of it is a number."""
        if self.rx.en_number.fullmatch(s):
            return self.parse_en(s)
        if self.rx.zh_number.fullmatch(s):
            return self.parse_zh(s)
        return None

    def parse_en(self, s: str) -> Decimal | None:
        v = self.v
        m = EN_FIGURE.fullmatch(s)
        if m:
            base = Decimal(m["n"].replace(",", ""))
            key = (m["scale"] or "").lower()
            if not key:
                return base
            factor = v.en_scales.get(key) or v.en_abbrevs.get(key)
            return base * factor if factor else None
        words = EN_WORD_SEP.split(s.lower())
        if len(words) < 2 or words[-1] not in v.en_scales:
            return None
        if not all(w in v.en_words for w in words[:-1]):
            return None
        base = 0
        for w in words[:-1]:  # "twenty-five" adds, "one hundred" multiplies
            base = (base or 1) * 100 if v.en_words[w] == 100 else base + v.en_words[w]
        return Decimal(base) * v.en_scales[words[-1]]

    def parse_zh(self, s: str) -> Decimal | None:
        """Sectioned reading with Arabic parts allowed anywhere ("1.3萬", "1,600萬"), a spoken
        decimal point ("一點三萬") and the colloquial tail ("一萬二" = 12000)."""
        decimal = self.zh_decimal(s)
        if decimal is None:
            return None
        tokens = ZH_TOKEN.findall(decimal)
        reading = _ZhReading(self.v)
        if not all(reading.read(tok) for tok in tokens):
            return None
        return reading.value(tokens)

    def zh_decimal(self, s: str) -> str | None:
        """"一點三萬" -> "1.3萬": digits either side of a point become an Arabic decimal."""
        if not any(p in s for p in self.v.zh_points):
            return s
        m = self.rx.zh_decimal.fullmatch(s)
        if not m:
            return None
        digits = self.v.zh_digits
        whole = "".join(str(digits[c]) for c in m[1])
        fraction = "".join(str(digits[c]) for c in m[2])
        return f"{int(whole)}.{fraction}{m[3]}"
