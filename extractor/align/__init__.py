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

Modules: `units` (Unit, Link, AlignResult, repeats), `features` (what each unit offers the
cost), `glosses`, `scorer` (the bead cost), `dp` (the table, full or banded), `aligner` (align).
"""
from extractor.align.aligner import align
from extractor.align.features import length_ratio
from extractor.align.units import AlignResult, Link, Unit, repeats

__all__ = ["Unit", "Link", "AlignResult", "align", "length_ratio", "repeats"]
