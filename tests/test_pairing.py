"""Linking the two languages: actors, the victim's Chinese name, data types in list order."""
from __future__ import annotations

import pytest

from extractor.pairing import Links, TypePairer, VictimPairer, pair_actors
from extractor.recognizers.names_zh import ChineseNames
from extractor.resources import resources
from extractor.view import Candidate, Evidence

from recognizers.conftest import bilingual, lex, reasons, with_words

RES = resources()
VICTIM = VictimPairer(RES, ChineseNames(RES))
TYPES = TypePairer(RES)


def _cand(key: str, text: str | None = None, category: str | None = None, lang: str = "en") -> Candidate:
    text = text or key
    ev = Evidence(lang, "p0", 0, len(text), text, text, "test", 0.5)
    return Candidate(key, text, 0.5, [ev], {"category": category} if category else {})


# ---------- actors

ACTORS = [
    # by canonical name: 麒麟 is Qilin
    ([("Qilin", "Qilin")], [("Qilin", "麒麟")], [("Qilin", "麒麟")], []),
    # by spelling, whatever the case and punctuation
    ([("Velvet Tide", "Velvet Tide")], [("VELVET-TIDE", "VELVET-TIDE")], [("Velvet Tide", "VELVET-TIDE")], []),
    # English order, then the Chinese actors left over
    ([("LockBit", "LockBit"), ("Akira", "Akira")], [("Qilin", "麒麟"), ("LockBit", "LockBit")],
     [("LockBit", "LockBit"), ("Akira", None), (None, "麒麟")], ["麒麟"]),
    # each Chinese actor pairs once
    ([("LockBit", "LockBit"), ("LockBit", "LockBit 3.0")], [("LockBit", "LockBit")],
     [("LockBit", "LockBit"), ("LockBit 3.0", None)], []),
    ([], [("Qilin", "麒麟")], [(None, "麒麟")], ["麒麟"]),
]


@pytest.mark.parametrize("en,zh,expected,leftovers", ACTORS)
def test_pair_actors(en, zh, expected, leftovers):
    pairs, left = pair_actors([_cand(k, t) for k, t in en], [_cand(k, t, lang="zh") for k, t in zh])
    assert [(a.text if a else None, b.text if b else None) for a, b in pairs] == expected
    assert [b.text for b in left] == leftovers


# ---------- Links

def _links():
    en, zh, alignment = bilingual(
        ["The files include names, passport numbers and medical records.", "Bank statements were also taken."],
        ["檔案包括姓名、病歷及銀行月結單。", "警方已接報。"], [([0], [0]), ([1], [1])])
    return en, zh, Links(en, zh, alignment)


def test_links_look_ups():
    en, zh, links = _links()
    assert links.pairs == [({"p0"}, {"p2"}), ({"p1"}, {"p3"})]
    assert links.seg_link() == {"p0": 0, "p2": 0, "p1": 1, "p3": 1}
    assert links.zh_texts_by_link() == ["檔案包括姓名、病歷及銀行月結單。", "警方已接報。"]
    assert links.bounds["p2"] == (zh.paragraphs[0].seg.start, zh.paragraphs[0].seg.end)


@pytest.mark.parametrize("forms,expected", [
    (["Bank"], {1}), (["names"], {0}),
    (["name"], set()),            # a whole word only
    (["files", "Bank"], {0, 1}),
    ([""], set()),
])
def test_en_links_with(forms, expected):
    assert _links()[2].en_links_with(forms) == expected


def test_rel_pos_is_where_in_its_paragraph_of_the_link():
    en, _, links = _links()
    text = en.paragraphs[0].text
    names = Candidate("names", "names", 0.6, en.find_evidence("names", "test", 0.6))
    assert links.rel_pos(names, 0) == pytest.approx(text.index("names") / len(text))
    assert links.rel_pos(names, 1) == 0.5  # not named in that link


# ---------- the victim's Chinese name

