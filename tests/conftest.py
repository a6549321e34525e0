"""Shared fixtures. Each section belongs to the tests named in its heading; add new sections
below rather than changing these."""
from __future__ import annotations

import copy
import hashlib
import sys
import types
from typing import Any

import pytest

# =============================================================================================
# Section: sample record (tests/test_schema.py, tests/test_cli.py)
#
# A hand-written bilingual record for a realistic English + Traditional Chinese article.
# Offsets are computed from ARTICLE, so every evidence span really is ARTICLE[start:end].
# =============================================================================================

ARTICLE_EN = (
    "Hackers leak 1.3TB of data stolen from Danish hospital group\n"
    "\n"
    "The ransomware gang LockBit has claimed an attack on Nordic Care Hospitals, a private "
    "hospital operator in Denmark, saying it stole about 1.3 TB of files.\n"
    "\n"
    "The gang says the files hold more than 500,000 patient records, including national ID "
    "numbers and medical histories. Servers were encrypted and a ransom was demanded, which "
    "the company refused to pay.\n"
)
ARTICLE_ZH = (
    "\n"
    "駭客外洩丹麥醫院集團1.3TB資料\n"
    "\n"
    "勒索軟體集團LockBit宣稱攻擊丹麥私人醫院營運商北歐醫療集團，並表示竊取約1.2TB檔案。\n"
    "\n"
    "該集團表示，檔案包含超過50萬筆病患紀錄，包括身分證號碼及病歷。伺服器遭加密，"
    "對方要求贖金，但公司拒絕支付。\n"
)
ARTICLE = ARTICLE_EN + ARTICLE_ZH


def _segments() -> list[dict[str, Any]]:
    """Paragraphs of ARTICLE: non-empty lines, the first line of each language a heading."""
    segments, offset = [], 0
    for line in ARTICLE.splitlines(keepends=True):
        text = line.rstrip("\n")
        if text:
            lang = "en" if text.isascii() else "zh-Hant"
            first = not any(s["lang"] == lang for s in segments)
            segments.append({
                "id": f"p{len(segments)}",
                "lang": lang,
                "start": offset,
                "end": offset + len(text),
                "kind": "heading" if first else "paragraph",
            })
        offset += len(line)
    return segments


SEGMENTS = _segments()


def evidence(needle: str, rule: str, score: float = 0.9, *, lang: str | None = None) -> dict[str, Any]:
    """Evidence for the first occurrence of NEEDLE in ARTICLE (in the half LANG says)."""
    start = ARTICLE.find(needle, len(ARTICLE_EN) if lang == "zh" else 0)
    assert start >= 0, needle
    end = start + len(needle)
    segment = next(s for s in SEGMENTS if s["start"] <= start and end <= s["end"])
    body = ARTICLE[segment["start"]:segment["end"]]
    # the sentence: from the previous terminator to the next one, inside the segment
    local = start - segment["start"]
    cut = max(body.rfind(t, 0, local) for t in (". ", "。"))
    s_start = 0 if cut < 0 else cut + (2 if body[cut] == "." else 1)
    ends = [i for t in (". ", "。") if (i := body.find(t, local + len(needle))) >= 0]
    s_end = min(ends) + 1 if ends else len(body)
    return {
        "lang": "en" if segment["lang"] == "en" else "zh",
        "segment": segment["id"],
        "start": start,
        "end": end,
        "text": needle,
        "sentence": body[s_start:s_end],
        "rule": rule,
        "score": score,
    }


