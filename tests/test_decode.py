"""extractor.decode: bytes -> text, the string every offset in the record refers to."""
from __future__ import annotations

import codecs
import hashlib

import pytest

from extractor.decode import decode
from extractor.errors import DecodeFailed, EmptyInput

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


# --- errors ----------------------------------------------------------------------------------

# (bytes, encoding argument, exception type, code, words the message must contain)
ERROR_CASES = [
    pytest.param(ZH_TW.encode("big5"), None, DecodeFailed, "E103", ["--encoding"], id="big5-read-as-utf8"),
    pytest.param(ZH_HANS.encode("gb18030"), None, DecodeFailed, "E103", ["--encoding"], id="gb18030-read-as-utf8"),
    pytest.param(b"Kestrel Freight \xff\xfe\xfa breach", None, DecodeFailed, "E103", ["--encoding"],
                 id="stray-bytes"),
    pytest.param(EN.encode("utf-8"), "klingon-8", DecodeFailed, "E103", ["klingon-8"], id="unknown-codec"),
    pytest.param(b"", None, EmptyInput, "E104", [], id="empty"),
    pytest.param(b"  \n\t \r\n\n", None, EmptyInput, "E104", [], id="whitespace-only"),
    pytest.param(codecs.BOM_UTF8 + b" \n", None, EmptyInput, "E104", [], id="bom-and-whitespace"),
    pytest.param(codecs.BOM_UTF16_LE + "\r\n  ".encode("utf-16-le"), None, EmptyInput, "E104", [],
                 id="utf16-whitespace"),
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