#: (English paragraphs, Chinese paragraphs, links, English forms, Chinese marks, (name, rule))
COUNTERPARTS = [
    # a gloss: the Han name before the Latin one in brackets, before any other rule
    (["Acer confirmed the attack."], ["宏碁(Acer)證實，Acer的系統遭入侵。"], [([0], [0])], ["Acer"], [], ("宏碁", "zh_gloss")),
    # full-width brackets; the name inside a descriptive run; a gloss beginning the English name
    (["Straits Meridian said files were stolen."], ["總部位於新加坡的海峽子午物流（Straits Meridian Logistics）表示檔案被盜。"],
     [([0], [0])], ["Straits Meridian"], [], ("海峽子午物流", "zh_gloss")),
    # a Latin name glossed in Han characters
    (["Rheinfeld Antriebstechnik said production stopped."], ["Rheinfeld Antriebstechnik(萊茵菲爾德驅動技術)表示生產停頓。"],
     [([0], [0])], ["Rheinfeld Antriebstechnik"], [], ("萊茵菲爾德驅動技術", "zh_gloss")),
    # the gloss of another organisation says nothing
    (["Asus said its systems were safe."], ["宏碁(Acer)表示系統安全。"], [([0], [0])], ["Asus"], [], (None, "")),
    # the Latin name itself, longest form first, as a whole word only
    (["Tasman PayWorks said. Tasman added more."], ["Tasman PayWorks表示正調查。"], [([0], [0])],
     ["Tasman", "Tasman PayWorks"], [], ("Tasman PayWorks", "zh_latin_name")),
    (["Acer said it was investigating."], ["Acerbis表示正調查。"], [([0], [0])], ["Acer"], [], (None, "")),
    # aligned paragraphs: 港景 is spread over the links as Harbourview is, and extended to its full name
    (["Harbourview Medical Group confirmed the breach.", "The weather was fine.", "Harbourview said patients were told."],
     ["港景醫療集團證實資料外洩。", "天氣晴朗。", "港景表示已通知病人。"], [([0], [0]), ([1], [1]), ([2], [2])],
     ["Harbourview Medical Group", "Harbourview"], [], ("港景醫療集團", "zh_aligned_name")),
    # nothing name-like in the aligned paragraph
    (["Harbourview confirmed the breach.", "Nothing else happened."], ["消息指資料外洩。", "沒有其他事。"],
     [([0], [0]), ([1], [1])], ["Harbourview"], [], (None, "")),
    # the English name in no linked paragraph
    (["Harbourview Medical Group confirmed the breach.", "The weather was fine."], ["港景醫療集團證實資料外洩。", "天氣晴朗。"],
     [([0], [0]), ([1], [1])], ["Northgate"], [], (None, "")),
    # no links at all
    (["Harbourview Medical Group confirmed the breach."], ["港景醫療集團證實資料外洩。"], [],
     ["Harbourview Medical Group"], [], (None, "")),
]


@pytest.mark.parametrize("en,zh,links,forms,zh_marks,expected", COUNTERPARTS)
def test_counterpart(en, zh, links, forms, zh_marks, expected):
    en_view, zh_view, alignment = bilingual(en, zh, links, zh_marks=zh_marks)
    assert VICTIM.counterpart(zh_view, Links(en_view, zh_view, alignment), forms) == expected


def test_aligned_name_explains_the_strings_that_lost():
    en, zh, alignment = bilingual(
        ["Harbourview Medical Group confirmed the breach.", "The weather was fine.", "Harbourview said patients were told."],
        ["港景醫療集團證實資料外洩。", "天氣晴朗。", "港景表示已通知病人。"], [([0], [0]), ([1], [1]), ([2], [2])], explain=True)
    VICTIM.counterpart(zh, Links(en, zh, alignment), ["Harbourview Medical Group", "Harbourview"])
    why = reasons(zh, "victim")
    assert len(why) == 4 and all(r.startswith("aligned-paragraph score ") and r.endswith(" below 1.27 for 港景") for r in why)
    # the full name lost to 港景, which the text also uses alone, and came back through full_name
    assert [r["text"] for r in zh.rejections.items][0] == "港景醫療集團"


