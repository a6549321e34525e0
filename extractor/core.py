"""The library entry point: bytes in, one record out. Pure: no printing, no exiting."""
from __future__ import annotations

import hashlib
import re

from extractor import SCHEMA_VERSION, __version__, clutter
from extractor.align import AlignResult, Unit, align
from extractor.decode import Decoded, decode
from extractor.errors import ModelDataInvalid, warning
from extractor.explain import build_explain
from extractor.context import ArticleContext
from extractor.facts import build_facts, recognizers
from extractor.html import looks_like_html, read_page
from extractor.nlp import Pipelines, default_pipelines
from extractor.numbers import Quantities
from extractor.recognizers.names_en import NameMemo
from extractor.scoring import FeatureLog
from extractor.segment import Segment, layout, segment
from extractor.view import Paragraph, Rejections, View

LANG_ORDER = ("en", "zh-Hant", "zh-Hans", "other")


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


def _parse(family: str, segs: list[Segment], text: str, rejections: Rejections | None, pipelines: Pipelines,
           quantities: Quantities, features: FeatureLog | None = None) -> View | None:
    if not segs:
        return None
    nlp = pipelines.load(family)
    scores = {name: rule.score for name, rule in nlp.get_pipe("extractor_cues").rules.items()}
    pieces = [text[s.start:s.end] for s in segs]
    for piece in pieces:
        pipelines.note_text(family, piece)
    docs = list(nlp.pipe(_make_doc(nlp, piece) for piece in pieces))
    for piece, doc in zip(pieces, docs):  # what the quantities component found, for align and the figures
        if doc._.extractor_quantities is not None:
            quantities.remember(piece, family, doc._.extractor_quantities)
    return View(family, [Paragraph(s, d, piece) for s, d, piece in zip(segs, docs, pieces)], scores, rejections, features)


def _text_source(text: str) -> dict:
    """`source` for text given directly: described as its UTF-8 bytes (the schema wants a sha256)."""
    decoded = Decoded(text, "utf-8", False, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return {"path": None, "sha256": decoded.sha256, "encoding": "utf-8", "bom": False,
            "newline": decoded.newline, "chars": len(text), "format": "text"}


def _with_blank_warning(text: str, warnings: list[str] | None) -> list[str]:
    out = list(warnings or [])
    if not text.strip() and not any(w.startswith("[W101]") for w in out):
        out.append(warning("W101", "the input has no text: the record is empty"))
    return out


def article_context(text: str, segs: list[Segment], explain: bool = False, pipelines: Pipelines | None = None,
                    features: FeatureLog | None = None) -> ArticleContext:
    """Parse each language's segments, align the two versions and make the article's context;
    with `explain`, the recognisers report the candidates they drop while the record is built;
    with `features`, they record each ranking's candidates and features (for fitting weights).
    `pipelines`: the calling thread's (see extractor.nlp); the process's default when None."""
    pipelines = pipelines if pipelines is not None else default_pipelines()
    quantities = Quantities()  # this article's answers of the quantity grammar
    rejections = Rejections() if explain else None
    en_segs = [s for s in segs if s.family == "en"]
    zh_segs = [s for s in segs if s.family == "zh"]
    en = _parse("en", en_segs, text, rejections, pipelines, quantities, features)
    zh = _parse("zh", zh_segs, text, rejections, pipelines, quantities, features)
    alignment: AlignResult | None = None
    if en and zh:
        alignment = align([Unit(s.id, text[s.start:s.end]) for s in en_segs], [Unit(s.id, text[s.start:s.end]) for s in zh_segs],
                          quantities)
    return ArticleContext(en, zh, alignment, quantities, NameMemo(recognizers().en_names), rejections)


def extract_text(text: str, source: dict | None = None, warnings: list[str] | None = None,
                 explain: bool = False, *, pipelines: Pipelines | None = None,
                 features: FeatureLog | None = None) -> dict:
    """The record for an already decoded article; blank text gives an empty record and W101.

    With `explain`, the record also carries the `explain` block (see `extractor.explain`); a
    `features` log records the recognisers' rankings (see scripts/fit_weights.py).
    `pipelines`: the calling thread's (see extractor.nlp); the process's default when None.
    """
    warnings = _with_blank_warning(text, warnings)
    segs = clutter.mark(text, segment(text))
    body = [s for s in segs if not clutter.is_clutter(s)]  # page furniture: kept, never read
    ctx = article_context(text, body, explain, pipelines, features)
    facts, fact_evidence, inconsistencies = build_facts(ctx)
    links = ctx.alignment.links if ctx.alignment else []
    record = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "extractor", "version": __version__},
        "source": source or _text_source(text),
        "languages": list(dict.fromkeys(s.lang for s in body)),
        "layout": layout(body),
        "segments": [{"id": s.id, "lang": s.lang, "start": s.start, "end": s.end, "kind": s.kind} for s in segs],
        "alignment": [{"en": list(l.en), "zh": list(l.zh), "score": l.score} for l in links],
        "facts": facts,
        "fact_evidence": fact_evidence,
        "inconsistencies": inconsistencies,
        "warnings": warnings,
    }
    if ctx.rejections is not None:
        record["explain"] = build_explain(facts, fact_evidence, ctx.rejections.items)
    return record


def extract_bytes(data: bytes, path: str | None = None, encoding: str | None = None, explain: bool = False, *,
                  pipelines: Pipelines | None = None) -> dict:
    """The record for one article given as bytes (see `extractor.decode` for how they are decoded).

    A web page (`extractor.html`) is read for its article: offsets then index that text."""
    decoded = decode(data, encoding)
    source = {"path": path, "sha256": decoded.sha256, "encoding": decoded.encoding, "bom": decoded.bom,
              "newline": decoded.newline, "chars": len(decoded.text), "format": "text"}
    text = decoded.text
    if looks_like_html(text):
        page = read_page(text)
        text = page.text
        source.update(page.source_fields())
    return extract_text(text, source, list(decoded.warnings), explain=explain, pipelines=pipelines)
