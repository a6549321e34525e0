"""The command line's options, defined once and shared by the commands that take them.

Each option is an `Annotated` alias (Typer's way to stack one definition on several
commands, as sqlite-utils stacks `--nl/--csv/--table`); the global options given before the
command (`extractor --debug extract ...`) travel in the root context as `GlobalOptions`,
fresh for each invocation; a command reads them with `global_options(ctx)`. Imports neither spaCy nor the core.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.decode import DEFAULT_MAX_BYTES
from extractor.files import STDIN

__all__ = ["OutputFormat", "CheckFormat", "Engine", "GlobalOptions", "global_options", "checked_inputs",
           "ExtractFormatOption", "CheckFormatOption", "EncodingOption", "BatchEncodingOption", "OutputOption",
           "ExplainOption", "DebugOption", "MaxBytesOption", "FailEmptyOption"]


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    # analysts' formats (extractor/formats/, rendered by render.to_format)
    stix = "stix"
    misp = "misp"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(str, Enum):
    json = "json"
    table = "table"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


# --- global options (before the command) -----------------------------------------------------


@dataclass(frozen=True)
class GlobalOptions:
    """Options given before the command (`extractor --debug extract ...`)."""

    debug: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_empty: bool = False


def global_options(ctx: typer.Context | None) -> GlobalOptions:
    """This invocation's global options, which the root callback keeps in the root context;
    the defaults when a command is called as a function (no context)."""
    found = ctx.find_root().obj if ctx is not None else None
    return found if isinstance(found, GlobalOptions) else GlobalOptions()


DebugOption = Annotated[
    bool,
    typer.Option("--debug", help="On an error, also print the Python traceback (on stderr)."),
]
MaxBytesOption = Annotated[
    int,
    typer.Option("--max-bytes", min=1, metavar="N", help="Refuse input files larger than N bytes (error E106, exit 3)."),
]
FailEmptyOption = Annotated[
    bool,
    typer.Option("--fail-empty", help="Exit 1 when a record has no facts at all (warning W103)."),
]


# --- options of several commands -------------------------------------------------------------


def _format(help: str) -> Any:
    return typer.Option("--format", "-f", case_sensitive=False, help=help, show_default=False)


def _encoding(help: str) -> Any:
    return typer.Option("--encoding", "-e", help=help)


ExtractFormatOption = Annotated[
    OutputFormat | None,
    _format("json (one object; an array for several PATHs), jsonl (one object per line), "
            "table, stix (a STIX 2.1 bundle), misp (a MISP event), csv (a row per article) or markdown "
            "(a report for editors); stix and misp give one document per line for several PATHs. "
            "Default: table on a terminal, json otherwise."),
]
CheckFormatOption = Annotated[
    CheckFormat | None,
    _format("table (aligned paragraphs side by side, then a summary) or json. "
            "Default: table on a terminal, json otherwise."),
]
EncodingOption = Annotated[
    str | None,
    _encoding("Decode the input with this codec (e.g. big5, cp950) instead of detecting it."),
]
BatchEncodingOption = Annotated[
    str | None,
    _encoding("Decode article files with this codec instead of detecting it."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", dir_okay=False, help="Write to FILE (UTF-8) instead of stdout.", metavar="FILE"),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Say why: for each fact the evidence sentences with the matched span marked, the rule and "
        "score, and the candidates that lost and why. json/jsonl: an 'explain' block in each record; "
        "table: text after the table; markdown: a section; stix/misp/csv: text on stderr.",
    ),
]


def checked_inputs(paths: list[str], encoding: str | None, hint: str) -> str | None:
    """Usage checks shared by the commands: '-' at most once, and a codec Python knows.
    Returns the codec's canonical name."""
    if paths.count(STDIN) > 1:
        raise typer.BadParameter("'-' (standard input) can be given only once", param_hint=hint)
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise typer.BadParameter(f"unknown encoding: {encoding}", param_hint="'--encoding'") from None
