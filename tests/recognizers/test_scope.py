"""Scope: how far a cue reaches (background, another organisation, condition, negation)."""
from __future__ import annotations

import pytest

from extractor.recognizers.scope import Scope
from extractor.resources import resources

from recognizers.conftest import cue, find, lex, make_view, with_words

SCOPE = Scope(resources())


# ---------- is_background

BACKGROUND = [
    # a group given as an example right after "such as"
    ("en", "Gangs such as LockBit often leak data before a deadline passes.",
     [cue("such as", "BACKGROUND", "near"), lex("LockBit", "GROUP", "LockBit")], "LockBit", True),
    # the near cue stands after the name: it says nothing of it
    ("en", "LockBit, like Conti before it, posted the files on its leak site.",
     [cue("like", "BACKGROUND", "near"), lex("LockBit", "GROUP", "LockBit"), lex("Conti", "GROUP", "Conti")],
     "LockBit", False),
    ("en", "LockBit, like Conti before it, posted the files on its leak site.",
     [cue("like", "BACKGROUND", "near"), lex("LockBit", "GROUP", "LockBit"), lex("Conti", "GROUP", "Conti")],
     "Conti", True),
    # 10 characters after the cue: within the English reach (25); 41: beyond it
    ("en", "Groups such as the crew Akira use the same tools.",
     [cue("such as", "BACKGROUND", "near"), lex("Akira", "GROUP", "Akira")], "Akira", True),
    ("en", "Unlike groups such as Conti, the relatively new gang known as Akira rarely negotiates.",
     [cue("such as", "BACKGROUND", "near"), lex("Akira", "GROUP", "Akira")], "Akira", False),
    # a whole sentence in another time
    ("en", "Last year LockBit claimed an attack on the same insurer.",
     [cue("Last year", "BACKGROUND", "sentence"), lex("LockBit", "GROUP", "LockBit")], "LockBit", True),
    ("en", "LockBit claimed the attack on Tuesday.", [lex("LockBit", "GROUP", "LockBit")], "LockBit", False),
    ("zh", "其他團伙如Conti亦曾外洩病人資料。",
     [cue("其他團伙如", "BACKGROUND", "near"), lex("Conti", "GROUP", "Conti")], "Conti", True),
    # the Chinese reach is 8 characters: 12 is too far (in English 12 would be near)
    ("zh", "包括港灣醫療在內的多間機構遭Akira攻擊。",
     [cue("包括", "BACKGROUND", "near"), lex("Akira", "GROUP", "Akira")], "Akira", False),
    ("zh", "去年麒麟亦曾攻擊另一間醫院。",
     [cue("去年", "BACKGROUND", "sentence"), lex("麒麟", "GROUP", "Qilin")], "麒麟", True),
]


@pytest.mark.parametrize("lang,text,marks,name,expected", BACKGROUND)
def test_is_background(lang, text, marks, name, expected):
    view = make_view(lang, text, marks)
    assert SCOPE.is_background(view, find(view, name, "lexicon")) is expected


def test_background_cue_in_another_sentence_does_not_reach():
    view = make_view("en", "Last year the insurer was fined. Today LockBit claimed a new attack.",
                     [cue("Last year", "BACKGROUND", "sentence"), lex("LockBit", "GROUP", "LockBit")])
    assert SCOPE.is_background(view, find(view, "LockBit", "lexicon")) is False


# ---------- about_other

ABOUT_OTHER = [
    ("en", "Unlike Caesars Entertainment, which paid, Harbourview Clinic refused.", "paid", True),
    ("en", "Caesars Entertainment reportedly paid the hackers a ransom.", "paid the hackers a ransom", True),
    # the victim is named before the cue: the cue is the victim's
    ("en", "Harbourview Clinic said Caesars Entertainment had paid the hackers.", "paid the hackers", False),
    # the article refers back to its victim ("the hospital") after naming the other
    ("en", "Unlike Caesars Entertainment, the hospital paid the hackers.", "paid the hackers", False),
    ("en", "The hackers were paid by Harbourview Clinic.", "were paid", False),
    ("zh", "Caesars Entertainment據報已支付了贖金。", "支付了贖金", True),
    ("zh", "港灣診所表示，Caesars Entertainment曾支付了贖金。", "支付了贖金", False),
    ("zh", "不同於Caesars Entertainment，該公司支付了贖金。", "支付了贖金", False),
]


@pytest.mark.parametrize("lang,text,span,expected", ABOUT_OTHER)
def test_about_other(lang, text, span, expected):
    view = make_view(lang, text, [cue(span, "RANSOM", "paid")])
    victims = ["Harbourview Clinic", "港灣診所"]
    assert SCOPE.about_other(find(view, span), ["Caesars Entertainment"], victims) is expected


