"""The record schema: valid itself, accepts a realistic record, rejects drift."""
from __future__ import annotations

import copy
import json
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import ARTICLE
from extractor import render


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(render.schema())


def errors(validator: Draft202012Validator, record: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = render.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_is_loaded_from_package_data_once() -> None:
    on_disk = json.loads((files("extractor") / "schema" / "record.schema.json").read_text(encoding="utf-8"))
    assert render.schema() == on_disk
    assert render.schema() is render.schema()


def test_sample_record_validates(validator: Draft202012Validator, sample_record: dict[str, Any]) -> None:
    assert errors(validator, sample_record) == []


def test_sample_evidence_points_into_the_article(sample_record: dict[str, Any]) -> None:
    """Keeps the hand-written sample honest: offsets index the decoded text."""
    facts = sample_record["facts"]
    spans = [ev for field in ("actor", "victim", "data_types", "country", "sector")
             for item in (facts[field] if isinstance(facts[field], list) else [facts[field]])
             for ev in item["evidence"]]
    spans += [facts[f][side]["evidence"] for f in ("data_size", "record_count") for side in ("en", "zh")]
    spans += [ev for evs in sample_record["fact_evidence"].values() for ev in evs]
    assert len(spans) == 20
    for ev in spans:
        assert ARTICLE[ev["start"]:ev["end"]] == ev["text"]
        assert ev["text"] in ev["sentence"]


def test_minimal_single_language_record_validates(validator: Draft202012Validator, sample_record: dict[str, Any]) -> None:
    record = sample_record
    record.update(languages=["en"], layout="en-only", alignment=[], inconsistencies=[], warnings=["no Chinese text"])
    record["facts"].update(actor=[], victim=[], data_size=None, record_count=None, data_types=[],
                           encryption=None, ransom=None, country=None, sector=None)
    record["fact_evidence"] = {"encryption": [], "ransom": []}
    record["source"]["path"] = None
    assert errors(validator, record) == []


def test_one_sided_quantity_validates(validator: Draft202012Validator, sample_record: dict[str, Any]) -> None:
    sample_record["facts"]["data_size"]["zh"] = None
    assert errors(validator, sample_record) == []


def _delete(key: str):
    def mutate(record: dict[str, Any]) -> None:
        *parents, last = key.split(".")
        target = record
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]
    return mutate


def _set(key: str, value: Any):
    def mutate(record: dict[str, Any]) -> None:
        *parents, last = key.split(".")
        target = record
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return mutate


MUTATIONS = [
    # (id, mutation, path of the error the validator must report)
    ("missing top-level key", _delete("warnings"), ""),
    ("missing facts key", _delete("facts.ransom"), "facts"),
    ("missing evidence key", _delete("facts.actor.0.evidence.0.rule"), "facts/actor/0/evidence/0"),
    ("extra top-level key", _set("confidence", 0.5), ""),
    ("extra facts key", _set("facts.malware", "LockBit 3.0"), "facts"),
    ("extra evidence key", _set("facts.country.evidence.0.note", "x"), "facts/country/evidence/0"),
    ("bad qualifier", _set("facts.data_size.en.qualifier", "about"), "facts/data_size/en/qualifier"),
    ("bad record_count qualifier", _set("facts.record_count.zh.qualifier", "over"), "facts/record_count/zh/qualifier"),
    ("bad evidence lang", _set("facts.victim.0.evidence.1.lang", "zh-Hant"), "facts/victim/0/evidence/1/lang"),
    ("bad segment lang", _set("segments.0.lang", "english"), "segments/0/lang"),
    ("bad languages entry", _set("languages", ["en", "zh-TW"]), "languages/1"),
    ("negative evidence offset", _set("facts.actor.0.evidence.0.start", -1), "facts/actor/0/evidence/0/start"),
    ("negative segment offset", _set("segments.2.end", -5), "segments/2/end"),
    ("float offset", _set("facts.sector.evidence.0.end", 3.5), "facts/sector/evidence/0/end"),
    ("score above 1", _set("alignment.0.score", 1.2), "alignment/0/score"),
    ("bad layout", _set("layout", "bilingual"), "layout"),
    ("bad ransom", _set("facts.ransom", "unknown"), "facts/ransom"),
    ("string encryption", _set("facts.encryption", "yes"), "facts/encryption"),
    ("bad country code", _set("facts.country.code", "Denmark"), "facts/country/code"),
    ("bad sha256", _set("source.sha256", "ABC"), "source/sha256"),
    ("bad newline", _set("source.newline", "\n"), "source/newline"),
    ("wrong schema version", _set("schema_version", "2"), "schema_version"),
    ("bad inconsistency field", _set("inconsistencies.0.field", "size"), "inconsistencies/0/field"),
    ("negative byte count", _set("facts.data_size.zh.bytes", -1), "facts/data_size/zh/bytes"),
]


@pytest.mark.parametrize(
    ("mutate", "error_path"), [pytest.param(m, p, id=i) for i, m, p in MUTATIONS]
)
def test_mutated_record_fails(validator: Draft202012Validator, sample_record: dict[str, Any], mutate, error_path: str) -> None:
    record = copy.deepcopy(sample_record)
    mutate(record)
    found = errors(validator, record)
    assert found, "the mutated record should not validate"
    # anyOf branches report at the parent; accept the exact path or one of its ancestors
    paths = {f.split(": ", 1)[0] for f in found}
    assert any(error_path == p or error_path.startswith(p + "/") or p.startswith(error_path) for p in paths), found
