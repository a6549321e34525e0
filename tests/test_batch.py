"""extractor batch: inputs, bad files, outputs, resume, order, memory (the real core)."""
from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from conftest import batch_article, build_sample_record, write_batch_articles
from typer.testing import CliRunner

from extractor import render
from extractor.batch import JsonlSink, Source, Summary, discover, jobs_from, run_batch
from extractor.jobs import INTERNAL, Job, Outcome, key_of, record_key
from extractor.cli import app
from extractor.core import extract_bytes
from extractor.errors import ExitCode
from extractor.store import Store, fact_rows
from extractor.worker import process_job, process_jobs

runner = CliRunner()


def invoke(*args: str, input: bytes | str | None = None):
    return runner.invoke(app, list(args), input=input, prog_name="extractor")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def db_rows(path: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, args).fetchall()


# --- inputs ---------------------------------------------------------------------------------


def test_discover_walks_folders_in_order_skips_hidden_and_outputs(tmp_path: Path) -> None:
    for name in ["b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/x.txt", "feed.jsonl", "notes.md", "out.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = discover([str(tmp_path)], exclude=[str(tmp_path / "out.jsonl")])
    rel = [(os.path.relpath(s.path, tmp_path), s.jsonl) for s in found]
    assert rel == [("a.txt", False), ("b/1.txt", False), ("b/2.txt", False), ("feed.jsonl", True), ("notes.md", False)]


@pytest.mark.parametrize("globs, expected", [
    (["*.txt"], ["a.txt", "b/1.txt", "b/2.txt"]),
    (["b/*"], ["b/1.txt", "b/2.txt"]),
    (["*.md", "a.*"], ["a.txt", "notes.md"]),
    (["*.pdf"], []),
])
def test_glob_filters_by_name_or_inner_path(tmp_path: Path, globs: list[str], expected: list[str]) -> None:
    for name in ["b/2.txt", "b/1.txt", "a.txt", "notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [os.path.relpath(s.path, tmp_path) for s in discover([str(tmp_path)], globs)] == expected


def test_a_named_file_is_read_whatever_the_glob(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("x", encoding="utf-8")
    assert discover([str(tmp_path / "one.md")], ["*.txt"]) == [Source(str(tmp_path / "one.md"), False)]


@pytest.mark.parametrize("line, id, code", [
    ('{"id": "hk-001", "text": "LockBit hit a bank."}', "hk-001", None),
    ('{"id": 42, "text": "駭客入侵銀行。"}', "42", None),
    ('{"text": "no id: the line number stands in"}', "1", None),
    ('{"id": "x", "body": "no text"}', "line 1", "E111"),
    ('{"id": true, "text": "a boolean id"}', "line 1", "E111"),
    ('["a", "list"]', "line 1", "E111"),
    ("not json at all", "line 1", "E111"),
])
def test_jsonl_lines(line: str, id: str, code: str | None) -> None:
    (job,) = jobs_from([Source("-", True)], io.BytesIO(line.encode("utf-8") + b"\n\n"))
    assert job.path is None and job.id == id
    assert (job.error[0] if job.error else None) == code


# --- bad inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize("data, code", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "E105"),  # binary
    (b"", "E104"),  # empty
    (b"  \n\t\n", "E104"),  # blank
    (b"Bad \xff\xfe bytes in a UTF-8 file", "E103"),
])
def test_process_job_reports_bad_articles_with_codes(data: bytes, code: str) -> None:
    outcome = process_job(Job(0, "x.txt", None, data, "0" * 64))
    assert outcome.record is None and outcome.error[0] == code


def test_utf16_with_bom_is_text_not_binary() -> None:
    data = "\ufeffMedusa claimed an attack on Tidewater Utilities.".encode("utf-16-le")
    outcome = process_job(Job(0, "u16.txt", None, data, "0" * 64))
    assert outcome.error is None and outcome.record["source"]["encoding"] == "utf-16-le"


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    """Good articles among a binary file, an empty file, a dangling link, a FIFO, a locked file."""
    folder = tmp_path / "in"
    write_batch_articles(folder, 4)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "locked.txt").write_text(batch_article(99), encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    return folder


def test_bad_files_are_listed_and_the_good_ones_all_land(messy_folder: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out.jsonl", tmp_path / "out.sqlite"
    result = invoke("batch", str(messy_folder), "--out", str(out), "--db", str(db), "--workers", "1")
    assert result.exit_code == ExitCode.PARTIAL, result.output
    expected = {"logo.png": "E105", "empty.txt": "E104", "gone.txt": "E101", "pipe.txt": "E102"}
    root = os.geteuid() == 0  # root reads a mode-000 file: it is then a good article
    if not root:
        expected["locked.txt"] = "E102"
    for name, code in expected.items():
        assert f"[{code}]" in result.stderr and name in result.stderr, (name, result.stderr)
    good = {f"a{n:05d}.txt" for n in range(4)} | ({"locked.txt"} if root else set())
    assert {Path(r["source"]["path"]).name for r in read_jsonl(out)} == good
    errors = db_rows(db, "SELECT a.path, e.code FROM errors e JOIN articles a ON a.id = e.article")
    assert {Path(p).name: c for p, c in errors} == expected
    assert db_rows(db, "SELECT count(*) FROM articles WHERE status = 'ok'") == [(len(good),)]
    assert "Traceback" not in result.output


def test_max_bytes_refuses_an_oversized_file_and_the_others_land(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_batch_articles(folder, 2)
    (folder / "dump.txt").write_text(batch_article(7) * 40, encoding="utf-8")
    limit = max(p.stat().st_size for p in folder.glob("a*.txt")) + 1
    out = tmp_path / "out.jsonl"
    result = invoke("--max-bytes", str(limit), "batch", str(folder), "--out", str(out), "--workers", "1")
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "[E106]" in result.stderr and "dump.txt" in result.stderr
    assert sorted(Path(r["source"]["path"]).name for r in read_jsonl(out)) == ["a00000.txt", "a00001.txt"]


def test_every_article_failing_exits_with_the_first_code(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    result = invoke("batch", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "o.jsonl"), "-j", "1")
    assert result.exit_code == ExitCode.INPUT, result.output
    assert (tmp_path / "o.jsonl").read_bytes() == b""


@pytest.mark.parametrize("args, message", [
    (["--resume"], "--resume needs --out or --db"),
    (["--out", "x.jsonl", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler goes with --engine dask"),
    (["--out", "x.jsonl", "--encoding", "klingon"], "unknown encoding"),
    (["--out", "same", "--db", "same"], "must be different files"),
    (["--out", "x.jsonl", "--workers", "0"], "--workers"),
])
def test_usage_errors(tmp_path: Path, monkeypatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("batch", "in", *args)
    assert result.exit_code == ExitCode.USAGE and message in result.stderr, result.output


def test_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    write_batch_articles(tmp_path / "in", 1)
    result = invoke("batch", str(tmp_path / "in"), "--out", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert result.exit_code == ExitCode.OUTPUT and "[E301]" in result.stderr


# --- outputs --------------------------------------------------------------------------------


def test_records_are_those_of_extract_and_follow_the_schema(tmp_path: Path) -> None:
    paths = write_batch_articles(tmp_path / "in", 6)
    feed = tmp_path / "in" / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"f{n}", "text": batch_article(100 + n)}) + "\n" for n in range(3)), encoding="utf-8")
    summary = run_batch([str(tmp_path / "in")], out=tmp_path / "o.jsonl", workers=1)
    assert summary.extracted == 9 and not summary.errors
    records = read_jsonl(tmp_path / "o.jsonl")
    validator = jsonschema.Draft202012Validator(render.schema())
    for record in records:
        validator.validate(record)
    for path, record in zip(paths, records):
        assert record == json.loads(render.to_json(extract_bytes(path.read_bytes(), path=str(path))))
    assert [(r["source"]["path"], r["source"].get("id")) for r in records[6:]] == [(str(feed), f"f{n}") for n in range(3)]
    assert records[6]["source"]["sha256"] == key_of(None, None, record_key(records[6])[2])[2]


def test_stdin_jsonl_to_stdout(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"s{n}", "text": batch_article(n)}, ensure_ascii=False) + "\n" for n in range(3))
    result = invoke("batch", "-", "--workers", "1", input=lines.encode("utf-8"))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"]["path"], r["source"]["id"]) for r in records] == [(None, "s0"), (None, "s1"), (None, "s2")]
    assert records[2]["facts"]["actor"][0]["zh"]


def test_summary_table_on_stderr_and_quiet(tmp_path: Path) -> None:
    write_batch_articles(tmp_path / "in", 3)
    result = invoke("batch", str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "-j", "1")
    assert result.exit_code == 0 and result.stdout == ""
    for row in ("articles extracted", "languages", "facts found", "inconsistencies", "errors", "time"):
        assert row in result.stderr
    quiet = invoke("batch", str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "-j", "1", "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_ordered_output_is_deterministic_and_as_completed_has_the_same_records(tmp_path: Path) -> None:
    write_batch_articles(tmp_path / "in", 12)
    one, two, loose = tmp_path / "1.jsonl", tmp_path / "2.jsonl", tmp_path / "u.jsonl"
    run_batch([str(tmp_path / "in")], out=one, workers=1)
    run_batch([str(tmp_path / "in")], out=two, workers=2)
    run_batch([str(tmp_path / "in")], out=loose, workers=2, ordered=False)
    assert one.read_bytes() == two.read_bytes()
    assert sorted(one.read_text(encoding="utf-8").splitlines()) == sorted(loose.read_text(encoding="utf-8").splitlines())


# --- SQLite ---------------------------------------------------------------------------------


def test_fact_rows_one_per_fact_and_language() -> None:
    rows = {(field, lang, text, value) for field, lang, text, value, *_ in fact_rows(build_sample_record())}
    assert rows == {
        ("actor", "en", "LockBit", "LockBit"), ("actor", "zh", "LockBit", "LockBit"),
        ("victim", "en", "Nordic Care Hospitals", "Nordic Care Hospitals"),
        ("victim", "zh", "北歐醫療集團", "Nordic Care Hospitals"),
        ("data_size", "en", "about 1.3 TB", "1300000000000"), ("data_size", "zh", "約1.2TB", "1200000000000"),
        ("record_count", "en", "more than 500,000", "500000"), ("record_count", "zh", "超過50萬", "500000"),
        ("data_type", "en", "national ID numbers", "national_id"), ("data_type", "zh", "身分證號碼", "national_id"),
        ("data_type", "en", "medical histories", "health"), ("data_type", "zh", "病歷", "health"),
        ("encryption", "en", "Servers were encrypted", "true"), ("encryption", "zh", "伺服器遭加密", "true"),
        ("ransom", "en", "refused to pay", "refused"), ("ransom", "zh", "拒絕支付", "refused"),
        ("country", "en", "Denmark", "DK"), ("country", "zh", "丹麥", "DK"),
        ("sector", "en", "hospital operator", "healthcare"), ("sector", "zh", "醫院營運商", "healthcare"),
    }


def test_database_queries_and_indexes(tmp_path: Path) -> None:
    db = tmp_path / "o.sqlite"
    write_batch_articles(tmp_path / "in", 9)
    run_batch([str(tmp_path / "in")], db=db, workers=1)
    by_actor = db_rows(db, "SELECT f.value, count(DISTINCT f.article) FROM facts f WHERE f.field = 'actor' "
                           "GROUP BY f.value ORDER BY 2 DESC, 1")
    assert sum(n for _, n in by_actor) == 9
    victims = db_rows(db, "SELECT a.path FROM facts f JOIN articles a ON a.id = f.article "
                          "WHERE f.field = 'victim' AND f.value = ?", "Harbourline Freight")
    assert victims and all(p.endswith(".txt") for (p,) in victims)
    for sql, index in [
        ("SELECT article FROM facts WHERE field = 'actor' AND value = 'LockBit'", "facts_field_value"),
        ("SELECT article FROM facts WHERE field = 'victim' AND value = 'x'", "facts_field_value"),
        ("SELECT id FROM articles WHERE processed_at >= '2024-01-01'", "articles_processed_at"),
    ]:
        plan = " ".join(str(row) for row in db_rows(db, "EXPLAIN QUERY PLAN " + sql))
        assert index in plan, (sql, plan)
    assert db_rows(db, "SELECT DISTINCT status, languages != '' FROM articles") == [("ok", 1)]


def test_store_rewrites_an_article_whole(tmp_path: Path) -> None:
    record = build_sample_record()
    store = Store(tmp_path / "s.sqlite", resume=False)
    store.write(record)
    store.write(record)  # the same article again: replaced, not doubled
    store.close()
    assert db_rows(tmp_path / "s.sqlite", "SELECT count(*) FROM articles") == [(1,)]
    assert db_rows(tmp_path / "s.sqlite", "SELECT count(*) FROM facts") == [(20,)]
    assert db_rows(tmp_path / "s.sqlite", "SELECT field, en, zh FROM inconsistencies") == [("data_size", "about 1.3 TB", "約1.2TB")]


# --- resume ---------------------------------------------------------------------------------


def test_resume_skips_what_is_done_and_extracts_new_and_changed_files(tmp_path: Path) -> None:
    folder, out, db = tmp_path / "in", tmp_path / "o.jsonl", tmp_path / "o.sqlite"
    write_batch_articles(folder, 4)
    first = run_batch([str(folder)], out=out, db=db, workers=1)
    assert first.extracted == 4
    write_batch_articles(folder, 2, start=4)  # new arrivals
    (folder / "a00000.txt").write_text(batch_article(500), encoding="utf-8")  # an edited file
    again = run_batch([str(folder)], out=out, db=db, workers=1, resume=True)
    assert (again.skipped, again.extracted) == (3, 3)
    keys = [record_key(r) for r in read_jsonl(out)]
    assert len(keys) == len(set(keys)) == 7
    assert db_rows(db, "SELECT count(*), count(DISTINCT path || sha256) FROM articles") == [(7, 7)]
    fresh = run_batch([str(folder)], out=out, db=db, workers=1)  # without --resume: start afresh
    assert fresh.extracted == 6 and len(read_jsonl(out)) == 6
    assert db_rows(db, "SELECT count(*) FROM articles") == [(6,)]


def test_resume_drops_a_cut_line_and_fills_the_output_that_lacks_an_article(tmp_path: Path) -> None:
    folder, out, db = tmp_path / "in", tmp_path / "o.jsonl", tmp_path / "o.sqlite"
    write_batch_articles(folder, 3)
    run_batch([str(folder)], out=out, db=db, workers=1)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1][: len(lines[1]) // 2])  # killed while writing line 2
    with sqlite3.connect(db) as conn:  # and the database never saw article 1
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE path LIKE '%a00000.txt'")
    summary = run_batch([str(folder)], out=out, db=db, workers=1, resume=True)
    assert summary.extracted == 3 and summary.skipped == 0
    records = read_jsonl(out)
    assert [Path(r["source"]["path"]).name for r in records] == ["a00000.txt", "a00001.txt", "a00002.txt"]
    assert db_rows(db, "SELECT count(*) FROM articles") == [(3,)]


def test_failed_articles_are_retried_on_resume(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "o.sqlite"
    write_batch_articles(folder, 1)
    (folder / "late.txt").write_bytes(b"")
    assert len(run_batch([str(folder)], db=db, workers=1).errors) == 1
    (folder / "late.txt").write_text(batch_article(7), encoding="utf-8")
    summary = run_batch([str(folder)], db=db, workers=1, resume=True)
    assert (summary.skipped, summary.extracted, summary.errors) == (1, 1, [])
    assert db_rows(db, "SELECT status, count(*) FROM articles GROUP BY status") == [("ok", 2)]


def test_jsonl_sink_keeps_foreign_lines(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"note": "not a record"}\n', encoding="utf-8")
    sink = JsonlSink(out, resume=True)
    sink.close()
    assert sink.done == {("", "", "")} and out.read_text(encoding="utf-8") == '{"note": "not a record"}\n'


# --- workers and memory -----------------------------------------------------------------------


def test_a_bug_in_the_core_is_recorded_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    import extractor.core

    real = extractor.core.extract_bytes

    def flaky(data: bytes, path=None, encoding=None):
        if b"Akira" in data:
            raise RuntimeError("boom")
        return real(data, path=path, encoding=encoding)

    monkeypatch.setattr(extractor.core, "extract_bytes", flaky)
    write_batch_articles(tmp_path / "in", 10)
    summary = run_batch([str(tmp_path / "in")], out=tmp_path / "o.jsonl", workers=1)
    bad = [e for e in summary.errors if e[1] == INTERNAL]
    assert bad and all("RuntimeError: boom" in e[2] for e in bad)
    assert summary.extracted + len(bad) == 10


def test_memory_zone_keeps_the_string_store_bounded(monkeypatch) -> None:
    import extractor.nlp as nlp

    monkeypatch.setattr(nlp.default_pipelines(), "warmth", nlp.Warmth(limit=30))  # start cold, with a small warm limit

    def run(start: int) -> None:
        for n in range(start, start + 40):  # every article has new numbers: new strings
            assert process_job(Job(n, None, None, batch_article(n).encode("utf-8"), "")).error is None

    run(0)
    run(1000)  # recurring words are made permanent, up to the limit
    assert [len(nlp.default_pipelines().warmth.warm[family]) for family in ("en", "zh")] == [30, 30]
    sizes = [len(nlp.load("en").vocab.strings), len(nlp.load("zh").vocab.strings)]
    run(5000)
    assert [len(nlp.load("en").vocab.strings), len(nlp.load("zh").vocab.strings)] == sizes


def test_warm_words_are_the_recurring_ones_and_change_no_record(monkeypatch) -> None:
    import extractor.nlp as nlp

    warmth = nlp.Warmth()
    assert warmth.candidates("en", ["Hackers stole 1.3 TB from Acer, Acer said Acer was hit."]) == ["Acer"]  # "Acer," is another chunk
    assert warmth.candidates("en", ["Hackers stole 42 files."]) == ["Hackers", "stole"]  # seen before
    assert warmth.candidates("zh", ["宏碁表示宏碁"]) == ["宏", "碁"]
    assert "LockBit" in warmth.candidates("zh", ["LockBit稱", "LockBit表示"])  # a Latin word is one token

    monkeypatch.setattr(nlp.default_pipelines(), "warmth", nlp.Warmth())
    jobs = [Job(n, None, None, batch_article(n).encode("utf-8"), "") for n in range(12)]
    cold = [process_job(job).record for job in jobs]  # one zone each: nothing warm yet for the first
    warm = [process_job(job).record for job in jobs]  # now their recurring words are permanent
    assert nlp.default_pipelines().warmth.warm["en"] and nlp.default_pipelines().warmth.warm["zh"]
    assert cold == warm


# --- the README's example queries are real ------------------------------------------------


def test_readme_queries_give_the_output_shown(tmp_path: Path, monkeypatch) -> None:
    import re

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Example queries.*?```\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(root)
    run_batch(["samples"], db=tmp_path / "records.sqlite", globs=["*.txt"], workers=1)
    shown = re.split(r'^\$ sqlite3 records\.sqlite "(.*)"\n', block, flags=re.M)[1:]
    assert len(shown) >= 8
    for sql, expected in zip(shown[::2], shown[1::2]):
        rows = db_rows(tmp_path / "records.sqlite", sql)
        assert "".join("|".join("" if v is None else str(v) for v in row) + "\n" for row in rows) == expected, sql


def test_outputs_inside_the_input_folder_are_not_read(tmp_path: Path) -> None:
    write_batch_articles(tmp_path, 2)
    for resume in (False, True):
        summary = run_batch([str(tmp_path)], out=tmp_path / "o.jsonl", db=tmp_path / "o.sqlite", workers=1, resume=resume)
        assert not summary.errors and summary.extracted + summary.skipped == 2


def test_threads_of_one_worker_get_the_same_records() -> None:
    # a Dask worker started with several threads calls process_jobs from each: memory zones are
    # per process, so without the worker's lock one thread's zone frees another's strings (E018)
    import threading

    jobs = [Job(n, None, None, batch_article(n).encode("utf-8"), "") for n in range(48)]
    expected = [o.record for o in process_jobs(jobs)]
    results: dict[int, list] = {}

    def run(k: int) -> None:
        results[k] = [o.record if o.error is None else o.error for i in range(0, 48, 8) for o in process_jobs(jobs[i:i + 8])]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[k] == expected for k in range(4)] == [True] * 4


# --- the library's summary and the import graph ---------------------------------------------------


def _outcome(seq: int, error: tuple[str, str] | None = None) -> Outcome:
    record = None if error else {"languages": ["en"], "facts": {"actor": [{"en": "LockBit"}], "ransom": None},
                                 "inconsistencies": [], "source": {"chars": 10}}
    return Outcome(seq, f"{seq}.txt", None, "", record=record, error=error)


@pytest.mark.parametrize("errors, extracted, skipped, exit_code", [
    ([], 2, 0, ExitCode.OK),
    ([("E101", "no such file")], 1, 0, ExitCode.PARTIAL),
    ([("E105", "binary")], 0, 1, ExitCode.PARTIAL),  # the rest was done before (--resume)
    ([("E105", "binary"), (INTERNAL, "bug")], 0, 0, ExitCode.INPUT),  # the first failure's code
    ([(INTERNAL, "bug"), ("E105", "binary")], 0, 0, ExitCode.INTERNAL),
    ([("E301", "cannot write")], 0, 0, ExitCode.OUTPUT),
])
def test_summary_counts_outcomes_and_chooses_the_exit_code(errors, extracted, skipped, exit_code) -> None:
    summary = Summary(skipped=skipped)
    outcomes = [_outcome(n) for n in range(extracted)] + [_outcome(100 + n, e) for n, e in enumerate(errors)]
    for outcome in outcomes:
        summary.add(outcome)
    assert (summary.extracted, summary.facts, summary.chars) == (extracted, extracted, 10 * extracted)
    assert [code for _, code, _ in summary.errors] == [code for code, _ in errors]
    assert summary.exit_code == exit_code


def test_the_batch_modules_import_no_cycle() -> None:
    # jobs is the neutral module: store and the worker need neither batch nor the Dask engine
    import subprocess
    import sys

    code = ("import sys, extractor.store, extractor.worker, extractor.jobs; "
            "print(sorted(m for m in ('extractor.batch', 'extractor.dask_engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
