"""Small helpers over `re` that both the quantity grammar and the cue components use."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def matches_at(regex: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` for a REGEX that never matches the empty string and can begin a
    match only at STARTS (ascending): tried there alone, each try after the end of the last
    match, as finditer would find them. `re` tries a pattern at every position; for a pattern
    without a fixed first character that is most of its cost, while the starts are usually
    found by a plain character class or `str.find`, which run in C."""
    free = 0
    for at in starts:
        if at >= free:
            m = regex.match(text, at)
            if m is not None:
                yield m
                free = m.end()
