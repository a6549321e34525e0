"""Keep the `--help` text in README.md in sync with the CLI.

The README holds one block per command between markers:

    <!-- help: extractor extract -->
    ```
    ...the output of `extractor extract --help`...
    ```
    <!-- /help -->

This script regenerates every block from the code (`python scripts/readme_help.py`), or
only checks them (`--check`: exit 1 and name the stale blocks). It walks every command
registered on the Typer app, so commands added later get a block appended to the
"Command reference" section automatically. tests/test_help.py runs the check in CI.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WIDTH = 100
SECTION = "## Command reference"
_BLOCK = re.compile(r"<!-- help: (?P<name>[^>]*?) -->\n```\n(?P<body>.*?)```\n<!-- /help -->", re.S)


def commands() -> list[tuple[str, list[str]]]:
    """(display name, argv) for the root and every registered command, in registration order."""
    import typer.main

    from extractor.cli import PROG, app

    group = typer.main.get_command(app)
    out = [(PROG, [])]
    for name in group.commands:  # type: ignore[attr-defined]
        out.append((f"{PROG} {name}", [name]))
    return out


def help_text(argv: list[str]) -> str:
    """The `--help` output for argv at a fixed width, as a user sees it."""
    import typer.main
    from click.testing import CliRunner

    from extractor.cli import PROG, app

    group = typer.main.get_command(app)
    result = CliRunner().invoke(group, [*argv, "--help"], prog_name=PROG, terminal_width=WIDTH,
                                max_content_width=WIDTH, env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    if result.exit_code != 0:
        raise RuntimeError(f"{PROG} {' '.join(argv)} --help failed: {result.output}")
    return "".join(line.rstrip() + "\n" for line in result.output.rstrip().splitlines())


def block(name: str, argv: list[str]) -> str:
    return f"<!-- help: {name} -->\n```\n{help_text(argv)}```\n<!-- /help -->"


def render(readme: str) -> str:
    """The README with every help block regenerated and missing ones appended."""
    wanted = dict((name, argv) for name, argv in commands())
    present = {m.group("name") for m in _BLOCK.finditer(readme)}
    text = _BLOCK.sub(lambda m: block(m.group("name"), wanted[m.group("name")]) if m.group("name") in wanted
                      else m.group(0), readme)
    missing = [name for name in wanted if name not in present]
    if missing:
        extra = "\n\n".join(f"### `{name}`\n\n{block(name, wanted[name])}" for name in missing)
        if SECTION in text:
            # append after the last block of the section (before the next "## " heading)
            start = text.index(SECTION)
            nxt = text.find("\n## ", start + len(SECTION))
            end = len(text) if nxt < 0 else nxt
            text = text[:end].rstrip("\n") + "\n\n" + extra + "\n" + text[end:]
        else:
            text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{extra}\n"
    return text


def stale(readme: str) -> list[str]:
    """Names of the blocks that differ from the CLI or are missing."""
    wanted = dict(commands())
    found = {m.group("name"): m.group(0) for m in _BLOCK.finditer(readme)}
    out = [name for name in wanted if found.get(name) != block(name, wanted[name])]
    out += [name for name in found if name not in wanted]  # a command that no longer exists
    return out


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    if "--check" in argv:
        names = stale(readme)
        if names:
            print(f"README.md help out of date for: {', '.join(names)}; run python scripts/readme_help.py",
                  file=sys.stderr)
            return 1
        return 0
    new = render(readme)
    if new != readme:
        README.write_text(new, encoding="utf-8")
        print("README.md: help blocks updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
