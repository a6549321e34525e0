"""The worker side of a batch: jobs in, outcomes out, in whatever process runs them (this one,
a pool process of the local engine, or a Dask worker). Never raises for a bad article: an
error becomes the outcome's (code, message).
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.errors import EmptyInput, ExtractorError
from extractor.jobs import INTERNAL, Job, Outcome

#: The pipelines and their memory zones belong to the process, not to a thread: a zone one
#: thread leaves frees strings another thread's article still uses. A worker with several
#: threads (a Dask worker started with --nthreads 2 or more) extracts one chunk at a time.
#: Used by `extraction_zone` only, the one place to change when the pipelines get an owner.
_ZONE_LOCK = threading.Lock()


@contextmanager
def extraction_zone() -> Iterator[None]:
    """One chunk of articles at a time in this process, inside one spaCy memory zone that
    frees what the chunk added to the string store."""
    from extractor.nlp import memory_zone

    with _ZONE_LOCK, memory_zone():
        yield


def process_job(job: Job, encoding: str | None = None) -> Outcome:
    """Extract one job in this process (a worker): the pipelines load once per process."""
    with extraction_zone():
        return _extract(job, encoding)


def process_jobs(jobs: list[Job], encoding: str | None = None) -> list[Outcome]:
    """A chunk of jobs in one call and one memory zone: fewer round trips for short articles,
    and the words common to the chunk are looked up once, not created again for each article."""
    with extraction_zone():
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
