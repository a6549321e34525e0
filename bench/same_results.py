"""Do two versions of the code give the same outputs? Prints one hash per corpus and output kind.

    python bench/same_results.py                      # hashes, one line each, then a JSON line
    python bench/same_results.py --save /tmp/before   # also keep every output, to diff later
    python bench/same_results.py --compare /tmp/before  # name the outputs that differ from a save
    python bench/same_results.py --facts-only ...     # hash what a record says, not its shape

Run it before and after a change that should not change results ("same results" commits) and
compare the lines. What it covers:

- records, in process (`extract_bytes`) and with `--explain`, of `samples/`, `bench/heldout/`,
  the shared dev corpus, the seed and a varied benchmark corpus (`--articles`, default 400,
  built as `bench/batch_benchmark.py` builds its own);
- the same records through `extractor batch` (JSONL, and the SQLite facts, inconsistencies and
  errors tables without their timestamps) with one and two workers;
- every `--format` of `extractor extract` on the samples and the dev corpus, and
  `extractor check --format json` on the bilingual dev files.

`--facts-only` hashes, for each record, only the facts, their evidence offsets, the segments,
the alignment and the inconsistencies: for a change that alters the record's shape on purpose
(`schema_version`), this shows that what the records say did not change.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "bench"))

FORMATS = ("json", "csv", "stix", "misp", "markdown", "table")


def corpora(work: Path, articles: int) -> dict[str, list[Path]]:
    from batch_benchmark import build_corpus

    found = {
        "samples": sorted((REPO / "samples").glob("*.txt")),
        "heldout": sorted((REPO / "bench" / "heldout").glob("*.txt")),
        "dev": sorted((SHARED / "dev").glob("*.txt")),
        "seed": sorted((SHARED / "seed").glob("*.txt")),
    }
    if articles:
        build_corpus(work / "varied", articles)
        found["varied"] = sorted((work / "varied").rglob("*.txt"))
    return {name: paths for name, paths in found.items() if paths}


def facts_only(record: dict) -> dict:
    """What a record says: facts with their evidence, segments, alignment, inconsistencies."""
    keep = ("segments", "alignment", "facts", "fact_evidence", "inconsistencies", "layout", "languages")
    return {k: record.get(k) for k in keep}


def canonical(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")


def relative(path: str | None) -> str | None:
    """Paths as given on the command line differ between runs: keep the name below the corpus."""
    return None if path is None else Path(path).name


def run(argv: list[str], cwd: Path = REPO) -> bytes:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "PYTHONHASHSEED": "0"}
    done = subprocess.run(argv, cwd=cwd, capture_output=True, env=env)
    return done.stdout + b"\n--exit %d--\n" % done.returncode


def in_process(paths: list[Path], explain: bool, only_facts: bool) -> dict[str, bytes]:
    from extractor.core import extract_bytes

    out = {}
    for p in paths:
        record = extract_bytes(p.read_bytes(), path=p.name, explain=explain)
        out[p.name] = canonical(facts_only(record) if only_facts else record)
    return out


def through_batch(paths: list[Path], workers: int, work: Path, only_facts: bool) -> dict[str, bytes]:
    exe = str(Path(sys.executable).with_name("extractor"))
    folder = work / f"batch-in-{workers}"
    folder.mkdir(parents=True, exist_ok=True)
    for p in paths:  # one flat folder: names are unique within a corpus
        (folder / p.name).write_bytes(p.read_bytes())
    jsonl, db = work / f"batch-{workers}.jsonl", work / f"batch-{workers}.sqlite"
    for f in (jsonl, db):
        f.unlink(missing_ok=True)
    subprocess.run([exe, "batch", str(folder), "--out", str(jsonl), "--db", str(db), "--quiet",
                    "--workers", str(workers)], check=False, capture_output=True)
    out = {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec["source"]["path"] = relative(rec["source"].get("path"))
        out["jsonl:" + rec["source"]["path"]] = canonical(facts_only(rec) if only_facts else rec)
    con = sqlite3.connect(db)
    names = dict(con.execute("SELECT id, path FROM articles"))
    for table in ("facts", "inconsistencies", "errors"):
        rows = sorted([repr(x) for x in (relative(names[r[0]]), *r[1:])] for r in con.execute(f"SELECT * FROM {table}"))
        out[f"sqlite:{table}"] = canonical(rows)
    con.close()
    return out


def renderings(paths: list[Path], work: Path) -> dict[str, bytes]:
    exe = str(Path(sys.executable).with_name("extractor"))
    folder = work / "render"
    folder.mkdir(parents=True, exist_ok=True)
    local = []
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
        local.append(p.name)
    out = {}
    for fmt in FORMATS:
        out[f"extract --format {fmt}"] = run([exe, "extract", *local, "--format", fmt], cwd=folder)
    out["extract --explain --format table"] = run([exe, "extract", *local, "--explain", "--format", "table"], cwd=folder)
    jobs = {f"check {name}": [exe, "check", name, "--format", "json"] for name in local}
    jobs.update({f"check-table {name}": [exe, "check", name, "--format", "table"] for name in local[:4]})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = dict(zip(jobs, pool.map(lambda argv: run(argv, cwd=folder), jobs.values())))
    return {**out, **done}


def digest(items: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for key in sorted(items):
        h.update(key.encode("utf-8") + b"\0" + items[key] + b"\0")
    return h.hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400, help="size of the varied corpus (0: none)")
    ap.add_argument("--save", type=Path, help="keep every output under this folder")
    ap.add_argument("--compare", type=Path, help="name the outputs that differ from a --save")
    ap.add_argument("--facts-only", action="store_true", help="hash what records say, not their shape")
    ap.add_argument("--quick", action="store_true", help="in-process records only (no batch, no CLI)")
    args = ap.parse_args()

    summary = {}
    differ = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        found = corpora(work, args.articles)
        results: dict[str, dict[str, bytes]] = {}
        for name, paths in found.items():
            results[f"{name}/records"] = in_process(paths, False, args.facts_only)
            if name in ("samples", "dev", "heldout"):
                results[f"{name}/explain"] = in_process(paths, True, args.facts_only)
            if args.quick:
                continue
            for workers in (1, 2):
                if name == "varied" or workers == 1:
                    results[f"{name}/batch-w{workers}"] = through_batch(paths, workers, work / name, args.facts_only)
            if name in ("samples", "dev") and not args.facts_only:
                results[f"{name}/cli"] = renderings(paths, work / name)
        for key, items in results.items():
            summary[key] = digest(items)
            print(f"{key:24} {len(items):5d} outputs  {summary[key]}")
            if args.save:
                folder = args.save / key
                folder.mkdir(parents=True, exist_ok=True)
                for item, data in items.items():
                    (folder / hashlib.sha1(item.encode()).hexdigest()).write_bytes(item.encode() + b"\n" + data)
            if args.compare:
                folder = args.compare / key
                for item, data in items.items():
                    saved = folder / hashlib.sha1(item.encode()).hexdigest()
                    if not saved.exists() or saved.read_bytes() != item.encode() + b"\n" + data:
                        differ.append(f"{key} {item}")
    print(json.dumps(summary, sort_keys=True))
    if args.compare:
        for d in differ:
            print(f"differs: {d}")
        print(f"{len(differ)} output(s) differ from {args.compare}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
