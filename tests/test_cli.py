"""The CLI surface, against a fake core (see the CLI section of conftest.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import __version__, render
from extractor.cli import app
from extractor.errors import ExitCode

runner = CliRunner()


def invoke(*args: str, input: bytes | str | None = None):
    return runner.invoke(app, list(args), input=input, prog_name="extractor")


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- extract: formats ---------------------------------------------------------------------


def test_json_one_file_is_one_object(fake_core, article_file) -> None:
    result = invoke("extract", article_file)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert isinstance(record, dict)
    assert record["source"]["path"] == article_file
    assert record["facts"]["victim"][0]["zh"] == "北歐醫療集團"
    assert result.stdout == render.to_json(record)  # indent=2, raw UTF-8, trailing newline
    assert "北歐醫療集團" in result.stdout
    assert result.stderr == ""


def test_json_several_files_is_an_array(fake_core, article_file, tmp_path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another article.", encoding="utf-8")
    result = invoke("extract", "--format", "json", article_file, str(other))
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["source"]["path"] for r in records] == [article_file, str(other)]


def test_jsonl_two_files_gives_two_lines(fake_core, article_file, tmp_path) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes("另一篇文章。".encode("utf-8"))
    result = invoke("extract", "--format", "jsonl", article_file, str(other))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"]["path"] for line in lines] == [article_file, str(other)]
    assert all(": " not in line[:40] and "\\u" not in line for line in lines)  # compact, raw UTF-8


def test_stdin_dash(fake_core) -> None:
    data = "Hackers hit a hospital.\n駭客攻擊醫院。\n".encode("utf-8")
    result = invoke("extract", "-", input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"]["path"] is None
    assert fake_core.calls == [(data, None, None)]


def test_stdin_twice_is_a_usage_error(fake_core) -> None:
    result = invoke("extract", "-", "-", input=b"x")
    assert result.exit_code == ExitCode.USAGE
    assert fake_core.calls == []


def test_encoding_is_passed_to_the_core(fake_core, article_file) -> None:
    result = invoke("extract", "--encoding", "BIG5", article_file)
    assert result.exit_code == 0, result.output
    assert fake_core.calls[0][2] == "big5"


def test_unknown_encoding_is_a_usage_error(fake_core, article_file) -> None:
    result = invoke("extract", "--encoding", "no-such-codec", article_file)
    assert result.exit_code == ExitCode.USAGE
    assert "unknown encoding" in result.stderr
    assert fake_core.calls == []


def test_bad_format_is_a_usage_error(fake_core, article_file) -> None:
    result = invoke("extract", "--format", "xml", article_file)
    assert result.exit_code == ExitCode.USAGE


def test_output_file_is_utf8(fake_core, article_file, tmp_path) -> None:
    out = tmp_path / "record.json"
    result = invoke("extract", "--output", str(out), article_file)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_bytes().decode("utf-8")  # json by default: a file is not a terminal
    assert json.loads(text)["facts"]["country"]["zh"] == "丹麥"


def test_unwritable_output_is_e301(fake_core, article_file, tmp_path) -> None:
    out = tmp_path / "missing-dir" / "record.json"
    result = invoke("extract", "--output", str(out), article_file)
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr.startswith("extractor: error: [E301] cannot write")
    assert_no_traceback(result)


# --- extract: errors ----------------------------------------------------------------------


def test_missing_file_is_e101(fake_core, tmp_path) -> None:
    missing = str(tmp_path / "nope.txt")
    result = invoke("extract", missing)
    assert result.exit_code == ExitCode.INPUT == 3
    assert result.stderr == f"extractor: error: [E101] no such file: {missing}\n"
    assert result.stdout == ""
    assert_no_traceback(result)
    assert fake_core.calls == []


def test_directory_is_e102(fake_core, tmp_path) -> None:
    result = invoke("extract", str(tmp_path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.startswith("extractor: error: [E102] ")
    assert len(result.stderr.splitlines()) == 1


def test_core_error_uses_its_code(fake_core, tmp_path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(b"BADENC \xa4\xa4")
    result = invoke("extract", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == "extractor: error: [E103] cannot decode input as utf-8; try --encoding big5\n"


def test_unexpected_exception_is_one_line_internal_error(fake_core, tmp_path) -> None:
    path = tmp_path / "boom.txt"
    path.write_bytes(b"BOOM")
    result = invoke("extract", str(path))
    assert result.exit_code == ExitCode.INTERNAL == 70
    assert result.stderr == (
        f"extractor: internal error on {path}: RuntimeError: kaboom second line (please report)\n"
    )
    assert_no_traceback(result)


def test_batch_with_one_missing_file_writes_the_good_one(fake_core, article_file, tmp_path) -> None:
    missing = str(tmp_path / "nope.txt")
    result = invoke("extract", "--format", "jsonl", missing, article_file)
    assert result.exit_code == ExitCode.PARTIAL == 1
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [article_file]
    assert result.stderr.splitlines() == [f"extractor: error: [E101] no such file: {missing}"]
    assert_no_traceback(result)


def test_batch_json_stays_an_array_when_one_fails(fake_core, article_file, tmp_path) -> None:
    boom = tmp_path / "boom.txt"
    boom.write_bytes(b"BOOM")
    result = invoke("extract", str(boom), article_file)
    assert result.exit_code == ExitCode.PARTIAL
    assert [r["source"]["path"] for r in json.loads(result.stdout)] == [article_file]
    assert "internal error on" in result.stderr


def test_batch_all_failed_exits_with_the_first_code(fake_core, tmp_path) -> None:
    boom = tmp_path / "boom.txt"
    boom.write_bytes(b"BOOM")
    result = invoke("extract", str(tmp_path / "nope.txt"), str(boom))
    assert result.exit_code == ExitCode.INPUT
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2


def test_broken_pipe_exits_quietly(fake_core, article_file, monkeypatch) -> None:
    import extractor.cli

    def broken(text, output):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(extractor.cli, "write_output", broken)
    result = invoke("extract", article_file)
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr == ""


# --- extract: table -----------------------------------------------------------------------


def test_table_shows_both_languages(fake_core, article_file) -> None:
    result = invoke("extract", "--format", "table", article_file)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("北歐醫療集團", "丹麥", "身分證號碼", "超過50萬", "約1.2TB", "Nordic Care Hospitals"):
        assert text in out
    for text in ("Field", "English", "中文", "Detail", "en-then-zh", "zh-Hant"):
        assert text in out
    assert "1.3 TB (1,300,000,000,000 bytes)" in out
    assert "3 paragraph links, 0 orphans" in out
    assert "Inconsistencies" in out
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


def test_table_does_not_interpret_markup_in_article_text(fake_core, article_file) -> None:
    fake_core.victim = "[bold]Evil[/bold] Corp :smile: [/]"
    result = invoke("extract", "--format", "table", article_file)
    assert result.exit_code == 0, result.output
    assert "[bold]Evil[/bold] Corp :smile: [/]" in result.stdout


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1.3e12, "1.3 TB (1,300,000,000,000 bytes)"),
        (500, "500 bytes"),
        (1, "1 byte"),
        (2_500_000, "2.5 MB (2,500,000 bytes)"),
        (1.25e15, "1.25 PB (1,250,000,000,000,000 bytes)"),
    ],
)
def test_human_bytes(n: float, expected: str) -> None:
    assert render.human_bytes(n) == expected


# --- other commands -----------------------------------------------------------------------


def test_help_lists_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "extract" in result.stdout and "schema" in result.stdout


def test_extract_help_documents_exit_codes() -> None:
    result = invoke("extract", "--help")
    assert result.exit_code == 0
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "70 "):
        assert f"\n    {code}" in result.stdout, code


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"extractor {__version__}\n" == "extractor 0.1.0\n"


def test_schema_command_prints_the_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == render.schema()


# --- process-level behaviour --------------------------------------------------------------


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout.strip()


def test_importing_the_cli_does_not_import_spacy_or_the_core() -> None:
    code = "import sys, extractor.cli; print('spacy' in sys.modules, 'extractor.core' in sys.modules)"
    assert _run(code) == "False False"


def test_python_dash_m_reports_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "extractor", "--version"], capture_output=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0
    assert result.stdout == b"extractor 0.1.0\n"



# --- global options (issue 5): --max-bytes, --debug, --fail-empty ---------------------------


def test_max_bytes_refuses_before_the_core_is_called(fake_core, article_file) -> None:
    result = invoke("--max-bytes", "10", "extract", article_file)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.startswith("extractor: error: [E106] ") and "--max-bytes" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert fake_core.calls == [] and result.stdout == ""


def test_debug_adds_the_traceback_of_an_internal_error(fake_core, tmp_path) -> None:
    path = tmp_path / "boom.txt"
    path.write_bytes(b"BOOM")
    result = invoke("--debug", "extract", str(path))
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr.startswith("extractor: internal error on ")
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: kaboom" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["batch", "-q", "--out", "{tmp}/no/dir/out.jsonl"]])
def test_debug_adds_the_traceback_to_an_error_of_any_command(fake_core, tmp_path, command) -> None:
    args = [a.format(tmp=tmp_path) for a in command] + [str(tmp_path / "nope.txt")]
    plain, debug = invoke(*args), invoke("--debug", *args)
    assert plain.exit_code == debug.exit_code in (ExitCode.INPUT, ExitCode.OUTPUT)
    assert len(plain.stderr.splitlines()) == 1 and plain.stderr.startswith("extractor: error: [E")
    assert debug.stderr.startswith(plain.stderr) and "Traceback (most recent call last)" in debug.stderr


def test_fail_empty_passes_a_record_with_facts(fake_core, article_file) -> None:
    result = invoke("--fail-empty", "extract", article_file)
    assert result.exit_code == 0 and result.stderr == ""


def test_options_do_not_leak_between_invocations(fake_core, article_file) -> None:
    assert invoke("--max-bytes", "10", "extract", article_file).exit_code == ExitCode.INPUT
    assert invoke("extract", article_file).exit_code == 0
