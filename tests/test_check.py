"""Tests for `extractor check` (extractor/check.py, extractor/render_check.py, the CLI command)
and the fact- and structure-level inconsistencies in extractor/record.py.

The article is written for these tests (a fictional Taipei insurer). Each perturbation changes
the Chinese translation the way a careless translator might; each must be reported under the
right field, and equivalent renderings (1.3 terabytes / 約1.3 TB, a glossed name) must not be.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.check import check_bytes, check_inputs, check_pair, check_text
from extractor.cli import app
from extractor.errors import NotBilingual
from extractor.render_check import to_check_table, to_json_text

EN = [
    "Medusa gang claims theft of 1.3 terabytes from Taipei insurer Orchard Lane",
    "Orchard Lane Insurance, a Taipei-based insurer, said on Friday that hackers had broken into its claims "
    "servers and encrypted several of them. The Medusa ransomware group claimed to have stolen about 1.3 "
    "terabytes of data.",
    "The stolen files include the names, national ID numbers and medical claim forms of more than 13,000 "
    "policyholders, the company said in a filing to the stock exchange.",
    "Medusa demanded a ransom of US$2 million. Orchard Lane said it would not pay and had reported the "
    "attack to the police.",
]
ZH = [
    "Medusa聲稱從台北保險公司果園徑保險竊取約1.3 TB資料",
    "台北保險公司果園徑保險（Orchard Lane Insurance）週五表示，駭客入侵其理賠伺服器並將其中數台加密。"
    "勒索軟體集團Medusa聲稱竊取了約1.3 TB資料。",
    "公司向證券交易所申報時表示，遭竊檔案包括逾1.3萬名保戶的姓名、身分證字號及醫療理賠申請表。",
    "Medusa要求支付200萬美元贖金。果園徑保險表示不會付款，並已向警方報案。",
]


def article(en: list[str] = EN, zh: list[str] = ZH, sep: str = "\n") -> str:
    return sep.join(en + zh)


def zh_with(old: str, new: str) -> list[str]:
    changed = [p.replace(old, new) for p in ZH]
    assert changed != ZH, f"{old!r} is not in the Chinese text"
    return changed


# --- agreement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(article(), id="en-then-zh"),
        pytest.param(article(sep="\n\n"), id="blank-line-separated"),
        pytest.param(article(sep="\r\n"), id="crlf"),
        pytest.param("\n".join(ZH + EN), id="zh-then-en"),
        pytest.param("\n".join(x for pair in zip(EN, ZH) for x in pair), id="interleaved"),
        # the same figures in other units and scripts: 1,300 GB, 一點三萬
        pytest.param(article(en=[p.replace("about 1.3 terabytes", "roughly 1,300 GB") for p in EN],
                             zh=[p.replace("逾1.3萬", "逾一點三萬") for p in ZH]), id="equal-values-other-forms"),
    ],
)
def test_faithful_translation_agrees(text: str) -> None:
    report = check_text(text)
    assert report.agree, [i.message for i in report.issues]
    assert [(r.en_segments != (), r.zh_segments != ()) for r in report.rows] == [(True, True)] * 4


# --- disagreements -----------------------------------------------------------------------------

PERTURBED = [
    pytest.param(EN, zh_with("逾1.3萬", "逾3.1萬"), "record_count", ("more than 13,000 policyholders", "逾3.1萬名保戶"),
                 id="count-digits-transposed"),
    pytest.param(EN, zh_with("約1.3 TB", "約13 TB"), "data_size", ("about 1.3 terabytes", "約13 TB"),
                 id="size-decimal-point-dropped"),
    pytest.param(EN, zh_with("Medusa", "LockBit"), "actor", ("Medusa", "LockBit"), id="other-attacker"),
    pytest.param(EN, zh_with("、身分證字號及醫療理賠申請表", "及身分證字號"), "data_types", ("medical claim forms", None),
                 id="data-type-dropped"),
    pytest.param(EN, ZH[:3], "paragraph", (EN[3][:80], None), id="last-paragraph-untranslated"),
    pytest.param(EN, zh_with("表示不會付款", "已支付贖金"), "ransom", None, id="ransom-refused-vs-paid"),
    pytest.param([p.replace("the police.", "the police. It employs 2,400 staff.") for p in EN], ZH, "number",
                 ("2,400 staff", None), id="figure-missing-from-counterpart"),
]


@pytest.mark.parametrize(("en", "zh", "field", "sides"), PERTURBED)
def test_perturbed_translation_is_caught(en: list[str], zh: list[str], field: str, sides: tuple | None) -> None:
    text = article(en, zh)
    report = check_text(text)
    assert [i.field for i in report.issues] == [field], [i.message for i in report.issues]
    issue = report.issues[0]
    if sides is not None:
        assert (issue.en_text, issue.zh_text) == sides
    for span in (issue.en, issue.zh):  # offsets point at the quoted text
        if span is not None:
            assert text[span.start:span.end] == span.text
    assert issue.message and "\n" not in issue.message
    flagged = [r for r in report.rows if r.issues]
    assert flagged, "the disagreement is shown on the paragraph it is in"


def test_unpaired_paragraph_is_reported_not_forced() -> None:
    report = check_text(article(zh=ZH[:2] + ZH[3:]))
    assert [i.field for i in report.issues] == ["paragraph"]
    lone = [r for r in report.rows if not r.zh_segments]
    assert len(lone) == 1 and lone[0].en[0].text == EN[2] and lone[0].score is None


def test_editors_note_on_one_side_is_reported() -> None:
    note = "編者按：本報已就事件向果園徑保險查詢，截至截稿時仍未獲回覆，讀者如有消息歡迎與編輯部聯絡。"
    report = check_text(article(zh=ZH[:3] + [note] + ZH[3:]))
    assert [(i.field, i.zh_text) for i in report.issues] == [("paragraph", note[:40])]


# --- sentence alignment -------------------------------------------------------------------------


def test_sentences_are_aligned_inside_paragraph_pairs() -> None:
    report = check_text(article())
    row = report.rows[3]
    assert [(p.en.text, p.zh.text) for p in row.sentences] == [
        ("Medusa demanded a ransom of US$2 million.", "Medusa要求支付200萬美元贖金。"),
        ("Orchard Lane said it would not pay and had reported the attack to the police.", "果園徑保險表示不會付款，並已向警方報案。"),
    ]
    assert all(p.score is not None and 0 < p.score <= 1 for p in row.sentences)


def test_a_sentence_left_out_of_the_translation_has_no_partner() -> None:
    zh = ZH[:3] + ["Medusa要求支付200萬美元贖金。"]
    report = check_text(article(zh=zh))
    pairs = report.rows[3].sentences
    assert [(p.en is not None, p.zh is not None) for p in pairs] == [(True, True), (True, False)]


# --- two files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["en-first", "zh-first"])
def test_original_and_translation_as_two_files(order: str) -> None:
    en = "\r\n\r\n".join(EN).encode("utf-8")
    zh = "\n".join(zh_with("逾1.3萬", "逾3.1萬")).encode("utf-8-sig")
    files = (en, zh) if order == "en-first" else (zh, en)
    report = check_pair(*files, paths=("a.txt", "b.txt"))
    assert [s.role for s in report.sources] == ["original", "translation"]
    assert [i.field for i in report.issues] == ["record_count"]
    issue = report.issues[0]
    en_source, zh_source = (0, 1) if order == "en-first" else (1, 0)
    assert (issue.en.source, issue.zh.source) == (en_source, zh_source)
    en_text = en.decode("utf-8")
    zh_text = zh.decode("utf-8-sig")
    assert en_text[issue.en.start:issue.en.end] == "more than 13,000 policyholders"
    assert zh_text[issue.zh.start:issue.zh.end] == "逾3.1萬名保戶"


def test_check_inputs_takes_one_file_or_two() -> None:
    en = "\n\n".join(EN).encode("utf-8")
    zh = "\n\n".join(zh_with("逾1.3萬", "逾3.1萬")).encode("utf-8")
    assert check_inputs([en, zh], ["a.txt", "b.txt"]).to_dict() == check_pair(en, zh, paths=("a.txt", "b.txt")).to_dict()
    both = en + b"\n\n" + zh
    assert check_inputs([both], [None]).to_dict() == check_bytes(both).to_dict()
    with pytest.raises(ValueError):
        check_inputs([en, zh, en], [None, None, None])


def test_one_language_only_is_an_input_error() -> None:
    with pytest.raises(NotBilingual) as caught:
        check_bytes("\n".join(EN).encode(), path="en.txt")
    assert caught.value.code == "E107" and "en.txt" in str(caught.value)


# --- rendering -----------------------------------------------------------------------------------


def test_json_report_is_deterministic_and_complete() -> None:
    text = article(zh=zh_with("逾1.3萬", "逾3.1萬"))
    first = to_json_text(check_text(text))
    assert first == to_json_text(check_text(text))
    data = json.loads(first)
    assert data["agree"] is False
    assert data["summary"] == {"paragraph_links": 4, "unpaired_paragraphs": 0, "inconsistencies": 1,
                               "fields": ["record_count"]}
    issue = data["issues"][0]
    assert issue["level"] == "fact" and issue["en_value"] == 13000 and issue["zh_value"] == 31000
    assert issue["zh_span"]["text"] == "逾3.1萬名保戶"
    assert len(data["rows"]) == 4 and data["rows"][2]["issues"] == [0]


def test_table_shows_both_versions_side_by_side_and_marks_disagreements() -> None:
    table = to_check_table(check_text(article(zh=zh_with("逾1.3萬", "逾3.1萬"))), width=160)
    assert "English" in table and "中文" in table
    assert "»more than 13,000 policyholders«" in table and "»逾3.1萬名保戶«" in table
    assert "1 inconsistency found (record_count)." in table.splitlines()[-1]
    clean = to_check_table(check_text(article()), width=160)
    assert "»" not in clean and clean.splitlines()[-1] == "The two versions agree: no inconsistencies found."


def test_article_text_is_never_read_as_markup() -> None:
    en = [EN[0] + " [bold red]alert[/]", *EN[1:]]
    table = to_check_table(check_text(article(en=en)), width=300, color=True)
    assert "[bold red]alert[/]" in table


# --- the command --------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "clean": article(),
        "bad": article(zh=zh_with("Medusa", "LockBit")),
        "en": "\n".join(EN),
        "zh": "\n".join(ZH),
    }
    paths = {}
    for name, text in out.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    ("args", "code", "stdout_has", "stderr_has"),
    [
        (["clean"], 0, '"agree": true', ""),
        (["bad"], 1, '"field": "actor"', ""),
        (["en", "zh"], 0, '"role": "translation"', ""),
        (["en"], 3, "", "[E107]"),
        (["missing"], 3, "", "[E101]"),
        (["clean", "en", "zh"], 2, "", "ORIGINAL TRANSLATION"),
        ([], 2, "", "Missing argument"),
    ],
)
def test_check_command_exit_codes(files: dict[str, Path], args: list[str], code: int, stdout_has: str,
                                  stderr_has: str, tmp_path: Path) -> None:
    argv = ["check", *[str(files.get(a, tmp_path / f"{a}.txt")) for a in args]]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert stdout_has in result.stdout
    assert stderr_has in result.stderr
    if code == 3:
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_check_command_table_format(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["check", str(files["bad"]), "--format", "table"])
    assert result.exit_code == 1
    assert "»LockBit«" in result.stdout and result.stdout.rstrip().endswith("1 inconsistency found (actor).")


# --- the shared dev corpus (skipped when ../shared is absent) ----------------------------------

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
PERTURBED_DEV = {"dev-010": "record_count", "dev-018": "data_size", "dev-023": "actor", "dev-026": "data_types",
                 "dev-028": "victim", "dev-030": "paragraph"}


def _dev_cases() -> list:
    gold = DEV / "gold.jsonl"
    if not gold.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="the shared dev corpus is not on this machine"))]
    cases = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case.get("layout") in ("en-only", "zh-only"):
            continue
        path = (DEV / case["file"]).resolve()
        expected = sorted({PERTURBED_DEV.get(path.stem, "")} - {""})
        cases.append(pytest.param(path, expected, id=path.stem))
    return cases


@pytest.mark.parametrize(("path", "fields"), _dev_cases())
def test_check_on_the_dev_corpus_and_seed(path: Path, fields: list[str]) -> None:
    report = check_bytes(path.read_bytes(), path=str(path))
    assert sorted({i.field for i in report.issues}) == fields, [i.message for i in report.issues]
    assert report.agree is (not fields)
    jsonschema = pytest.importorskip("jsonschema")
    from extractor.check import schema

    jsonschema.validate(json.loads(to_json_text(report)), schema())


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_two_files_with_or_without_a_final_newline(ending: str) -> None:
    report = check_pair(("\n".join(EN) + ending).encode(), ("\n".join(ZH) + ending).encode())
    assert report.agree, [i.message for i in report.issues]
    assert len(report.rows) == 4


# --- encryption, country, sector ------------------------------------------------------------------

TW_EN = [p.replace("said on Friday that hackers had broken into its claims servers and encrypted several of them.",
                   "said on Friday that ransomware had encrypted its claims servers.")
         .replace("a Taipei-based insurer", "a Taiwanese insurer") for p in EN]
TW_ZH = [p.replace("駭客入侵其理賠伺服器並將其中數台加密。", "其理賠伺服器遭勒索軟體加密。")
         .replace("台北保險公司果園徑保險（", "台灣保險公司果園徑保險（") for p in ZH]
CLINIC_EN = [
    "Hackers break into Hong Kong clinic operator Harbour Crest",
    "Harbour Crest, a private clinic operator in Hong Kong, said on Monday that hackers had stolen the records of "
    "about 2,000 patients from its booking system.",
    "The company said it had reported the breach to its regulator.",
]
CLINIC_ZH = [
    "黑客入侵香港診所營運商海峰",
    "香港私營診所營運商海峰（Harbour Crest）周一表示，黑客從其預約系統盜取了約2,000名病人的紀錄。",
    "公司表示已向監管機構報告事件。",
]


def _edit(paragraphs: list[str], *changes: tuple[str, str]) -> list[str]:
    out = paragraphs
    for old, new in changes:
        assert any(old in p for p in out), old
        out = [p.replace(old, new) for p in out]
    return out


@pytest.mark.parametrize(
    ("en", "zh", "field"),
    [
        pytest.param(TW_EN, TW_ZH, None, id="taiwan-clean"),
        pytest.param(TW_EN, _edit(TW_ZH, ("遭勒索軟體加密", "未有遭勒索軟體加密")), "encryption", id="encrypted-vs-not"),
        pytest.param(TW_EN, _edit(TW_ZH, ("台灣", "韓國")), "country", id="taiwan-vs-korea"),
        pytest.param(CLINIC_EN, CLINIC_ZH, None, id="clinic-clean"),
        pytest.param(CLINIC_EN, _edit(CLINIC_ZH, ("私營診所營運商", "銀行"), ("診所營運商", "銀行"), ("病人", "客戶")),
                     "sector", id="clinic-vs-bank"),
    ],
)
def test_scalar_and_label_disagreements(en: list[str], zh: list[str], field: str | None) -> None:
    report = check_text("\n".join(en + zh))
    assert [i.field for i in report.issues] == ([field] if field else []), [i.message for i in report.issues]


@pytest.mark.parametrize("two_files", [False, True], ids=["one-file", "two-files"])
def test_a_paragraph_left_untranslated_is_reported_once(two_files: bool) -> None:
    zh = ZH[:2] + [EN[2]] + ZH[3:]  # the English paragraph pasted where its translation should be
    if two_files:
        report = check_pair("\n".join(EN).encode(), "\n".join(zh).encode())
    else:
        report = check_text("\n".join(EN + zh))
    assert [i.field for i in report.issues] == ["paragraph"]
    assert "left untranslated" in report.issues[0].message
    assert report.issues[0].en.text == EN[2]


# --- figures paragraph by paragraph: equivalent renderings are not alarms ------------------------

HEAD_EN = "Ransomware gang hits Kowloon retailer Silver Lantern"
HEAD_ZH = "勒索軟件集團入侵九龍零售商銀燈"
EQUIVALENT = [
    ("Silver Lantern said the data of half a million customers was exposed in the attack.", "銀燈表示，事件中有50萬名客戶的資料外洩。"),
    ("The gang says it stole 2 TB of files from 3 servers.", "該集團聲稱從三部伺服器竊取了2TB檔案。"),
    ("Silver Lantern said the data of 1.2 million customers was exposed.", "銀燈表示，一百二十萬名客戶的資料外洩。"),
    ("Silver Lantern said about 13,000 customers were affected.", "銀燈表示，約一萬三千名客戶受影響。"),
    ("The attackers took 1.5 terabytes of data, the company said.", "公司表示，攻擊者取去了1,500GB數據。"),
    ("Investigators found twelve compromised accounts.", "調查人員發現十二個受入侵帳戶。"),
    ("It said 2,000 to 3,000 users may be affected.", "公司表示，可能有二千至三千名用戶受影響。"),
    ("The firm employs roughly 4,500 people in 12 countries.", "該公司在12個國家僱用約4500人。"),
    ("About 70 per cent of its 10,000 staff were affected.", "其一萬名員工中約七成受影響。"),
    ("Silver Lantern said thousands of customers were affected.", "銀燈表示，數以千計的客戶受影響。"),
    ("Silver Lantern said hundreds of stores were closed.", "銀燈表示，數百間分店暫停營業。"),
    ("The gang demanded US$750,000 and later lowered the demand to half a million dollars.",
     "該集團索取75萬美元，其後把要求降至50萬美元。"),
    ("Silver Lantern reported revenue of HK$5.8 billion last year.", "銀燈去年收入為58億港元。"),
    ("Customers can call the hotline on 2345 6789 between 9am and 6pm.", "客戶可於上午9時至下午6時致電熱線2345 6789查詢。"),
    ("The breach ran from 14 March to 2 April 2024.", "事件由2024年3月14日持續至4月2日。"),
    ("Regulators can fine firms up to 4% of global turnover or €20 million.",
     "監管機構可向企業處以最高全球營業額4%或2,000萬歐元的罰款。"),
    ("Shares fell 3.5 per cent to HK$12.40 in Hong Kong trading.", "股價在香港下跌3.5%至12.40港元。"),
    ("The company said about 5,000 of its 12,000 customers were affected.", "公司表示，其一萬二千名客戶中約五千名受影響。"),
    ("The group has posted 1,000 victims on its leak site.", "該集團已在其洩密網站公開一千名受害者。"),
    ("A ransom of 25 bitcoin, about US$1.5 million, was demanded.", "對方索取25個比特幣(約150萬美元)贖金。"),
    ("Research data can represent billions of dollars in investment.", "研究數據可能代表數以十億計的投資。"),
    ("Hansong reported sales of 1.9 trillion won last year.", "韓松去年營收為1.9兆韓元。"),
]
DIFFERENT_FIGURES = [
    ("Investigators found 12 compromised accounts and 450 affected laptops.",
     "調查人員發現12個受入侵帳戶及540部受影響的手提電腦。", ("450", None)),
    ("The attackers also took 800 GB of e-mail archives.", "攻擊者亦取去了80GB電郵存檔。",
     ("800 GB", "80GB")),
    ("The firm employs roughly 4,500 people.", "該公司僱用約450人。", ("roughly 4,500 people", "約450人")),
]


@pytest.mark.parametrize(("en", "zh"), EQUIVALENT, ids=[e[:40] for e, _ in EQUIVALENT])
def test_equivalent_figures_agree(en: str, zh: str) -> None:
    report = check_text("\n".join([HEAD_EN, en, HEAD_ZH, zh]))
    assert report.agree, [i.message for i in report.issues]


@pytest.mark.parametrize(("en", "zh", "sides"), DIFFERENT_FIGURES, ids=[e[:40] for e, _, _ in DIFFERENT_FIGURES])
def test_different_figures_are_reported(en: str, zh: str, sides: tuple[str, str]) -> None:
    report = check_text("\n".join([HEAD_EN, en, HEAD_ZH, zh]))
    assert report.issues, "no disagreement found"
    assert {(i.en_text, i.zh_text) for i in report.issues} & {sides}, [(i.field, i.en_text, i.zh_text) for i in report.issues]


@pytest.mark.parametrize(("headline", "agree"), [("索價200萬美元", True), ("索價300萬美元", False)])
def test_a_headline_figure_is_checked_against_the_whole_other_version(headline: str, agree: bool) -> None:
    # headlines are rewritten, not translated: US$2 million is in the English body, not its headline
    report = check_text("\n".join(EN + [f"{ZH[0]} {headline}", *ZH[1:]]))
    assert report.agree is agree, [i.message for i in report.issues]


SAMPLE_DIR = Path(__file__).resolve().parents[1] / "samples"
SAMPLES = sorted(SAMPLE_DIR / case["file"] for case in map(json.loads, (SAMPLE_DIR / "gold.jsonl").read_text(
    encoding="utf-8").splitlines()) if case.get("layout") not in ("en-only", "zh-only"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_the_bundled_samples_are_faithful_translations(path: Path) -> None:
    report = check_bytes(path.read_bytes(), path=path.name)
    assert report.agree, [i.message for i in report.issues]
    assert all(r.en_segments and r.zh_segments for r in report.rows)


# --- the report's JSON Schema ------------------------------------------------------------------


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(lambda: check_text(article()), id="agree"),
        pytest.param(lambda: check_text(article(zh=zh_with("逾1.3萬", "逾3.1萬")[:3])), id="issues-and-unpaired"),
        pytest.param(lambda: check_pair("\n".join(EN).encode(), "\n".join(ZH).encode(), ("en.txt", None)), id="two-files"),
    ],
)
def test_json_report_follows_its_schema(report) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from extractor.check import schema

    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(json.loads(to_json_text(report())), schema())
