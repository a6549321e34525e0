"""Web pages as input (extractor/html.py and its use in extractor.core.extract_bytes).

The pages under tests/data/pages/ are written for these tests (fictional outlets, companies and
people): each has navigation, share buttons, scripts, a related-articles box and a footer around
the article, and its scripts name other groups and sizes that must never reach the record.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from extractor import render
from extractor.cli import app
from extractor.core import extract_bytes
from extractor.html import Page, looks_like_html, read_page

PAGES = Path(__file__).resolve().parent / "data" / "pages"

LOOKS_LIKE_HTML = [
    pytest.param("<!DOCTYPE html>\n<html><body><p>x</p></body></html>", True, id="doctype"),
    pytest.param("<!doctype html><title>x</title>", True, id="doctype-lower"),
    pytest.param('<html lang="zh-HK"><head><title>x</title></head></html>', True, id="html-tag"),
    pytest.param("\ufeff  \n<head><meta charset=utf-8></head><body>x</body>", True, id="bom-and-head"),
    pytest.param('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True, id="xhtml"),
    pytest.param("<!-- saved page -->\n<body><article><p>x</p></article></body>", True, id="comment-first"),
    pytest.param("<article><h1>x</h1><p>y</p></article>", True, id="article-fragment"),
    pytest.param("Hackers injected <html> and <body> tags into the bank's login page.", False, id="prose-about-tags"),
    pytest.param("<b>Breaking</b>: hackers hit a bank", False, id="inline-markup-only"),
    pytest.param("黑客在網頁插入<script>惡意程式碼</script>，竊取客戶資料。", False, id="chinese-prose"),
    pytest.param("# Hackers hit a bank\n\n<html> is mentioned later", False, id="markdown"),
    pytest.param("", False, id="empty"),
    pytest.param("<" + "x" * 3000 + "<html>", False, id="tag-too-far"),
]


@pytest.mark.parametrize(("text", "expected"), LOOKS_LIKE_HTML)
def test_looks_like_html_by_content(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


# (file, title, date, url, language, words the article has, words that must not reach it)
PAGE_CASES = [
    pytest.param(
        "hk-news-zh.html", "恒通速運遭勒索軟件攻擊 3.5萬客戶資料恐外洩", "2025-03-14",
        "https://news.example.hk/article/20250314/hengtong-ransomware", "zh-HK",
        ["勒索軟件集團Akira", "約3.5萬名客戶的姓名", "拒絕支付贖金"],
        ["LockBit", "Medusa", "dataLayer", "Play", "跳至主要內容", "字級", "爆料熱線", "版權所有", "發表留言", "廣告"],
        id="hong-kong-news-zh"),
    pytest.param(
        "en-tech.html", "Medusa gang claims 2.1TB theft from Harbourline Insurance", "2024-11-05",
        "https://patchreport.example.com/2024/11/medusa-harbourline-insurance/", "en",
        ["2.1 TB of files", "about 480,000 policyholders"],
        ["BlackCat", "promo", "cookies", "Skip to content", "Related articles", "LockBit", "Leave a Reply", "Tweet"],
        id="english-tech-press"),
    pytest.param(
        "gov-release-bilingual.html", "Harbour Works Office reports data breach at contractor", "2025-06-20",
        "https://www.info.example.gov.hk/releases/202506/20/P2025062000517.htm", None,
        ["the Lynx group", "約8,200名求職者", "港灣工程處公布承辦商資料外洩事故"],
        ["RansomHub", "pressReleaseId", "Text Size", "Print this page"],
        id="government-release-bilingual"),
]


@pytest.mark.parametrize(("name", "title", "date", "url", "language", "present", "absent"), PAGE_CASES)
def test_read_page_keeps_the_article_and_its_metadata(name, title, date, url, language, present, absent) -> None:
    page = read_page((PAGES / name).read_text("utf-8"))
    assert (page.title, page.date, page.url, page.language) == (title, date, url, language)
    lines = page.text.split("\n")
    assert lines[0] == title and page.text.count(title) == 1  # the headline once, first
    assert all(line == line.strip() and line for line in lines)  # one paragraph per line
    for words in present:
        assert words in page.text
    for words in absent:
        assert words not in page.text, words
    assert "<" not in page.text


def test_the_url_given_is_used_when_the_page_declares_none() -> None:
    html = ("<html><head><title>Clinic hit by ransomware</title></head><body><article>"
            "<p>Hackers stole 5 GB of patient files from the Example Clinic, the clinic said on Monday.</p>"
            "</article></body></html>")
    page = read_page(html, url="https://example.org/clinic")
    assert page == Page("Clinic hit by ransomware\nHackers stole 5 GB of patient files from the Example Clinic, "
                        "the clinic said on Monday.", "Clinic hit by ransomware", None, "https://example.org/clinic", None)


def test_a_page_without_an_article_gives_no_facts() -> None:
    assert read_page("<html><body></body></html>").text == ""
    record = extract_bytes(b"<html><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav></body></html>")
    assert record["source"]["format"] == "html"
    assert record["segments"] and all(s["kind"] == "boilerplate" for s in record["segments"])
    assert record["facts"]["actor"] == [] and record["layout"] == "empty"


# --- through the core and the CLI -------------------------------------------------------------------

# (file, actor, victim as (en, zh), record count, data size in bytes)
FACT_CASES = [
    pytest.param("hk-news-zh.html", "Akira", (None, "恒通速運"), 35_000, 120_000_000_000, id="hong-kong-news-zh"),
    pytest.param("en-tech.html", "Medusa", ("Harbourline Insurance", None), 480_000, 2_100_000_000_000,
                 id="english-tech-press"),
    pytest.param("gov-release-bilingual.html", "Lynx", ("Harbour Works Office", None), 8_200, 15_000_000_000,
                 id="government-release-bilingual"),
]


def _record(name: str) -> dict:
    return extract_bytes((PAGES / name).read_bytes(), path=f"pages/{name}")


def _one(pair: dict) -> object:
    return pair.get("en") or pair.get("zh")


@pytest.mark.parametrize(("name", "actor", "victim", "count", "size"), FACT_CASES)
def test_the_facts_come_from_the_article_body(name, actor, victim, count, size) -> None:
    record = _record(name)
    facts = record["facts"]
    assert {a.get("en") or a.get("zh") for a in facts["actor"]} == {actor}
    en, zh = victim
    if en:
        assert facts["victim"][0]["en"] == en
    if zh:
        assert facts["victim"][0]["zh"] == zh
    assert _one(facts["record_count"])["value"] == count
    assert _one(facts["data_size"])["bytes"] == size


@pytest.mark.parametrize(("name", "title", "date", "url", "language", "present", "absent"), PAGE_CASES)
def test_source_says_html_with_title_date_and_url(name, title, date, url, language, present, absent) -> None:
    record = _record(name)
    html = (PAGES / name).read_text("utf-8")
    source = record["source"]
    assert source["format"] == "html"
    assert (source["title"], source["date"], source["url"]) == (title, date, url)
    assert source["chars"] == len(html)  # the decoded input; offsets index the extracted text
    problems = [e.message for e in Draft202012Validator(render.schema()).iter_errors(record)]
    assert problems == []
    text = read_page(html).text
    for seg in record["segments"]:
        assert 0 <= seg["start"] < seg["end"] <= len(text)
    _assert_evidence_indexes(record, text)
    dumped = json.dumps(record, ensure_ascii=False)
    for words in absent:
        if words not in ("Play", "promo"):  # too short to look for in a whole record
            assert words not in dumped, words


def _assert_evidence_indexes(record: dict, text: str) -> None:
    def walk(value):
        if isinstance(value, dict):
            if {"segment", "start", "end", "text"} <= value.keys():
                assert text[value["start"]:value["end"]] == value["text"]
            else:
                for child in value.values():
                    walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(record["facts"])
    walk(record["fact_evidence"])


def test_a_bilingual_release_aligns_its_two_versions_without_the_footers() -> None:
    record = _record("gov-release-bilingual.html")
    assert record["layout"] == "en-then-zh"
    furniture = {s["id"] for s in record["segments"] if s["kind"] in ("boilerplate", "vocabulary", "other_article")}
    assert len(furniture) >= 6  # Ends/..., Issued at HKT, NNNN, 完, the date, 香港時間
    links = record["alignment"]
    assert len(links) == 4
    assert not {i for link in links for i in link["en"] + link["zh"]} & furniture
    assert record["inconsistencies"] == []


def test_plain_text_says_text_and_nothing_more() -> None:
    record = extract_bytes("Hackers stole 2 GB from the Example Clinic.\n".encode(), path="a.txt")
    source = record["source"]
    assert source["format"] == "text"
    assert not {"title", "date", "url"} & source.keys()


def test_cli_extract_reads_a_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((PAGES / "hk-news-zh.html").read_bytes())
    result = CliRunner().invoke(app, ["extract", str(page), "--format", "json"], prog_name="extractor")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "html" and record["source"]["date"] == "2025-03-14"
    assert [a["zh"] for a in record["facts"]["actor"]] == ["Akira"]
    assert "LockBit" not in result.stdout and "Medusa" not in result.stdout


def test_trafilatura_loads_only_when_a_page_is_read() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from extractor.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "from extractor.core import extract_bytes\n"
        "extract_bytes('Hackers stole 2 GB from the Example Clinic.'.encode())\n"
        "print('trafilatura' in sys.modules)\n"
        "extract_bytes(b'<html><body><article><p>Hackers stole 2 GB from the Example Clinic.</p></article></body></html>')\n"
        "print('trafilatura' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
