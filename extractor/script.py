"""Script facts about characters: the cheap, certain part of language routing."""
from __future__ import annotations

import re
from functools import lru_cache


def is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0002ffff"


_HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


def han_count(text: str) -> int:
    """How many characters of TEXT are Han (`is_han`), counted in C."""
    return sum(map(len, _HAN_RUN.findall(text)))


def han_share(text: str) -> float:
    """Share of letters that are Han; 0.0 when the text has no letters."""
    # str methods over whole strings (C loops) instead of a Python loop per character
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    han = sum(map(str.isalpha, "".join(_HAN_RUN.findall(text))))
    return han / letters


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def to_simplified_char(c: str) -> str:
    out = _converters()[0].convert(c)
    return out if len(out) == 1 else c


class _T2STable(dict):
    """A `str.translate` table filled on demand: code point -> its one-character t2s form."""

    def __missing__(self, code: int) -> int:
        c = chr(code)
        out = ord(to_simplified_char(c)) if is_han(c) else code
        self[code] = out
        return out


_T2S = _T2STable()


def to_simplified(text: str) -> str:
    """Character-by-character t2s: same length, so offsets carry over unchanged."""
    return text.translate(_T2S)


@lru_cache(maxsize=65536)
def _is_simplified_only(c: str) -> bool:
    t2s, s2t = _converters()
    return t2s.convert(c) == c and s2t.convert(c) != c


@lru_cache(maxsize=65536)
def _is_traditional_only(c: str) -> bool:
    return _converters()[0].convert(c) != c


class _VariantTable(dict):
    """A `str.translate` table filled on demand: a Han character -> 'T' when only Traditional
    text uses it, 'S' when only Simplified text does, deleted when both do."""

    def __missing__(self, code: int) -> str | None:
        c = chr(code)
        out = "T" if _is_traditional_only(c) else "S" if _is_simplified_only(c) else None
        self[code] = out
        return out


_VARIANT = _VariantTable()


def chinese_variant(text: str, default: str = "zh-Hant") -> str:
    """'zh-Hans' when Simplified-only characters outnumber Traditional-only ones, 'zh-Hant' when
    the reverse; `default` when the text has neither (characters common to both scripts)."""
    marks = "".join(_HAN_RUN.findall(text)).translate(_VARIANT)
    trad, simp = marks.count("T"), marks.count("S")
    if simp == trad:
        return default
    return "zh-Hans" if simp > trad else "zh-Hant"
