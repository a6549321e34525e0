"""Regex-rule components: `extractor_cues_v1` (context cues) and `extractor_quantities_v1`
(sizes, counts).

Both keep their rules in a data file inside the saved pipeline (`cues.jsonl`,
`quantities.json`), validated when loaded, and write spans to `doc.spans[spans_key]`; the
quantities component also keeps what it found in `doc._.extractor_quantities` (see
`extensions`, which also holds `text_of`, re-exported here).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import srsly
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.components.extensions import text_of
from extractor.components.prefilter import folds_plainly, guarded, leading_matches, leading_strings, required_words
from extractor.components.regex_syntax import (
    ASSERT, ASSERT_NOT, ATOMIC_GROUP, BRANCH, CATEGORY, IN, REPEATS, SUBPATTERN, UNBOUNDED, Unsupported, parse,
)
from extractor.errors import ModelDataInvalid
from extractor.numbers import QUALIFIERS, QuantityGrammar
from extractor.script import to_simplified

__all__ = ["CueFinder", "CueRule", "QuantityFinder", "RegexSpans", "pattern_risk", "text_of", "validate_cues"]

#: the largest repetition bound a data-file pattern may use ({0,40} for a word, {0,80} for a gap)
MAX_REPEAT = 200
_DIGIT_CLASS = "\\d matches every script's digits: write [0-9] (or [0-9０-９] on purpose)"


def _repeat_risk(av: Any) -> str | None:
    low, high, body = av
    if high == UNBOUNDED:
        return "unbounded repetition (*, + or {n,}): give an upper bound such as {0,40}"
    if high > MAX_REPEAT:
        return f"repetition bound {high} is over {MAX_REPEAT}"
    return _risk(body)


#: for each node kind that can hold a risk, where to look (see regex_syntax for the tree)
_RISKS: dict[str, Callable[[Any], str | None]] = {
    **{op: _repeat_risk for op in REPEATS},
    IN: lambda av: next((_DIGIT_CLASS for kind, value in av if kind == CATEGORY and value == "CATEGORY_DIGIT"), None),
    SUBPATTERN: lambda av: _risk(av[3]),
    ATOMIC_GROUP: lambda av: _risk(av),
    BRANCH: lambda av: next((r for branch in av[1] if (r := _risk(branch))), None),
    ASSERT: lambda av: _risk(av[1]),
    ASSERT_NOT: lambda av: _risk(av[1]),
}


def _risk(items: list) -> str | None:
    for op, av in items:
        handler = _RISKS.get(op)
        found = handler(av) if handler else None
        if found:
            return found
    return None


def pattern_risk(pattern: str) -> str | None:
    """Why a pattern may backtrack without bound or match what it does not mean, or None.

    Every repetition must have an upper bound of at most MAX_REPEAT: an unbounded `+` before a
    suffix that fails rescans the rest of the text from every start (a run of 200,000 digits
    took hours). `\\d` matches every script's digits: write [0-9], or [0-9０-９] on purpose.
    A pattern must keep to the syntax `regex_syntax` reads (no backreferences, conditionals
    or global flags), so that it can be checked at all.
    """
    try:
        tree = parse(pattern)
    except Unsupported as e:
        return f"regex syntax the data files may not use ({e})"
    return _risk(tree)


CUE_KEYS = {"name", "lang", "label", "pattern", "score"}
CUE_OPTIONAL = {"value", "comment"}


@dataclass(frozen=True)
class CueRule:
    name: str
    label: str
    value: str
    score: float
    regex: re.Pattern[str]


def validate_cues(rows: list[dict[str, Any]], lang: str, source: str = "cues.jsonl") -> list[CueRule]:
    rules: list[CueRule] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, 1):
        where = f"{source}:{i}"
        if not isinstance(row, dict) or not CUE_KEYS <= row.keys() or set(row) - CUE_KEYS - CUE_OPTIONAL:
            raise ModelDataInvalid(f"{where}: a rule needs exactly the keys {sorted(CUE_KEYS)} (optional {sorted(CUE_OPTIONAL)})")
        if row["name"] in seen:
            raise ModelDataInvalid(f"{where}: duplicate rule name {row['name']!r}")
        seen.add(row["name"])
        score = row["score"]
        if not isinstance(score, (int, float)) or not 0 < score <= 1:
            raise ModelDataInvalid(f"{where}: score must be in (0, 1]")
        if row["lang"] != lang:
            continue
        pattern = to_simplified(row["pattern"]) if lang == "zh" else row["pattern"]
        try:
            regex = re.compile(pattern, re.I)
        except re.error as e:
            raise ModelDataInvalid(f"{where}: bad regex: {e}") from None
        risk = pattern_risk(pattern)
        if risk:
            raise ModelDataInvalid(f"{where}: unsafe regex in rule {row['name']!r}: {risk}")
        rules.append(CueRule(row["name"], row["label"], str(row.get("value", "")), float(score), regex))
    return rules


def _words_finder(words: tuple[str, ...] | None) -> Callable[[str], bool] | None:
    """Whether a lower-cased text holds any of WORDS. Words that open with a rare (non-ASCII)
    character are found fastest by one scan of an alternation; English words, whose first
    letters are everywhere, by str's substring search, one word at a time."""
    if words is None:
        return None
    if all(w[0].isascii() for w in words):
        return lambda text: any(map(text.__contains__, words))  # no generator frame per word
    regex = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return lambda text: regex.search(text) is not None


