"""Rebuild the real development set's scorer corpora from the retrieved page texts.

    python bench/real/build.py            # raw/ -> corpus/ (development half) and test/ (held out)
    python bench/real/build.py --check    # also run the shared gold checker on both

The article texts are not ours and are never committed. What is committed is what lets anyone
rebuild the set: `cases-*.jsonl` (where each text came from: URL, the query that found it in
the stored-pages corpus, the SHA-256 of the text as retrieved) and `gold-*.jsonl` (the
annotation, in the format of ../shared/corpus/README.md). The retrieved texts live in `raw/`
(git-ignored): `raw/<id>.txt` for a one-language article, `raw/<id>.en.txt` and
`raw/<id>.zh.txt` for the two sides of a pair. See README.md for how to retrieve them again.

The conversion changes no character inside a line, so gold strings stay verbatim: line
endings become LF, trailing spaces are dropped, blank lines are dropped (one paragraph per
line, as the scorer counts paragraphs), and a pair is written English side first, then the
Chinese side. Page clutter (menus, share buttons, footers) is kept on purpose: real input has it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = {"dev": HERE / "corpus", "test": HERE / "test"}
CHECKER = HERE.parents[2] / "shared" / "corpus" / "dev" / "check_gold.py"


def read_jsonl(pattern: str) -> list[dict]:
    out = []
    for path in sorted(HERE.glob(pattern)):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    sys.exit(f"{path.name}:{n}: not JSON: {e}")
    return out


def convert(raw: str) -> str:
    lines = (line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line.strip()) + "\n"


def raw_text(case: dict, part: dict) -> str | None:
    """The retrieved text of one part, or None when it is missing or not what was retrieved."""
    name = f"{case['id']}.{part['lang']}.txt" if len(case["parts"]) > 1 else f"{case['id']}.txt"
    path = HERE / "raw" / name
    if not path.exists():
        print(f"{case['id']}: missing raw/{name} (retrieve it: see README.md)", file=sys.stderr)
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != part["sha256"]:
        print(f"{case['id']}: raw/{name} is not the text that was annotated (sha256 differs)", file=sys.stderr)
        return None
    return data.decode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="run the shared gold checker on the result")
    args = ap.parse_args()
    cases = {c["id"]: c for c in read_jsonl("cases-*.jsonl")}
    gold = read_jsonl("gold-*.jsonl")
    out: dict[str, list[str]] = {split: [] for split in SPLITS}
    missing = 0
    for g in gold:
        case = cases.get(g["id"])
        if case is None:
            print(f"{g['id']}: gold without a case line", file=sys.stderr)
            missing += 1
            continue
        texts = [raw_text(case, part) for part in sorted(case["parts"], key=lambda p: p["lang"] != "en")]
        if any(t is None for t in texts):
            missing += 1
            continue
        folder = SPLITS[case["split"]]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{case['id']}.txt").write_text("".join(convert(t) for t in texts), encoding="utf-8")
        out[case["split"]].append(json.dumps({**g, "file": f"{case['id']}.txt"}, ensure_ascii=False))
    for split, folder in SPLITS.items():
        if out[split]:
            (folder / "gold.jsonl").write_text("\n".join(out[split]) + "\n", encoding="utf-8")
        print(f"{split}: {len(out[split])} articles in {folder.relative_to(HERE.parents[1])}")
    if args.check and CHECKER.exists():
        for folder in SPLITS.values():
            if (folder / "gold.jsonl").exists():
                subprocess.run([sys.executable, str(CHECKER), str(folder)], check=False)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
