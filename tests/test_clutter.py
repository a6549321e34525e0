"""Page furniture (extractor/clutter.py, models/data/clutter.tsv): which lines of a text copied
from a web page are not the article, and what the record does with them.

Every sample below is written for these tests (fictional outlets, companies and people). A page
is written one line per row, each line prefixed with what `mark` must make of it:
`.` the article (left unchanged), `B` boilerplate, `V` vocabulary, `O` other_article.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import clutter
from extractor.clutter import Clutter, default_clutter, mark
from extractor.errors import ModelDataInvalid
from extractor.segment import segment

EXPECT = {".": None, "B": "boilerplate", "V": "vocabulary", "O": "other_article"}


def page(rows: str) -> tuple[str, list[str | None]]:
    """(text, the expected kind of each line) of a page written as `<mark> <line>` rows."""
    lines, kinds = [], []
    for row in rows.strip("\n").splitlines():
        code, _, line = row.partition(" ")
        kinds.append(EXPECT[code])
        lines.append(line)
    return "\n".join(lines) + "\n", kinds


def marked_lines(text: str) -> list[str | None]:
    """The mark of each line: the new kind of the segments on it, None when left unchanged."""
    segs = segment(text)
    out = mark(text, segs)
    starts, pos = [], 0
    for line in text.splitlines(keepends=True):
        starts.append((pos, pos + len(line)))
        pos += len(line)
    result: list[str | None] = []
    for a, b in starts:
        kinds = {m.kind for s, m in zip(segs, out) if a <= s.start < b and m.kind != s.kind}
        assert len(kinds) <= 1, f"segments of one line marked differently: {kinds}"
        result.append(kinds.pop() if kinds else None)
    return result


# --- page-shaped samples ---------------------------------------------------------------------

HK_NEWS_ZH = """
B 跳至主要內容區塊
B 首頁 | 港聞 | 財經 | 科技 | 國際
B 首頁 > 港聞 > 正文
. 連鎖藥房遭黑客入侵 逾8萬會員資料外洩
B 2025年02月11日 14:32 最後更新：02月11日 20:05
B 記者：黃子晴
B 分享 Facebook WhatsApp 列印
B 字級 A A A
. 本港連鎖藥房「康泰藥房」今日表示，其會員系統上月遭黑客入侵，逾8萬名會員的姓名、電話號碼及出生日期可能已經外洩。
B 康泰藥房位於旺角的分店。（資料圖片）
. 黑客組織RansomHub其後在暗網聲稱盜取約60GB資料，並要求公司支付贖金。
B 廣告
. 公司表示已報警及通知私隱專員公署。
B 您已閱讀42%(860字)
B 【延伸閱讀】
O 另一間藥房上月遭勒索 Play聲稱盜取30GB資料
O 私隱公署：去年資料外洩通報創新高
O 爆料熱線：6123 4567
"""

TW_NEWS_ZH = """
B 跳到主要內容
B 即時 | 政治 | 社會 | 生活 | 國際 | 財經
. 知名電商平台遭駭 12萬筆個資外洩
B 知名電商平台遭駭 12萬筆個資外洩
B 〔記者林怡君／台北報導〕
B 發布時間：2024/08/21 10:15
B 分享 LINE 列印 字級
. 國內電商平台「樂購網」今（21）日證實遭駭客入侵，約12萬筆會員個資外洩，內容包括姓名、電子郵件及手機號碼。
B (圖/翻攝自樂購網臉書)
. 樂購網表示，已立即通報主管機關並報警處理。
B 樂購網官網圖片
B 知名電商平台遭駭 12萬筆個資外洩
B 往下看更多文章
O 南部醫院遭勒索軟體攻擊 病歷系統一度停擺
O 〔記者王大明／高雄報導〕南部一間醫院昨日遭勒索軟體攻擊，院方表示已報警。
"""

GOV_RELEASE = """
B Press Releases
B Text Size A A A
. Transport Records Office alerts public to ransomware attack on vendor
. The Transport Records Office (TRO) said today (March 3) that a ransomware attack on a system run by its printing vendor had encrypted files containing the personal data of about 5,600 licence holders.
. The affected data includes names, addresses and licence numbers. The TRO has reported the case to the Police.
B Ends/Monday, March 3, 2025
B Issued at HKT 19:45
B NNNN
. 運輸紀錄處公布承辦商遭勒索軟件攻擊
. 運輸紀錄處今日（三月三日）表示，其印刷承辦商營運的系統遭勒索軟件攻擊，載有約5,600名牌照持有人個人資料的檔案被加密。
. 受影響資料包括姓名、地址及牌照號碼。運輸紀錄處已向警方報案。
B 完
B 2025年3月3日（星期一）
B 香港時間19時45分
B NNNN
B 新聞公報
B Back to top
"""

EN_TECH = """
B Skip to content
B News | Ransomware | Data Breaches | Podcast | Events
B Home > Security > Ransomware
. Qilin claims attack on Sydney freight broker, leaks 300GB
B By Tom Hartley | 5 minutes read
B Published: Tue 14 May 2024 08:10 AEST
B Share Tweet Email Print
. Ransomware gang Qilin has published 300GB of files it says were stolen from Coastline Freight, a Sydney-based freight broker.
B Coastline Freight's warehouse in Botany. Photo: AAP
. The company said customer names and invoices were among the files.
B Advertisement
. Police are investigating.
B Leave a Reply
B Your email address will not be published. Required fields are marked *
B Related articles
O LockBit hits Perth council, 50,000 ratepayers affected
O Why freight firms are ransomware targets
O Read more
"""

LEARNING_PAGE = """
B 學英文 | 新聞英語 | 生字 | 測驗
. Hackers leak patient files from Seoul hospital
. 黑客洩露首爾醫院病人檔案
. Hackers have leaked the files of about 30,000 patients from a hospital in Seoul, South Korea.
. 黑客洩露南韓首爾一間醫院約3萬名病人的檔案。
B Vocabulary
V leak (v.) 洩漏
V patient (n.) 病人
V ransom(n.)贖金
V 1. hacker (n.) 黑客
B June 20, 2024
B More from Learning English
O Students' exam results stolen in school hack
O 學校遭黑客入侵 學生成績外洩
"""

PAGES = [
    pytest.param(HK_NEWS_ZH, id="hong-kong-news-zh"),
    pytest.param(TW_NEWS_ZH, id="taiwan-news-zh"),
    pytest.param(GOV_RELEASE, id="government-release-bilingual"),
    pytest.param(EN_TECH, id="english-tech-press"),
    pytest.param(LEARNING_PAGE, id="learning-page-vocabulary"),
]


@pytest.mark.parametrize("rows", PAGES)
def test_a_page_is_marked_line_by_line(rows: str) -> None:
    text, expected = page(rows)
    got = marked_lines(text)
    wrong = [f"{e or 'article'!s:>13} <- {g or 'article'!s:<13} {line}"
             for line, e, g in zip(text.splitlines(), expected, got) if e != g]
    assert wrong == []


@pytest.mark.parametrize("rows", PAGES)
def test_marking_changes_only_the_kind(rows: str) -> None:
    text, _ = page(rows)
    segs = segment(text)
    out = mark(text, segs)
    assert [(s.id, s.lang, s.start, s.end) for s in out] == [(s.id, s.lang, s.start, s.end) for s in segs]
    assert all(m == s or m.kind in clutter.KINDS for s, m in zip(segs, out))


# --- one line at a time ----------------------------------------------------------------------

# (line, the kind of row that matches it); each family of furniture in both languages
FURNITURE = [
    ("首頁 > 文章 > 正文", "boilerplate"),
    ("Home > News > Technology", "boilerplate"),
    ("|", "boilerplate"),
    ("-", "boilerplate"),
    ("Skip to Content", "boilerplate"),
    ("跳至主要內容區塊", "boilerplate"),
    ("分享", "boilerplate"),
    ("打印", "boilerplate"),
    ("列印版本", "boilerplate"),
    ("字級", "boilerplate"),
    ("A A A", "boilerplate"),
    ("Share on Facebook", "boilerplate"),
    ("記者陳大文/台北報導", "boilerplate"),
    ("撰文: 李小明", "boilerplate"),
    ("文／周志強", "boilerplate"),
    ("（中央社記者陳大文台北9日電）", "boilerplate"),
    ("Written by Jane Doe", "boilerplate"),
    ("By Jane Doe | 5 minutes read", "boilerplate"),
    ("By Sam Lee and Priya Nair, Technology Reporters", "boilerplate"),
    ("3 min read", "boilerplate"),
    ("2024年05月09日 21:40 最後更新:05月10日 11:12", "boilerplate"),
    ("發布時間: 更新時間:", "boilerplate"),
    ("June 20, 2024", "boilerplate"),
    ("Friday, June 20, 2025", "boilerplate"),
    ("Updated 2 hours ago", "boilerplate"),
    ("（記者陳大文攝）", "boilerplate"),
    ("(圖/翻攝自臉書)", "boilerplate"),
    ("涉事公司的辦公室。（資料圖片）", "boilerplate"),
    ("宏海科技官網圖片", "boilerplate"),
    ("圖片來源：網上圖片", "boilerplate"),
    ("Photo: AAP", "boilerplate"),
    ("The clinic's reception in Mong Kok. Photo: Handout", "boilerplate"),
    ("AFP via Getty Images", "boilerplate"),
    ("電話:2345 6789、電郵:info@example.hk", "boilerplate"),
    ("傳 真:2345 6790", "boilerplate"),
    ("(852) 3600 8800", "boilerplate"),
    ("SMS: 6123 4567", "boilerplate"),
    ("Media enquiries: press@example.com", "boilerplate"),
    ("爆料熱線", "boilerplate"),
    ("您已閱讀35%(1234字)", "boilerplate"),
    ("Subscribe now to continue reading", "boilerplate"),
    ("Advertisement", "boilerplate"),
    ("付費廣告", "boilerplate"),
    ("Your email address will not be published. Required fields are marked *", "boilerplate"),
    ("發表留言", "boilerplate"),
    ("Ends/Friday, June 20, 2025", "boilerplate"),
    ("Issued at HKT 17:30", "boilerplate"),
    ("NNNN", "boilerplate"),
    ("新聞公報", "boilerplate"),
    ("完／2025年6月20日（星期五）", "boilerplate"),
    ("© 2025 Example Media Ltd. All rights reserved.", "boilerplate"),
    ("標籤：勒索軟件 資料外洩", "boilerplate"),
    ("Read more: Hackers leak data of 2,000 clinic patients", "boilerplate"),
    ("延伸閱讀：黑客入侵大學電郵系統", "boilerplate"),
    ("leak(v.)洩漏", "vocabulary"),
    ("ransom (n.) 贖金", "vocabulary"),
    ("洩漏 leak (v.)", "vocabulary"),
    ("往下看更多文章", "boundary"),
    ("【延伸閱讀】", "boundary"),
    ("延伸閱讀", "boundary"),
    ("相關新聞", "boundary"),
    ("熱門新聞", "boundary"),
    ("最新要聞", "boundary"),
    ("其他報道", "boundary"),
    ("Related articles", "boundary"),
    ("More from Technology", "boundary"),
    ("Read more", "boundary"),
    ("You may also like", "boundary"),
    # Simplified forms of the Traditional patterns, derived when the file is loaded
    ("相关新闻", "boundary"),
    ("记者陈大文/台北报导", "boilerplate"),
    ("您已阅读35%(1234字)", "boilerplate"),
    ("分享 打印 字级", "boilerplate"),
]

# real headlines and short real paragraphs: never furniture, whatever words they share with it
ARTICLE_LINES = [
    "Hackers steal 2GB of student records from Hong Kong school",
    "Ransomware gang claims attack on Taiwan chipmaker, demands US$5 million",
    "By the end of the week, the bank had restored its online services.",
    "End-to-end encryption did not stop the leak",
    "Home Affairs Department confirms data breach",
    "Police are investigating.",
    "The company did not pay the ransom.",
    "Related Party Transactions Exposed in Leak",
    "May 2024 attack exposed 3 million records, regulator says",
    "Photos of passports were among the leaked files.",
    "Share prices fell 5% after the disclosure",
    "Print shop chain hit by LockBit",
    "Credit union confirms ransomware attack",
    "Copyright group sues over leaked film files",
    "Email provider warns of phishing after breach",
    "Top insurer hit by cyberattack",
    "Latest figures show ransomware cases doubled",
    "Comments from the hackers were posted on Telegram",
    "Cyber Attack Hits Reuters",
    "Update: the company now says 40,000 people were affected",
    "Watch out for scam calls, bank warns customers",
    "Hong Kong | Taiwan",
    "Singapore bank: no customer funds lost",
    "Hackers stole (a) names, (b) addresses and (c) ID numbers.",
    "黑客入侵學校系統 2GB學生資料外洩",
    "勒索軟件集團聲稱攻擊台灣晶片廠 索價500萬美元",
    "警方已介入調查。",
    "公司表示沒有支付贖金。",
    "逾2萬名客戶資料受影響",
    "相關報導指出，該公司已通知受影響客戶。",
    "由於系統故障 網上銀行服務暫停",
    "記者會上，公司總裁向公眾致歉。",
    "分享經濟平台遭駭 30萬會員資料外洩",
    "更新系統後 醫院恢復運作",
    "香港電訊：客戶資料未受影響",
    "電話詐騙集團利用外洩資料行騙",
    "完成調查後 公司將通知受影響人士",
    "廣告公司遭勒索軟件攻擊",
    "時間緊迫 公司呼籲客戶更改密碼",
    "圖書館系統癱瘓三日",
    "攝影器材商網店遭入侵",
    "台北市政府：個資未外洩",
    "延伸閱讀理解能力的教材外洩",
    "最新消息指，黑客已將資料放上暗網。",
    "記者致電該公司，未獲回應。",
    "評論：企業應正視勒索軟件威脅",
    "勒索軟體攻擊｜醫院證實遭駭 病歷恐外洩",
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_a_furniture_line_matches_its_row(line: str, kind: str) -> None:
    if not any(map(str.isalpha, line)):
        assert marked_lines(f"Hackers hit a bank.\n{line}\n")[1] == "boilerplate"
        return
    rule = default_clutter().rule_for(line)
    assert rule is not None and rule.kind == kind, line


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_a_real_headline_or_short_paragraph_is_never_marked(line: str) -> None:
    assert default_clutter().rule_for(line) is None
    text = f"{line}\nThe company said the attack was contained on Monday.\n{line}。\n"
    assert marked_lines(text)[:2] == [None, None]


def test_a_long_paragraph_is_never_furniture_whatever_it_starts_with() -> None:
    line = "Photo: " + "the attackers posted screenshots of passports and bank statements " * 8
    assert len(line) > clutter.MAX_LINE_CHARS and default_clutter().rule_for(line) is None


# --- repeats and boundaries --------------------------------------------------------------------

REPEATS = [
    pytest.param("""
