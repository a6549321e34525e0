"""Check a translation: do the English and Chinese versions of an article say the same thing?

The core of `extractor check`. Pure: bytes or text in, a `CheckReport` out; nothing here prints
or exits (render_check.py draws the report, cli.py maps it to an exit code). The facts, the
paragraph alignment and the inconsistencies come from the extraction record; this module adds
sentence alignment inside each aligned paragraph pair and lays the result out row by row.

Two layouts are accepted: one file holding both versions (any layout `extract` reads), or two
files, an original and its translation. Two files are checked as one text, the original, a
blank line, then the translation; every offset in the report is mapped back to its own file.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from extractor import __version__
from extractor.align import Unit, align, length_ratio
from extractor.decode import decode
from extractor.errors import NotBilingual
from extractor.segment import sentences

__all__ = ["Source", "Span", "SentencePair", "Row", "Issue", "CheckReport", "check_text", "check_bytes", "check_pair",
           "check_inputs", "schema"]

#: what joins an original and its translation into one text: a line break, or a blank line
#: when either file separates its paragraphs by blank lines (segment.py reads both layouts)
JOIN, BLANK_JOIN = "\n", "\n\n"


@dataclass(frozen=True)
class Source:
    path: str | None
    role: str  # "both" | "original" | "translation"
    encoding: str
    chars: int
    base: int  # where this source starts in the combined text


@dataclass(frozen=True)
class Span:
    """A stretch of one source: `source` indexes CheckReport.sources; offsets are that source's."""

    source: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class SentencePair:
    en: Span | None
    zh: Span | None
    score: float | None  # None for a sentence with no counterpart

    def to_dict(self) -> dict[str, Any]:
        return {"en": self.en.to_dict() if self.en else None, "zh": self.zh.to_dict() if self.zh else None,
                "score": self.score}


@dataclass(frozen=True)
class Row:
    """One aligned paragraph pair, or a paragraph with no counterpart (en or zh is empty)."""

    en_segments: tuple[str, ...]
    zh_segments: tuple[str, ...]
    en: tuple[Span, ...]
    zh: tuple[Span, ...]
    score: float | None
    sentences: tuple[SentencePair, ...]
    issues: tuple[int, ...]  # indexes into CheckReport.issues

    def to_dict(self) -> dict[str, Any]:
        return {"en_segments": list(self.en_segments), "zh_segments": list(self.zh_segments),
                "en": [s.to_dict() for s in self.en], "zh": [s.to_dict() for s in self.zh], "score": self.score,
                "sentences": [p.to_dict() for p in self.sentences], "issues": list(self.issues)}


@dataclass(frozen=True)
class Issue:
    field: str
    message: str
    en: Span | None
    zh: Span | None
    en_text: str | None  # what the English side says (may be a value, not a quote)
    zh_text: str | None
    en_value: float | None = None
    zh_value: float | None = None

    @property
    def level(self) -> str:
        return "structure" if self.field in ("paragraph", "number") else "fact"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "level": self.level, "message": self.message,
                               "en": self.en_text, "zh": self.zh_text,
                               "en_span": self.en.to_dict() if self.en else None,
                               "zh_span": self.zh.to_dict() if self.zh else None}
        if self.en_value is not None or self.zh_value is not None:
            out["en_value"], out["zh_value"] = self.en_value, self.zh_value
        return out


@dataclass(frozen=True)
class CheckReport:
    sources: tuple[Source, ...]
    layout: str
    rows: tuple[Row, ...]
    issues: tuple[Issue, ...]
    record: dict[str, Any] = field(repr=False, compare=False)

    @property
    def agree(self) -> bool:
        return not self.issues

    def to_dict(self) -> dict[str, Any]:
        links = [r for r in self.rows if r.en and r.zh]
        return {
            "tool": {"name": "extractor", "version": __version__},
            "sources": [{"path": s.path, "role": s.role, "encoding": s.encoding, "chars": s.chars} for s in self.sources],
            "layout": self.layout,
            "agree": self.agree,
            "summary": {"paragraph_links": len(links), "unpaired_paragraphs": len(self.rows) - len(links),
                        "inconsistencies": len(self.issues),
                        "fields": sorted({i.field for i in self.issues})},
            "issues": [i.to_dict() for i in self.issues],
            "rows": [r.to_dict() for r in self.rows],
        }


# --- building the report ---------------------------------------------------------------------


