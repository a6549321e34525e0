"""The victim: English names weighed by mentions, cues and the lead; Chinese names without English."""
from __future__ import annotations

import pytest

from extractor.recognizers.names_en import EnglishNames, NameMemo
from extractor.recognizers.names_zh import ChineseNames
from extractor.recognizers.scope import Scope
from extractor.recognizers.victim import VictimRecognizer, _owners
from extractor.resources import resources

from recognizers.conftest import PARA_GAP, cue, lex, make_view, reasons

RES = resources()
EN_NAMES = EnglishNames(RES)
VICTIM = VictimRecognizer(RES, Scope(RES), EN_NAMES, ChineseNames(RES))

#: (paragraphs, marks, actor names, heading?, expected (name, confidence, aliases) or None, rejection reasons)
EN_CASES = [
    # two mentions (2), in the lead (1.5), opening it (1.5), an organisation word (0.5): 5.5 points,
    # 0.4 + 0.05 * 5.5
    (["Harbourview Medical Group said hackers had accessed its network.",
      "Harbourview said patient records were taken. Microsoft was not involved."], [], [], False,
     ("Harbourview Medical Group", 0.675, ["Harbourview"]), []),
    # a victim cue (2 points) outweighs the other name's mentions
    (["The attack on Harbourview Medical Group was claimed by LockBit.",
      "Microsoft and Microsoft said Harbourview Medical Group is investigating."],
     [cue("Harbourview Medical Group", "VICTIM", rule="en_victim_attack_on"), lex("LockBit", "GROUP", "LockBit")], [], False,
     ("Harbourview Medical Group", 0.7, []),
     ["weighed 2.5 against 6.0 for Harbourview Medical Group (mentions 2, gazetteer 1)"]),
    # ... unless the other name has the lead and an organisation word: a tie, and the earlier wins
    (["Hackers breached Northgate Credit Union.",
      "The attack on Dunmore Freight hit Dunmore Freight customers.", "Northgate Credit Union said little."],
     [cue("Dunmore Freight", "VICTIM", rule="en_victim_attack_on")], [], False,
     ("Northgate Credit Union", 0.6, []), ["weighed 4.0 against 4.0 for Northgate Credit Union (mentions 2, cue 1)"]),
    (["Hackers breached Northgate Freight.",
      "The attack on Dunmore Freight hit Dunmore Freight customers.", "Northgate Freight said little."],
     [cue("Dunmore Freight", "VICTIM", rule="en_victim_attack_on")], [], False,
     ("Dunmore Freight", 0.6, []), ["weighed 3.5 against 4.0 for Dunmore Freight (mentions 2, in_lead 1)"]),
    # the same cue in a background sentence counts nothing
    (["Hackers breached Northgate Credit Union.",
      "Last year the attack on Dunmore Freight hit Dunmore Freight customers.", "Northgate Credit Union said little."],
     [cue("Last year", "BACKGROUND", "sentence"), cue("Dunmore Freight", "VICTIM", rule="en_victim_attack_on")], [], False,
     ("Northgate Credit Union", 0.6, []), ["weighed 1.0 against 4.0 for Northgate Credit Union (mentions 2, background 2)"]),
    # outlets and bare generic bodies (the Government, the Police) are no victims; a two-word name once is enough
    (["According to Reuters, Reuters staff said the Government and the Police were told. Dunmore Freight was named."],
     [cue("Reuters", "OUTLET", rule="en_outlet")], [], False, ("Dunmore Freight", 0.525, []), []),
    # a named public body can be the victim
    (["According to Reuters, the Ministry of Health was hit. The Ministry of Health said files were taken."],
     [cue("Reuters", "OUTLET", rule="en_outlet")], [], False, ("Ministry of Health", 0.6, []), []),
    # a heading is not the lead; the actor's name is blocked; a short form counts for its long form
    (["Tasman PayWorks hit", "LockBit stole files from Tasman. Tasman said it was investigating."], [], ["LockBit"], True,
     ("Tasman PayWorks", 0.675, ["Tasman"]), []),
    # a person is no victim, whatever the mentions
    (["Helen Marsh, the trust's medical director, said Helen Marsh was told.", "Kingsmead Trust confirmed the breach."],
     [cue("director", "PERSON_ROLE")], [], False, ("Kingsmead Trust", 0.475, []), ["a person's name, not an organisation"]),
    # a one-word name given once without a cue is too weak to be anything
    (["Files were taken from Harbourview on Monday."], [], [], False, None, []),
]