. Clinic chain hit by ransomware
B Clinic chain hit by ransomware
. The chain said 12,000 patients were affected.
B Clinic chain hit by ransomware
""", id="headline-three-times"),
    pytest.param("""
. 診所集團遭勒索軟件攻擊
. 集團表示約1.2萬名病人受影響。
. 集團旗下診所外貌
B 集團旗下診所外貌
""", id="caption-twice"),
    pytest.param("""
. The company said no card data was taken.
. 公司表示沒有信用卡資料被盜。
. The company said no card data was taken.
""", id="a-sentence-repeated-stays"),
]


@pytest.mark.parametrize("rows", REPEATS)
def test_a_short_line_repeated_is_boilerplate_from_its_second_time(rows: str) -> None:
    text, expected = page(rows)
    assert marked_lines(text) == expected


def test_a_boundary_before_the_article_marks_only_itself() -> None:
    text, expected = page("""
B 熱門新聞
. 物流公司遭勒索軟件攻擊
. 物流公司表示，約3萬名客戶資料可能外洩。
B 相關新聞
O 另一宗事件
""")
    assert marked_lines(text) == expected


def test_after_a_boundary_even_article_like_paragraphs_are_another_article() -> None:
    text, expected = page("""
. Hackers hit Kowloon Bay logistics firm
. The firm said 30,000 customers were affected.
B You may also like
O Akira stole 900GB from a Singapore clinic chain, the group claims.
O The clinic said it had refused to pay the ransom.
""")
    assert marked_lines(text) == expected


def test_the_samples_have_no_furniture() -> None:
    """The bundled clean articles: nothing in them may be taken for page furniture."""
    samples = sorted(Path(__file__).resolve().parents[1].joinpath("samples").glob("*.txt"))
    assert samples
    for path in samples:
        text = path.read_text("utf-8")
        segs = segment(text)
        assert mark(text, segs) == segs, path.name


# --- the data file --------------------------------------------------------------------------------

HEADER = "lang\tkind\tpattern\tmeaning\n"

BAD_ROWS = [
    pytest.param("en\tboilerplate\tShare +this\tx\n", "unbounded", id="unbounded"),
    pytest.param("en\tboilerplate\t[\\d]{1,3} comments\tx\n", "[0-9]", id="any-digit"),
    pytest.param("en\tbanner\tShare\tx\n", "kind 'banner'", id="unknown-kind"),
    pytest.param("fr\tboilerplate\tPartager\tx\n", "lang 'fr'", id="unknown-lang"),
    pytest.param("zh\tboilerplate\t相关新闻\tx\n", "Simplified-only", id="simplified"),
    pytest.param("en\tboilerplate\t分享\tx\n", "Chinese characters but lang is en", id="han-in-en"),
    pytest.param("zh\tboilerplate\tShare\tx\n", "no Chinese characters", id="no-han-in-zh"),
    pytest.param("en\tboilerplate\t(Share\tx\n", "bad regex", id="bad-regex"),
    pytest.param("en\tboilerplate\tShare\n", "fields", id="three-fields"),
    pytest.param("en\tboilerplate\tShare\tx\nen\tboundary\tShare\ty\n", "duplicate", id="duplicate-pattern"),
]


@pytest.mark.parametrize(("rows", "words"), BAD_ROWS)
def test_a_bad_row_fails_on_load_naming_file_and_line(tmp_path: Path, rows: str, words: str) -> None:
    path = tmp_path / "clutter.tsv"
    path.write_text("# a comment\n" + HEADER + rows, encoding="utf-8")
    bad_line = 2 + rows.count("\n")
    with pytest.raises(ModelDataInvalid) as info:
        Clutter.from_file(path)
    assert info.value.code == "E202"
    assert f"clutter.tsv:{bad_line}:" in str(info.value) and words in str(info.value)


def test_a_custom_file_marks_with_its_own_rules(tmp_path: Path) -> None:
    path = tmp_path / "clutter.tsv"
    path.write_text(HEADER + "zh\tboilerplate\t本台消息\tour own byline\n", encoding="utf-8")
    rules = Clutter.from_file(path)
    assert [(r.kind, r.line, r.meaning) for r in rules.rules] == [("boilerplate", 2, "our own byline")]
    text = "本台消息\n本台消息指，黑客入侵學校。\n"
    assert [s.kind for s in mark(text, segment(text), rules)] == ["boilerplate", "paragraph"]


def test_every_shipped_row_has_a_meaning_and_a_known_kind() -> None:
    rules = default_clutter().rules
    assert len(rules) > 40
    assert {r.kind for r in rules} == clutter.ROW_KINDS
    assert {r.lang for r in rules} == {"en", "zh"}
    assert all(r.meaning for r in rules)


# --- in the record: kept, never read ----------------------------------------------------------------

ZH_PAGE_WITH_ENGLISH_CLUTTER = """物流公司遭Akira勒索 3.5萬客戶資料外洩
Share Tweet Email
By Staff Reporter | 3 min read
九龍灣物流公司恒通速運證實遭勒索軟件集團Akira攻擊，黑客聲稱盜取約120GB資料。
Advertisement
公司表示，約3.5萬名客戶的姓名及電話號碼可能已經外洩。
Photo: AAP
相關新聞
LockBit聲稱從另一間物流公司盜取900GB資料，涉及50萬名客戶。
"""


@pytest.fixture(scope="module")
def zh_page_record() -> dict:
    from extractor.core import extract_text

    return extract_text(ZH_PAGE_WITH_ENGLISH_CLUTTER)


def test_english_clutter_in_a_chinese_page_leaves_it_chinese_only(zh_page_record: dict) -> None:
    record = zh_page_record
    assert record["layout"] == "zh-only" and record["languages"] == ["zh-Hant"]
    kinds = [(s["lang"], s["kind"]) for s in record["segments"]]
    assert kinds == [("zh-Hant", "heading"), ("en", "boilerplate"), ("en", "boilerplate"), ("zh-Hant", "paragraph"),
                     ("en", "boilerplate"), ("zh-Hant", "paragraph"), ("en", "boilerplate"),
                     ("zh-Hant", "boilerplate"), ("zh-Hant", "other_article")]
    assert record["alignment"] == []


def test_furniture_and_other_articles_give_no_facts(zh_page_record: dict) -> None:
    facts = zh_page_record["facts"]
    assert [a["zh"] for a in facts["actor"]] == ["Akira"]
    assert facts["record_count"]["zh"]["value"] == 35000
    assert facts["data_size"]["zh"]["bytes"] == 120_000_000_000
    furniture = {s["id"] for s in zh_page_record["segments"] if s["kind"] in clutter.KINDS}
    used = {ev["segment"] for ev in _evidence(zh_page_record)}
    assert used and not used & furniture


def _evidence(record: dict):
    def walk(value):
        if isinstance(value, dict):
            if {"segment", "start", "end"} <= value.keys():
                yield value
            else:
                for child in value.values():
                    yield from walk(child)
        elif isinstance(value, list):
            for child in value:
                yield from walk(child)

    yield from walk(record["facts"])
    yield from walk(record["fact_evidence"])


def test_a_bilingual_release_aligns_without_its_footers() -> None:
    from extractor.core import extract_text

    text, expected = page(GOV_RELEASE)
    record = extract_text(text)
    assert record["layout"] == "en-then-zh"
    furniture = {s["id"] for s in record["segments"] if s["kind"] in clutter.KINDS}
    assert len(furniture) == sum(k is not None for k in expected)
    linked = {i for link in record["alignment"] for side in ("en", "zh") for i in link[side]}
    assert linked and not linked & furniture
    assert not any(i.get("segment") in furniture for i in record["inconsistencies"])
