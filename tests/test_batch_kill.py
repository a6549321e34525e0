"""A batch killed half-way (SIGKILL, workers and all), then the same command with --resume:
every article exactly once in the JSONL file and in the SQLite database."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import write_batch_articles

ARTICLES = 2000


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_then_resume_gives_every_article_exactly_once(tmp_path: Path) -> None:
    folder, out, db = tmp_path / "in", tmp_path / "out.jsonl", tmp_path / "out.sqlite"
    paths = write_batch_articles(folder, ARTICLES, short=True)
    command = [sys.executable, "-m", "extractor", "batch", str(folder), "--out", str(out), "--db", str(db),
               "--workers", "2", "--quiet"]

    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while _lines(out) < ARTICLES // 5 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, f"the batch ended before it could be killed: {first.stderr.read()!r}"
    os.killpg(first.pid, signal.SIGKILL)  # the parent and its worker processes, mid-write
    first.wait()
    killed_at = _lines(out)
    assert 0 < killed_at < ARTICLES

    second = subprocess.run([*command, "--resume"], capture_output=True, timeout=300)
    assert second.returncode == 0, second.stderr.decode()

    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["source"]["path"] for r in records] == [str(p) for p in paths]  # each once, in input order
    assert all(r["facts"]["actor"] for r in records)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, sha256, status FROM articles ORDER BY path").fetchall()
        facts = conn.execute("SELECT count(DISTINCT article) FROM facts WHERE field = 'actor'").fetchone()[0]
    assert [p for p, _, _ in rows] == [str(p) for p in paths]
    assert {s for _, _, s in rows} == {"ok"}
    assert [sha for _, sha, _ in rows] == [r["source"]["sha256"] for r in records]
    assert facts == ARTICLES  # no article stored without its facts
