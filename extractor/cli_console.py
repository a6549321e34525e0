"""What the command line says on stderr: one-line diagnostics, and the batch's progress bar
and summary. Machine output never comes here (it goes to stdout through `cli.write_output`);
colour and the progress bar only when stderr is a terminal.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

if TYPE_CHECKING:
    from extractor.batch import Summary
    from extractor.jobs import Outcome

PROG = "extractor"


def stderr_console() -> Console:
    """A console on stderr that shows text as written (no markup, no emoji codes)."""
    # Built per call so it follows whatever sys.stderr is now (tests swap it).
    return Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def report(message: str) -> None:
    """'extractor: MESSAGE' on one line of stderr (red on a terminal)."""
    stderr_console().print(f"{PROG}: {one_line(message)}", style="red" if sys.stderr.isatty() else None)


class BatchFeedback:
    """The progress bar (stderr, terminals only) and one stderr line per bad input."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> BatchFeedback:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def start(self, summary: Summary) -> None:
        if not self.enabled:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} files/s"), TextColumn("ETA"), TimeRemainingColumn(),
            TextColumn("errors {task.fields[errors]}"), console=stderr_console(), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("batch", total=summary.total, rate="-", errors=0)

    def advance(self, outcome: Outcome, summary: Summary) -> None:
        if outcome.error is not None:
            code, message = outcome.error
            line = f"{PROG}: error: [{code}] {one_line(message)}"
            if (outcome.path or "<stdin>") not in message:
                line += f" ({outcome.label})"
            (self.progress.console if self.progress is not None else stderr_console()).print(line, markup=False)
        if self.progress is not None:
            task = self.progress.tasks[0]
            rate = (summary.done / task.elapsed) if task.elapsed else 0.0
            self.progress.update(self.task, completed=summary.done + summary.skipped, rate=f"{rate:.1f}",
                                 errors=len(summary.errors))


def batch_summary(summary: Summary) -> None:
    """The batch's numbers, as a two-column table on stderr."""
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
    stderr_console().print(table)
