"""extractor.components.prefilter: guarded patterns find the same matches (and groups) as the originals."""
from __future__ import annotations

import random
import re

import pytest
from conftest import ARTICLE, batch_article

from extractor.components.prefilter import (
    folds_plainly, guarded, leading_matches, leading_strings, required_words, start_finder,
)
from extractor.nlp import load

TEXTS = [
    "", "x", ARTICLE, ARTICLE.upper(), batch_article(3), batch_article(4),
    "The files were not encrypted, by encrypted drives. Encrypted? ENCRYPTED! re-encrypted",
    "ſtolen ſtole Kelvin stole STOLE stOle stolen-data (stolen) 'stole'",
    "駭客竊取了資料並加密伺服器。據報，公司拒絕支付贖金。",
]


@pytest.mark.parametrize("pattern, flags, prefilters", [
    (r"\b(?:stole|stolen|leak\w*)\b", re.I, True),
    (r"(?<!\bby )(?<!\bnot )\b(?:encrypted|encrypting)\b", re.I, True),
    (r"\b(?-i:[A-Z][a-z]+) (?:said|says)", re.I, True),
    (r"\b(?:was|were)? ?not encrypted", re.I, True),  # an optional first word: both starts count
    (r"\b(?:x)*", 0, None),  # can match the empty string: plain finditer
    (r"\b\w+ed\b", re.I, None),  # \w: too wide to bound
    (r"[A-Z][a-z]+ said", 0, None),  # no leading \b: re is fast on its own
    (r"\b(?i:stole) data", 0, True),  # an inline (?i) group: the starts are case-insensitive
    (r"\b.{0,3}stole", re.I, None),
])
def test_same_matches_as_re(pattern: str, flags: int, prefilters: bool | None) -> None:
    regex = re.compile(pattern, flags)
    assert (start_finder(regex) is not None) == bool(prefilters)
    fast = guarded(regex)
    assert (fast is not regex) == bool(prefilters)
    rng = random.Random(1)
    texts = TEXTS + ["".join(rng.sample(t, len(t))) for t in TEXTS]
    for text in texts:
        assert [m.regs for m in fast.finditer(text)] == [m.regs for m in regex.finditer(text)]


@pytest.mark.parametrize("family", ["en", "zh"])
def test_every_cue_rule_finds_what_re_finds(family: str) -> None:
    from extractor.script import to_simplified

    texts = [to_simplified(t) if family == "zh" else t for t in TEXTS + [batch_article(n) for n in range(30)]]
    for rule in load(family).get_pipe("extractor_cues").rules.values():
        fast = guarded(rule.regex)
        for text in texts:
            assert [m.regs for m in fast.finditer(text)] == [m.regs for m in rule.regex.finditer(text)], rule.name


@pytest.mark.parametrize("pattern, flags, words", [
    (r"\b(?:stole|stolen|leak\w*)\b", re.I, ("leak", "stole", "stolen")),
    (r"\bno (?:files|data) were encrypted", re.I, (" were encrypted",)),
    (r"(?:was|were)? ?not encrypted", re.I, ("not encrypted",)),
    (r"(?:encrypt|lock)+ed", re.I, ("encrypt", "lock")),
    (r"\b(?:x)*", 0, None),  # nothing is required
    (r"(?:files|\w+) taken", re.I, (" taken",)),
    (r"(?:files|\w+)", re.I, None),  # one branch requires no literal
    (r"加密|鎖定", 0, ("加密", "鎖定")),
])
def test_required_words(pattern: str, flags: int, words: tuple[str, ...] | None) -> None:
    assert required_words(re.compile(pattern, flags)) == words


@pytest.mark.parametrize("text, plain", [
    ("Stolen DATA", True), ("駭客竊取了資料", True), ("ſtolen", False), ("\u212aelvin", False),
    ("\u0130stanbul", False), ("ΟΔΥΣΣΕΥΣ", False), ("Café £5", True),
])
def test_folds_plainly(text: str, plain: bool) -> None:
    assert folds_plainly(text) is plain


@pytest.mark.parametrize("family", ["en", "zh"])
def test_rules_skipped_without_their_words_have_no_match(family: str) -> None:
    from extractor.script import to_simplified

    base = TEXTS + [batch_article(n) for n in range(30)]
    texts = [to_simplified(t) if family == "zh" else t for t in base + [t.upper() for t in base] + [t.title() for t in base]]
    skipped = 0
    for rule in load(family).get_pipe("extractor_cues").rules.values():
        words = required_words(rule.regex)
        for text in texts:
            if words is not None and folds_plainly(text) and not any(w in text.lower() for w in words):
                skipped += 1
                assert next(rule.regex.finditer(text), None) is None, rule.name
    assert skipped


