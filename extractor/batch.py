"""Many articles in, one record per article out: files, folders and JSONL, in parallel, resumable.

Pure core of `extractor batch`: nothing here prints or exits. `run_batch` reads the inputs in
a fixed order, skips what the outputs already hold (`resume=True`), sends the rest to worker
processes (or a Dask cluster, see `extractor.dask_engine`) and writes every outcome as soon
as it arrives: a whole JSONL line per record (one `write`, then fsync) and one SQLite
transaction per article (`extractor.store`), so a killed batch leaves no half-written article.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.decode import DEFAULT_MAX_BYTES, read_file
from extractor.errors import ExitCode, ExtractorError, InputLineInvalid, OutputFailed, exit_code_of
from extractor.jobs import INTERNAL, Job, Key, Outcome, record_key
from extractor.worker import process_jobs, warm_up

STDIN = "-"


# ---------- inputs


@dataclass(frozen=True)
class Source:
    """One input: an article file, a JSONL file of articles, or standard input (JSONL)."""

    path: str
    jsonl: bool


def is_jsonl(path: str) -> bool:
    return path == STDIN or path.lower().endswith((".jsonl", ".ndjson"))


def discover(paths: Iterable[str], globs: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[Source]:
    """The inputs, in a fixed order: each PATH as given; a folder's files recursively, sorted,
    hidden ones (.name) left out, filtered by `globs` (on the name or the path inside the folder).

    A named file is always read (a missing one becomes an error in the batch); `exclude`
    names the batch's own outputs so a batch over its own folder does not read them.
    """
    patterns = list(globs)
    skip = {os.path.abspath(p) for p in exclude}
    out: list[Source] = []
    for given in paths:
        if given == STDIN or not os.path.isdir(given):
            out.append(Source(given, is_jsonl(given)))
        else:
            out.extend(Source(full, is_jsonl(full)) for full in _folder_files(given, patterns, skip))
    return out


def _folder_files(folder: str, patterns: list[str], skip: set[str]) -> list[str]:
    """FOLDER's files, recursively, sorted by their path inside it; hidden files and folders,
    files no pattern matches (when there are patterns) and the batch's own outputs left out."""
    found = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            full = os.path.join(parent, name)
            inner = os.path.relpath(full, folder).replace(os.sep, "/")
            if _wanted(name, inner, patterns) and os.path.abspath(full) not in skip:
                found.append((inner, full))
    return [full for _, full in sorted(found)]


def _wanted(name: str, inner: str, patterns: list[str]) -> bool:
    if name.startswith("."):
        return False
    return not patterns or any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(inner, p) for p in patterns)


def count_articles(sources: list[Source]) -> int | None:
    """How many articles the sources hold (JSONL: non-blank lines); None when stdin is one."""
    total = 0
    for source in sources:
        if source.path == STDIN:
            return None
        if not source.jsonl or not os.path.isfile(source.path):
            total += 1
            continue
        try:
            with open(source.path, "rb") as handle:
                total += sum(1 for line in handle if line.strip()) or 1
        except OSError:
            total += 1
    return total


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _jsonl_jobs(lines: Iterable[bytes], path: str | None, start: int) -> Iterator[Job]:
    seq = start
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a string "text"')
            raw_id = item.get("id", number)
            if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
                raise ValueError('"id" must be a string or an integer')
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            where = path if path is not None else "<stdin>"
            message = f"{where}:{number}: not an article line: {error}"
            yield Job(seq, path, f"line {number}", b"", _sha256(line), (InputLineInvalid.code, message))
        else:
            data = item["text"].encode("utf-8", "surrogatepass")
            yield Job(seq, path, str(raw_id), data, _sha256(data))
        seq += 1


def jobs_from(sources: Iterable[Source], stdin: BinaryIO | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job]:
    """Every article of every source, numbered in input order; unreadable or oversized inputs
    (over `max_bytes`) as failed jobs."""
    seq = 0
    for source in sources:
        path = None if source.path == STDIN else source.path
        if source.path == STDIN:
            if stdin is None:
                continue
            for job in _jsonl_jobs(stdin, None, seq):
                seq = job.seq + 1
                yield job
            continue
        try:
            data = read_file(source.path, max_bytes, regular_only=True)
        except ExtractorError as error:
            yield Job(seq, path, None, b"", "", (error.code, error.message))
            seq += 1
            continue
        if source.jsonl:
            for job in _jsonl_jobs(data.splitlines(), path, seq):
                seq = job.seq + 1
                yield job
        else:
            yield Job(seq, path, None, data, _sha256(data))
            seq += 1


# ---------- outputs