class _Locator:
    """Maps offsets in the combined text back to (source index, offset in that source)."""

    def __init__(self, text: str, sources: tuple[Source, ...]) -> None:
        self.text, self.sources = text, sources

    def span(self, start: int, end: int) -> Span:
        index = max(i for i, s in enumerate(self.sources) if s.base <= start)
        base = self.sources[index].base
        return Span(index, start - base, end - base, self.text[start:end])


def _sentence_pairs(en: list[tuple[int, int]], zh: list[tuple[int, int]], text: str,
                    locate: _Locator, ratio: float) -> tuple[SentencePair, ...]:
    """Sentences of one aligned paragraph pair, aligned with the paragraph aligner (1-1, 2-1,
    1-2, unpaired), in reading order. A sentence pair's en/zh span covers all its sentences."""
    en_units = [Unit(str(i), text[a:b]) for i, (a, b) in enumerate(en)]
    zh_units = [Unit(str(j), text[a:b]) for j, (a, b) in enumerate(zh)]
    result = align(en_units, zh_units, ratio=ratio)
    beads: list[tuple[tuple[int, ...], tuple[int, ...], float | None]] = [
        (tuple(int(i) for i in link.en), tuple(int(j) for j in link.zh), link.score) for link in result.links]
    beads += [((int(i),), (), None) for i in result.en_orphans]
    beads += [((), (int(j),), None) for j in result.zh_orphans]

    def order(bead: tuple[tuple[int, ...], tuple[int, ...], float | None]) -> tuple[float, float]:
        e, z, _ = bead
        # place an unpaired sentence just after the pair before it, on either side
        if e and z:
            return (e[0], z[0])
        if e:
            before = [zz for ee, zz, _ in beads if ee and zz and ee[-1] < e[0]]
            return (e[0], max(before[-1]) + 0.5 if before else -0.5)
        before = [ee for ee, zz, _ in beads if ee and zz and zz[-1] < z[0]]
        return (max(before[-1]) + 0.5 if before else -0.5, z[0])

    pairs = []
    for e, z, score in sorted(beads, key=order):
        en_span = locate.span(en[e[0]][0], en[e[-1]][1]) if e else None
        zh_span = locate.span(zh[z[0]][0], zh[z[-1]][1]) if z else None
        pairs.append(SentencePair(en_span, zh_span, score))
    return tuple(pairs)


def _issue(item: dict[str, Any], locate: _Locator) -> Issue:
    def side(lang: str) -> Span | None:
        start, end = item.get(f"{lang}_start"), item.get(f"{lang}_end")
        return locate.span(start, end) if start is not None and end is not None else None

    return Issue(field=item["field"], message=item["message"], en=side("en"), zh=side("zh"),
                 en_text=item.get("en"), zh_text=item.get("zh"),
                 en_value=item.get("en_value"), zh_value=item.get("zh_value"))


Bead = tuple[tuple[str, ...], tuple[str, ...], float | None]


def _rows(record: dict[str, Any], text: str, issues: tuple[Issue, ...], item_segments: list[str | None],
          locate: _Locator) -> tuple[Row, ...]:
    """One row per aligned paragraph pair or unpaired paragraph, in reading order."""
    segs = {s["id"]: s for s in record["segments"]}
    family = {s["id"]: s["lang"][:2] for s in record["segments"]}
    ratio = length_ratio(*([Unit(s["id"], text[s["start"]:s["end"]]) for s in record["segments"] if family[s["id"]] == lang]
                           for lang in ("en", "zh")))
    layout = _RowLayout(segs, text, locate, ratio)
    return tuple(layout.row(bead, _issues_in(bead, segs, issues, item_segments, locate))
                 for bead in _paragraph_beads(record, segs, family))


def _paragraph_beads(record: dict[str, Any], segs: dict[str, dict[str, Any]], family: dict[str, str]) -> list[Bead]:
    """The record's paragraph links, and each English or Chinese paragraph no link holds,
    sorted by where they start."""
    beads: list[Bead] = [(tuple(link["en"]), tuple(link["zh"]), link["score"]) for link in record["alignment"]]
    linked = {i for e, z, _ in beads for i in e + z}
    beads += [((s,), (), None) if family[s] == "en" else ((), (s,), None)
              for s in segs if s not in linked and family[s] in ("en", "zh")]
    beads.sort(key=lambda b: min(segs[i]["start"] for i in b[0] + b[1]))
    return beads


def _issues_in(bead: Bead, segs: dict[str, dict[str, Any]], issues: tuple[Issue, ...],
               item_segments: list[str | None], locate: _Locator) -> tuple[int, ...]:
    """The issues a row shows: those the record names its paragraphs for, or whose span starts in one."""
    ids = bead[0] + bead[1]
    bounds = [(segs[i]["start"], segs[i]["end"]) for i in ids]
    return tuple(k for k, issue in enumerate(issues)
                 if item_segments[k] in ids
                 or any(_inside(s, bounds, locate) for s in (issue.en, issue.zh) if s is not None))


