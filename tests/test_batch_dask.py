"""--engine dask: a LocalCluster of two worker processes gives the records of the local path."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from extractor.batch import run_batch

distributed = pytest.importorskip("distributed")  # the 'dask' extra (also in 'test')

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _same_records(folder: Path, tmp_path: Path, scheduler: str, ordered: bool = True) -> int:
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([str(folder)], out=local, globs=["*.txt"], workers=1)
    summary = run_batch([str(folder)], out=dask, globs=["*.txt"], engine="dask", scheduler=scheduler, ordered=ordered)
    assert not summary.errors
    if ordered:
        assert dask.read_bytes() == local.read_bytes()
    else:
        assert sorted(dask.read_bytes().splitlines()) == sorted(local.read_bytes().splitlines())
    return summary.extracted


def test_dask_gives_the_local_records_on_the_samples(tmp_path: Path, scheduler: str) -> None:
    assert _same_records(REPO / "samples", tmp_path, scheduler) == 10


def test_dask_gives_the_local_records_on_the_dev_corpus(tmp_path: Path, scheduler: str) -> None:
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not on this machine")
    assert _same_records(DEV, tmp_path, scheduler, ordered=False) == 30


def test_dask_records_bad_files_and_fills_the_database(tmp_path: Path, scheduler: str) -> None:
    from conftest import write_batch_articles

    folder = tmp_path / "in"
    write_batch_articles(folder, 5)
    (folder / "empty.txt").write_bytes(b"")
    summary = run_batch([str(folder)], db=tmp_path / "o.sqlite", engine="dask", scheduler=scheduler)
    assert summary.extracted == 5 and [e[1] for e in summary.errors] == ["E104"]


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    import extractor.dask_engine
    from extractor.cli import app

    monkeypatch.setattr(extractor.dask_engine, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Akira hit a bank.", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o.jsonl"),
                                      "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "[E120]" in result.stderr, result.output
