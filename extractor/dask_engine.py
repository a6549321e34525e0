"""`extractor batch --engine dask`: the same jobs, run on a Dask cluster (optional extra `dask`).

The job list goes out in blocks as `dask.bag`s of `extractor.worker.process_jobs` calls; each
worker process imports the pipelines once (they are cached per process), so a worker pays the
model load on its first article only. Records come back in input order (or as partitions
finish), and the caller writes them exactly as for the local engine.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from extractor.jobs import Job, Outcome
from extractor.worker import process_jobs
from extractor.errors import EngineUnavailable

#: jobs per bag: bounds the memory the parent holds; partitions of PARTITION jobs each
BLOCK = 512
PARTITION = 8
#: how long to keep trying to reach a scheduler
CONNECT_TIMEOUT = "20s"


def _process_partition(jobs: Iterable[Job], encoding: str | None) -> list[Outcome]:
    return process_jobs(list(jobs), encoding)


def run_dask(jobs: Iterable[Job], *, encoding: str | None = None, scheduler: str | None = None,
             workers: int = 2, ordered: bool = True) -> Iterator[Outcome]:
    """Outcomes of JOBS computed on the cluster at SCHEDULER, or on a local cluster of WORKERS
    processes (one thread each) started for this run and closed after it."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineUnavailable("the dask engine needs the 'dask' extra: pip install 'extractor[dask]'") from None

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        raise EngineUnavailable(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
    try:
        it = iter(jobs)
        while block := list(islice(it, BLOCK)):
            bag = db.from_sequence(block, partition_size=PARTITION).map_partitions(_process_partition, encoding)
            futures = client.compute(bag.to_delayed())
            if ordered:
                for future in futures:
                    yield from future.result()
            else:
                for future in as_completed(futures):
                    yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
