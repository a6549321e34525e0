"""The cost of a bead (see extractor.align): length, anchors and headings, in nats
(confidence = exp(-content cost))."""
from __future__ import annotations

import math

from extractor.align.features import LONG_VOCABULARY_SLACK, anchors, features, ratio_of, shared_vocabulary, words
from extractor.align.glosses import glossed, with_glosses
from extractor.align.units import Unit, nfkc
from extractor.numbers import Quantities

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


class Scorer:
    """The cost of every bead the DP may ask about, from each unit's features computed once."""

    def __init__(self, en: list[Unit], zh: list[Unit], quantities: Quantities, ratio: float | None = None,
                 texts: tuple[list[str], list[str]] | None = None, *, long: bool = False) -> None:
        """`texts`: the units' texts NFKC-normalised, when the caller has them; `long`: a long
        document (a banded DP), whose vocabulary tolerates a few untranslated paragraphs."""
        en_texts, zh_texts = texts if texts is not None else ([nfkc(u.text) for u in en], [nfkc(u.text) for u in zh])
        self.en = [features(u, "en", quantities, text) for u, text in zip(en, en_texts)]
        forms, present = glossed(zh, en, zh_texts)
        self.zh = [with_glosses(features(u, "zh", quantities, text), names, forms)
                   for u, text, names in zip(zh, zh_texts, present)]
        en_words, zh_words = [words(f) for f in self.en], [words(f) for f in self.zh]
        vocabulary = shared_vocabulary(en_words, zh_words, LONG_VOCABULARY_SLACK if long else 0.0)
        self.en_anchors = [anchors(f, w, vocabulary) for f, w in zip(self.en, en_words)]
        self.zh_anchors = [anchors(f, w, vocabulary) for f, w in zip(self.zh, zh_words)]
        self.ratio = ratio if ratio is not None else ratio_of(self.en, self.zh)
        self._per_unit()

    def _per_unit(self) -> None:
        """The per-unit numbers the cost function reads, computed once (the DP asks ~3 costs a cell)."""
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
        return bead_cost(en_len, predicted, en_anchors, zh_anchors, heading)

    # The three shapes the DP asks for, without building ranges; the same numbers as
    # content_cost (a sum of one or two floats is the same float either way).
    def cost_1_1(self, i: int, j: int) -> float:
        heading = (self.en_heading[i] and self.zh_prose[j]) or (self.zh_heading[j] and self.en_prose[i])
        return bead_cost(self.en_len[i], self.zh_pred[j], self.en_anchors[i], self.zh_anchors[j], heading)

    def cost_2_1(self, i: int, j: int) -> float:
        heading = self.en_heading[i] or self.en_heading[i + 1] or self.zh_heading[j]
        return bead_cost(self.en_len[i] + self.en_len[i + 1], self.zh_pred[j],
                         self.en_anchors[i] | self.en_anchors[i + 1], self.zh_anchors[j], heading)

    def cost_1_2(self, i: int, j: int) -> float:
        heading = self.en_heading[i] or self.zh_heading[j] or self.zh_heading[j + 1]
        return bead_cost(self.en_len[i], self.zh_pred[j] + self.zh_pred[j + 1],
                         self.en_anchors[i], self.zh_anchors[j] | self.zh_anchors[j + 1], heading)


def bead_cost(en_len: float, predicted: float, en_anchors: frozenset[str], zh_anchors: frozenset[str],
              heading: bool) -> float:
    """Length cost + anchor cost + heading cost of one bead (see the module docstring). Never
    negative (each part is not), which lets dp skip a move that could not win anyway."""
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
MOVES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (2, 1, MERGE_COST),
    (1, 2, MERGE_COST),
    (1, 0, ORPHAN_COST),
    (0, 1, ORPHAN_COST),
)
