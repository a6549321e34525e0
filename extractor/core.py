"""The library entry point: bytes in, one record out. Pure: no printing, no exiting."""
from __future__ import annotations

from functools import lru_cache

from extractor import SCHEMA_VERSION, __version__
from extractor.align import AlignResult, Unit, align
from extractor.decode import decode
from extractor.errors import ModelDataInvalid
from extractor.explain import build_explain
from extractor.fields import DataHeads, View, collect_rejected
from extractor.lexicon import load_tsv
from extractor.nlp import load
from extractor.paths import DATA_DIR
from extractor.record import Builder, build_facts
from extractor.script import to_simplified
from extractor.segment import Segment, layout, segment

LANG_ORDER = ("en", "zh-Hant", "zh-Hans", "other")


@lru_cache(maxsize=1)
def org_suffixes() -> tuple[str, ...]:
    rows = load_tsv(DATA_DIR / "org_suffixes.tsv", ("lang", "suffix"))
    words = {r["suffix"] for r in rows if r["lang"] == "zh"}
    words |= {to_simplified(w) for w in words}  # the lists are Traditional; articles may be Simplified
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def data_heads() -> DataHeads:
    rows = load_tsv(DATA_DIR / "data_heads.tsv", ("lang", "head", "kind"))
    heads: dict[str, list[str]] = {"en": [], "zh": []}
    umbrella: dict[str, set[str]] = {"en": set(), "zh": set()}
    owners: dict[str, set[str]] = {"en": set(), "zh": set()}
    for r in rows:
        kinds = {"head": heads, "umbrella": umbrella, "owner": owners}
        if r["kind"] not in kinds:
            raise ModelDataInvalid(f"data_heads.tsv: kind must be head, umbrella or owner, got {r['kind']!r}")
        forms = {r["head"].lower(), to_simplified(r["head"].lower())}
        if r["kind"] == "head":
            heads[r["lang"]].extend(sorted(forms))
        else:
            kinds[r["kind"]][r["lang"]].update(forms)
    return DataHeads({k: tuple(sorted(v, key=len, reverse=True)) for k, v in heads.items()},
                     {k: frozenset(v) for k, v in umbrella.items()}, {k: frozenset(v) for k, v in owners.items()})


def _parse(family: str, segs: list[Segment], text: str) -> View | None:
    if not segs:
        return None
    nlp = load(family)
    scores = {name: rule.score for name, rule in nlp.get_pipe("extractor_cues").rules.items()}
    docs = list(nlp.pipe(text[s.start:s.end] for s in segs))
    return View(family, list(zip(segs, docs)), scores)


def extract_text(text: str, source: dict | None = None, explain: bool = False) -> dict:
    """The record for an already decoded article; with `explain`, plus the `explain` block."""
    if explain:  # the recognisers report the candidates they drop while the record is built
        with collect_rejected() as rejected:
            record = extract_text(text, source)
        record["explain"] = build_explain(record["facts"], record["fact_evidence"], rejected)
        return record
    segs = segment(text)
    en_segs = [s for s in segs if s.family == "en"]
    zh_segs = [s for s in segs if s.family == "zh"]
    en, zh = _parse("en", en_segs, text), _parse("zh", zh_segs, text)
    alignment: AlignResult | None = None
    if en and zh:
        alignment = align([Unit(s.id, text[s.start:s.end]) for s in en_segs], [Unit(s.id, text[s.start:s.end]) for s in zh_segs])
    builder = Builder(en, zh, alignment, list(org_suffixes()), data_heads())
    facts, fact_evidence = build_facts(builder)
    seen = {s.lang for s in segs}
    languages = [lang for lang in dict.fromkeys(s.lang for s in segs) if lang in seen]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "extractor", "version": __version__},
        "source": source or {"path": None, "sha256": None, "encoding": "utf-8", "bom": False, "newline": "none", "chars": len(text)},
        "languages": languages,
        "layout": layout(segs),
        "segments": [{"id": s.id, "lang": s.lang, "start": s.start, "end": s.end, "kind": s.kind} for s in segs],
        "alignment": [{"en": list(l.en), "zh": list(l.zh), "score": l.score} for l in (alignment.links if alignment else [])],
        "facts": facts,
        "fact_evidence": fact_evidence,
        "inconsistencies": builder.inconsistencies,
        "warnings": [],
    }


def extract_bytes(data: bytes, path: str | None = None, encoding: str | None = None, explain: bool = False) -> dict:
    """The record for one article given as bytes (UTF-8 unless a BOM or `encoding` says otherwise)."""
    decoded = decode(data, encoding)
    source = {"path": path, "sha256": decoded.sha256, "encoding": decoded.encoding, "bom": decoded.bom,
              "newline": decoded.newline, "chars": len(decoded.text)}
    return extract_text(decoded.text, source, explain=explain)
