"""The actor: listed groups in attack sentences or claims, names on no list only with a strong cue."""
from __future__ import annotations

import pytest

from extractor.recognizers.actor import ActorRecognizer
from extractor.recognizers.names_en import EnglishNames
from extractor.recognizers.scope import Scope
from extractor.resources import resources

from recognizers.conftest import cue, lex, make_view, reasons

RES = resources()
ACTOR = ActorRecognizer(RES, Scope(RES), EnglishNames(RES))

NO_CLAIM = "named without a claim or attack cue (support 0.60 < 1.5)"
WEAK_CUE = "a name on no group list needs a strong cue (score >= 0.85)"

#: (lang, text, marks, [(key, text, score)], rejection reasons)
CASES = [
    # a listed group with a claim cue: the claim (0.8) plus 0.05 a mention
    ("en", "LockBit claimed responsibility for the attack on Harbourview Clinic.",
     [lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="en_actor_claimed")],
     [("LockBit", "LockBit", 0.9)], []),
    # a group that needs no context, in a sentence about the theft
    ("en", "LockBit said it stole patient records from the clinic.",
     [lex("LockBit", "GROUP", "LockBit"), cue("stole", "THEFT")],
     [("LockBit", "LockBit", 0.75)], []),
    # named, but neither claimed nor in an attack sentence
    ("en", "LockBit is among the most active ransomware operations.",
     [lex("LockBit", "GROUP", "LockBit")], [], [NO_CLAIM]),
    # "Akira" is an ordinary word too: without a group word or an ACTOR cue it is not read as a group
    ("en", "Akira said it stole 40 GB of files.",
     [lex("Akira", "GROUP", "Akira"), cue("stole", "THEFT")], [], []),
    ("en", "The Akira group said it stole 40 GB of files.",
     [lex("Akira", "GROUP", "Akira"), cue("stole", "THEFT")], [], [NO_CLAIM]),
    ("en", "The Akira group said it stole 40 GB of files.",
     [lex("Akira", "GROUP", "Akira"), cue("Akira", "ACTOR", rule="en_actor_gang_plain"), cue("stole", "THEFT")],
     [("Akira", "Akira", 0.7)], []),
    # a name on no list: a strong cue keeps it (0.95, capped at 1.0), a weaker one does not
    ("en", "A group calling itself Velvet Tide claimed the attack.",
     [cue("Velvet Tide", "ACTOR", rule="en_actor_calling_itself")], [("Velvet Tide", "Velvet Tide", 1.0)], []),
    ("en", "Velvet Tide claimed the attack.",
     [cue("Velvet Tide", "ACTOR", rule="en_actor_claimed")], [], [WEAK_CUE]),
    # a claim in a background sentence is no claim, and its mentions count 0.3
    ("en", "Last year LockBit claimed an attack on the same insurer.",
     [cue("Last year", "BACKGROUND", "sentence"), lex("LockBit", "GROUP", "LockBit"),
      cue("LockBit", "ACTOR", rule="en_actor_claimed")],
     [], ["named without a claim or attack cue (support 0.42 < 1.5)"]),
    # "Royal" inside "Royal Mail" is not the Royal group
    ("en", "Royal Mail said the ransomware attack was carried out by LockBit.",
     [lex("Royal", "GROUP", "Royal"), lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="en_actor_by")],
     [("LockBit", "LockBit", 0.9)], []),
    # the longer form of the name the article uses
    ("en", "LockBit claimed the attack. The LockBit 3.0 ransomware was used.",
     [lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="en_actor_claimed"),
      lex("LockBit 3.0", "GROUP", "LockBit"), lex("LockBit", "GROUP", "LockBit", nth=1)],
     [("LockBit", "LockBit 3.0", 1.0)], []),
    ("zh", "勒索軟件組織LockBit聲稱對事件負責。",
     [lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="zh_actor_group_prefix")],
     [("LockBit", "LockBit", 1.0)], []),
    # a Han name on the list needs no context; the key is the canonical name
    ("zh", "黑客組織麒麟聲稱竊取了病人資料。",
     [lex("麒麟", "GROUP", "Qilin"), cue("竊取", "THEFT")], [("Qilin", "麒麟", 0.75)], []),
    # a name right after a role word is a person, not a group
    ("zh", "研究主管Maria Santos表示，攻擊手法相當成熟。",
     [cue("主管", "PERSON_ROLE"), cue("Maria Santos", "ACTOR", rule="zh_actor_claims")], [], []),
    ("zh", "去年LockBit聲稱入侵另一間醫院。",
     [cue("去年", "BACKGROUND", "sentence"), lex("LockBit", "GROUP", "LockBit"),
      cue("LockBit", "ACTOR", rule="zh_actor_claims_theft")],
     [], ["named without a claim or attack cue (support 0.45 < 1.5)"]),
]


@pytest.mark.parametrize("lang,text,marks,expected,why", CASES)
def test_candidates(lang, text, marks, expected, why):
    view = make_view(lang, text, marks, explain=True)
    found = ACTOR.candidates(view)
    assert [(c.key, c.text) for c in found] == [(k, t) for k, t, _ in expected]
    assert [c.score for c in found] == pytest.approx([s for _, _, s in expected])
    assert reasons(view, "actor") == why


def test_evidence_of_each_mention():
    text = "LockBit claimed responsibility for the attack on Harbourview Clinic."
    view = make_view("en", text, [lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="en_actor_claimed")])
    [found] = ACTOR.candidates(view)
    assert [(e.rule, e.start, e.end, e.score) for e in found.evidence] == [
        ("lexicon_group", 0, 7, 0.6), ("en_actor_claimed", 0, 7, 0.8)]
    assert found.evidence[0].sentence == text


def test_only_actors_near_the_top_are_kept():
    text = "The gang calling itself Velvet Tide claimed the attack, and the Medusa group denied any role."
    view = make_view("en", text, [cue("Velvet Tide", "ACTOR", rule="en_actor_calling_itself"),
                                  lex("Medusa", "GROUP", "Medusa"), cue("Medusa", "ACTOR", rule="en_actor_gang_plain")],
                     explain=True)
    assert [(c.text, c.score) for c in ACTOR.candidates(view)] == [("Velvet Tide", 1.0)]
    assert reasons(view, "actor") == ["score below 75% of the top actor's (Velvet Tide, 1.00)"]
    assert view.rejections.items[0]["score"] == 0.7


def test_strongest_first_then_earliest():
    text = "Medusa claimed the attack on the port. LockBit claimed the attack on the airline."
    view = make_view("en", text, [lex("Medusa", "GROUP", "Medusa"), cue("Medusa", "ACTOR", rule="en_actor_claimed"),
                                  lex("LockBit", "GROUP", "LockBit"), cue("LockBit", "ACTOR", rule="en_actor_claimed")])
    assert [(c.key, c.score) for c in ACTOR.candidates(view)] == [("Medusa", 0.9), ("LockBit", 0.9)]


def test_no_rejections_recorded_unless_explaining():
    view = make_view("en", "LockBit is among the most active ransomware operations.", [lex("LockBit", "GROUP", "LockBit")])
    assert ACTOR.candidates(view) == [] and view.rejections is None
