"""Property tests (Hypothesis): whatever text or bytes come in, the core returns a record that
validates against the schema, with every evidence offset true, or raises a coded error."""
from __future__ import annotations

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import evidence_objects
from extractor import render
from extractor.core import extract_bytes, extract_text
from extractor.errors import ExtractorError

# Article-like pieces mixed with noise, so the pipelines find facts as well as nothing.
PIECES = [
    "The ransomware gang Akira said it stole 420 GB of data from Harborlight Components.",
    "Servers were encrypted and the company refused to pay the ransom.",
    "勒索軟體集團Akira表示，已從港灣零件公司竊取約420GB資料，包括1.2萬名員工的身分證號碼。",
    "黑客入侵了港湾医疗集团，超过1.3万名病人的数据遭泄露。",
    "more than 500,000 customers", "逾3萬名客戶", "1.3 TB", "$5 million", "[bold]", "C:\\[x]",
    "\n", "\n\n", "\r\n", " ", "。", ".", "（", "「", "\u3000", "\ufeff", "\x00", "\u200b",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=12).map("".join),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(record: dict, text: str) -> None:
    jsonschema.validate(record, render.schema())
    for e in evidence_objects(record):
        assert text[e["start"]:e["end"]] == e["text"], e
    for s in record["segments"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
    render.to_json(record)  # serialisable, no NaN
    render.to_table(record)


@SETTINGS
@given(texts)
def test_any_text_gives_a_valid_record_with_true_offsets(text: str) -> None:
    _check(extract_text(text), text)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 texts.map(lambda t: t.encode("gb18030", "replace")), texts.map(lambda t: t.encode("cp950", "replace"))))
def test_any_bytes_give_a_record_or_a_coded_error(data: bytes) -> None:
    try:
        record = extract_bytes(data)
    except ExtractorError as error:
        assert error.code.startswith("E1") and "\n" not in str(error)
        return
    from extractor.decode import decode

    _check(record, decode(data).text)
