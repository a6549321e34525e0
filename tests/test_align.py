"""Tests for extractor.align: one table of bilingual layouts -> expected links and orphans.

The paragraphs are written for these tests (fictional incidents, Hong Kong and Taiwan usage).
"""
from __future__ import annotations

import json

import pytest

from extractor.align import AlignResult, Link, Unit, align
from extractor.align.features import numbers
from extractor.numbers import Quantities

# --- a Hong Kong article (Akira / Harbourline Freight) -------------------------------------

HK_EN = {
    "head": "Akira ransomware gang claims attack on Hong Kong logistics firm Harbourline",
    "intro": (
        "Harbourline Freight, a Hong Kong logistics company with warehouses in Kwai Chung and "
        "Tsing Yi, said on Wednesday that a ransomware attack had encrypted its booking and "
        "tracking servers. Customers were unable to follow their shipments online for two days."
    ),
    "claim": (
        "The Akira group listed Harbourline on its leak site on Tuesday and claimed to have "
        "stolen about 420GB of data, including customer contracts, staff passport copies and "
        "18,000 delivery records."
    ),
    "response": (
        "The company said it had reported the incident to the Privacy Commissioner for Personal "
        "Data and the police, and had hired an outside forensic team. It has not said whether "
        "a ransom was demanded."
    ),
    "quote": (
        "'Logistics firms hold exactly what fraudsters want: who is shipping what, to where and "
        "when,' said Raymond Lau, a security consultant based in Hong Kong."
    ),
    "background": (
        "Akira has been active since March 2023. According to a US government advisory, it had "
        "collected about US$42 million in ransom payments from more than 250 organisations by "
        "early 2024."
    ),
}
HK_ZH = {
    "head": "勒索軟件集團Akira聲稱入侵香港物流公司港航貨運",
    "intro": "在葵涌及青衣設有倉庫的香港物流公司港航貨運周三表示,其訂艙及貨件追蹤伺服器遭勒索軟件加密,客戶一連兩日無法在網上查閱貨件狀態。",
    "intro_a": "在葵涌及青衣設有倉庫的香港物流公司港航貨運周三表示,其訂艙及貨件追蹤伺服器遭勒索軟件加密。",
    "intro_b": "受事件影響,客戶一連兩日無法透過網站查閱其貨件的最新運送狀態。",
    "claim": "Akira於周二將港航貨運列上其洩密網站,聲稱盜取了約420GB數據,包括客戶合約、員工護照副本及1.8萬份送貨紀錄。",
    "response": "公司表示已向個人資料私隱專員公署及警方報案,並已聘請外部鑑證團隊調查,但未有透露是否曾收到贖金要求。",
    "background": "根據美國政府的安全公告,Akira自2023年3月起活躍,截至2024年初已向逾250個機構收取約4,200萬美元贖款。",
}
# The translator folded the claim and the company's response into one paragraph.
HK_ZH_CLAIM_AND_RESPONSE = HK_ZH["claim"] + HK_ZH["response"]

# --- a Taiwan article (RansomHub / Kangning Clinics) ---------------------------------------

TW_EN = {
    "head": "RansomHub says it stole 1.2TB from Taiwanese clinic chain Kangning",
    "intro": (
        "Kangning Clinics, which runs 36 outpatient clinics across northern Taiwan, said on "
        "Monday that hackers had broken into its appointment system and copied patient data. "
        "The company said medical services had not been interrupted."
    ),
    "claim": (
        "The RansomHub group claimed on its leak site to have taken 1.2TB of files, including "
        "the names, national ID numbers and phone numbers of about 9.8 million patients, a "
        "figure the company called exaggerated."
    ),
    "subhead": "Regulators step in",
    "response": (
        "Kangning said it had notified the Ministry of Health and Welfare and would contact "
        "affected patients by text message within two weeks."
    ),
}
TW_ZH = {
    "head": "RansomHub宣稱竊取台灣康寧診所1.2TB資料",
    "intro": "在北台灣經營36家門診診所的康寧診所週一表示，駭客入侵其門診預約系統並複製了病患資料，但公司強調各診所的醫療服務並未因此中斷。",
    "claim": "勒索集團RansomHub在其洩密網站上聲稱竊取了1.2TB檔案，內容包括約980萬名病患的姓名、身分證字號及電話號碼，康寧則表示該數字遭到誇大。",
    "subhead": "主管機關介入",
    "response": "康寧表示，已就此事通報衛生福利部，並將在兩週內以手機簡訊逐一通知所有受影響的病患。",
    # Local advice the Chinese edition added; the English edition has no counterpart.
    "advice": "數位發展部提醒民眾，若收到自稱診所或醫院的可疑簡訊，應撥打165反詐騙專線查證，切勿點擊不明連結。",
}


