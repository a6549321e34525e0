"""The library end to end (extractor.core): bytes in, one valid, self-consistent record out.

These tests hold for any article, so they run over every real article (samples/*.txt and the
shared seed) plus short inline snippets; what each field should contain is for the recogniser
tests and the golden files.
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import REAL_ARTICLES, real_article_bytes, real_record, without_evidence
from extractor import render
from extractor.core import extract_bytes, extract_text
from extractor.decode import decode
from extractor.errors import DecodeFailed

STEMS = list(REAL_ARTICLES)

# Written for these tests: a small bilingual ransomware report (English first, then Chinese).
SNIPPET_EN = (
    "Ransomware gang Akira has claimed an attack on Harbourview Logistics, a Taiwanese shipping "
    "company, saying it stole about 420 GB of data.\n"
    "The company said its servers were encrypted but it refused to pay the ransom.\n"
)
SNIPPET_ZH = (
    "勒索軟體集團Akira宣稱攻擊台灣航運公司港景物流，並表示竊取約420GB資料。\n"
    "該公司表示伺服器遭加密，但拒絕支付贖金。\n"
)
SNIPPET = SNIPPET_EN + "\n" + SNIPPET_ZH
SNIPPETS = {"bilingual": SNIPPET, "en-only": SNIPPET_EN, "zh-only": SNIPPET_ZH}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(render.schema())


def evidence_items(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(JSON path, evidence) for every evidence object in the record's facts."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(value, dict):
            if {"lang", "segment", "start", "end", "text"} <= value.keys():
                yield where, value
                return
            for key, child in value.items():
                yield from walk(child, f"{where}/{key}")
        elif isinstance(value, list):
            for i, child in enumerate(value):
                yield from walk(child, f"{where}/{i}")

    yield from walk(record["facts"], "facts")
    yield from walk(record["fact_evidence"], "fact_evidence")


def record_for(case: str) -> tuple[str, dict[str, Any]]:
    """(decoded text, record) for a real article stem or a snippet name."""
    if case in SNIPPETS:
        text = SNIPPETS[case]
        return text, extract_bytes(text.encode("utf-8"), path=f"snippets/{case}.txt")
    return real_record(case)


CASES = STEMS + list(SNIPPETS)


# --- every record is valid and self-consistent ------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_record_matches_the_schema(case: str, validator: Draft202012Validator) -> None:
    _, record = record_for(case)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
    assert problems == []


@pytest.mark.parametrize("case", CASES)
def test_every_evidence_offset_points_at_its_text(case: str) -> None:
    text, record = record_for(case)
    segments = {s["id"]: s for s in record["segments"]}
    items = list(evidence_items(record))
    assert items, "expected at least one piece of evidence"
    for where, ev in items:
        assert text[ev["start"]:ev["end"]] == ev["text"], f"{where}: text[{ev['start']}:{ev['end']}] != {ev['text']!r}"
        segment = segments.get(ev["segment"])
        assert segment is not None, f"{where}: unknown segment {ev['segment']!r}"
        assert segment["start"] <= ev["start"] <= ev["end"] <= segment["end"], f"{where}: outside segment {ev['segment']}"
        assert ev["text"] in ev["sentence"], f"{where}: sentence does not contain the evidence"


@pytest.mark.parametrize("case", CASES)
def test_segments_lie_inside_the_text_and_do_not_overlap(case: str) -> None:
    text, record = record_for(case)
    segments = record["segments"]
    assert segments
    assert len({s["id"] for s in segments}) == len(segments), "segment ids repeat"
    assert record["source"]["chars"] == len(text)
    previous_end = 0
    for s in sorted(segments, key=lambda s: (s["start"], s["end"])):
        assert 0 <= s["start"] < s["end"] <= len(text), f"{s['id']}: [{s['start']}, {s['end']}) outside the text"
        assert s["start"] >= previous_end, f"{s['id']} overlaps the segment before it"
        assert text[s["start"]:s["end"]].strip(), f"{s['id']} is blank"
        previous_end = s["end"]


@pytest.mark.parametrize("case", CASES)
def test_alignment_links_name_existing_segments_of_each_language(case: str) -> None:
    _, record = record_for(case)
    lang = {s["id"]: s["lang"] for s in record["segments"]}
    for link in record["alignment"]:
        assert link["en"] and link["zh"], link
        assert all(lang.get(i) == "en" for i in link["en"]), link
        assert all(lang.get(i, "").startswith("zh") for i in link["zh"]), link


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_same_bytes_give_the_same_json_bytes(case: str) -> None:
    data = SNIPPETS[case].encode("utf-8") if case in SNIPPETS else real_article_bytes(case)
    first = render.to_json(extract_bytes(data, path="a.txt")).encode("utf-8")
    second = render.to_json(extract_bytes(data, path="a.txt")).encode("utf-8")
    assert first == second


def test_output_does_not_depend_on_the_hash_seed(tmp_path) -> None:
    """Set and dict orders vary with PYTHONHASHSEED between processes; the output must not."""
    article = tmp_path / "article.txt"
    article.write_text(SNIPPET, encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "extractor", "extract", str(article)],
                              capture_output=True, env=env, cwd=tmp_path, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_extract_text_and_extract_bytes_agree_on_everything_but_source() -> None:
    from_bytes = extract_bytes(SNIPPET.encode("utf-8"))
    from_text = extract_text(SNIPPET)
    assert {k: v for k, v in from_text.items() if k != "source"} == {k: v for k, v in from_bytes.items() if k != "source"}


# --- encodings and line endings ---------------------------------------------------------------


ENCODINGS = {
    # name: (encode, expected source.encoding, expected source.bom)
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8", True),
    "utf-16": (lambda t: t.encode("utf-16"), "utf-16-le", True),  # Python writes a little-endian BOM
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be", True),
}


@pytest.mark.parametrize("case", ["bilingual", "s02-tw-software-bianlian", "s10-tw-insurer-zh-only"])
@pytest.mark.parametrize("variant", list(ENCODINGS))
def test_a_bom_or_utf16_changes_nothing_but_the_source(case: str, variant: str) -> None:
    text, plain = record_for(case)
    encode, encoding, bom = ENCODINGS[variant]
    record = extract_bytes(encode(text), path=plain["source"]["path"])
    assert (record["source"]["encoding"], record["source"]["bom"]) == (encoding, bom)
    assert record["source"]["chars"] == len(text)
    # the BOM is not part of the text, so even the offsets are unchanged
    assert {k: v for k, v in record.items() if k != "source"} == {k: v for k, v in plain.items() if k != "source"}


@pytest.mark.parametrize("case", ["bilingual", "s01-hk-school-rhysida", "s05-tw-logistics-hunters", "s07-ca-retailer-unnamed"])
def test_crlf_line_endings_give_the_same_facts(case: str) -> None:
    text, plain = record_for(case)
    assert "\r" not in text
    crlf = text.replace("\n", "\r\n")
    record = extract_bytes(crlf.encode("utf-8"))
    assert record["source"]["newline"] == "CRLF"
    assert without_evidence(record["facts"]) == without_evidence(plain["facts"])
    assert record["languages"] == plain["languages"] and record["layout"] == plain["layout"]
    assert len(record["segments"]) == len(plain["segments"])
    for _, ev in evidence_items(record):
        assert crlf[ev["start"]:ev["end"]] == ev["text"]


def test_crlf_sample_gives_the_same_facts_as_its_lf_version() -> None:
    text, crlf_record = real_record("s09-ie-council-lockbit")
    assert crlf_record["source"]["newline"] == "CRLF"
    lf_record = extract_bytes(text.replace("\r\n", "\n").encode("utf-8"))
    assert without_evidence(lf_record["facts"]) == without_evidence(crlf_record["facts"])


def test_big5_chinese_article_decodes_with_encoding_big5() -> None:
    data = SNIPPET_ZH.encode("big5")
    detected = extract_bytes(data)  # not UTF-8: detected as Big5 (cp950), and the record says so
    assert detected["source"]["encoding"] == "cp950"
    assert detected["warnings"] and detected["warnings"][0].startswith("[W102]")
    record = extract_bytes(data, encoding="big5")
    assert record["source"]["encoding"] == "big5"
    assert record["source"]["chars"] == len(SNIPPET_ZH)
    assert record["languages"] == ["zh-Hant"]
    utf8 = extract_bytes(SNIPPET_ZH.encode("utf-8"))
    assert record["facts"] == utf8["facts"]


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    pytest.param(b"", id="empty"),
    pytest.param(b"  \n\t\r\n  ", id="ascii-whitespace"),
    pytest.param("\u3000\u3000\n".encode("utf-8"), id="ideographic-space"),
    pytest.param(codecs.BOM_UTF8, id="utf-8-bom-only"),
    pytest.param(codecs.BOM_UTF8 + b"\n\n", id="utf-8-bom-and-newlines"),
    pytest.param(" \n".encode("utf-16"), id="utf-16-whitespace"),
])
def test_empty_or_blank_input_gives_an_empty_record_and_a_warning(data: bytes) -> None:
    record = extract_bytes(data)
    assert record["segments"] == [] and record["layout"] == "empty"
    assert not any(record["facts"][k] for k in record["facts"])
    assert [w[:6] for w in record["warnings"]] == ["[W101]"]


@pytest.mark.parametrize("data", [
    pytest.param(b"Ransomware gang Akira stole 420 GB \xff\xfe of data.", id="stray-bytes"),
    pytest.param("勒索軟體集團Akira".encode("utf-8")[:-7] + b"\xe5\x8b", id="truncated-sequence"),
    pytest.param("Hackers hit the Montréal café chain Brûlerie Nord.".encode("latin-1"), id="latin-1"),
])
def test_invalid_utf8_raises_decode_failed_naming_the_encoding_option(data: bytes) -> None:
    with pytest.raises(DecodeFailed) as caught:
        extract_bytes(data)
    assert caught.value.code == "E103"
    assert "--encoding" in caught.value.message


def test_an_unknown_encoding_name_raises_decode_failed() -> None:
    with pytest.raises(DecodeFailed) as caught:
        extract_bytes(SNIPPET.encode("utf-8"), encoding="no-such-codec")
    assert caught.value.code == "E103"
    assert "no-such-codec" in caught.value.message


def test_decoded_text_is_what_offsets_refer_to() -> None:
    """The core's offsets are into decode(data).text: the BOM is dropped, nothing else."""
    data = codecs.BOM_UTF8 + SNIPPET.encode("utf-8")
    assert decode(data).text == SNIPPET
    assert json.loads(render.to_json(extract_bytes(data)))["source"]["bom"] is True
