"""The grammar's regexes, compiled from its vocabulary: every word list becomes an alternation
here, so a new unit, qualifier or numeral in quantities.json needs no code change."""
from __future__ import annotations

import re

from extractor.numbers.forms import ARABIC, NUM_LA, NUM_LB, SP
from extractor.numbers.vocabulary import Vocabulary


def alternation(words: list[str], *, ignore_case: bool = False) -> str:
    """Longest first so "大約" wins over "約"; spaces inside phrases match any short run.

    Phrases that share a first character are written as one branch, `a(?:pproximately|bout)`,
    so that re tests that character once rather than once a phrase (speed only). The same
    matches: phrases with different first characters never match at the same place, and those
    sharing one keep their order. Not done when that cannot be told by the character alone
    (a phrase starting with a space, or with a non-ASCII character under ignore_case)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    escape = lambda w: re.escape(w).replace(r"\ ", f"{SP}{{1,2}}")  # noqa: E731
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0].lower() if ignore_case else w[0], []).append(w)
    if any(w[0].isspace() or (ignore_case and not w[0].isascii()) for w in ordered):
        groups = {w: [w] for w in ordered}
    parts = [escape(group[0]) if len(group) == 1 else
             f"{re.escape(group[0][0])}(?:{'|'.join(escape(w[1:]) for w in group)})" for group in groups.values()]
    body = "|".join(parts)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def firsts(words: list[str]) -> str:
    """The characters `words` begin with, for a character class (a leading space also stands
    for a no-break space, as in alternation)."""
    chars = {w[0] for w in words}
    if " " in chars:
        chars.add("\u00a0")
    return "".join(re.escape(c) for c in sorted(chars))


class Regexes:
    """Every pattern the grammar runs, with `*_starts`: where a match of it can begin (for
    forms.scan), derived from the same word lists."""

    def __init__(self, v: Vocabulary) -> None:
        self.en_q = f"(?<![A-Za-z]){alternation(list(v.qualifier['en']), ignore_case=True)}(?![A-Za-z]){SP}{{1,2}}"
        self.zh_q = f"{alternation(list(v.qualifier['zh']))}{SP}{{0,2}}"
        self.digits = "".join(v.zh_digits)
        self.units = "".join([*v.zh_small, *v.zh_big])
        self._sizes(v)
        self._en_counts(v)
        self._zh_counts(v)
        self._values(v)
        self._starts(v)

    def _sizes(self, v: Vocabulary) -> None:
        units = "|".join(x for x in (alternation(v.abbrevs) if v.abbrevs else "",
                                     alternation(v.unit_words, ignore_case=True)) if x)
        size_tail = f"{NUM_LB}(?P<num>{ARABIC}){NUM_LA}(?:{SP}|-)?(?P<unit>{units})(?![A-Za-z])"
        # what every size contains, a digit and a unit: most paragraphs have none (speed only;
        # the pattern starts with a digit, which re skips to in C)
        self.size_hint = re.compile(f"[0-9](?:{SP}|-)?(?:{units})(?![A-Za-z])")
        self.size = {"en": re.compile(f"(?:(?P<q>{self.en_q}))?{size_tail}"),
                     "zh": re.compile(f"(?:(?P<q>{self.zh_q}))?{size_tail}")}

    def _en_counts(self, v: Vocabulary) -> None:
        word = alternation(list(v.en_words), ignore_case=True)
        scale = alternation(list(v.en_scales), ignore_case=True)
        abbrev = alternation(list(v.en_abbrevs), ignore_case=True)
        fraction = alternation(list(v.en_fractions), ignore_case=True)
        en_words = f"(?<![A-Za-z]){word}(?:[ \\-]{word})?{SP}{{1,2}}{scale}(?![A-Za-z])"
        en_digits = (f"{NUM_LB}{ARABIC}(?:(?:{SP}|-)?{scale}(?![A-Za-z])|{abbrev}(?![A-Za-z]))?"
                     f"(?![0-9A-Za-z]|[.,][0-9])")
        self.en_count = re.compile(f"(?:(?P<q>{self.en_q}))?(?P<num>{en_words}|{en_digits})")
        self.en_number = re.compile(f"(?P<num>{en_words}|{en_digits})")
        self.en_fraction = re.compile(f"(?<![A-Za-z])(?P<f>{fraction}){SP}{{1,2}}$")
        self.en_fraction_of = re.compile(f"(?<![A-Za-z])(?P<f>{fraction}){SP}{{1,2}}a{SP}{{1,2}}(?P<s>{scale})(?![A-Za-z])")
        self.en_qualifier_before = re.compile(
            f"(?<![A-Za-z])(?P<q>{alternation(list(v.qualifier['en']), ignore_case=True)}){SP}{{1,2}}$")
        self.en_suffix = re.compile(f"{SP}{{1,2}}(?P<suffix>{alternation(list(v.en_suffix), ignore_case=True)})"
                                    f"(?![A-Za-z])")
        self.en_connector = re.compile(f"{SP}{{1,2}}{alternation(v.en_connectors, ignore_case=True)}(?={SP})")

    def _zh_counts(self, v: Vocabulary) -> None:
        d, u, p = self.digits, self.units, "".join(v.zh_points)
        zh_num = (f"[{d}]{{1,3}}[{p}][{d}]{{1,3}}[{u}]{{0,2}}|"
                  f"(?:(?:{ARABIC}|[{d}]{{1,2}})?[{u}]){{1,6}}(?:[{d}]{{1,2}})?|{ARABIC}")
        inner = alternation(list(v.zh_suffix["inner"]))
        outer = alternation(list(v.zh_suffix["outer"]))
        cls = "[" + "".join(v.zh_classifiers) + "]"
        self.zh_count = re.compile(f"(?:(?P<q>{self.zh_q}))?{NUM_LB}(?P<num>{zh_num}){NUM_LA}"
                                   f"(?P<inner>{inner})?(?P<cls>{cls})?(?P<outer>{outer})?")
        self.zh_number = re.compile(f"(?P<num>{zh_num})")
        self.zh_decimal = re.compile(f"([{d}]{{1,3}})[{p}]([{d}]{{1,3}})(.*)")  # 一點三萬
        self.zh_numeral_chars = frozenset(d + u)

    def _values(self, v: Vocabulary) -> None:
        # every number, counted noun or not (the aligner's anchors): a digit run may not start
        # inside another number ("1,234"), but may follow a half-width comma used as Chinese
        # punctuation ("四日,62宗")
        bare = r"(?<![0-9])(?<![0-9][.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
        scales = alternation([*v.en_scales, *v.en_abbrevs], ignore_case=True)
        self.en_value = re.compile(f"{bare}(?:{SP}?{scales}(?![A-Za-z]))?")
        bigs, smalls, d = "".join(v.zh_big), "".join(v.zh_small), self.digits
        self.zh_value = re.compile(f"{bare}{SP}?(?:[{smalls}]?[{bigs}]{{1,2}})?")
        # Chinese numerals are read only before 萬/億 (四百萬): a bare 一 or 三 is usually part of a word
        self.zh_numeral_value = re.compile(f"[{d}{smalls}]{{1,6}}(?:[{''.join(v.zh_points)}][{d}]{{1,3}})?[{bigs}]{{1,2}}")
        # loose values: a figure before 兆 (read every way), and any run of Chinese numerals
        ambiguous = "".join(v.zh_ambiguous)
        self.zh_ambiguous = re.compile(f"({ARABIC})[{ambiguous}]" if ambiguous else "(?!)")
        self.zh_numeral_run = re.compile(f"[{d}{self.units}]+")

    def _starts(self, v: Vocabulary) -> None:
        # where a match of each pattern can begin, for forms.scan: a qualifier's first character,
        # a digit, a number word's or Chinese numeral's first character
        q_en, q_zh = firsts(list(v.qualifier["en"])), firsts(list(v.qualifier["zh"]))
        d, u = self.digits, self.units
        self.size_starts = {"en": re.compile(f"(?<![A-Za-z])(?i:[{q_en}])|[0-9]"), "zh": re.compile(f"[{q_zh}0-9]")}
        self.en_count_starts = re.compile(f"(?<![A-Za-z])(?i:[{q_en}{firsts(list(v.en_words))}])|[0-9]")
        self.zh_count_starts = re.compile(f"[{q_zh}0-9{d}{u}]")
        self.zh_numeral_starts = re.compile(f"[{d}{''.join(v.zh_small)}]")
