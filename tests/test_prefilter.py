"""extractor.components.prefilter: guarded patterns find the same matches (and groups) as the originals."""
from __future__ import annotations

import random
import re

import pytest
from conftest import ARTICLE, batch_article

from extractor.components.prefilter import guarded, start_finder
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
