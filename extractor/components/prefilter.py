"""Regexes that reject most text positions quickly: same matches, less scanning.

Python's `re` finds no fast start for a case-insensitive pattern that opens with `\\b` and
an alternation of words, so at every position of the text it tries every alternative.
`start_finder` reads the parsed pattern for the characters a match can start with; `guarded`
puts a look-ahead for `\\b` and those characters in front, which changes no match (every
match starts there anyway) but fails most positions with one test. Patterns that can match
the empty string, or whose start the analysis cannot bound, stay as they are.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_Ranges = list[tuple[int, int]]


class _Unbounded(Exception):
    """The analysis cannot say where a match starts."""


def _first(items: list, ranges: _Ranges) -> bool:
    """Add to RANGES the characters a match of the sequence ITEMS can start with; return
    whether the sequence can match the empty string (then what follows it counts too)."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            ranges.append((av, av))
            return False
        if op is C.IN:
            for kind, value in av:
                if kind is C.LITERAL:
                    ranges.append((value, value))
                elif kind is C.RANGE:
                    ranges.append(value)
                else:  # NEGATE, CATEGORY (\w, \d ...): too wide to be worth it
                    raise _Unbounded
            return False
        if op is C.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable |= _first(list(alternative), ranges)
            if not nullable:
                return False
            continue
        if op is C.SUBPATTERN:
            if not _first(list(av[3]), ranges):
                return False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _, body = av
            if not _first(list(body), ranges) and low > 0:
                return False
            continue
        if op is getattr(C, "ATOMIC_GROUP", None):
            if not _first(list(av), ranges):
                return False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, ...
    return True


def _needs_boundary(items: list) -> bool:
    """Whether a `\\b` stands before the first character the pattern consumes, outside any group."""
    for op, av in items:
        if op is C.AT and av is C.AT_BOUNDARY:
            return True
        if op not in _ZERO_WIDTH:
            return False
    return False


def start_finder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching, at each position where REGEX can start a match, one character;
    None when no such bound is known, REGEX can match the empty string, or it does not open
    with a word boundary (re finds those starts quickly on its own)."""
    if not isinstance(regex.pattern, str):
        return None
    try:
        parsed = P.parse(regex.pattern, regex.flags)
        ranges: _Ranges = []
        if _first(list(parsed), ranges) or not ranges:
            return None
    except (_Unbounded, re.error, TypeError, ValueError):
        return None
    if not _needs_boundary(list(parsed)):
        return None  # re already scans fast for a pattern that opens on a cased character set
    body = "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in sorted(set(ranges)))
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
    except re.error:  # e.g. global inline flags, which must open the pattern
        return regex
    if fast.groups != regex.groups or dict(fast.groupindex) != dict(regex.groupindex):
        return regex
    return fast
