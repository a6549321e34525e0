from __future__ import annotations

from pathlib import Path

import pytest

from extractor import lexicon
from extractor.paths import DATA_DIR
from extractor.errors import ModelDataInvalid, ModelMissing


@pytest.fixture(scope="module")
def data_types() -> dict[tuple[str, str], str]:
    return {(r.lang, r.phrase): r.category for r in lexicon.data_types()}


@pytest.fixture(scope="module")
def sectors() -> dict[tuple[str, str], str]:
    return {(r.lang, r.phrase): r.norm for r in lexicon.sectors()}


@pytest.fixture(scope="module")
def countries() -> dict[tuple[str, str], str]:
    return {(r.lang, r.phrase): r.code for r in lexicon.countries()}


@pytest.fixture(scope="module")
def threat_groups() -> dict[tuple[str, str], str]:
    return {(r.lang, r.alias): r.name for r in lexicon.threat_groups()}


# --- the shipped files


@pytest.mark.parametrize(
    "load, minimum",
    [
        (lexicon.data_types, {"en": 250, "zh": 300}),
        (lexicon.sectors, {"en": 120, "zh": 120}),
        (lexicon.countries, {"en": 70, "zh": 70}),
        (lexicon.threat_groups, {"en": 120, "zh": 5}),
    ],
)
def test_shipped_files_load_with_enough_rows(load, minimum):
    rows = load()
    for lang, count in minimum.items():
        assert sum(r.lang == lang for r in rows) >= count


def test_every_category_and_sector_is_used():
    assert {r.category for r in lexicon.data_types()} == lexicon.DATA_CATEGORIES
    assert {r.norm for r in lexicon.sectors()} == lexicon.SECTORS


def test_data_dir_is_the_repo_models_data():
    assert lexicon.DATA_DIR == Path(__file__).resolve().parent.parent / "models" / "data"


def test_countries_cover_the_region_and_the_g20():
    codes = {r.code for r in lexicon.countries()}
    g20 = set("AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US".split())
    asia_pacific = set("HK MO TW SG MY PH TH VN NZ".split())
    assert g20 | asia_pacific <= codes
    assert len(codes) >= 70


@pytest.mark.parametrize(
    "lang, phrase, category",
    [
        ("en", "clinical trial records", "health"),
        ("en", "dental X-rays", "health"),
        ("en", "passport numbers", "government_id"),
        ("en", "passport number", "government_id"),
        ("en", "driver's licence numbers", "government_id"),
        ("en", "driver's license numbers", "government_id"),
        ("en", "tax file numbers", "government_id"),
        ("en", "IRD numbers", "government_id"),
        ("en", "frequent-flyer numbers", "customer"),
        ("en", "payroll files", "financial"),
        ("en", "HR files", "employment"),
        ("en", "AI research assets", "research_ip"),
        ("en", "engineering drawings", "research_ip"),
        ("en", "client correspondence", "legal"),
        ("en", "board minutes", "corporate"),
        ("en", "customs declarations", "corporate"),
        ("en", "exam results", "education"),
        ("en", "API keys", "credentials"),
        ("en", "email addresses", "contact"),
        ("en", "dates of birth", "personal_identity"),
        ("zh", "身分證字號", "government_id"),
        ("zh", "身份證號碼", "government_id"),
        ("zh", "身分證號碼", "government_id"),
        ("zh", "電郵地址", "contact"),
        ("zh", "電子郵件地址", "contact"),
        ("zh", "電子郵箱", "contact"),
        ("zh", "醫療紀錄", "health"),
        ("zh", "醫療記錄", "health"),
        ("zh", "臨床試驗數據", "health"),
        ("zh", "客戶資料", "customer"),
        ("zh", "客戶數據", "customer"),
        ("zh", "雇員資料", "employment"),
        ("zh", "飛行里數", "customer"),
        ("zh", "原始碼", "research_ip"),
        ("zh", "內部電郵", "corporate"),
        ("zh", "成績單", "education"),
        ("zh", "薪金資料", "financial"),
    ],
)
def test_data_type_spot_checks(data_types, lang, phrase, category):
    assert data_types[(lang, phrase)] == category


@pytest.mark.parametrize(
    "lang, phrase, norm",
    [
        ("en", "drugmaker", "pharmaceutical"),
        ("en", "chipmaker", "semiconductor"),
        ("en", "law firm", "legal"),
        ("en", "telco", "telecommunications"),
        ("en", "casino", "gaming"),
        ("en", "hotel", "hospitality"),
        ("en", "fuel pipeline", "energy"),
        ("en", "payroll", "business_services"),
        ("en", "non-profit", "nonprofit"),
        ("zh", "藥廠", "pharmaceutical"),
        ("zh", "律師事務所", "legal"),
        ("zh", "非牟利", "nonprofit"),
        ("zh", "非營利", "nonprofit"),
        ("zh", "券商", "finance"),
        ("zh", "物業管理", "real_estate"),
        ("zh", "電子遊戲", "gaming"),
        ("zh", "郵政", "postal"),
    ],
)
def test_sector_spot_checks(sectors, lang, phrase, norm):
    assert sectors[(lang, phrase)] == norm


