"""Align English paragraphs with their Traditional Chinese translation.

Gale–Church style monotonic dynamic programming over the moves 1-1, 1-0, 0-1, 2-1 and 1-2.
Pure Python and deterministic: the caller has already split the languages, so every layout
(en-then-zh, zh-then-en, interleaved) arrives here as two ordered unit sequences.

A bead's cost is the sum of
  * a move prior (1-1 is free; merges/splits and orphans cost a constant);
  * a length cost: squared log deviation of the English length from the length the Chinese
    predicts, with the Han-per-English-character ratio estimated from the document itself;
  * an anchor cost: 1 - Dice overlap of the numbers (normalised to values by extractor.numbers,
    so 1.3萬 == 13,000 and 1,500 GB == 1.5TB), Latin-script names shared by both sides, and
    the Latin names of Han names the Chinese text glosses elsewhere (宏碁(Acer): 宏碁 ~ Acer);
  * a heading cost: a short unit pairs with a short unit rather than with running prose, and
    headings never merge.
"""
from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from extractor.numbers import default_grammar
from extractor.script import han_count

__all__ = ["Unit", "Link", "AlignResult", "align", "length_ratio", "repeats"]


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
    #: DP cells the aligner filled (all widenings of the band included): a measure of its work
    #: that grows with n*m for a short article and linearly for a long one. Not part of equality.
    cells: int = field(default=0, compare=False)


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

#: Up to this many DP cells ((n+1)*(m+1)) every English unit is compared with every Chinese one;
#: beyond, the DP is confined to a band around the diagonal (time linear in the document's size).
FULL_DP_CELLS = 40_000
#: Half-width of the band, in Chinese units on either side of the expected position.
BAND_HALF_WIDTH = 32
#: In a long document a Latin token stays an anchor while it is in at most this fraction more
#: English units than Chinese ones (plus one).
LONG_VOCABULARY_SLACK = 0.1
#: The band doubles while the best path runs along its edge, up to this half-width.
BAND_MAX_HALF_WIDTH = 256

EN_HEADING_MAX_WORDS = 12
ZH_HEADING_MAX_CHARS = 25

_LATIN_TOKEN = re.compile(r"[A-Za-z]+")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,]*")
_CLOSING_QUOTES = "'\"’”」』)）"
# a translator's gloss: 宏碁(Acer), 果園徑保險（Orchard Lane Insurance）, Acer（宏碁）
_GLOSS_HAN_LATIN = re.compile(r"([\u3400-\u9fff]{2,16})\s*[（(]\s*([A-Za-z][A-Za-z0-9&.' \-]{1,60}?)\s*[)）]")
_GLOSS_LATIN_HAN = re.compile(r"([A-Za-z][A-Za-z0-9&.'\-]{1,30}(?: [A-Za-z][A-Za-z0-9&.'\-]{1,30}){0,4})\s*[（(]\s*([\u3400-\u9fff]{2,16})\s*[)）]")

_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")  # str.isascii() and str.isalnum()

@dataclass(frozen=True)
class _Features:
    """What the cost function needs from one unit, computed once."""

    length: float  # en: non-space characters; zh: Han characters
    foreign: float  # zh only: ASCII letters and digits (they carry over from English 1:1)
    numbers: frozenset[str]  # values of bare numbers (not those written as a size)
    sizes: frozenset[str]  # sizes in bytes
    tokens: tuple[str, ...]  # Latin-script tokens, original case, in order
    heading: bool  # short and without sentence-final punctuation
    prose: bool  # ends like a sentence; a unit may be neither (a long headline)


def _number_key(value: float) -> str:
    return f"{value:.6g}"


def _numbers(text: str, lang: str) -> frozenset[str]:
    """Every number in `text` as a value key, so 13,000 / 1.3萬 / １．３萬 all meet."""
    return frozenset(_number_key(v) for v in default_grammar().values(text, lang))