@pytest.mark.parametrize("paras,marks,actors,heading,expected,why", EN_CASES)
def test_en_candidates(paras, marks, actors, heading, expected, why):
    view = make_view("en", paras, marks, explain=True, heading=heading)
    found = VICTIM.en_candidates(view, NameMemo(EN_NAMES), actors)
    if expected is None:
        assert found == []
    else:
        [c] = found
        assert (c.text, c.score, c.extra["aliases"]) == expected
    assert reasons(view, "victim") == why


def test_en_evidence_is_every_mention_in_order():
    paras = ["Tasman PayWorks hit", "LockBit stole files from Tasman. Tasman said it was investigating."]
    view = make_view("en", paras, heading=True)
    [c] = VICTIM.en_candidates(view, NameMemo(EN_NAMES), ["LockBit"])
    second = len(paras[0]) + PARA_GAP
    assert [(e.text, e.start, e.segment, e.rule, e.score) for e in c.evidence] == [
        ("Tasman PayWorks", 0, "p0", "en_org_name", 0.5),
        ("Tasman", second + 25, "p1", "en_org_name", 0.5),
        ("Tasman", second + 33, "p1", "en_org_name", 0.5)]


def test_owners_short_form_goes_to_its_most_mentioned_long_form():
    mentions = {"Harbourview": [1, 2], "Harbourview Medical Group": [1], "Medical Group": [1], "Eastern Harbourview": [1, 2, 3]}
    assert _owners(mentions) == {"Harbourview": "Eastern Harbourview", "Medical Group": "Harbourview Medical Group"}


#: (paragraphs, marks, actors, expected (name, confidence) or None)
ZH_CASES = [
    # 港灣 twice, opening two clauses, is extended to the full name the text uses
    (["港灣醫療集團證實，旗下系統遭勒索軟件攻擊。", "港灣表示已通知病人。"], [], [], ("港灣醫療集團", 0.51)),
    (["港灣醫療集團證實系統遭入侵。港灣醫療集團表示已報警。"], [], [], ("港灣醫療集團", 0.855)),
    # a Latin name before a victim verb: two mentions + 2 * two uses before 證實 / 表示
    (["Optus證實客戶資料外洩。", "Optus表示正調查。"], [], [], ("Optus", 0.875)),
    # a name once, opening a report: the subject (1.0 + 0.1 a character); 台灣 is a country
    (["台灣的仁愛醫院表示，台灣警方已介入。"], [lex("台灣", "COUNTRY", "TW"), lex("台灣", "COUNTRY", "TW", nth=1)], [],
     ("仁愛醫院", 0.495)),
    # a person after a role word, and the actor, are never the victim
    (["行政總裁陳志明表示，陳志明已報警。陳志明稱事件已受控。"], [cue("行政總裁", "PERSON_ROLE")], [], None),
    (["LockBit聲稱攻擊。LockBit表示已取得資料。"], [], ["LockBit"], None),
    # Simplified text
    (["港湾医疗集团证实系统遭入侵。港湾医疗集团表示已报警。"], [], [], ("港湾医疗集团", 0.855)),
]


@pytest.mark.parametrize("paras,marks,actors,expected", ZH_CASES)
def test_zh_candidates(paras, marks, actors, expected):
    view = make_view("zh", paras, marks)
    found = VICTIM.zh_candidates(view, actors)
    if expected is None:
        assert found == []
        return
    [c] = found
    assert (c.text, c.score) == expected
    joined = "\n".join(p.text for p in view.paragraphs)
    assert len(c.evidence) == joined.count(c.text)
    assert {(e.rule, e.text) for e in c.evidence} == {("zh_org_name", c.text)}