@pytest.mark.parametrize(
    "lang, phrase, code",
    [
        ("en", "Danish", "DK"),
        ("en", "U.S.", "US"),
        ("en", "Scotland", "GB"),
        ("en", "Taiwanese", "TW"),
        ("en", "Hong Kong", "HK"),
        ("en", "Macao", "MO"),
        ("zh", "丹麥", "DK"),
        ("zh", "澳洲", "AU"),
        ("zh", "澳大利亞", "AU"),
        ("zh", "紐西蘭", "NZ"),
        ("zh", "新西蘭", "NZ"),
        ("zh", "台灣", "TW"),
        ("zh", "臺灣", "TW"),
        ("zh", "英格蘭", "GB"),
        ("zh", "南韓", "KR"),
        ("zh", "義大利", "IT"),
        ("zh", "意大利", "IT"),
        ("zh", "沙烏地阿拉伯", "SA"),
        ("zh", "沙特阿拉伯", "SA"),
    ],
)
def test_country_spot_checks(countries, lang, phrase, code):
    assert countries[(lang, phrase)] == code


@pytest.mark.parametrize(
    "lang, alias, name",
    [
        ("en", "Sodinokibi", "REvil"),
        ("en", "LockBit 3.0", "LockBit"),
        ("en", "BlackCat", "ALPHV"),
        ("en", "ALPHV/BlackCat", "ALPHV"),
        ("zh", "黑貓", "ALPHV"),
        ("en", "Clop", "Cl0p"),
        ("en", "Agenda", "Qilin"),
        ("en", "Octo Tempest", "Scattered Spider"),
        ("en", "Lazarus", "Lazarus Group"),
        ("en", "APT41", "APT41"),
        ("zh", "伏特颱風", "Volt Typhoon"),
    ],
)
def test_threat_group_spot_checks(threat_groups, lang, alias, name):
    assert threat_groups[(lang, alias)] == name


# --- the Traditional-script rule


@pytest.mark.parametrize(
    "phrase, bad",
    [
        ("身分證字號", ""),
        ("台灣", ""),  # Hong Kong writes 台; s2t alone would say 臺
        ("群組", ""),  # Taiwan writes 群; s2t alone would say 羣
        ("雇員資料", ""),
        ("个人资料", "个资"),
        ("数据", "数据"),
        ("身份证号码", "证号码"),
    ],
)
def test_simplified_chars(phrase, bad):
    assert lexicon.simplified_chars(phrase) == bad


# --- malformed files: the message names the file and the line

COLUMNS = ("lang", "phrase", "category")
HEADER = "lang\tphrase\tcategory\n"


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ("# comment\nlang\tphrase\n", 2, "header"),
        (HEADER + "en\tpasswords\n", 2, "2 tab-separated fields, expected 3"),
        (HEADER + "en\tpasswords\tcredentials\textra\n", 2, "4 tab-separated fields"),
        (HEADER + "en\t\tcredentials\n", 2, "phrase is empty"),
        (HEADER + "en\tpasswords \tcredentials\n", 2, "whitespace"),
        (HEADER + "fr\tmots de passe\tcredentials\n", 2, "lang 'fr'"),
        (HEADER + "en\tpasswords\tsecrets\n", 2, "category 'secrets'"),
        (HEADER + "#\n\nen\tpasswords\tcredentials\nen\tpasswords\tcredentials\n", 5, "duplicate of line 4"),
        (HEADER + "zh\t个人资料\tpersonal_identity\n", 2, "Simplified-only characters '个资'"),
        (HEADER + "zh\tpasswords\tcredentials\n", 2, "no Chinese characters"),
        (HEADER + "en\t密碼\tcredentials\n", 2, "has Chinese characters"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, body, line, fragment):
    path = tmp_path / "data_types.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ModelDataInvalid) as info:
        lexicon.load_tsv(path, COLUMNS)
    assert info.value.message.startswith(f"{path}:{line}: ")
    assert fragment in info.value.message
    assert str(info.value).startswith("[E202] ")


def test_key_duplicate_with_a_different_value_is_an_error(tmp_path):
    (tmp_path / "sectors.tsv").write_text(
        "lang\tphrase\tnorm\nen\tbank\tfinance\nen\tbank\tretail\n", encoding="utf-8"
    )
    with pytest.raises(ModelDataInvalid, match=r"sectors\.tsv:3: duplicate of line 2"):
        lexicon.sectors(tmp_path)


