"""extractor.segment: text -> paragraphs (or sentences) labelled by language, and the layout."""
from __future__ import annotations

import pytest

from extractor.segment import Segment, label, layout, segment, sentences

# Written for these tests. Each line is one paragraph of a short ransomware report.
EN_HEAD = "Ransomware gang claims attack on Kestrel Freight"
EN_1 = ("The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong logistics "
        "company, and says it stole about 420 GB of shipping records.")
EN_2 = ("Kestrel Freight said its servers were encrypted on Saturday but that it would not pay the ransom, "
        "and that customer payment details were not affected.")
ZH_HEAD = "勒索軟件集團聲稱攻擊紅隼貨運"
ZH_1 = "勒索軟件集團Qilin聲稱攻擊香港物流公司紅隼貨運有限公司，並表示竊取約420GB付運紀錄。"
ZH_2 = "紅隼貨運表示，其伺服器於周六遭加密，但公司不會支付贖金，客戶付款資料並未受影響。"


# --- language labels -------------------------------------------------------------------------

LABEL_CASES = [
    pytest.param(EN_1, "en", id="en-paragraph"),
    pytest.param("Hospital group confirms data breach", "en", id="en-short-heading"),
    pytest.param("Hackers leak patient records stolen from Danish hospital group", "en", id="en-long-heading"),
    pytest.param("LockBit claims Westmere attack", "en", id="en-heading-with-names"),
    pytest.param("Update: 14 March 2024", "en", id="en-dateline"),
    pytest.param(ZH_1, "zh-Hant", id="zh-hant-hk"),
    pytest.param("駭客入侵台中仁愛醫院的網路，竊取約2.3兆位元組資料，包括病患的身分證字號及病歷。", "zh-Hant",
                 id="zh-hant-tw"),
    pytest.param("黑客入侵了港湾医疗集团的电子邮件系统，超过1.3万名病人的数据遭到泄露。", "zh-Hans", id="zh-hans"),
    pytest.param("FulcrumSec聲稱已入侵該公司的系統，並在其洩密網站公開部分客戶資料的樣本。", "zh-Hant",
                 id="zh-with-latin-actor"),
    pytest.param("勒索軟體集團RansomHub聲稱攻擊Tasman PayWorks，並竊取約1.1 TB資料。", "zh-Hant",
                 id="zh-with-several-latin-names"),
    pytest.param("Die Hackergruppe behauptet, rund 700 Gigabyte an Daten von den Servern des Maschinenbauers "
                 "gestohlen zu haben, darunter Verträge und Personalakten.", "other", id="german"),
    pytest.param("Kelompok peretas itu mengaku telah mencuri data pribadi milik ribuan pasien rumah sakit, "
                 "termasuk nomor identitas dan riwayat medis.", "other", id="indonesian"),
]


@pytest.mark.parametrize(("text", "lang"), LABEL_CASES)
def test_label(text: str, lang: str) -> None:
    assert label(text) == lang


# --- paragraph splitting ---------------------------------------------------------------------


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in segment(text)]


SPLIT_CASES = [
    pytest.param("\n".join([EN_HEAD, EN_1, EN_2]) + "\n", [EN_HEAD, EN_1, EN_2], id="one-per-line"),
    pytest.param("\n".join([EN_1, EN_2, ZH_1, ZH_2]), [EN_1, EN_2, ZH_1, ZH_2], id="one-per-line-no-final-newline"),
    pytest.param("\n\n".join([EN_HEAD, EN_1, ZH_HEAD, ZH_1]) + "\n", [EN_HEAD, EN_1, ZH_HEAD, ZH_1],
                 id="blank-line-blocks"),
    pytest.param("\r\n\r\n".join([EN_1, EN_2, ZH_1]) + "\r\n", [EN_1, EN_2, ZH_1], id="crlf-blank-lines"),
    pytest.param("\r\n".join([EN_1, ZH_1, ZH_2]) + "\r\n", [EN_1, ZH_1, ZH_2], id="crlf-one-per-line"),
    pytest.param("  " + EN_1 + "  \n\n\t" + ZH_1 + " \n\n\n", [EN_1, ZH_1], id="surrounding-whitespace-trimmed"),
    pytest.param(
        "The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong\n"
        "logistics company, and says it stole about 420 GB of shipping records.\n"
        "\n"
        "Kestrel Freight said its servers were encrypted on Saturday but that it would not pay\n"
        "the ransom, and that customer payment details were not affected.\n",
        ["The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong\n"
         "logistics company, and says it stole about 420 GB of shipping records.",
         "Kestrel Freight said its servers were encrypted on Saturday but that it would not pay\n"
         "the ransom, and that customer payment details were not affected."],
        id="hard-wrapped-en-joined"),
    pytest.param(
        "The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong\r\n"
        "logistics company, and says it stole about 420 GB of shipping records.\r\n"
        "\r\n" + ZH_1 + "\r\n",
        ["The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong\r\n"
         "logistics company, and says it stole about 420 GB of shipping records.", ZH_1],
        id="hard-wrapped-en-crlf"),
]


@pytest.mark.parametrize(("text", "paragraphs"), SPLIT_CASES)
def test_paragraph_splitting(text: str, paragraphs: list[str]) -> None:
    assert texts(text) == paragraphs


MIXED_EN = "Qilin claimed the attack on Kestrel Freight Ltd on Monday and posted samples of crew passports."
MIXED_ZH = "勒索軟件集團Qilin於周一聲稱攻擊紅隼貨運，並公開船員護照樣本。"

