"""Golden records: the whole JSON record for each real article, compared byte for byte.

tests/golden/<stem>.json is written by `python scripts/update_golden.py`. When a change to the
extractor changes a record on purpose, review the diff this test prints, rerun the script and
commit the new golden files with the change. The last test checks the seed article against
the acceptance criteria of its issue, independently of what the golden file says.
"""
from __future__ import annotations

import difflib
import json
from typing import Any

import pytest

from conftest import REAL_ARTICLES, SEED_STEM, golden, real_record, without_evidence
from extractor.render import to_json

UPDATE = "python scripts/update_golden.py"
MAX_DIFF_LINES = 60


def _compact_diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """Which top-level keys changed, then a unified diff of the facts without their evidence."""
    changed = [k for k in dict.fromkeys([*expected, *actual]) if expected.get(k) != actual.get(k)]
    lines = [f"changed keys: {', '.join(changed)}"]
    old = to_json(without_evidence(expected.get("facts"))).splitlines()
    new = to_json(without_evidence(actual.get("facts"))).splitlines()
    label = "facts"
    if old == new and "facts" in changed:  # only the evidence changed: show that instead
        old, new = to_json(expected.get("facts")).splitlines(), to_json(actual.get("facts")).splitlines()
        label = "facts with evidence"
    facts_diff = list(difflib.unified_diff(old, new, f"golden {label}", f"current {label}", n=1, lineterm=""))
    lines += facts_diff[:MAX_DIFF_LINES]
    if len(facts_diff) > MAX_DIFF_LINES:
        lines.append(f"... {len(facts_diff) - MAX_DIFF_LINES} more lines")
    return "\n".join(lines)


@pytest.mark.parametrize("stem", list(REAL_ARTICLES))
def test_record_matches_its_golden_file(stem: str) -> None:
    _, record = real_record(stem)  # skips when the article is not on this machine
    path = golden.GOLDEN_DIR / f"{stem}.json"
    assert path.exists(), f"no golden file {path.name}; run `{UPDATE}` and commit it"
    expected_text = path.read_text(encoding="utf-8")
    actual_text = to_json(record)
    if actual_text != expected_text:
        pytest.fail(
            f"{golden.display_path(REAL_ARTICLES[stem])}: the record differs from tests/golden/{path.name}\n"
            f"{_compact_diff(json.loads(expected_text), record)}\n"
            f"If the change is intended, review it and run `{UPDATE}`.",
            pytrace=False,
        )


def test_every_golden_file_belongs_to_an_article() -> None:
    orphans = sorted(p.name for p in golden.GOLDEN_DIR.glob("*.json") if p.stem not in REAL_ARTICLES)
    assert orphans == [], f"golden files without an article: {orphans}; delete them"


def test_golden_files_name_repo_relative_paths() -> None:
    for path in sorted(golden.GOLDEN_DIR.glob("*.json")):
        source_path = json.loads(path.read_text(encoding="utf-8"))["source"]["path"]
        assert source_path == golden.display_path(REAL_ARTICLES[path.stem]), path.name
        assert not source_path.startswith("/"), path.name


# --- the seed article's acceptance criteria ------------------------------------------------------


def _pairs(items: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    return [(item["en"], item["zh"]) for item in items]


def test_seed_meets_its_acceptance_criteria() -> None:
    _, record = real_record(SEED_STEM)  # skips without /work/shared
    facts = record["facts"]
    problems: list[str] = []

    def check(what: str, ok: bool, got: Any) -> None:
        if not ok:
            problems.append(f"{what}: got {got!r}")

    check("actor is FulcrumSec / FulcrumSec", _pairs(facts["actor"]) == [("FulcrumSec", "FulcrumSec")], _pairs(facts["actor"]))
    check("victim is Novo Nordisk / 諾和諾德", _pairs(facts["victim"]) == [("Novo Nordisk", "諾和諾德")], _pairs(facts["victim"]))
    size = facts["data_size"] or {}
    for lang in ("en", "zh"):
        side = size.get(lang) or {}
        check(f"data_size.{lang} is approx 1.3e12 bytes", (side.get("bytes"), side.get("qualifier")) == (1.3e12, "approx"),
              (side.get("bytes"), side.get("qualifier")))
    types = _pairs(facts["data_types"])
    check("data_types pairs clinical trial records with 臨床試驗記錄", ("clinical trial records", "臨床試驗記錄") in types, types)
    check("data_types pairs (artificial intelligence | AI) research assets with 人工智能研究資產",
          any(pair in types for pair in [("AI research assets", "人工智能研究資產"),
                                          ("artificial intelligence research assets", "人工智能研究資產")]), types)
    check("encryption is false", facts["encryption"] is False, facts["encryption"])
    check("ransom is refused", facts["ransom"] == "refused", facts["ransom"])
    country = facts["country"] or {}
    check("country code is DK", country.get("code") == "DK", country.get("code"))
    sector = facts["sector"] or {}
    check("sector is pharmaceutical / 製藥", (sector.get("en"), sector.get("zh")) == ("pharmaceutical", "製藥"),
          (sector.get("en"), sector.get("zh")))
    check("13 alignment links", len(record["alignment"]) == 13, len(record["alignment"]))
    check("no inconsistencies", record["inconsistencies"] == [], record["inconsistencies"])
    assert problems == [], "seed acceptance criteria not met:\n  " + "\n  ".join(problems)
