"""Regexes that reject most text positions quickly: same matches, less scanning.

Python's `re` finds no fast start for a case-insensitive pattern that opens with `\\b` and
an alternation of words, so at every position of the text it tries every alternative.
`start_finder` reads the pattern (see `regex_syntax`) for the characters a match can start
with; `guarded` puts a look-ahead for `\\b` and those characters in front, which changes no
match (every match starts there anyway) but fails most positions with one test. Patterns that
can match the empty string, whose start the analysis cannot bound, or that use syntax outside
`regex_syntax`'s subset, stay as they are.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

from extractor.components.regex_syntax import (
    AT, ATOMIC_GROUP, BRANCH, IN, LITERAL, RANGE, REPEATS, SUBPATTERN, ZERO_WIDTH, Node, Unsupported, min_width,
    parse,
)
from extractor.regex_tools import matches_at

_Ranges = list[tuple[int, int]]
_SKIPPED = (Unsupported, RecursionError)

__all__ = ["start_finder", "guarded", "required_words", "folds_plainly", "leading_strings", "leading_matches",
           "MAX_LEADING", "odd_fold_characters"]


class _Unbounded(Exception):
    """The analysis cannot say where a match starts."""


def _parsed(regex: re.Pattern[str]) -> list[Node] | None:
    if not isinstance(regex.pattern, str):
        return None
    try:
        return parse(regex.pattern, regex.flags)
    except _SKIPPED:
        return None


# -- first characters ---------------------------------------------------------------------------

def _first_in(av: list[Node], ranges: _Ranges) -> bool:
    for kind, value in av:
        if kind == LITERAL:
            ranges.append((value, value))
        elif kind == RANGE:
            ranges.append(value)
        else:  # NEGATE, CATEGORY (\w, \d ...): too wide to be worth it
            raise _Unbounded
    return False


def _first_branch(av: Any, ranges: _Ranges) -> bool:
    nullable = False
    for alternative in av[1]:
        nullable |= _first(alternative, ranges)
    return nullable


def _first_repeat(av: Any, ranges: _Ranges) -> bool:
    low, _, body = av
    return _first(body, ranges) or low == 0


#: for each node kind, a function adding the characters its matches start with to the ranges
#: and saying whether it can match the empty string (then what follows it counts too)
_FIRST: dict[str, Callable[[Any, _Ranges], bool]] = {
    LITERAL: lambda av, ranges: ranges.append((av, av)) or False,
    IN: _first_in,
    BRANCH: _first_branch,
    SUBPATTERN: lambda av, ranges: _first(av[3], ranges),
    ATOMIC_GROUP: lambda av, ranges: _first(av, ranges),
    **{op: _first_repeat for op in REPEATS},
}


def _first(items: list[Node], ranges: _Ranges) -> bool:
    """Add to RANGES the characters a match of the sequence ITEMS can start with; return
    whether the sequence can match the empty string."""
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        handler = _FIRST.get(op)
        if handler is None:  # ANY, NOT_LITERAL ...
            raise _Unbounded
        if not handler(av, ranges):
            return False
    return True


def _needs_boundary(items: list[Node]) -> bool:
    """Whether a `\\b` stands before the first character the pattern consumes, outside any group."""
    for op, av in items:
        if op == AT and av == "AT_BOUNDARY":
            return True
        if op not in ZERO_WIDTH:
            return False
    return False


def start_finder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching, at each position where REGEX can start a match, one character;
    None when no such bound is known, REGEX can match the empty string, or it does not open
    with a word boundary (re finds those starts quickly on its own)."""
    parsed = _parsed(regex)
    if parsed is None:
        return None
    ranges: _Ranges = []
    try:
        if _first(parsed, ranges) or not ranges:
            return None
    except _Unbounded:
        return None
    if not _needs_boundary(parsed):
        return None  # re already scans fast for a pattern that opens on a cased character set
    body = "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                   for lo, hi in sorted(set(ranges)))
    # case-insensitive when the pattern is anywhere: a superset of the starts, never fewer
    flags = (regex.flags & re.ASCII) | (re.IGNORECASE if regex.flags & re.IGNORECASE or "(?i" in regex.pattern else 0)
    return re.compile(f"\\b[{body}]", flags)


