"""Where the two versions disagree: each check's inconsistency records (field, message, offsets)."""
from __future__ import annotations

import re

import pytest

from extractor import consistency as checks
from extractor.pairing import Links
from extractor.recognizers.names_en import EnglishNames, NameMemo
from extractor.resources import resources
from extractor.view import Candidate, Evidence

from recognizers.conftest import bilingual

MEMO = NameMemo(EnglishNames(resources()))
JOINERS = re.compile(resources().alternation("list_joiner_zh"))


def _ev(text: str, start: int, lang: str = "en", segment: str = "p0", rule: str = "test", sentence: str = "") -> Evidence:
    return Evidence(lang, segment, start, start + len(text), text, sentence or text, rule, 0.8)


def _cand(text: str, *evidence: Evidence, key: str | None = None) -> Candidate:
    return Candidate(key or text, text, 0.8, list(evidence))


# ---------- offsets

@pytest.mark.parametrize("en,zh,expected", [
    (_ev("LockBit", 4), None, {"en_start": 4, "en_end": 11}),
    (None, {"start": 120, "end": 127}, {"zh_start": 120, "zh_end": 127}),
    (_ev("LockBit", 4), _ev("麒麟", 130, "zh"), {"en_start": 4, "en_end": 11, "zh_start": 130, "zh_end": 132}),
    (None, None, {}),
])
def test_offsets(en, zh, expected):
    assert checks.offsets(en, zh) == expected


# ---------- actor

def test_actor_issue_names_the_english_actor_left_alone():
    lockbit = _cand("LockBit", _ev("LockBit", 40), _ev("LockBit", 4))
    qilin = _cand("麒麟", _ev("麒麟", 130, "zh"), key="Qilin")
    assert checks.actor_issues([(lockbit, None), (None, qilin)], [qilin]) == [{
        "field": "actor", "en": "LockBit", "zh": "麒麟", "en_start": 4, "en_end": 11, "zh_start": 130, "zh_end": 132,
        "message": "the Chinese text names 麒麟 as the attacker, the English text names LockBit"}]


def test_actor_issue_when_the_english_names_none():
    lockbit = _cand("LockBit", _ev("LockBit", 4))
    zh_lockbit = _cand("LockBit", _ev("LockBit", 120, "zh"))
    qilin = _cand("麒麟", _ev("麒麟", 130, "zh"), key="Qilin")
    issues = checks.actor_issues([(lockbit, zh_lockbit), (None, qilin)], [qilin])
    assert issues == [{"field": "actor", "en": None, "zh": "麒麟", "zh_start": 130, "zh_end": 132,
                       "message": "the Chinese text names 麒麟 as the attacker, the English text does not"}]


# ---------- victim

CATHAY_EN = ["Cathay Pacific said hackers accessed passenger data.", "Cathay Dragon passengers were also affected."]


@pytest.mark.parametrize("zh_paras,zh_name,expected", [
    # the subsidiary's Chinese name used for the victim: 國泰 stands alone beside it where Cathay Dragon is named
    (["國泰港龍航空表示黑客取得乘客資料。", "國泰港龍航空的乘客亦受影響，國泰正調查。"], "國泰港龍航空", True),
    # the victim's own name: nothing to say
    (["國泰航空表示黑客取得乘客資料。", "國泰港龍航空的乘客亦受影響，國泰正調查。"], "國泰航空", False),
    # no shorter form beside the name in the sibling's paragraph
    (["國泰港龍航空表示黑客取得乘客資料。", "國泰港龍航空的乘客亦受影響。"], "國泰港龍航空", False),
])
def test_victim_issue_sibling_name(zh_paras, zh_name, expected):
    en, zh, alignment = bilingual(CATHAY_EN, zh_paras, [([0], [0]), ([1], [1])])
    links = Links(en, zh, alignment)
    victim = _cand("Cathay Pacific", *en.find_evidence("Cathay Pacific", "en_org_name", 0.5))
    zh_ev = zh.find_evidence(zh_name, "zh_aligned_name", 0.7)
    issues = checks.victim_issues(victim, ["Cathay Pacific"], zh_name, zh_ev, en, MEMO, links)
    if not expected:
        assert issues == []
        return
    zh_start = zh.paragraphs[0].seg.start
    assert issues == [{
        "field": "victim", "en": "Cathay Pacific", "zh": zh_name, "en_start": 0, "en_end": 14,
        "zh_start": zh_start, "zh_end": zh_start + len(zh_name),
        "message": f"the Chinese text names the victim {zh_name}, the name it gives Cathay Dragon; "
                   "the English text names Cathay Pacific"}]


