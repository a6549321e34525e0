"""The saved spaCy pipelines under models/ (extractor.nlp, extractor.build_models, extractor.components).

They must load with plain `spacy.load` (the factories and tokenizer come from the package's
entry points), be in step with their sources under models/data, survive a save/load round
trip, and fail with a coded error when their data files are damaged.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import build_models
from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.nlp import PIPELINE_NAMES, load
from extractor.paths import MODELS_DIR

PIPE_NAMES = ["sentencizer", "lexicon", "extractor_cues", "extractor_quantities"]
REBUILD = "run `python -m extractor.build_models` and commit the rebuilt models/"

# Written for these tests: a Traditional Chinese ransomware report with Latin names, a decimal
# size, full-width punctuation and a country, sector and data types from the lexicon.
ZH_SENTENCE = (
    "勒索軟體集團LockBit聲稱入侵丹麥製藥公司的伺服器，竊取約1.3 TB資料，"
    "包括臨床試驗記錄及員工護照號碼；該公司拒絕支付贖金。"
)
# The same sentence converted character by character (t2s), as a mainland outlet would print it.
ZH_SENTENCE_SIMPLIFIED = (
    "勒索软体集团LockBit声称入侵丹麦制药公司的伺服器，窃取约1.3 TB资料，"
    "包括临床试验记录及员工护照号码；该公司拒绝支付赎金。"
)


def spans(doc) -> list[tuple[str, int, int, str, str, str]]:
    """Every span of every spans key, with everything a recogniser reads from it."""
    return sorted(
        (key, s.start_char, s.end_char, s.label_, s.kb_id_, s.id_)
        for key, group in doc.spans.items()
        for s in group
    )


# --- loading with spaCy alone ------------------------------------------------------------------


LOAD_IN_FRESH_PROCESS = """
import json, sys
import spacy
before = sorted(m for m in sys.modules if m == "extractor" or m.startswith("extractor."))
nlp = spacy.load(sys.argv[1])
print(json.dumps({"before": before, "pipe_names": nlp.pipe_names, "lang": nlp.lang,
                  "tokenizer": type(nlp.tokenizer).__module__ + "." + type(nlp.tokenizer).__name__}))
"""


@pytest.mark.parametrize("family", list(PIPELINE_NAMES))
def test_saved_pipeline_loads_with_spacy_alone_in_a_fresh_process(family: str, tmp_path: Path) -> None:
    """Nothing imports extractor first, so only the entry points can supply the factories."""
    path = MODELS_DIR / PIPELINE_NAMES[family]
    done = subprocess.run([sys.executable, "-c", LOAD_IN_FRESH_PROCESS, str(path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, f"spacy.load({path}) failed in a fresh process:\n{done.stderr[-2000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["before"] == []
    assert result["pipe_names"] == PIPE_NAMES
    assert result["lang"] == family
    if family == "zh":
        assert result["tokenizer"] == "extractor.components.zh_tokenizer.ZhTokenizer"


@pytest.mark.parametrize("family", list(PIPELINE_NAMES))
def test_loaded_pipeline_has_the_built_components(family: str) -> None:
    nlp = load(family)
    assert nlp.pipe_names == PIPE_NAMES
    assert nlp.config["components"]["lexicon"]["phrase_matcher_attr"] == ("NORM" if family == "zh" else "LOWER")
    assert nlp.get_pipe("lexicon").patterns, "the lexicon has no patterns"
    assert nlp.get_pipe("extractor_cues").rules, "no cue rules"
    assert nlp.get_pipe("extractor_quantities").data, "no quantity grammar"


# --- saved models agree with models/data -------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both pipelines built now from models/data, into a temporary directory."""
    out = tmp_path_factory.mktemp("models")
    assert build_models.main([str(out)]) == 0
    return out


def _read(path: Path) -> Any:
    if not path.exists():
        return None
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return list(srsly.read_jsonl(path))


def _difference(saved: Any, built: Any) -> str:
    if not (isinstance(saved, list) and isinstance(built, list)):
        return "the contents differ"
    key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)  # noqa: E731
    old, new = {key(r) for r in saved}, {key(r) for r in built}
    lines = [f"  only in models/: {r}" for r in sorted(old - new)[:5]]
    lines += [f"  only in a fresh build: {r}" for r in sorted(new - old)[:5]]
    return "\n".join(lines) or f"same rows, different order ({len(saved)} rows)"


