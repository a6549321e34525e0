"""What the cost function reads from each unit: its length, its anchors (numbers, sizes,
Latin names) and whether it is a heading or prose. Computed once per unit."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.align.units import Unit, nfkc
from extractor.numbers import Quantities
from extractor.script import han_count

#: Han characters per English character when the document gives no usable estimate.
DEFAULT_RATIO = 0.34
#: The document's own ratio is clamped to this range (guards against a lopsided document).
RATIO_BOUNDS = (0.15, 0.8)
#: In a long document a Latin token stays an anchor while it is in at most this fraction more
#: English units than Chinese ones (plus one).
LONG_VOCABULARY_SLACK = 0.1

EN_HEADING_MAX_WORDS = 12
ZH_HEADING_MAX_CHARS = 25

LATIN_TOKEN = re.compile(r"[A-Za-z]+")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,]*")
_CLOSING_QUOTES = "'\"’”」』)）"
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")  # str.isascii() and str.isalnum()


@dataclass(frozen=True)
class Features:
    """What the cost function needs from one unit, computed once."""

    length: float  # en: non-space characters; zh: Han characters
    foreign: float  # zh only: ASCII letters and digits (they carry over from English 1:1)
    numbers: frozenset[str]  # values of bare numbers (not those written as a size)
    sizes: frozenset[str]  # sizes in bytes
    tokens: tuple[str, ...]  # Latin-script tokens, original case, in order
    heading: bool  # short and without sentence-final punctuation
    prose: bool  # ends like a sentence; a unit may be neither (a long headline)


def _number_key(value: float) -> str:
    return f"{value:.6g}"


def numbers(text: str, lang: str, quantities: Quantities) -> frozenset[str]:
    """Every number in `text` as a value key, so 13,000 / 1.3萬 / １．３萬 all meet."""
    return frozenset(_number_key(v) for v in quantities.values(text, lang))


def _sizes(text: str, lang: str, quantities: Quantities) -> tuple[frozenset[str], frozenset[str]]:
    """Sizes as byte counts (1,500 GB and 1.5TB meet), and the bare numbers they were written
    with, which are then no anchors of their own (1,500 and 1.5 need not meet)."""
    sizes, written = set(), set()
    for q in quantities.find(text, lang):  # what amounts() reads, without an Amount for each count
        if q.kind == "size":  # an Amount in bytes, of the same value
            sizes.add(_number_key(q.value))
            value = quantities.grammar.parse_number(q.number_text)
            if value is not None:
                written.add(_number_key(value))
    return frozenset(sizes), frozenset(written)


def _is_heading(text: str, lang: str) -> bool:
    stripped = text.strip()
    if lang == "en":
        return len(stripped.split()) < EN_HEADING_MAX_WORDS and not stripped.endswith(".")
    if "。" in stripped:  # tested first: it settles most paragraphs without counting
        return False
    # A Latin word or a number inside a Chinese headline counts as one character.
    size = han_count(stripped) + len(_LATIN_OR_NUMBER.findall(stripped))
    return size < ZH_HEADING_MAX_CHARS


def _is_prose(text: str, lang: str) -> bool:
    stripped = text.strip().rstrip(_CLOSING_QUOTES)
    if lang == "en":
        return stripped.endswith((".", "?", "!"))
    return "。" in stripped or stripped.endswith(("！", "？", "!", "?"))


def features(unit: Unit, lang: str, quantities: Quantities, text: str | None = None) -> Features:
    """`text`: the unit's text NFKC-normalised, when the caller already has it."""
    text = nfkc(unit.text) if text is None else text
    if lang == "en":
        length = float(sum(map(len, text.split())))  # non-space characters (split: the same spaces as isspace)
        foreign = 0.0
    else:
        length = float(han_count(text))
        foreign = float(len(_ASCII_ALNUM.findall(text)))
    sizes, size_numbers = _sizes(text, lang, quantities)
    return Features(
        length=length,
        foreign=foreign,
        numbers=numbers(text, lang, quantities) - size_numbers,
        sizes=sizes,
        tokens=tuple(LATIN_TOKEN.findall(text)),
        heading=_is_heading(text, lang),
        prose=_is_prose(text, lang),
    )


def words(f: Features) -> set[str]:
    """The unit's Latin tokens, lower-cased."""
    return {t.lower() for t in f.tokens}


def shared_vocabulary(en: list[set[str]], zh: list[set[str]], slack: float = 0.0) -> frozenset[str]:
    """Lower-cased Latin tokens usable as anchors; `en`, `zh`: each unit's words.

    A token counts when the Chinese text also uses it, and it is not spread over many more
    English units than Chinese ones: that drops function words ("and", "it") that a Chinese
    unit happens to carry inside a quoted English name. "Many more" is one more, plus `slack`
    times the Chinese count: a long document (see Scorer) leaves a few percent of its
    paragraphs untranslated, and its recurring names must survive that.
    """
    en_df: dict[str, int] = {}
    zh_df: dict[str, int] = {}
    for units, df in ((en, en_df), (zh, zh_df)):
        for unit_words in units:
            for token in unit_words:
                df[token] = df.get(token, 0) + 1
    return frozenset(t for t, n in zh_df.items() if en_df.get(t, 0) <= n + 1 + int(n * slack) and t in en_df)


def anchors(f: Features, unit_words: set[str], vocabulary: frozenset[str]) -> frozenset[str]:
    """`unit_words`: the unit's words."""
    return frozenset({"w:" + w for w in unit_words & vocabulary} | {"n:" + n for n in f.numbers}
                     | {"b:" + b for b in f.sizes})


def ratio_of(en: list[Features], zh: list[Features]) -> float:
    """Han characters per English character, from the units' features."""
    han = sum(f.length for f in zh)
    en_chars = sum(f.length for f in en) - sum(f.foreign for f in zh)
    ratio = han / en_chars if han > 0 and en_chars > 0 else DEFAULT_RATIO
    return min(max(ratio, RATIO_BOUNDS[0]), RATIO_BOUNDS[1])


def length_ratio(en: list[Unit], zh: list[Unit], quantities: Quantities | None = None) -> float:
    """Han characters per English character over a whole document, for aligning its parts.

    Sentences inside one paragraph pair are too few to estimate it: a sentence left out of the
    translation would lower the estimate just enough to make the shortened pair look normal.
    """
    quantities = quantities or Quantities()
    return ratio_of([features(u, "en", quantities) for u in en], [features(u, "zh", quantities) for u in zh])
