"""extractor.decode: bytes -> text, the string every offset in the record refers to."""
from __future__ import annotations

import codecs
import hashlib

import pytest

from extractor.decode import MIN_PLAUSIBLE, decode, plausibility
from extractor.errors import BinaryInput, DecodeFailed

# Written for these tests: one Traditional Chinese (Taiwan usage) and one English sentence.
ZH_TW = "駭客入侵新竹晶宇科技股份有限公司的網路，竊取約2.3兆位元組資料，包括員工身分證字號。"
EN = "Ransomware gang Qilin claimed an attack on Kestrel Freight Ltd and says it stole 420 GB of files."
ZH_HK = "黑客入侵港灣醫療集團的電郵系統，逾1.3萬名病人的數據外洩。"
ZH_HANS = "黑客入侵了港湾医疗集团的电子邮件系统，超过1.3万名病人的数据遭泄露。"
BILINGUAL = EN + "\n" + ZH_TW + "\n"


# --- encodings and byte-order marks ----------------------------------------------------------

# (bytes, encoding argument, expected text, expected encoding name, expected bom flag)
DECODE_CASES = [
    pytest.param(BILINGUAL.encode("utf-8"), None, BILINGUAL, "utf-8", False, id="utf8-default"),
    pytest.param(ZH_HK.encode("utf-8"), "utf-8", ZH_HK, "utf-8", False, id="utf8-explicit"),
    pytest.param(codecs.BOM_UTF8 + BILINGUAL.encode("utf-8"), None, BILINGUAL, "utf-8", True, id="utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + BILINGUAL.encode("utf-16-le"), None, BILINGUAL, "utf-16-le", True,
                 id="utf16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + BILINGUAL.encode("utf-16-be"), None, BILINGUAL, "utf-16-be", True,
                 id="utf16-be-bom"),
    pytest.param(ZH_TW.encode("big5"), "big5", ZH_TW, "big5", False, id="big5-explicit"),
    pytest.param((EN + "\n" + ZH_HK).encode("big5"), "big5", EN + "\n" + ZH_HK, "big5", False,
                 id="big5-bilingual"),
    pytest.param(ZH_HANS.encode("gb18030"), "gb18030", ZH_HANS, "gb18030", False, id="gb18030-explicit"),
    pytest.param(EN.encode("ascii"), None, EN, "utf-8", False, id="ascii-is-utf8"),
]


@pytest.mark.parametrize(("data", "encoding", "text", "name", "bom"), DECODE_CASES)
def test_decode_text_encoding_and_bom(data: bytes, encoding: str | None, text: str, name: str, bom: bool) -> None:
    decoded = decode(data, encoding)
    assert decoded.text == text
    assert not decoded.text.startswith("\ufeff")
    assert codecs.lookup(decoded.encoding).name == codecs.lookup(name).name
    assert decoded.bom is bom


# --- detection without --encoding -------------------------------------------------------------

# Written for these tests: characters Python's `big5` codec lacks (裏 碁 €), Hong Kong characters
# only Big5-HKSCS has (嘅 咗 喺 are HKSCS additions), and a Simplified sentence.
ZH_CP950 = "宏碁表示，駭客潛入公司網路裏的檔案伺服器，並要求支付50萬€贖金。"
ZH_HKSCS = "警方話，黑客喺上星期入侵咗嗰間物流公司嘅系統，偷走咗約3萬名客戶嘅資料。"
MIXED = EN + "\n\n" + ZH_TW + "\n"

# (bytes, expected text, expected encoding)
DETECT_CASES = [
    pytest.param(ZH_TW.encode("cp950"), ZH_TW, "cp950", id="big5-traditional"),
    pytest.param(MIXED.encode("cp950"), MIXED, "cp950", id="big5-bilingual"),
    pytest.param(ZH_CP950.encode("cp950"), ZH_CP950, "cp950", id="cp950-only-characters"),
    pytest.param(ZH_HKSCS.encode("big5hkscs"), ZH_HKSCS, "big5hkscs", id="big5-hkscs"),
    pytest.param(ZH_HANS.encode("gb18030"), ZH_HANS, "gb18030", id="gb18030-simplified"),
    pytest.param(ZH_HANS.encode("gbk"), ZH_HANS, "gb18030", id="gbk-is-gb18030"),
    pytest.param(ZH_TW.encode("gb18030"), ZH_TW, "gb18030", id="gb18030-traditional"),
    pytest.param((EN + "\n" + ZH_HANS).encode("gb18030"), EN + "\n" + ZH_HANS, "gb18030", id="gb18030-bilingual"),
    pytest.param(MIXED.encode("utf-16-le"), MIXED, "utf-16-le", id="utf16-le-without-bom"),
    pytest.param(MIXED.encode("utf-16-be"), MIXED, "utf-16-be", id="utf16-be-without-bom"),
]


@pytest.mark.parametrize(("data", "text", "name"), DETECT_CASES)
def test_legacy_encodings_are_detected_and_said(data: bytes, text: str, name: str) -> None:
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == name
    assert [w[:6] for w in decoded.warnings] == ["[W102]"]  # never a silent guess
    assert name in decoded.warnings[0] and "--encoding" in decoded.warnings[0]


def test_python_big5_lacks_what_cp950_has() -> None:
    with pytest.raises(UnicodeEncodeError):
        ZH_CP950.encode("big5")