def build_sample_record(path: str | None = "articles/nordic-care.txt") -> dict[str, Any]:
    data = ARTICLE.encode("utf-8")
    return {
        "schema_version": "1",
        "tool": {"name": "extractor", "version": "0.1.0"},
        "source": {
            "path": path,
            "sha256": hashlib.sha256(data).hexdigest(),
            "encoding": "utf-8",
            "bom": False,
            "newline": "LF",
            "chars": len(ARTICLE),
        },
        "languages": ["en", "zh-Hant"],
        "layout": "en-then-zh",
        "segments": copy.deepcopy(SEGMENTS),
        "alignment": [
            {"en": ["p0"], "zh": ["p3"], "score": 0.91},
            {"en": ["p1"], "zh": ["p4"], "score": 0.87},
            {"en": ["p2"], "zh": ["p5"], "score": 0.84},
        ],
        "facts": {
            "actor": [{
                "en": "LockBit",
                "zh": "LockBit",
                "evidence": [
                    evidence("LockBit", "actor.ransomware_gang.v1", 0.95),
                    evidence("LockBit", "actor.ransomware_gang.v1", 0.95, lang="zh"),
                ],
            }],
            "victim": [{
                "en": "Nordic Care Hospitals",
                "zh": "北歐醫療集團",
                "evidence": [
                    evidence("Nordic Care Hospitals", "victim.attack_on.v1", 0.85),
                    evidence("北歐醫療集團", "victim.zh_operator.v1", 0.8),
                ],
            }],
            "data_size": {
                "en": {"text": "about 1.3 TB", "bytes": 1.3e12, "qualifier": "approx",
                       "evidence": evidence("about 1.3 TB", "quantity.size.v1", 0.9)},
                "zh": {"text": "約1.2TB", "bytes": 1.2e12, "qualifier": "approx",
                       "evidence": evidence("約1.2TB", "quantity.size.zh.v1", 0.9)},
            },
            "record_count": {
                "en": {"text": "more than 500,000", "value": 500000, "qualifier": "more_than",
                       "evidence": evidence("more than 500,000", "quantity.count.v1", 0.88)},
                "zh": {"text": "超過50萬", "value": 500000, "qualifier": "more_than",
                       "evidence": evidence("超過50萬", "quantity.count.zh.v1", 0.88)},
            },
            "data_types": [
                {"en": "national ID numbers", "zh": "身分證號碼", "category": "national_id",
                 "evidence": [evidence("national ID numbers", "data_type.lexicon.v1"),
                              evidence("身分證號碼", "data_type.lexicon.v1")]},
                {"en": "medical histories", "zh": "病歷", "category": "health",
                 "evidence": [evidence("medical histories", "data_type.lexicon.v1"),
                              evidence("病歷", "data_type.lexicon.v1")]},
            ],
            "encryption": True,
            "ransom": "refused",
            "country": {"en": "Denmark", "zh": "丹麥", "code": "DK",
                        "evidence": [evidence("Denmark", "country.gazetteer.v1", 0.8),
                                     evidence("丹麥", "country.gazetteer.v1", 0.8)]},
            "sector": {"en": "hospital operator", "zh": "醫院營運商", "norm": "healthcare",
                       "evidence": [evidence("hospital operator", "sector.lexicon.v1", 0.75),
                                    evidence("醫院營運商", "sector.lexicon.v1", 0.75)]},
        },
        "fact_evidence": {
            "encryption": [evidence("Servers were encrypted", "encryption.cue.v1", 0.8),
                           evidence("伺服器遭加密", "encryption.cue.zh.v1", 0.8)],
            "ransom": [evidence("refused to pay", "ransom.cue.v1", 0.8),
                       evidence("拒絕支付", "ransom.cue.zh.v1", 0.8)],
        },
        "inconsistencies": [{
            "field": "data_size",
            "en": "about 1.3 TB",
            "zh": "約1.2TB",
            "message": "the English and Chinese texts state different data sizes",
            "en_value": 1.3e12,
            "zh_value": 1.2e12,
        }],
        "warnings": [],
    }


@pytest.fixture
def sample_record() -> dict[str, Any]:
    """A fresh copy per test, so mutating it is safe."""
    return build_sample_record()


# =============================================================================================
# Section: CLI (tests/test_cli.py)
#
# A fake `extractor.core` so the CLI is tested without spaCy or the real core.
# =============================================================================================


class FakeCore(types.ModuleType):
    """Stands in for extractor.core: returns the sample record for any input.

    Input starting with b"BOOM" raises a RuntimeError (a bug in the core); input starting
    with b"BADENC" raises DecodeFailed (an error the user can act on).
    `calls` records (data, path, encoding) for each call.
    """

    def __init__(self) -> None:
        super().__init__("extractor.core")
        self.calls: list[tuple[bytes, str | None, str | None]] = []
        self.victim: str | None = None  # override the victim's English name

    def extract_bytes(self, data: bytes, path: str | None = None, encoding: str | None = None,
                      explain: bool = False) -> dict[str, Any]:
        from extractor.errors import DecodeFailed

        self.calls.append((data, path, encoding))
        if data.startswith(b"BOOM"):
            raise RuntimeError("kaboom\nsecond line")
        if data.startswith(b"BADENC"):
            raise DecodeFailed("cannot decode input as utf-8; try --encoding big5")
        record = build_sample_record(path)
        record["source"]["sha256"] = hashlib.sha256(data).hexdigest()
        if self.victim is not None:
            record["facts"]["victim"][0]["en"] = self.victim
        return record


@pytest.fixture
def fake_core(monkeypatch: pytest.MonkeyPatch) -> FakeCore:
    """Install a FakeCore as `extractor.core` for the duration of one test."""
    import extractor

    fake = FakeCore()
    monkeypatch.setitem(sys.modules, "extractor.core", fake)
    monkeypatch.setattr(extractor, "core", fake, raising=False)
    return fake