def test_victim_issue_needs_links_and_a_long_enough_name():
    en, zh, alignment = bilingual(CATHAY_EN, ["國泰港龍航空表示。", "國泰港龍航空的乘客亦受影響，國泰正調查。"], [])
    victim = _cand("Cathay Pacific", _ev("Cathay Pacific", 0))
    assert checks.victim_issues(victim, ["Cathay Pacific"], "國泰港龍航空", [], en, MEMO, Links(en, zh, alignment)) == []
    en, zh, alignment = bilingual(CATHAY_EN, ["港龍表示。", "港龍的乘客亦受影響，港正調查。"], [([0], [0]), ([1], [1])])
    assert checks.victim_issues(victim, ["Cathay Pacific"], "港龍", [], en, MEMO, Links(en, zh, alignment)) == []


# ---------- amounts

def _sides(en_text, en_value, zh_text, zh_value):
    return {"en": {"text": en_text, "bytes": en_value, "evidence": {"start": 10, "end": 10 + len(en_text)}},
            "zh": {"text": zh_text, "bytes": zh_value, "evidence": {"start": 200, "end": 200 + len(zh_text)}}}


def test_amount_issue():
    assert checks.amount_issues("data_size", "bytes", _sides("about 1.3 TB", 1.3e12, "約1.2TB", 1.2e12)) == [{
        "field": "data_size", "en": "about 1.3 TB", "zh": "約1.2TB", "en_value": 1.3e12, "zh_value": 1.2e12,
        "en_start": 10, "en_end": 22, "zh_start": 200, "zh_end": 206,
        "message": "the English text says about 1.3 TB (1,300,000,000,000), the Chinese 約1.2TB (1,200,000,000,000)"}]


@pytest.mark.parametrize("en_value,zh_value,differ", [
    (100.0, 98.0, False),   # 2% of the larger: rounding in translation
    (100.0, 97.9, True),
    (97.9, 100.0, True),
])
def test_amount_tolerance(en_value, zh_value, differ):
    assert bool(checks.amount_issues("record_count", "bytes", _sides("x", en_value, "y", zh_value))) is differ


def test_amount_issue_needs_both_sides():
    sides = _sides("about 1.3 TB", 1.3e12, "約1.2TB", 1.2e12)
    assert checks.amount_issues("data_size", "bytes", {"en": sides["en"], "zh": None}) == []


# ---------- data types

def test_dropped_type_issue():
    c = _cand("passport numbers", _ev("passport numbers", 60), _ev("passport numbers", 31))
    assert checks.dropped_type_issue(c) == {
        "field": "data_types", "en": "passport numbers", "zh": None, "en_start": 31, "en_end": 47,
        "message": "the English text lists 'passport numbers' as leaked; the aligned Chinese paragraph has no counterpart"}


EN_LIST = "The files include names, passport numbers and medical records."


def _types(zh_sentence: str, zh_items: list[str], zh_rule: str):
    en, zh, alignment = bilingual([EN_LIST], [zh_sentence], [([0], [0])])
    links = Links(en, zh, alignment)

    def cand(view, text, rule):
        return _cand(text, *view.find_evidence(text, rule, 0.6))

    en_c = [cand(en, t, "en_data_list_item") for t in ("names", "passport numbers", "medical records")]
    zh_c = [cand(zh, t, zh_rule) for t in zh_items]
    return en_c, zh_c, links.seg_link()


@pytest.mark.parametrize("zh_sentence,zh_items,zh_rule,paired,expected", [
    # the aligned Chinese list is shorter
    ("外洩檔案包括姓名及病歷。", ["姓名", "病歷"], "zh_data_list_item", {0, 1}, True),
    # as long: nothing dropped
    ("外洩檔案包括姓名、護照資料及病歷。", ["姓名", "護照資料", "病歷"], "zh_data_list_item", {0, 1, 2}, False),
    # a Chinese phrase left unpaired may be the counterpart, under another category
    ("外洩檔案包括姓名及病歷。", ["姓名", "病歷"], "lexicon_data_type", {0}, False),
    # lexicon phrases only: the clause lists two things where English lists three
    ("外洩檔案包括姓名及病歷。", ["姓名", "病歷"], "lexicon_data_type", {0, 1}, True),
    # ... but three, with one the lexicon missed (捐款紀錄): the translator kept it
    ("外洩檔案包括姓名、捐款紀錄及病歷。", ["姓名", "病歷"], "lexicon_data_type", {0, 1}, False),
])
def test_dropped_in_translation(zh_sentence, zh_items, zh_rule, paired, expected):
    en_c, zh_c, seg_link = _types(zh_sentence, zh_items, zh_rule)
    passport = en_c[1]
    assert checks.dropped_in_translation(passport, en_c, zh_c, seg_link, paired, JOINERS) is expected


