"""The command line: a thin Typer layer over the library.

Each command checks its arguments and calls one library function (`extractor.files.
extract_files`, `extractor.check.check_inputs`, `extractor.batch.run_batch`); this module turns
their results into bytes on stdout, and exceptions into one line on stderr plus an exit code,
in one place (`_fail`, with the exit codes of `extractor.errors`). The options are defined
once in `extractor.cli_options`. It imports neither spaCy nor the core at import time, so
`extractor --help` stays fast.
"""
from __future__ import annotations

import functools
import importlib
import os
import shutil
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from extractor import __version__
from extractor.cli_console import PROG, BatchFeedback, batch_summary, report
from extractor.cli_options import (
    BatchEncodingOption,
    CheckFormat,
    CheckFormatOption,
    DebugOption,
    EncodingOption,
    Engine,
    ExplainOption,
    ExtractFormatOption,
    FailEmptyOption,
    GlobalOptions,
    MaxBytesOption,
    OutputFormat,
    OutputOption,
    checked_inputs,
    global_options,
)
from extractor.decode import DEFAULT_MAX_BYTES
from extractor.errors import ExitCode, ExtractorError, OutputFailed, exit_code_for, warning
from extractor.files import STDIN, FileResult, display, extract_files, read_input

#: the exit code of a batch stopped with Ctrl-C (128 + SIGINT, as shells report it)
INTERRUPTED = 130

