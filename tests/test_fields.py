"""Field by field, through the whole library path (extractor.core.extract_text).

Every text here was written for these tests: short incident reports of 2-3 sentences in
English or Traditional Chinese (Hong Kong usage 黑客/網絡/數據/電郵 and Taiwan usage
駭客/網路/資料/身分證字號/兆位元組). The expected values follow the annotation rules in
shared/corpus/README.md, read as a careful human would, not whatever the tool says today.
A case the tool gets wrong is marked xfail(strict=True) with a one-line bug report.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import pytest

from extractor.core import extract_text

TB, GB, MB = 10**12, 10**9, 10**6


@lru_cache(maxsize=None)
def _record(text: str) -> dict[str, Any]:
    return extract_text(text)


def facts(text: str) -> dict[str, Any]:
    return _record(text)["facts"]


def other(lang: str) -> str:
    return "zh" if lang == "en" else "en"


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"bug: {reason}")


# =============================================================================================
# actor: the group that claimed the attack or is attributed with it; [] when none is named
# =============================================================================================

# (lang, text, expected actors: one tuple of acceptable names per actor, names that must not appear)
ACTOR_CASES = [
    pytest.param(
        "en",
        "A previously unknown group calling itself Obsidian Heron has claimed responsibility for a cyberattack "
        "on Kestrel Freight Ltd, a Hong Kong logistics company. The group published samples of crew passports "
        "on its leak site on Tuesday.",
        [("Obsidian Heron",)], [], id="en-calling-itself"),
    pytest.param(
        "en",
        "The ransomware group Medusa has added Brightwater Dental Group to its dark web leak site, giving the "
        "Australian clinic chain nine days to pay. Medusa says it holds 210 GB of patient files.",
        [("Medusa",)], [], id="en-ransomware-group-X"),
    pytest.param(
        "en",
        "Qilin claimed the attack on Northgate Primary Care Trust in a post on its leak site on Monday. The "
        "trust, which runs 40 GP surgeries in northern England, said appointment systems had been down since "
        "the weekend.",
        [("Qilin",)], [], id="en-X-claimed"),
    pytest.param(
        "en",
        "REvil, also known as Sodinokibi, said it had breached Halden Precision AG, a Swiss maker of machine "
        "tools, and demanded $5 million. The gang threatened to publish design drawings if the company did "
        "not pay.",
        [("REvil", "Sodinokibi")], [], id="en-name-and-alias"),
    pytest.param(
        "en",
        "Operators of the Sodinokibi ransomware claimed on Friday that they had stolen 1 TB of data from "
        "Marlowe & Finch LLP, a London law firm. The firm said it was working with forensic investigators.",
        [("REvil", "Sodinokibi")], [], id="en-alias-only"),
    pytest.param(
        "en",
        "ALPHV, also known as BlackCat, claimed it had stolen 3 TB of data from Corvina Health Systems, a "
        "Florida hospital operator. The hospital said it had hired outside experts.",
        [("ALPHV", "BlackCat", "ALPHV/BlackCat")], [], id="en-alphv-blackcat"),
    pytest.param(
        "en",
        "An unidentified hacking group broke into the network of Lakeside Water Authority last week and copied "
        "billing records. Security researchers said the intrusion resembled attacks by groups such as LockBit "
        "and Black Basta, but no group has claimed responsibility.",
        [], ["LockBit", "Black Basta"], id="en-background-groups-only"),
    pytest.param(
        "en",
        "The Akira ransomware gang claimed the attack on Fenwick Tooling Inc., an Ohio maker of precision "
        "parts, on Thursday. The claim comes months after police disrupted LockBit, whose affiliates have "
        "since moved to other groups such as RansomHub.",
        [("Akira",)], ["LockBit", "RansomHub"], id="en-actor-plus-background"),
    pytest.param(
        "en",
        "Unknown attackers gained access to the student portal of Westmere University over the Easter weekend "
        "and downloaded exam records. The university said no group had contacted it or claimed the attack.",
        [], [], id="en-unnamed"),
    # --- Traditional Chinese
    pytest.param(
        "zh",
        "一個自稱Crimson Heron的黑客組織聲稱入侵香港灣景物流有限公司，並在其洩密網站公開部分船員護照樣本。"
        "灣景物流表示已報警處理。",
        [("Crimson Heron",)], [], id="zh-calling-itself-hk"),
    pytest.param(
        "zh",
        "勒索軟體集團Medusa將台中明新牙醫診所列入其暗網洩密網站，並要求診所在九天內支付贖金。"
        "Medusa聲稱握有210GB病患資料。",
        [("Medusa",)], [], id="zh-ransomware-group-X-tw"),
    pytest.param(
        "zh",
        "FulcrumSec聲稱已入侵台灣恆信人壽的網路，竊取約80萬筆保戶資料。該公司表示正與資安業者調查事件。",
        [("FulcrumSec",)], [], id="zh-X-claimed-tw"),
    pytest.param(
        "zh",
        "勒索軟件集團REvil(又名Sodinokibi)聲稱入侵澳門金濠娛樂集團，並索取500萬美元贖金。"
        "該集團表示正評估事件影響。",
        [("REvil", "Sodinokibi")], [], id="zh-name-and-alias-hk"),
    pytest.param(
        "zh",
        "Sodinokibi勒索軟體的經營者聲稱入侵新竹晶宇科技股份有限公司，竊取約1兆位元組的設計圖檔。"
        "晶宇科技表示生產線運作正常。",
        [("REvil", "Sodinokibi")], [], id="zh-alias-only-tw"),
    pytest.param(
        "zh",
        "身份不明的黑客上周入侵了湖濱水務署的網絡，複製了用戶賬單紀錄。保安專家指手法與LockBit及Black Basta"
        "等組織相似，但至今未有任何組織承認責任。",
        [], ["LockBit", "Black Basta"], id="zh-background-groups-only-hk"),
    pytest.param(
        "zh",
        "勒索軟件組織Akira周四聲稱攻擊香港精密零件製造商豐華工業有限公司。執法部門早前瓦解LockBit後，"
        "其成員已轉投RansomHub等其他組織。",
        [("Akira",)], ["LockBit", "RansomHub"], id="zh-actor-plus-background-hk"),
    pytest.param(
        "zh",
        "不明駭客在連假期間入侵西嶺大學的學生入口網站，下載考試成績資料。校方表示，目前沒有任何組織聯繫校方"
        "或出面承認犯案。",
        [], [], id="zh-unnamed-tw"),
]


@pytest.mark.parametrize(("lang", "text", "expected", "absent"), ACTOR_CASES)
def test_actor(lang: str, text: str, expected: list[tuple[str, ...]], absent: list[str]) -> None:
    items = facts(text)["actor"]
    names = [item[lang] for item in items]
    assert all(item[other(lang)] is None for item in items)
    assert len(names) == len(expected), names
    for choices in expected:
        assert any(name in choices for name in names), (choices, names)
    for name in absent:
        assert not any(name in (n or "") for n in names), (name, names)


# =============================================================================================
# victim: the organisation whose systems or data were attacked
# =============================================================================================

# (lang, text, acceptable exact forms of the victim's name, strings no victim may contain).
# Several forms are listed where the text itself uses several (full name with legal suffix, short name).
VICTIM_CASES = [
    pytest.param(
        "en",
        "Hackers broke into the email servers of Corrigan Marine Holdings Ltd, a Hong Kong shipping company, "
        "and stole crew records, the company said on Monday. Corrigan Marine said its vessels were operating "
        "normally.",
        ("Corrigan Marine Holdings Ltd", "Corrigan Marine Holdings", "Corrigan Marine"), [],
        id="en-legal-suffix"),
    pytest.param(
        "en",
        "Westmere University Hospital has confirmed that patient data was stolen in a ransomware attack on its "
        "network last week. The hospital said emergency care was not affected.",
        ("Westmere University Hospital",), [], id="en-named-first-in-lead"),
    pytest.param(
        "en",
        "\u201cWe are working around the clock to restore our systems,\u201d said Martin Albrecht, chief "
        "executive of Vogel Logistik GmbH, after the German freight company disclosed a ransomware attack on "
        "Wednesday. Albrecht said customer shipments had been delayed.",
        ("Vogel Logistik GmbH", "Vogel Logistik"), ["Albrecht"],
        id="en-quoted-person-not-victim"),
    pytest.param(
        "en",
        "According to BleepingComputer, hackers stole about 200 GB of data from Pinecrest Insurance Group, a "
        "Canadian home insurer. Pinecrest confirmed the breach in a statement on Friday.",
        ("Pinecrest Insurance Group", "Pinecrest"), ["BleepingComputer"],
        id="en-cited-outlet-not-victim"),
    pytest.param(
        "en",
        "Harland Foods Inc. said attackers had accessed the loyalty database of its supermarket chain. The "
        "breach follows a similar incident at JD Sports, in which the data of 10 million customers was exposed.",
        ("Harland Foods Inc.", "Harland Foods Inc", "Harland Foods"), ["JD Sports"],
        id="en-comparison-company-not-victim"),
    pytest.param(
        "en",
        "Kiwi Mobile, the consumer arm of Southern Cross Telecom Group, said hackers had accessed the personal "
        "details of some of its subscribers. The parent company said its enterprise network was not affected.",
        ("Kiwi Mobile",), ["Southern Cross"], id="en-parent-company-not-victim"),
    pytest.param(
        "en",
        "The ransomware group Play claimed an attack on Redbridge Borough Council in a post on its leak site. "
        "The council said its online services had been down since Sunday.",
        ("Redbridge Borough Council",), ["Play"], id="en-attack-on-X"),
    # --- Traditional Chinese
    pytest.param(
        "zh",
        "港灣醫療集團證實其電腦系統遭黑客入侵，部分病人的數據外洩。集團表示，旗下診所的急症服務並未受影響。",
        ("港灣醫療集團",), [], id="zh-jituan-hk"),
    pytest.param(
        "zh",
        "台中仁愛醫院表示，駭客上週入侵其掛號系統，部分病患的身分證字號可能外洩。醫院已通報衛生福利部。",
        ("台中仁愛醫院", "仁愛醫院"), [], id="zh-yiyuan-tw"),
    pytest.param(
        "zh",
        "東嶺大學今日證實，學校的電郵系統遭黑客入侵，約3,000名學生的個人資料可能外洩。大學已通知私隱專員公署。",
        ("東嶺大學",), [], id="zh-daxue-hk"),
    pytest.param(
        "zh",
        "駭客入侵新竹晶宇科技股份有限公司的網路，竊取大量晶片設計圖檔。晶宇科技表示，生產線運作正常。",
        ("晶宇科技股份有限公司", "晶宇科技"), [], id="zh-gufen-youxian-gongsi-tw"),
    pytest.param(
        "zh",
        "「我們正全力恢復系統。」福華物流有限公司行政總裁陳志明周三表示，公司遭勒索軟件攻擊，部分貨件延誤。"
        "陳志明稱已通知警方。",
        ("福華物流有限公司", "福華物流"), ["陳志明"], id="zh-quoted-person-not-victim-hk"),
    pytest.param(
        "zh",
        "據《明報》報道，黑客入侵了本地連鎖超市金穗超市的會員系統，竊取會員的電郵地址及電話號碼。"
        "金穗超市已就事件報警。",
        ("金穗超市",), ["明報"], id="zh-cited-outlet-not-victim-hk"),
    pytest.param(
        "zh",
        "海峰航運集團表示，駭客入侵其電子郵件伺服器並竊取船員資料。去年另一家航運公司東方貨櫃亦曾遭類似攻擊。",
        ("海峰航運集團", "海峰航運"), ["東方貨櫃"], id="zh-comparison-company-not-victim-tw"),
]


@pytest.mark.parametrize(("lang", "text", "expected", "absent"), VICTIM_CASES)
def test_victim(lang: str, text: str, expected: tuple[str, ...], absent: list[str]) -> None:
    items = facts(text)["victim"]
    assert items, "no victim"
    assert items[0][lang] in expected, items[0][lang]
    assert items[0][other(lang)] is None
    for name in absent:
        assert not any(name in (item[lang] or "") for item in items), (name, [i[lang] for i in items])


# =============================================================================================
# data_size: the amount stolen, never a storage total or a file-size limit
# =============================================================================================

# (lang, text, bytes or None, qualifier)
SIZE_CASES = [
    pytest.param(
        "en",
        "The LockBit gang says it stole about 1.3 TB of data from Nordhavn Shipping, a Danish ferry operator. "
        "The files include crew contracts and port schedules.",
        1.3 * TB, "approx", id="en-about"),
    pytest.param(
        "en",
        "Hackers claim to have taken more than 450 GB of files from Brightwater Dental Group before encrypting "
        "its servers. The clinic chain said it was investigating.",
        450 * GB, "more_than", id="en-more-than"),
    pytest.param(
        "en",
        "Investigators believe the attackers may have copied up to 2 TB of engineering documents from Halden "
        "Precision AG. The company has not confirmed the figure.",
        2 * TB, "up_to", id="en-up-to"),
    pytest.param(
        "en",
        "The group posted a 780GB archive that it says was taken from Corvina Health Systems. The hospital "
        "operator said it was reviewing the files.",
        780 * GB, "exact", id="en-exact"),
    pytest.param(
        "en",
        "Cloudvault Hosting, which stores 50 PB of customer files across three data centres, said attackers "
        "copied roughly 600 GB from a single backup server. No other systems were touched.",
        600 * GB, "approx", id="en-storage-total-distractor"),
    pytest.param(
        "en",
        "Medusa said it had stolen 120 GB from Pinecrest Insurance Group. The same gang leaked 3 TB of files "
        "from a US school district last year.",
        120 * GB, "exact", id="en-other-incident-distractor"),
    pytest.param(
        "en",
        "The attackers used a file-sharing service that caps uploads at 250 GB, exfiltrating about 75 GB of "
        "HR records through it over two nights. Fenwick Tooling said it had blocked the service.",
        75 * GB, "approx", id="en-upload-limit-distractor"),
    pytest.param(
        "en",
        "Nearly 900 MB of payroll spreadsheets were leaked after the breach at Fenwick Tooling Inc. The "
        "company said it would notify affected staff.",
        900 * MB, "approx", id="en-nearly"),
    pytest.param(
        "en",
        "Kestrel Freight confirmed that hackers had accessed its booking system. The company did not say how "
        "much data was taken.",
        None, None, id="en-no-amount"),
    # --- Traditional Chinese
    pytest.param(
        "zh",
        "LockBit聲稱從北港航運竊取約1.3TB數據，包括船員合約。北港航運表示正調查事件。",
        1.3 * TB, "approx", id="zh-yue"),
    pytest.param(
        "zh",
        "黑客聲稱在加密伺服器前，已從明新牙科集團盜取逾450GB檔案。該集團表示已報警。",
        450 * GB, "more_than", id="zh-yu"),
    pytest.param(
        "zh",
        "調查人員相信，攻擊者可能複製了最多2TB的工程文件。哈爾登精密尚未證實有關數字。",
        2 * TB, "up_to", id="zh-zuiduo"),
    pytest.param(
        "zh",
        "調查人員相信，攻擊者最多可能複製了2TB的工程文件。哈爾登精密尚未證實有關數字。",
        2 * TB, "up_to", id="zh-zuiduo-before-verb",
        marks=bug("'最多可能複製了2TB': qualifier 最多 separated from the number is lost (exact, not up_to)")),
    pytest.param(
        "zh",
        "駭客聲稱竊取了晶宇科技2.3兆位元組的客戶資料，並已在暗網公開部分樣本。晶宇科技表示正在調查。",
        2.3 * TB, "exact", id="zh-zhaoweiyuanzu-tw"),
    pytest.param(
        "zh",
        "雲庫主機表示，公司的資料中心共儲存50PB客戶檔案，駭客從其中一台備份伺服器複製了約600GB資料。"
        "其他系統並未受影響。",
        600 * GB, "approx", id="zh-storage-total-distractor-tw"),
    pytest.param(
        "zh",
        "該組織聲稱已從福華物流竊取超過1.1 TB的內部文件，並要求公司於七天內支付贖金。",
        1.1 * TB, "more_than", id="zh-chaoguo-with-space"),
    pytest.param(
        "zh",
        "Medusa聲稱從恆信人壽竊取多達800GB保戶資料。該組織去年亦曾外洩美國一個學區的3TB檔案。",
        800 * GB, "up_to", id="zh-duoda-other-incident-distractor"),
    pytest.param(
        "zh",
        "豐華工業表示，近900MB的薪酬試算表在事件中外洩。公司會通知受影響的員工。",
        900 * MB, "approx", id="zh-jin"),
]


@pytest.mark.parametrize(("lang", "text", "size", "qualifier"), SIZE_CASES)
def test_data_size(lang: str, text: str, size: float | None, qualifier: str | None) -> None:
    value = facts(text)["data_size"]
    if size is None:
        assert value is None or value[lang] is None, value
        return
    side = value[lang]
    assert side["bytes"] == pytest.approx(size)
    assert side["qualifier"] == qualifier
    assert side["text"] in text


# =============================================================================================
# record_count: affected people or records, never a population or another firm's customers
# =============================================================================================

# (lang, text, value, qualifier)
COUNT_CASES = [
    pytest.param(
        "en",
        "Westmere University Hospital said the personal data of more than 13,000 patients had been copied. "
        "The hospital has begun writing to those affected.",
        13_000, "more_than", id="en-more-than"),
    pytest.param(
        "en",
        "Kiwi Mobile said about 2.4 million customers had their names and phone numbers exposed. The carrier "
        "is offering free credit monitoring.",
        2_400_000, "approx", id="en-about-million"),
    pytest.param(
        "en",
        "Skyward Air warned that up to 1.6 million passengers may have been affected by the breach. The "
        "airline said flight operations were normal.",
        1_600_000, "up_to", id="en-up-to"),
    pytest.param(
        "en",
        "Hackers stole the payroll records of 56,000 employees from Fenwick Tooling Inc. The company said it "
        "learned of the theft on Monday.",
        56_000, "exact", id="en-exact"),
    pytest.param(
        "en",
        "Redbridge Borough Council, which serves 2 million residents, said the records of around 40,000 "
        "residents were accessed. The council has contacted those affected.",
        40_000, "approx", id="en-population-distractor"),
    pytest.param(
        "en",
        "Harland Foods Inc. said 310,000 loyalty members were affected by the breach. A breach at another "
        "retailer last year exposed 10 million customers.",
        310_000, "exact", id="en-other-company-distractor"),
    pytest.param(
        "en",
        "Nearly 300,000 students and staff at Westmere University had their email addresses leaked. The "
        "university said passwords were not exposed.",
        300_000, "approx", id="en-nearly"),
    pytest.param(
        "en",
        "Pinecrest Insurance Group said as many as 1.2 million policyholders could be affected. The insurer "
        "has notified the privacy commissioner.",
        1_200_000, "up_to", id="en-as-many-as"),
    pytest.param(
        "en",
        "Harland Foods Inc., which runs a chain of 120 supermarkets, said its loyalty database was accessed. "
        "It has not said how many members were affected.",
        None, None, id="en-store-count-not-people"),
    # --- Traditional Chinese
    pytest.param(
        "zh",
        "港灣醫療集團表示，逾1.3萬名病人的個人資料被複製。集團已開始通知受影響人士。",
        13_000, "more_than", id="zh-yu-wan-hk"),
    pytest.param(
        "zh",
        "紐西蘭電信商Kiwi Mobile表示，約240萬名客戶的姓名及電話號碼外洩。公司將提供免費信用監察服務。",
        2_400_000, "approx", id="zh-yue-wan"),
    pytest.param(
        "zh",
        "天翔航空警告，多達160萬名乘客可能受事件影響。航空公司表示航班運作正常。",
        1_600_000, "up_to", id="zh-duoda"),
    pytest.param(
        "zh",
        "駭客竊取了遊戲平台星河娛樂四百萬名用戶的帳號資料。公司已要求用戶更改密碼。",
        4_000_000, "exact", id="zh-chinese-numeral-tw"),
    pytest.param(
        "zh",
        "紅橋區議會服務約200萬名居民。議會表示，約4萬名居民的紀錄遭存取，已聯絡受影響人士。",
        40_000, "approx", id="zh-population-distractor-hk"),
    pytest.param(
        "zh",
        "東嶺大學表示，超過三萬名學生及教職員的電郵地址外洩。大學指密碼並未外洩。",
        30_000, "more_than", id="zh-chaoguo-chinese-numeral-hk"),
    pytest.param(
        "zh",
        "金穗超市證實，68,000名會員的資料在事件中外洩。去年另一間零售商的事故則涉及1,000萬名顧客。",
        68_000, "exact", id="zh-exact-other-company-distractor"),
    pytest.param(
        "zh",
        "豐華工業表示，近五千名員工的薪酬資料外洩。公司會逐一通知受影響員工。",
        5_000, "approx", id="zh-jin-chinese-numeral"),
]


@pytest.mark.parametrize(("lang", "text", "count", "qualifier"), COUNT_CASES)
def test_record_count(lang: str, text: str, count: int | None, qualifier: str | None) -> None:
    value = facts(text)["record_count"]
    if count is None:
        assert value is None or value[lang] is None, value
        return
    assert value is not None and value[lang] is not None, value
    side = value[lang]
    assert side["value"] == count
    assert side["qualifier"] == qualifier
    assert side["text"] in text


# =============================================================================================
# data_types: the kinds of leaked data; data said to be unaffected is excluded
# =============================================================================================

# (lang, text, phrases that must each be an item, strings no item may contain)
TYPE_CASES = [
    pytest.param(
        "en",
        "The attackers took data including names, addresses and passport numbers of 12,000 travellers. "
        "Kestrel Freight said it had alerted the immigration authorities.",
        ["names", "addresses", "passport numbers"], [], id="en-including"),
    pytest.param(
        "en",
        "Leaked files include medical records and insurance details. Payment card data was not affected, the "
        "hospital said.",
        ["medical records", "insurance details"], ["card"], id="en-card-not-affected"),
    pytest.param(
        "en",
        "The group published files including passport copies, bank account numbers and salary slips belonging "
        "to staff. The company has offered employees identity protection.",
        ["passport copies", "bank account numbers", "salary slips"], [], id="en-staff-files"),
    pytest.param(
        "en",
        "Stolen data included customer contracts, invoices and email addresses, according to the leak site. "
        "Harland Foods has not disputed the claim.",
        ["customer contracts", "invoices", "email addresses"], [], id="en-included"),
    pytest.param(
        "en",
        "The exposed information included dates of birth and phone numbers. Passwords were not affected, "
        "Kiwi Mobile said.",
        ["dates of birth", "phone numbers"], ["password"], id="en-passwords-not-affected"),
    pytest.param(
        "en",
        "Hackers copied files including tax file numbers and driver's licence numbers. The company said "
        "credit card details were not affected.",
        ["tax file numbers", "driver's licence numbers"], ["credit card"], id="en-credit-card-not-affected"),
    pytest.param(
        "en",
        "The stolen records include exam results and medical histories of students. Westmere University said "
        "it was contacting families.",
        ["exam results", "medical histories"], [], id="en-include"),
    # --- Traditional Chinese
    pytest.param(
        "zh",
        "外洩數據包括姓名、地址及護照號碼。紅隼貨運表示已通知入境處。",
        ["姓名", "地址", "護照號碼"], [], id="zh-baokuo-hk"),
    pytest.param(
        "zh",
        "被盜資料包括病歷及保險資料。醫院表示，信用卡資料並未受影響。",
        ["病歷", "保險資料"], ["信用卡"], id="zh-card-not-affected-hk"),
    pytest.param(
        "zh",
        "駭客公開的檔案包括員工的身分證字號、銀行帳戶號碼及薪資單。公司已為員工提供身分保護服務。",
        ["身分證字號", "銀行帳戶號碼", "薪資單"], [], id="zh-staff-files-tw"),
    pytest.param(
        "zh",
        "被竊資料包括客戶合約、發票及電郵地址。金穗超市並無否認有關說法。",
        ["客戶合約", "發票", "電郵地址"], [], id="zh-contracts-hk"),
    pytest.param(
        "zh",
        "外洩資料包括出生日期及電話號碼。Kiwi Mobile表示，密碼並未受影響。",
        ["出生日期", "電話號碼"], ["密碼"], id="zh-passwords-not-affected"),
    pytest.param(
        "zh",
        "駭客竊取的資料包括病患的健保卡號及病歷。醫院表示，付款資料並未受影響。",
        ["健保卡號", "病歷"], ["付款"], id="zh-payment-not-affected-tw"),
    pytest.param(
        "zh",
        "外洩數據包括學生的考試成績及醫療紀錄。東嶺大學表示正聯絡家長。",
        ["考試成績", "醫療紀錄"], [], id="zh-exam-results-hk"),
]


@pytest.mark.parametrize(("lang", "text", "expected", "absent"), TYPE_CASES)
def test_data_types(lang: str, text: str, expected: list[str], absent: list[str]) -> None:
    items = [item[lang] for item in facts(text)["data_types"]]
    for phrase in expected:
        assert phrase in items, (phrase, items)
    for word in absent:
        assert not any(word.lower() in (item or "").lower() for item in items), (word, items)


# =============================================================================================
# encryption: True when encrypted or locked, False when the article says not, None when silent
# =============================================================================================

ENCRYPTION_CASES = [
    pytest.param("en", "Kestrel Freight said its servers were encrypted on Saturday, halting cargo bookings for two "
                 "days. The company is restoring from backups.", True, id="en-servers-encrypted"),
    pytest.param("en", "Files on the hospital's shared drives were locked by ransomware, and staff went back to paper "
                 "records. Emergency care continued.", True, id="en-locked"),
    pytest.param("en", "The attackers encrypted more than 200 virtual machines at the Cloudvault data centre. "
                 "Customers were told to expect delays.", True, id="en-attackers-encrypted"),
    pytest.param("en", "The group stole data but did not encrypt any of the company's systems, Harland Foods said. "
                 "Stores are trading normally.", False, id="en-did-not-encrypt"),
    pytest.param("en", "No systems were encrypted and the attackers only copied files, the council said. Online "
                 "services remain available.", False, id="en-no-systems-encrypted"),
    pytest.param("en", "Hackers stole 120 GB of files from Pinecrest Insurance Group, the company said on Friday. "
                 "It has notified regulators.", None, id="en-silent"),
    pytest.param("en", "Westmere University confirmed the breach on Monday. It did not say whether its systems were "
                 "encrypted.", None, id="en-did-not-say-whether"),
    pytest.param("en", "The insurer's website was unavailable for most of Tuesday. Pinecrest said it was "
                 "investigating a cyber incident.", None, id="en-unavailable-only"),
    # --- Traditional Chinese
    pytest.param("zh", "紅隼貨運表示，其伺服器於周六遭加密，貨運訂艙系統停頓兩日。公司正從備份恢復資料。", True,
                 id="zh-zao-jiami-hk"),
    pytest.param("zh", "醫院共用硬碟上的檔案被勒索軟件鎖定，職員須改用紙本紀錄。急症服務維持正常。", True,
                 id="zh-locked-hk"),
    pytest.param("zh", "駭客加密了雲庫主機資料中心逾200部虛擬機器。客戶獲通知服務將會延誤。", True,
                 id="zh-attackers-encrypted-tw"),
    pytest.param("zh", "金穗超市表示，該組織竊取了資料，但並未加密公司任何系統。分店照常營業。", False,
                 id="zh-bingwei-jiami"),
    pytest.param("zh", "區議會表示，沒有系統被加密，攻擊者只複製了檔案。網上服務維持正常。", False,
                 id="zh-no-systems-encrypted"),
    pytest.param("zh", "駭客從恆信人壽竊取了120GB檔案，公司周五證實事件。公司已通報主管機關。", None,
                 id="zh-silent-tw"),
    pytest.param("zh", "東嶺大學周一證實資料外洩，但並未透露其系統是否遭加密。", None,
                 id="zh-did-not-say-whether"),
    pytest.param("zh", "恆信人壽的網站周二大部分時間無法存取。公司表示正調查一宗網路安全事件。", None,
                 id="zh-unavailable-only-tw"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ENCRYPTION_CASES)
def test_encryption(lang: str, text: str, expected: bool | None) -> None:
    assert facts(text)["encryption"] is expected


# =============================================================================================
# ransom: the victim's own status; paid > refused > demanded; None if no demand or unknown
# =============================================================================================

RANSOM_CASES = [
    pytest.param("en", "Fenwick Tooling Inc. paid a ransom of $1.5 million to recover its files, two people familiar "
                 "with the matter said. The company declined to comment.", "paid", id="en-paid"),
    pytest.param("en", "Kestrel Freight said it would not pay the ransom and was restoring its systems from backups. "
                 "Bookings resumed on Monday.", "refused", id="en-will-not-pay"),
    pytest.param("en", "The group demanded $2 million in bitcoin from Pinecrest Insurance Group in exchange for "
                 "deleting the files. The insurer has not commented.", "demanded", id="en-demanded"),
    pytest.param("en", "Harland Foods said it had not received any ransom demand. The attackers have not contacted "
                 "the company.", None, id="en-no-demand-received"),
    pytest.param("en", "Another logistics firm paid a $4 million ransom to the same gang last year. Medusa has now "
                 "demanded $3 million from Vogel Logistik GmbH.", "demanded", id="en-other-company-paid"),
    pytest.param("en", "Unlike Coral Sands Casino, which paid a ransom after a similar attack, Meridian Bay Resorts "
                 "refused to pay. Its hotels are operating normally.", "refused", id="en-refused-other-paid"),
    pytest.param("en", "The hackers demanded $5 million, but Halden Precision AG refused to negotiate. Production "
                 "has resumed at its plants.", "refused", id="en-demanded-then-refused"),
    pytest.param("en", "Hackers stole 120 GB of files from Pinecrest Insurance Group, the company said on Friday. "
                 "It has notified regulators.", None, id="en-silent"),
    pytest.param("en", "The gang demanded $5 million and threatened to publish design drawings if Halden Precision AG "
                 "did not pay. The company has not responded.", "demanded", id="en-conditional-did-not-pay"),
    # --- Traditional Chinese
    pytest.param("zh", "知情人士透露，豐華工業支付了150萬美元贖金以取回檔案。公司拒絕置評。", "paid", id="zh-paid"),
    pytest.param("zh", "紅隼貨運表示不會支付贖金，並正從備份恢復系統。訂艙服務已於周一恢復。", "refused",
                 id="zh-will-not-pay-hk"),
    pytest.param("zh", "該組織要求恆信人壽支付200萬美元比特幣贖金，以換取刪除檔案。公司尚未回應。", "demanded",
                 id="zh-demanded-tw"),
    pytest.param("zh", "金穗超市表示至今未收到任何贖金要求。攻擊者亦未有聯絡公司。", None,
                 id="zh-no-demand-received"),
    pytest.param("zh", "另一家物流公司去年曾向同一組織支付400萬美元贖金。Medusa現向福華物流索取300萬美元贖金。",
                 "demanded", id="zh-other-company-paid",
                 marks=bug("another firm's 支付…贖金 in the previous sentence suppresses the victim's 索取…贖金 demand "
                           "(None)")),
    pytest.param("zh", "駭客索取500萬美元，但晶宇科技拒絕談判。工廠生產已經恢復。", "refused",
                 id="zh-demanded-then-refused-tw"),
    pytest.param("zh", "與去年支付贖金的同業不同，海峰航運拒絕支付贖金。旗下船隊運作正常。", "refused",
                 id="zh-refused-other-paid",
                 marks=bug("leading clause about another firm's payment suppresses '海峰航運拒絕支付贖金' (None)")),
    pytest.param("zh", "該組織索取500萬美元贖金，並揚言若晶宇科技不付款便公開設計圖檔。公司尚未回應。", "demanded",
                 id="zh-conditional-did-not-pay-tw"),
    pytest.param("zh", "駭客從恆信人壽竊取了120GB檔案，公司周五證實事件。公司已通報主管機關。", None,
                 id="zh-silent-tw"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RANSOM_CASES)
def test_ransom(lang: str, text: str, expected: str | None) -> None:
    assert facts(text)["ransom"] == expected


# =============================================================================================
# country: the victim's home country or territory, as an ISO code
# =============================================================================================

COUNTRY_CASES = [
    pytest.param("en", "Hackers broke into Corrigan Marine Holdings Ltd, a Hong Kong shipping company, and stole crew "
                 "records. The company said its ships were unaffected.", "HK", id="en-hong-kong"),
    pytest.param("en", "Halden Precision AG, a Swiss maker of machine tools, said attackers stole design drawings. "
                 "The company has informed customers.", "CH", id="en-swiss"),
    pytest.param("en", "Vogel Logistik GmbH, a freight company based in Germany, disclosed a ransomware attack on "
                 "Wednesday. Investigators believe the attackers operate from Russia.", "DE",
                 id="en-germany-attacker-country-distractor"),
    pytest.param("en", "Nordhavn Shipping, a Danish ferry operator, said hackers had accessed its booking system. "
                 "Ferries are running on schedule.", "DK", id="en-danish"),
    pytest.param("en", "Jingyu Technology, a Taiwanese chipmaker, said attackers had stolen design files. The "
                 "company said production lines were running.", "TW", id="en-taiwanese"),
    pytest.param("en", "Kiwi Mobile, a New Zealand mobile carrier, said hackers accessed subscriber records. A "
                 "security firm in the United States is helping it investigate.", "NZ",
                 id="en-new-zealand-helper-country-distractor"),
    pytest.param("en", "Lion City Assurance, a Singapore insurer, confirmed a breach of its claims portal on "
                 "Monday. Customers were asked to reset their passwords.", "SG", id="en-singapore"),
    # --- Traditional Chinese
    pytest.param("zh", "黑客入侵香港航運公司灣景物流的電郵伺服器，竊取船員紀錄。公司表示船隊運作正常。", "HK",
                 id="zh-hong-kong"),
    pytest.param("zh", "瑞士機床製造商哈爾登精密表示，攻擊者竊取了設計圖則。公司已通知客戶。", "CH", id="zh-swiss"),
    pytest.param("zh", "德國貨運公司福格爾物流周三披露遭勒索軟件攻擊。調查人員相信攻擊者在俄羅斯活動。", "DE",
                 id="zh-germany-attacker-country-distractor"),
    pytest.param("zh", "台灣晶片製造商晶宇科技表示，駭客竊取了設計檔案。公司指生產線運作正常。", "TW",
                 id="zh-taiwan"),
    pytest.param("zh", "澳門博彩營運商金濠娛樂集團證實，黑客入侵其會員系統。集團已通知博彩監察協調局。", "MO",
                 id="zh-macau"),
    pytest.param("zh", "新加坡保險公司獅城保險周一證實其理賠平台遭入侵。一家美國資安公司正協助調查。", "SG",
                 id="zh-singapore-helper-country-distractor"),
    pytest.param("zh", "日本汽車零件製造商高嶺工業表示，駭客入侵其網路並竊取供應商合約。公司已通報警方。", "JP",
                 id="zh-japan-tw"),
]


@pytest.mark.parametrize(("lang", "text", "code"), COUNTRY_CASES)
def test_country(lang: str, text: str, code: str) -> None:
    country = facts(text)["country"]
    assert country is not None
    assert country["code"] == code
    assert country[lang] and country[lang] in text


# =============================================================================================
# sector: the victim's industry, normalised to a coarse category
# =============================================================================================

SECTOR_CASES = [
    pytest.param("en", "Northgate Primary Care Trust, which runs 40 GP surgeries and a community hospital, said "
                 "patient records were accessed. Appointments are going ahead.", "healthcare", id="en-healthcare"),
    pytest.param("en", "Westmere University said hackers accessed its student portal over the weekend. Lectures "
                 "continue as normal.", "education", id="en-university"),
    pytest.param("en", "Skyward Air, a regional airline, said hackers had stolen passenger booking data. Flights "
                 "were not disrupted.", "aviation", id="en-airline"),
    pytest.param("en", "Jingyu Technology, a Taiwanese chipmaker, said attackers had stolen wafer design files. "
                 "Production lines were running.", "semiconductor", id="en-chipmaker"),
    pytest.param("en", "Pinecrest Insurance Group, a Canadian home insurer, confirmed the breach on Friday. Claims "
                 "are being processed by phone.", "insurance", id="en-insurer"),
    pytest.param("en", "Marlowe & Finch LLP, a London law firm, said client files had been copied. The firm has "
                 "informed the regulator.", "legal", id="en-law-firm"),
    pytest.param("en", "Harland Foods Inc., which runs a chain of 120 supermarkets, said its loyalty database was "
                 "accessed. Stores are trading normally.", "retail", id="en-supermarkets"),
    # --- Traditional Chinese
    pytest.param("zh", "港灣醫療集團旗下一間私家醫院的病人紀錄遭黑客存取。集團表示門診服務如常。", "healthcare",
                 id="zh-hospital-hk"),
    pytest.param("zh", "東嶺大學表示，黑客於周末入侵學生入口網站。大學課堂如常進行。", "education",
                 id="zh-university-hk"),
    pytest.param("zh", "區域航空公司天翔航空表示，駭客竊取了乘客訂位資料。航班並未受影響。", "aviation",
                 id="zh-airline-tw"),
    pytest.param("zh", "台灣半導體公司晶宇科技表示，駭客竊取了晶圓設計檔案。生產線運作正常。", "semiconductor",
                 id="zh-semiconductor-tw"),
    pytest.param("zh", "加拿大保險公司松峰保險周五證實資料外洩。理賠改以電話處理。", "insurance",
                 id="zh-insurer"),
    pytest.param("zh", "香港物流公司紅隼貨運表示，黑客入侵其訂艙系統。貨運服務已恢復。", "logistics",
                 id="zh-logistics-hk"),
    pytest.param("zh", "倫敦律師事務所馬洛芬奇表示，客戶檔案遭複製。事務所已通知監管機構。", "legal",
                 id="zh-law-firm"),
    pytest.param("zh", "經營120間超市的金穗超市表示，其會員資料庫遭存取。分店照常營業。", "retail",
                 id="zh-supermarkets-hk"),
]


@pytest.mark.parametrize(("lang", "text", "norm"), SECTOR_CASES)
def test_sector(lang: str, text: str, norm: str) -> None:
    sector = facts(text)["sector"]
    assert sector is not None
    assert sector["norm"] == norm
    assert sector[lang] and sector[lang] in text


# =============================================================================================
# bilingual: one record, each fact paired across the two versions, disagreements reported
# =============================================================================================

# Hong Kong usage, English then Chinese, the victim glossed in the Chinese lead.
HK_EN = [
    "The ransomware group Qilin has claimed an attack on Kestrel Freight Ltd, a Hong Kong logistics company, "
    "saying it stole about 420 GB of data.",
    "Kestrel Freight said the stolen files include passport numbers and email addresses of more than 13,000 "
    "customers.",
    "The company said its servers were encrypted but that it would not pay the ransom.",
]
HK_ZH = [
    "勒索軟件集團Qilin聲稱攻擊香港物流公司紅隼貨運(Kestrel Freight)，並表示竊取約420GB數據。",
    "紅隼貨運表示，被盜檔案包括逾1.3萬名客戶的護照號碼及電郵地址。",
    "該公司表示伺服器遭加密，但不會支付贖金。",
]
HK = "\n".join(HK_EN + HK_ZH) + "\n"

# Taiwan usage, Chinese first, no gloss: the names are paired by where they sit.
TW_ZH = [
    "自稱Nightowl Collective的駭客組織聲稱入侵台灣半導體公司晶宇科技，竊取約1.1兆位元組的晶片設計資料。",
    "晶宇科技表示，外洩資料包括約5,200名員工的身分證字號及薪資單。",
    "公司表示生產系統並未遭加密，目前也未收到任何贖金要求。",
]
TW_EN = [
    "A hacking group calling itself Nightowl Collective has claimed a breach at Jingyu Technology, a Taiwanese "
    "semiconductor company, saying it stole about 1.1 TB of chip design data.",
    "Jingyu Technology said the leaked data includes national ID numbers and salary slips of about 5,200 "
    "employees.",
    "The company said its production systems were not encrypted and that it has not received any ransom demand.",
]
TW = "\n".join(TW_ZH + TW_EN) + "\n"

# Hong Kong usage, interleaved paragraph by paragraph, half-width parentheses.
IL_EN = [
    "Medusa claimed the attack on Harbour Crest Medical Group, a Hong Kong clinic operator, and says it took "
    "more than 600 GB of files.",
    "The files include medical records and insurance details of nearly 48,000 patients.",
    "The group has demanded a ransom of US$2 million.",
]
IL_ZH = [
    "Medusa聲稱攻擊香港診所營運商港冠醫療集團(Harbour Crest Medical Group)，並表示取得逾600GB檔案。",
    "有關檔案包括近4.8萬名病人的病歷及保險資料。",
    "該組織要求200萬美元贖金。",
]
IL = "\n".join(x for pair in zip(IL_EN, IL_ZH) for x in pair) + "\n"


def _one(items: list[dict], en: str, zh: str) -> dict:
    """The single item whose English side contains EN (Kestrel Freight / Kestrel Freight Ltd); its
    Chinese side must be exactly ZH, the only form the Chinese text uses."""
    hits = [i for i in items if i["en"] and en in i["en"]]
    assert len(hits) == 1, items
    assert hits[0]["zh"] == zh, hits[0]
    return hits[0]


# (text, list field, English form, Chinese form)
PAIR_CASES = [
    pytest.param(HK, "actor", "Qilin", "Qilin", id="hk-actor"),
    pytest.param(HK, "victim", "Kestrel Freight", "紅隼貨運", id="hk-victim-glossed"),
    pytest.param(HK, "data_types", "passport numbers", "護照號碼", id="hk-type-passport"),
    pytest.param(HK, "data_types", "email addresses", "電郵地址", id="hk-type-email"),
    pytest.param(TW, "actor", "Nightowl Collective", "Nightowl Collective", id="tw-actor"),
    pytest.param(TW, "victim", "Jingyu Technology", "晶宇科技", id="tw-victim-by-position"),
    pytest.param(TW, "data_types", "national ID numbers", "身分證字號", id="tw-type-national-id"),
    pytest.param(TW, "data_types", "salary slips", "薪資單", id="tw-type-salary"),
    pytest.param(TW, "data_types", "chip design data", "晶片設計資料", id="tw-type-chip-design",
    marks=bug("'chip design data' not found in English; Chinese '晶片設計資料' split into '晶片設計' and '設計資料'")),
    pytest.param(IL, "actor", "Medusa", "Medusa", id="interleaved-actor"),
    pytest.param(IL, "victim", "Harbour Crest Medical Group", "港冠醫療集團", id="interleaved-victim"),
    pytest.param(IL, "data_types", "medical records", "病歷", id="interleaved-type-medical"),
    pytest.param(IL, "data_types", "insurance details", "保險資料", id="interleaved-type-insurance"),
]


@pytest.mark.parametrize(("text", "field", "en", "zh"), PAIR_CASES)
def test_bilingual_items_are_paired(text: str, field: str, en: str, zh: str) -> None:
    items = facts(text)[field]
    _one(items, en, zh)
    if field in ("actor", "victim"):
        assert len(items) == 1, items


# (text, field, English value, Chinese value, English qualifier, Chinese qualifier)
AMOUNT_CASES = [
    pytest.param(HK, "data_size", 420 * GB, 420 * GB, "approx", "approx", id="hk-size"),
    pytest.param(HK, "record_count", 13_000, 13_000, "more_than", "more_than", id="hk-count"),
    pytest.param(TW, "data_size", 1.1 * TB, 1.1 * TB, "approx", "approx", id="tw-size-zhaoweiyuanzu"),
    pytest.param(TW, "record_count", 5_200, 5_200, "approx", "approx", id="tw-count"),
    pytest.param(IL, "data_size", 600 * GB, 600 * GB, "more_than", "more_than", id="interleaved-size"),
    pytest.param(IL, "record_count", 48_000, 48_000, "approx", "approx", id="interleaved-count"),
]


@pytest.mark.parametrize(("text", "field", "en", "zh", "q_en", "q_zh"), AMOUNT_CASES)
def test_bilingual_amounts_have_both_sides(text: str, field: str, en: float, zh: float, q_en: str, q_zh: str) -> None:
    key = "bytes" if field == "data_size" else "value"
    value = facts(text)[field]
    assert value["en"][key] == pytest.approx(en) and value["en"]["qualifier"] == q_en
    assert value["zh"][key] == pytest.approx(zh) and value["zh"]["qualifier"] == q_zh


# (text, encryption, ransom): the scalars agree across versions
SCALAR_CASES = [
    pytest.param(HK, True, "refused", id="hk"),
    pytest.param(TW, False, None, id="tw"),
    pytest.param(IL, None, "demanded", id="interleaved"),
]


@pytest.mark.parametrize(("text", "encryption", "ransom"), SCALAR_CASES)
def test_bilingual_scalars(text: str, encryption: bool | None, ransom: str | None) -> None:
    f = facts(text)
    assert f["encryption"] is encryption
    assert f["ransom"] == ransom


HK_ZH_31K = HK.replace("逾1.3萬名客戶", "逾3.1萬名客戶")
IL_ZH_6TB = IL.replace("逾600GB", "逾6TB")
HK_ORPHAN = "\n".join(HK_EN[:2] + [
    "Analysts at a Singapore security firm said Qilin had listed more than 40 victims in Asia this year, "
    "most of them manufacturers and logistics companies.",
] + HK_EN[2:] + HK_ZH) + "\n"

# (text, expected inconsistencies as (field, extra keys that must match)); [] = the versions agree
INCONSISTENCY_CASES = [
    pytest.param(HK, [], id="hk-consistent"),
    pytest.param(TW, [], id="tw-consistent"),
    pytest.param(IL, [], id="interleaved-consistent"),
    pytest.param(HK_ZH_31K, [("record_count", {"en_value": 13_000, "zh_value": 31_000})], id="count-13000-vs-3.1wan"),
    pytest.param(IL_ZH_6TB, [("data_size", {"en_value": 600 * GB, "zh_value": 6 * TB})], id="size-600GB-vs-6TB"),
    pytest.param(HK_ORPHAN, [("paragraph", {"zh": None})], id="untranslated-en-paragraph"),
]


@pytest.mark.parametrize(("text", "expected"), INCONSISTENCY_CASES)
def test_bilingual_inconsistencies(text: str, expected: list[tuple[str, dict]]) -> None:
    found = _record(text)["inconsistencies"]
    assert [i["field"] for i in found] == [field for field, _ in expected], found
    for item, (_, keys) in zip(found, expected):
        for key, value in keys.items():
            assert item[key] == (pytest.approx(value) if isinstance(value, (int, float)) else value), item


def test_orphan_paragraph_is_the_analyst_quote() -> None:
    found = [i for i in _record(HK_ORPHAN)["inconsistencies"] if i["field"] == "paragraph"]
    assert len(found) == 1
    assert found[0]["en"] and "Analysts at a Singapore security firm".startswith(found[0]["en"][:30])
    # the other facts are still paired and agree
    f = facts(HK_ORPHAN)
    _one(f["actor"], "Qilin", "Qilin")
    assert f["record_count"]["zh"]["value"] == f["record_count"]["en"]["value"] == 13_000


def test_zh_string_pool_order_does_not_follow_the_hash_seed() -> None:
    # written for this test: organisation names said once (so only their suffix puts them in the
    # pool) beside a repeated one; the victim's Chinese name is chosen by walking this pool
    import subprocess
    import sys

    code = ("import dataclasses; from extractor.resources import resources; "
            "from extractor.recognizers.names_zh import ChineseNames; "
            "names = ChineseNames(dataclasses.replace(resources(), org_suffixes=('公司', '集團', '銀行'))); "
            "t = ['海濱物流公司表示，北嶺保險集團與東灣銀行均未受影響，海濱物流公司正在調查。']; "
            "print(list(names.strings(t, t[0], repeated=True)))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
    assert "北嶺保險集團" in next(iter(runs))  # named once, kept for its organisation word
