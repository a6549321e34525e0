"""The command line: a thin Typer layer over `extractor.core.extract_bytes`.

This module turns arguments into calls, records into bytes on stdout, and exceptions into
one line on stderr plus an exit code (see `extractor.errors.ExitCode`). It imports neither
spaCy nor the core at import time, so `extractor --help` stays fast.
"""
from __future__ import annotations

import codecs
import importlib
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from extractor import __version__
from extractor.decode import DEFAULT_MAX_BYTES, read_file, too_large
from extractor.errors import (
    ExitCode,
    ExtractorError,
    OutputFailed,
    warning,
)

PROG = "extractor"
STDIN = "-"

app = typer.Typer(
    name=PROG,
    help="Turn cyber-incident news articles (English, Traditional Chinese or both) "
    "into one structured bilingual record.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    # analysts' formats (extractor/formats/, rendered by render.to_format)
    stix = "stix"
    misp = "misp"
    csv = "csv"
    markdown = "markdown"


# --- global options (issue 5: hostile input) ------------------------------------------------



@dataclass
class GlobalOptions:
    """Options given before the command (`extractor --debug extract ...`); reset per invocation."""

    debug: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_empty: bool = False


OPTIONS = GlobalOptions()


def _report_debug() -> None:
    """With --debug, the traceback of the exception being handled, on stderr."""
    if OPTIONS.debug:
        sys.stderr.write(traceback.format_exc())
        sys.stderr.flush()


def _report_warnings(record: dict[str, Any], path: str) -> None:
    for line in record.get("warnings") or []:
        _report(f"warning: {_display(path)}: {line}")


def nothing_found(record: dict[str, Any]) -> bool:
    """No fact at all: every list empty, every value null (encryption False is a fact)."""
    return all(value is None or value == [] or value == {} for value in (record.get("facts") or {}).values())


# --- diagnostics (stderr) -------------------------------------------------------------------


def _stderr() -> Console:
    # Built per call so it follows whatever sys.stderr is now (tests swap it).
    return Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _report(message: str) -> None:
    _stderr().print(f"{PROG}: {_one_line(message)}", style="red" if sys.stderr.isatty() else None)


def _report_error(error: ExtractorError) -> None:
    _report(f"error: {error}")


def _report_internal(where: str, error: BaseException) -> None:
    _report(f"internal error{where}: {type(error).__name__}: {error} (please report)")


# --- input and output -----------------------------------------------------------------------


def _display(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def read_input(path: str, max_bytes: int | None = None) -> bytes:
    """The raw bytes of PATH, or of standard input for '-'; decoding is the core's job.

    More than `max_bytes` (default: --max-bytes) raises InputTooLarge before reading it all.
    """
    limit = OPTIONS.max_bytes if max_bytes is None else max_bytes
    if path != STDIN:
        return read_file(path, limit)
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    if len(data) > limit:
        raise too_large(_display(path), "more than", limit)
    return data


def write_output(text: str, output: Path | None) -> None:
    """UTF-8 bytes to OUTPUT or stdout, whatever the locale says."""
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as error:
            raise OutputFailed(f"cannot write {output}: {error.strerror or error}") from None
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (e.g. an IDE console): let it encode
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _render(records: list[dict[str, Any]], fmt: OutputFormat, batch: bool, to_terminal: bool) -> str:
    from extractor import render

    if fmt.value in render.ANALYST_FORMATS:
        return render.to_format(records, fmt.value, batch=batch)
    if fmt is OutputFormat.jsonl:
        return render.to_jsonl(records)
    if fmt is OutputFormat.table:
        if to_terminal:
            return render.to_table(records, width=shutil.get_terminal_size().columns, color=True)
        return render.to_table(records)
    return render.to_json(records if batch else records[0])


def _load_core() -> Callable[..., dict[str, Any]]:
    """The library API (`extractor.api.extract`) as a bytes -> record-dict function."""
    extract = importlib.import_module("extractor.api").extract

    def extract_bytes(data: bytes, path: str | None = None, encoding: str | None = None, explain: bool = False) -> dict[str, Any]:
        return extract(data, path=path, encoding=encoding, explain=explain).to_dict()

    return extract_bytes


#: formats whose output carries the explanation (json/jsonl: the `explain` block; markdown: a
#: section; table: text after the table); the others get it as text on stderr
_EXPLAIN_INLINE = ("json", "jsonl", "markdown", "table")


def _explanations(records: list[dict[str, Any]]) -> str:
    from extractor.explain import explain_text

    return "\n".join(explain_text(r) for r in records if "explain" in r)


def _checked_inputs(paths: list[str], encoding: str | None, hint: str) -> str | None:
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


# --- commands -------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        write_output(f"{PROG} {__version__}\n", None)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an error, also print the Python traceback (on stderr)."),
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, metavar="N", help="Refuse input files larger than N bytes (error E106, exit 3)."),
    ] = DEFAULT_MAX_BYTES,
    fail_empty: Annotated[
        bool,
        typer.Option("--fail-empty", help="Exit 1 when a record has no facts at all (warning W103)."),
    ] = False,
) -> None:
    """Turn cyber-incident news articles (English, Traditional Chinese or both) into one
    structured bilingual record."""
    global OPTIONS
    OPTIONS = GlobalOptions(debug=debug, max_bytes=max_bytes, fail_empty=fail_empty)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Article files to read; '-' reads standard input.", show_default=False),
    ],
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json (one object; an array for several PATHs), jsonl (one object per line), "
            "table, stix (a STIX 2.1 bundle), misp (a MISP event), csv (a row per article) or markdown "
            "(a report for editors); stix and misp give one document per line for several PATHs. "
            "Default: table on a terminal, json otherwise.",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", "-e", help="Decode the input with this codec (e.g. big5, cp950) instead of detecting it."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to FILE (UTF-8) instead of stdout.", metavar="FILE"),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why: for each fact the evidence sentences with the matched span marked, the rule and "
            "score, and the candidates that lost and why. json/jsonl: an 'explain' block in each record; "
            "table: text after the table; markdown: a section; stix/misp/csv: text on stderr.",
        ),
    ] = False,
) -> None:
    """Extract one bilingual incident record from each article.

    \b
    Exit codes:
      0   every file was extracted
      1   some files failed; the records of the others were written
          (or, with --fail-empty, a record has no facts)
      2   usage error (bad option or argument)
      3   input error (missing, unreadable, binary, oversized or undecodable)
      4   model error (a language model or its data is missing or invalid)
      5   output error (cannot write the output)
      70  internal error (a bug: please report it with the input)
    When every file fails, the exit code is that of the first failure.
    """
    encoding = _checked_inputs(paths, encoding, "PATH")

    to_terminal = output is None and sys.stdout.isatty()
    if fmt is None:
        fmt = OutputFormat.table if to_terminal else OutputFormat.json

    records: list[dict[str, Any]] = []
    failures: list[int] = []
    empty = False
    extract_bytes: Callable[..., dict[str, Any]] | None = None
    for path in paths:
        try:
            data = read_input(path)
            if extract_bytes is None:  # imported on first use: missing files fail fast
                extract_bytes = _load_core()
            record = extract_bytes(data, path=None if path == STDIN else path, encoding=encoding, explain=explain)
            records.append(record)
            _report_warnings(record, path)
            if OPTIONS.fail_empty and nothing_found(record):
                empty = True
                _report(f"warning: {_display(path)}: {warning('W103', 'nothing found (--fail-empty)')}")
        except ExtractorError as error:
            _report_error(error)
            _report_debug()
            failures.append(error.exit_code)
        except Exception as error:  # a bug in the core: report it, keep going with the batch
            _report_internal(f" on {_display(path)}", error)
            _report_debug()
            failures.append(ExitCode.INTERNAL)

    if records:
        try:
            text = _render(records, fmt, len(paths) > 1, to_terminal)
            if explain and fmt is OutputFormat.table:
                text += "\n" + _explanations(records)
            elif explain and fmt.value not in _EXPLAIN_INLINE:
                sys.stderr.write(_explanations(records))
            write_output(text, output)
        except ExtractorError as error:
            _report_error(error)
            _exit(error.exit_code)
        except BrokenPipeError:  # e.g. `extractor extract a.txt | head`
            _silence_stdout()
            _exit(ExitCode.OUTPUT)
        except Exception as error:
            _report_internal(" while writing output", error)
            _report_debug()
            _exit(ExitCode.INTERNAL)

    if failures:
        _exit(ExitCode.PARTIAL if records else failures[0])
    if empty:
        _exit(ExitCode.NOTHING_FOUND)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every record validates against."""
    from extractor import render

    write_output(render.to_json(render.schema()), None)


# --- check: do the two versions agree? ------------------------------------------------------


class CheckFormat(str, Enum):
    json = "json"
    table = "table"


@app.command("check")
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="FILE",
                       help="One file holding both versions, or an ORIGINAL and its TRANSLATION; '-' reads standard input.",
                       show_default=False),
    ],
    fmt: Annotated[
        CheckFormat | None,
        typer.Option("--format", "-f", case_sensitive=False,
                     help="table (aligned paragraphs side by side, then a summary) or json. "
                     "Default: table on a terminal, json otherwise.", show_default=False),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", "-e", help="Decode the input with this codec (e.g. big5, cp950) instead of detecting it."),
    ] = None,
) -> None:
    """Check that an English article and its Chinese translation say the same thing.

    \b
    Exit codes:
      0   the two versions agree
      1   inconsistencies were found (they are listed in the output)
      2   usage error (bad option or argument)
      3   input error (missing, unreadable or undecodable file, or only one language)
      4   model error (a language model or its data is missing or invalid)
      70  internal error (a bug: please report it with the input)
    """
    if len(paths) > 2:
        raise typer.BadParameter("give one file with both versions, or ORIGINAL TRANSLATION", param_hint="FILE")
    encoding = _checked_inputs(paths, encoding, "FILE")
    to_terminal = sys.stdout.isatty()
    fmt = fmt or (CheckFormat.table if to_terminal else CheckFormat.json)
    try:
        data = [read_input(p) for p in paths]
        check = importlib.import_module("extractor.check")
        names = tuple(None if p == STDIN else p for p in paths)
        if len(data) == 1:
            report = check.check_bytes(data[0], path=names[0], encoding=encoding)
        else:
            report = check.check_pair(data[0], data[1], paths=names, encoding=encoding)
        render_check = importlib.import_module("extractor.render_check")
        if fmt is CheckFormat.json:
            out = render_check.to_json_text(report)
        elif to_terminal:
            out = render_check.to_check_table(report, width=shutil.get_terminal_size().columns, color=True)
        else:
            out = render_check.to_check_table(report)
        write_output(out, None)
    except ExtractorError as error:
        _report_error(error)
        _exit(error.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        _exit(ExitCode.OUTPUT)
    except Exception as error:  # a bug in the core
        _report_internal(f" on {' '.join(_display(p) for p in paths)}", error)
        _exit(ExitCode.INTERNAL)
    _exit(ExitCode.OK if report.agree else ExitCode.PARTIAL)


# --- batch ----------------------------------------------------------------------------------


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command("batch")
def batch_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Article files, folders (read recursively), JSONL files "
                       "(*.jsonl: one {\"id\": ..., \"text\": ...} per line); '-' reads JSONL from standard input.",
                       show_default=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", dir_okay=False, metavar="FILE.jsonl", help="Append one record per line to FILE."),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", dir_okay=False, metavar="FILE.sqlite", help="Store records in a SQLite database (see README)."),
    ] = None,
    globs: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", metavar="PATTERN", help="In folders, read only files whose name or inner path matches "
                     "(repeatable, e.g. '*.txt'). Default: every file that is not hidden."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes (default: the number of cores).", show_default=False),
    ] = None,
    ordered: Annotated[
        bool,
        typer.Option("--ordered/--as-completed", help="Write records in input order (deterministic) or as they finish."),
    ] = True,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Keep the outputs and skip articles they already hold (same path or id, same "
                     "SHA-256); without it the outputs are started afresh."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", "-e", help="Decode article files with this codec instead of detecting it."),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option("--engine", case_sensitive=False, help="local (worker processes) or dask (needs the 'dask' extra)."),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                     "(default: a local cluster of --workers processes)."),
    ] = None,
) -> None:
    """Extract every article of files, folders and JSONL into JSONL and/or SQLite, in parallel.

    Bad inputs are listed on stderr (path, code, message) and the batch goes on. With neither
    --out nor --db, records go to stdout as JSONL. A killed batch re-run with --resume
    finishes with every article exactly once.

    \b
    Exit codes:
      0   every article was extracted (or already in the output)
      1   some articles failed; the others were written
      2   usage error (bad option, or the dask engine is unavailable)
      3   input error: every article failed (the code of the first failure)
      5   output error (cannot write --out or --db)
      70  internal error (a bug: please report it with the input)
    """
    encoding = _checked_inputs(paths, encoding, "PATH")
    if resume and out is None and db is None:
        raise typer.BadParameter("--resume needs --out or --db to know what is done", param_hint="'--resume'")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="'--scheduler'")
    if out is not None and db is not None and out.resolve() == db.resolve():
        raise typer.BadParameter("--out and --db must be different files", param_hint="'--db'")

    from extractor.batch import run_batch

    feedback = _BatchFeedback(enabled=not quiet and sys.stderr.isatty())
    stdout = getattr(sys.stdout, "buffer", None) if out is None and db is None else None
    try:
        with feedback:
            summary = run_batch(
                paths, out=out, db=db, stdout=stdout, stdin=getattr(sys.stdin, "buffer", None) if STDIN in paths else None,
                globs=globs or (), workers=workers or os.cpu_count() or 1, ordered=ordered, resume=resume,
                encoding=encoding, engine=engine.value, scheduler=scheduler, max_bytes=OPTIONS.max_bytes,
                on_start=feedback.start, on_outcome=feedback.advance)
    except ExtractorError as error:
        _report_error(error)
        _exit(error.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        _exit(ExitCode.OUTPUT)
    except KeyboardInterrupt:
        _report("interrupted; run the same command with --resume to finish")
        _exit(130)
    except Exception as error:
        _report_internal(" in batch", error)
        _exit(ExitCode.INTERNAL)
    if not quiet:
        _batch_summary(summary)
    if summary.errors:
        if summary.extracted or summary.skipped:
            _exit(ExitCode.PARTIAL)
        first = summary.errors[0][1]
        _exit(ExitCode.INTERNAL if first == "internal" else _exit_code_of(first))


def _exit_code_of(code: str) -> int:
    import extractor.errors as errors

    for value in vars(errors).values():
        if isinstance(value, type) and issubclass(value, ExtractorError) and value.code == code:
            return int(value.exit_code)
    return int(ExitCode.INPUT)


class _BatchFeedback:
    """The progress bar (stderr, terminals only) and one stderr line per bad input."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress = None
        self.task = None

    def __enter__(self) -> "_BatchFeedback":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def start(self, summary) -> None:
        if not self.enabled:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} files/s"), TextColumn("ETA"), TimeRemainingColumn(),
            TextColumn("errors {task.fields[errors]}"), console=_stderr(), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("batch", total=summary.total, rate="-", errors=0)

    def advance(self, outcome, summary) -> None:
        if outcome.error is not None:
            code, message = outcome.error
            line = f"{PROG}: error: [{code}] {_one_line(message)}"
            if (outcome.path or "<stdin>") not in message:
                line += f" ({outcome.label})"
            (self.progress.console if self.progress is not None else _stderr()).print(line, markup=False)
        if self.progress is not None:
            task = self.progress.tasks[0]
            rate = (summary.done / task.elapsed) if task.elapsed else 0.0
            self.progress.update(self.task, completed=summary.done + summary.skipped, rate=f"{rate:.1f}",
                                 errors=len(summary.errors))


def _batch_summary(summary) -> None:
    from rich.table import Table

    table = Table(title=None, show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    langs = ", ".join(f"{lang} {n:,}" for lang, n in sorted(summary.languages.items())) or "-"
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    for name, value in (
        ("articles extracted", f"{summary.extracted:,}"),
        ("already done (--resume)", f"{summary.skipped:,}"),
        ("languages", langs),
        ("facts found", f"{summary.facts:,}"),
        ("inconsistencies", f"{summary.inconsistencies:,}"),
        ("errors", f"{len(summary.errors):,}"),
        ("time", f"{summary.seconds:.1f} s ({rate:.1f} articles/s)"),
    ):
        table.add_row(name, value)
    _stderr().print(table)


def _exit(code: int) -> NoReturn:
    raise typer.Exit(code=int(code))


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        pass


def main() -> None:
    """Console-script entry point (`extractor`, `python -m extractor`)."""
    app(prog_name=PROG)
