"""The typed record model (extractor/model.py): an exact round trip, and one row per fact and language."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REAL_ARTICLES, build_sample_record, golden, real_record
from extractor.model import FIELDS, SPECS, Evidence, Facts, Record, Row, as_record, fact_rows
from extractor.render import to_json

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "bench" / "heldout"


@lru_cache(maxsize=None)
def _extracted(folder: Path) -> tuple[dict[str, Any], ...]:
    from extractor.core import extract_bytes

    return tuple(extract_bytes(p.read_bytes(), path=p.name) for p in sorted(folder.glob("*.txt")))


def records(which: str) -> tuple[dict[str, Any], ...]:
    if which == "golden":
        return tuple(json.loads(p.read_text(encoding="utf-8")) for p in sorted(golden.GOLDEN_DIR.glob("*.json")))
    if which == "samples":
        return tuple(real_record(stem)[1] for stem in REAL_ARTICLES)
    if which == "dev":
        from test_formats import dev_records  # extracted once for both modules

        return dev_records()
    return _extracted(HELDOUT)


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["golden", "samples", "heldout", "dev"])
def test_every_record_round_trips_byte_for_byte(which):
    for record in records(which):
        again = Record.from_dict(record).to_dict()
        assert again == record
        assert to_json(again) == to_json(record)  # key order too


def test_round_trip_with_explain_and_a_batch_id():
    from extractor import extract

    record = extract("Rivermouth Council hit by Play ransomware\n\nThe Play group stole 20 GB from Rivermouth "
                     "Council, which refused to pay.\n", explain=True).to_dict()
    record["source"]["id"] = "line-7"
    model = Record.from_dict(record)
    assert to_json(model.to_dict()) == to_json(record)
    model.to_dict()["explain"]["actor"]["value"] = "changed"
    assert model.explain == record["explain"]  # the model keeps its own copy


def _dict(parts: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """fixed_dictionaries, keys in the order given (as the core writes them)."""
    return st.fixed_dictionaries(parts).map(lambda d: {k: d[k] for k in parts})


def _evidence(lang: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
    return _dict({
        "lang": st.just(lang) if lang else st.sampled_from(["en", "zh"]),
        "segment": st.sampled_from(["p0", "p3", "p12"]), "start": st.integers(0, 500), "end": st.integers(0, 500),
        "text": st.text(max_size=8), "sentence": st.text(max_size=20), "rule": st.sampled_from(["r1", "zh_r2"]),
        "score": st.sampled_from([0.5, 0.95, 1.0])})


_TEXT = st.none() | st.text(max_size=6)
_ENTITY = _dict({"en": _TEXT, "zh": _TEXT, "evidence": st.lists(_evidence(), max_size=4)})


def _quantity(key: str) -> st.SearchStrategy[dict[str, Any]]:
    def side(lang: str) -> st.SearchStrategy[dict[str, Any] | None]:
        return st.none() | _dict({
            "text": st.text(min_size=1, max_size=6), key: st.integers(0, 10**13) | st.floats(0, 1e13),
            "qualifier": st.sampled_from(["approx", "more_than", "up_to", "exact"]), "evidence": _evidence(lang)})

    return _dict({"en": side("en"), "zh": side("zh")})


def _labelled(key: str, values: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return _dict({"en": _TEXT, "zh": _TEXT, key: st.sampled_from(values),
                                  "evidence": st.lists(_evidence(), max_size=3)})


FACTS = _dict({
    "actor": st.lists(_ENTITY, max_size=2),
    "victim": st.lists(_ENTITY, max_size=2),
    "data_size": st.none() | _quantity("bytes"),
    "record_count": st.none() | _quantity("value"),
    "data_types": st.lists(_labelled("category", ["health", "financial", "other"]), max_size=3),
    "encryption": st.sampled_from([None, True, False]),
    "ransom": st.sampled_from([None, "demanded", "refused", "paid"]),
    "country": st.none() | _labelled("code", ["DK", "SG"]),
    "sector": st.none() | _labelled("norm", ["finance", "healthcare"]),
})
FACT_EVIDENCE = _dict({"encryption": st.lists(_evidence(), max_size=3),
                                       "ransom": st.lists(_evidence(), max_size=3)})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FACTS, FACT_EVIDENCE)
def test_any_facts_round_trip_and_give_a_row_per_stated_side(facts, fact_evidence):
    model = Facts.from_dict(facts, fact_evidence)
    assert json.dumps(model.to_dict()) == json.dumps(facts)
    assert json.dumps(model.fact_evidence()) == json.dumps(fact_evidence)
    rows = list(model.rows())
    expected = 0
    for spec in SPECS:
        value = facts[spec.field]
        if spec.kind == "verdict":
            langs = {e["lang"] for e in fact_evidence[spec.field]}
            expected += 0 if value is None else max(1, len(langs))
        elif spec.kind == "quantity":
            expected += sum(1 for lang in ("en", "zh") if value and value[lang])
        else:
            expected += sum(1 for item in (value or []) if spec.many for lang in ("en", "zh") if item[lang])
            expected += sum(1 for lang in ("en", "zh") if not spec.many and value and value[lang])
    assert len(rows) == expected
    assert [r.field for r in rows] == sorted((r.field for r in rows), key=[s.row for s in SPECS].index)


# --- the uniform shape -------------------------------------------------------------------------


def test_every_fact_has_a_side_per_language_with_its_own_evidence():
    facts = Record.from_dict(build_sample_record()).facts
    size = facts.data_size
    assert size is not None and size.field == "data_size"
    assert (size.en.number, size.zh.number) == (1.3e12, 1.2e12) and size.value == 1.3e12
    assert size.en.qualifier == "approx" and size.best is size.en
    assert [e.lang for e in size.en.evidence] == ["en"] and [e.lang for e in size.zh.evidence] == ["zh"]
    victim = facts.victim[0]
    assert (victim.en.text, victim.zh.text, victim.value) == ("Nordic Care Hospitals", "北歐醫療集團", "Nordic Care Hospitals")
    assert victim.zh.value == victim.value and victim.pair == "Nordic Care Hospitals / 北歐醫療集團"
    assert facts.country is not None and facts.country.value == "DK" and facts.country.zh.text == "丹麥"
    assert [d.value for d in facts.data_types] == ["national_id", "health"]
    assert facts.encryption.value is True and facts.encryption.zh.text == "伺服器遭加密"
    assert isinstance(facts.ransom.evidence[0], Evidence)


def test_a_verdict_keeps_its_evidence_when_it_has_no_value():
    facts = Facts.from_dict({"encryption": None}, {"encryption": [{"lang": "en", "text": "did not say"}]})
    assert facts.encryption.value is None and facts.encryption.evidence[0].text == "did not say"
    assert list(facts.rows()) == []
    assert facts.fact_evidence()["encryption"][0]["text"] == "did not say"


def test_rows_of_the_sample_record():
    rows = fact_rows(build_sample_record())
    assert all(isinstance(r, Row) for r in rows)
    assert [(r.field, r.lang) for r in rows][:4] == [("actor", "en"), ("actor", "zh"), ("victim", "en"), ("victim", "zh")]
    size = [r for r in rows if r.field == "data_size"]
    assert [(r.lang, r.text, r.value, r.number, r.qualifier) for r in size] == [
        ("en", "about 1.3 TB", 1.3e12, 1.3e12, "approx"), ("zh", "約1.2TB", 1.2e12, 1.2e12, "approx")]
    types = [(r.index, r.lang, r.value) for r in rows if r.field == "data_type"]
    assert types == [(0, "en", "national_id"), (0, "zh", "national_id"), (1, "en", "health"), (1, "zh", "health")]
    ransom = [r for r in rows if r.field == "ransom"]
    assert [(r.lang, r.text, r.value) for r in ransom] == [("en", "refused to pay", "refused"), ("zh", "拒絕支付", "refused")]
    assert ransom[0].evidence is not None and ransom[0].evidence.rule == "ransom.cue.v1"


def test_a_verdict_with_no_evidence_is_one_row_with_no_language():
    rows = list(Facts.from_dict({"ransom": "paid"}, {}).rows())
    assert [(r.field, r.lang, r.text, r.value, r.evidence) for r in rows] == [("ransom", None, None, "paid", None)]


def test_partial_records_read_as_empty():
    model = as_record({"languages": ["zh-Hans"], "facts": {"country": {"code": "SG"}}})
    assert model.languages == ("zh-Hans",) and model.facts.country is not None and model.facts.country.value == "SG"
    assert model.facts.actor == () and model.facts.data_size is None and model.facts.ransom.value is None
    assert as_record(model) is model


def test_fields_follow_the_schema():
    from extractor.model import schema

    assert list(FIELDS) == list(schema()["properties"]["facts"]["properties"])
    assert list(schema()["properties"]["fact_evidence"]["properties"]) == [s.field for s in SPECS if s.kind == "verdict"]


def test_model_is_frozen():
    model = Record.from_dict(build_sample_record())
    with pytest.raises(AttributeError):
        model.facts.victim[0].en.text = "x"  # type: ignore[misc]
    assert hash(model.facts.victim[0]) == hash(Record.from_dict(build_sample_record()).facts.victim[0])


def test_import_is_light():
    code = "import sys, extractor.model, extractor.formats; print('spacy' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