MIXED_CASES = [
    pytest.param(f"{MIXED_EN} {MIXED_ZH}", [(MIXED_EN, "en"), (MIXED_ZH, "zh-Hant")], id="en-then-zh-sentence"),
    pytest.param(f"{MIXED_ZH}{MIXED_EN}", [(MIXED_ZH, "zh-Hant"), (MIXED_EN, "en")], id="zh-then-en-no-space"),
    pytest.param(f"{EN_HEAD}\n{MIXED_EN} {MIXED_ZH}\n",
                 [(EN_HEAD, "en"), (MIXED_EN, "en"), (MIXED_ZH, "zh-Hant")], id="after-a-heading"),
]


@pytest.mark.parametrize(("text", "expected"), MIXED_CASES)
def test_mixed_paragraph_is_split_into_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    segs = segment(text)
    assert [(text[s.start:s.end], s.lang) for s in segs] == expected
    mixed = [s for s in segs if text[s.start:s.end] in (MIXED_EN, MIXED_ZH)]
    assert all(s.kind == "sentence" for s in mixed)


# (text, expected sentence strings)
SENTENCE_CASES = [
    pytest.param("Servers were encrypted. The company refused to pay! Was data taken? Yes.",
                 ["Servers were encrypted.", "The company refused to pay!", "Was data taken?", "Yes."], id="en"),
    pytest.param("伺服器遭加密。公司拒絕支付贖金！資料是否外洩？仍在調查；警方已介入。",
                 ["伺服器遭加密。", "公司拒絕支付贖金！", "資料是否外洩？", "仍在調查；", "警方已介入。"], id="zh"),
    pytest.param("公司表示：「系統已恢復。」警方正調查。", ["公司表示：「系統已恢復。」", "警方正調查。"], id="zh-quote"),
    pytest.param("The firm stores 1.5 PB of files. It lost 420 GB.",
                 ["The firm stores 1.5 PB of files.", "It lost 420 GB."], id="decimal-points-not-ends"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    offset = 100
    spans = sentences(text, offset)
    assert [text[a - offset:b - offset] for a, b in spans] == expected


# --- segment kinds and offsets -----------------------------------------------------------------

KIND_CASES = [
    pytest.param(EN_HEAD, "heading", id="en-heading"),
    pytest.param(ZH_HEAD, "heading", id="zh-heading"),
    pytest.param(EN_1, "paragraph", id="en-paragraph"),
    pytest.param(ZH_1, "paragraph", id="zh-paragraph"),
]


@pytest.mark.parametrize(("line", "kind"), KIND_CASES)
def test_heading_or_paragraph(line: str, kind: str) -> None:
    text = f"{line}\n{EN_2}\n"
    assert segment(text)[0].kind == kind


OFFSET_CASES = [
    pytest.param("\n".join([EN_HEAD, EN_1, EN_2, ZH_HEAD, ZH_1, ZH_2]) + "\n", id="lf"),
    pytest.param("\r\n\r\n".join([EN_HEAD, EN_1, ZH_HEAD, ZH_1]) + "\r\n", id="crlf-blank-lines"),
    pytest.param("\n\n  " + EN_1 + "\n\n   " + ZH_1 + "  \n", id="leading-blank-lines-and-indent"),
    pytest.param(f"{EN_HEAD}\n{MIXED_EN} {MIXED_ZH}\n{ZH_2}", id="mixed-sentences"),
    pytest.param("𠀋字擴展B區測試：黑客入侵屯門醫院系統。\n" + EN_1, id="astral-han"),
]


@pytest.mark.parametrize("text", OFFSET_CASES)
def test_segment_offsets_index_the_text(text: str) -> None:
    segs = segment(text)
    assert segs
    pieces = [text[s.start:s.end] for s in segs]
    assert all(p and p == p.strip() for p in pieces)
    assert all(a.end <= b.start for a, b in zip(segs, segs[1:]))
    assert [s.id for s in segs] == [f"p{i}" for i in range(len(segs))]
    # nothing but whitespace is left outside the segments
    covered = set()
    for s in segs:
        covered.update(range(s.start, s.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


# --- layout ------------------------------------------------------------------------------------

LAYOUT_CASES = [
    pytest.param([EN_HEAD, EN_1, EN_2, ZH_HEAD, ZH_1, ZH_2], "en-then-zh", id="en-then-zh"),
    pytest.param([ZH_HEAD, ZH_1, ZH_2, EN_HEAD, EN_1, EN_2], "zh-then-en", id="zh-then-en"),
    pytest.param([EN_HEAD, ZH_HEAD, EN_1, ZH_1, EN_2, ZH_2], "interleaved", id="interleaved"),
    pytest.param([EN_HEAD, EN_1, EN_2], "en-only", id="en-only"),
    pytest.param([ZH_HEAD, ZH_1, ZH_2], "zh-only", id="zh-only"),
]


@pytest.mark.parametrize(("lines", "name"), LAYOUT_CASES)
@pytest.mark.parametrize("sep", ["\n", "\n\n", "\r\n\r\n"], ids=["lf", "blank-lines", "crlf"])
def test_layout(lines: list[str], name: str, sep: str) -> None:
    assert layout(segment(sep.join(lines) + sep)) == name


def test_layout_of_nothing() -> None:
    assert layout([]) == "empty"
    assert layout([Segment("p0", "other", 0, 10, "paragraph")]) == "other"
