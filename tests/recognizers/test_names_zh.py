"""Chinese name strings: the one generator, ranking, the full name and the name inside a run."""
from __future__ import annotations

import pytest

from extractor.recognizers.names_zh import MAX_NAME, ChineseNames, count_all
from extractor.resources import resources

from recognizers.conftest import with_words

NAMES = ChineseNames(resources())

#: a two-paragraph article naming 港景醫療集團 once in full and 港景 twice
HARBOUR = ["港景醫療集團證實，旗下系統遭黑客入侵。", "港景表示，已通知受影響病人。港景的系統仍在復原。"]
HARBOUR_SUFFIXED = {"港景醫療集團": 1, "景醫療集團": 1, "醫療集團": 1, "療集團": 1}


# ---------- strings, the one generator

STRINGS = [
    # strings that end in an organisation word (集團) and are longer than it, counted in the whole text
    (HARBOUR, {}, HARBOUR_SUFFIXED),
    # with `repeated`, strings the text holds twice or more come first
    (HARBOUR, {"repeated": True}, {"港景": 3, **HARBOUR_SUFFIXED}),
    # with `before`, strings right before a reporting word (港景表示) join, counted in the whole text
    (HARBOUR, {"before": ["表示"]}, {**HARBOUR_SUFFIXED, "港景": 3}),
    # Simplified text: the organisation words are matched in both scripts
    (["港景医疗集团证实系统遭入侵。"], {}, {"港景医疗集团": 1, "景医疗集团": 1, "医疗集团": 1, "疗集团": 1}),
    # 公司 alone is generic and no longer string ends in it; 事件後 ends in no organisation word
    (["事件後，公司表示會加強保安。"], {}, {}),
    # a word about the attack (黑客集團) or a function character at an edge (了港灣醫院) rules a
    # string out; pieces such as 客集團 stay, for is_fragment and rank to judge
    (["黑客集團入侵了港灣醫院。"], {}, {"客集團": 1, "客集團入侵了港灣醫院": 1, "集團入侵了港灣醫院": 1, "團入侵了港灣醫院": 1,
                                "入侵了港灣醫院": 1, "侵了港灣醫院": 1, "港灣醫院": 1, "灣醫院": 1}),
]


@pytest.mark.parametrize("texts,options,expected", STRINGS)
def test_strings(texts, options, expected):
    found = NAMES.strings(texts, "\n".join(texts), **options)
    assert found == expected
    assert list(found) == list(expected)  # the order is part of the answer


def test_strings_are_at_most_max_name_characters():
    text = "亞太區跨境電子支付結算服務控股集團證實"
    found = NAMES.strings([text], text)
    assert max(map(len, found)) == MAX_NAME == 14
    assert "區跨境電子支付結算服務控股集團" not in found  # 15 characters
    assert "跨境電子支付結算服務控股集團" in found


def test_strings_count_in_the_whole_text_not_only_the_texts_searched():
    here = ["港景醫療集團證實系統遭入侵。"]
    whole = "\n".join([*here, "港景醫療集團表示已報警。"])
    assert NAMES.strings(here, whole)["港景醫療集團"] == 2


def test_new_generic_word_in_words_tsv(tmp_path):
    """醫療集團 alone describes, it names no one: one row in words.tsv drops it from the strings."""
    whole = "\n".join(HARBOUR)
    assert "醫療集團" in NAMES.strings(HARBOUR, whole)
    names = ChineseNames(with_words(tmp_path, ("generic", "zh", "醫療集團")))
    assert names.strings(HARBOUR, whole) == {"港景醫療集團": 1, "景醫療集團": 1, "療集團": 1}


def test_count_all_counts_without_overlap():
    assert count_all("哈哈哈哈，港景與港景醫院", {"哈哈", "港景", "醫院"}) == {"哈哈": 2, "港景": 2, "醫院": 1}


# ---------- rank

RANK = [
    # frequent first; a string ending in an organisation word counts double
    (NAMES.strings(HARBOUR, "\n".join(HARBOUR), repeated=True), [("港景", 3.2), ("港景醫療集團", 2.6)]),
    # a string a longer candidate holds as often gives way to it
    ({"港景醫療集團": 2, "港景": 2}, [("港景醫療集團", 4.6)]),
    # the organisation word needs two characters before it to count (愛醫院 has one)
    ({"愛醫院": 2, "仁愛醫院": 1}, [("仁愛醫院", 2.4), ("愛醫院", 2.3)]),
    # equal scores: alphabetical, so the order never follows a hash seed
    ({"寶盾": 1, "宏碁": 1}, [("宏碁", 1.2), ("寶盾", 1.2)]),
]


