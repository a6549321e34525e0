"""segments -> segments with page furniture marked: which lines of a text copied from a web page
are not the article.

Menus, share buttons, bylines, dates, captions, contact lines, paywall counters, ads, comment
forms and press-release footers become `boilerplate`; a learning page's word list becomes
`vocabulary`; after a "Related articles" / 延伸閱讀 heading the rest of the page is another
article, `other_article`. Marked segments stay in the record (with their language) but are not
parsed, give no facts and take no part in alignment or the layout (see extractor.core).

The patterns are data (models/data/clutter.tsv); this module holds the rules about applying
them. It errs towards leaving a line alone: a pattern must match a whole segment, a segment
longer than MAX_LINE_CHARS is never furniture, and a boundary counts only after the article
has had a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from extractor.components.patterns import pattern_risk
from extractor.lexicon import load_tsv, simplified_chars
from extractor.paths import DATA_DIR
from extractor.script import han_count, to_simplified
from extractor.segment import Segment

#: the segment kinds this stage sets; segments of these kinds are not the article
KINDS = frozenset({"boilerplate", "vocabulary", "other_article"})
#: clutter.tsv `kind`: a boundary line is itself boilerplate, and what follows it other_article
ROW_KINDS = frozenset({"boilerplate", "vocabulary", "boundary"})
COLUMNS = ("lang", "kind", "pattern", "meaning")
#: furniture is short: a longer segment is article text whatever it matches (and the bounded
#: patterns never scan a long paragraph)
MAX_LINE_CHARS = 400
#: a line this short without sentence punctuation, seen before word for word, is a repeat
#: (the headline printed again above the body, a caption under each copy of a picture)
MAX_REPEAT_CHARS = 160
_SENTENCE_PUNCT = re.compile(r"[。！？；!?]|[.;](?=\s|$)")


@dataclass(frozen=True)
class ClutterRule:
    lang: str
    kind: str  # boilerplate | vocabulary | boundary
    regex: re.Pattern[str]
    meaning: str
    line: int  # in the data file, to say which row fired


def _row_problem(row: dict[str, str]) -> str | None:
    """What is wrong with one clutter.tsv row (beyond load_tsv's column checks), or None."""
    if row["kind"] not in ROW_KINDS:
        return f"kind {row['kind']!r} is not one of {sorted(ROW_KINDS)}"
    pattern = row["pattern"]
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"bad regex: {exc}"
    risk = pattern_risk(pattern)
    if risk:
        return f"unsafe regex: {risk}"
    has_han = han_count(pattern) > 0
    if row["lang"] == "en" and has_han:
        return "pattern has Chinese characters but lang is en"
    if row["lang"] == "zh":
        if not has_han:
            return "pattern has no Chinese characters but lang is zh"
        bad = simplified_chars(pattern)
        if bad:
            return f"pattern has Simplified-only characters {bad!r}; write it in Traditional"
    return None


def _compiled(lang: str, pattern: str) -> re.Pattern[str]:
    """A zh pattern also matches the Simplified form of its literal characters."""
    simplified = to_simplified(pattern) if lang == "zh" else pattern
    return re.compile(pattern if simplified == pattern else f"(?:{pattern})|(?:{simplified})")


class Clutter:
    """The furniture rules of one data file, and how they mark an article's segments."""

    def __init__(self, rules: list[ClutterRule]) -> None:
        self.rules = tuple(rules)
        # one alternation, boundaries first: a single fullmatch in C instead of a loop over rules;
        # the named group that matched says which rule it was
        ordered = sorted(range(len(self.rules)), key=lambda i: self.rules[i].kind != "boundary")
        self._any = re.compile("|".join(f"(?P<r{i}>{self.rules[i].regex.pattern})" for i in ordered))

    @classmethod
    def from_file(cls, path: str | Path) -> Clutter:
        """Load and validate a clutter file; a bad row raises ModelDataInvalid naming file:line."""
        path = Path(path)
        rows = load_tsv(path, COLUMNS, key=("pattern",), check=_row_problem)
        lines = _row_lines(path)
        return cls([ClutterRule(r["lang"], r["kind"], _compiled(r["lang"], r["pattern"]), r["meaning"], n)
                    for r, n in zip(rows, lines)])

    def rule_for(self, line: str) -> ClutterRule | None:
        """The first rule matching the whole line (boundaries first), or None."""
        if len(line) > MAX_LINE_CHARS:
            return None
        match = self._any.fullmatch(line)
        return self.rules[int(match.lastgroup[1:])] if match and match.lastgroup else None

    def mark(self, text: str, segments: list[Segment]) -> list[Segment]:
        """The same segments, furniture re-labelled `boilerplate` / `vocabulary` /
        `other_article`; every other segment is returned unchanged."""
        out: list[Segment] = []
        seen: set[str] = set()
        article_started = after_boundary = False
        for seg in segments:
            if after_boundary:
                out.append(replace(seg, kind="other_article"))
                continue
            line = text[seg.start:seg.end].strip()
            kind = self._kind(line, seen)
            if seg.kind == "sentence":  # a piece of a line that mixes languages: judge the line
                kind = self._kind(_line_of(text, seg), seen) or kind
            if kind == "boundary":
                after_boundary = article_started
                kind = "boilerplate"
            if kind is None:
                article_started = article_started or seg.kind != "heading"
                out.append(seg)
            else:
                out.append(replace(seg, kind=kind))
            if len(line) <= MAX_REPEAT_CHARS:
                seen.add(line)
        return out

    def _kind(self, line: str, seen: set[str]) -> str | None:
        if not any(map(str.isalpha, line)):
            return "boilerplate"  # separators, a phone number, a lone date in digits
        rule = self.rule_for(line)
        if rule is not None:
            return rule.kind
        if line in seen and len(line) <= MAX_REPEAT_CHARS and not _SENTENCE_PUNCT.search(line):
            return "boilerplate"
        return None


def _line_of(text: str, seg: Segment) -> str:
    """The whole line a segment lies on, trimmed."""
    start = text.rfind("\n", 0, seg.start) + 1
    end = text.find("\n", seg.end)
    return text[start:end if end >= 0 else len(text)].strip()


def _row_lines(path: Path) -> list[int]:
    """The line number of each data row of a TSV file (after its header), in file order."""
    numbers = [n for n, line in enumerate(path.read_text("utf-8-sig").splitlines(), start=1)
               if line.strip() and not line.startswith("#")]
    return numbers[1:]


@cache
def default_clutter() -> Clutter:
    return Clutter.from_file(DATA_DIR / "clutter.tsv")


def mark(text: str, segments: list[Segment], clutter: Clutter | None = None) -> list[Segment]:
    """Mark page furniture among an article's segments (see `Clutter.mark`)."""
    return (clutter or default_clutter()).mark(text, segments)


def is_clutter(segment: Segment) -> bool:
    """Whether a segment was marked as not being the article."""
    return segment.kind in KINDS