def units(prefix: str, texts: list[str]) -> list[Unit]:
    return [Unit(f"{prefix}{i}", text) for i, text in enumerate(texts)]


def pick(table: dict[str, str], *keys: str) -> list[str]:
    return [table[k] for k in keys]


# name, English paragraphs, Chinese paragraphs, expected (en ids, zh ids) links, orphans
CASES = [
    pytest.param(
        pick(HK_EN, "head", "intro", "claim", "response", "background"),
        pick(HK_ZH, "head", "intro", "claim", "response", "background"),
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e2",), ("z2",)), (("e3",), ("z3",)), (("e4",), ("z4",))],
        [],
        [],
        id="hk-one-to-one",
    ),
    pytest.param(
        pick(TW_EN, "head", "intro", "claim", "subhead", "response"),
        pick(TW_ZH, "head", "intro", "claim", "subhead", "response"),
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e2",), ("z2",)), (("e3",), ("z3",)), (("e4",), ("z4",))],
        [],
        [],
        id="tw-one-to-one-with-subheading",
    ),
    pytest.param(
        pick(HK_EN, "head", "intro", "claim", "response", "background"),
        [HK_ZH["head"], HK_ZH["intro"], HK_ZH_CLAIM_AND_RESPONSE, HK_ZH["background"]],
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e2", "e3"), ("z2",)), (("e4",), ("z3",))],
        [],
        [],
        id="merge-two-en-into-one-zh",
    ),
    pytest.param(
        pick(HK_EN, "head", "intro", "claim", "response", "background"),
        pick(HK_ZH, "head", "intro_a", "intro_b", "claim", "response", "background"),
        [(("e0",), ("z0",)), (("e1",), ("z1", "z2")), (("e2",), ("z3",)), (("e3",), ("z4",)), (("e4",), ("z5",))],
        [],
        [],
        id="split-one-en-into-two-zh",
    ),
    pytest.param(
        pick(HK_EN, "head", "intro", "claim", "response", "quote", "background"),
        pick(HK_ZH, "head", "intro", "claim", "response", "background"),
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e2",), ("z2",)), (("e3",), ("z3",)), (("e5",), ("z4",))],
        ["e4"],
        [],
        id="untranslated-english-quote",
    ),
    pytest.param(
        pick(TW_EN, "head", "intro", "claim", "response"),
        pick(TW_ZH, "head", "intro", "claim", "advice", "response"),
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e2",), ("z2",)), (("e3",), ("z4",))],
        [],
        ["z3"],
        id="untranslated-chinese-paragraph",
    ),
    pytest.param(
        pick(TW_EN, "head", "intro", "claim", "response"),
        pick(TW_ZH, "intro", "claim", "response"),
        [(("e1",), ("z0",)), (("e2",), ("z1",)), (("e3",), ("z2",))],
        ["e0"],
        [],
        id="heading-not-paired-with-prose",
    ),
    pytest.param(
        pick(TW_EN, "intro", "claim", "subhead", "response"),
        pick(TW_ZH, "intro", "claim", "response"),
        [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e3",), ("z2",))],
        ["e2"],
        [],
        id="untranslated-subheading-stays-alone",
    ),
]


@pytest.mark.parametrize(("en_texts", "zh_texts", "links", "en_orphans", "zh_orphans"), CASES)
def test_align_layouts(
    en_texts: list[str],
    zh_texts: list[str],
    links: list[tuple[tuple[str, ...], tuple[str, ...]]],
    en_orphans: list[str],
    zh_orphans: list[str],
) -> None:
    result = align(units("e", en_texts), units("z", zh_texts))
    assert [(link.en, link.zh) for link in result.links] == links
    assert result.en_orphans == en_orphans
    assert result.zh_orphans == zh_orphans


@pytest.mark.parametrize(
    ("en_count", "zh_count"),
    [(0, 0), (3, 0), (0, 3)],
    ids=["both-empty", "no-chinese", "no-english"],
)
def test_empty_side_gives_only_orphans(en_count: int, zh_count: int) -> None:
    en = units("e", pick(HK_EN, "head", "intro", "claim")[:en_count])
    zh = units("z", pick(HK_ZH, "head", "intro", "claim")[:zh_count])
    assert align(en, zh) == AlignResult(
        links=[], en_orphans=[u.id for u in en], zh_orphans=[u.id for u in zh]
    )


def test_every_unit_is_accounted_for_once() -> None:
    en = units("e", pick(HK_EN, "head", "intro", "claim", "response", "quote", "background"))
    zh = units("z", [HK_ZH["head"], HK_ZH["intro"], HK_ZH_CLAIM_AND_RESPONSE, HK_ZH["background"]])
    result = align(en, zh)
    en_seen = [i for link in result.links for i in link.en] + result.en_orphans
    zh_seen = [i for link in result.links for i in link.zh] + result.zh_orphans
    assert sorted(en_seen) == sorted(u.id for u in en)
    assert sorted(zh_seen) == sorted(u.id for u in zh)


def test_scores_are_rounded_confidences() -> None:
    en = units("e", pick(HK_EN, "head", "intro", "claim", "response", "background"))
    zh = units("z", [HK_ZH["head"], HK_ZH["intro"], HK_ZH_CLAIM_AND_RESPONSE, HK_ZH["background"]])
    for link in align(en, zh).links:
        assert 0.0 <= link.score <= 1.0
        assert link.score == round(link.score, 3)


def test_shared_anchors_raise_the_score() -> None:
    en = units("e", pick(HK_EN, "claim", "response"))
    zh = units("z", pick(HK_ZH, "claim", "response"))
    claim, response = align(en, zh).links
    # The claim shares Akira, 420GB and 18,000 = 1.8萬; the response shares nothing but length.
    assert claim.score > response.score


def test_deterministic() -> None:
    en_texts = pick(HK_EN, "head", "intro", "claim", "response", "quote", "background")
    zh_texts = [HK_ZH["head"], HK_ZH["intro"], HK_ZH_CLAIM_AND_RESPONSE, HK_ZH["background"]]
    first = align(units("e", en_texts), units("z", zh_texts))
    for _ in range(3):
        assert align(units("e", list(en_texts)), units("z", list(zh_texts))) == first
    assert first.links[2] == Link(en=("e2", "e3"), zh=("z2",), score=first.links[2].score)


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("more than 13,000 patients", "en", {13000.0}),
        ("逾1.3萬名病人", "zh", {13000.0}),
        ("about 9.8 million customers", "en", {9.8e6}),
        ("約980萬名客戶", "zh", {9.8e6}),
        ("revenue of HK$3.7 billion", "en", {3.7e9}),
        ("營業額為37億港元", "zh", {3.7e9}),
        ("逾四百萬筆會員資料", "zh", {4e6}),
        ("roughly 400GB in March 2024", "en", {400.0, 2024.0}),
        ("於2024年3月盜取約400GB", "zh", {2024.0, 3.0, 400.0}),
        ("全形數字１２０萬", "zh", {1.2e6}),
        ("停頓了四日,62宗手術須改期", "zh", {62.0}),
        ("a 1,234-page file", "en", {1234.0}),
    ],
)
def test_numbers_are_normalised_to_values(text: str, lang: str, values: set[float]) -> None:
    assert {float(v) for v in numbers(text, lang, Quantities())} == values