app = typer.Typer(
    name=PROG,
    help="Turn cyber-incident news articles (English, Traditional Chinese or both) "
    "into one structured bilingual record.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# --- the one place an exception becomes a message and an exit code --------------------------


def _fail(error: BaseException, where: str = "", debug: bool = False) -> int:
    """Report ERROR on stderr and return its exit code: an ExtractorError as its coded line,
    a broken pipe silently, Ctrl-C with a hint, anything else as an internal error (a bug)
    that happened WHERE. With DEBUG (--debug), the traceback follows the line."""
    if isinstance(error, BrokenPipeError):  # e.g. `extractor extract a.txt | head`
        _silence_stdout()
        return ExitCode.OUTPUT
    if isinstance(error, KeyboardInterrupt):
        report("interrupted; run the same command with --resume to finish")
        return INTERRUPTED
    if isinstance(error, ExtractorError):
        report(f"error: {error}")
    else:
        report(f"internal error{where}: {type(error).__name__}: {error} (please report)")
    if debug:
        sys.stderr.write("".join(traceback.format_exception(error)))
        sys.stderr.flush()
    return exit_code_for(error)


@contextmanager
def _failing(where: str, debug: bool, interruptible: bool = False) -> Iterator[None]:
    """Run a command's work: an exception (and Ctrl-C when INTERRUPTIBLE) ends the command
    with the message and exit code `_fail` gives it."""
    try:
        yield
    except (Exception, KeyboardInterrupt) as error:
        if isinstance(error, KeyboardInterrupt) and not interruptible:
            raise
        _exit(_fail(error, where, debug))


def _exit(code: int) -> NoReturn:
    raise typer.Exit(code=int(code))


def _finish(code: int) -> None:
    """End a command with CODE; a command called as a function returns normally on 0."""
    if code:
        _exit(code)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        pass


# --- output ---------------------------------------------------------------------------------


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


def _width(to_terminal: bool) -> dict[str, Any]:
    """A table's keywords: the terminal's width and colour on a terminal, the defaults elsewhere."""
    return {"width": shutil.get_terminal_size().columns, "color": True} if to_terminal else {}


def _render(records: list[dict[str, Any]], fmt: OutputFormat, batch: bool, to_terminal: bool) -> str:
    from extractor import render

    if fmt.value in render.ANALYST_FORMATS:
        return render.to_format(records, fmt.value, batch=batch)
    if fmt is OutputFormat.jsonl:
        return render.to_jsonl(records)
    if fmt is OutputFormat.table:
        return render.to_table(records, **_width(to_terminal))
    return render.to_json(records if batch else records[0])


#: formats whose output carries the explanation (json/jsonl: the `explain` block; markdown: a
#: section; table: text after the table); the others get it as text on stderr
_EXPLAIN_INLINE = ("json", "jsonl", "markdown", "table")


def _explanations(records: list[dict[str, Any]]) -> str:
    from extractor.explain import explain_text

    return "\n".join(explain_text(r) for r in records if "explain" in r)


def _write_records(records: list[dict[str, Any]], fmt: OutputFormat, batch: bool, to_terminal: bool,
                   explain: bool, output: Path | None) -> None:
    text = _render(records, fmt, batch, to_terminal)
    if explain and fmt is OutputFormat.table:
        text += "\n" + _explanations(records)
    elif explain and fmt.value not in _EXPLAIN_INLINE:
        sys.stderr.write(_explanations(records))
    write_output(text, output)


def _report_file(result: FileResult, debug: bool) -> None:
    """Each file's diagnostics as it is done: its error, or its record's warnings."""
    where = display(result.path)
    if result.error is not None:
        _fail(result.error, f" on {where}", debug)
        return
    for line in (result.record or {}).get("warnings") or []:
        report(f"warning: {where}: {line}")
    if result.empty:
        report(f"warning: {where}: {warning('W103', 'nothing found (--fail-empty)')}")


# --- commands -------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        write_output(f"{PROG} {__version__}\n", None)
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: DebugOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    fail_empty: FailEmptyOption = False,
) -> None:
    """Turn cyber-incident news articles (English, Traditional Chinese or both) into one
    structured bilingual record."""
    ctx.obj = GlobalOptions(debug=debug, max_bytes=max_bytes, fail_empty=fail_empty)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Article files to read; '-' reads standard input.", show_default=False),
    ],
    fmt: ExtractFormatOption = None,
    encoding: EncodingOption = None,
    output: OutputOption = None,
    explain: ExplainOption = False,
    ctx: typer.Context = None,  # type: ignore[assignment]  # None when called as a function
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
    encoding = checked_inputs(paths, encoding, "PATH")
    options = global_options(ctx)
    to_terminal = output is None and sys.stdout.isatty()
    if fmt is None:
        fmt = OutputFormat.table if to_terminal else OutputFormat.json
    done = extract_files(paths, encoding=encoding, explain=explain, max_bytes=options.max_bytes,
                         fail_empty=options.fail_empty, stdin=sys.stdin,
                         on_result=functools.partial(_report_file, debug=options.debug))
    if done.records:
        with _failing(" while writing output", options.debug):
            _write_records(done.records, fmt, len(paths) > 1, to_terminal, explain, output)
    _finish(done.exit_code)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every record validates against."""
    from extractor import render

    write_output(render.to_json(render.schema()), None)


@app.command("check")
def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="FILE",
                       help="One file holding both versions, or an ORIGINAL and its TRANSLATION; '-' reads standard input.",
                       show_default=False),
    ],
    fmt: CheckFormatOption = None,
    encoding: EncodingOption = None,
    ctx: typer.Context = None,  # type: ignore[assignment]
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
    encoding = checked_inputs(paths, encoding, "FILE")
    options = global_options(ctx)
    to_terminal = sys.stdout.isatty()
    fmt = fmt or (CheckFormat.table if to_terminal else CheckFormat.json)
    with _failing(f" on {' '.join(display(p) for p in paths)}", options.debug):
        data = [read_input(p, options.max_bytes, sys.stdin) for p in paths]
        check = importlib.import_module("extractor.check")
        report = check.check_inputs(data, [None if p == STDIN else p for p in paths], encoding=encoding)
        render_check = importlib.import_module("extractor.render_check")
        if fmt is CheckFormat.json:
            write_output(render_check.to_json_text(report), None)
        else:
            write_output(render_check.to_check_table(report, **_width(to_terminal)), None)
    _finish(ExitCode.OK if report.agree else ExitCode.INCONSISTENT)


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
    encoding: BatchEncodingOption = None,
    engine: Annotated[
        Engine,
        typer.Option("--engine", case_sensitive=False, help="local (worker processes) or dask (needs the 'dask' extra)."),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                     "(default: a local cluster of --workers processes)."),
    ] = None,
    ctx: typer.Context = None,  # type: ignore[assignment]
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
    encoding = checked_inputs(paths, encoding, "PATH")
    _check_batch_usage(out, db, resume, engine, scheduler)
    options = global_options(ctx)
    from extractor.batch import run_batch

    feedback = BatchFeedback(enabled=not quiet and sys.stderr.isatty())
    stdout = getattr(sys.stdout, "buffer", None) if out is None and db is None else None
    with _failing(" in batch", options.debug, interruptible=True), feedback:
        summary = run_batch(
            paths, out=out, db=db, stdout=stdout, stdin=getattr(sys.stdin, "buffer", None) if STDIN in paths else None,
            globs=globs or (), workers=workers or os.cpu_count() or 1, ordered=ordered, resume=resume,
            encoding=encoding, engine=engine.value, scheduler=scheduler, max_bytes=options.max_bytes,
            on_start=feedback.start, on_outcome=feedback.advance)
    if not quiet:
        batch_summary(summary)
    _finish(summary.exit_code)


def _check_batch_usage(out: Path | None, db: Path | None, resume: bool, engine: Engine, scheduler: str | None) -> None:
    if resume and out is None and db is None:
        raise typer.BadParameter("--resume needs --out or --db to know what is done", param_hint="'--resume'")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="'--scheduler'")
    if out is not None and db is not None and out.resolve() == db.resolve():
        raise typer.BadParameter("--out and --db must be different files", param_hint="'--db'")


def main() -> None:
    """Console-script entry point (`extractor`, `python -m extractor`)."""
    app(prog_name=PROG)