class JsonlSink:
    """Records, one per line, appended whole: a line is one `write` call to the file.

    A killed process loses no written line (the kernel has it); a line cut short by a crash of
    the machine is dropped on --resume. fsync runs at most every FSYNC_EVERY seconds and on
    close: every line costs about a millisecond otherwise.
    """

    FSYNC_EVERY = 1.0

    def __init__(self, path: str | os.PathLike[str], resume: bool) -> None:
        self.path = Path(path)
        self.done: set[Key] = set()
        self.synced = time.monotonic()
        try:
            if resume and self.path.exists():
                self._repair_and_load()
                self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            else:
                self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as error:
            raise OutputFailed(f"cannot write {self.path}: {error.strerror or error}") from None

    def _repair_and_load(self) -> None:
        data = self.path.read_bytes()
        cut = data.rfind(b"\n") + 1
        if cut != len(data):  # a line cut short by a kill: not a record, drop it
            os.truncate(self.path, cut)
        for line in data[:cut].splitlines():
            try:
                self.done.add(record_key(json.loads(line)))
            except (ValueError, AttributeError):
                continue  # not ours: left alone, and it holds no article

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self.fd, view):]
            if time.monotonic() - self.synced >= self.FSYNC_EVERY:
                os.fsync(self.fd)
                self.synced = time.monotonic()
        except OSError as error:
            raise OutputFailed(f"cannot write {self.path}: {error.strerror or error}") from None

    def close(self) -> None:
        try:
            os.fsync(self.fd)
        finally:
            os.close(self.fd)


class StdoutSink:
    """Records as JSONL on standard output (no --out and no --db); it holds nothing to resume."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.done: set[Key] = set()

    def write(self, record: dict[str, Any]) -> None:
        self.stream.write((json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


# ---------- the run


@dataclass
class Summary:
    """What a batch did: shown by the CLI at the end, returned to library callers."""

    total: int | None = None  # articles in the input, when known up front
    extracted: int = 0
    skipped: int = 0  # already in the output (--resume)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (label, code, message)
    languages: Counter = field(default_factory=Counter)
    facts: int = 0
    inconsistencies: int = 0
    seconds: float = 0.0
    chars: int = 0

    @property
    def done(self) -> int:
        return self.extracted + len(self.errors)

    @property
    def exit_code(self) -> int:
        """0: all done; 1: some articles failed; else the code of the first failure (all failed)."""
        if not self.errors:
            return ExitCode.OK
        if self.extracted or self.skipped:
            return ExitCode.PARTIAL
        first = self.errors[0][1]
        return ExitCode.INTERNAL if first == INTERNAL else exit_code_of(first)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome: its record's languages, facts and inconsistencies, or its error."""
        record = outcome.record
        if record is None:
            code, message = outcome.error or (INTERNAL, "no record")
            self.errors.append((outcome.label, code, message))
            return
        self.extracted += 1
        self.languages.update(record["languages"])
        self.facts += count_facts(record)
        self.inconsistencies += len(record["inconsistencies"])
        self.chars += record["source"]["chars"]


def count_facts(record: dict[str, Any]) -> int:
    """Facts found in a record: each actor, victim and data type, each other fact that is set."""
    n = 0
    for value in record["facts"].values():
        if isinstance(value, list):
            n += len(value)
        elif value is not None:
            n += 1
    return n


def chunks(jobs: Iterable[Job], size: int = 16, max_bytes: int = 1 << 16) -> Iterator[list[Job]]:
    """Consecutive jobs in lists of up to SIZE jobs or about MAX_BYTES of text."""
    chunk: list[Job] = []
    held = 0
    for job in jobs:
        chunk.append(job)
        held += len(job.data)
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _local(jobs: Iterable[Job], workers: int, ordered: bool, encoding: str | None) -> Iterator[Outcome]:
    """The local engine: this process for one worker, else a pool of WORKERS processes."""
    if workers <= 1:  # in this process: no start-up, no pickling
        for chunk in chunks(jobs):
            yield from process_jobs(chunk, encoding)
        return
    window = workers * 3  # chunks in flight: every worker busy, memory bounded
    with ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(encoding,)) as pool:
        futures = (pool.submit(process_jobs, chunk, encoding) for chunk in chunks(jobs))
        yield from (_in_order if ordered else _as_completed)(futures, window)


def _in_order(futures: Iterable[Future], window: int) -> Iterator[Outcome]:
    """The outcomes of at most WINDOW chunks in flight, in the order they were submitted."""
    queue: deque[Future] = deque()
    for future in futures:
        queue.append(future)
        if len(queue) >= window:
            yield from queue.popleft().result()
    while queue:
        yield from queue.popleft().result()


