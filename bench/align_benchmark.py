"""How long does paragraph alignment take on long documents? Prints numbers, asserts nothing.

    python bench/align_benchmark.py [--pairs 1000 3000 10000] [--full-upto N] [--extract]

For each size: a synthetic bilingual document of that many paragraph pairs (tests/test_align.py's
`synthetic_document`: paragraphs left untranslated, two merged into one, editor's notes on the
Chinese side), aligned with extractor.align.align. Prints paragraphs on each side, seconds,
DP cells filled, cells per paragraph, and whether every link and orphan is the expected one.
`--full-upto N` also times the full n*m table for sizes up to N pairs (it is quadratic).
`--extract` also times the whole pipeline (extract_text) on the document as one text.
Then one JSON line for scripts to collect.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--full-upto", type=int, default=0, help="also run the full table up to this size")
    parser.add_argument("--extract", action="store_true", help="also time extract_text on each document")
    args = parser.parse_args()
    from test_align import synthetic_document

    import extractor.align as align_module
    from extractor.align import aligner

    rows = []
    for pairs in args.pairs:
        en, zh, links, en_orphans, zh_orphans = synthetic_document(pairs)
        start = time.perf_counter()
        result = align_module.align(en, zh)
        seconds = time.perf_counter() - start
        correct = ([(link.en, link.zh) for link in result.links] == links
                   and result.en_orphans == en_orphans and result.zh_orphans == zh_orphans)
        row = {"pairs": pairs, "en": len(en), "zh": len(zh), "seconds": round(seconds, 3), "cells": result.cells,
               "cells_per_paragraph": round(result.cells / (len(en) + len(zh)), 1), "correct": correct}
        line = (f"{pairs:>6} pairs  {len(en):>6} en {len(zh):>6} zh  {seconds:7.2f} s  {result.cells:>10,} cells"
                f"  {row['cells_per_paragraph']:6.1f} cells/paragraph  {'correct' if correct else 'DIFFERS'}")
        if pairs <= args.full_upto:
            saved, aligner.FULL_DP_CELLS = aligner.FULL_DP_CELLS, 10**12
            try:
                start = time.perf_counter()
                full = align_module.align(en, zh)
                row["full_seconds"] = round(time.perf_counter() - start, 3)
                row["full_cells"] = full.cells
            finally:
                aligner.FULL_DP_CELLS = saved
            line += f"  | full table {row['full_seconds']:7.2f} s {full.cells:>12,} cells"
        if args.extract:
            from extractor.core import extract_text

            text = "\n\n".join(u.text for u in en) + "\n\n" + "\n\n".join(u.text for u in zh) + "\n"
            start = time.perf_counter()
            extract_text(text)
            row["extract_seconds"] = round(time.perf_counter() - start, 3)
            line += f"  | extract_text {row['extract_seconds']:7.2f} s ({len(text):,} chars)"
        rows.append(row)
        print(line, flush=True)
    print(json.dumps({"align": rows}))


if __name__ == "__main__":
    main()