@pytest.fixture
def article_file(tmp_path):
    """A UTF-8 article on disk; returns its path as a string."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


# =============================================================================================
# Section: real articles (tests/test_core.py, tests/test_golden.py, tests/test_models.py)
#
# The articles under samples/ and the shared seed article, run through the real library.
# The list and the path shown in source.path come from scripts/update_golden.py, so the tests
# and the script that writes the golden files cannot disagree. The seed lives outside the repo
# (/work/shared); tests that need it skip when it is absent (e.g. in CI).
# =============================================================================================

import importlib.util  # noqa: E402
from functools import lru_cache  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _load_golden_script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("update_golden", REPO / "scripts" / "update_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden = _load_golden_script()

#: golden-file stem -> article path (the seed included even when absent)
REAL_ARTICLES: dict[str, Path] = golden.articles()
SEED_STEM = golden.SEED.stem


def real_article_bytes(stem: str) -> bytes:
    """The bytes of one real article; skips the test when the article is not on this machine."""
    path = REAL_ARTICLES[stem]
    if not path.exists():
        pytest.skip(f"{golden.display_path(path)} not found (the shared corpus is not on this machine)")
    return path.read_bytes()


@lru_cache(maxsize=None)
def _real_record(stem: str) -> tuple[str, dict[str, Any]]:
    from extractor.core import extract_bytes
    from extractor.decode import decode

    data = REAL_ARTICLES[stem].read_bytes()
    return decode(data).text, extract_bytes(data, path=golden.display_path(REAL_ARTICLES[stem]))


def real_record(stem: str) -> tuple[str, dict[str, Any]]:
    """(decoded text, record) for one real article, computed once per session; copy before mutating."""
    real_article_bytes(stem)
    return _real_record(stem)


def without_evidence(value: Any) -> Any:
    """VALUE with every 'evidence' key removed: the facts themselves, independent of offsets."""
    if isinstance(value, dict):
        return {k: without_evidence(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [without_evidence(v) for v in value]
    return value


def evidence_objects(value: Any):
    """Every evidence object anywhere in a record (facts, fact_evidence, inconsistencies, explain)."""
    if isinstance(value, dict):
        if {"start", "end", "text", "rule"} <= value.keys():
            yield value
        for v in value.values():
            yield from evidence_objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from evidence_objects(v)


# =============================================================================================
# Section: batch (tests/test_batch*.py)
#
# Short invented articles for batch runs: English, Traditional Chinese or both, built from a
# few sentence templates with varied names and numbers (seeded, so every run is the same).
# =============================================================================================

import random  # noqa: E402

_GANGS = ["LockBit", "Akira", "BlackSuit", "Medusa", "RansomHub", "Qilin", "Play", "BianLian"]
_VICTIMS = [("Harbourline Freight", "港灣貨運"), ("Jadepeak Clinic", "玉峰診所"), ("Northgate Credit Union", "北門信用合作社"),
            ("Silverleaf Academy", "銀葉學院"), ("Tidewater Utilities", "潮水公用事業"), ("Cobalt Ridge Insurance", "鈷嶺保險")]
_PLACES = [("Taiwan", "台灣"), ("Hong Kong", "香港"), ("Singapore", "新加坡"), ("Canada", "加拿大")]


def batch_article(n: int) -> str:
    """Invented article number N: short, different for every N (the number is in the text)."""
    rng = random.Random(n)
    gang = rng.choice(_GANGS)
    (victim_en, victim_zh), (place_en, place_zh) = rng.choice(_VICTIMS), rng.choice(_PLACES)
    size, people = rng.randint(2, 900), 1000 + n
    en = (f"The {gang} ransomware group claimed an attack on {victim_en} in {place_en} and said it stole "
          f"{size} GB of files, including names and phone numbers of {people:,} customers.")
    zh = f"勒索軟體集團{gang}宣稱攻擊{place_zh}的{victim_zh}，竊取{size}GB資料，包括{people}名客戶的姓名及電話號碼。"
    kind = n % 3
    return en + "\n" if kind == 0 else zh + "\n" if kind == 1 else en + "\n\n" + zh + "\n"


def short_batch_article(n: int) -> str:
    """One line, English or Chinese: for batches of thousands that must run in seconds."""
    gang, (victim_en, victim_zh) = _GANGS[n % len(_GANGS)], _VICTIMS[n % len(_VICTIMS)]
    if n % 2:
        return f"{gang}宣稱攻擊{victim_zh}，竊取{n + 2}GB資料。\n"
    return f"The {gang} gang said it stole {n + 2} GB from {victim_en}.\n"


def write_batch_articles(folder: Path, count: int, start: int = 0, short: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"a{n:05d}.txt"
        path.write_text((short_batch_article if short else batch_article)(n), encoding="utf-8")
        paths.append(path)
    return paths
