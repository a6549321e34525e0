"""align(): the two unit sequences in, links and orphans out."""
from __future__ import annotations

import math

from extractor.align import dp as _dp
from extractor.align.scorer import Scorer
from extractor.align.units import AlignResult, Link, Unit, nfkc, repeats
from extractor.numbers import Quantities

#: Up to this many DP cells ((n+1)*(m+1)) every English unit is compared with every Chinese one;
#: beyond, the DP is confined to a band around the diagonal (time linear in the document's size).
FULL_DP_CELLS = 40_000
#: Half-width of the band, in Chinese units on either side of the expected position.
BAND_HALF_WIDTH = 32
#: The band doubles while the best path runs along its edge, up to this half-width.
BAND_MAX_HALF_WIDTH = 256


def align(en: list[Unit], zh: list[Unit], quantities: Quantities | None = None, *,
          ratio: float | None = None) -> AlignResult:
    """Align two ordered unit sequences; every unit ends in exactly one link or orphan list.

    `quantities`: the extraction's memo of the grammar's answers (a fresh one when None);
    `ratio` (Han characters per English character) defaults to the one the units themselves give.
    """
    if not en or not zh:
        return AlignResult(links=[], en_orphans=[u.id for u in en], zh_orphans=[u.id for u in zh])
    quantities = quantities if quantities is not None else Quantities()
    texts = [nfkc(u.text) for u in en], [nfkc(u.text) for u in zh]  # once, for both readers
    en_copies, zh_copies = repeats(en, texts[0]), repeats(zh, texts[1])
    if en_copies or zh_copies:  # a paragraph left untranslated: the original's text, twice
        return _without_copies(en, zh, en_copies, zh_copies, quantities, ratio)
    long = (len(en) + 1) * (len(zh) + 1) > FULL_DP_CELLS  # ordinary articles: every cell
    scorer = Scorer(en, zh, quantities, ratio, texts, long=long)
    back, cells = _banded(scorer) if long else _full(scorer)
    return _trace(en, zh, back, cells)


def _without_copies(en: list[Unit], zh: list[Unit], en_copies: dict[str, str], zh_copies: dict[str, str],
                    quantities: Quantities, ratio: float | None) -> AlignResult:
    """The alignment of the units that are not copies; the copies are orphans."""
    inner = align([u for u in en if u.id not in en_copies], [u for u in zh if u.id not in zh_copies], quantities,
                  ratio=ratio)
    order = {u.id: i for i, u in enumerate(en + zh)}
    return AlignResult(links=inner.links, en_orphans=sorted([*inner.en_orphans, *en_copies], key=order.get),
                       zh_orphans=sorted([*inner.zh_orphans, *zh_copies], key=order.get))


def _full(scorer: Scorer) -> tuple[_dp.Back, int]:
    """An ordinary article: every cell."""
    n, m = len(scorer.en_len), len(scorer.zh_pred)
    back, _, cells = _dp.dp(scorer, [0] * (n + 1), [m] * (n + 1))
    return back, cells


def _banded(scorer: Scorer) -> tuple[_dp.Back, int]:
    """A long document: a band around the diagonal, widened while the path presses on its edge."""
    half, cells = BAND_HALF_WIDTH, 0
    most = max(len(scorer.en_len), len(scorer.zh_pred))
    while True:
        lo, hi = _dp.band(scorer, half)
        back, edge, visited = _dp.dp(scorer, lo, hi)
        cells += visited
        if not edge or half >= BAND_MAX_HALF_WIDTH or half >= most:
            return back, cells
        half *= 2


def _trace(en: list[Unit], zh: list[Unit], back: _dp.Back, cells: int) -> AlignResult:
    """Follow the back pointers from the last cell: the links and orphans, in order."""
    links: list[Link] = []
    en_orphans: list[str] = []
    zh_orphans: list[str] = []
    i, j = len(en), len(zh)
    while i or j:
        row_lo, row = back[i]
        step = row[j - row_lo]
        assert step is not None  # every cell is reachable through the orphan moves
        di, dj, content = step
        if di and dj:
            links.append(Link(en=tuple(u.id for u in en[i - di:i]), zh=tuple(u.id for u in zh[j - dj:j]),
                              score=round(math.exp(-content), 3)))
        elif di:
            en_orphans.append(en[i - 1].id)
        else:
            zh_orphans.append(zh[j - 1].id)
        i, j = i - di, j - dj
    links.reverse()
    en_orphans.reverse()
    zh_orphans.reverse()
    return AlignResult(links=links, en_orphans=en_orphans, zh_orphans=zh_orphans, cells=cells)
