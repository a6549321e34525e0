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
from collections.abc import Iterable, Iterator
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


# -- required words: skip a rule on a text that lacks every word its matches must contain ------

def _needs(items: list) -> set[str] | None:
    """Lower-cased strings one of which every match of the sequence ITEMS contains, or None
    when the analysis finds none. Only consumed literals count; groups, alternations (all
    branches must have one) and repeats of at least one are looked into."""
    options: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append({run})
            run = ""
        found: set[str] | None = None
        if op is C.SUBPATTERN:
            found = _needs(list(av[3]))
        elif op is C.BRANCH:
            branches = [_needs(list(alternative)) for alternative in av[1]]
            found = set().union(*branches) if branches and all(branches) else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found = _needs(list(av[2]))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            found = _needs(list(av))
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
    if not isinstance(regex.pattern, str):
        return None
    try:
        words = _needs(list(P.parse(regex.pattern, regex.flags)))
    except (re.error, TypeError, ValueError, RecursionError):
        return None
    return tuple(sorted(words)) if words else None


def _odd_folds() -> re.Pattern[str]:
    """The characters where `str.lower()` and re's IGNORECASE differ: re also folds some
    letters onto others (ſ with s, K with k, Greek and Cyrillic variants: re._casefix),
    İ lowers to two characters, Σ to a final ς."""
    from re import _casefix  # type: ignore[attr-defined]

    chars = {chr(c) for k, v in _casefix._EXTRA_CASES.items() for c in (k, *v) if c > 127}
    chars |= {"\u0130", "\u03a3", "\u212a"}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


_ODD_FOLDS = _odd_folds()


def folds_plainly(text: str) -> bool:
    """Whether `text.lower()` holds every literal a case-insensitive pattern matches in text."""
    return _ODD_FOLDS.search(text) is None


# -- leading literals: try a rule only where one of the strings its matches open with stands ------

#: the most opening strings a rule may be tried at (alternatives multiply along a pattern)
MAX_LEADING = 64


def _exact(items: list) -> set[str] | None:
    """The strings the sequence ITEMS matches, when it is only literals, groups and alternations
    of them (`did|does`, which re parses as d(?:id|oes)); else None."""
    out = {""}
    for op, av in items:
        if op is C.LITERAL:
            options = {chr(av)}
        elif op is C.SUBPATTERN:
            options = _exact(list(av[3]))
        elif op is C.BRANCH:
            parts = [_exact(list(alternative)) for alternative in av[1]]
            options = None if any(p is None for p in parts) else set().union(*parts)
        else:
            return None
        if options is None or len(out) * len(options) > MAX_LEADING:
            return None
        out = {a + b for a in out for b in options}
    return out


def _leading(items: list) -> set[str]:
    """Non-empty strings one of which every match of the sequence ITEMS starts with. Zero-width
    assertions consume nothing, so they are passed over; a run of literals (or of alternatives
    of literals) is followed into what comes after it; groups, alternations and repeats of at
    least one are looked into. Raises _Unbounded when a match may start otherwise."""
    items = [item for item in items if item[0] not in _ZERO_WIDTH]
    if not items:
        raise _Unbounded
    fixed = 0  # the longest opening stretch that matches a finite set of strings
    while fixed < len(items) and _exact(items[: fixed + 1]) is not None:
        fixed += 1
    if fixed:
        heads = _exact(items[:fixed]) or set()
        if "" in heads:
            raise _Unbounded
        try:
            tails = _leading(items[fixed:]) if fixed < len(items) else {""}
        except _Unbounded:
            return heads
        joined = {h + t for h in heads for t in tails}
        return joined if len(joined) <= MAX_LEADING else heads
    op, av = items[0]
    if op is C.SUBPATTERN:
        return _leading(list(av[3]))
    if op is C.BRANCH:
        return set().union(*(_leading(list(alternative)) for alternative in av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _leading(list(av[2]))
    raise _Unbounded


def leading_strings(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of REGEX starts with, or None if unknown
    (or REGEX can match the empty string). Worth using only where they hold a cased letter:
    re cannot scan for a case-insensitive literal quickly, and tries the pattern at every
    position; with the strings found by `str.find` in the lower-cased text (see
    `folds_plainly`), `leading_matches` tries it only where one stands."""
    if not isinstance(regex.pattern, str):
        return None
    try:
        parsed = P.parse(regex.pattern, regex.flags)
        if parsed.getwidth()[0] == 0:
            return None
        strings = _leading(list(parsed))
    except (_Unbounded, re.error, TypeError, ValueError, RecursionError):
        return None
    if not any(s.lower() != s.upper() for s in strings):
        return None  # no cased letter: re's own literal scan is as fast
    return tuple(sorted({s.lower() for s in strings}))


def matches_at(regex: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` for a REGEX that never matches the empty string and can begin a
    match only at STARTS (ascending): tried there alone, each try after the end of the last
    match, as finditer would find them."""
    free = 0
    for at in starts:
        if at >= free:
            m = regex.match(text, at)
            if m is not None:
                yield m
                free = m.end()


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