# --- anchors from the quantity normaliser and from glosses (issue 3) ---------------------------

from extractor.align.glosses import gloss_forms, glosses  # noqa: E402


@pytest.mark.parametrize(
    ("en", "zh_same", "zh_other"),
    [
        ("The group says it stole 1,500 GB of design files from the plant.",
         "該集團聲稱從廠房竊取了1.5TB設計檔案。", "該集團聲稱從廠房竊取了1.5GB設計檔案。"),
        ("Hackers copied roughly 2 terabytes of customer records last week.",
         "駭客上週複製了約2兆位元組的客戶紀錄。", "駭客上週複製了約2吉位元組的客戶紀錄。"),
        ("More than 13,000 patients were told their records had been viewed.",
         "逾一點三萬名病人獲告知其紀錄曾被查閱。", "逾三點一萬名病人獲告知其紀錄曾被查閱。"),
    ],
)
def test_equal_sizes_in_other_units_anchor_a_pair(en: str, zh_same: str, zh_other: str) -> None:
    same = align([Unit("e0", en)], [Unit("z0", zh_same)]).links[0].score
    other = align([Unit("e0", en)], [Unit("z0", zh_other)]).links[0].score
    assert same > other


def test_glosses_are_read_in_both_orders() -> None:
    zh = [Unit("z0", "台灣電腦廠商宏碁（Acer）證實遭入侵。"), Unit("z1", "Tasman PayWorks（塔斯曼支付）表示正在調查。")]
    assert glosses(zh) == {"台灣電腦廠商宏碁": ("Acer",), "塔斯曼支付": ("Tasman", "PayWorks")}