@pytest.mark.parametrize("sentence,text,expected", [
    ("外洩資料包括捐款紀錄、住址及出生日期。", "住址", 3),
    ("外洩資料包括姓名及病歷，但不包括信用卡、銀行戶口及地址資料。", "病歷", 2),   # the clause holding the phrase only
    ("外洩資料包括病歷。", "病歷", 1),
])
def test_zh_list_length(sentence, text, expected):
    ev = _ev(text, 100 + sentence.index(text), "zh", sentence=sentence)
    assert checks.zh_list_length([ev], JOINERS) == expected


# ---------- verdicts, labels

@pytest.mark.parametrize("en,zh,expected", [
    (("paid", [_ev("made a payment", 80)]), ("refused", [_ev("拒絕支付", 220, "zh")]), [{
        "field": "ransom", "en": "made a payment", "zh": "拒絕支付", "en_start": 80, "en_end": 94,
        "zh_start": 220, "zh_end": 224, "message": "the English text says ransom paid, the Chinese refused"}]),
    (("paid", [_ev("made a payment", 80)]), ("paid", [_ev("支付了贖金", 220, "zh")]), []),
    (("paid", [_ev("made a payment", 80)]), ("unknown", [_ev("是否支付", 220, "zh")]), []),
    (("paid", [_ev("made a payment", 80)]), (None, []), []),
])
def test_verdict_issues(en, zh, expected):
    assert checks.verdict_issues("ransom", en, zh) == expected


def test_label_issue():
    zh = Candidate("SG", "新加坡", 0.6, [_ev("新加坡", 250, "zh"), _ev("新加坡", 210, "zh")])
    assert checks.label_issue("country", "Malaysia", "MY", zh, _ev("Malaysia", 33)) == {
        "field": "country", "en": "Malaysia", "zh": "新加坡", "en_start": 33, "en_end": 41, "zh_start": 210, "zh_end": 213,
        "message": "the English text gives the country as Malaysia (MY), the Chinese 新加坡 (SG), "
                   "and neither text names the other's"}


# ---------- paragraphs

PASTED = "Passenger names and travel histories were copied from a server in the airline's data centre."


def test_orphan_issues():
    en, zh, alignment = bilingual(["Cathay Pacific said hackers accessed passenger data.", PASTED, PASTED],
                                  ["國泰航空表示黑客取得乘客資料。", "天氣晴朗。"], [([0], [0])], en_orphans=[1, 2], zh_orphans=[1])
    links = Links(en, zh, alignment)
    p2, p4 = en.paragraphs[2].seg, zh.paragraphs[1].seg
    # p1 and its copy p2 are both orphans: the copy is reported once, as left untranslated
    assert checks.orphan_issues(alignment, links, ["p0", "p1", "p2"]) == [
        {"field": "paragraph", "en": PASTED[:80], "zh": None, "segment": "p2", "en_start": p2.start, "en_end": p2.end,
         "message": "English paragraph p2 repeats paragraph p1 where its Chinese translation should be: it was left untranslated"},
        {"field": "paragraph", "en": None, "zh": "天氣晴朗。", "segment": "p4", "zh_start": p4.start, "zh_end": p4.end,
         "message": "Chinese paragraph p4 has no English counterpart"}]


def test_orphan_issue_plain():
    en, zh, alignment = bilingual(["Cathay Pacific said hackers accessed passenger data.", "Police were told."],
                                  ["國泰航空表示黑客取得乘客資料。"], [([0], [0])], en_orphans=[1])
    p1 = en.paragraphs[1].seg
    assert checks.orphan_issues(alignment, Links(en, zh, alignment), ["p0", "p1"]) == [
        {"field": "paragraph", "en": "Police were told.", "zh": None, "segment": "p1", "en_start": p1.start,
         "en_end": p1.end, "message": "English paragraph p1 has no Chinese counterpart"}]
    assert checks.orphan_issues(None, Links(en, zh, None), ["p0", "p1"]) == []
