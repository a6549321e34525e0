"""Align English paragraphs with their Traditional Chinese translation.

Gale–Church style monotonic dynamic programming over the moves 1-1, 1-0, 0-1, 2-1 and 1-2.
Pure Python and deterministic: the caller has already split the languages, so every layout
(en-then-zh, zh-then-en, interleaved) arrives here as two ordered unit sequences.

A bead's cost is the sum of
  * a move prior (1-1 is free; merges/splits and orphans cost a constant);
  * a length cost: squared log deviation of the English length from the length the Chinese
    predicts, with the Han-per-English-character ratio estimated from the document itself;
  * an anchor cost: 1 - Dice overlap of the numbers (normalised to values, so 1.3萬 == 13,000)
    and Latin-script names shared by both sides;
  * a heading cost: a short unit pairs with a short unit rather than with running prose, and
    headings never merge.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass


__all__ = ["Unit", "Link", "AlignResult", "align"]


@dataclass(frozen=True)
class Unit:
    id: str  # segment id such as "p3"
    text: str  # the paragraph (or sentence) text


@dataclass(frozen=True)
class Link:
    en: tuple[str, ...]  # ids of English units (1 or 2)
    zh: tuple[str, ...]  # ids of Chinese units (1 or 2)
    score: float  # 0..1, rounded to 3 decimals


@dataclass(frozen=True)
class AlignResult:
    links: list[Link]
    en_orphans: list[str]  # English unit ids with no Chinese counterpart
    zh_orphans: list[str]


# --- tuning constants (all costs are in nats: confidence = exp(-content cost)) -------------

#: Han characters per English character when the document gives no usable estimate.
DEFAULT_RATIO = 0.34
#: The document's own ratio is clamped to this range (guards against a lopsided document).
RATIO_BOUNDS = (0.15, 0.8)
#: Standard deviation of log(English length / predicted length) for a long translation pair.
LENGTH_SIGMA = 0.22
#: Short units vary more (headlines are compressed): the variance grows by (1 + this / length),
#: the log-ratio analogue of Gale–Church's variance proportional to length.
LENGTH_SHORT_CHARS = 100.0
#: Characters added to both lengths before taking logs.
LENGTH_SMOOTHING = 10.0
#: Weight of the anchor cost (1 - Dice overlap of anchors); half of it when neither side has any.
ANCHOR_WEIGHT = 1.5
#: Cost of a short (heading-like) unit paired with prose, or of a heading inside a merge.
HEADING_COST = 1.5
#: Prior cost of a 2-1 or 1-2 bead, on top of its content cost.
MERGE_COST = 2.5
#: Cost of leaving one unit unaligned (1-0 or 0-1).
ORPHAN_COST = 2.2

EN_HEADING_MAX_WORDS = 12
ZH_HEADING_MAX_CHARS = 25

# ASCII digits on purpose: anchor text is NFKC-normalised first, so fullwidth digits become ASCII.
# The double lookbehind keeps a match from starting inside a number ("1,234") while still
# allowing a half-width comma used as Chinese punctuation ("四日,62宗").
_EN_NUMBER = re.compile(
    r"(?<![0-9])(?<![0-9][.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?"
    r"(?:\s?(million|billion|thousand|trillion|bn|m|k)\b)?",
    re.IGNORECASE,
)
_ZH_NUMBER = re.compile(r"(?<![0-9])(?<![0-9][.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s?(萬億|千萬|百萬|萬|億)?")
# Chinese-numeral amounts are read only before 萬/億 (四百萬): a bare 一 or 三 is usually part of a word.
_ZH_NUMERAL_AMOUNT = re.compile(r"([零一二兩三四五六七八九十百千]{1,6})(萬億|萬|億)")
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CLOSING_QUOTES = "'\"’”」』)）"
_LATIN_TOKEN = re.compile(r"[A-Za-z]+")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,]*")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")  # str.isascii() and str.isalnum()
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")  # script.is_han


def _han_count(text: str) -> int:
    """How many characters of TEXT are Han (`script.is_han`), counted in C."""
    return sum(map(len, _HAN.findall(text)))

_EN_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_ZH_MULTIPLIERS = {"萬": 1e4, "百萬": 1e6, "千萬": 1e7, "億": 1e8, "萬億": 1e12}


@dataclass(frozen=True)
class _Features:
    """What the cost function needs from one unit, computed once."""

    length: float  # en: non-space characters; zh: Han characters
    foreign: float  # zh only: ASCII letters and digits (they carry over from English 1:1)
    numbers: frozenset[str]
    tokens: tuple[str, ...]  # Latin-script tokens, original case, in order
    heading: bool  # short and without sentence-final punctuation
    prose: bool  # ends like a sentence; a unit may be neither (a long headline)


def _number_key(value: float) -> str:
    return f"{value:.6g}"


def _numbers(text: str, lang: str) -> frozenset[str]:
    """Every number in `text` as a value key, so 13,000 / 1.3萬 / １．３萬 all meet."""
    text = unicodedata.normalize("NFKC", text)
    pattern, multipliers = (_EN_NUMBER, _EN_MULTIPLIERS) if lang == "en" else (_ZH_NUMBER, _ZH_MULTIPLIERS)
    values: set[str] = set()
    for match in pattern.finditer(text):
        whole, fraction, unit = match.groups()
        value = float(whole.replace(",", "") + (fraction or ""))
        if unit:
            value *= multipliers[unit.lower() if lang == "en" else unit]
        values.add(_number_key(value))
    if lang == "zh":
        for match in _ZH_NUMERAL_AMOUNT.finditer(text):
            value = _zh_numeral(match.group(1))
            if value:
                values.add(_number_key(value * _ZH_MULTIPLIERS[match.group(2)]))
    return frozenset(values)


def _zh_numeral(numeral: str) -> float:
    """Value of a small Chinese numeral such as 四百 or 一千二百."""
    total, current = 0, 0
    for char in numeral:
        if char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        else:
            total += (current or 1) * _ZH_SMALL_UNITS[char]
            current = 0
    return float(total + current)


def _is_heading(text: str, lang: str) -> bool:
    stripped = text.strip()
    if lang == "en":
        return len(stripped.split()) < EN_HEADING_MAX_WORDS and not stripped.endswith(".")
    # A Latin word or a number inside a Chinese headline counts as one character.
    size = _han_count(stripped) + len(_LATIN_OR_NUMBER.findall(stripped))
    return size < ZH_HEADING_MAX_CHARS and "。" not in stripped


def _is_prose(text: str, lang: str) -> bool:
    stripped = text.strip().rstrip(_CLOSING_QUOTES)
    if lang == "en":
        return stripped.endswith((".", "?", "!"))
    return "。" in stripped or stripped.endswith(("！", "？", "!", "?"))


def _features(unit: Unit, lang: str) -> _Features:
    text = unicodedata.normalize("NFKC", unit.text)
    if lang == "en":
        length = float(len(text) - sum(map(str.isspace, text)))
        foreign = 0.0
    else:
        length = float(_han_count(text))
        foreign = float(len(_ASCII_ALNUM.findall(text)))
    return _Features(
        length=length,
        foreign=foreign,
        numbers=_numbers(text, lang),
        tokens=tuple(_LATIN_TOKEN.findall(text)),
        heading=_is_heading(text, lang),
        prose=_is_prose(text, lang),
    )


def _shared_vocabulary(en: list[_Features], zh: list[_Features]) -> frozenset[str]:
    """Lower-cased Latin tokens usable as anchors.

    A token counts when the Chinese text also uses it, and it is not spread over many more
    English units than Chinese ones: that drops function words ("and", "it") that a Chinese
    unit happens to carry inside a quoted English name.
    """
    en_df: dict[str, int] = {}
    zh_df: dict[str, int] = {}
    for feats, df in ((en, en_df), (zh, zh_df)):
        for f in feats:
            for token in {t.lower() for t in f.tokens}:
                df[token] = df.get(token, 0) + 1
    return frozenset(t for t, n in zh_df.items() if en_df.get(t, 0) <= n + 1 and t in en_df)


def _anchors(f: _Features, vocabulary: frozenset[str]) -> frozenset[str]:
    words = {"w:" + t.lower() for t in f.tokens if t.lower() in vocabulary}
    return frozenset(words | {"n:" + n for n in f.numbers})


class _Scorer:
    def __init__(self, en: list[Unit], zh: list[Unit]) -> None:
        self.en = [_features(u, "en") for u in en]
        self.zh = [_features(u, "zh") for u in zh]
        vocabulary = _shared_vocabulary(self.en, self.zh)
        self.en_anchors = [_anchors(f, vocabulary) for f in self.en]
        self.zh_anchors = [_anchors(f, vocabulary) for f in self.zh]
        han = sum(f.length for f in self.zh)
        en_chars = sum(f.length for f in self.en) - sum(f.foreign for f in self.zh)
        ratio = han / en_chars if han > 0 and en_chars > 0 else DEFAULT_RATIO
        self.ratio = min(max(ratio, RATIO_BOUNDS[0]), RATIO_BOUNDS[1])

    def content_cost(self, en_idx: range, zh_idx: range) -> float:
        """Cost of pairing en units `en_idx` with zh units `zh_idx` (both non-empty)."""
        en_len = sum(self.en[i].length for i in en_idx)
        predicted = sum(self.zh[j].length / self.ratio + self.zh[j].foreign for j in zh_idx)
        deviation = math.log((en_len + LENGTH_SMOOTHING) / (predicted + LENGTH_SMOOTHING))
        variance = LENGTH_SIGMA * LENGTH_SIGMA * (1 + LENGTH_SHORT_CHARS / max(en_len, 1.0))
        cost = deviation * deviation / (2 * variance)

        en_anchors = frozenset().union(*(self.en_anchors[i] for i in en_idx))
        zh_anchors = frozenset().union(*(self.zh_anchors[j] for j in zh_idx))
        total = len(en_anchors) + len(zh_anchors)
        if total:
            cost += ANCHOR_WEIGHT * (1 - 2 * len(en_anchors & zh_anchors) / total)
        else:
            cost += ANCHOR_WEIGHT / 2

        if len(en_idx) == 1 and len(zh_idx) == 1:
            e, z = self.en[en_idx[0]], self.zh[zh_idx[0]]
            if (e.heading and z.prose) or (z.heading and e.prose):
                cost += HEADING_COST
        elif any(self.en[i].heading for i in en_idx) or any(self.zh[j].heading for j in zh_idx):
            cost += HEADING_COST
        return cost


# (en units consumed, zh units consumed, prior cost); the order is the tie-break order.
_MOVES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (2, 1, MERGE_COST),
    (1, 2, MERGE_COST),
    (1, 0, ORPHAN_COST),
    (0, 1, ORPHAN_COST),
)


def align(en: list[Unit], zh: list[Unit]) -> AlignResult:
    """Align two ordered unit sequences; every unit ends in exactly one link or orphan list."""
    if not en or not zh:
        return AlignResult(links=[], en_orphans=[u.id for u in en], zh_orphans=[u.id for u in zh])

    scorer = _Scorer(en, zh)
    n, m = len(en), len(zh)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            for di, dj, prior in _MOVES:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi][pj] == math.inf:
                    continue
                content = scorer.content_cost(range(pi, i), range(pj, j)) if di and dj else 0.0
                total = best[pi][pj] + prior + content
                if total < best[i][j]:
                    best[i][j] = total
                    back[i][j] = (di, dj, content)

    links: list[Link] = []
    en_orphans: list[str] = []
    zh_orphans: list[str] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None  # every cell is reachable through the orphan moves
        di, dj, content = step
        if di and dj:
            links.append(
                Link(
                    en=tuple(u.id for u in en[i - di : i]),
                    zh=tuple(u.id for u in zh[j - dj : j]),
                    score=round(math.exp(-content), 3),
                )
            )
        elif di:
            en_orphans.append(en[i - 1].id)
        else:
            zh_orphans.append(zh[j - 1].id)
        i, j = i - di, j - dj
    links.reverse()
    en_orphans.reverse()
    zh_orphans.reverse()
    return AlignResult(links=links, en_orphans=en_orphans, zh_orphans=zh_orphans)