def test_a_glossed_run_is_cut_to_the_name_the_text_repeats() -> None:
    zh = units("z", ["台灣電腦廠商宏碁（Acer）證實遭入侵，公司表示正在調查。", "宏碁公司表示已通報警方。", "公司未有回應。"])
    en = units("e", ["Taiwanese computer maker Acer confirmed a breach.", "Acer said it had told the police.",
                     "The company did not respond."])
    assert gloss_forms(zh, en) == {"宏碁": ("Acer",)}


def test_a_glossed_name_anchors_paragraphs_that_use_only_the_han_form() -> None:
    en = ["Acer said on Monday that its servers in Taipei had been breached by an unknown group.",
          "The company said it had informed the authorities and hired outside investigators.",
          "Acer added that customer payment data had not been affected."]
    zh_glossed = ["宏碁（Acer）週一表示，其位於台北的伺服器遭不明集團入侵。",
                  "公司表示已通報主管機關，並已聘請外部調查人員。",
                  "宏碁補充，客戶付款資料並未受影響。"]
    zh_plain = [zh_glossed[0].replace("（Acer）", ""), *zh_glossed[1:]]
    with_gloss = align(units("e", en), units("z", zh_glossed))
    without = align(units("e", en), units("z", zh_plain))
    assert [l.zh for l in with_gloss.links] == [("z0",), ("z1",), ("z2",)]
    assert with_gloss.links[2].score > without.links[2].score


def test_a_pasted_copy_of_a_paragraph_is_left_unpaired() -> None:
    en = pick(HK_EN, "head", "intro", "claim", "response")
    zh = [HK_ZH["head"], HK_ZH["intro"], HK_EN["claim"], HK_ZH["response"]]
    result = align(units("e", en + [HK_EN["claim"]]), units("z", [z for z in zh if z != HK_EN["claim"]]))
    assert [(l.en, l.zh) for l in result.links] == [(("e0",), ("z0",)), (("e1",), ("z1",)), (("e3",), ("z2",))]
    assert result.en_orphans == ["e2", "e4"] and result.zh_orphans == []


# --- long documents: the banded DP (issue 5) -------------------------------------------------
#
# A synthetic bilingual document of thousands of paragraph pairs, built from sentence templates
# written for these tests (fictional companies, groups and people), with paragraphs missing from
# the translation, two English paragraphs merged into one Chinese one, and editor's notes that
# exist only in Chinese. bench/align_benchmark.py reuses `synthetic_document`.

import random  # noqa: E402

_ORGS = ["Northwind Clinics", "Bluefin Logistics", "Calder Water", "Orchid Telecom", "Pinewood Bank",
         "Harrow Insurance", "Sable Robotics", "Kestrel Freight", "Marlow Schools", "Ridgeway Energy"]
_GROUPS = ["Akira", "Qilin", "RansomHub", "Medusa", "Play", "BianLian", "Rhysida", "Hunters"]
_PEOPLE = ["Alice Tam", "Brian Cheung", "Carmen Lo", "Derek Yip", "Elena Wong", "Felix Chan"]
_CITIES = [("Hong Kong", "香港"), ("Taipei", "台北"), ("Kaohsiung", "高雄"), ("Macau", "澳門"),
           ("Singapore", "新加坡"), ("Taichung", "台中")]
_DAYS = [("Monday", "周一"), ("Tuesday", "周二"), ("Wednesday", "周三"), ("Thursday", "周四"), ("Friday", "周五")]