class RegexSpans:
    """Shared machinery: find character spans, snap them to tokens, store them."""

    spans_key: str
    #: the labels, rule names and values this component writes, as string-store keys added
    #: when it is loaded (outside any memory zone, so they stay): spans are built from the
    #: keys instead of hashing the same few strings again for every span
    _keys: dict[str, int]

    def _remember_strings(self, vocab, strings) -> None:
        self._keys = {s: vocab.strings.add(s) for s in strings}

    def _store(self, doc: Doc, size: int, found: list[tuple[int, int, str, str, str]]) -> None:
        """`doc.char_span(start, end, alignment_mode="expand")` for each found span, with the
        token look-ups done on two arrays: char_span builds a Python Token for each test."""
        keys = self._keys
        spans = []
        if found:
            starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
            for start, end, label, value, rule in sorted(found):
                if not 0 <= start < end <= size:
                    continue
                first = bisect_right(starts, start) - 1  # the token whose text or space holds `start`
                last = bisect_right(starts, end - 1) - 1
                if start == starts[first] + lengths[first]:  # on the space after a token: the next one
                    first += 1
                spans.append(Span(doc, first, last + 1, label=keys.get(label, label), kb_id=keys.get(rule, rule),
                                  span_id=keys.get(value, value)))
        doc.spans[self.spans_key] = spans


class CueFinder(RegexSpans):
    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.lang = nlp.lang
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self._keys = {}
        self.rows: list[dict[str, Any]] = []
        self.rules: dict[str, CueRule] = {}
        self._compiled: list[tuple[CueRule, bool, re.Pattern[str], tuple[str, ...] | None, Callable[[str], bool] | None]] = []

    def initialize(self, get_examples=None, *, nlp=None, rows: list[dict[str, Any]] | None = None) -> None:
        if rows is not None:
            self._set(rows)

    def _set(self, rows: list[dict[str, Any]]) -> None:
        rules = validate_cues(rows, self.lang)
        self.rows = [r for r in rows if r["lang"] == self.lang]
        self.rules = {r.name: r for r in rules}
        self._remember_strings(self.vocab, {x for r in rules for x in (r.name, r.label, r.value)})
        # whether each rule marks its span with a (?P<name>...) group, looked up once, and
        # where its matches can start (speed only: see extractor.components.prefilter):
        # the strings they open with, or else which words a match must contain (a rule is
        # not run on a text without any of them)
        self._compiled = []
        for r in rules:
            leads, words = leading_strings(r.regex), required_words(r.regex)
            # the required words are a cheap first test unless they are the opening strings again
            finder = _words_finder(words) if words is not None and set(words) != set(leads or ()) else None
            self._compiled.append((r, "name" in r.regex.groupindex, guarded(r.regex), leads, finder))

    def __call__(self, doc: Doc) -> Doc:
        found = []
        text = text_of(doc)
        if self.lang == "zh":
            # Chinese rules match on a Simplified copy (same length, same offsets), so one
            # Traditional pattern serves Traditional and Simplified articles alike
            text = to_simplified(text)
        lowered = text.lower() if folds_plainly(text) else None
        for rule, named, regex, leads, words in self._compiled:
            if lowered is not None and words is not None and not words(lowered):
                continue  # no match can be there: speed only, same spans
            if lowered is not None and leads is not None:
                matches = leading_matches(regex, text, lowered, leads)
            else:
                matches = regex.finditer(text)
            group = "name" if named else 0
            for m in matches:
                start, end = m.span(group)
                if end > start:
                    found.append((start, end, rule.label, rule.value, rule.name))
        self._store(doc, len(text), found)
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "cues.jsonl", self.rows)

    def from_disk(self, path, exclude=tuple()) -> "CueFinder":
        file = Path(path) / "cues.jsonl"
        if not file.exists():
            raise ModelDataInvalid(f"{file}: missing; rebuild the models with `python -m extractor.build_models`")
        self._set(list(srsly.read_jsonl(file)))
        return self


class QuantityFinder(RegexSpans):
    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.lang = nlp.lang
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self._keys = {}
        self.data: dict[str, Any] = {}
        self.grammar: QuantityGrammar | None = None

    def initialize(self, get_examples=None, *, nlp=None, data: dict[str, Any] | None = None) -> None:
        if data is not None:
            self._set(data)

    def _set(self, data: dict[str, Any]) -> None:
        self.grammar = QuantityGrammar(data)
        self.data = data
        self._remember_strings(self.vocab, {"SIZE", "COUNT", "quantity", "exact", *QUALIFIERS})

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = tuple(self.grammar.find(text, "zh" if self.lang == "zh" else "en"))
        doc._.extractor_quantities = found
        self._store(doc, len(text), [(q.start, q.end, q.kind.upper(), q.qualifier, "quantity") for q in found])
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "quantities.json").write_text(json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()) -> "QuantityFinder":
        file = Path(path) / "quantities.json"
        if not file.exists():
            raise ModelDataInvalid(f"{file}: missing; rebuild the models with `python -m extractor.build_models`")
        self._set(json.loads(file.read_text(encoding="utf-8")))
        return self


@Language.factory("extractor_cues_v1", assigns=["doc.spans"], default_config={"spans_key": "cues"})
def make_cues(nlp: Language, name: str, spans_key: str) -> CueFinder:
    return CueFinder(nlp, name, spans_key=spans_key)


@Language.factory("extractor_quantities_v1", assigns=["doc.spans", "doc._.extractor_quantities"],
                  default_config={"spans_key": "quantities"})
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantityFinder:
    return QuantityFinder(nlp, name, spans_key=spans_key)