def test_bad_country_code(tmp_path):
    (tmp_path / "countries.tsv").write_text("code\tlang\tphrase\nDnk\ten\tDenmark\n", encoding="utf-8")
    with pytest.raises(ModelDataInvalid, match=r"countries\.tsv:2: code 'Dnk'"):
        lexicon.countries(tmp_path)


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "data_types.tsv"
    path.write_bytes(HEADER.encode() + "zh\t密碼\tcredentials\n".encode("big5"))
    with pytest.raises(ModelDataInvalid, match=r"data_types\.tsv:2: not UTF-8"):
        lexicon.load_tsv(path, COLUMNS)


def test_empty_file_has_no_header(tmp_path):
    path = tmp_path / "data_types.tsv"
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(ModelDataInvalid, match=r"data_types\.tsv:1: no header row"):
        lexicon.load_tsv(path, COLUMNS)


def test_missing_file_is_model_missing(tmp_path):
    with pytest.raises(ModelMissing, match=r"threat_groups\.tsv: word list not found"):
        lexicon.threat_groups(tmp_path)


def test_bom_and_comments_are_accepted(tmp_path):
    path = tmp_path / "data_types.tsv"
    path.write_text("\ufeff# note\n" + HEADER + "\n# more\nzh\t密碼\tcredentials\n", encoding="utf-8")
    assert lexicon.load_tsv(path, COLUMNS) == [{"lang": "zh", "phrase": "密碼", "category": "credentials"}]


def test_typed_accessor_reads_another_dir(tmp_path):
    (tmp_path / "threat_groups.tsv").write_text(
        "name\talias\tlang\nREvil\tSodinokibi\ten\n", encoding="utf-8"
    )
    assert lexicon.threat_groups(tmp_path) == [lexicon.ThreatGroup("REvil", "Sodinokibi", "en")]


def test_word_lists_cover_every_declared_list_and_add_simplified_forms():
    words = lexicon.word_lists()
    declared = {r["list"] for r in lexicon.load_tsv(DATA_DIR / "lists.tsv", ("list", "lang", "meaning"))}
    assert set(words) == declared
    assert all(words[name] for name in declared)
    assert {"university", "bank"} <= words["org_head"]
    assert {"該公司", "该公司", "駭客", "骇客"} <= words["generic"]
    assert {"與", "与"} <= words["edge"]  # written once in Traditional, derived in Simplified


def _lists(tmp_path, declared: str, rows: str) -> None:
    (tmp_path / "lists.tsv").write_text(f"list\tlang\tmeaning\n{declared}\n", encoding="utf-8")
    (tmp_path / "words.tsv").write_text(f"list\tlang\tword\n{rows}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("org_head\tzh\t大學", "words.tsv:2: list 'org_head' in 'zh' is not declared"),
        ("surname\ten\tSmith", "words.tsv:2: list 'surname' in 'en' is not declared"),
        ("edge\tzh\t这", "words.tsv:2: word '这' has Simplified-only characters"),
    ],
)
def test_word_list_rows_must_name_a_declared_list_in_its_language(tmp_path, row, fragment):
    _lists(tmp_path, "org_head\ten\tWords that head a name\nedge\tzh\tFunction characters", row)
    with pytest.raises(ModelDataInvalid, match=fragment):
        lexicon.word_lists(tmp_path)


def test_a_new_list_is_a_data_change(tmp_path):
    _lists(tmp_path, "report_verb\tzh\tReporting verbs", "report_verb\tzh\t證實")
    assert lexicon.word_lists(tmp_path) == {"report_verb": frozenset({"證實", "证实"})}


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        ("actor\tsupport_min\tmany\tx", "weights.tsv:2: value 'many' is not a number"),
        ("actor\tsupport_min\t1\tx\nactor\tsupport_min\t2\tx", "weights.tsv:3: duplicate of line 2"),
    ],
)
def test_weights_are_numbers_named_once(tmp_path, rows, fragment):
    (tmp_path / "weights.tsv").write_text(f"recognizer\tname\tvalue\tmeaning\n{rows}\n", encoding="utf-8")
    with pytest.raises(ModelDataInvalid, match=fragment):
        lexicon.weights(tmp_path)


def test_a_weight_the_data_lacks_is_a_data_error(tmp_path):
    (tmp_path / "weights.tsv").write_text("recognizer\tname\tvalue\tmeaning\nactor\tlisted\t0.6\tx\n", encoding="utf-8")
    found = lexicon.weights(tmp_path)["actor"]
    assert found["listed"] == 0.6
    with pytest.raises(ModelDataInvalid, match="weights.tsv: no weight actor.support_min"):
        found["support_min"]


def test_packaged_chinese_words_are_traditional():
    # the extractor loads its lists without the (slow) script check: the check is made here
    lexicon.word_lists(scripts=True)
    lexicon.data_types(scripts=True)


def test_packaged_gazetteer_chinese_names_are_traditional():
    from extractor.gazetteer import COLUMNS

    rows = lexicon.load_tsv(DATA_DIR / "organisations.tsv", COLUMNS, key=("lang", "name"))
    simplified = [r["name"] for r in rows if r["lang"] == "zh" and lexicon.simplified_chars(r["name"])]
    assert simplified == []
