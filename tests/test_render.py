"""The table renderer (extractor/render.py) and the fact lines it shares with extractor/formats."""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from conftest import build_sample_record
from extractor import render
from extractor.errors import ModelDataInvalid
from extractor.formats import FactLine, fact_lines, fact_rows, labels
from extractor.model import Record

REPO = Path(__file__).resolve().parents[1]


def test_fact_lines_of_the_sample_record():
    lines = fact_lines(build_sample_record())
    assert [line.field for line in lines] == [
        "actor", "victim", "data_size", "record_count", "data_type", "data_type", "encryption", "ransom",
        "country", "sector"]
    size = lines[2]
    # the two languages disagree (1.3 TB / 1.2 TB): one part each
    assert size.detail == ("en: approx. 1.3 TB (1,300,000,000,000 bytes)", "zh: approx. 1.2 TB (1,200,000,000,000 bytes)")
    assert lines[3] == FactLine("record_count", "more than 500,000", "超過50萬", ("more than 500,000",))
    assert lines[6] == FactLine("encryption", "yes", "是") and lines[7] == FactLine("ransom", "refused", "拒絕支付")
    assert lines[8].detail == ("DK",) and lines[4].detail == ("national_id",)


def test_absent_facts_are_one_empty_line_each():
    record = build_sample_record()
    for key in ("data_size", "record_count", "country", "sector", "encryption", "ransom"):
        record["facts"][key] = None
    for key in ("actor", "victim", "data_types"):
        record["facts"][key] = []
    lines = fact_lines(record)
    assert [(line.en, line.zh, line.detail) for line in lines] == [(None, None, ())] * 9
    assert fact_rows(record)[0] == ("actor", None, None, "")


def test_fact_rows_join_disagreeing_amounts_and_take_the_model_too():
    record = build_sample_record()
    rows = fact_rows(record)
    assert rows[2][3] == "en: approx. 1.3 TB (1,300,000,000,000 bytes); zh: approx. 1.2 TB (1,200,000,000,000 bytes)"
    assert fact_rows(Record.from_dict(record)) == rows


def test_table_shows_both_languages_and_dashes_for_what_is_missing():
    record = build_sample_record()
    record["facts"]["sector"] = None
    table = render.to_table(record, width=200)
    assert "Nordic Care Hospitals" in table and "北歐醫療集團" in table
    assert "en: approx. 1.3 TB" in table and "zh: approx. 1.2 TB" in table  # on two lines
    sector = next(line for line in table.splitlines() if line.strip().startswith("sector"))
    assert sector.split()[1:] == ["—", "—"]
    assert "Alignment: 3 paragraph links, 0 orphans" in table


def test_to_table_of_a_record_and_of_a_list_agree():
    record = build_sample_record()
    assert render.to_table(record) == render.to_table([record])
    assert render.to_table(record) == render.to_table(copy.deepcopy(record))


def test_labels_cover_every_value_the_schema_allows():
    table = labels()
    assert table["encryption", True] == ("yes", "是") and table["ransom", "paid"] == ("paid", "已支付")
    assert table["qualifier", "up_to"] == ("up to", None)


def test_a_bad_label_row_names_the_file(tmp_path, monkeypatch):
    import extractor.formats as formats

    bad = tmp_path / "labels.tsv"
    bad.write_text("field\tvalue\ten\tzh\nransom\tmaybe\tmaybe\t也許\n", encoding="utf-8")
    monkeypatch.setattr(formats, "_LABELS_TSV", bad)
    labels.cache_clear()
    try:
        with pytest.raises(ModelDataInvalid, match="labels.tsv: ransom 'maybe'"):
            labels()
    finally:
        labels.cache_clear()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycle_between_render_and_formats():
    for path in (REPO / "extractor" / "formats").glob("*.py"):
        assert not any(m == "extractor.render" for m in _imports(path)), path.name
    model = _imports(REPO / "extractor" / "model.py")
    assert not any(m.startswith(("extractor.formats", "extractor.render")) for m in model)