# (text, encoding it is written in, encoding a wrong decode would use): the wrong decode
# succeeds without error but is nonsense, and must score low
GARBAGE_CASES = [
    pytest.param(ZH_TW, "cp950", "gb18030", id="big5-read-as-gb18030"),
    pytest.param(ZH_HK, "cp950", "gb18030", id="hk-big5-read-as-gb18030"),
    pytest.param(ZH_HANS, "gb18030", "cp950", id="gb-read-as-big5"),
]


@pytest.mark.parametrize(("text", "written", "wrong"), GARBAGE_CASES)
def test_a_decode_into_garbage_scores_low(text: str, written: str, wrong: str) -> None:
    data = text.encode(written)
    try:
        garbage = data.decode(wrong)
    except UnicodeDecodeError:
        garbage = None  # the wrong codec fails outright: nothing to score, detection must still win
    if garbage is not None:
        assert garbage != text
        assert plausibility(garbage) < MIN_PLAUSIBLE
    assert MIN_PLAUSIBLE <= plausibility(text)
    assert decode(data).text == text


# --- errors ----------------------------------------------------------------------------------

# (bytes, encoding argument, exception type, code, words the message must contain)
ERROR_CASES = [
    pytest.param(b"Kestrel Freight \xff\xfe\xfa breach", None, DecodeFailed, "E103", ["--encoding"],
                 id="stray-bytes"),
    pytest.param("Hackers hit the Montréal café chain Brûlerie Nord.".encode("latin-1"), None, DecodeFailed,
                 "E103", ["--encoding"], id="latin-1-is-not-guessed"),
    pytest.param(EN.encode("utf-8"), "klingon-8", DecodeFailed, "E103", ["klingon-8"], id="unknown-codec"),
    pytest.param(ZH_TW.encode("cp950"), "utf-8", DecodeFailed, "E103", ["--encoding", "utf-8"],
                 id="wrong-explicit-encoding"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, BinaryInput, "E105", ["PDF"], id="pdf"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00" + bytes(64), None, BinaryInput, "E105", ["ELF"], id="elf"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, BinaryInput, "E105", ["PNG"], id="png"),
    pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", None, BinaryInput, "E105", ["JPEG"], id="jpeg"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", None, BinaryInput, "E105", ["ZIP"], id="docx-zip"),
    pytest.param(EN.encode("utf-8") + b"\x00\x00\x01\x02" + EN.encode("utf-8"), None, BinaryInput, "E105",
                 ["NUL"], id="nul-bytes"),
    pytest.param(bytes(range(1, 9)) * 50, None, BinaryInput, "E105", ["control"], id="control-bytes"),
    pytest.param(EN.encode("utf-8") + b"\x00", "utf-8", BinaryInput, "E105", ["NUL"], id="nul-with-encoding"),
]


@pytest.mark.parametrize(("data", "encoding", "error", "code", "words"), ERROR_CASES)
def test_decode_errors_are_coded(data: bytes, encoding: str | None, error: type, code: str, words: list[str]) -> None:
    with pytest.raises(error) as info:
        decode(data, encoding)
    assert info.value.code == code
    assert str(info.value).startswith(f"[{code}]")
    assert "\n" not in str(info.value)
    for word in words:
        assert word in str(info.value)


BLANK_CASES = [
    pytest.param(b"", id="empty"),
    pytest.param(b"  \n\t \r\n\n", id="whitespace-only"),
    pytest.param(codecs.BOM_UTF8 + b" \n", id="bom-and-whitespace"),
    pytest.param(codecs.BOM_UTF16_LE + "\r\n  ".encode("utf-16-le"), id="utf16-whitespace"),
    pytest.param("\u3000\n".encode("utf-8"), id="ideographic-space"),
]


@pytest.mark.parametrize("data", BLANK_CASES)
def test_blank_input_decodes_with_a_warning(data: bytes) -> None:
    decoded = decode(data)
    assert not decoded.text.strip()
    assert [w[:6] for w in decoded.warnings] == ["[W101]"]


# --- newline detection -----------------------------------------------------------------------

NEWLINE_CASES = [
    pytest.param(f"{EN}\n{ZH_TW}\n", "LF", id="lf"),
    pytest.param(f"{EN}\r\n\r\n{ZH_TW}\r\n", "CRLF", id="crlf"),
    pytest.param(f"{EN}\r\n{ZH_TW}\n", "mixed", id="mixed-crlf-lf"),
    pytest.param(f"{EN}\r{ZH_TW}\r", "CR", id="cr"),
    pytest.param(EN, "none", id="none"),
]


@pytest.mark.parametrize(("text", "newline"), NEWLINE_CASES)
def test_newline_detection(text: str, newline: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert decoded.newline == newline
    assert decoded.text == text  # newlines are reported, never rewritten


# --- sha256 of the raw bytes -----------------------------------------------------------------

SHA_CASES = [
    pytest.param(BILINGUAL.encode("utf-8"), None, id="utf8"),
    pytest.param(codecs.BOM_UTF8 + BILINGUAL.encode("utf-8"), None, id="utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + BILINGUAL.encode("utf-16-le"), None, id="utf16-le"),
    pytest.param(ZH_TW.encode("big5"), "big5", id="big5"),
]


@pytest.mark.parametrize(("data", "encoding"), SHA_CASES)
def test_sha256_is_of_the_raw_bytes(data: bytes, encoding: str | None) -> None:
    decoded = decode(data, encoding)
    assert decoded.sha256 == hashlib.sha256(data).hexdigest()
    if data != decoded.text.encode("utf-8"):
        assert decoded.sha256 != hashlib.sha256(decoded.text.encode("utf-8")).hexdigest()
