"""How fast is `extractor batch`? Prints numbers, asserts nothing.

    python bench/batch_benchmark.py [--articles 10000] [--workers 1 2] [--db]

Builds a corpus of N articles by varying our own samples (samples/*.txt: every number in an
article is shifted, so no two articles are the same), then runs the batch (JSONL output, and
SQLite with --db) once per worker count and prints articles/s, characters/s and peak RSS per
worker process, sampled as the run goes (the first sample after warm-up, half-way, the peak, the last),
next to the floor: spaCy's blank 'en' and 'zh' tokenizers over the same text.
Prints a table, then one JSON line for scripts to collect.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"[0-9]{2,}")


def build_corpus(folder: Path, count: int) -> tuple[int, list[str]]:
    """COUNT articles under FOLDER (ten per sub-folder per sample); returns (chars, texts)."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    texts = []
    for i in range(count):
        base = samples[i % len(samples)]
        shift = 1 + i // len(samples)
        text = _NUMBER.sub(lambda m: str(int(m.group()) + shift * (1 + len(m.group()))), base)
        path = folder / f"{i // 1000:02d}" / f"article-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        texts.append(text)
    return sum(len(t) for t in texts), texts


def floor(texts: list[str]) -> dict[str, float]:
    """chars/s of spaCy's blank tokenizers: the least any spaCy pipeline can cost."""
    import spacy

    out = {}
    chars = sum(len(t) for t in texts)
    for lang in ("en", "zh"):
        nlp = spacy.blank(lang)
        start = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        out[lang] = chars / (time.perf_counter() - start)
    return out


def rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(folder: Path, workers: int, total: int, db: bool, out_dir: Path) -> dict[str, object]:
    from extractor.batch import run_batch, warm_up

    if workers == 1:
        warm_up()  # the worker is this process: load the pipelines before the clock starts
    samples: dict[int, list[float]] = {}
    every = max(1, total // 50)

    def sample(outcome, summary) -> None:
        if summary.done % every:
            return
        pids = [os.getpid()] if workers == 1 else children(os.getpid())
        for pid in pids:
            value = rss_mib(pid)
            if value is not None:
                samples.setdefault(pid, []).append(value)

    cpu_start = _cpu_seconds()
    summary = run_batch([str(folder)], out=out_dir / f"w{workers}.jsonl", db=out_dir / f"w{workers}.sqlite" if db else None,
                        workers=workers, on_outcome=sample)
    cpu = _cpu_seconds() - cpu_start  # this process and its (joined) workers
    per_worker = [v for v in samples.values() if len(v) >= 3]
    return {
        "workers": workers,
        "articles": summary.extracted,
        "errors": len(summary.errors),
        "seconds": summary.seconds,
        "articles_per_s": summary.extracted / summary.seconds,
        "chars_per_s": summary.chars / summary.seconds,
        # per CPU-second of all processes: what the run does on cores it has to itself
        "chars_per_cpu_s": summary.chars / cpu if cpu else None,
        # per worker: RSS at the first sample (after 2% of the run), half-way, the peak, the last
        "rss_first_mib": max(v[0] for v in per_worker) if per_worker else None,
        "rss_half_mib": max(v[len(v) // 2] for v in per_worker) if per_worker else None,
        "rss_peak_mib": max(max(v) for v in per_worker) if per_worker else None,
        "rss_last_mib": max(v[-1] for v in per_worker) if per_worker else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default 1 2)")
    parser.add_argument("--db", action="store_true", help="also write the SQLite database")
    args = parser.parse_args(argv)
    if args.articles < 1 or min(args.workers) < 1:
        parser.error("--articles and --workers must be at least 1")

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        corpus, out_dir = Path(tmp) / "corpus", Path(tmp)
        chars, texts = build_corpus(corpus, args.articles)
        base = floor(texts)
        del texts
        runs = [run(corpus, w, args.articles, args.db, out_dir) for w in args.workers]

    one = next((r for r in runs if r["workers"] == 1), None)
    print(f"corpus: {args.articles:,} articles, {chars:,} chars (varied samples/*.txt); "
          f"python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine slows wall-clock numbers)")
    print(f"{'':<26}{'articles/s':>11}{'chars/s':>11}{'vs w=1':>8}{'chars/CPU-s':>13}{'RSS/worker MiB first, half, peak, last':>41}")
    for r in runs:
        ratio = f"{r['chars_per_s'] / one['chars_per_s']:.2f}x" if one else "-"
        rss = (f"{r['rss_first_mib']:.0f}, {r['rss_half_mib']:.0f}, {r['rss_peak_mib']:.0f}, {r['rss_last_mib']:.0f}"
               if r["rss_peak_mib"] is not None else "-")
        per_cpu = f"{r['chars_per_cpu_s']:,.0f}" if r["chars_per_cpu_s"] else "-"
        print(f"{'batch workers=' + str(r['workers']):<26}{r['articles_per_s']:>11.1f}{r['chars_per_s']:>11,.0f}{ratio:>8}"
              f"{per_cpu:>13}{rss:>41}")
    for lang, value in base.items():
        print(f"{'floor: spaCy blank ' + lang:<26}{'':>11}{value:>11,.0f}")
    print(json.dumps({"articles": args.articles, "chars": chars, "floor_chars_per_s": base, "runs": runs},
                     sort_keys=True, default=lambda v: round(v, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
