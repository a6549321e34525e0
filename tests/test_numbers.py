"""extractor.numbers: data sizes and people/record counts, in English and Chinese."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.numbers import DEFAULT_PATH, Quantity, QuantityGrammar, parse_number

TB, GB, MB, PB = 10**12, 10**9, 10**6, 10**15


@pytest.fixture(scope="module")
def grammar() -> QuantityGrammar:
    return QuantityGrammar.load()


@pytest.fixture
def data() -> dict[str, Any]:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def found(grammar: QuantityGrammar, text: str, lang: str) -> list[tuple[str, str, float, str]]:
    return [(q.kind, q.text, q.value, q.qualifier) for q in grammar.find(text, lang)]


# (sentence, [(kind, span text, value, qualifier), ...]) -- every quantity in the sentence.
EN_CASES = [
    ("The group claims to have stolen approximately 1.3 terabytes of data from the insurer's servers.",
     [("size", "approximately 1.3 terabytes", 1.3 * TB, "approx")]),
    ("LockBit posted samples of about 400GB of internal files on its leak site on Tuesday.",
     [("size", "about 400GB", 400 * GB, "approx")]),
    ("Investigators believe more than 1.2 TB was copied before the servers were encrypted.",
     [("size", "more than 1.2 TB", 1.2 * TB, "more_than")]),
    ("The actors say they exfiltrated up to 3 TB, including contracts and payroll spreadsheets.",
     [("size", "up to 3 TB", 3 * TB, "up_to")]),
    ("A file listing on the forum suggests as much as 2.6 TB of engineering drawings was taken.",
     [("size", "as much as 2.6 TB", 2.6 * TB, "up_to")]),
    ("Nearly 100 gigabytes of emails were dumped after the council refused to negotiate.",
     [("size", "Nearly 100 gigabytes", 100 * GB, "approx")]),
    ("Roughly 650 megabytes of scanned passports appeared in the archive.",
     [("size", "Roughly 650 megabytes", 650 * MB, "approx")]),
    ("The 1.5TB archive was briefly offered for sale for 20 bitcoin.",
     [("size", "1.5TB", 1.5 * TB, "exact")]),
    ("The company, which stores 50 PB of customer backups, said no backups were touched.",
     [("size", "50 PB", 50 * PB, "exact")]),
    ("Attackers removed 1.2 TB of data and then deployed the encryptor across 300 servers.",
     [("size", "1.2 TB", 1.2 * TB, "exact"), ("count", "300 servers", 300, "exact")]),
    ("The hospital said the personal details of 13,000 patients may have been viewed.",
     [("count", "13,000 patients", 13000, "exact")]),
    ("The health board confirmed that more than 13,000 patients were affected by the intrusion.",
     [("count", "more than 13,000 patients", 13000, "more_than")]),
    ("Some 27,000 residents were told to watch for phishing emails after the council breach.",
     [("count", "Some 27,000 residents", 27000, "approx")]),
    ("The telecom said data of up to 9.8 million current and former customers had been accessed.",
     [("count", "up to 9.8 million current and former customers", 9.8e6, "up_to")]),
    ("The gaming studio warned about 2.3 million players to reset their passwords.",
     [("count", "about 2.3 million players", 2.3e6, "approx")]),
    ("The credit union began notifying nearly 290,000 members on Friday.",
     [("count", "nearly 290,000 members", 290000, "approx")]),
    ("A filing with the regulator put the number of affected people at 212,604 patients in total.",
     [("count", "212,604 patients", 212604, "exact")]),
    ("The gang claims to hold more than 4 million member records from the loyalty scheme.",
     [("count", "more than 4 million member records", 4e6, "more_than")]),
    ("The insurer said 1.1 million policyholders would be offered free credit monitoring.",
     [("count", "1.1 million policyholders", 1.1e6, "exact")]),
    ("The university said about 48,000 current and former students and staff were affected.",
     [("count", "about 48,000 current and former students and staff", 48000, "approx")]),
    ("An estimated 2 million people had their health data exposed, the ministry said.",
     [("count", "An estimated 2 million people", 2e6, "approx")]),
    ("The retailer said two million customers should watch out for scam calls.",
     [("count", "two million customers", 2e6, "exact")]),
    ("Names and addresses of 3m customers were posted on a hacking forum.",
     [("count", "3m customers", 3e6, "exact")]),
    ("At least 4,600 staff had their payroll records copied, a union official said.",
     [("count", "At least 4,600 staff", 4600, "more_than")]),
    ("As many as 1,200 passengers may have had their booking details exposed.",
     [("count", "As many as 1,200 passengers", 1200, "up_to")]),
    ("The breach exposed 2 million of its customers, the bank admitted on Monday.",
     [("count", "2 million of its customers", 2e6, "exact")]),
    ("Police said the group carried out 62 operations against hospitals since 2021.",
     [("count", "62 operations", 62, "exact")]),
    ("The charity warned over 2000 donors and 150 volunteers about the incident.",
     [("count", "over 2000 donors", 2000, "more_than"), ("count", "150 volunteers", 150, "exact")]),
    ("Regulators were told that 700 or more employees had their tax forms copied.",
     [("count", "700 or more employees", 700, "more_than")]),
    ("The firm, which stored roughly 1.8 TB for more than 40,000 clients, paid no ransom.",
     [("size", "roughly 1.8 TB", 1.8 * TB, "approx"), ("count", "more than 40,000 clients", 40000, "more_than")]),
]

ZH_CASES = [
    ("駭客聲稱竊取約1.3 TB資料，並於暗網公開部分檔案。",
     [("size", "約1.3 TB", 1.3 * TB, "approx")]),
    ("勒索軟件集團在其網站公布約400GB的內部文件。",
     [("size", "約400GB", 400 * GB, "approx")]),
    ("調查人員相信，黑客在加密伺服器前已複製逾1.5TB資料。",
     [("size", "逾1.5TB", 1.5 * TB, "more_than")]),
    ("該集團聲稱取得超過900GB的工程圖則及合約。",
     [("size", "超過900GB", 900 * GB, "more_than")]),
    ("根據外洩清單，最多750GB的電郵可能已被下載。",
     [("size", "最多750GB", 750 * GB, "up_to")]),
    ("攻擊者揚言掌握多達2TB的病歷資料。",
     [("size", "多達2TB", 2 * TB, "up_to")]),
    ("專家估計，黑客帶走近640GB的設計檔案。",
     [("size", "近640GB", 640 * GB, "approx")]),
    ("該公司證實，駭客竊取約2.3兆位元組的客戶資料。",
     [("size", "約2.3兆位元組", 2.3 * TB, "approx")]),
    ("外洩檔案總量達500吉位元組，包括大量掃描文件。",
     [("size", "500吉位元組", 500 * GB, "exact")]),
    ("醫管局表示，逾1.3萬名病人的資料可能已被查閱。",
     [("count", "逾1.3萬名病人", 13000, "more_than")]),
    ("屋苑管理公司通知約2.7萬名住戶提防詐騙電話。",
     [("count", "約2.7萬名住戶", 27000, "approx")]),
    ("該集團聲稱持有逾四百萬筆會員資料，並要求支付贖金。",
     [("count", "逾四百萬筆會員資料", 4e6, "more_than")]),
    ("電訊商表示，多達980萬名現有及過往客戶的個人資料或已外洩。",
     [("count", "多達980萬名現有及過往客戶", 9.8e6, "up_to")]),
    ("遊戲公司呼籲約230萬名玩家盡快更改密碼。",
     [("count", "約230萬名玩家", 2.3e6, "approx")]),
    ("信用合作社已開始通知近29萬名會員。",
     [("count", "近29萬名會員", 290000, "approx")]),
    ("區議會表示，約3,200名居民的地址及電話號碼外洩。",
     [("count", "約3,200名居民", 3200, "approx")]),
    ("平台指逾百萬名用戶受影響，已強制重設密碼。",
     [("count", "逾百萬名用戶", 1e6, "more_than")]),
    ("暗網論壇上有人兜售三千萬筆，售價未有公開。",
     [("count", "三千萬筆", 3e7, "exact")]),
    ("外洩資料庫共有1,600萬筆紀錄，涵蓋姓名及身分證號碼。",
     [("count", "1,600萬筆紀錄", 1.6e7, "exact")]),
    ("酒店集團證實約86,000名住客的訂房紀錄被盜。",
     [("count", "約86,000名住客", 86000, "approx")]),
    ("公司發言人表示，一萬二千名已收到通知。",
     [("count", "一萬二千名", 12000, "exact")]),
    ("監管機構估計受影響人數達兩百萬。",
     [("count", "兩百萬", 2e6, "exact")]),
    ("大學表示約4.8萬名現任及前任學生與教職員受影響。",
     [("count", "約4.8萬名現任及前任學生與教職員", 48000, "approx")]),
    ("保險公司將為110萬名保戶提供免費信用監察服務。",
     [("count", "110萬名保戶", 1.1e6, "exact")]),
    ("該銀行承認，超過50萬筆病患紀錄於事件中外洩。",
     [("count", "超過50萬筆病患紀錄", 500000, "more_than")]),
    ("當局指，約1.3萬人受影響，部分人已報警。",
     [("count", "約1.3萬人", 13000, "approx")]),
    ("該平台表示，1萬多名用戶的帳戶曾被異常登入。",
     [("count", "1萬多名用戶", 10000, "more_than")]),
    ("駭客聲稱取得約1.2TB資料，涉及逾50萬香港用戶資料。",
     [("size", "約1.2TB", 1.2 * TB, "approx"), ("count", "逾50萬香港用戶資料", 500000, "more_than")]),
    ("警方表示，該集團曾向逾300名受害者勒索，並入侵80家企業。",
     [("count", "逾300名受害者", 300, "more_than"), ("count", "80家企業", 80, "exact")]),
    ("資安業者指出，約5.6萬名使用者的帳號密碼在論壇上流傳。",
     [("count", "約5.6萬名使用者", 56000, "approx")]),
    # Simplified forms
    ("黑客声称窃取约1.5TB数据，涉及超过两百万名用户。",
     [("size", "约1.5TB", 1.5 * TB, "approx"), ("count", "超过两百万名用户", 2e6, "more_than")]),
    ("该公司称约230万名玩家的资料外泄。",
     [("count", "约230万名玩家", 2.3e6, "approx")]),
    # Full-width digits: matched, and offsets still point into the original text
    ("醫院表示，逾１.３萬名病人及約５００名員工受影響。",
     [("count", "逾１.３萬名病人", 13000, "more_than"), ("count", "約５００名員工", 500, "approx")]),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[c[0][:40] for c in EN_CASES])
def test_english_sentences(grammar: QuantityGrammar, text: str, expected: list) -> None:
    assert found(grammar, text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), ZH_CASES, ids=[c[0][:20] for c in ZH_CASES])
def test_chinese_sentences(grammar: QuantityGrammar, text: str, expected: list) -> None:
    assert found(grammar, text, "zh") == expected


@pytest.mark.parametrize(("text", "lang"), [(t, "en") for t, _ in EN_CASES] + [(t, "zh") for t, _ in ZH_CASES])
def test_offsets_and_number_text_point_into_the_input(grammar: QuantityGrammar, text: str, lang: str) -> None:
    for q in grammar.find(text, lang):
        assert q.text == text[q.start:q.end]
        assert q.number_text in q.text
        assert (q.noun is None) or (q.kind == "count" and q.text.endswith(q.noun))


# (text, lang, number_text, noun): the parts callers use to judge relevance
PARTS = [
    ("up to 9.8 million current and former customers were hit", "en", "9.8 million",
     "current and former customers"),
    ("more than 4 million member records", "en", "4 million", "member records"),
    ("data on 500,000 email addresses and phone numbers", "en", "500,000", "email addresses and phone numbers"),
    ("about 1.3 terabytes of data", "en", "1.3 terabytes", None),
    ("多達980萬名現有及過往客戶的個人資料", "zh", "980萬", "現有及過往客戶"),
    ("逾四百萬筆會員資料遭外洩", "zh", "四百萬", "會員資料"),
    ("約2.3兆位元組", "zh", "2.3兆位元組", None),
    ("外洩500萬個人資料。", "zh", "500萬", "個人資料"),
    ("逾500名在職員工受影響", "zh", "500", "在職員工"),
    ("三千萬筆，", "zh", "三千萬", None),
]


@pytest.mark.parametrize(("text", "lang", "number_text", "noun"), PARTS)
def test_number_text_and_noun(grammar: QuantityGrammar, text: str, lang: str, number_text: str,
                              noun: str | None) -> None:
    (q,) = grammar.find(text, lang)
    assert (q.number_text, q.noun) == (number_text, noun)


NEGATIVES = [
    ("The insurer paid a ransom of US$750,000 in bitcoin.", "en"),
    ("The attack cost the company 5.8 billion dollars in lost revenue.", "en"),
    ("Analysts put losses at HK$3 million and £5m respectively.", "en"),
    ("Ransomware attacks on hospitals rose 40% in 2023, and 25 percent of victims paid.", "en"),
    ("In 2019 customers first complained about the portal.", "en"),
    ("The outage lasted 30 days and the attackers stayed hidden for 200 hours.", "en"),
    ("She was the 1st patient to report it; call +852 2345 6789 or visit at 10:30.", "en"),
    ("The CVE-2023-4966 flaw in version 2.1.3 was patched on 12 May 2024.", "en"),
    ("Staff were told to reset passwords by 5 p.m. on 14 March, the memo dated 03/14 said.", "en"),
    ("公司最終支付贖金500萬美元。", "zh"),
    ("事件令公司損失約1.2億港元，股價下跌8%。", "zh"),
    ("該公司於2023年5月12日發現入侵，並於3個月內完成調查。", "zh"),
    ("百分之四十的受訪企業曾遭勒索軟件攻擊。", "zh"),
    ("當局呼籲市民千萬不要點擊可疑連結，以防萬一。", "zh"),
    ("該集團去年錄得1,200萬元虧損，罰款500萬。", "zh"),
    ("網絡攻擊次數較去年上升3個百分點，排名第3名。", "zh"),
    ("黑客在一天內發動1.2萬次攻擊。", "zh"),
    ("受影響系統包括統一名單平台。", "zh"),
    ("公司已向新台幣3億元保險索償。", "zh"),
]


@pytest.mark.parametrize(("text", "lang"), NEGATIVES)
def test_money_years_dates_and_percentages_are_not_quantities(grammar: QuantityGrammar, text: str,
                                                               lang: str) -> None:
    assert grammar.find(text, lang) == []


def test_size_wins_over_a_count_on_the_same_number(grammar: QuantityGrammar) -> None:
    (q,) = grammar.find("The leak (1.5 TB) came from 1.5TB drives.", "en")[:1]
    assert (q.kind, q.value) == ("size", 1.5 * TB)
    assert all(q.kind == "size" for q in grammar.find("約400GB資料，逾1.5TB檔案", "zh"))


def test_results_are_sorted_and_do_not_overlap(grammar: QuantityGrammar) -> None:
    text = "About 48,000 students, 1.2 TB of data and more than 13,000 patients and 4,600 staff."
    qs = grammar.find(text, "en")
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))
    assert [q.kind for q in qs] == ["count", "size", "count", "count"]


def test_values_are_exact(grammar: QuantityGrammar) -> None:
    (q,) = grammar.find("逾1.3萬名病人", "zh")
    assert q.value == 13000.0 and isinstance(q.value, float)
    (q,) = grammar.find("about 1.1 TB", "en")
    assert q.value == 1_100_000_000_000.0


def test_quantity_is_frozen(grammar: QuantityGrammar) -> None:
    (q,) = grammar.find("13,000 patients", "en")
    assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        q.value = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(("text", "value"), [
    ("13,000", 13000), ("212,604", 212604), ("1.3萬", 13000), ("四百萬", 4e6), ("百萬", 1e6),
    ("9.8 million", 9.8e6), ("一萬二千", 12000), ("一萬二", 12000), ("两百万", 2e6), ("兩百萬", 2e6),
    ("9.8億", 9.8e8), ("1,600萬", 1.6e7), ("三千萬", 3e7), ("一百零五", 105), ("二十五", 25),
    ("1億2千萬", 1.2e8), ("two million", 2e6), ("a million", 1e6), ("twenty-five thousand", 25000),
    ("one hundred million", 1e8), ("a hundred thousand", 1e5),
    ("2.5m", 2.5e6), ("1.2bn", 1.2e9), ("１.３萬", 13000), ("4,600", 4600),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "patients", "1.2.3", "約", "13,000 patients", "US$5"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_dict_and_file_give_the_same_grammar(data: dict[str, Any]) -> None:
    text = "多達980萬名現有及過往客戶，約1.3 TB"
    assert QuantityGrammar(data).find(text, "zh") == QuantityGrammar.load().find(text, "zh")
    assert QuantityGrammar(data).data == data


def test_unknown_language_is_a_value_error(grammar: QuantityGrammar) -> None:
    with pytest.raises(ValueError):
        grammar.find("13,000 patients", "fr")
    assert grammar.find("逾1.3萬名病人", "zh-Hant")[0].value == 13000


def _drop(d: dict, *keys: str) -> None:
    for key in keys[:-1]:
        d = d[key]
    del d[keys[-1]]


BAD_DATA = [
    ("wrong schema", lambda d: d.update(schema="v0"), "schema"),
    ("no size units", lambda d: _drop(d, "size_units"), "size_units"),
    ("negative factor", lambda d: d["size_units"][0].update(factor=-1), "factor"),
    ("factor as string", lambda d: d["size_units"][1].update(factor="1e3"), "factor"),
    ("unit listed twice", lambda d: d["size_units"][2]["abbrevs"].append("GB"), "GB"),
    ("unknown qualifier", lambda d: d["qualifiers"]["en"].update(roughly=["roughly"]), "qualifiers.en"),
    ("qualifier in two groups", lambda d: d["qualifiers"]["zh"]["up_to"].append("約"), "約"),
    ("empty noun", lambda d: d["count_nouns"]["en"].append(""), "count_nouns.en"),
    ("multi-char digit", lambda d: d["zh_numerals"]["digits"].update({"十一": 11}), "zh_numerals.digits"),
    ("classifier flag not bool", lambda d: d["zh_classifiers"].update({"名": "no"}), "zh_classifiers"),
    ("missing suffix language", lambda d: _drop(d, "stop_markers", "suffix", "zh"), "stop_markers.suffix"),
    ("no decimal point list", lambda d: _drop(d, "zh_numerals", "points"), "zh_numerals.points"),
    ("point is also a digit", lambda d: d["zh_numerals"].update(points=["一"]), "zh_numerals"),
    ("vague prefix of two chars", lambda d: d["zh_numerals"].update(vague_prefixes=["數十"]), "vague_prefixes"),
    ("not an object", lambda d: d.clear(), "schema"),
]


@pytest.mark.parametrize(("name", "mutate", "mentions"), BAD_DATA, ids=[b[0] for b in BAD_DATA])
def test_bad_data_is_rejected_with_a_clear_message(data: dict[str, Any], name: str, mutate: Any,
                                                   mentions: str) -> None:
    bad = copy.deepcopy(data)
    mutate(bad)
    with pytest.raises(ModelDataInvalid) as info:
        QuantityGrammar(bad)
    assert info.value.code == "E202"
    assert info.value.message.startswith("quantities.json: ")
    assert mentions in info.value.message


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing):
        QuantityGrammar.load(tmp_path / "nope.json")
    broken = tmp_path / "quantities.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ModelDataInvalid, match="not valid JSON"):
        QuantityGrammar.load(broken)


def test_module_does_not_import_spacy() -> None:
    code = "import sys, extractor.numbers as n; n.parse_number('1.3萬'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- one normaliser for both languages (issue 3) ----------------------------------------------

from extractor.numbers import Amount, normalise  # noqa: E402

# (expression, expected Amount): the forms an English article and its Chinese translation use.
NORMALISE_EN = [
    ("1.3 terabytes", Amount(1.3 * TB, "bytes")),
    ("about 1.3 TB", Amount(1.3 * TB, "bytes", "approx")),
    ("1,500 GB", Amount(1.5 * TB, "bytes")),
    ("more than 1.2TB", Amount(1.2 * TB, "bytes", "more_than")),
    ("up to 400 gigabytes", Amount(400 * GB, "bytes", "up_to")),
    ("2,400 KB", Amount(2.4 * MB, "bytes")),
    ("13,000", Amount(13000, "count")),
    ("13,000 records", Amount(13000, "count")),
    ("more than 13,000 patients", Amount(13000, "count", "more_than")),
    ("approximately 9.8 million customers", Amount(9_800_000, "count", "approx")),
    ("up to 2 million people", Amount(2_000_000, "count", "up_to")),
    ("over 250 organisations", Amount(250, "count", "more_than")),
    ("1.2bn", Amount(1.2e9, "count")),
    ("twenty thousand", Amount(20000, "count")),
]
NORMALISE_ZH = [
    ("約1.3 TB", Amount(1.3 * TB, "bytes", "approx")),
    ("1.3太字節", Amount(1.3 * TB, "bytes")),
    ("1.5兆位元組", Amount(1.5 * TB, "bytes")),
    ("1500吉字節", Amount(1.5 * TB, "bytes")),
    ("超過12TB", Amount(12 * TB, "bytes", "more_than")),
    ("最多400GB", Amount(400 * GB, "bytes", "up_to")),
    ("１．３ＴＢ", Amount(1.3 * TB, "bytes")),
    ("1.3萬", Amount(13000, "count")),
    ("１３，０００", Amount(13000, "count")),
    ("13,000名", Amount(13000, "count")),
    ("逾1.3萬名病人", Amount(13000, "count", "more_than")),
    ("一點三萬", Amount(13000, "count")),
    ("大約一點三萬名客戶", Amount(13000, "count", "approx")),
    ("四百萬名客戶", Amount(4_000_000, "count")),
    ("兩千萬", Amount(20_000_000, "count")),
    ("兩點五億", Amount(250_000_000, "count")),
    ("980萬名病患", Amount(9_800_000, "count")),
    ("多達940萬名乘客", Amount(9_400_000, "count", "up_to")),
    ("1.2萬筆紀錄", Amount(12000, "count")),
    ("300人", Amount(300, "count")),
    ("三千五百名學生", Amount(3500, "count")),
    ("1,600萬個帳戶", Amount(16_000_000, "count")),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISE_EN + NORMALISE_ZH,
                         ids=[t for t, _ in NORMALISE_EN + NORMALISE_ZH])
def test_normalise(text: str, expected: Amount) -> None:
    got = normalise(text)
    assert got is not None
    assert (got.dimension, got.qualifier) == (expected.dimension, expected.qualifier)
    assert got.value == pytest.approx(expected.value)


# pairs an English article and its translation use for the same figure
SAME = [
    ("1.3 terabytes", "約1.3 TB"),
    ("1,500 GB", "1.5兆位元組"),
    ("1.5 TB", "1500吉字節"),
    ("13,000 patients", "1.3萬名病人"),
    ("more than 13,000 patients", "逾一點三萬名病人"),
    ("9.8 million customers", "980萬名客戶"),
    ("2 million", "兩百萬"),
    ("about 4 million users", "約四百萬名用戶"),
]
DIFFERENT = [
    ("more than 1.2 TB", "超過12TB"),        # a decimal point dropped
    ("13,000 patients", "3.1萬名病人"),       # digits transposed
    ("1.5 TB", "1.5GB"),                     # a unit changed
    ("400 GB", "400名"),                     # a size is not a count
    ("9.8 million", "98萬"),                 # a scale slipped
]


@pytest.mark.parametrize(("en", "zh"), SAME)
def test_equal_values_in_other_forms_are_the_same_amount(en: str, zh: str) -> None:
    a, b = normalise(en, "en"), normalise(zh, "zh")
    assert a is not None and b is not None and a.same(b) and b.same(a)


@pytest.mark.parametrize(("en", "zh"), DIFFERENT)
def test_different_amounts_differ(en: str, zh: str) -> None:
    a, b = normalise(en, "en"), normalise(zh, "zh")
    assert a is not None and b is not None and not a.same(b)


@pytest.mark.parametrize("text", ["數百個受害者", "上萬名用戶", "幾千筆紀錄", "成千上萬的用戶"])
def test_vague_chinese_amounts_are_not_figures(grammar: QuantityGrammar, text: str) -> None:
    assert grammar.find(text, "zh") == []


@pytest.mark.parametrize("text", ["", "patients", "約", "三點", "US$5 million"])
def test_normalise_rejects_non_amounts(text: str) -> None:
    assert normalise(text) is None


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Revenue was HK$3.7 billion in 2023; 4,600 staff work there.", "en", {3.7e9, 2023, 4600}),
        ("The group posted 2m records and 1.2bn rows.", "en", {2e6, 1.2e9}),
        ("營業額為37億港元，僱用約4,600名員工。", "zh", {3.7e9, 4600}),
        ("逾一點三萬名病人及四百萬筆紀錄", "zh", {13000, 4e6}),
        ("全形數字１２０萬及１．５萬", "zh", {1.2e6, 15000}),
        ("停頓了四日,62宗手術須改期", "zh", {62}),
    ],
)
def test_every_number_as_a_value(grammar: QuantityGrammar, text: str, lang: str, values: set[float]) -> None:
    assert grammar.values(text, lang) == {float(v) for v in values}


# --- speed-only forms must match exactly like the plain ones -------------------------------

import re  # noqa: E402

from extractor.numbers.forms import scan  # noqa: E402
from extractor.numbers.regexes import alternation  # noqa: E402

_PHRASES = (["about", "around", "approx.", "Approx", "up to", "over", "Over", "a", "an estimated"],
            ["約", "大約", "約莫", "逾", "超過", "近"], ["GB", "gb", "Gb", "MB", "mB"])
_PROBES = ["About 5", "AROUND x", "approx. 3", "up  to 9", "an  estimated 7", "an 7", "a", "Overall",
           "大約三", "約莫五", "約五", "逾十", "超過", "GB gb Gb gB MB mb", "ſ K ı", ""]


@pytest.mark.parametrize("ignore_case", [False, True])
@pytest.mark.parametrize("words", _PHRASES, ids=["en", "zh", "units"])
def test_grouped_alternation_matches_like_the_plain_one(words: list[str], ignore_case: bool) -> None:
    plain = "|".join(re.escape(w).replace(r"\ ", "[ \u00a0]{1,2}") for w in sorted(set(words), key=lambda w: (-len(w), w)))
    plain = f"(?i:{plain})" if ignore_case else f"(?:{plain})"
    grouped = alternation(words, ignore_case=ignore_case)
    fallback = ignore_case and not all(w[0].isascii() for w in words)  # first characters too ambiguous to group
    assert (grouped == plain) == fallback
    for probe in _PROBES:
        for at in range(len(probe) + 1):
            a, b = re.compile(plain).match(probe, at), re.compile(grouped).match(probe, at)
            assert (a and a.span()) == (b and b.span()), (probe, at)


@pytest.mark.parametrize("text", ["about 1.3 TB and over 2,000 people; 約400GB及逾1.3萬名病人", "in 2023 some 5 staff",
                                  "1,234,567 x 12.5 y", "no figures at all", "大約三百萬名用戶、逾千人"])
def test_scan_finds_what_finditer_finds(grammar: QuantityGrammar, text: str) -> None:
    rx = grammar.regexes
    for pattern, starts in [(rx.size["en"], rx.size_starts["en"]), (rx.size["zh"], rx.size_starts["zh"]),
                            (rx.en_count, rx.en_count_starts), (rx.zh_count, rx.zh_count_starts)]:
        assert [m.span() + m.groups() for m in scan(pattern, starts, text)] == \
               [m.span() + m.groups() for m in pattern.finditer(text)]


# --- one extraction's memo: the grammar's answers, asked once -----------------------------------

from extractor.numbers import Quantities, amounts  # noqa: E402

MEMO_TEXTS = [("about 1.3 TB and over 2,000 people", "en"), ("約400GB及逾1.3萬名病人、三部伺服器", "zh"),
              ("half a million users, three servers, 4,321 files", "en"), ("1.9兆韓元", "zh-Hant")]


@pytest.mark.parametrize("text, lang", MEMO_TEXTS)
def test_quantities_answer_as_the_grammar_does(grammar: QuantityGrammar, text: str, lang: str) -> None:
    memo = Quantities(grammar)
    for _ in range(2):  # asked twice: the second answer is the remembered one
        assert memo.find(text, lang) == tuple(grammar.find(text, lang))
        assert memo.numbers(text, lang) == grammar.numbers(text, lang)
        assert memo.values(text, lang) == grammar.values(text, lang)
        assert memo.loose_values(text, lang) == grammar.loose_values(text, lang)
        assert memo.amounts(text, lang) == amounts(text, lang, grammar)


def test_quantities_take_what_the_pipeline_found(grammar: QuantityGrammar) -> None:
    memo = Quantities(grammar)
    text = "about 1.3 TB was taken"
    found = tuple(grammar.find(text, "en"))
    memo.remember(text, "en", found)
    assert memo.find(text, "en") is not None and memo.find(text, "en") == found
    memo.remember("not a quantity", "zh-Hant", found)  # whatever it is told, for that text and language
    assert memo.find("not a quantity", "zh") == found and memo.find("not a quantity", "en") == ()


def test_the_grammar_remembers_nothing(grammar: QuantityGrammar) -> None:
    assert not any(isinstance(value, dict) and value and all(isinstance(k, tuple) for k in value)
                   for value in vars(grammar).values())


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.numbers.forms import ARABIC  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.from_regex(f"\\A{ARABIC}\\Z"))
def test_a_plain_figure_reads_as_the_parsers_read_it(figure: str) -> None:
    figure = figure.rstrip("\n")  # \Z allows none, from_regex may still end with one
    grammar = QuantityGrammar.load()
    fast = float(figure.replace(",", ""))  # values() reads a plain figure directly
    assert fast == float(grammar.numerals.parse_zh(figure)) == float(grammar.numerals.parse_en(figure))
    assert grammar.values(f"共{figure}宗", "zh") == grammar.values(f"total {figure} cases", "en") == {fast}