# (English, Chinese) sentence templates; {n} is a record count, {g} a size in GB.
_SENTENCES = [
    ("{org} said on {day} that attackers had copied {n:,} customer records from its billing servers.",
     "{org}於{day_zh}表示，攻擊者從其帳務伺服器複製了{n}筆客戶紀錄。"),
    ("The {group} group claimed responsibility and posted samples of the stolen files on its leak site.",
     "{group}集團聲稱犯案，並在其洩密網站公開部分被盜檔案的樣本。"),
    ("Investigators believe about {g} GB of internal documents were taken before anyone noticed.",
     "調查人員相信，在入侵被察覺之前，約有{g}GB內部文件已被竊取。"),
    ("A spokesperson for {org} declined to say whether a ransom had been demanded.",
     "{org}發言人拒絕透露公司是否曾收到贖金要求。"),
    ("Staff in {city} were told to reset their passwords and to report any suspicious emails at once.",
     "{city_zh}的員工已被要求立即重設密碼，並舉報任何可疑的電郵。"),
    ("The company has hired an outside forensic firm and has notified the regulator.",
     "該公司已聘請外部鑑證公司協助調查，並已通知監管機構。"),
    ("Security researcher {person} said the intrusion followed a pattern first seen in {year}.",
     "保安研究員{person}表示，這次入侵與{year}年首次出現的手法如出一轍。"),
    ("Services came back after {d} days, although some archived files may never be recovered.",
     "服務在{d}日後恢復，但部分已存檔的檔案可能永遠無法復原。"),
    ("Customers who received letters from {org} were offered two years of free credit monitoring.",
     "收到{org}通知信的客戶可獲兩年免費信貸監察服務。"),
]


def _fill(rng: random.Random, k: int) -> dict[str, object]:
    city, city_zh = rng.choice(_CITIES)
    day, day_zh = rng.choice(_DAYS)
    return {"org": rng.choice(_ORGS), "group": rng.choice(_GROUPS), "person": rng.choice(_PEOPLE),
            "city": city, "city_zh": city_zh, "day": day, "day_zh": day_zh,
            "n": 1000 + 37 * k + rng.randrange(30), "g": 20 + rng.randrange(900),
            "year": 1990 + rng.randrange(35), "d": 2 + rng.randrange(40)}


def _pair(rng: random.Random, k: int, heading_rate: float) -> tuple[str, str]:
    if rng.random() < heading_rate:  # a subheading
        slots = _fill(rng, k)
        return ("{org} hit by {group} attack".format(**slots), "{org}遭{group}攻擊".format(**slots))
    chosen = rng.sample(_SENTENCES, rng.randint(1, 3))
    slots = _fill(rng, k)
    return " ".join(e.format(**slots) for e, _ in chosen), "".join(z.format(**slots) for _, z in chosen)


def synthetic_document(pairs: int, seed: int = 7, missing_every: int = 97, merged_every: int = 131,
                       note_every: int = 173, heading_rate: float = 0.08):
    """(en units, zh units, expected links, expected en orphans, expected zh orphans)."""
    rng = random.Random(seed)
    texts: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(texts) < pairs:
        en, zh = _pair(rng, len(texts), heading_rate)
        if en not in seen and zh not in seen:  # a repeated paragraph would read as a pasted copy
            seen.update((en, zh))
            texts.append((en, zh))
    en_units = [Unit(f"e{i}", en) for i, (en, _) in enumerate(texts)]
    zh_units: list[Unit] = []
    links: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    en_orphans: list[str] = []
    zh_orphans: list[str] = []
    i, last = 0, -10  # perturbations stay a few paragraphs apart, so that each is unambiguous
    while i < pairs:
        zid = f"z{len(zh_units)}"
        calm = i - last > 4 and i + 3 < pairs
        if calm and i % note_every == 0:  # an editor's note only the Chinese version carries
            zh_units.append(Unit(zid, f"編者按：本文於{2020 + i % 5}年{1 + i % 12}月{1 + i % 28}日更新，補充了公司的最新回應。"))
            zh_orphans.append(zid)
            zid = f"z{len(zh_units)}"
            last, calm = i, False
        if calm and i % missing_every == 0:  # left out of the translation
            en_orphans.append(f"e{i}")
            last, i = i, i + 1
        elif calm and i % merged_every == 0 and texts[i][0].endswith(".") and texts[i + 1][0].endswith("."):
            # two paragraphs of prose translated as one (headings never merge)
            zh_units.append(Unit(zid, texts[i][1] + texts[i + 1][1]))
            links.append(((f"e{i}", f"e{i + 1}"), (zid,)))
            last, i = i, i + 2
        else:
            zh_units.append(Unit(zid, texts[i][1]))
            links.append(((f"e{i}",), (zid,)))
            i += 1
    return en_units, zh_units, links, en_orphans, zh_orphans


