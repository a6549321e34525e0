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
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.decode import DEFAULT_MAX_BYTES, read_file
from extractor.errors import EmptyInput, ExtractorError, InputLineInvalid, OutputFailed

STDIN = "-"
#: error code of a bug in the core (an exception that is not an ExtractorError)
INTERNAL = "internal"

Key = tuple[str, str, str]


# ---------- jobs and outcomes


class _Named:
    """Where an article came from (`path`, `id`) and its hash, as --resume and messages name it."""

    path: str | None
    id: str | None
    sha256: str

    @property
    def key(self) -> Key:
        return key_of(self.path, self.id, self.sha256)

    @property
    def label(self) -> str:
        where = self.path if self.path is not None else "<stdin>"
        return f"{where}#{self.id}" if self.id is not None else where


@dataclass(frozen=True)
class Job(_Named):
    """One article to extract, or one input that already failed (`error` set)."""

    seq: int
    path: str | None  # the file it came from; None for standard input
    id: str | None  # the "id" of a JSONL line; None for a plain article file
    data: bytes
    sha256: str
    error: tuple[str, str] | None = None  # (code, message)


@dataclass(frozen=True)
class Outcome(_Named):
    seq: int
    path: str | None
    id: str | None
    sha256: str
    record: dict[str, Any] | None = None
    error: tuple[str, str] | None = None  # (code, message)


def key_of(path: str | None, id: str | None, sha256: str) -> Key:
    """What --resume compares: where the article came from and the hash of its content.

    A changed file is a new article (extracted again); the same bytes under another name too.
    """
    return (path or "", id or "", sha256)


def record_key(record: dict[str, Any]) -> Key:
    source = record.get("source") or {}
    return key_of(source.get("path"), source.get("id"), source.get("sha256") or "")


#: The pipelines and their memory zones belong to the process, not to a thread: a zone one
#: thread leaves frees strings another thread's article still uses. A worker with several
#: threads (a Dask worker started with --nthreads 2 or more) extracts one chunk at a time.
_EXTRACTING = threading.Lock()


def process_job(job: Job, encoding: str | None = None) -> Outcome:
    """Extract one job in this process (a worker): the pipelines load once per process, and
    spaCy's memory zone frees what the article added to the string store."""
    from extractor.nlp import memory_zone

    with _EXTRACTING, memory_zone():
        return _extract(job, encoding)


def process_jobs(jobs: list[Job], encoding: str | None = None) -> list[Outcome]:
    """A chunk of jobs in one call and one memory zone: fewer round trips for short articles,
    and the words common to the chunk are looked up once, not created again for each article."""
    from extractor.nlp import memory_zone

    with _EXTRACTING, memory_zone():
        return [_extract(job, encoding) for job in jobs]


def _extract(job: Job, encoding: str | None) -> Outcome:
    def failed(code: str, message: str) -> Outcome:
        return Outcome(job.seq, job.path, job.id, job.sha256, error=(code, message))

    if job.error is not None:
        return failed(*job.error)
    try:
        from extractor.core import extract_bytes

        record = extract_bytes(job.data, path=job.path, encoding=encoding)
    except ExtractorError as error:
        return failed(error.code, error.message)
    except Exception as error:  # a bug in the core: recorded, and the batch goes on
        return failed(INTERNAL, f"{type(error).__name__}: {error}")
    if any(w.startswith("[W101]") for w in record["warnings"]):  # a blank file is listed, not stored
        return failed(EmptyInput.code, "the input has no text")
    if job.id is not None:
        record["source"]["id"] = job.id
    return Outcome(job.seq, job.path, job.id, job.sha256, record=record)


def warm_up(encoding: str | None = None) -> None:
    """Load both pipelines now (a worker's initializer), not on its first article."""
    from extractor.nlp import PIPELINE_NAMES, load

    for family in PIPELINE_NAMES:
        load(family)


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
        if given == STDIN:
            out.append(Source(STDIN, True))
            continue
        if not os.path.isdir(given):
            out.append(Source(given, is_jsonl(given)))
            continue
        found = []
        for folder, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                inner = os.path.relpath(full, given).replace(os.sep, "/")
                if patterns and not any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(inner, p) for p in patterns):
                    continue
                if os.path.abspath(full) in skip:
                    continue
                found.append((inner, full))
        out.extend(Source(full, is_jsonl(full)) for _, full in sorted(found))
    return out


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
    """Records as JSONL on standard output (no --out and no --db)."""

    done: set[Key] = set()

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

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
    if workers <= 1:  # in this process: no start-up, no pickling
        for chunk in chunks(jobs):
            yield from process_jobs(chunk, encoding)
        return
    window = workers * 3  # chunks in flight: every worker busy, memory bounded
    with ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(encoding,)) as pool:
        if ordered:
            queue: deque[Future] = deque()
            for chunk in chunks(jobs):
                queue.append(pool.submit(process_jobs, chunk, encoding))
                if len(queue) >= window:
                    yield from queue.popleft().result()
            while queue:
                yield from queue.popleft().result()
            return
        running: set[Future] = set()
        for chunk in chunks(jobs):
            running.add(pool.submit(process_jobs, chunk, encoding))
            if len(running) >= window:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=lambda f: f.result()[0].seq):
                    yield from future.result()
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: f.result()[0].seq):
                yield from future.result()


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
    from extractor.store import Store

    started = time.perf_counter()
    own = [str(out)] if out is not None else []
    if db is not None:  # the database and SQLite's files beside it
        own += [str(db) + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    sources = discover(paths, globs, exclude=own)
    summary = Summary(total=count_articles(sources))
    sinks: list[Any] = []
    try:
        if out is not None:
            sinks.append(JsonlSink(out, resume))
        if db is not None:
            sinks.append(Store(db, resume))
        if not sinks:
            if stdout is None:
                raise OutputFailed("no output: give --out FILE.jsonl, --db FILE.sqlite or a stdout stream")
            sinks.append(StdoutSink(stdout))
        if on_start is not None:
            on_start(summary)

        missing: dict[int, list[Any]] = {}  # seq -> the sinks that still lack this article

        def todo(jobs: Iterable[Job]) -> Iterator[Job]:
            for job in jobs:
                lacking = [s for s in sinks if job.error is not None or job.key not in s.done]
                if not lacking:
                    summary.skipped += 1
                    continue
                missing[job.seq] = lacking
                yield job

        jobs = todo(jobs_from(sources, stdin, max_bytes))
        if engine == "dask":
            from extractor.dask_engine import run_dask

            outcomes = run_dask(jobs, encoding=encoding, scheduler=scheduler, workers=workers, ordered=ordered)
        elif engine == "local":
            outcomes = _local(jobs, workers, ordered, encoding)
        else:
            raise ValueError(f"unknown engine {engine!r}")
        for outcome in outcomes:
            lacking = missing.pop(outcome.seq, sinks)
            if outcome.record is not None:
                record = outcome.record
                for sink in lacking:
                    sink.write(record)
                summary.extracted += 1
                summary.languages.update(record["languages"])
                summary.facts += count_facts(record)
                summary.inconsistencies += len(record["inconsistencies"])
                summary.chars += record["source"]["chars"]
            else:
                code, message = outcome.error or (INTERNAL, "no record")
                for sink in lacking:
                    if hasattr(sink, "write_error"):
                        sink.write_error(outcome, code, message)
                summary.errors.append((outcome.label, code, message))
            if on_outcome is not None:
                on_outcome(outcome, summary)
    finally:
        for sink in sinks:
            sink.close()
        summary.seconds = time.perf_counter() - started
    return summary
