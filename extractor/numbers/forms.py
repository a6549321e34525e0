"""How figures are written, shared by the grammar's parts: Arabic figures, spaces, full-width
characters, and the small fixed regexes the readers of both languages use."""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.regex_tools import matches_at

# Full-width ASCII (U+FF01..U+FF5E) maps one-to-one onto ASCII, so offsets survive. The
# full-width comma is left alone: in Chinese prose it separates clauses, not thousands.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH_CHAR = re.compile("[\uff01-\uff0b\uff0d-\uff5e\u3000]")  # the keys of _FULLWIDTH

SP = "[ \u00a0]"
ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,12})(?:\.[0-9]{1,4})?"
# A number may not continue a token: no digit, letter, separator, sign or currency before it.
NUM_LB = r"(?<![0-9A-Za-z.,_\-+/:#$£€¥])(?<![0-9]，)"
NUM_LA = r"(?![0-9]|[.,][0-9])"
HAN = "\u4e00-\u9fff"
EN_WORD = re.compile(r"[ \u00a0]{1,3}([A-Za-z][A-Za-z'’\-]{0,40})")
ZH_RUN = re.compile(f"[{HAN}A-Za-z]{{1,12}}")
YEAR = re.compile(r"(?:19|20)[0-9]{2}")
PLURAL = re.compile(r"[a-z][a-z\-]{1,30}s")
EN_FIGURE = re.compile(f"(?P<n>{ARABIC})(?:{SP}|-)?(?P<scale>[A-Za-z]{{1,10}})?")  # "9.8 million", "2m"
EN_WORD_SEP = re.compile(r"[ \u00a0\-]{1,3}")
ZH_TOKEN = re.compile(f"{ARABIC}|.")  # an Arabic figure or one character of a Chinese numeral
LATIN_WORD = re.compile(r"[A-Za-z]+")
WORD_CHAR = re.compile(f"[{HAN}A-Za-z0-9]")
DIGIT = re.compile("[0-9]")
FIGURE = re.compile(ARABIC)
HAN_CHAR = re.compile(f"[{HAN}]")
#: what may stand after a scaled figure with no noun ("9.8 million."): punctuation or the end
SCALED_END = re.compile(r"[ \u00a0]{0,2}(?:[.,;:)]|$)")
#: the first one or two lower-case words after a number ("40 percent", "5.8 billion dollars")
WORDS_AFTER = re.compile(r"([a-z]{1,12})(?: ([a-z]{1,12}))?")


def halfwidth(text: str) -> str:
    """text.translate(_FULLWIDTH). Most paragraphs have no such character (Chinese prose uses
    ，、。, which stay), and a regex search is much cheaper than a translate of every character."""
    return text.translate(_FULLWIDTH) if _FULLWIDTH_CHAR.search(text) else text


def normalise_key(s: str) -> str:
    """A phrase as the data tables key it: lower case, single spaces."""
    return " ".join(s.lower().split())


def scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), trying the pattern only where `starts` finds a character a match
    can begin with. re tries a pattern at every position, and for the grammar's patterns (an
    optional qualifier, lookbehinds: no fixed first character re could skip to) that is most
    of their cost, while `starts` is a plain character class re scans for in C. None of these
    patterns matches the empty string (see regex_tools.matches_at)."""
    return matches_at(pattern, text, (m.start() for m in starts.finditer(text)))
