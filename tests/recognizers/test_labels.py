"""Country and sector: the lexicon label nearest to the victim, else the most frequent."""
from __future__ import annotations

import pytest

from extractor.recognizers.labels import LabelRecognizer
from extractor.resources import resources
from extractor.view import literal_spans

from recognizers.conftest import lex, make_view, reasons

LABELS = LabelRecognizer(resources())


def _closest(view, label, victim_forms, inside):
    """What facts.py asks: anchors at each mention of the victim; its extent for sectors."""
    names = [(p.seg.id, p.seg.start + a, p.seg.start + b) for p in view.paragraphs
             for f in victim_forms for a, b in literal_spans(f, p.text)]
    return LABELS.closest(view, label, [(s, a) for s, a, _ in names], names if inside else [])


#: (lang, paragraphs, marks, label, victim, (key, text, confidence), rejection reasons)
CASES = [
    # one mention each: the nearer to the victim wins
    ("en", ["Dunmore Freight, a logistics firm based in Canada, said the attack was first reported in the US."],
     [lex("Canada", "COUNTRY", "CA"), lex("US", "COUNTRY", "US")], "COUNTRY", "Dunmore Freight",
     ("CA", "Canada", 0.495), ["US: weighed 1.40 (mentions, nearness to the victim) against 1.95 for CA"]),
    # each mention counts: two farther mentions outweigh one near
    ("en", ["The breach at Dunmore Freight, a logistics firm based in Canada, follows attacks on US ports. US officials"],
     [lex("Canada", "COUNTRY", "CA"), lex("US", "COUNTRY", "US"), lex("US", "COUNTRY", "US", nth=1)], "COUNTRY",
     "Dunmore Freight", ("US", "US", 0.609), ["CA: weighed 1.95 (mentions, nearness to the victim) against 3.09 for US"]),
    # no victim: the most frequent; a tie goes to the earlier paragraph
    ("en", ["The breach follows attacks in Canada. US officials and US firms were told."],
     [lex("Canada", "COUNTRY", "CA"), lex("US", "COUNTRY", "US"), lex("US", "COUNTRY", "US", nth=1)], "COUNTRY", None,
     ("US", "US", 0.4), ["CA: weighed 0.50 (mentions, nearness to the victim) against 1.00 for US"]),
    ("en", ["Regulators in Canada were told.", "US officials said Dunmore Freight was hit."],
     [lex("Canada", "COUNTRY", "CA"), lex("US", "COUNTRY", "US")], "COUNTRY", None,
     ("CA", "Canada", 0.35), ["US: weighed 0.50 (mentions, nearness to the victim) against 0.50 for CA"]),
    # a sector word inside the victim's name counts only when nothing else does
    ("en", ["Kingsmead Ridge College, a school operator, said it was hit."],
     [lex("College", "SECTOR", "education"), lex("school operator", "SECTOR", "education")], "SECTOR",
     "Kingsmead Ridge College", ("education", "school operator", 0.529), ["part of the victim's own name"]),
    ("en", ["Kingsmead Ridge College said it was hit."], [lex("College", "SECTOR", "education")], "SECTOR",
     "Kingsmead Ridge College", ("education", "College", 0.564), []),
    ("zh", ["港灣醫療集團總部位於台灣，事件發生後，香港的分公司亦暫停服務。"],
     [lex("台灣", "COUNTRY", "TW"), lex("香港", "COUNTRY", "HK")], "COUNTRY", "港灣醫療集團",
     ("TW", "台灣", 0.59), ["HK: weighed 2.53 (mentions, nearness to the victim) against 2.90 for TW"]),
    ("zh", ["港灣醫療集團旗下醫院的系統遭入侵。"],
     [lex("醫療集團", "SECTOR", "healthcare"), lex("醫院", "SECTOR", "healthcare")], "SECTOR", "港灣醫療集團",
     ("healthcare", "醫院", 0.6), ["part of the victim's own name"]),
]


@pytest.mark.parametrize("lang,paras,marks,label,victim,expected,why", CASES)
def test_closest(lang, paras, marks, label, victim, expected, why):
    view = make_view(lang, paras, marks, explain=True)
    c = _closest(view, label, [victim] if victim else [], label == "SECTOR")
    assert (c.key, c.text, c.score) == expected
    assert reasons(view, label.lower()) == why


def test_evidence_nearest_first_at_most_five():
    text = "US firms, US banks, US ports, US schools, US shops and US clinics were warned after Dunmore Freight in the US was hit."
    view = make_view("en", text, [lex("US", "COUNTRY", "US", nth=n) for n in range(7)])
    c = _closest(view, "COUNTRY", ["Dunmore Freight"], False)
    victim_at = text.index("Dunmore Freight")
    starts = [e.start for e in c.evidence]
    assert len(starts) == 5
    assert starts[0] == text.index("US", victim_at)  # "in the US", right after the name
    assert [abs(s - victim_at) for s in starts] == sorted(abs(s - victim_at) for s in starts)
    assert {(e.rule, e.score) for e in c.evidence} == {("lexicon_country", c.score)}


def test_the_confidence_is_capped():
    text = "Canada. " * 12 + "Dunmore Freight in Canada was hit."
    view = make_view("en", text, [lex("Canada", "COUNTRY", "CA", nth=n) for n in range(13)])
    assert _closest(view, "COUNTRY", ["Dunmore Freight"], False).score == 0.95


def test_no_label_no_candidate():
    view = make_view("zh", "港灣醫療集團證實系統遭入侵。")
    assert _closest(view, "COUNTRY", ["港灣醫療集團"], False) is None
