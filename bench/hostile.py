"""How long does hostile text take? Prints numbers, asserts nothing.

    python bench/hostile.py [--scale F]

For each pathological input (the cases of tests/test_hostile.py, sizes multiplied by F) and
for ordinary bilingual prose of similar length: characters, seconds, microseconds per
character. Then one JSON line for scripts to collect.
"""
from __future__ import annotations

import argparse
import json
import time

CASES = {
    "prose": lambda n: ("The ransomware gang Qilin said it stole 420 GB of files from Kestrel Freight Ltd in "
                        "Singapore, including passport scans of 12,000 staff.\n\n"
                        "勒索軟體集團Qilin表示，已從新加坡物流公司竊取420GB檔案，包括1.2萬名員工的護照掃描。\n\n") * (n // 200),
    "token-repeat": lambda n: "ransomware " * (n // 11),
    "digits": lambda n: "7" * n,
    "dots": lambda n: "." * n,
    "spaces": lambda n: "Hackers" + " " * n + "stole data.",
    "brackets": lambda n: "[(" * (n // 2),
    "zh-line": lambda n: "資料外洩駭客攻擊醫院集團" * (n // 12),
    "dot-dot-slash": lambda n: "..//" * (n // 4),
    "many-paragraphs": lambda n: "Acme was hit.\n\n駭客攻擊公司。\n\n" * (n // 300),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    args = parser.parse_args()
    from extractor.core import extract_text

    extract_text("Warm up: Akira hit Acme Corp.\n\n駭客攻擊公司。")
    size = int(200_000 * args.scale)
    rows = []
    for name, make in CASES.items():
        text = make(size)
        start = time.perf_counter()
        extract_text(text)
        seconds = time.perf_counter() - start
        rows.append({"case": name, "chars": len(text), "seconds": round(seconds, 3),
                     "us_per_char": round(seconds / max(len(text), 1) * 1e6, 2)})
        print(f"{name:16} {len(text):>9,} chars {seconds:8.2f} s {rows[-1]['us_per_char']:8.2f} us/char", flush=True)
    print(json.dumps({"hostile": rows}))


if __name__ == "__main__":
    main()