def guarded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """REGEX behind a look-ahead for the characters its matches start with: the same matches
    (and groups), but re rejects most positions with one character-set test instead of
    trying every alternative there. REGEX itself when no start is known."""
    starts = start_finder(regex)
    if starts is None:
        return regex
    try:
        fast = re.compile(f"(?={starts.pattern})(?:{regex.pattern})", regex.flags)
    except re.error:
        return regex
    if fast.groups != regex.groups or dict(fast.groupindex) != dict(regex.groupindex):
        return regex
    return fast


# -- required words: skip a rule on a text that lacks every word its matches must contain ------

def _needs_branch(av: Any) -> set[str] | None:
    branches = [_needs(alternative) for alternative in av[1]]
    return set().union(*branches) if branches and all(branches) else None


_NEEDS: dict[str, Callable[[Any], set[str] | None]] = {
    SUBPATTERN: lambda av: _needs(av[3]),
    BRANCH: _needs_branch,
    ATOMIC_GROUP: lambda av: _needs(av),
    **{op: (lambda av: _needs(av[2]) if av[0] >= 1 else None) for op in REPEATS},
}


def _needs(items: list[Node]) -> set[str] | None:
    """Lower-cased strings one of which every match of the sequence ITEMS contains, or None
    when the analysis finds none. Only consumed literals count; groups, alternations (all
    branches must have one) and repeats of at least one are looked into."""
    options: list[set[str]] = []
    run = ""
    for op, av in items:
        if op == LITERAL:
            run += chr(av)
            continue
        if run:
            options.append({run})
            run = ""
        handler = _NEEDS.get(op)
        found = handler(av) if handler else None
        if found:
            options.append(found)
    if run:
        options.append({run})
    options = [{s.lower() for s in o} for o in options if all(o)]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def required_words(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of REGEX contains, or None if unknown.

    A text whose `lower()` contains none of them has no match (see `folds_plainly` for the
    texts where `lower()` and re's case-insensitive matching could disagree)."""
    parsed = _parsed(regex)
    try:
        words = _needs(parsed) if parsed is not None else None
    except RecursionError:
        return None
    return tuple(sorted(words)) if words else None


# -- characters whose case folding `str.lower()` does not share with `re` -------------------------

def _casefix_characters() -> frozenset[str] | None:
    """The non-ASCII characters of re's table of extra case equivalents (re._casefix, private:
    read for speed only, with `_derived_casefix_characters` as the public fallback; a test pins
    that both agree)."""
    try:
        from re import _casefix  # type: ignore[attr-defined]

        table = _casefix._EXTRA_CASES
    except (ImportError, AttributeError):
        return None
    return frozenset(chr(c) for k, v in table.items() for c in (k, *v) if c > 127)


def _derived_casefix_characters() -> frozenset[str]:
    """The same characters from str's public case mappings, as CPython derives its table:
    lower-case forms of characters that share an upper-case form but differ when lowered
    (ſ and s, K and k, the Greek and Cyrillic variants). Takes seconds: a fallback only."""
    by_upper: dict[str, set[str]] = defaultdict(set)
    for c in map(chr, range(sys.maxunicode + 1)):
        by_upper[c.upper()].add(c)
    out: set[str] = set()
    for group in by_upper.values():
        lowered = {c.lower() for c in group}
        if len(lowered) > 1:
            out |= {c for c in lowered if ord(c) > 127}
    return frozenset(out)


@cache
def odd_fold_characters() -> frozenset[str]:
    """The characters where `str.lower()` and re's IGNORECASE differ: re also folds some
    letters onto others (ſ with s, K with k, Greek and Cyrillic variants), İ lowers to two
    characters, Σ to a final ς."""
    extra = _casefix_characters()
    if extra is None:
        extra = _derived_casefix_characters()
    return extra | {"\u0130", "\u03a3", "\u212a"}


@cache
def _odd_folds() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(odd_fold_characters())) + "]")


