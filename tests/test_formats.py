"""STIX 2.1, MISP, CSV and Markdown renderers (extractor/formats/), and --explain.

Every bundle of every sample (and, where ../shared exists, of the seed and the dev corpus)
must pass the OASIS validator with no errors and every MISP event must load in PyMISP with
valid attribute types; the renderers must be deterministic and escape article text.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import re
import uuid
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import REAL_ARTICLES, SEED_STEM, build_sample_record, real_record
from extractor import render
from extractor.cli import app
from extractor.formats import NAMESPACE, fact_rows, sector_terms, uuid_for, zh_tag
from extractor.formats.markdown import escape, quote_evidence, to_markdown
from extractor.formats.misp import to_event, to_misp
from extractor.formats.stix import EXTENSION_ID, to_bundle, to_stix
from extractor.formats.tabular import COLUMNS, to_csv
from extractor.lexicon import SECTORS

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"
SAMPLE_STEMS = [s for s in REAL_ARTICLES if s != SEED_STEM]


@lru_cache(maxsize=None)
def _dev_records() -> tuple[dict[str, Any], ...]:
    from extractor.core import extract_bytes

    return tuple(extract_bytes(p.read_bytes(), path=f"dev/{p.name}") for p in sorted(DEV.glob("*.txt")))


def dev_records() -> tuple[dict[str, Any], ...]:
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not on this machine")
    return _dev_records()


def corpus(which: str) -> list[dict[str, Any]]:
    if which == "samples":
        return [real_record(s)[1] for s in SAMPLE_STEMS]
    if which == "seed":
        return [real_record(SEED_STEM)[1]]
    return list(dev_records())


CORPORA = ["samples", "seed", "dev"]


# --- STIX -------------------------------------------------------------------------------------


def stix_errors(bundle: dict[str, Any]) -> list[str]:
    from stix2validator import ValidationOptions, validate_instance

    result = validate_instance(copy.deepcopy(bundle), ValidationOptions(version="2.1"))
    return [str(e) for e in result.errors]


@pytest.mark.parametrize("which", CORPORA)
def test_every_bundle_passes_the_oasis_validator(which):
    for record in corpus(which):
        bundle = json.loads(to_stix(record))
        assert stix_errors(bundle) == [], record["source"]["path"]


@pytest.mark.parametrize("which", CORPORA)
def test_bundle_carries_every_fact(which):
    for record in corpus(which):
        facts = record["facts"]
        objects = to_bundle(record)["objects"]
        by_type: dict[str, list[dict]] = {}
        for o in objects:
            by_type.setdefault(o["type"], []).append(o)
        report = by_type["report"][0]
        ext = report["extensions"][EXTENSION_ID]
        assert {o["name"] for o in by_type.get("intrusion-set", [])} == {a["en"] or a["zh"] for a in facts["actor"]}
        victims = [o for o in by_type["identity"] if o["identity_class"] == "organization"]
        assert [o["name"] for o in victims] == [v["en"] or v["zh"] for v in facts["victim"][:1]]
        if facts["country"]:
            assert [o["country"] for o in by_type["location"]] == [facts["country"]["code"]]
        if facts["data_size"]:
            best = facts["data_size"]["en"] or facts["data_size"]["zh"]
            assert ext["data_size"]["bytes"] == best["bytes"]
        assert ext.get("ransom") == facts["ransom"]
        assert ext.get("encryption") == facts["encryption"]
        assert [d["category"] for d in ext.get("data_types", [])] == [d["category"] for d in facts["data_types"]]
        # every reference resolves inside the bundle
        ids = {o["id"] for o in objects}
        for o in objects:
            for key in ("created_by_ref", "source_ref", "target_ref", "object_ref"):
                if key in o:
                    assert o[key] in ids
            for ref in o.get("object_refs", []):
                assert ref in ids


def test_seed_bundle_has_actor_victim_dk_and_chinese_name():
    """The issue's check: actor, victim with country DK, the victim's Chinese name in a language-content."""
    record = real_record(SEED_STEM)[1]
    objects = json.loads(to_stix(record))["objects"]
    assert stix_errors({"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}) == []
    actor = record["facts"]["actor"][0]["en"]
    victim = record["facts"]["victim"][0]
    assert any(o["type"] == "intrusion-set" and o["name"] == actor for o in objects)
    identity = next(o for o in objects if o["type"] == "identity" and o["name"] == victim["en"])
    location = next(o for o in objects if o["type"] == "location")
    assert location["country"] == "DK"
    assert any(o["type"] == "relationship" and o["relationship_type"] == "located-at"
               and o["source_ref"] == identity["id"] and o["target_ref"] == location["id"] for o in objects)
    contents = [o for o in objects if o["type"] == "language-content" and o["object_ref"] == identity["id"]]
    assert contents and contents[0]["contents"]["zh-TW"]["name"] == victim["zh"]
    assert contents[0]["object_modified"] == identity["modified"]


def test_bundle_is_deterministic_and_ids_come_from_content(sample_record):
    first, again = to_stix(sample_record), to_stix(copy.deepcopy(sample_record))
    assert first == again
    # the same actor in another article is the same intrusion-set
    other = copy.deepcopy(sample_record)
    other["source"]["sha256"] = "0" * 64
    other["facts"]["victim"] = []
    ids = lambda r: {o["id"] for o in to_bundle(r)["objects"] if o["type"] == "intrusion-set"}  # noqa: E731
    assert ids(sample_record) == ids(other)
    reports = lambda r: {o["id"] for o in to_bundle(r)["objects"] if o["type"] == "report"}  # noqa: E731
    assert reports(sample_record) != reports(other)
    for o in to_bundle(sample_record)["objects"]:
        assert uuid.UUID(o["id"].split("--")[1]).version == 5


def test_bundle_of_an_empty_record_is_still_valid(sample_record):
    record = copy.deepcopy(sample_record)
    for key in ("data_size", "record_count", "country", "sector", "encryption", "ransom"):
        record["facts"][key] = None
    for key in ("actor", "victim", "data_types"):
        record["facts"][key] = []
    bundle = to_bundle(record)
    assert stix_errors(bundle) == []
    assert {o["type"] for o in bundle["objects"]} == {"report", "identity", "extension-definition", "note"}


@pytest.mark.parametrize("languages, code, tag", [
    (["en", "zh-Hant"], "HK", "zh-HK"),
    (["en", "zh-Hant"], "MO", "zh-MO"),
    (["en", "zh-Hant"], "TW", "zh-TW"),
    (["zh-Hant"], None, "zh-TW"),
    (["en", "zh-Hans"], "CN", "zh-CN"),
    (["zh-Hans"], "SG", "zh-SG"),
    (["zh-Hant", "zh-Hans"], "DK", "zh-TW"),
])
def test_language_tag_follows_script_and_region(languages, code, tag):
    record = {"languages": languages, "facts": {"country": {"code": code} if code else None}}
    assert zh_tag(record) == tag


def test_sector_table_covers_every_sector_and_uses_the_stix_vocabulary():
    from stix2validator.v21 import enums

    table = sector_terms()
    assert set(table) == set(SECTORS)
    for norm, terms in table.items():
        assert terms["stix"] is None or terms["stix"] in enums.INDUSTRY_SECTOR_OV, norm


# --- MISP -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _misp_types() -> tuple[dict, dict]:
    import pymisp

    root = Path(pymisp.__file__).parent / "data"
    describe = json.loads((root / "describeTypes.json").read_text(encoding="utf-8"))["result"]
    victim = json.loads((root / "misp-objects" / "objects" / "victim" / "definition.json").read_text(encoding="utf-8"))
    return describe, victim


def misp_problems(event: dict[str, Any]) -> list[str]:
    """What MISP would refuse: unknown types, a category the type does not allow, bad object relations."""
    from pymisp import MISPEvent

    describe, victim = _misp_types()
    problems = []
    loaded = MISPEvent()
    loaded.load(json.dumps(event))
    attrs = list(loaded.attributes) + [a for o in loaded.objects for a in o.attributes]
    for a in attrs:
        if a.type not in describe["types"]:
            problems.append(f"unknown type {a.type}")
        elif a.category not in describe["categories"] or a.type not in describe["category_type_mappings"][a.category]:
            problems.append(f"type {a.type} not allowed in category {a.category}")
    for o in loaded.objects:
        if o.name == "victim":
            assert o.template_uuid == victim["uuid"]
            for a in o.attributes:
                spec = victim["attributes"].get(a.object_relation)
                if spec is None or spec["misp-attribute"] != a.type:
                    problems.append(f"victim.{a.object_relation} as {a.type}")
    uuids = [a.uuid for a in attrs] + [o.uuid for o in loaded.objects] + [loaded.uuid]
    if len(set(uuids)) != len(uuids):
        problems.append("duplicate uuids")
    return problems


@pytest.mark.parametrize("which", CORPORA)
def test_every_misp_event_loads_with_valid_types(which):
    for record in corpus(which):
        event = json.loads(to_misp(record))
        assert misp_problems(event) == [], record["source"]["path"]
        assert event["Event"]["info"]


def test_misp_event_carries_the_facts(sample_record):
    event = to_event(sample_record)["Event"]
    by_type = {}
    for a in event["Attribute"]:
        by_type.setdefault(a["type"], []).append(a)
    assert [a["value"] for a in by_type["threat-actor"]] == ["LockBit"]
    assert by_type["size-in-bytes"][0]["value"] == str(int(sample_record["facts"]["data_size"]["en"]["bytes"]))
    assert by_type["counter"][0]["value"] == str(int(sample_record["facts"]["record_count"]["en"]["value"]))
    victim = event["Object"][0]
    relations = {(a["object_relation"], a["value"]) for a in victim["Attribute"]}
    assert ("name", "Nordic Care Hospitals") in relations and ("regions", "DK") in relations
    assert ("sectors", "healthcare") in relations
    assert {"name": 'extractor:ransom="refused"'} in event["Tag"]
    # the English/Chinese size disagreement is an attribute too
    assert any(a["comment"].startswith("inconsistency") for a in by_type["text"])
    assert to_misp(sample_record) == to_misp(copy.deepcopy(sample_record))


# --- CSV --------------------------------------------------------------------------------------


def test_csv_round_trips_with_rfc4180_quoting(sample_record):
    record = copy.deepcopy(sample_record)
    record["facts"]["victim"][0]["en"] = 'Nordic "Care", Hospitals\nGroup'
    record["facts"]["actor"][0]["en"] = "=HYPERLINK(\"x\")"
    text = to_csv([sample_record, record])
    assert text.endswith("\r\n") and text.count("\r\n") >= 3
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 2
    assert rows[0]["victim_en"] == "Nordic Care Hospitals" and rows[0]["victim_zh"] == "北歐醫療集團"
    assert rows[1]["victim_en"] == 'Nordic "Care", Hospitals\nGroup'
    assert rows[1]["actor_en"] == "'=HYPERLINK(\"x\")"  # not run as a formula by a spreadsheet
    assert rows[0]["data_size_bytes"] == str(sample_record["facts"]["data_size"]["en"]["bytes"])
    assert rows[0]["ransom"] == "refused" and rows[0]["encryption"] == "true" and rows[0]["country_code"] == "DK"
    assert "1.3" in rows[0]["inconsistencies"] or rows[0]["inconsistencies"]


@pytest.mark.parametrize("which", CORPORA)
def test_csv_has_one_row_per_article(which):
    records = corpus(which)
    rows = list(csv.DictReader(io.StringIO(to_csv(records), newline="")))
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        assert row["path"] == record["source"]["path"]
        assert row["victim_en"] == "; ".join(v["en"] or "—" for v in record["facts"]["victim"])


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, shown", [
    ("plain words", "plain words"),
    ("A|B", r"A\|B"),
    ("*bold* _it_", r"\*bold\* \_it\_"),
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
    ("[link](http://x)", r"\[link\]\(http://x\)"),
    ("- not a list", r"\- not a list"),
    ("1. not a list", r"1\. not a list"),
    ("# not a heading", r"\# not a heading"),
    ("two\nlines", "two lines"),
    ("黑客 `code`", r"黑客 \`code\`"),
    (None, "—"),
])
def test_markdown_escape(text, shown):
    assert escape(text) == shown


def test_markdown_quotes_evidence_with_the_span_in_bold():
    ev = {"sentence": "The gang *LockBit* claimed it.", "text": "*LockBit*"}
    assert quote_evidence(ev) == r"The gang **\*LockBit\***  claimed it.".replace("**  ", "** ")


def test_markdown_table_survives_hostile_article_text(sample_record):
    record = copy.deepcopy(sample_record)
    record["facts"]["victim"][0]["en"] = "Evil | Corp\n# <b>x</b>"
    text = to_markdown(record)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows and all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in rows)
    assert "<b>" not in text and "\n# <" not in text
    assert "## Inconsistencies" in text and "北歐醫療集團" in text


@pytest.mark.parametrize("which", CORPORA)
def test_markdown_lists_facts_evidence_and_inconsistencies(which):
    for record in corpus(which):
        text = to_markdown(record)
        assert text.startswith("# Cyber incident")
        table = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Field")]
        assert len(table) == len(fact_rows(record)) + 1  # plus the --- row
        for item in record["inconsistencies"]:
            assert escape(item["message"]) in text
        quoted = [line for line in text.splitlines() if line.startswith("> ") and "**" in line]
        assert bool(quoted) == any(record["facts"][k] for k in ("actor", "victim", "data_types"))


# --- CLI --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, check", [
    ("stix", lambda out: json.loads(out)["type"] == "bundle"),
    ("misp", lambda out: "Event" in json.loads(out)),
    ("csv", lambda out: out.startswith("path,sha256,")),
    ("markdown", lambda out: out.startswith("# Cyber incident")),
])
def test_cli_formats(fmt, check, monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["extract", "samples/s03-sg-bank-8base.txt", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert check(result.stdout)


@pytest.mark.parametrize("fmt", ["stix", "misp"])
def test_cli_batch_gives_one_document_per_line(fmt, monkeypatch):
    monkeypatch.chdir(REPO)
    paths = ["samples/s01-hk-school-rhysida.txt", "samples/s03-sg-bank-8base.txt"]
    result = CliRunner().invoke(app, ["extract", *paths, "--format", fmt])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)


def test_uuid_namespace_is_stable():
    # changing the namespace would re-key every object already imported into a platform
    assert str(NAMESPACE) == str(uuid.uuid5(uuid.NAMESPACE_URL, "extractor:formats"))
    assert uuid_for("a", "b") == uuid_for("a", "b") != uuid_for("a", "c")


def test_render_to_format_rejects_unknown():
    with pytest.raises(ValueError):
        render.to_format([build_sample_record()], "yaml", batch=False)


# --- --explain --------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _explained(text: str) -> dict[str, Any]:
    from extractor import extract

    return extract(text, explain=True).to_dict()


EXPLAIN_CASES = [
    # (article, field, a rejected text, words the reason contains)
    ("Harbour Freight Ltd confirms data theft\n\n"
     "The Akira ransomware group said it stole 40 GB of files from Harbour Freight Ltd last week. "
     "Harbour Freight Ltd stores about 900 TB of data across its sites, a spokesperson said.\n",
     "data_size", "about 900 TB", "below"),
    ("Westvale Council says it will not pay\n\n"
     "Westvale Council confirmed a ransomware attack by the Play group on Monday and said it refused to pay "
     "the ransom.\n\nAnother council, Rivermouth Borough, paid a ransom to the same gang in 2022.\n",
     "ransom", "paid a ransom", "another organisation"),
    ("海灣物流集團證實遭勒索軟件攻擊\n\n"
     "Akira勒索軟件集團聲稱從海灣物流集團竊取約40GB資料，並揚言若公司不付款便公開文件。"
     "海灣物流集團表示拒絕支付贖金。\n",
     "ransom", "不付款", "condition"),
    ("Kestrel Bank hit by LockBit\n\n"
     "LockBit claimed an attack on Kestrel Bank, a lender in Singapore, and stole the records of "
     "52,000 customers. Kestrel Bank employs about 3,100 people in Singapore and Malaysia.\n",
     "record_count", "about 3,100 people", "below"),
]


@pytest.mark.parametrize("article, field, text, words", EXPLAIN_CASES)
def test_explain_names_the_losers_and_why(article, field, text, words):
    record = _explained(article)
    jsonschema.validate(record, render.schema())
    entry = record["explain"][field]
    assert entry["value"] is not None and entry["chosen"]
    for ev in entry["chosen"]:
        a, b = ev["mark"]
        assert ev["sentence"][a:b] == ev["text"]
    lost = [r for r in entry["rejected"] if text is None or r["text"] == text]
    assert lost, entry["rejected"]
    assert any(words in r["reason"] for r in lost), [r["reason"] for r in lost]


def test_explain_is_off_by_default_and_does_not_change_the_record():
    from extractor import extract

    article = EXPLAIN_CASES[0][0]
    plain = extract(article).to_dict()
    explained = copy.deepcopy(_explained(article))
    assert "explain" not in plain
    del explained["explain"]
    assert explained == plain


def test_cli_explain(monkeypatch):
    monkeypatch.chdir(REPO)
    runner = CliRunner()
    path = "samples/s03-sg-bank-8base.txt"
    table = runner.invoke(app, ["extract", path, "--format", "table", "--explain"])
    assert table.exit_code == 0 and "Explanation: samples/s03-sg-bank-8base.txt" in table.stdout
    assert "⟦" in table.stdout and "rejected" in table.stdout
    as_json = runner.invoke(app, ["extract", path, "--format", "json", "--explain"])
    assert set(json.loads(as_json.stdout)["explain"]) >= {"actor", "victim", "ransom"}
    plain = runner.invoke(app, ["extract", path, "--format", "json"])
    assert "explain" not in json.loads(plain.stdout)
    as_csv = runner.invoke(app, ["extract", path, "--format", "csv", "--explain"])
    assert as_csv.stdout.startswith("path,") and "Explanation:" in as_csv.stderr
    md = runner.invoke(app, ["extract", path, "--format", "markdown", "--explain"])
    assert "## Candidates that lost" in md.stdout


def test_schema_ships_explain_definition():
    schema = json.loads((files("extractor") / "schema" / "record.schema.json").read_text(encoding="utf-8"))
    assert "explain" in schema["properties"] and "explain" not in schema["required"]


def test_explain_lists_chinese_names_that_lost_the_alignment():
    from extractor import extract

    data = REAL_ARTICLES["s01-hk-school-rhysida"].read_bytes()
    record = extract(data, explain=True).to_dict()
    victim = record["explain"]["victim"]
    zh_lost = [r for r in victim["rejected"] if r["lang"] == "zh"]
    assert zh_lost and all("aligned-paragraph score" in r["reason"] for r in zh_lost)
    assert record["facts"]["victim"][0]["zh"] not in {r["text"] for r in zh_lost}
    jsonschema.validate(record, render.schema())
