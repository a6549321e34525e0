"""`finditer` that tries a regex only where a match can start: same matches, less scanning.

Python's `re` finds no fast start for a case-insensitive pattern that opens with `\\b` or an
alternation of words, so it tries every position of the text. `first_chars` reads the parsed
pattern for the characters a match can start with (and whether a word boundary must come
first); `finditer` jumps from one such position to the next with a one-character search and
tries the full pattern there with `match`, which sees the text before the position exactly
as `search` does (look-behinds and `\\b` included). Patterns that can match the empty string,
or whose start the analysis cannot bound, keep the plain `finditer`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
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


def finditer(regex: re.Pattern[str], starts: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)`, trying REGEX only where STARTS matches (see `start_finder`)."""
    if starts is None:
        yield from regex.finditer(text)
        return
    search, match = starts.search, regex.match
    pos = 0
    while True:
        found = search(text, pos)
        if found is None:
            return
        at = found.start()
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()  # never empty: start_finder refuses patterns that can match ""