@pytest.mark.parametrize("family", list(PIPELINE_NAMES))
@pytest.mark.parametrize("data_file", ["lexicon/patterns", "extractor_cues/cues.jsonl", "extractor_quantities/quantities.json"])
def test_saved_model_data_matches_a_fresh_build(family: str, data_file: str, fresh_models: Path) -> None:
    name = PIPELINE_NAMES[family]
    saved, built = _read(MODELS_DIR / name / data_file), _read(fresh_models / name / data_file)
    assert built is not None, f"a fresh build wrote no {name}/{data_file}"
    assert saved == built, (
        f"models/{name}/{data_file} is out of date with models/data; {REBUILD}\n{_difference(saved, built)}"
    )


@pytest.mark.parametrize("family", list(PIPELINE_NAMES))
def test_saved_pipeline_config_matches_a_fresh_build(family: str, fresh_models: Path) -> None:
    name = PIPELINE_NAMES[family]
    saved, built = spacy.util.load_config(MODELS_DIR / name / "config.cfg"), spacy.util.load_config(fresh_models / name / "config.cfg")
    assert saved["nlp"]["pipeline"] == built["nlp"]["pipeline"], REBUILD
    assert saved["components"] == built["components"], f"models/{name}/config.cfg differs from a fresh build; {REBUILD}"


def test_lexicon_patterns_are_the_build_patterns() -> None:
    """The in-memory patterns of the loaded pipeline are what build_models derives from models/data."""
    for family in PIPELINE_NAMES:
        loaded = load(family).get_pipe("lexicon").patterns
        key = lambda p: (p["label"], p["pattern"], p.get("id", ""))  # noqa: E731
        expected = build_models.lexicon_patterns(family)
        assert sorted(map(key, loaded)) == sorted(map(key, expected)), f"{family}: {REBUILD}"


# --- the zh pipeline: round trip, Simplified input, tokenizer ----------------------------------


def test_zh_pipeline_round_trip_gives_identical_spans(tmp_path: Path) -> None:
    nlp = load("zh")
    before = spans(nlp(ZH_SENTENCE))
    nlp.to_disk(tmp_path / "zh")
    reloaded = spacy.load(tmp_path / "zh")
    assert reloaded.pipe_names == nlp.pipe_names
    assert spans(reloaded(ZH_SENTENCE)) == before
    labels = {(key, label) for key, _, _, label, _, _ in before}
    # the sentence exercises every component, so the comparison is not vacuous
    assert {("lexicon", "GROUP"), ("lexicon", "COUNTRY"), ("lexicon", "SECTOR"), ("lexicon", "DATA_TYPE")} <= labels
    assert any(key == "quantities" for key, *_ in before)
    assert any(key == "cues" for key, *_ in before)


def test_simplified_text_gets_the_same_lexicon_spans() -> None:
    """NORM is the t2s form of each character, so Traditional patterns match Simplified text."""
    assert len(ZH_SENTENCE_SIMPLIFIED) == len(ZH_SENTENCE)
    nlp = load("zh")
    traditional = [s for s in spans(nlp(ZH_SENTENCE)) if s[0] == "lexicon"]
    simplified = [s for s in spans(nlp(ZH_SENTENCE_SIMPLIFIED)) if s[0] == "lexicon"]
    assert traditional
    assert simplified == traditional


@pytest.mark.parametrize("text", [
    pytest.param(ZH_SENTENCE, id="sentence"),
    pytest.param("FulcrumSec聲稱從諾和諾德的系統中竊取了約1.3 TB的數據。", id="latin-name-and-size"),
    pytest.param("Novo Nordisk（諾和諾德）表示：「我們正在調查。」", id="fullwidth-punct-and-spaces"),
    pytest.param("逾13,000名客戶受影響\n\n約２．５ＴＢ資料外洩", id="newlines-and-fullwidth-digits"),
    pytest.param("  前導空格與\t定位字元  ，　全形空格　及結尾空格  ", id="odd-whitespace"),
    pytest.param("Lapsus$、ALPHV/BlackCat 與 Scattered Spider 都曾攻擊 U.S. 公司。\r\n", id="symbols-and-crlf"),
    pytest.param("\n", id="newline-only"),
])
def test_zh_tokenizer_keeps_the_text(text: str) -> None:
    doc = load("zh").tokenizer(text)
    assert doc.text == text
    assert sum(len(t.text_with_ws) for t in doc) == len(text)


@pytest.mark.parametrize("text, whole", [
    ("FulcrumSec聲稱竊取約1.3 TB的數據", ["FulcrumSec", "1.3", "TB"]),
    ("逾13,000名客戶", ["13,000"]),
    ("Lapsus$集團", ["Lapsus$"]),
    ("ALPHV/BlackCat", ["ALPHV", "/", "BlackCat"]),
])
def test_zh_tokenizer_keeps_latin_words_and_numbers_whole(text: str, whole: list[str]) -> None:
    tokens = [t.text for t in load("zh").tokenizer(text)]
    for word in whole:
        assert word in tokens, tokens


