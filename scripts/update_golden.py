"""Regenerate the golden records under tests/golden/ from the current extractor.

    python scripts/update_golden.py

One file per article: tests/golden/<stem>.json is `render.to_json` of the record for
samples/<stem>.txt (and for the shared seed article when /work/shared is present), with
source.path set to the article's repo-relative path so the files do not depend on where the
checkout lives. tests/test_golden.py compares them byte for byte: review `git diff
tests/golden` before committing what this script writes.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_d235a6b78ac9584e.txt"
GOLDEN_DIR = REPO / "tests" / "golden"


def articles() -> dict[str, Path]:
    """Golden-file stem -> article path, the seed first; the seed is listed even when absent."""
    found = {SEED.stem: SEED}
    found.update((p.stem, p) for p in sorted((REPO / "samples").glob("*.txt")))
    return found


def display_path(path: Path) -> str:
    """The path written into source.path: 'samples/<name>' or 'seed/<name>'."""
    return f"{path.parent.name}/{path.name}"


def golden_json(path: Path) -> str:
    """The golden text for one article: exactly what the library renders today."""
    from extractor.core import extract_bytes
    from extractor.render import to_json

    return to_json(extract_bytes(path.read_bytes(), path=display_path(path)))


def main(argv: list[str] | None = None) -> int:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for stem, path in articles().items():
        target = GOLDEN_DIR / f"{stem}.json"
        if not path.exists():
            print(f"skipped {display_path(path)} (not found; keeping {target.name} as is)", file=sys.stderr)
            continue
        text = golden_json(path)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != text:
            target.write_text(text, encoding="utf-8", newline="\n")
        state = "unchanged" if old == text else ("new" if old is None else "updated")
        print(f"{state:9} {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
