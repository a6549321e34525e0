"""A Simplified Chinese version of an article gives the same record as the Traditional one."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from extractor.core import extract_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.txt"))
T2S = opencc.OpenCC("t2s")


def _summary(record: dict, convert=lambda s: s) -> dict:
    facts = record["facts"]
    conv = lambda v: convert(v) if isinstance(v, str) else v  # noqa: E731
    pick = lambda side, key: side and side[key]  # noqa: E731
    return {
        "actor": [(a["en"], conv(a["zh"])) for a in facts["actor"]],
        "victim": [(v["en"], conv(v["zh"])) for v in facts["victim"]],
        "size": facts["data_size"] and {k: pick(v, "bytes") for k, v in facts["data_size"].items()},
        "count": facts["record_count"] and {k: pick(v, "value") for k, v in facts["record_count"].items()},
        "types": sorted((t["en"] or "", conv(t["zh"]) or "") for t in facts["data_types"]),
        "encryption": facts["encryption"],
        "ransom": facts["ransom"],
        "country": facts["country"] and facts["country"]["code"],
        "sector": facts["sector"] and facts["sector"]["norm"],
    }


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_simplified_copy_gives_the_same_facts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    simplified = T2S.convert(text)
    assert len(simplified) == len(text)
    traditional_record = extract_text(text)
    simplified_record = extract_text(simplified)
    langs = simplified_record["languages"]
    assert "zh-Hans" in langs and "zh-Hant" not in langs
    assert _summary(simplified_record) == _summary(traditional_record, T2S.convert)