def _quantities(text: str, lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Sizes as byte counts (1,500 GB and 1.5TB meet), and the bare numbers they were written
    with, which are then no anchors of their own (1,500 and 1.5 need not meet)."""
    grammar = default_grammar()
    sizes, written = set(), set()
    for q in grammar.find(text, lang):  # what amounts() reads, without an Amount for each count
        if q.kind == "size":  # an Amount in bytes, of the same value
            sizes.add(_number_key(q.value))
            value = grammar.parse_number(q.number_text)
            if value is not None:
                written.add(_number_key(value))
    return frozenset(sizes), frozenset(written)


def _is_heading(text: str, lang: str) -> bool:
    stripped = text.strip()
    if lang == "en":
        return len(stripped.split()) < EN_HEADING_MAX_WORDS and not stripped.endswith(".")
    if "。" in stripped:  # tested first: it settles most paragraphs without counting
        return False
    # A Latin word or a number inside a Chinese headline counts as one character.
    size = han_count(stripped) + len(_LATIN_OR_NUMBER.findall(stripped))
    return size < ZH_HEADING_MAX_CHARS


def _is_prose(text: str, lang: str) -> bool:
    stripped = text.strip().rstrip(_CLOSING_QUOTES)
    if lang == "en":
        return stripped.endswith((".", "?", "!"))
    return "。" in stripped or stripped.endswith(("！", "？", "!", "?"))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _features(unit: Unit, lang: str, text: str | None = None) -> _Features:
    """`text`: the unit's text NFKC-normalised, when the caller already has it."""
    text = _nfkc(unit.text) if text is None else text
    if lang == "en":
        length = float(sum(map(len, text.split())))  # non-space characters (split: the same spaces as isspace)
        foreign = 0.0
    else:
        length = float(han_count(text))
        foreign = float(len(_ASCII_ALNUM.findall(text)))
    sizes, size_numbers = _quantities(text, lang)
    return _Features(
        length=length,
        foreign=foreign,
        numbers=_numbers(text, lang) - size_numbers,
        sizes=sizes,
        tokens=tuple(_LATIN_TOKEN.findall(text)),
        heading=_is_heading(text, lang),
        prose=_is_prose(text, lang),
    )


def _words(f: _Features) -> set[str]:
    """The unit's Latin tokens, lower-cased."""
    return {t.lower() for t in f.tokens}


def _shared_vocabulary(en: list[set[str]], zh: list[set[str]], slack: float = 0.0) -> frozenset[str]:
    """Lower-cased Latin tokens usable as anchors; `en`, `zh`: each unit's _words.

    A token counts when the Chinese text also uses it, and it is not spread over many more
    English units than Chinese ones: that drops function words ("and", "it") that a Chinese
    unit happens to carry inside a quoted English name. "Many more" is one more, plus `slack`
    times the Chinese count: a long document (see _Scorer) leaves a few percent of its
    paragraphs untranslated, and its recurring names must survive that.
    """
    en_df: dict[str, int] = {}
    zh_df: dict[str, int] = {}
    for units, df in ((en, en_df), (zh, zh_df)):
        for words in units:
            for token in words:
                df[token] = df.get(token, 0) + 1
    return frozenset(t for t, n in zh_df.items() if en_df.get(t, 0) <= n + 1 + int(n * slack) and t in en_df)


def _anchors(f: _Features, words: set[str], vocabulary: frozenset[str]) -> frozenset[str]:
    """`words`: the unit's _words."""
    return frozenset({"w:" + w for w in words & vocabulary} | {"n:" + n for n in f.numbers} | {"b:" + b for b in f.sizes})


def _glosses(zh: list[Unit], texts: list[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Han names the Chinese text glosses with a Latin one somewhere: 宏碁 -> ("Acer",).
    `texts`: the units' texts NFKC-normalised, when the caller already has them."""
    out: dict[str, tuple[str, ...]] = {}
    for text in [_nfkc(u.text) for u in zh] if texts is None else texts:
        if "(" not in text and "（" not in text:  # both patterns need one; most paragraphs have none
            continue
        for m in _GLOSS_HAN_LATIN.finditer(text):
            out.setdefault(m.group(1), tuple(_LATIN_TOKEN.findall(m.group(2))))
        for m in _GLOSS_LATIN_HAN.finditer(text):
            out.setdefault(m.group(2), tuple(_LATIN_TOKEN.findall(m.group(1))))
    return out


def _present(texts: list[str], needles: set[str]) -> list[set[str]]:
    """For each text, which of `needles` (short strings, two characters or more) occur in it.
    One regex scan over each text finds where a needle could start (its first two characters),
    then a set lookup a needle length there: linear in the texts, however many needles there
    are, where testing each needle against each text would be quadratic in a long document that
    glosses many names. (The scan runs in C; most articles gloss nothing and skip it.)"""
    lengths = sorted({len(needle) for needle in needles if len(needle) >= 2})
    if not lengths:
        return [set() for _ in texts]
    heads = sorted({needle[:2] for needle in needles if len(needle) >= 2})
    starts = re.compile("(?=%s)" % "|".join(map(re.escape, heads)))  # zero width: overlaps too
    found: list[set[str]] = []
    for text in texts:
        here: set[str] = set()
        for m in starts.finditer(text):
            p = m.start()
            for length in lengths:
                piece = text[p : p + length]
                if len(piece) == length and piece in needles:
                    here.add(piece)
        found.append(here)
    return found


def _gloss_forms(zh: list[Unit], en: list[Unit]) -> dict[str, tuple[str, ...]]:
    """The form each glossed name takes in the running text: the longest ending of the glossed Han
    run that recurs, but in no more paragraphs than the Latin name does in English (the run may
    start with a description, 台灣電腦廠商宏碁; 公司 recurs everywhere and is no name)."""
    return _glossed(zh, en, [_nfkc(u.text) for u in zh])[0]


def _glossed(zh: list[Unit], en: list[Unit], zh_texts: list[str]) -> tuple[dict[str, tuple[str, ...]], list[set[str]]]:
    """_gloss_forms, and for each Chinese text the forms it contains (as _present would say:
    every form is one of the endings looked for here, so one scan of the texts serves both)."""
    glosses = _glosses(zh, zh_texts)
    if not glosses:  # most articles
        return {}, [set() for _ in zh_texts]
    en_df: dict[str, int] = {}  # English units carrying each lower-cased Latin token
    for u in en:
        for token in {t.lower() for t in _LATIN_TOKEN.findall(u.text)}:
            en_df[token] = en_df.get(token, 0) + 1
    endings = {run[-n:] for run in glosses for n in range(2, len(run) + 1)}
    spread: dict[str, int] = {}  # Chinese units containing each ending
    present = _present(zh_texts, endings)
    for here in present:
        for ending in here:
            spread[ending] = spread.get(ending, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for run, latin in glosses.items():
        if not latin:
            continue
        limit = en_df.get(latin[0].lower(), 0) + 1
        form = run
        for n in range(len(run), 1, -1):
            if 2 <= spread.get(run[-n:], 0) <= limit:
                form = run[-n:]
                break
        out.setdefault(form, latin)
    return out, [here & out.keys() for here in present]


def _with_glosses(f: _Features, present: set[str], glosses: dict[str, tuple[str, ...]]) -> _Features:
    """A Chinese unit that names a glossed organisation only in Han characters carries its Latin
    name as an anchor too: 宏碁 in one paragraph meets Acer in its English counterpart.
    `present`: the glossed Han names the unit's text contains (see _present)."""
    extra = tuple(t for han in sorted(present) for t in glosses[han] if t not in f.tokens)
    return replace(f, tokens=f.tokens + extra) if extra else f


def _ratio(en: list[_Features], zh: list[_Features]) -> float:
    han = sum(f.length for f in zh)
    en_chars = sum(f.length for f in en) - sum(f.foreign for f in zh)
    ratio = han / en_chars if han > 0 and en_chars > 0 else DEFAULT_RATIO
    return min(max(ratio, RATIO_BOUNDS[0]), RATIO_BOUNDS[1])


def length_ratio(en: list[Unit], zh: list[Unit]) -> float:
    """Han characters per English character over a whole document, for aligning its parts.

    Sentences inside one paragraph pair are too few to estimate it: a sentence left out of the
    translation would lower the estimate just enough to make the shortened pair look normal.
    """
    return _ratio([_features(u, "en") for u in en], [_features(u, "zh") for u in zh])


class _Scorer:
    def __init__(self, en: list[Unit], zh: list[Unit], ratio: float | None = None,
                 en_texts: list[str] | None = None, zh_texts: list[str] | None = None) -> None:
        """`en_texts`, `zh_texts`: the units' texts NFKC-normalised, when the caller has them."""
        en_texts = [_nfkc(u.text) for u in en] if en_texts is None else en_texts
        zh_texts = [_nfkc(u.text) for u in zh] if zh_texts is None else zh_texts
        self.en = [_features(u, "en", text) for u, text in zip(en, en_texts)]
        glosses, present = _glossed(zh, en, zh_texts)
        self.zh = [_with_glosses(_features(u, "zh", text), names, glosses)
                   for u, text, names in zip(zh, zh_texts, present)]
        long = (len(en) + 1) * (len(zh) + 1) > FULL_DP_CELLS  # ordinary articles: exactly as before
        en_words, zh_words = [_words(f) for f in self.en], [_words(f) for f in self.zh]
        vocabulary = _shared_vocabulary(en_words, zh_words, LONG_VOCABULARY_SLACK if long else 0.0)
        self.en_anchors = [_anchors(f, words, vocabulary) for f, words in zip(self.en, en_words)]
        self.zh_anchors = [_anchors(f, words, vocabulary) for f, words in zip(self.zh, zh_words)]
        self.ratio = ratio if ratio is not None else _ratio(self.en, self.zh)

        # per-unit numbers the cost function reads, computed once (the DP asks ~3 costs a cell)
        self.en_len = [f.length for f in self.en]
        self.zh_pred = [f.length / self.ratio + f.foreign for f in self.zh]
        self.en_heading = [f.heading for f in self.en]
        self.zh_heading = [f.heading for f in self.zh]
        self.en_prose = [f.prose for f in self.en]
        self.zh_prose = [f.prose for f in self.zh]

    def content_cost(self, en_idx: range, zh_idx: range) -> float:
        """Cost of pairing en units `en_idx` with zh units `zh_idx` (both non-empty)."""
        en_len = sum(self.en_len[i] for i in en_idx)
        predicted = sum(self.zh_pred[j] for j in zh_idx)
        en_anchors = frozenset().union(*(self.en_anchors[i] for i in en_idx))
        zh_anchors = frozenset().union(*(self.zh_anchors[j] for j in zh_idx))
        if len(en_idx) == 1 and len(zh_idx) == 1:
            e, z = en_idx[0], zh_idx[0]
            heading = (self.en_heading[e] and self.zh_prose[z]) or (self.zh_heading[z] and self.en_prose[e])
        else:
            heading = any(self.en_heading[i] for i in en_idx) or any(self.zh_heading[j] for j in zh_idx)
        return _cost(en_len, predicted, en_anchors, zh_anchors, heading)

    # The three shapes the DP asks for, without building ranges; the same numbers as
    # content_cost (a sum of one or two floats is the same float either way).
    def cost_1_1(self, i: int, j: int) -> float:
        heading = (self.en_heading[i] and self.zh_prose[j]) or (self.zh_heading[j] and self.en_prose[i])
        return _cost(self.en_len[i], self.zh_pred[j], self.en_anchors[i], self.zh_anchors[j], heading)

    def cost_2_1(self, i: int, j: int) -> float:
        heading = self.en_heading[i] or self.en_heading[i + 1] or self.zh_heading[j]
        return _cost(self.en_len[i] + self.en_len[i + 1], self.zh_pred[j],
                     self.en_anchors[i] | self.en_anchors[i + 1], self.zh_anchors[j], heading)

    def cost_1_2(self, i: int, j: int) -> float:
        heading = self.en_heading[i] or self.zh_heading[j] or self.zh_heading[j + 1]
        return _cost(self.en_len[i], self.zh_pred[j] + self.zh_pred[j + 1],
                     self.en_anchors[i], self.zh_anchors[j] | self.zh_anchors[j + 1], heading)


def _cost(en_len: float, predicted: float, en_anchors: frozenset[str], zh_anchors: frozenset[str],
          heading: bool) -> float:
    """Length cost + anchor cost + heading cost of one bead (see the module docstring). Never
    negative (each part is not), which lets _dp skip a move that could not win anyway."""
    deviation = math.log((en_len + LENGTH_SMOOTHING) / (predicted + LENGTH_SMOOTHING))
    variance = LENGTH_SIGMA * LENGTH_SIGMA * (1 + LENGTH_SHORT_CHARS / max(en_len, 1.0))
    cost = deviation * deviation / (2 * variance)
    total = len(en_anchors) + len(zh_anchors)
    if total:
        cost += ANCHOR_WEIGHT * (1 - 2 * len(en_anchors & zh_anchors) / total)
    else:
        cost += ANCHOR_WEIGHT / 2
    if heading:
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


def _anchor_points(scorer: _Scorer) -> list[tuple[int, int]]:
    """Confident links for steering the band: pairs (i, j) of units that share an anchor found in
    no other unit on either side (a number, a size, a name), reduced to the longest chain that
    rises on both sides, so that a stray coincidence cannot bend the band. O(k log k)."""
    en_at: dict[str, int] = {}
    zh_at: dict[str, int] = {}
    for anchors, at in ((scorer.en_anchors, en_at), (scorer.zh_anchors, zh_at)):
        for index, unit_anchors in enumerate(anchors):
            for anchor in unit_anchors:
                at[anchor] = -1 if anchor in at else index  # -1: in more than one unit
    pairs = sorted({(i, zh_at[a]) for a, i in en_at.items() if i >= 0 and zh_at.get(a, -1) >= 0})
    # longest chain strictly increasing in i and j (patience sorting; equal i never chain)
    tails: list[int] = []  # tails[k]: index into pairs of the smallest j ending a chain of k+1
    parent: list[int] = [-1] * len(pairs)
    start = 0
    while start < len(pairs):
        end = start
        while end < len(pairs) and pairs[end][0] == pairs[start][0]:
            end += 1
        updates = []
        for p in range(start, end):
            updates.append((_bisect_tails(tails, pairs, pairs[p][1]), p))
        for k, p in updates:  # after the whole group, so that one i is used at most once
            parent[p] = tails[k - 1] if k else -1
            if k == len(tails):
                tails.append(p)
            elif pairs[p][1] < pairs[tails[k]][1]:
                tails[k] = p
        start = end
    chain: list[tuple[int, int]] = []
    p = tails[-1] if tails else -1
    while p >= 0:
        chain.append(pairs[p])
        p = parent[p]
    chain.reverse()
    return chain


def _bisect_tails(tails: list[int], pairs: list[tuple[int, int]], j: int) -> int:
    """The first chain length whose smallest ending j is not below `j`."""
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs[tails[mid]][1] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _band(scorer: _Scorer, half: int) -> tuple[list[int], list[int]]:
    """For each English prefix i, the range lo[i]..hi[i] of Chinese prefixes the DP considers:
    `half` units either side of where the translation should be. The centre line runs through
    the anchor points (each pair (i, j) puts cell (i, j) on it) and, between two of them, where
    the cumulative lengths say (a Gale–Church band). Both bounds rise with i, and each row
    starts no later than the previous row ends, so (n, m) stays reachable from (0, 0)."""
    n, m = len(scorer.en_len), len(scorer.zh_pred)
    en_cum = [0.0]
    for length in scorer.en_len:
        en_cum.append(en_cum[-1] + length + LENGTH_SMOOTHING)
    zh_cum = [0.0]
    for predicted in scorer.zh_pred:
        zh_cum.append(zh_cum[-1] + predicted + LENGTH_SMOOTHING)
    points = [(0, 0), *((i, j) for i, j in _anchor_points(scorer) if 0 < i < n and 0 < j < m), (n, m)]
    lo, hi = [0] * (n + 1), [0] * (n + 1)
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        en_span, zh_span = en_cum[i1] - en_cum[i0], zh_cum[j1] - zh_cum[j0]
        for i in range(i0, i1 + 1):
            target = zh_cum[j0] + (en_cum[i] - en_cum[i0]) / en_span * zh_span
            centre = j1 if i == i1 else min(bisect_left(zh_cum, target, j0, j1 + 1), j1)
            lo[i] = max(0, centre - half)
            hi[i] = min(m, centre + half)
    for i in range(1, n + 1):
        lo[i] = min(max(lo[i], lo[i - 1]), hi[i - 1])
        hi[i] = max(hi[i], hi[i - 1])
    lo[0], hi[n] = 0, m
    return lo, hi


_Back = list[tuple[int, list[tuple[int, int, float] | None]]]


def _dp(scorer: _Scorer, lo: list[int], hi: list[int]) -> tuple[_Back, bool, int]:
    """Fill the cells (i, j) with lo[i] <= j <= hi[i]; with lo = 0 and hi = m everywhere, the
    full DP. Returns the back pointers (per row: its lo and its cells), whether the best path
    touches the edge of a band narrower than the whole table, and the number of cells filled."""
    n, m = len(lo) - 1, hi[-1]
    inf = math.inf
    best: list[list[float]] = []
    back: _Back = []
    cells = 0
    pair_cost = {(1, 1): scorer.cost_1_1, (2, 1): scorer.cost_2_1, (1, 2): scorer.cost_1_2}
    for i in range(n + 1):
        row_lo, row_hi = lo[i], hi[i]
        row = [inf] * (row_hi - row_lo + 1)
        row_back: list[tuple[int, int, float] | None] = [None] * len(row)
        best.append(row)
        back.append((row_lo, row_back))
        cells += len(row)
        for j in range(row_lo, row_hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            here = inf
            step = None
            for di, dj, prior in _MOVES:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                before = best[pi][pj - lo[pi]] + prior
                if before >= here:  # inf, or no better whatever the content cost (>= 0, see _cost)
                    continue
                content = pair_cost[di, dj](pi, pj) if di and dj else 0.0
                total = before + content
                if total < here:
                    here = total
                    step = (di, dj, content)
            row[j - row_lo] = here
            row_back[j - row_lo] = step
    edge = False
    i, j = n, m
    while i or j:
        if (j == lo[i] and j > 0) or (j == hi[i] and j < m):
            edge = True
            break
        step = back[i][1][j - lo[i]]
        assert step is not None
        i, j = i - step[0], j - step[1]
    return back, edge, cells



def _same_text(normalised: str) -> str:
    """The key two units' texts share when one repeats the other (`normalised`: NFKC)."""
    return " ".join(normalised.split()).casefold()


def repeats(units: list[Unit], texts: list[str] | None = None) -> dict[str, str]:
    """Units that repeat an earlier unit's text word for word (id -> the earlier id), such as an
    English paragraph pasted into the Chinese version in place of its translation. Headlines and
    one-line captions are too short to tell a copy from a refrain, so only prose counts.
    `texts`: the units' texts NFKC-normalised, when the caller already has them."""
    seen: dict[str, str] = {}
    out: dict[str, str] = {}
    for u, text in zip(units, [_nfkc(u.text) for u in units] if texts is None else texts):
        key = _same_text(text)
        if len(key) < 40:
            continue
        if key in seen:
            out[u.id] = seen[key]
        else:
            seen[key] = u.id
    return out


def align(en: list[Unit], zh: list[Unit], ratio: float | None = None) -> AlignResult:
    """Align two ordered unit sequences; every unit ends in exactly one link or orphan list.

    `ratio` (Han characters per English character) defaults to the one the units themselves give.
    """
    if not en or not zh:
        return AlignResult(links=[], en_orphans=[u.id for u in en], zh_orphans=[u.id for u in zh])
    en_texts, zh_texts = [_nfkc(u.text) for u in en], [_nfkc(u.text) for u in zh]  # once, for both readers
    en_copies, zh_copies = repeats(en, en_texts), repeats(zh, zh_texts)
    if en_copies or zh_copies:  # a paragraph left untranslated: the original's text, twice
        inner = align([u for u in en if u.id not in en_copies], [u for u in zh if u.id not in zh_copies], ratio)
        order = {u.id: i for i, u in enumerate(en + zh)}
        return AlignResult(links=inner.links, en_orphans=sorted([*inner.en_orphans, *en_copies], key=order.get),
                           zh_orphans=sorted([*inner.zh_orphans, *zh_copies], key=order.get))

    scorer = _Scorer(en, zh, ratio, en_texts, zh_texts)
    n, m = len(en), len(zh)
    if (n + 1) * (m + 1) <= FULL_DP_CELLS:  # an ordinary article: every cell
        back, _, cells = _dp(scorer, [0] * (n + 1), [m] * (n + 1))
    else:  # a long document: a band around the diagonal, widened while the path presses on its edge
        half, cells = BAND_HALF_WIDTH, 0
        while True:
            lo, hi = _band(scorer, half)
            back, edge, visited = _dp(scorer, lo, hi)
            cells += visited
            if not edge or half >= BAND_MAX_HALF_WIDTH or half >= max(n, m):
                break
            half *= 2

    links: list[Link] = []
    en_orphans: list[str] = []
    zh_orphans: list[str] = []
    i, j = n, m
    while i or j:
        row_lo, row = back[i]
        step = row[j - row_lo]
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
    return AlignResult(links=links, en_orphans=en_orphans, zh_orphans=zh_orphans, cells=cells)
