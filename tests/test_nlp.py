"""extractor.nlp: the pipelines of one thread of work, their memory zones, and the Doc extensions."""
from __future__ import annotations

import threading

from conftest import batch_article

from extractor import nlp
from extractor.components.extensions import text_of
from extractor.core import extract_text


def test_a_pipelines_per_thread_gives_the_records_one_thread_gives() -> None:
    """Threads extracting at once, each with its own Pipelines and memory zones: no lock, and the
    records are those of extracting one after another."""
    texts = [batch_article(n) for n in range(6)]
    expected = [extract_text(t) for t in texts]
    results: dict[int, list[dict]] = {}

    def work(k: int) -> None:
        pipelines = nlp.Pipelines()
        out = []
        for _ in range(2):
            with pipelines.memory_zone():
                out += [extract_text(t, pipelines=pipelines) for t in texts]
        results[k] = out

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {k: expected + expected for k in range(2)}


def test_pipelines_load_once_and_are_their_own() -> None:
    one, two = nlp.Pipelines(), nlp.Pipelines()
    assert one.load("en") is one.load("en")
    assert one.load("en") is not two.load("en") and one.load("en").vocab is not two.load("en").vocab
    assert nlp.load("zh") is nlp.default_pipelines().load("zh")


def test_the_quantities_component_writes_its_finds_on_the_doc() -> None:
    pipeline = nlp.load("zh")
    doc = pipeline("黑客竊取了約1.3 TB資料及逾1.3萬名病人的紀錄。")
    found = doc._.extractor_quantities
    assert [q.text for q in found] == ["約1.3 TB", "逾1.3萬名病人"]
    assert [s._.quantity for s in doc.spans["quantities"]] == list(found)
    assert "extractor.quantities" not in doc.user_data and "text" not in doc.user_data


def test_text_of_keeps_the_text_the_tokenizer_saw() -> None:
    pipeline = nlp.load("en")
    doc = pipeline.make_doc("Hackers stole 2 TB.")
    assert doc._.extractor_text is None  # the English tokenizer is spaCy's; core.make_doc stores it
    assert text_of(doc) == "Hackers stole 2 TB." and doc._.extractor_text == "Hackers stole 2 TB."
    assert nlp.load("zh").make_doc("宏碁表示")._.extractor_text == "宏碁表示"
