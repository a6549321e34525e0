"""The library API: `from extractor import extract` -> IncidentRecord."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest

from conftest import REAL_ARTICLES, build_sample_record, real_record
from extractor import render
from extractor.api import Amount, DataType, IncidentRecord, Label, Name
from extractor.errors import BinaryInput, DecodeFailed

SAMPLE = "s03-sg-bank-8base"


@pytest.fixture(scope="module")
def from_bytes() -> IncidentRecord:
    from extractor import extract

    return extract(REAL_ARTICLES[SAMPLE].read_bytes(), path=f"samples/{SAMPLE}.txt")


def test_extract_bytes_matches_the_core_record(from_bytes):
    _, record = real_record(SAMPLE)
    assert from_bytes.to_dict() == record
    assert from_bytes.to_json() == render.to_json(record)
    assert json.loads(from_bytes.to_json(indent=None)) == record
    assert "\n" not in from_bytes.to_json(indent=None).rstrip("\n")


def test_extract_text_gives_the_same_facts(from_bytes):
    from extractor import extract

    text = REAL_ARTICLES[SAMPLE].read_text(encoding="utf-8")
    record = extract(text, path="x.txt")
    assert record.facts == from_bytes.facts
    assert record.to_dict()["source"]["sha256"] == from_bytes.to_dict()["source"]["sha256"]
    assert record.path == "x.txt"
    jsonschema.validate(record.to_dict(), render.schema())


def test_typed_properties(from_bytes):
    facts = from_bytes.facts
    assert from_bytes.actors == [Name(a["en"], a["zh"]) for a in facts["actor"]]
    assert from_bytes.victim == Name(facts["victim"][0]["en"], facts["victim"][0]["zh"])
    size = from_bytes.data_size
    assert isinstance(size, Amount) and size.value == facts["data_size"]["en"]["bytes"]
    assert size.qualifier == facts["data_size"]["en"]["qualifier"] and size.en == facts["data_size"]["en"]["text"]
    assert from_bytes.record_count.value == facts["record_count"]["en"]["value"]
    assert from_bytes.data_types == [DataType(d["en"], d["zh"], d["category"]) for d in facts["data_types"]]
    assert from_bytes.country == Label(facts["country"]["code"], facts["country"]["en"], facts["country"]["zh"])
    assert from_bytes.sector.key == facts["sector"]["norm"]
    assert from_bytes.ransom == facts["ransom"] and from_bytes.encryption == facts["encryption"]
    assert from_bytes.languages == ["en", "zh-Hant"] and from_bytes.layout == "en-then-zh"
    assert from_bytes.explain is None
    assert "IncidentRecord(victim=" in repr(from_bytes)


def test_wrapper_over_a_hand_made_record():
    record = IncidentRecord(build_sample_record())
    assert str(record.victim) == "Nordic Care Hospitals"
    size = record.data_size
    assert size.zh_value is not None and size.zh_value != size.value  # 1.3 TB vs 1.2 TB
    assert [i.field for i in record.inconsistencies] == [i["field"] for i in build_sample_record()["inconsistencies"]]
    assert record.to_stix()["type"] == "bundle" and "Event" in record.to_misp()
    assert record.to_markdown().startswith("# Cyber incident")


def test_to_dict_is_a_copy(from_bytes):
    copy = from_bytes.to_dict()
    copy["facts"]["victim"] = []
    assert from_bytes.victim is not None


@pytest.mark.parametrize("article", ["", "  \n\t ", b"", b"\xef\xbb\xbf \r\n"])
def test_blank_input_is_an_empty_record_with_a_warning(article):
    from extractor import extract

    record = extract(article)
    assert record.victim is None and record.actors == [] and record.inconsistencies == []
    assert [w[:6] for w in record.to_dict()["warnings"]] == ["[W101]"]


@pytest.mark.parametrize("article, error", [
    (b"\xff\xfe\x00", DecodeFailed),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInput),
])
def test_bad_input_raises_coded_errors(article, error):
    from extractor import extract

    with pytest.raises(error) as info:
        extract(article)
    assert info.value.code.startswith("E1")


def test_wrong_type_is_a_type_error():
    from extractor import extract

    with pytest.raises(TypeError):
        extract(42)  # type: ignore[arg-type]


def test_explain_flag():
    from extractor import extract

    record = extract("Rivermouth Council hit by Play ransomware\n\nThe Play group stole 20 GB from Rivermouth "
                     "Council, which refused to pay.\n", explain=True)
    assert record.explain is not None and set(record.explain) >= {"actor", "victim", "data_size"}


def test_import_is_light_and_typed():
    code = "import sys, extractor, extractor.api; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert (files("extractor") / "py.typed").is_file()


def test_package_exports():
    import extractor

    assert extractor.extract is __import__("extractor.api", fromlist=["extract"]).extract
    assert extractor.IncidentRecord is IncidentRecord
    assert {"extract", "IncidentRecord"} <= set(extractor.__all__)
