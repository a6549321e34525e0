"""Help text, README help blocks, --version and shell completion.

Walks every command registered on the app, so commands added later are held to the same
rules without editing this file.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app

REPO = Path(__file__).resolve().parents[1]


def _readme_help():
    spec = importlib.util.spec_from_file_location("readme_help", REPO / "scripts" / "readme_help.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_help = _readme_help()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands.items())  # type: ignore[attr-defined]


@pytest.mark.parametrize("name, command", COMMANDS)
def test_every_command_and_option_has_help(name, command):
    assert (command.help or "").strip(), f"`extractor {name}` has no help"
    for param in command.params:
        if param.name == "help":
            continue
        assert (getattr(param, "help", None) or "").strip(), f"`extractor {name}` parameter {param.name} has no help"


def test_root_options_have_help():
    for param in GROUP.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert (param.help or "").strip(), param.name


def test_readme_help_blocks_match_the_cli():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_help.stale(readme) == [], "README help is out of date: run python scripts/readme_help.py"


def test_readme_help_check_detects_a_stale_block():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    broken = readme.replace("Print the version and exit.", "Print the version.", 1)
    assert broken != readme
    assert "extractor" in readme_help.stale(broken)
    assert readme_help.stale(readme_help.render(broken)) == []


def test_readme_help_generator_appends_missing_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- help: extractor schema -->")
    end = readme.index("<!-- /help -->", start) + len("<!-- /help -->")
    without = readme[:start] + readme[end:]
    assert "extractor schema" in readme_help.stale(without)
    assert "<!-- help: extractor schema -->" in readme_help.render(without)


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"extractor {__version__}\n"


def test_shell_completion_script():
    code = "from extractor.cli import main; main()"
    out = subprocess.run([sys.executable, "-c", code, "--show-completion", "bash"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert out.returncode == 0, out.stderr
    assert "complete" in out.stdout and "_EXTRACTOR_COMPLETE" in out.stdout.upper()


def test_completion_lists_formats():
    env = {"_EXTRACTOR_COMPLETE": "complete_bash", "COMP_WORDS": "extractor extract a.txt --format ", "COMP_CWORD": "4"}
    code = "from extractor.cli import main; main()"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", **env})
    for fmt in ("json", "stix", "misp", "csv", "markdown"):
        assert fmt in out.stdout.split(), out.stdout + out.stderr


# --- the README's format examples are real output -----------------------------------------


def _block_after(readme: str, marker: str) -> str:
    import re

    at = readme.index(marker)
    m = re.search(r"```\n(.*?)```", readme[at:], re.S)
    assert m, marker
    return m.group(1)


@pytest.fixture(scope="module")
def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def _run(monkeypatch, *args: str):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_readme_csv_example_is_real_output(readme, monkeypatch):
    out = _run(monkeypatch, "samples/s03-sg-bank-8base.txt", "--format", "csv")
    assert _block_after(readme, "--format csv` prints (real output)") == out.replace("\r\n", "\n")


def test_readme_markdown_example_is_real_output(readme, monkeypatch):
    out = _run(monkeypatch, "samples/s03-sg-bank-8base.txt", "--format", "markdown")
    shown = _block_after(readme, "--format markdown` (real output)")
    assert out.startswith(shown.rstrip("\n"))


def test_readme_stix_and_misp_examples_are_real_output(readme, monkeypatch):
    import json

    bundle = json.loads(_run(monkeypatch, "samples/s01-hk-school-rhysida.txt", "--format", "stix"))
    shown = json.loads("[" + _block_after(readme, "--format stix` (real output") + "]")
    assert shown and all(o in bundle["objects"] for o in shown)
    event = json.loads(_run(monkeypatch, "samples/s03-sg-bank-8base.txt", "--format", "misp"))["Event"]
    shown = json.loads(_block_after(readme, "--format misp` (real output"))
    assert shown["info"] == event["info"]
    real = [{k: a[k] for k in ("type", "object_relation", "value")} for a in event["Object"][0]["Attribute"]]
    assert shown["Object"][0]["Attribute"] == real


def test_readme_explain_example_is_real_output(readme, monkeypatch):
    out = _run(monkeypatch, "samples/s03-sg-bank-8base.txt", "--explain", "--format", "table")
    for line in _block_after(readme, "--explain`\n(real output").splitlines():
        assert line in out.splitlines(), line