def test_zh_tokenizer_norm_is_simplified_per_character() -> None:
    doc = load("zh").tokenizer("臨床試驗記錄LockBit")
    assert [t.norm_ for t in doc] == ["临", "床", "试", "验", "记", "录", "lockbit"]


# --- damaged model data -------------------------------------------------------------------------


CORRUPTIONS = {
    "not-json": lambda rows: "{this is not json\n",
    "missing-key": lambda rows: "\n".join(json.dumps({k: v for k, v in r.items() if k != "score"}) for r in rows) + "\n",
    "bad-regex": lambda rows: "\n".join(json.dumps({**r, "pattern": "(unclosed"}) for r in rows) + "\n",
    "bad-score": lambda rows: "\n".join(json.dumps({**r, "score": 7}) for r in rows) + "\n",
    "duplicate-name": lambda rows: "\n".join(json.dumps(r) for r in rows + rows[:1]) + "\n",
}


@pytest.fixture
def copied_models(tmp_path: Path) -> Path:
    """A private copy of models/ (the pipelines only) that a test may damage."""
    out = tmp_path / "models"
    for name in PIPELINE_NAMES.values():
        shutil.copytree(MODELS_DIR / name, out / name)
    return out


@pytest.mark.parametrize("family", list(PIPELINE_NAMES))
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_corrupted_cues_file_raises_model_data_invalid(family: str, corruption: str, copied_models: Path) -> None:
    cues = copied_models / PIPELINE_NAMES[family] / "extractor_cues" / "cues.jsonl"
    rows = list(srsly.read_jsonl(cues))
    cues.write_text(CORRUPTIONS[corruption](rows), encoding="utf-8")
    with pytest.raises(ModelDataInvalid) as caught:
        load(family, copied_models)
    assert caught.value.code == "E202"
    assert str(caught.value).startswith("[E202] ")


@pytest.mark.parametrize("missing", ["extractor_cues/cues.jsonl", "extractor_quantities/quantities.json"])
def test_missing_data_file_raises_model_data_invalid_naming_the_fix(missing: str, copied_models: Path) -> None:
    (copied_models / PIPELINE_NAMES["en"] / missing).unlink()
    with pytest.raises(ModelDataInvalid) as caught:
        load("en", copied_models)
    assert caught.value.code == "E202"
    assert "build_models" in caught.value.message


def test_missing_pipeline_raises_model_missing(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing) as caught:
        load("zh", tmp_path)
    assert caught.value.code == "E201"
    assert "python -m extractor.build_models" in caught.value.message


# Written for this test: sentence ends of every kind the two pipelines meet (quotes after a full
# stop, ellipses, runs of ?!, abbreviations, full-width and half-width Chinese punctuation).
SENTENCE_CASES = [
    ("en", 'The group said it took 2 TB. "We will publish," it added. Was a ransom paid?! No...'),
    ("en", "Mr. Lee of Acme Corp. confirmed it (on Monday). Systems were encrypted; backups survived."),
    ("en", "No end punctuation at all"),
    ("en", "Dots... and more dots.... Then: a list; items! And 'quoted.' Done."),
    ("zh", "黑客組織聲稱竊取了2TB資料。公司拒絕支付贖金！為何？「我們不會付款。」發言人說；調查仍在進行"),
    ("zh", "LockBit表示：已加密伺服器!! 公司否認?警方正在調查。。最後一句"),
]


@pytest.mark.parametrize(("family", "text"), SENTENCE_CASES)
def test_saved_sentencizer_splits_exactly_as_spacys(family, text):
    from spacy.pipeline import Sentencizer

    nlp = load(family)
    ours = nlp.get_pipe("sentencizer")
    assert type(ours).__name__ == "ArraySentencizer"  # what spacy.load gives, not swapped in later
    reference = Sentencizer(punct_chars=sorted(ours.punct_chars))
    doc_ours = ours(nlp.make_doc(text))
    doc_ref = reference(nlp.make_doc(text))
    assert [s.text for s in doc_ours.sents] == [s.text for s in doc_ref.sents]
    assert len(list(doc_ours.sents)) > (1 if "." in text or "。" in text else 0)


