"""The library entry point: bytes in, one record out. Pure: no printing, no exiting."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from extractor import SCHEMA_VERSION, __version__
from extractor.align import AlignResult, Unit, align
from extractor.decode import Decoded, decode
from extractor.errors import ModelDataInvalid, warning
from extractor.explain import build_explain
from extractor.fields import DataHeads, View, collect_rejected, en_org_spans
from extractor.lexicon import load_tsv
from extractor.nlp import Pipelines, default_pipelines
from extractor.numbers import Quantities
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


#: spaCy's English tokenizer strips prefixes and suffixes one at a time, copying the rest of
#: the token each time: a run of 4,000 '(' or '$' takes seconds. Runs of non-space characters
#: longer than this (never seen in prose; URLs are shorter) are tokenized in pieces of this size.
MAX_RUN_CHARS = 64
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))


def _make_doc(nlp, text: str):
    """nlp.make_doc(text), in pieces when the text has a pathologically long run; same text."""
    if nlp.lang != "en":  # the Chinese tokenizer is a single linear regex
        return nlp.make_doc(text)
    cuts = [i for m in _LONG_RUN.finditer(text) for i in range(m.start() + MAX_RUN_CHARS, m.end(), MAX_RUN_CHARS)]
    if not cuts:
        doc = nlp.make_doc(text)
        # spaCy's tokenizer is lossless (doc.text == text); `text_of` would otherwise rebuild
        # the text from every token (a Token object each)
        doc._.extractor_text = text
        return doc
    from spacy.tokens import Doc

    bounds = [0, *cuts, len(text)]
    return Doc.from_docs([nlp.make_doc(text[a:b]) for a, b in zip(bounds, bounds[1:])], ensure_whitespace=False)


def _parse(family: str, segs: list[Segment], text: str, pipelines: Pipelines, quantities: Quantities) -> View | None:
    if not segs:
        return None
    nlp = pipelines.load(family)
    scores = {name: rule.score for name, rule in nlp.get_pipe("extractor_cues").rules.items()}
    pieces = [text[s.start:s.end] for s in segs]
    for piece in pieces:
        pipelines.note_text(family, piece)
    docs = list(nlp.pipe(_make_doc(nlp, piece) for piece in pieces))
    for piece, doc in zip(pieces, docs):  # what the quantities component found, for align and the builder
        if doc._.extractor_quantities is not None:
            quantities.remember(piece, family, doc._.extractor_quantities)
    return View(family, list(zip(segs, docs)), scores)


def _forget_paragraph_memos() -> None:
    """Paragraph results are remembered because parse, align and the fact builders ask about
    the same paragraphs. Kept across articles they would pay off only where articles repeat
    paragraphs word for word (as a benchmark built from a few samples does): each extraction
    starts without them, so the batch benchmark measures the work a real archive costs."""
    en_org_spans.cache_clear()


def _text_source(text: str) -> dict:
    """`source` for text given directly: described as its UTF-8 bytes (the schema wants a sha256)."""
    decoded = Decoded(text, "utf-8", False, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return {"path": None, "sha256": decoded.sha256, "encoding": "utf-8", "bom": False,
            "newline": decoded.newline, "chars": len(text)}


def extract_text(text: str, source: dict | None = None, warnings: list[str] | None = None,
                 explain: bool = False, *, pipelines: Pipelines | None = None) -> dict:
    """The record for an already decoded article; blank text gives an empty record and W101.

    With `explain`, the record also carries the `explain` block (see `extractor.explain`).
    `pipelines`: the calling thread's (see extractor.nlp); the process's default when None.
    """
    if explain:  # the recognisers report the candidates they drop while the record is built
        with collect_rejected() as rejected:
            record = extract_text(text, source, warnings, pipelines=pipelines)
        record["explain"] = build_explain(record["facts"], record["fact_evidence"], rejected)
        return record
    _forget_paragraph_memos()
    warnings = list(warnings or [])
    if not text.strip() and not any(w.startswith("[W101]") for w in warnings):
        warnings.append(warning("W101", "the input has no text: the record is empty"))
    segs = segment(text)
    en_segs = [s for s in segs if s.family == "en"]
    zh_segs = [s for s in segs if s.family == "zh"]
    pipelines = pipelines if pipelines is not None else default_pipelines()
    quantities = Quantities()  # this extraction's answers of the quantity grammar
    en, zh = _parse("en", en_segs, text, pipelines, quantities), _parse("zh", zh_segs, text, pipelines, quantities)
    alignment: AlignResult | None = None
    if en and zh:
        alignment = align([Unit(s.id, text[s.start:s.end]) for s in en_segs], [Unit(s.id, text[s.start:s.end]) for s in zh_segs],
                          quantities)
    builder = Builder(en, zh, alignment, list(org_suffixes()), data_heads(), quantities=quantities)
    facts, fact_evidence = build_facts(builder)
    seen = {s.lang for s in segs}
    languages = [lang for lang in dict.fromkeys(s.lang for s in segs) if lang in seen]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "extractor", "version": __version__},
        "source": source or _text_source(text),
        "languages": languages,
        "layout": layout(segs),
        "segments": [{"id": s.id, "lang": s.lang, "start": s.start, "end": s.end, "kind": s.kind} for s in segs],
        "alignment": [{"en": list(l.en), "zh": list(l.zh), "score": l.score} for l in (alignment.links if alignment else [])],
        "facts": facts,
        "fact_evidence": fact_evidence,
        "inconsistencies": builder.inconsistencies,
        "warnings": warnings,
    }


def extract_bytes(data: bytes, path: str | None = None, encoding: str | None = None, explain: bool = False, *,
                  pipelines: Pipelines | None = None) -> dict:
    """The record for one article given as bytes (see `extractor.decode` for how they are decoded)."""
    decoded = decode(data, encoding)
    source = {"path": path, "sha256": decoded.sha256, "encoding": decoded.encoding, "bom": decoded.bom,
              "newline": decoded.newline, "chars": len(decoded.text)}
    return extract_text(decoded.text, source, list(decoded.warnings), explain=explain, pipelines=pipelines)
