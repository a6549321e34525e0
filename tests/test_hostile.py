"""Hostile and messy input through the real CLI and core: the exit-code contract, encodings,
pathological text under a time bound, determinism, no network, terminal safety."""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import evidence_objects
from extractor import render
from extractor.cli import OutputFormat, app
from extractor.cli import extract as extract_command
from extractor.core import extract_bytes, extract_text
from extractor.errors import EXIT_CODES, ExitCode, catalogue

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: a short bilingual incident report (English, then Traditional Chinese,
# with 裏 and 碁 that Python's `big5` codec lacks but cp950 has).
EN = (
    "Hackers breach Taiwanese PC maker's supplier portal\n\n"
    "The ransomware group Medusa says it stole 310 GB of files from Harborlight Components, "
    "a parts supplier in Taiwan, including passport scans and payroll records of 8,400 employees.\n\n"
    "The company said its servers were encrypted but it would not pay the ransom.\n"
)
ZH = (
    "駭客入侵台灣電腦製造商供應商入口網站\n\n"
    "勒索軟體集團Medusa表示，已從台灣零件供應商Harborlight Components竊取310GB檔案，"
    "包括8,400名員工的護照掃描及薪資紀錄。\n\n"
    "該公司表示，伺服器裏的資料遭加密，但不會支付贖金。宏碁並未受影響。\n"
)
ARTICLE = EN + "\n" + ZH
NO_FACTS = "The weather in the harbour was mild on Tuesday, and the ferries ran to schedule.\n"

runner = CliRunner()


def cli(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input, prog_name="extractor")


def _schema_ok(record: dict) -> None:
    jsonschema.validate(record, render.schema())


# --- the exit-code contract: one row per bad input ---------------------------------------------

# (id, file bytes or None for "no such file", extra global options, extra extract options,
#  exit code, stderr code or None, stdout: "empty" | "record" | "empty-record")
BAD_INPUTS = [
    ("ok-utf8", ARTICLE.encode("utf-8"), [], [], 0, None, "record"),
    ("missing-file", None, [], [], 3, "E101", "empty"),
    ("directory", "DIR", [], [], 3, "E102", "empty"),
    ("stray-bytes", b"Harborlight \xff\xfe\xfa breach", [], [], 3, "E103", "empty"),
    ("latin-1", "Hackers hit the Montréal café chain.".encode("latin-1"), [], [], 3, "E103", "empty"),
    ("wrong-encoding-option", ZH.encode("cp950"), [], ["--encoding", "utf-8"], 3, "E103", "empty"),
    ("pdf-renamed-txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", [], [], 3, "E105", "empty"),
    ("elf", b"\x7fELF\x02\x01\x01\x00" + bytes(120), [], [], 3, "E105", "empty"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), [], [], 3, "E105", "empty"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", [], [], 3, "E105", "empty"),
    ("docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", [], [], 3, "E105", "empty"),
    ("nul-bytes", EN.encode("utf-8") + b"\x00\x00\x00\x01" + EN.encode("utf-8"), [], [], 3, "E105", "empty"),
    ("too-large", ARTICLE.encode("utf-8"), ["--max-bytes", "100"], [], 3, "E106", "empty"),
    ("empty", b"", [], [], 0, "W101", "empty-record"),
    ("whitespace-only", " \r\n\t\n\u3000".encode("utf-8"), [], [], 0, "W101",
     "empty-record"),
    ("empty-fail-empty", b"", ["--fail-empty"], [], 1, "W103", "empty-record"),
    ("no-facts-fail-empty", NO_FACTS.encode("utf-8"), ["--fail-empty"], [], 1, "W103", "record"),
    ("no-facts", NO_FACTS.encode("utf-8"), [], [], 0, None, "record"),
    ("big5-detected", ARTICLE.encode("cp950"), [], [], 0, "W102", "record"),
    ("unknown-encoding", ARTICLE.encode("utf-8"), [], ["--encoding", "klingon-8"], 2, None, "empty"),
    ("bad-max-bytes", ARTICLE.encode("utf-8"), ["--max-bytes", "0"], [], 2, None, "empty"),
    ("bad-format", ARTICLE.encode("utf-8"), [], ["--format", "xml"], 2, None, "empty"),
]


@pytest.mark.parametrize(("data", "global_opts", "opts", "exit_code", "code", "stdout"),
                         [pytest.param(*row[1:], id=row[0]) for row in BAD_INPUTS])
def test_bad_input_table(tmp_path, data, global_opts, opts, exit_code, code, stdout) -> None:
    path = tmp_path / "article.txt"
    if data == "DIR":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    result = cli(*global_opts, "extract", "--format", "json", *opts, str(path))
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.stderr
    if exit_code != ExitCode.USAGE:
        lines = result.stderr.splitlines()
        if code is None:
            assert lines == []
        else:
            assert any(f"[{code}]" in line for line in lines), result.stderr
            assert all(line.startswith("extractor: ") for line in lines)
        if code and code.startswith("E"):
            assert len(lines) == 1  # one line, with the code and what to do
    if stdout == "empty":
        assert result.stdout == ""
    else:
        record = json.loads(result.stdout)
        _schema_ok(record)
        if stdout == "empty-record":
            assert record["segments"] == [] and record["warnings"][0].startswith("[W101]")


def test_stdin_over_max_bytes_is_refused() -> None:
    result = cli("--max-bytes", "50", "extract", "-", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == ExitCode.INPUT
    assert "[E106]" in result.stderr and result.stdout == ""


def test_debug_shows_the_traceback_and_only_then(tmp_path) -> None:
    path = tmp_path / "a.pdf.txt"
    path.write_bytes(b"%PDF-1.4\n")
    quiet = cli("extract", str(path))
    loud = cli("--debug", "extract", str(path))
    assert quiet.exit_code == loud.exit_code == ExitCode.INPUT
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr and "BinaryInput" in loud.stderr
    assert loud.stdout == quiet.stdout == ""


def test_every_code_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Input, encodings and exit codes"):]
    for code, _, _ in catalogue():
        assert f"`{code}`" in section, code
    for exit_code in EXIT_CODES:
        assert f"| `{exit_code}` |" in section, exit_code
    assert {int(c) for c in ExitCode} == set(EXIT_CODES)


# --- the same article in every encoding gives the same record -----------------------------------

# Hong Kong usage only Big5-HKSCS encodes (嘅 咗 are HKSCS additions to Big5)
HK_LINE = "\n警方話，黑客上星期入侵咗嗰間公司嘅系統。\n"

# (encoder, text, encoding the record must name)
ENCODINGS = [
    pytest.param(lambda t: t.encode("cp950"), ARTICLE, "cp950", id="big5-cp950"),
    pytest.param(lambda t: t.encode("big5hkscs"), ARTICLE + HK_LINE, "big5hkscs", id="big5-hkscs"),
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), ARTICLE, "utf-16-le", id="utf-16-le-bom"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), ARTICLE, "utf-16-be", id="utf-16-be-bom"),
    pytest.param(lambda t: t.encode("utf-16-le"), ARTICLE, "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(lambda t: t.encode("gb18030"), ARTICLE + HK_LINE, "gb18030", id="gb18030"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), ARTICLE, "utf-8", id="utf-8-bom"),
]