@pytest.mark.parametrize("pattern, flags, strings", [
    (r"\b(?:did|does) not (?:\w{1,40} ){0,2}encrypt", re.I, ("did not ", "does not ")),  # parsed d(?:id|oes)
    (r"(?<![A-Za-z])(?:Stole|leaked) (?:files|data)", re.I, ("leaked data", "leaked files", "stole data", "stole files")),
    (r"\b(?:stole|leaked)\b \w{1,9}", re.I, ("leaked ", "stole ")),  # through the \b, not into \w
    (r"\b(?:no|none of) (?:files|data)|\bnothing was encrypted", re.I,
     ("no data", "no files", "none of data", "none of files", "nothing was encrypted")),
    (r"(?:stolen ){1,3}data", re.I, ("stolen ",)),
    (r"\b\w+ed\b", re.I, None),  # a match may open with any word
    (r"(?:was )?not encrypted", re.I, None),  # an optional first word: no one opening string
    (r"\b(?:x)*", 0, None),  # can match the empty string
    (r"加密|鎖定", 0, None),  # no cased letter: re scans for these quickly on its own
])
def test_leading_strings(pattern: str, flags: int, strings: tuple[str, ...] | None) -> None:
    assert leading_strings(re.compile(pattern, flags)) == strings


@pytest.mark.parametrize("family", ["en", "zh"])
def test_leading_matches_are_finditers_matches_for_every_cue_rule(family: str) -> None:
    from extractor.script import to_simplified

    rng = random.Random(7)
    base = TEXTS + [batch_article(n) for n in range(30)]
    # overlapping and adjacent openings: "did not did not encrypt", words run together
    words = [w for t in base for w in t.split()]
    base += [" ".join(rng.choice(words) for _ in range(60)) for _ in range(40)]
    texts = [to_simplified(t) if family == "zh" else t for t in base + [t.upper() for t in base]]
    used = 0
    for rule in load(family).get_pipe("extractor_cues").rules.values():
        strings = leading_strings(rule.regex)
        if strings is None:
            continue
        used += 1
        fast = guarded(rule.regex)
        for text in texts:
            if folds_plainly(text):
                assert [m.regs for m in leading_matches(fast, text, text.lower(), strings)] == \
                       [m.regs for m in rule.regex.finditer(text)], rule.name
    assert used if family == "en" else True


def test_leading_matches_skips_overlaps_as_finditer_does() -> None:
    regex = re.compile(r"\b(?:did|did not) not encrypt\w*|\bnot encrypt", re.I)
    text = "Did not not encrypt; did not not encrypted, NOT ENCRYPT and not encrypting"
    strings = leading_strings(regex)
    assert strings == ("did not encrypt", "did not not encrypt", "not encrypt")
    assert [m.span() for m in leading_matches(regex, text, text.lower(), strings)] == [m.span() for m in regex.finditer(text)]
    assert len(leading_matches(regex, text, text.lower(), strings)) == 4


# --- the pattern reader (regex_syntax): the subset, and what lies outside it ----------------------

from extractor.components import regex_syntax as rs  # noqa: E402
from extractor.components.patterns import pattern_risk  # noqa: E402
from extractor.components.prefilter import _casefix_characters, _derived_casefix_characters  # noqa: E402


@pytest.mark.parametrize("pattern, tree", [
    ("did|does", [(rs.LITERAL, ord("d")), (rs.BRANCH, (None, [[(rs.LITERAL, ord("i")), (rs.LITERAL, ord("d"))],
                                                              [(rs.LITERAL, ord("o")), (rs.LITERAL, ord("e")),
                                                               (rs.LITERAL, ord("s"))]]))]),  # a common prefix comes out
    ("(?:a|b)c", [(rs.IN, [(rs.LITERAL, ord("a")), (rs.LITERAL, ord("b"))]), (rs.LITERAL, ord("c"))]),  # one-character branches: a set
    ("[a]{2,}?", [(rs.MIN_REPEAT, (2, rs.UNBOUNDED, [(rs.LITERAL, ord("a"))]))]),  # a set of one: a literal
    (r"\bx(?=y)", [(rs.AT, "AT_BOUNDARY"), (rs.LITERAL, ord("x")), (rs.ASSERT, (1, [(rs.LITERAL, ord("y"))]))]),
    ("a{}", [(rs.LITERAL, ord("a")), (rs.LITERAL, ord("{")), (rs.LITERAL, ord("}"))]),  # no quantifier: literals
])
def test_patterns_are_read_as_re_reads_them(pattern: str, tree: list) -> None:
    assert rs.parse(pattern) == tree


@pytest.mark.parametrize("pattern, width", [("did|does", 3), ("(?:ab)?c{2,4}", 2), (r"\b(?=x)", 0), ("x*|y", 0), ("[^a]b+?", 2)])
def test_min_width(pattern: str, width: int) -> None:
    assert rs.min_width(rs.parse(pattern)) == width


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?P<n>a)(?P=n)", r"(a)?(?(1)b|c)", "(?i)abc", r"\N{EM DASH}", r"\0"])
def test_syntax_outside_the_subset_is_refused(pattern: str) -> None:
    re.compile(pattern)  # valid for re
    with pytest.raises(rs.Unsupported):
        rs.parse(pattern)
    assert "syntax" in (pattern_risk(pattern) or "")
    regex = re.compile(pattern, re.I)
    assert (start_finder(regex), required_words(regex), leading_strings(regex)) == (None, None, None)
    assert guarded(regex) is regex


def test_case_folds_read_from_re_agree_with_the_public_derivation() -> None:
    """re._casefix (private, read for speed) and the fallback from str's case mappings agree."""
    fast = _casefix_characters()
    if fast is None:
        pytest.skip("this Python has no re._casefix: the public derivation is the one in use")
    assert fast == _derived_casefix_characters()