def folds_plainly(text: str) -> bool:
    """Whether `text.lower()` holds every literal a case-insensitive pattern matches in text."""
    return _odd_folds().search(text) is None


# -- leading literals: try a rule only where one of the strings its matches open with stands ------

#: the most opening strings a rule may be tried at (alternatives multiply along a pattern)
MAX_LEADING = 64


def _exact_branch(av: Any) -> set[str] | None:
    parts = [_exact(alternative) for alternative in av[1]]
    return None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]


_EXACT: dict[str, Callable[[Any], set[str] | None]] = {
    LITERAL: lambda av: {chr(av)},
    SUBPATTERN: lambda av: _exact(av[3]),
    BRANCH: _exact_branch,
}


def _exact(items: list[Node]) -> set[str] | None:
    """The strings the sequence ITEMS matches, when it is only literals, groups and alternations
    of them (`did|does`, which re parses as d(?:id|oes)); else None."""
    out = {""}
    for op, av in items:
        handler = _EXACT.get(op)
        options = handler(av) if handler else None
        if options is None or len(out) * len(options) > MAX_LEADING:
            return None
        out = {a + b for a in out for b in options}
    return out


def _leading_of(op: str, av: Any) -> set[str]:
    """_leading of a sequence whose first item (not a run of literals) is OP."""
    if op == SUBPATTERN:
        return _leading(av[3])
    if op == BRANCH:
        return set().union(*(_leading(alternative) for alternative in av[1]))
    if op in REPEATS and av[0] >= 1:
        return _leading(av[2])
    raise _Unbounded


def _leading(items: list[Node]) -> set[str]:
    """Non-empty strings one of which every match of the sequence ITEMS starts with. Zero-width
    assertions consume nothing, so they are passed over; a run of literals (or of alternatives
    of literals) is followed into what comes after it; groups, alternations and repeats of at
    least one are looked into. Raises _Unbounded when a match may start otherwise."""
    items = [item for item in items if item[0] not in ZERO_WIDTH]
    if not items:
        raise _Unbounded
    fixed = 0  # the longest opening stretch that matches a finite set of strings
    while fixed < len(items) and _exact(items[: fixed + 1]) is not None:
        fixed += 1
    if not fixed:
        return _leading_of(*items[0])
    heads = _exact(items[:fixed]) or set()
    if "" in heads:
        raise _Unbounded
    try:
        tails = _leading(items[fixed:]) if fixed < len(items) else {""}
    except _Unbounded:
        return heads
    joined = {h + t for h in heads for t in tails}
    return joined if len(joined) <= MAX_LEADING else heads


def leading_strings(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of REGEX starts with, or None if unknown
    (or REGEX can match the empty string). Worth using only where they hold a cased letter:
    re cannot scan for a case-insensitive literal quickly, and tries the pattern at every
    position; with the strings found by `str.find` in the lower-cased text (see
    `folds_plainly`), `leading_matches` tries it only where one stands."""
    parsed = _parsed(regex)
    if parsed is None:
        return None
    try:
        if min_width(parsed) == 0:
            return None
        strings = _leading(parsed)
    except (_Unbounded, RecursionError):
        return None
    if not any(s.lower() != s.upper() for s in strings):
        return None  # no cased letter: re's own literal scan is as fast
    return tuple(sorted({s.lower() for s in strings}))


def leading_matches(regex: re.Pattern[str], text: str, lowered: str, strings: tuple[str, ...]) -> list[re.Match[str]]:
    """`list(regex.finditer(text))` for a REGEX whose matches all open with one of STRINGS
    (`leading_strings`), found in LOWERED (`text.lower()`, same length)."""
    starts = set()
    for s in strings:
        at = lowered.find(s)
        while at >= 0:
            starts.add(at)
            at = lowered.find(s, at + 1)
    return list(matches_at(regex, text, sorted(starts)))