@lru_cache(maxsize=None)
def utf8_record(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"))


@pytest.mark.parametrize(("encode", "text", "name"), ENCODINGS)
def test_every_encoding_gives_the_facts_of_utf8(encode, text, name) -> None:
    record, expected = extract_bytes(encode(text)), utf8_record(text)
    assert record["source"]["encoding"] == name
    assert expected["facts"]["victim"] and expected["facts"]["data_size"]  # the article has facts
    for key in record:
        if key not in ("source", "warnings"):
            assert record[key] == expected[key], key


# --- pathological text finishes in time proportional to its size -------------------------------

# Each must finish within BOUND_FACTOR times the time ordinary prose of the same length takes
# (measured on this machine, so a slow CI runner moves both), plus a second of slack. Before
# the patterns were bounded, 200,000 digits took hours.
BOUND_FACTOR = 8
PATHOLOGICAL = [
    pytest.param(lambda: "ransomware " * 50_000, id="token-x50000"),
    pytest.param(lambda: "7" * 100_000, id="digits"),
    pytest.param(lambda: "." * 200_000, id="dots"),
    pytest.param(lambda: "Hackers" + " " * 200_000 + "stole data.", id="spaces"),
    pytest.param(lambda: "[(" * 50_000 + "$" * 20_000, id="brackets"),
    pytest.param(lambda: "資料外洩駭客攻擊醫院集團" * 28_000, id="zh-1mb-line"),
    pytest.param(lambda: "..//" * 50_000, id="dot-dot-slash"),
    pytest.param(lambda: "1.2,3" * 30_000 + "GB", id="number-soup"),
    pytest.param(lambda: "Akira stole 5 GB from Acme Corp" + "-Acme" * 30_000, id="name-soup"),
    pytest.param(lambda: _random_chinese(60_000), id="random-chinese-with-many-companies"),
]


def _random_chinese(n: int) -> str:
    """Common characters at random, with 公司 (an organisation suffix) every fifty or so."""
    import random

    from extractor.decode import _common_han

    chars, rnd = sorted(_common_han()[0]), random.Random(5)
    return "".join(rnd.choice(chars) if rnd.random() > 0.02 else "公司" for _ in range(n))


@pytest.fixture(scope="module")
def seconds_per_char() -> float:
    prose = "\n\n".join([EN.replace("\n\n", " ")] * 40 + [ZH.replace("\n\n", "")] * 40)
    extract_text(prose)  # warm the pipelines
    start = time.perf_counter()
    extract_text(prose)
    return (time.perf_counter() - start) / len(prose)


@pytest.mark.parametrize("make", PATHOLOGICAL)
def test_pathological_text_finishes_in_proportional_time(seconds_per_char, make) -> None:
    text = make()
    start = time.perf_counter()
    record = extract_text(text)
    elapsed = time.perf_counter() - start
    bound = 1.0 + BOUND_FACTOR * seconds_per_char * len(text)
    assert elapsed < bound, f"{len(text):,} chars took {elapsed:.2f}s, bound {bound:.2f}s"
    _schema_ok(record)


def test_text_past_max_length_is_chunked_with_true_offsets() -> None:
    """Over spaCy's 1,000,000-character max_length: segments cut at sentence ends, offsets exact."""
    fact = "Qilin said it stole 12 GB of data from Harborlight Components in Taiwan. "
    text = fact + "It was. " * 131_250 + fact.strip()
    record = extract_text(text)
    segments = record["segments"]
    assert len(segments) > 1 and max(s["end"] - s["start"] for s in segments) <= 20_000
    assert all(text[s["start"]:s["end"]].endswith(".") for s in segments)
    assert " ".join(text[s["start"]:s["end"]] for s in segments) == text  # nothing lost
    spans = [(e["start"], e["end"], e["text"]) for e in evidence_objects(record)]
    assert spans and all(text[a:b] == t for a, b, t in spans)
    assert any(a > 1_000_000 and t == "Harborlight Components" for a, _, t in spans)


# --- determinism and no network ------------------------------------------------------------------

_RUNNER = r"""
import hashlib, socket, sys
from extractor.core import extract_bytes
from extractor.render import to_json
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
data = sys.stdin.buffer.read()
outputs = {to_json(extract_bytes(data, path="article.txt")) for _ in range(10)}
assert len(outputs) == 1, "output differs between runs in one process"
sys.stdout.write(hashlib.sha256(outputs.pop().encode("utf-8")).hexdigest())
"""


def test_output_is_byte_identical_across_runs_and_hash_seeds_with_sockets_disabled() -> None:
    data = (ARTICLE + "\n" + NO_FACTS).encode("cp950")
    procs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.Popen([sys.executable, "-c", _RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        proc.stdin.write(data)
        proc.stdin.close()
        procs.append(proc)
    digests = []
    for proc in procs:
        out, err = proc.stdout.read(), proc.stderr.read()
        assert proc.wait(timeout=120) == 0, err.decode()
        digests.append(out.decode())
    in_process = {hashlib.sha256(render.to_json(extract_bytes(data, path="article.txt")).encode("utf-8")).hexdigest()
                  for _ in range(20)}
    assert len(in_process) == 1
    assert set(digests) == in_process


# --- terminal safety -----------------------------------------------------------------------------

MARKUP = "Attackers left a note: [/] [bold]PAY[/bold] C:\\[x] [link=http://x]y[/link] :skull:"


def test_markup_in_article_text_is_printed_literally_in_tables() -> None:
    record = extract_text(ARTICLE)
    record["facts"]["victim"] = [{"en": MARKUP, "zh": "[red]公司[/red]", "evidence": []}]
    record["warnings"] = ["[W102] " + MARKUP]
    table = render.to_table(record, width=400)
    assert MARKUP in table and "[red]公司[/red]" in table
    coloured = render.to_table(record, width=400, color=True)
    assert MARKUP in coloured


@pytest.mark.parametrize("columns", ["20", "400"])
def test_json_is_never_wrapped_or_coloured(tmp_path, monkeypatch, columns) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN.replace("Harborlight Components", "Harborlight [bold]Components[/bold]"), encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = cli("extract", "--format", "json", str(path))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    record = json.loads(result.stdout)
    assert result.stdout == render.to_json(record)


class _Terminal(io.TextIOWrapper):
    """A stdout that says it is a terminal, with the bytes kept for the test."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def isatty(self) -> bool:
        return True

    def written(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("fmt", [OutputFormat.json, OutputFormat.jsonl])
def test_json_on_a_narrow_colour_terminal_is_plain(tmp_path, monkeypatch, fmt) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN.replace("Harborlight Components", "Harborlight [bold]Components[/bold]"), encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "20")
    monkeypatch.setenv("FORCE_COLOR", "1")
    extract_command([str(path)], fmt=fmt, encoding=None, output=None)
    out = terminal.written()
    assert "\x1b[" not in out and "[bold]Components[/bold]" in out
    assert out == (render.to_json if fmt is OutputFormat.json else render.to_jsonl)(
        [json.loads(out)] if fmt is OutputFormat.jsonl else json.loads(out))
    assert max(len(line) for line in out.splitlines()) > 20  # not wrapped to COLUMNS


def test_the_default_on_a_terminal_is_a_table_with_markup_shown_literally(tmp_path, monkeypatch) -> None:
    (tmp_path / "[bold]x[").mkdir()
    path = tmp_path / "[bold]x[" / "] C:\\[x].txt"  # shown in the table's header as .../[bold]x[/] C:\[x].txt
    path.write_text(EN, encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "300")
    extract_command([str(path)], fmt=None, encoding=None, output=None)
    out = re.sub(r"\x1b\[[0-9;]*m", "", terminal.written())  # the table may be coloured
    assert "Field" in out and "Harborlight Components" in out
    assert f"Source: {path}" in out and "[bold]x[/] C:\\[x].txt" in out


def test_warnings_never_reach_stdout(tmp_path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(ARTICLE.encode("cp950"))
    result = cli("extract", "--format", "jsonl", str(path))
    assert result.exit_code == 0
    assert "extractor: warning: " in result.stderr and "[W102]" in result.stderr
    assert len(result.stdout.splitlines()) == 1
    record = json.loads(result.stdout)  # stdout is the record and nothing else
    assert result.stdout.count("[W102]") == 1 and record["warnings"][0].startswith("[W102]")
    assert "extractor:" not in result.stdout


# --- bounded patterns ----------------------------------------------------------------------------

from extractor.components.patterns import pattern_risk, validate_cues  # noqa: E402
from extractor.errors import ModelDataInvalid  # noqa: E402

# (pattern, words the reason must contain, or None for a safe pattern)
PATTERN_RISKS = [
    pytest.param(r"(?P<name>[A-Z][A-Za-z0-9.\-]*) ransomware", "unbounded", id="star"),
    pytest.param(r"[0-9.,]+(?:萬|万)?美元", "unbounded", id="plus"),
    pytest.param(r"(?:\w+ )+encrypted", "unbounded", id="nested"),
    pytest.param(r"x{2,}", "unbounded", id="open-range"),
    pytest.param(r"(?=\w+ing)", "unbounded", id="inside-lookahead"),
    pytest.param(r"[^.]{0,500}", "over 200", id="huge-bound"),
    pytest.param(r"\d{1,3} GB", "[0-9]", id="digit-class"),
    pytest.param(r"[\d,]{1,12}", "[0-9]", id="digit-in-set"),
    pytest.param(r"\b(?:did|does) not (?:\w{1,40} ){0,2}(?:encrypt|lock)\b", None, id="safe-words"),
    pytest.param(r"[0-9]{1,3}(?:,[0-9]{3}){0,4}", None, id="safe-number"),
    pytest.param(r"(?<!\bby )\bencrypted\b", None, id="safe-lookbehind"),
]


@pytest.mark.parametrize(("pattern", "words"), PATTERN_RISKS)
def test_pattern_risk(pattern: str, words: str | None) -> None:
    risk = pattern_risk(pattern)
    if words is None:
        assert risk is None
    else:
        assert risk is not None and words in risk


def test_an_unsafe_cue_is_refused_at_load_time() -> None:
    rows = [{"name": "ok", "lang": "en", "label": "RANSOM", "pattern": r"\bransom\b", "score": 0.5},
            {"name": "bad", "lang": "en", "label": "ACTOR", "pattern": r"(?P<name>[A-Z]\w*) gang", "score": 0.5}]
    with pytest.raises(ModelDataInvalid) as info:
        validate_cues(rows, "en")
    assert info.value.code == "E202" and "cues.jsonl:2" in str(info.value) and "'bad'" in str(info.value)


def test_every_shipped_cue_runs_in_linear_time() -> None:
    """Each rule on 10,000 characters of each adversarial run: fast, as a linear scan is."""
    from extractor.nlp import load

    runs = ["7" * 10_000, "A" * 10_000, "a " * 5_000, "." * 10_000, "[(" * 5_000, "資料" * 5_000,
            "1,2." * 2_500, "Acme-" * 2_000, "ransom " * 1_500]
    for family in ("en", "zh"):
        rules = load(family).get_pipe("extractor_cues").rules.values()
        for rule in rules:
            assert pattern_risk(rule.regex.pattern) is None, rule.name
            for run in runs:
                start = time.perf_counter()
                for _ in rule.regex.finditer(run):
                    pass
                assert time.perf_counter() - start < 0.5, (rule.name, run[:8])
