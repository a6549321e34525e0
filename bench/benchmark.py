"""How fast is the extractor? Prints numbers, asserts nothing.

    python bench/benchmark.py [--repeat N]

- cold start: wall time of `extractor --help` and `extractor extract FILE` in a new process
  (median of 5 runs each);
- throughput: articles/s and chars/s of `extract_bytes` over samples/*.txt plus the shared
  seed article, repeated N times in this process after one warm-up pass;
- peak RSS of this process and of its children (resource.getrusage).

Prints a small table, then one JSON line for scripts to collect.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "corpus" / "seed" / "000_d235a6b78ac9584e.txt"
RUNS = 5


def articles() -> list[Path]:
    found = sorted((REPO / "samples").glob("*.txt"))
    return ([SEED] if SEED.exists() else []) + found


def cli_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m extractor`."""
    script = Path(sys.executable).with_name("extractor")
    if script.exists():
        return [str(script)]
    found = shutil.which("extractor")
    return [found] if found else [sys.executable, "-m", "extractor"]


def cold_start(args: list[str], runs: int = RUNS) -> float:
    """Median wall seconds of a fresh process running ARGS."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput(paths: list[Path], repeat: int) -> dict[str, float]:
    from extractor.core import extract_bytes
    from extractor.decode import decode

    blobs = [p.read_bytes() for p in paths]
    chars = sum(len(decode(b).text) for b in blobs)
    start = time.perf_counter()
    for blob in blobs:  # warm-up: loads both pipelines and fills the caches
        extract_bytes(blob)
    warm_up = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        for blob in blobs:
            extract_bytes(blob)
    elapsed = time.perf_counter() - start
    n = repeat * len(blobs)
    return {
        "warm_up_s": warm_up,
        "articles": n,
        "seconds": elapsed,
        "articles_per_s": n / elapsed,
        "chars_per_s": repeat * chars / elapsed,
        "ms_per_article": 1000 * elapsed / n,
    }


def peak_rss_mib(who: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the articles (default 20)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    paths = articles()
    if not paths:
        parser.error(f"no articles under {REPO / 'samples'}")
    cli = cli_command()
    results: dict[str, object] = {
        "python": platform.python_version(),
        "articles_in_set": len(paths),
        "seed_included": SEED.exists(),
        "repeat": args.repeat,
        "cold_help_s": cold_start([*cli, "--help"]),
        "cold_extract_s": cold_start([*cli, "extract", str(paths[0])]),
    }
    results.update(throughput(paths, args.repeat))
    results["peak_rss_mib"] = peak_rss_mib(resource.RUSAGE_SELF)
    results["peak_rss_children_mib"] = peak_rss_mib(resource.RUSAGE_CHILDREN)

    rows = [
        ("cold start: extractor --help", f"{results['cold_help_s'] * 1000:.0f} ms (median of {RUNS})"),
        (f"cold start: extractor extract {paths[0].name}", f"{results['cold_extract_s'] * 1000:.0f} ms (median of {RUNS})"),
        ("warm-up pass (loads pipelines)", f"{results['warm_up_s'] * 1000:.0f} ms for {len(paths)} articles"),
        ("throughput", f"{results['articles_per_s']:.1f} articles/s, {results['chars_per_s']:,.0f} chars/s"),
        ("per article", f"{results['ms_per_article']:.1f} ms ({results['articles']} extractions)"),
        ("peak RSS (this process)", f"{results['peak_rss_mib']:.0f} MiB"),
        ("peak RSS (largest child)", f"{results['peak_rss_children_mib']:.0f} MiB"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