def _as_completed(futures: Iterable[Future], window: int) -> Iterator[Outcome]:
    """The outcomes of at most WINDOW chunks in flight, as the chunks finish."""
    running: set[Future] = set()
    for future in futures:
        running.add(future)
        if len(running) >= window:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            yield from _finished(finished)
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        yield from _finished(finished)


def _finished(finished: set[Future]) -> Iterator[Outcome]:
    for future in sorted(finished, key=lambda f: f.result()[0].seq):
        yield from future.result()


def _outcomes(jobs: Iterable[Job], engine: str, workers: int, ordered: bool, encoding: str | None,
              scheduler: str | None) -> Iterator[Outcome]:
    if engine == "dask":
        from extractor.dask_engine import run_dask

        return run_dask(jobs, encoding=encoding, scheduler=scheduler, workers=workers, ordered=ordered)
    if engine == "local":
        return _local(jobs, workers, ordered, encoding)
    raise ValueError(f"unknown engine {engine!r}")


def _own_files(out: str | os.PathLike[str] | None, db: str | os.PathLike[str] | None) -> list[str]:
    """The batch's outputs: the JSONL file, the database and SQLite's files beside it."""
    own = [str(out)] if out is not None else []
    if db is not None:
        own += [str(db) + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    return own


def _open_sinks(sinks: list[Any], out: str | os.PathLike[str] | None, db: str | os.PathLike[str] | None,
                stdout: BinaryIO | None, resume: bool) -> None:
    """Open the outputs into SINKS (filled as they open, so the caller closes those that did)."""
    from extractor.store import Store

    if out is not None:
        sinks.append(JsonlSink(out, resume))
    if db is not None:
        sinks.append(Store(db, resume))
    if not sinks:
        if stdout is None:
            raise OutputFailed("no output: give --out FILE.jsonl, --db FILE.sqlite or a stdout stream")
        sinks.append(StdoutSink(stdout))


class _Pending:
    """Which outputs still lack each article: the jobs to run, and where each outcome goes."""

    def __init__(self, sinks: list[Any], summary: Summary) -> None:
        self.sinks, self.summary = sinks, summary
        self.missing: dict[int, list[Any]] = {}  # seq -> the sinks that still lack this article

    def todo(self, jobs: Iterable[Job]) -> Iterator[Job]:
        """The jobs some output lacks (a failed input always: its error is written again)."""
        for job in jobs:
            lacking = [s for s in self.sinks if job.error is not None or job.key not in s.done]
            if not lacking:
                self.summary.skipped += 1
                continue
            self.missing[job.seq] = lacking
            yield job

    def deliver(self, outcome: Outcome) -> None:
        """Write OUTCOME to the outputs that lack it: its record, or its error where one is kept."""
        lacking = self.missing.pop(outcome.seq, self.sinks)
        if outcome.record is not None:
            for sink in lacking:
                sink.write(outcome.record)
            return
        code, message = outcome.error or (INTERNAL, "no record")
        for sink in lacking:
            if hasattr(sink, "write_error"):
                sink.write_error(outcome, code, message)


def run_batch(
    paths: Iterable[str],
    *,
    out: str | os.PathLike[str] | None = None,
    db: str | os.PathLike[str] | None = None,
    stdout: BinaryIO | None = None,
    stdin: BinaryIO | None = None,
    globs: Iterable[str] = (),
    workers: int = 1,
    ordered: bool = True,
    resume: bool = False,
    encoding: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_outcome: Callable[[Outcome, Summary], None] | None = None,
    on_start: Callable[[Summary], None] | None = None,
) -> Summary:
    """Extract every article under PATHS into the outputs; return what happened.

    Outputs: `out` (JSONL file), `db` (SQLite file), or, when neither, JSONL on `stdout`.
    `resume`: skip articles (same path or id, same content hash) every output already holds;
    an article only one output holds (killed between the two writes) is written to the other.
    Raises OutputFailed when an output cannot be written; bad inputs never raise.
    """
    started = time.perf_counter()
    sources = discover(paths, globs, exclude=_own_files(out, db))
    summary = Summary(total=count_articles(sources))
    sinks: list[Any] = []
    try:
        _open_sinks(sinks, out, db, stdout, resume)
        if on_start is not None:
            on_start(summary)
        pending = _Pending(sinks, summary)
        jobs = pending.todo(jobs_from(sources, stdin, max_bytes))
        for outcome in _outcomes(jobs, engine, workers, ordered, encoding, scheduler):
            pending.deliver(outcome)
            summary.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome, summary)
    finally:
        for sink in sinks:
            sink.close()
        summary.seconds = time.perf_counter() - started
    return summary
