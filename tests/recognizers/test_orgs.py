"""Other organisations: named parties that are neither the victim nor the attackers."""
from __future__ import annotations

import pytest

from extractor.recognizers.names_en import EnglishNames, NameMemo
from extractor.recognizers.orgs import norm, other_orgs
from extractor.resources import resources

from recognizers.conftest import cue, lex, make_view

MEMO = NameMemo(EnglishNames(resources()))
VICTIM = {"en": ["Harbourview Clinic", "Harbourview"], "zh": ["港灣診所"]}

#: (lang, paragraphs, marks, actors, expected)
CASES = [
    # outlets, countries, the actor and a capitalised sentence opener ("Files") are no parties;
    # each name once, in text order
    ("en", ["Harbourview Clinic refused to pay. Unlike Caesars Entertainment, which paid, the clinic did not.",
            "According to Reuters, LockBit also hit Tasman PayWorks in Australia. Files on the drives were taken. "
            "Caesars Entertainment declined to comment."],
     [cue("Reuters", "OUTLET", rule="en_outlet"), lex("Australia", "COUNTRY", "AU"), lex("LockBit", "GROUP", "LockBit")],
     ["LockBit"], ["Caesars Entertainment", "Tasman PayWorks"]),
    # a name holding the victim's (or held by it) is the victim's; four characters at least
    ("en", ["Harbourview Clinic Group and the Harbourview Foundation were named. IBM and Acme Corp were not."], [], [],
     ["Acme Corp"]),
    # Chinese text: Latin names only; 《titles》 and outlets are not parties
    ("zh", ["據《Tech Daily》報道，港灣診所拒絕付款，而Caesars Entertainment和Optus則付款。據Reuters報道，ABC及LockBit亦有提及。"],
     [cue("Reuters", "OUTLET", rule="zh_outlet")], ["LockBit"], ["Caesars Entertainment", "Optus"]),
    ("zh", ["港灣診所拒絕付款，凱撒娛樂則付款。"], [], [], []),
]


@pytest.mark.parametrize("lang,paras,marks,actors,expected", CASES)
def test_other_orgs(lang, paras, marks, actors, expected):
    assert other_orgs(make_view(lang, paras, marks), MEMO, VICTIM, actors) == expected


def test_no_view_no_organisations():
    assert other_orgs(None, MEMO, VICTIM, []) == []


@pytest.mark.parametrize("name,expected", [
    ("Tasman PayWorks, Inc.", "tasmanpayworksinc"),
    ("TASMAN-PAYWORKS", "tasmanpayworks"),
    ("Straße Logistik", "strasselogistik"),  # casefold, not lower
    ("港灣 診所", "港灣診所"),
])
def test_norm(name, expected):
    assert norm(name) == expected
