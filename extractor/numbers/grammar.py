"""The quantity grammar: sizes and counts in a passage, and every number as a value.

Pure: the same text gives the same answer, and nothing is remembered between calls (an
article's answers are remembered by `extractor.numbers.Quantities`, which it owns)."""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from extractor.errors import ModelMissing
from extractor.numbers.chinese import ChineseCounts
from extractor.numbers.english import EnglishCounts
from extractor.numbers.forms import DIGIT, FIGURE, LATIN_WORD, halfwidth, normalise_key, scan
from extractor.numbers.numerals import Numerals
from extractor.numbers.quantity import Quantity
from extractor.numbers.regexes import Regexes
from extractor.numbers.vocabulary import LANGS, Vocabulary, invalid
from extractor.paths import DATA_DIR

DEFAULT_PATH = DATA_DIR / "quantities.json"


def grammar_lang(lang: str) -> str:
    """'en' or 'zh' for a language label ('zh-Hant' -> 'zh'); ValueError for another."""
    lang = "zh" if lang.lower().startswith("zh") else lang.lower()
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


class QuantityGrammar:
    """The compiled grammar; build once (load) and reuse, regexes are compiled here."""

    def __init__(self, data: dict) -> None:
        self.vocabulary = Vocabulary(data)
        self.data: dict = self.vocabulary.data  # kept for the spaCy component's to_disk
        self.regexes = Regexes(self.vocabulary)
        self.numerals = Numerals(self.vocabulary, self.regexes)
        self._en = EnglishCounts(self.vocabulary, self.regexes, self.numerals)
        self._zh = ChineseCounts(self.vocabulary, self.regexes, self.numerals)

    @classmethod
    def load(cls, path: Path | None = None) -> "QuantityGrammar":
        path = Path(path) if path is not None else DEFAULT_PATH
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ModelMissing(f"quantities.json not found at {path}; reinstall the models or pass a path") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise invalid(f"not valid JSON at line {exc.lineno} column {exc.colno}") from None
        return cls(data)

    # -- numbers --------------------------------------------------------------------------------
    def parse_number(self, s: str) -> float | None:
        """Value of a whole number string in either language, or None if it is not one."""
        value = self.numerals.parse(halfwidth(s).strip())
        return None if value is None else float(value)

    def values(self, text: str, lang: str) -> set[float]:
        """Every number in a passage as a value, counted noun or not: 13,000 / 1.3萬 / １．３萬 /
        一百三十萬 / 9.8 million. Years and dates are numbers too; callers that want only
        quantities use find()."""
        return {value for _, _, value in self.numbers(text, lang)}

    def numbers(self, text: str, lang: str) -> list[tuple[int, int, float]]:
        """(start, end, value) of every number values() reads, in text order."""
        norm = halfwidth(text)
        zh = lang.startswith("zh")
        rx = self.regexes
        if zh:
            matches = [*scan(rx.zh_value, DIGIT, norm), *scan(rx.zh_numeral_value, rx.zh_numeral_starts, norm)]
        else:
            matches = list(scan(rx.en_value, DIGIT, norm))
        out = []
        for m in matches:
            if zh and not m.group()[0].isdigit() and self._vague_before(norm, m.start()):
                continue  # 數百萬 / 數以十億計: "millions", "billions"
            value = self._value_of(m.group(), zh)
            if value is not None:
                out.append((m.start(), m.end(), value))
        return sorted(out)

    def _vague_before(self, norm: str, start: int) -> bool:
        before = norm[max(0, start - 2):start]
        vague = self.vocabulary.zh_vague
        return before[-1:] in vague or (before[-1:] == "以" and before[:1] in vague)

    def _value_of(self, piece: str, zh: bool) -> float | None:
        piece = "".join(piece.split()) if zh else " ".join(piece.split())
        if FIGURE.fullmatch(piece) and not any(p in piece for p in self.vocabulary.zh_points):
            # most numbers are a plain figure ("2023", "1,234.5"): the float parse_zh and
            # parse_en would return (their Decimal is exact; both roundings are correct)
            return float(piece.replace(",", ""))
        value = self.numerals.parse_zh(piece) if zh else self.numerals.parse_en(piece)
        return None if value is None else float(value)

    def loose_values(self, text: str, lang: str) -> set[float]:
        """values() plus what a translation may spell out in words: every run of Chinese numerals
        (三部伺服器 -> 3, 一萬三千 -> 13000) or English number word (three servers -> 3). Too
        loose to find quantities; right for asking whether a figure is there at all."""
        return self.values(text, lang) | self.spelled_values(text, lang)

    def spelled_values(self, text: str, lang: str) -> set[float]:
        """What loose_values() adds to values(): numbers in words, and figures before 兆 read
        every way it is used."""
        out: set[float] = set()
        norm = halfwidth(text)
        v, rx = self.vocabulary, self.regexes
        if lang.startswith("zh"):
            for m in rx.zh_ambiguous.finditer(norm):
                for factor in v.zh_ambiguous[norm[m.end() - 1]]:
                    out.add(float(Decimal(m[1].replace(",", "")) * factor))
            for m in rx.zh_numeral_run.finditer(norm):
                value = self.numerals.parse_zh(m.group())
                if value is not None:
                    out.add(float(value))
            return out
        for m in rx.en_fraction_of.finditer(norm):  # "half a million dollars"
            out.add(float(v.en_fractions[normalise_key(m["f"])] * v.en_scales[m["s"].lower()]))
        for word in LATIN_WORD.findall(norm):
            word = word.lower()
            if word in v.en_words and word != "a":
                out.add(float(v.en_words[word]))
        return out

    # -- finding --------------------------------------------------------------------------------
    def find(self, text: str, lang: str) -> list[Quantity]:
        """Sizes and counts in text, sorted by start, non-overlapping (sizes win)."""
        lang = grammar_lang(lang)
        norm = halfwidth(text)
        found = self._sizes(text, norm, lang)
        counts = (self._en if lang == "en" else self._zh).find(text, norm)
        taken = [(q.start, q.end) for q in found]
        for q in counts:
            if all(q.end <= s or q.start >= e for s, e in taken):
                found.append(q)
                taken.append((q.start, q.end))
        return sorted(found, key=lambda q: (q.start, q.end))

    def _sizes(self, text: str, norm: str, lang: str) -> list[Quantity]:
        out: list[Quantity] = []
        rx, v = self.regexes, self.vocabulary
        if not rx.size_hint.search(norm):
            return out
        for m in scan(rx.size[lang], rx.size_starts[lang], norm):
            unit = m["unit"]
            factor = v.unit_factor.get(unit) or v.unit_factor[unit.lower()]
            value = Decimal(m["num"].replace(",", "")) * factor
            out.append(Quantity("size", m.start(), m.end(), text[m.start():m.end()], float(value),
                                v.qualifier_of(m, lang), text[m.start("num"):m.end()], None))
        return out


@cache
def default_grammar() -> QuantityGrammar:
    """The grammar from the packaged data file, loaded once per process (immutable once built)."""
    return QuantityGrammar.load()


def parse_number(s: str) -> float | None:
    """"13,000" -> 13000.0, "1.3萬" -> 13000.0, "9.8 million" -> 9800000.0; None if not a number."""
    return default_grammar().parse_number(s)
