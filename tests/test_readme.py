"""The README stays true: its example output is what the tool prints, its commands exist."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    at = README.index(marker)
    m = re.search(r"```\n(.*?)```", README[at:], re.S)
    assert m, f"no code block after {marker!r}"
    return m.group(1)


def test_table_example_is_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", "samples/s03-sg-bank-8base.txt", "--format", "table"])
    assert result.exit_code == 0, result.output
    shown = _block_after("prints (real output)")
    assert shown.strip() == result.stdout.strip()


def test_json_excerpt_is_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", "samples/s03-sg-bank-8base.txt", "--format", "json"])
    assert result.exit_code == 0
    excerpt = _block_after("An excerpt of")
    for value in re.findall(r'"(?:text|sentence|rule|segment)": "([^"]+)"', excerpt):
        assert value in result.stdout


def test_every_command_is_documented():
    result = CliRunner().invoke(app, ["--help"])
    commands = re.findall(r"^\s{2}(\w+)\s{2,}", result.stdout.split("Commands")[1], re.M)
    assert commands, result.stdout
    for name in commands:
        assert f"extractor {name}" in README, f"README does not show `extractor {name}`"


def test_install_and_test_commands_match_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]'" in ci and "pip install '.[test]'" in README
    assert "python -m pytest -q" in ci and "python -m pytest -q" in README


# --- "Checking a translation" (issue 3) ---------------------------------------------------------


def test_check_example_is_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    args = ["check", "examples/check/orchard-lane.en.txt", "examples/check/orchard-lane.zh.txt", "--format", "table"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    shown = _block_after("then a summary (real output)")
    assert shown.strip() == result.stdout.strip()
