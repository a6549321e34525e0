"""Bilingual word lists: data types, sectors, countries, threat groups.

The vocabularies live in TSV files under models/data; this module holds only the rules a row
must obey, so a bad edit fails at load time naming the file and line, not later as a silent
non-match. Files are UTF-8 (a BOM is tolerated), tab-separated, with one header row; lines
starting with `#` and blank lines are ignored.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.paths import DATA_DIR  # the repo's models/data, or the wheel's copy
from extractor.script import to_simplified

LANGS = frozenset({"en", "zh"})

#: data_types.tsv `category`; the meaning of each is documented in the file's header.
DATA_CATEGORIES = frozenset(
    {
        "personal_identity",
        "contact",
        "government_id",
        "health",
        "financial",
        "credentials",
        "employment",
        "customer",
        "research_ip",
        "legal",
        "education",
        "corporate",
        "other",
    }
)

#: sectors.tsv `norm`.
SECTORS = frozenset(
    {
        "healthcare",
        "semiconductor",
        "postal",
        "logistics",
        "education",
        "gaming",
        "aviation",
        "automotive",
        "retail",
        "real_estate",
        "technology",
        "telecommunications",
        "insurance",
        "government",
        "energy",
        "legal",
        "nonprofit",
        "hospitality",
        "business_services",
        "finance",
        "pharmaceutical",
        "manufacturing",
        "media",
        "transportation",
        "food",
        "construction",
        "utilities",
    }
)

#: Everyday Traditional characters that OpenCC's s2t rewrites and neither its Taiwan nor its
#: Hong Kong variant table gives back (雇員, 飛行里數, 干擾, 占領, 周年, 團伙). Kept short on purpose:
#: each entry also lets that character through where it is the Simplified form.
ALSO_TRADITIONAL = frozenset("雇里干占周伙")

_CODE_RE = re.compile(r"[A-Z]{2}")
#: columns whose text must be written in the script of the row's `lang`
_TEXT_COLUMNS = ("phrase", "alias")


_Row = TypeVar("_Row")


@dataclass(frozen=True)
class DataType:
    lang: str
    phrase: str
    category: str


@dataclass(frozen=True)
class Sector:
    lang: str
    phrase: str
    norm: str


@dataclass(frozen=True)
class Country:
    code: str
    lang: str
    phrase: str


@dataclass(frozen=True)
class ThreatGroup:
    name: str
    alias: str
    lang: str


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK ")


@cache
def _converter(config: str):
    import opencc  # loading its dictionaries takes a moment; only pay for it when needed

    return opencc.OpenCC(config)


def simplified_chars(phrase: str) -> str:
    """The characters of `phrase` that are Simplified-only ("" when it is Traditional).

    A Traditional phrase comes back unchanged from OpenCC's s2t, except where s2t prefers an
    older form than Taiwan or Hong Kong write (群->羣, 床->牀, 台->臺), so a character also
    passes when the TW or HK variant table gives it back, or it is in ALSO_TRADITIONAL.
    """
    trad = _converter("s2t").convert(phrase)
    if trad == phrase:
        return ""
    readings = [trad, _converter("t2tw").convert(trad), _converter("t2hk").convert(trad)]
    readings = [r for r in readings if len(r) == len(phrase)]
    bad = [
        char
        for i, char in enumerate(phrase)
        if char not in ALSO_TRADITIONAL and all(r[i] != char for r in readings)
    ]
    return "".join(dict.fromkeys(bad))


def _check_value(column: str, value: str) -> str | None:
    """What is wrong with one field judged on its own, or None."""
    if column == "lang" and value not in LANGS:
        return f"lang {value!r} is not one of {sorted(LANGS)}"
    if column == "category" and value not in DATA_CATEGORIES:
        return f"category {value!r} is not one of {sorted(DATA_CATEGORIES)}"
    if column == "norm" and value not in SECTORS:
        return f"norm {value!r} is not one of {sorted(SECTORS)}"
    if column == "code" and not _CODE_RE.fullmatch(value):
        return f"code {value!r} is not an ISO 3166-1 alpha-2 code (two capital letters)"
    return None


def _check_script(column: str, value: str, lang: str) -> str | None:
    """Whether a phrase is written in its row's language: zh is Traditional, en has no CJK."""
    has_cjk = any(_is_cjk(c) for c in value)
    if lang == "en" and has_cjk:
        return f"{column} {value!r} has Chinese characters but lang is en"
    if lang == "zh":
        if not has_cjk:
            return f"{column} {value!r} has no Chinese characters but lang is zh"
        bad = simplified_chars(value)
        if bad:
            return f"{column} {value!r} has Simplified-only characters {bad!r}; write it in Traditional"
    return None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelMissing(f"{path}: word list not found; reinstall or restore models/data") from None
    except OSError as exc:
        raise ModelDataInvalid(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelDataInvalid(f"{path}:{line}: not UTF-8; save the file as UTF-8") from None


def _row_problem(row: dict[str, str], scripts: bool = True) -> str | None:
    """What is wrong with one row's fields, judged one by one, or None (`scripts`: also whether
    each phrase is written in its language's script, which loads OpenCC's tables)."""
    for column, value in row.items():
        if not value:
            return f"{column} is empty"
        if value != value.strip():
            return f"{column} {value!r} has leading or trailing whitespace"
        problem = _check_value(column, value)
        if problem is None and scripts and column in _TEXT_COLUMNS and "lang" in row:
            problem = _check_script(column, value, row["lang"])
        if problem:
            return problem
    return None


def load_tsv(
    path: str | Path, columns: tuple[str, ...], *, key: tuple[str, ...] | None = None,
    check: Callable[[dict[str, str]], str | None] | None = None, scripts: bool = True,
) -> list[dict[str, str]]:
    """Read and validate one word list; rows come back in file order.

    `key` names the columns that must be unique together (default: the whole row), so an
    alias cannot map to two values. Column checks follow the column's name: `lang`,
    `category`, `norm`, `code`, and the script of `phrase` / `alias` against `lang`; `check`
    judges a whole row (what is wrong with it, or None). `scripts=False` skips the script
    check (it loads OpenCC's tables, about half a second): the extractor reads its packaged,
    already checked lists that way; `python -m extractor.build_models` and the tests check them.
    """
    path = Path(path)
    key = key or columns
    text = _read_text(path)

    def fail(lineno: int, what: str) -> ModelDataInvalid:
        return ModelDataInvalid(f"{path}:{lineno}: {what}")

    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != columns:
                raise fail(lineno, f"header is {fields!r}, expected {list(columns)!r} (tab-separated)")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise fail(lineno, f"{len(fields)} tab-separated fields, expected {len(columns)} {list(columns)!r}")
        row = dict(zip(columns, fields))
        problem = _row_problem(row, scripts) or (check(row) if check else None)
        if problem:
            raise fail(lineno, problem)
        row_key = tuple(row[c] for c in key)
        if row_key in seen:
            shown = ", ".join(f"{c}={row[c]!r}" for c in key)
            raise fail(lineno, f"duplicate of line {seen[row_key]} ({shown})")
        seen[row_key] = lineno
        rows.append(row)
    if not header_seen:
        raise fail(1, f"no header row, expected {list(columns)!r}")
    return rows


def _load(data_dir: str | Path | None, filename: str, columns: tuple[str, ...],
          key: tuple[str, ...], make: Callable[..., _Row], scripts: bool = True) -> list[_Row]:
    path = Path(data_dir) if data_dir is not None else DATA_DIR
    return [make(**row) for row in load_tsv(path / filename, columns, key=key, scripts=scripts)]


def data_types(data_dir: str | Path | None = None, scripts: bool = True) -> list[DataType]:
    """Phrases naming kinds of compromised data, each with one category."""
    return _load(data_dir, "data_types.tsv", ("lang", "phrase", "category"), ("lang", "phrase"), DataType, scripts)


def sectors(data_dir: str | Path | None = None) -> list[Sector]:
    """Industry words as articles write them, each with one normalised sector."""
    return _load(data_dir, "sectors.tsv", ("lang", "phrase", "norm"), ("lang", "phrase"), Sector)


def countries(data_dir: str | Path | None = None, scripts: bool = True) -> list[Country]:
    """Country and territory names, short forms and demonyms, with ISO 3166-1 alpha-2 codes."""
    return _load(data_dir, "countries.tsv", ("code", "lang", "phrase"), ("lang", "phrase"), Country, scripts)


def threat_groups(data_dir: str | Path | None = None) -> list[ThreatGroup]:
    """Aliases of ransomware, extortion and state-backed groups, each with its canonical name."""
    return _load(data_dir, "threat_groups.tsv", ("name", "alias", "lang"), ("alias", "lang"), ThreatGroup)


def word_lists(data_dir: str | Path | None = None, scripts: bool = True) -> dict[str, frozenset[str]]:
    """The recognisers' closed word lists by name (lists.tsv declares each list and its
    language; words.tsv holds the words). Chinese lists are written in Traditional Chinese and
    also hold the Simplified form of each word, derived here."""
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    declared = {r["list"]: r["lang"] for r in load_tsv(folder / "lists.tsv", ("list", "lang", "meaning"), key=("list",))}

    def known_list(row: dict[str, str]) -> str | None:
        if declared.get(row["list"]) != row["lang"]:
            return (f"list {row['list']!r} in {row['lang']!r} is not declared in lists.tsv "
                    f"(declared: {sorted(declared.items())})")
        return _check_script("word", row["word"], row["lang"]) if scripts else None

    out: dict[str, set[str]] = {name: set() for name in declared}
    for row in load_tsv(folder / "words.tsv", ("list", "lang", "word"), check=known_list, scripts=scripts):
        out[row["list"]].add(row["word"])
    for name, lang in declared.items():
        if lang == "zh":
            out[name] |= {to_simplified(w) for w in out[name]}
    return {name: frozenset(words) for name, words in out.items()}


class Weights(dict):
    """One recogniser's weights by name; a name the data lacks is a data error, not a KeyError."""

    def __init__(self, path: Path, recognizer: str, values: dict[str, float]) -> None:
        super().__init__(values)
        self.path, self.recognizer = path, recognizer

    def __missing__(self, name: str) -> float:
        raise ModelDataInvalid(f"{self.path}: no weight {self.recognizer}.{name}; add a row "
                               f"'{self.recognizer}<TAB>{name}<TAB>value<TAB>meaning'")


def weights(data_dir: str | Path | None = None) -> dict[str, Weights]:
    """The recognisers' scoring weights and thresholds (weights.tsv), by recogniser."""
    path = (Path(data_dir) if data_dir is not None else DATA_DIR) / "weights.tsv"

    def number(row: dict[str, str]) -> str | None:
        try:
            float(row["value"])
        except ValueError:
            return f"value {row['value']!r} is not a number"
        return None

    found: dict[str, dict[str, float]] = {}
    for row in load_tsv(path, ("recognizer", "name", "value", "meaning"), key=("recognizer", "name"), check=number):
        found.setdefault(row["recognizer"], {})[row["name"]] = float(row["value"])
    return {name: Weights(path, name, values) for name, values in found.items()}