@pytest.mark.parametrize("counts,expected", RANK)
def test_rank(counts, expected):
    ranked = NAMES.rank(counts)
    assert [s for s, _ in ranked] == [s for s, _ in expected]
    assert [score for _, score in ranked] == pytest.approx([score for _, score in expected])


# ---------- full_name

FULL_NAME = [
    ("港景", "\n".join(HARBOUR), "港景醫療集團"),
    # the most frequent full form wins
    ("港景", "港景醫療集團及港景醫院均受影響。港景醫院表示", "港景醫院"),
    # a form that the name merely begins counts for the shorter one as well: 寶盾保險 (3) > 寶盾保險集團 (1)
    ("寶盾", "寶盾保險表示。寶盾保險集團旗下。寶盾保險", "寶盾保險"),
    # a function character right after the name: 港景的醫療集團 is not one name
    ("港景", "港景的醫療集團", "港景"),
    # a name that already ends in an organisation word stays
    ("仁愛醫院", "仁愛醫院表示系統已恢復。", "仁愛醫院"),
    ("宏碁", "宏碁表示系統已恢復。", "宏碁"),
]


@pytest.mark.parametrize("name,text,expected", FULL_NAME)
def test_full_name(name, text, expected):
    assert NAMES.full_name(name, text) == expected


# ---------- core: the name inside a descriptive run

CORE = [
    # never repeated: cut after the last function character, then after a descriptor
    ("總部位於吉隆坡的保險公司寶盾保險", "總部位於吉隆坡的保險公司寶盾保險遭入侵。", "寶盾保險"),
    ("電子遊戲開發商風倉互動", "電子遊戲開發商風倉互動遭攻擊。", "風倉互動"),
    # the longest ending the text repeats is the name
    ("本地連鎖藥房康泰藥房", "本地連鎖藥房康泰藥房遭入侵。康泰藥房表示已報警。", "康泰藥房"),
    ("總部位於吉隆坡的保險公司寶盾保險", "總部位於吉隆坡的保險公司寶盾保險遭入侵。寶盾保險表示", "寶盾保險"),
    # a run that is all name stays whole
    ("港景醫療集團", "港景醫療集團證實。", "港景醫療集團"),
]


@pytest.mark.parametrize("run,text,expected", CORE)
def test_core(run, text, expected):
    assert NAMES.core(run, text) == expected


@pytest.mark.xfail(strict=True, reason="core cuts after the last descriptor word in the run, even one that begins "
                                       "the name: 出版商商務印書館 gives 務印書館")
def test_core_name_beginning_with_a_descriptor_word():
    assert NAMES.core("老牌出版商商務印書館", "老牌出版商商務印書館遭勒索軟件攻擊。") == "商務印書館"


# ---------- judging strings

@pytest.mark.parametrize("s,expected", [
    ("保險公司", True), ("物流集團", True), ("科技公司", True), ("醫院", True),
    ("港景醫療集團", False), ("寶盾保險", False), ("宏碁", False),
])
def test_is_descriptor(s, expected):
    assert NAMES.is_descriptor(s) is expected


@pytest.mark.parametrize("s,text,expected", [
    ("索軟", "勒索軟件組織聲稱責任。", True),
    ("港景", "港景醫療集團遭勒索軟件攻擊。", False),
    # half of the occurrences inside an attack word is enough (暗網上的黑客服務 / 客服熱線)
    ("客服", "暗網上的黑客服務。請致電客服熱線。", True),
    ("客服", "暗網上的黑客服務。請致電客服熱線或電郵客服部。", False),
    ("港景", "港灣醫療", False),  # not in the text at all
])
def test_is_fragment(s, text, expected):
    assert NAMES.is_fragment(s, text) is expected


@pytest.mark.parametrize("s,text,expected", [
    ("宏碁", "宏碁表示系統遭入侵。", 0.25),       # a report's subject (0.15), opening the text (+0.1)
    ("宏碁", "消息指，宏碁遭入侵。", 0.25),       # opening a clause after ，
    ("宏碁", "昨日宏碁的系統遭入侵。", 0.15),     # 的系統 follows, no clause opens there
    ("宏碁", "據悉宏碁近日更新系統。", 0.0),
    ("宏碁", "宏碁今日表示，宏碁已報警。", 0.25),  # the cap: a second opening adds nothing
])
def test_nameness(s, text, expected):
    assert NAMES.nameness(s, text) == pytest.approx(expected)


@pytest.mark.parametrize("s,expected", [
    ("港景醫療集團", True), ("的系統", False), ("港景的", False), ("公司", False), ("勒索組織", False),
])
def test_name_like(s, expected):
    assert NAMES.name_like(s) is expected
