"""The dynamic programme over beads, in full or in a band around the diagonal."""
from __future__ import annotations

import math
from bisect import bisect_left

from extractor.align.scorer import LENGTH_SMOOTHING, MOVES, Scorer

#: Back pointers, per row: the row's lo and, for each of its cells, (di, dj, content cost) of
#: the best move into it (None for the origin).
Back = list[tuple[int, list[tuple[int, int, float] | None]]]


def anchor_points(scorer: Scorer) -> list[tuple[int, int]]:
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
    return _longest_chain(pairs)


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of PAIRS (sorted) strictly increasing in i and j (patience sorting;
    equal i never chain)."""
    tails: list[int] = []  # tails[k]: index into pairs of the smallest j ending a chain of k+1
    parent: list[int] = [-1] * len(pairs)
    start = 0
    while start < len(pairs):
        end = start
        while end < len(pairs) and pairs[end][0] == pairs[start][0]:
            end += 1
        updates = [(_bisect_tails(tails, pairs, pairs[p][1]), p) for p in range(start, end)]
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


def _cumulative(lengths: list[float]) -> list[float]:
    out = [0.0]
    for length in lengths:
        out.append(out[-1] + length + LENGTH_SMOOTHING)
    return out


def band(scorer: Scorer, half: int) -> tuple[list[int], list[int]]:
    """For each English prefix i, the range lo[i]..hi[i] of Chinese prefixes the DP considers:
    `half` units either side of where the translation should be. The centre line runs through
    the anchor points (each pair (i, j) puts cell (i, j) on it) and, between two of them, where
    the cumulative lengths say (a Gale–Church band). Both bounds rise with i, and each row
    starts no later than the previous row ends, so (n, m) stays reachable from (0, 0)."""
    n, m = len(scorer.en_len), len(scorer.zh_pred)
    en_cum, zh_cum = _cumulative(scorer.en_len), _cumulative(scorer.zh_pred)
    points = [(0, 0), *((i, j) for i, j in anchor_points(scorer) if 0 < i < n and 0 < j < m), (n, m)]
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


def dp(scorer: Scorer, lo: list[int], hi: list[int]) -> tuple[Back, bool, int]:
    """Fill the cells (i, j) with lo[i] <= j <= hi[i]; with lo = 0 and hi = m everywhere, the
    full DP. Returns the back pointers (per row: its lo and its cells), whether the best path
    touches the edge of a band narrower than the whole table, and the number of cells filled."""
    n = len(lo) - 1
    best: list[list[float]] = []
    back: Back = []
    pair_cost = {(1, 1): scorer.cost_1_1, (2, 1): scorer.cost_2_1, (1, 2): scorer.cost_1_2}
    for i in range(n + 1):
        row, row_back = _row(i, lo, hi, best, pair_cost)
        best.append(row)
        back.append((lo[i], row_back))
    return back, _touches_edge(back, lo, hi), sum(hi[i] - lo[i] + 1 for i in range(n + 1))


def _row(i: int, lo: list[int], hi: list[int], best: list[list[float]],
         pair_cost: dict) -> tuple[list[float], list[tuple[int, int, float] | None]]:
    """Row i of the table: the best cost into each of its cells and the move that gives it."""
    inf = math.inf
    row_lo = lo[i]
    row = [inf] * (hi[i] - row_lo + 1)
    row_back: list[tuple[int, int, float] | None] = [None] * len(row)
    for j in range(row_lo, hi[i] + 1):
        if i == 0 and j == 0:
            row[0] = 0.0
            continue
        here = inf
        step = None
        for di, dj, prior in MOVES:
            pi, pj = i - di, j - dj
            if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                continue
            before = (row[pj - row_lo] if pi == i else best[pi][pj - lo[pi]]) + prior
            if before >= here:  # inf, or no better whatever the content cost (>= 0, see bead_cost)
                continue
            content = pair_cost[di, dj](pi, pj) if di and dj else 0.0
            total = before + content
            if total < here:
                here = total
                step = (di, dj, content)
        row[j - row_lo] = here
        row_back[j - row_lo] = step
    return row, row_back


def _touches_edge(back: Back, lo: list[int], hi: list[int]) -> bool:
    """Whether the best path runs along the edge of the band (where it is not the table's)."""
    i, j = len(lo) - 1, hi[-1]
    m = j
    while i or j:
        if (j == lo[i] and j > 0) or (j == hi[i] and j < m):
            return True
        step = back[i][1][j - lo[i]]
        assert step is not None
        i, j = i - step[0], j - step[1]
    return False
