"""Records into an embedded SQLite database (stdlib sqlite3), one transaction per article.

Schema (also in the README, with example queries):

- `articles`: one row per article processed: where it came from (`path`, `article_id` for a
  JSONL line), `sha256` of its bytes, `languages` (comma-separated, e.g. `en,zh-Hant`),
  `layout`, `chars`, `status` (`ok` or `error`), `processed_at` (UTC, ISO 8601) and the whole
  `record` as JSON;
- `facts`: one row per fact and language: `field` (actor, victim, data_size, record_count,
  data_type, encryption, ransom, country, sector), `lang` (`en`/`zh`), `text` as written,
  `value` normalised (the English name of an actor or victim, the category of a data type,
  the ISO code of a country, the sector's norm, `true`/`false`, the ransom status), `number`
  (bytes of a data size, value of a record count), the evidence `start`/`end`/`rule`/`score`;
- `inconsistencies`: the record's disagreements between the two versions;
- `errors`: the bad inputs: `code` (E1xx, E2xx, `internal`) and `message`.

A killed batch leaves whole articles only: each is deleted and rewritten in one transaction.
"""
from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from typing import Any

from extractor.errors import OutputFailed
from extractor.jobs import Key, Outcome, record_key
from extractor.model import Facts

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,              -- the file ('' for standard input)
    article_id   TEXT NOT NULL DEFAULT '',   -- the "id" of a JSONL line ('' for a file)
    sha256       TEXT NOT NULL,              -- of the article's bytes ('' when unreadable)
    languages    TEXT NOT NULL DEFAULT '',   -- comma-separated: en,zh-Hant
    layout       TEXT,
    chars        INTEGER,
    status       TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    processed_at TEXT NOT NULL,              -- UTC, ISO 8601
    record       TEXT,                       -- the whole record, JSON
    UNIQUE (path, article_id, sha256)
);
CREATE TABLE IF NOT EXISTS facts (
    article  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field    TEXT NOT NULL,
    lang     TEXT,                           -- en, zh; NULL when a fact has no evidence
    text     TEXT,                           -- as written in that language
    value    TEXT,                           -- normalised
    number   REAL,                           -- bytes (data_size), count (record_count)
    start    INTEGER,
    end      INTEGER,
    rule     TEXT,
    score    REAL
);
CREATE TABLE IF NOT EXISTS inconsistencies (
    article  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field    TEXT,
    en       TEXT,
    zh       TEXT,
    message  TEXT,
    detail   TEXT                            -- the whole item, JSON
);
CREATE TABLE IF NOT EXISTS errors (
    article  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL
);
-- by actor, by victim, by any fact: WHERE field = 'actor' AND value = 'LockBit'
CREATE INDEX IF NOT EXISTS facts_field_value ON facts(field, value);
CREATE INDEX IF NOT EXISTS facts_article ON facts(article);
CREATE INDEX IF NOT EXISTS inconsistencies_article ON inconsistencies(article);
CREATE INDEX IF NOT EXISTS errors_article ON errors(article);
CREATE INDEX IF NOT EXISTS articles_processed_at ON articles(processed_at);
CREATE INDEX IF NOT EXISTS articles_sha256 ON articles(sha256);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


#: the order of the facts table's rows for one article: the lists, the quantities, the labels, the verdicts
_ROW_ORDER = ("actor", "victim", "data_type", "data_size", "record_count", "country", "sector", "encryption", "ransom")


def _sql_value(value: Any) -> str | None:
    """The `value` column: text; true/false for a verdict; 1.3e12 bytes as 1300000000000, not 1300000000000.0."""
    if value is None:
        return None
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def fact_rows(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(field, lang, text, value, number, start, end, rule, score): one per fact and language."""
    rows = sorted(Facts.from_dict(record["facts"], record.get("fact_evidence")).rows(),
                  key=lambda row: _ROW_ORDER.index(row.field))
    return [(r.field, r.lang, r.text, _sql_value(r.value), r.number,
             *((r.evidence.start, r.evidence.end, r.evidence.rule, r.evidence.score) if r.evidence else (None,) * 4))
            for r in rows]


class Store:
    """An open batch database. `done`: the keys of the articles already stored as ok."""

    def __init__(self, path: str | os.PathLike[str], resume: bool) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None)  # transactions by hand
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")  # a killed writer loses no commit
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(SCHEMA)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if not resume:  # a fresh run: the database holds this batch only
                with self.transaction():
                    self.db.execute("DELETE FROM articles")
            self.done: set[Key] = {
                (p, a, s) for p, a, s in self.db.execute("SELECT path, article_id, sha256 FROM articles WHERE status = 'ok'")}
        except sqlite3.Error as error:
            raise OutputFailed(f"cannot use {path} as a SQLite database: {error}") from None

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    def _replace(self, key: Key, status: str, record: dict[str, Any] | None) -> int:
        path, article_id, sha = key
        # this very article if stored before, and any failure recorded for its path (or id)
        self.db.execute("DELETE FROM articles WHERE path = ? AND article_id = ? AND (sha256 = ? OR status = 'error')",
                        (path, article_id, sha))
        cur = self.db.execute(
            "INSERT INTO articles (path, article_id, sha256, languages, layout, chars, status, processed_at, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, article_id, sha, ",".join(record["languages"]) if record else "",
             record["layout"] if record else None, record["source"]["chars"] if record else None, status, _now(),
             json.dumps(record, ensure_ascii=False, separators=(",", ":")) if record else None))
        return int(cur.lastrowid)

    def write(self, record: dict[str, Any]) -> None:
        try:
            with self.transaction():
                article = self._replace(record_key(record), "ok", record)
                self.db.executemany(
                    "INSERT INTO facts (article, field, lang, text, value, number, start, end, rule, score)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(article, *row) for row in fact_rows(record)])
                self.db.executemany(
                    "INSERT INTO inconsistencies (article, field, en, zh, message, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    [(article, i.get("field"), _text(i.get("en")), _text(i.get("zh")), i.get("message"),
                      json.dumps(i, ensure_ascii=False, sort_keys=True)) for i in record["inconsistencies"]])
        except sqlite3.Error as error:
            raise OutputFailed(f"cannot write to {self.path}: {error}") from None

    def write_error(self, outcome: Outcome, code: str, message: str) -> None:
        try:
            with self.transaction():
                article = self._replace(outcome.key, "error", None)
                self.db.execute("INSERT INTO errors (article, code, message) VALUES (?, ?, ?)", (article, code, message))
        except sqlite3.Error as error:
            raise OutputFailed(f"cannot write to {self.path}: {error}") from None

    def close(self) -> None:
        self.db.close()


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, tb) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