from extractor.align import dp as dp_module  # noqa: E402
from extractor.align.aligner import BAND_HALF_WIDTH, FULL_DP_CELLS  # noqa: E402
from extractor.align.dp import anchor_points, band, dp  # noqa: E402
from extractor.align.scorer import Scorer  # noqa: E402


def _expect(result: AlignResult, links, en_orphans, zh_orphans) -> None:
    assert [(link.en, link.zh) for link in result.links] == links
    assert result.en_orphans == en_orphans
    assert result.zh_orphans == zh_orphans


@pytest.mark.parametrize(
    ("pairs", "seed", "periods"),
    [(2500, 7, (97, 131, 173)), (1500, 3, (29, 31, 37))],
    ids=["2500-pairs-sparse-edits", "1500-pairs-dense-edits"],
)
def test_a_long_document_aligns_with_its_missing_merged_and_extra_paragraphs(pairs, seed, periods) -> None:
    en, zh, links, en_orphans, zh_orphans = synthetic_document(pairs, seed, *periods)
    assert (len(en) + 1) * (len(zh) + 1) > FULL_DP_CELLS  # the banded path
    result = align(en, zh)
    # a sample first, for a readable failure: every 50th link, the merges, the orphans
    got = {(link.en, link.zh) for link in result.links}
    sample = links[::50] + [link for link in links if len(link[0]) == 2]
    assert [link for link in sample if link not in got] == []
    _expect(result, links, en_orphans, zh_orphans)


def test_a_long_untranslated_block_is_found_through_the_anchors() -> None:
    en, zh, links, en_orphans, zh_orphans = synthetic_document(2000, seed=11)
    # the translation leaves out English paragraphs 600..899 (and any note among them): far
    # more than the band's width, so the band must follow the shared numbers and names
    block = {f"e{i}" for i in range(600, 900)}
    gone = {z for e, z_ids in links if set(e) & block for z in z_ids}
    first, last = min(gone, key=lambda z: int(z[1:])), max(gone, key=lambda z: int(z[1:]))
    gone |= {z for z in zh_orphans if int(first[1:]) < int(z[1:]) < int(last[1:])}
    result = align(en, [u for u in zh if u.id not in gone])
    _expect(result,
            [link for link in links if not set(link[1]) & gone],
            sorted({*en_orphans, *(e for e_ids, z_ids in links if set(z_ids) & gone for e in e_ids)},
                   key=lambda e: int(e[1:])),
            [z for z in zh_orphans if z not in gone])


def test_the_band_finds_the_path_the_full_table_finds() -> None:
    en, zh, *_ = synthetic_document(400, seed=5, missing_every=23, merged_every=29, note_every=31)
    scorer = Scorer(en, zh, Quantities())
    n, m = len(en), len(zh)
    full_back, _, full_cells = dp(scorer, [0] * (n + 1), [m] * (n + 1))
    lo, hi = band(scorer, BAND_HALF_WIDTH)
    band_back, edge, band_cells = dp(scorer, lo, hi)
    assert not edge and band_cells < full_cells / 4

    def path(back) -> list[tuple[int, int, float]]:
        i, j, steps = n, m, []
        while i or j:
            row_lo, row = back[i]
            steps.append(row[j - row_lo])
            i, j = i - steps[-1][0], j - steps[-1][1]
        return steps

    assert path(band_back) == path(full_back)


def test_the_work_grows_linearly_with_the_document() -> None:
    per_unit = {}
    for pairs in (1000, 4000):
        en, zh, *_ = synthetic_document(pairs, seed=pairs)
        per_unit[pairs] = align(en, zh).cells / (len(en) + len(zh))
    # a band of 2 * 32 + 1 cells a row; the full table would be ~pairs / 2 cells a unit
    assert per_unit[1000] < 70 and per_unit[4000] < 70
    assert per_unit[4000] < 1.2 * per_unit[1000]


def test_an_ordinary_article_still_fills_the_whole_table() -> None:
    en, zh, links, en_orphans, zh_orphans = synthetic_document(150, seed=2, missing_every=13,
                                                               merged_every=17, note_every=23)
    result = align(en, zh)
    assert result.cells == (len(en) + 1) * (len(zh) + 1) <= FULL_DP_CELLS
    _expect(result, links, en_orphans, zh_orphans)