@dataclass(frozen=True)
class _RowLayout:
    """Lays out one paragraph bead as a Row: its spans and its sentences, aligned when paired."""

    segs: dict[str, dict[str, Any]]
    text: str
    locate: _Locator
    ratio: float

    def spans(self, ids: tuple[str, ...]) -> tuple[Span, ...]:
        return tuple(self.locate.span(self.segs[i]["start"], self.segs[i]["end"]) for i in ids)

    def sentences(self, ids: tuple[str, ...]) -> list[tuple[int, int]]:
        segs, text = self.segs, self.text
        return [s for i in ids for s in sentences(text[segs[i]["start"]:segs[i]["end"]], segs[i]["start"])]

    def row(self, bead: Bead, issues: tuple[int, ...]) -> Row:
        en_ids, zh_ids, score = bead
        en_sents, zh_sents = self.sentences(en_ids), self.sentences(zh_ids)
        if en_ids and zh_ids:
            pairs = _sentence_pairs(en_sents, zh_sents, self.text, self.locate, self.ratio)
        else:
            pairs = (tuple(SentencePair(self.locate.span(a, b), None, None) for a, b in en_sents) +
                     tuple(SentencePair(None, self.locate.span(a, b), None) for a, b in zh_sents))
        return Row(en_ids, zh_ids, self.spans(en_ids), self.spans(zh_ids), score, pairs, issues)


def _inside(span: Span, bounds: list[tuple[int, int]], locate: _Locator) -> bool:
    start = locate.sources[span.source].base + span.start
    return any(a <= start < b for a, b in bounds)


def schema() -> dict[str, Any]:
    """The JSON Schema of CheckReport.to_dict() (extractor/schema/check.schema.json)."""
    path = files("extractor") / "schema" / "check.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def check_text(text: str, sources: tuple[Source, ...] | None = None) -> CheckReport:
    """The report for one decoded text holding both versions."""
    from extractor.core import extract_text  # loads the spaCy pipelines

    sources = sources or (Source(None, "both", "utf-8", len(text), 0),)
    record = extract_text(text)
    families = {s["lang"][:2] for s in record["segments"]}
    if not {"en", "zh"} <= families:
        missing = "Chinese" if "zh" not in families else "English"
        where = " and ".join(s.path or "<stdin>" for s in sources)
        raise NotBilingual(f"no {missing} text in {where}: check needs an English and a Chinese version "
                           "(in one file, or as ORIGINAL TRANSLATION)")
    locate = _Locator(text, sources)
    items = record["inconsistencies"]
    issues = tuple(_issue(item, locate) for item in items)
    rows = _rows(record, text, issues, [item.get("segment") for item in items], locate)
    return CheckReport(sources, record["layout"], rows, issues, record)


def check_bytes(data: bytes, path: str | None = None, encoding: str | None = None) -> CheckReport:
    """The report for one file holding both versions."""
    decoded = decode(data, encoding)
    return check_text(decoded.text, (Source(path, "both", decoded.encoding, len(decoded.text), 0),))


def check_pair(original: bytes, translation: bytes, paths: tuple[str | None, str | None] = (None, None),
               encoding: str | None = None) -> CheckReport:
    """The report for an original and its translation given as two files (either language first)."""
    first, second = decode(original, encoding), decode(translation, encoding)
    blank = re.compile(r"\n[ \t\r]*\n")
    join = BLANK_JOIN if blank.search(first.text) or blank.search(second.text) else JOIN
    if first.text.endswith("\n"):
        join = join[1:]  # the original's own final newline is the first of them
    sources = (Source(paths[0], "original", first.encoding, len(first.text), 0),
               Source(paths[1], "translation", second.encoding, len(second.text), len(first.text) + len(join)))
    return check_text(first.text + join + second.text, sources)


def check_inputs(data: Sequence[bytes], paths: Sequence[str | None], encoding: str | None = None) -> CheckReport:
    """The report for what `extractor check` was given: one file holding both versions
    (`check_bytes`), or an original and its translation (`check_pair`); PATHS name them."""
    if len(data) == 1:
        return check_bytes(data[0], path=paths[0], encoding=encoding)
    if len(data) == 2:
        return check_pair(data[0], data[1], paths=(paths[0], paths[1]), encoding=encoding)
    raise ValueError(f"check takes one or two inputs, not {len(data)}")
