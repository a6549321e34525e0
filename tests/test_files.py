"""extractor.files: the library side of `extractor extract PATH...`, against the fake core
(see the CLI section of conftest.py): results in order, errors kept, the exit code chosen."""
from __future__ import annotations

import io

import pytest

from extractor.errors import DecodeFailed, ExitCode, InputNotFound, InputTooLarge, exit_code_for, exit_code_of
from extractor.files import FileResult, extract_files, nothing_found, read_input


@pytest.fixture
def files(tmp_path, article_file):
    (tmp_path / "boom.txt").write_bytes(b"BOOM")
    (tmp_path / "badenc.txt").write_bytes(b"BADENC \xa4\xa4")
    return {"good": article_file, "boom": str(tmp_path / "boom.txt"), "badenc": str(tmp_path / "badenc.txt"),
            "missing": str(tmp_path / "missing.txt")}


@pytest.mark.parametrize("names, exit_code, errors", [
    (["good"], ExitCode.OK, []),
    (["good", "good"], ExitCode.OK, []),
    (["missing", "good"], ExitCode.PARTIAL, [InputNotFound]),
    (["good", "boom"], ExitCode.PARTIAL, [RuntimeError]),
    (["missing", "boom"], ExitCode.INPUT, [InputNotFound, RuntimeError]),
    (["boom", "missing"], ExitCode.INTERNAL, [RuntimeError, InputNotFound]),
    (["badenc"], ExitCode.INPUT, [DecodeFailed]),
])
def test_every_path_gets_a_result_in_order(fake_core, files, names, exit_code, errors) -> None:
    seen: list[FileResult] = []
    done = extract_files([files[n] for n in names], on_result=seen.append)
    assert [r.path for r in done.results] == [files[n] for n in names]
    assert list(done.results) == seen  # reported as each is done
    assert [type(r.error) for r in done.results if r.error is not None] == errors
    assert len(done.records) == names.count("good")
    assert done.exit_code == exit_code


def test_the_core_is_not_called_for_a_file_that_cannot_be_read(fake_core, files) -> None:
    done = extract_files([files["missing"]])
    assert fake_core.calls == [] and isinstance(done.results[0].error, InputNotFound)


def test_stdin_path_encoding_and_max_bytes(fake_core) -> None:
    done = extract_files(["-"], encoding="big5", stdin=io.BytesIO(b"Hackers hit a hospital."))
    assert fake_core.calls == [(b"Hackers hit a hospital.", None, "big5")]
    assert done.exit_code == ExitCode.OK
    too_big = extract_files(["-"], max_bytes=4, stdin=io.BytesIO(b"Hackers hit a hospital."))
    assert isinstance(too_big.results[0].error, InputTooLarge) and "<stdin>" in str(too_big.results[0].error)


def test_fail_empty_marks_a_record_without_facts(fake_core, files) -> None:
    assert extract_files([files["good"]], fail_empty=True).exit_code == ExitCode.OK
    fake_core.extract_bytes = lambda data, path=None, encoding=None, explain=False: {"facts": {"actor": []}, "warnings": []}
    done = extract_files([files["good"]], fail_empty=True)
    assert done.results[0].empty and done.exit_code == ExitCode.NOTHING_FOUND
    assert not extract_files([files["good"]]).results[0].empty  # only when asked for


@pytest.mark.parametrize("facts, empty", [
    ({}, True),
    ({"actor": [], "victim": [], "data_size": None, "country": None}, True),
    ({"actor": [], "encryption": False}, False),  # "not encrypted" is a fact
    ({"actor": [{"en": "LockBit"}]}, False),
])
def test_nothing_found(facts, empty) -> None:
    assert nothing_found({"facts": facts}) is empty


def test_read_input_reads_text_streams_as_utf8() -> None:
    assert read_input("-", 100, io.StringIO("駭客")) == "駭客".encode("utf-8")
    assert read_input("-", 100, None) == b""


@pytest.mark.parametrize("code, exit_code", [("E101", 3), ("E106", 3), ("E120", 2), ("E201", 4), ("E301", 5),
                                             ("E999", 3)])
def test_exit_code_of_a_code(code: str, exit_code: int) -> None:
    assert exit_code_of(code) == exit_code


def test_exit_code_for_an_exception() -> None:
    assert exit_code_for(InputNotFound("x")) == ExitCode.INPUT
    assert exit_code_for(RuntimeError("x")) == ExitCode.INTERNAL