def test_about_other_needs_another_organisation():
    view = make_view("en", "Unlike Caesars Entertainment, which paid, Harbourview Clinic refused.", [cue("paid", "RANSOM", "paid")])
    assert SCOPE.about_other(find(view, "paid"), [], ["Harbourview Clinic"]) is False


@pytest.mark.xfail(strict=True, reason="self-reference words are matched case-sensitively: a sentence that opens "
                                       "with 'The hospital' is not read as the victim referring to itself")
def test_about_other_self_reference_opening_a_sentence():
    text = "The hospital, unlike Caesars Entertainment, refused to pay."
    view = make_view("en", text, [cue("refused to pay", "RANSOM", "refused")])
    assert SCOPE.about_other(find(view, "refused to pay"), ["Caesars Entertainment"], ["Harbourview Clinic"]) is False


# ---------- conditional

CONDITIONAL = [
    ("en", "The gang threatened to publish the files if the trust refused to pay.", "refused to pay", True),
    ("en", "The gang said it would leak everything unless the trust refused to negotiate.", "refused to negotiate", True),
    ("en", "The trust refused to pay the ransom.", "refused to pay", False),
    # the condition is in an earlier clause: it does not reach past the comma
    ("en", "Asked what it would do if the data appeared online, the trust said it refused to pay.", "refused to pay", False),
    ("zh", "黑客揚言若醫院拒絕支付，便會公開資料。", "拒絕支付", True),
    ("zh", "黑客表示如果校方不付款便公開檔案。", "不付款", True),
    ("zh", "醫院表示拒絕支付贖金。", "拒絕支付", False),
    ("zh", "如果資料屬實，醫院仍會拒絕支付。", "拒絕支付", False),
]


@pytest.mark.parametrize("lang,text,span,expected", CONDITIONAL)
def test_conditional(lang, text, span, expected):
    view = make_view(lang, text, [cue(span, "RANSOM", "refused")])
    assert SCOPE.conditional(find(view, span)) is expected


@pytest.mark.xfail(strict=True, reason="condition words are matched case-sensitively: 'If' opening a sentence "
                                       "is not read as a condition")
@pytest.mark.parametrize("text,span", [
    ("If the trust refused to pay, the files would be published.", "refused to pay"),
    ("Unless the council declined to pay, nothing would be released.", "declined to pay"),
])
def test_conditional_opening_the_sentence(text, span):
    view = make_view("en", text, [cue(span, "RANSOM", "refused")])
    assert SCOPE.conditional(find(view, span)) is True


def test_new_condition_word_in_words_tsv(tmp_path):
    """'provided' is no condition word in the packaged data; one row in words.tsv makes it one."""
    text = "The gang promised to delete the files provided the trust refused to involve police."
    view = make_view("en", text, [cue("refused to involve", "RANSOM", "refused")])
    hit = find(view, "refused to involve")
    assert SCOPE.conditional(hit) is False
    assert Scope(with_words(tmp_path, ("condition_en", "en", "provided"))).conditional(hit) is True


# ---------- negation_covers

NEGATION = [
    # (text, the data phrase, the negation cue, covered)
    ("en", "Names and card details were not accessed.", "Names", "were not accessed", True),
    ("en", "Card details were not accessed, but names were taken.", "names", "were not accessed", False),
    ("en", "Card details were not accessed; names were taken.", "names", "were not accessed", False),
    ("en", "Names were taken, while card details were not accessed.", "Names", "were not accessed", False),
    ("zh", "姓名及信用卡資料均沒有外洩。", "姓名", "沒有外洩", True),
    ("zh", "信用卡資料沒有外洩，但姓名被盜。", "姓名", "沒有外洩", False),
    ("zh", "信用卡資料沒有外洩，但是姓名被盜。", "姓名", "沒有外洩", False),
]


@pytest.mark.parametrize("lang,text,phrase,neg,expected", NEGATION)
def test_negation_covers(lang, text, phrase, neg, expected):
    view = make_view(lang, text, [cue(neg, "NOT_AFFECTED"), lex(phrase, "DATA_TYPE", "personal_identity")])
    hit = find(view, phrase, "lexicon")
    assert SCOPE.negation_covers(hit, [find(view, neg).span]) is expected


def test_negation_covers_an_offset_instead_of_the_span():
    """`at` tests another place in the hit's paragraph (a list item inside a sentence hit)."""
    text = "Card details were not accessed, but names were taken."
    view = make_view("en", text, [cue("were not accessed", "NOT_AFFECTED"), lex("Card details", "DATA_TYPE", "financial")])
    hit, neg = find(view, "Card details", "lexicon"), [find(view, "were not accessed").span]
    assert SCOPE.negation_covers(hit, neg) is True
    assert SCOPE.negation_covers(hit, neg, at=text.index("names")) is False


def test_no_negation_covers_nothing():
    view = make_view("en", "Names were taken.", [lex("Names", "DATA_TYPE", "personal_identity")])
    assert SCOPE.negation_covers(find(view, "Names", "lexicon"), []) is False