def test_aligned_name_is_never_a_sector_word():
    """醫療集團 follows the victim wherever it goes; as a lexicon SECTOR phrase it is not a name."""
    en_paras = ["Harbourview Medical Group confirmed the breach.", "The weather was fine."]
    zh_paras = ["港景醫療集團證實資料外洩。港景醫療集團已報警。", "天氣晴朗。"]
    marks = [lex("醫療集團", "SECTOR", "healthcare", nth=n) for n in range(2)]
    en, zh, alignment = bilingual(en_paras, zh_paras, [([0], [0]), ([1], [1])], zh_marks=marks, explain=True)
    assert VICTIM.counterpart(zh, Links(en, zh, alignment), ["Harbourview Medical Group"]) == ("港景醫療集團", "zh_aligned_name")
    assert "醫療集團" not in [r["text"] for r in zh.rejections.items]


def test_new_generic_word_changes_the_aligned_name(tmp_path):
    """港景 repeats and would be chosen; listed as generic in words.tsv it drops out of the pool."""
    en, zh, alignment = bilingual(
        ["Harbourview Medical Group confirmed the breach.", "The weather was fine.", "Harbourview said patients were told."],
        ["港景醫療集團證實資料外洩。", "天氣晴朗。", "港景表示已通知病人。"], [([0], [0]), ([1], [1]), ([2], [2])], explain=True)
    res = with_words(tmp_path, ("generic", "zh", "港景"))
    pairer = VictimPairer(res, ChineseNames(res))
    assert pairer.counterpart(zh, Links(en, zh, alignment), ["Harbourview Medical Group", "Harbourview"]) == (
        "港景醫療集團", "zh_aligned_name")
    assert reasons(zh, "victim")[0].endswith(" for 港景醫療集團")


# ---------- data types

COSTS = [
    (("names", "personal_identity"), ("姓名", "personal_identity"), 0.2, 0.2, 0.1),
    (("names", "personal_identity"), ("病歷", "health"), 0.2, 0.2, 2.0),
    (("payroll files", "other"), ("薪酬檔案", "financial"), 0.2, 0.4, 0.8),        # other 0.5 + position 1.5 * 0.2
    (("SWIFT codes", "other"), ("SWIFT代碼", "financial"), 0.2, 0.9, 0.0),         # a Latin word in common: free
]


@pytest.mark.parametrize("a,b,pa,pb,expected", COSTS)
def test_cost(a, b, pa, pb, expected):
    assert TYPES.cost(_cand(a[0], category=a[1]), _cand(b[0], category=b[1], lang="zh"), pa, pb) == pytest.approx(expected)


PAIRS = [
    # the dropped item leaves the others in order
    ([("names", "personal_identity"), ("passport numbers", "national_id"), ("medical records", "health")],
     [("姓名", "personal_identity"), ("病歷", "health")], [0.1, 0.4, 0.7], [0.1, 0.6], [(0, 0), (2, 1)]),
    # a translation keeps a list's order: crossed pairs are never both made
    ([("medical records", "health"), ("names", "personal_identity")],
     [("姓名", "personal_identity"), ("病歷", "health")], [0.2, 0.6], [0.2, 0.6], [(0, 1)]),
    # different kinds are left unpaired rather than paired
    ([("passport numbers", "national_id")], [("病歷", "health")], [0.3], [0.3], []),
    ([], [("姓名", "personal_identity")], [], [0.1], []),
]


@pytest.mark.parametrize("en,zh,pos_en,pos_zh,expected", PAIRS)
def test_pair_in_list_order(en, zh, pos_en, pos_zh, expected):
    en_c = [_cand(t, category=c) for t, c in en]
    zh_c = [_cand(t, category=c, lang="zh") for t, c in zh]
    assert TYPES.pair(en_c, zh_c, pos_en, pos_zh) == expected


def test_pairs_within_links_then_by_category_across_them():
    en_view, zh_view, links = _links()

    def cand(view, text, category):
        return Candidate(text, text, 0.6, view.find_evidence(text, f"{view.lang}_data_list_item", 0.6), {"category": category})

    en = [cand(en_view, "names", "personal_identity"), cand(en_view, "passport numbers", "national_id"),
          cand(en_view, "medical records", "health"), cand(en_view, "Bank statements", "financial")]
    zh = [cand(zh_view, "姓名", "personal_identity"), cand(zh_view, "病歷", "health"), cand(zh_view, "銀行月結單", "financial")]
    # passport numbers has no counterpart; Bank statements (the other link) takes the free 銀行月結單
    assert TYPES.pairs(links, en, zh) == {0: 0, 2: 1, 3: 2}