def test_the_band_widens_when_the_path_runs_along_its_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    # without the anchor chain, 150 paragraphs missing in a row put the true path far outside a
    # band centred by length alone: it presses on the edge until the band has doubled enough
    en, zh, links, en_orphans, zh_orphans = synthetic_document(1200, seed=13)
    block = {f"e{i}" for i in range(300, 450)}
    gone = {z for e, z_ids in links if set(e) & block for z in z_ids}
    first, last = min(int(z[1:]) for z in gone), max(int(z[1:]) for z in gone)
    gone |= {z for z in zh_orphans if first < int(z[1:]) < last}
    halves: list[int] = []
    visited: list[int] = []
    real_dp = dp_module.dp

    def spy(scorer, lo, hi):
        halves.append(hi[0] - lo[0])
        out = real_dp(scorer, lo, hi)
        visited.append(out[2])
        return out

    monkeypatch.setattr(dp_module, "anchor_points", lambda scorer: [])
    monkeypatch.setattr(dp_module, "dp", spy)
    result = align(en, [u for u in zh if u.id not in gone])
    assert halves[0] == BAND_HALF_WIDTH and halves[-1] > halves[0]
    assert result.cells == sum(visited)  # every pass counts
    _expect(result,
            [link for link in links if not set(link[1]) & gone],
            sorted({*en_orphans, *(e for e_ids, z_ids in links if set(z_ids) & gone for e in e_ids)},
                   key=lambda e: int(e[1:])),
            [z for z in zh_orphans if z not in gone])


@pytest.mark.parametrize(
    ("en_texts", "zh_texts", "points"),
    [
        (["Acme lost 1,234 files.", "Beta lost 5,678 files.", "Gamma lost 9,012 files."],
         ["Acme失去1234個檔案。", "Beta失去5678個檔案。", "Gamma失去9012個檔案。"],
         [(0, 0), (1, 1), (2, 2)]),
        # 777 is in two English paragraphs: no anchor; 4,321 crosses the chain: dropped
        (["Acme lost 1,234 files.", "It had 777 staff and 4,321 users.", "Gamma lost 777 files.", "Delta lost 9,012 files."],
         ["Acme失去1234個檔案。", "有4321名用戶。", "Delta失去9012個檔案。", "Gamma失去777個檔案,4321。"],
         [(0, 0), (3, 2)]),
    ],
    ids=["one-anchor-a-pair", "repeats-and-crossings-dropped"],
)
def test_anchor_points_are_unique_shared_anchors_in_rising_order(en_texts, zh_texts, points) -> None:
    assert anchor_points(Scorer(units("e", en_texts), units("z", zh_texts), Quantities())) == points


def test_extractor_check_completes_on_a_long_document(tmp_path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    # no subheadings: "Calder Water遭Play攻擊" is mostly Latin, and the segmenter rightly
    # reads such a line as English, which is not what this test is about
    en, zh, links, en_orphans, zh_orphans = synthetic_document(400, seed=17, heading_rate=0.0)
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(u.text for u in en + zh) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output  # the untranslated paragraphs are reported
    summary = json.loads(result.stdout)["summary"]
    assert summary["paragraph_links"] == len(links)
    assert summary["unpaired_paragraphs"] == len(en_orphans) + len(zh_orphans)


from extractor.align.glosses import present  # noqa: E402


@pytest.mark.parametrize(
    ("texts", "needles", "found"),
    [
        (["宏碁表示", "台灣電腦廠商宏碁(Acer)", "沒有"], {"宏碁", "廠商宏碁", "電腦"},
         [{"宏碁"}, {"宏碁", "廠商宏碁", "電腦"}, set()]),
        (["碁", "宏", ""], {"宏碁"}, [set(), set(), set()]),  # shorter than any needle
        (["果園徑保險公司", "果園徑"], {"果園徑保險", "保險", "果園"}, [{"果園徑保險", "保險", "果園"}, {"果園"}]),
    ],
    ids=["nested-needles", "too-short", "overlapping"],
)
def test_present_finds_every_needle_each_text_contains(texts, needles, found) -> None:
    assert present(texts, needles) == found
    assert found == [{n for n in needles if n in t} for t in texts]  # the quadratic definition