_SENTENCE_PIECES = ["Acer", "said", "42", ".", "!", "?", "...", ",", ";", "(", ")", '"', "'", "-", "\n", "。", "！", "；", "「", "」", "宏碁"]


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_array_sentencizer_matches_spacys_on_any_token_sequence(words):
    # the array form of spaCy's loop (runs of end characters, punctuation between sentences)
    from spacy.pipeline import Sentencizer
    from spacy.tokens import Doc

    from extractor.components.sentencizer import ArraySentencizer

    en = load("en")
    custom = ArraySentencizer(en, "s", punct_chars=[".", "。", "Acer"], overwrite=False)  # a word ends one too
    assert not custom._all_punct and en.get_pipe("sentencizer")._all_punct
    for nlp, ours in ((en, en.get_pipe("sentencizer")), (load("zh"), load("zh").get_pipe("sentencizer")), (en, custom)):
        reference = Sentencizer(punct_chars=sorted(ours.punct_chars))
        mine = ours(Doc(nlp.vocab, words=words))
        theirs = reference(Doc(nlp.vocab, words=words))
        assert [t.is_sent_start for t in mine] == [t.is_sent_start for t in theirs]


_LEXICON_WORDS = ["passport numbers", "passports", "ID card", "bank account details", "health records", "Hong Kong",
                  "Taiwan", "LockBit", "hospital", "and", "of", "the", ",", "身分證號碼", "護照", "病歷", "香港", "台灣", "醫院", "及", "、"]


def _span_ruler(family: str):
    """spaCy's SpanRuler with the lexicon's patterns: what the lexicon component must match as."""
    from spacy.pipeline import SpanRuler

    nlp = load(family)
    ruler = nlp.get_pipe("lexicon")
    reference = SpanRuler(nlp, "reference", spans_key="lexicon", phrase_matcher_attr=ruler.phrase_matcher_attr)
    reference.add_patterns(ruler.patterns)
    return reference


_SPAN_RULERS: dict = {}


@given(st.lists(st.sampled_from(_LEXICON_WORDS), min_size=1, max_size=25))
@settings(max_examples=150, deadline=None)
def test_lexicon_ruler_matches_as_spacys_span_ruler(words):
    # same spans, same order, as spaCy's SpanRuler on the same patterns (its set-and-sort of
    # Spans is what the lexicon component replaces)
    for family in ("en", "zh"):
        nlp = load(family)
        ruler = nlp.get_pipe("lexicon")
        assert type(ruler).__name__ == "LexiconRuler"
        reference = _SPAN_RULERS.get(family) or _SPAN_RULERS.setdefault(family, _span_ruler(family))
        doc = nlp.make_doc((" " if family == "en" else "").join(words))
        ours, theirs = ruler.match(doc), reference.match(doc)
        assert [(s.start, s.end, s.label_, s.id_) for s in ours] == [(s.start, s.end, s.label_, s.id_) for s in theirs]


def test_lexicon_ruler_round_trips_and_keeps_earlier_spans_unless_told(tmp_path: Path) -> None:
    from extractor.components.lexicon_ruler import LexiconRuler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("extractor_lexicon_v1", name="lexicon", config={"phrase_matcher_attr": "LOWER", "overwrite": False})
    assert isinstance(ruler, LexiconRuler)
    ruler.initialize(patterns=[{"label": "GROUP", "pattern": "LockBit", "id": "LockBit"},
                               {"label": "COUNTRY", "pattern": "Hong Kong", "id": "HK"}])
    doc = nlp.make_doc("lockbit hit a Hong Kong firm")
    doc.spans["lexicon"] = [doc[5:6]]
    found = [(s.text, s.label_, s.id_) for s in ruler(doc).spans["lexicon"]]
    assert found == [("firm", "", ""), ("lockbit", "GROUP", "LockBit"), ("Hong Kong", "COUNTRY", "HK")]
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p").get_pipe("lexicon")
    assert again.patterns == ruler.patterns and again.labels == ("COUNTRY", "GROUP")
    with pytest.raises(ModelDataInvalid):
        ruler.add_patterns([{"label": "GROUP", "pattern": [{"LOWER": "lockbit"}]}])


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=15), st.integers(0, 14), st.booleans())
@settings(max_examples=150, deadline=None)
def test_array_sentencizer_keeps_starts_set_before_it_as_spacys_does(words, at, value):
    from spacy.pipeline import Sentencizer
    from spacy.tokens import Doc

    nlp = load("en")
    ours = nlp.get_pipe("sentencizer")
    docs = [Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=words)]
    for doc in docs:
        doc[at % len(words)].is_sent_start = value
    mine, theirs = ours(docs[0]), Sentencizer(punct_chars=sorted(ours.punct_chars))(docs[1])
    assert [t.is_sent_start for t in mine] == [t.is_sent_start for t in theirs]
