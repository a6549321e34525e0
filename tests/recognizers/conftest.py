"""Views for recogniser unit tests: blank spaCy pipelines plus the spans a saved pipeline writes.

A recogniser reads a `View`: paragraphs (a spaCy doc each) with span groups `lexicon` and
`cues` and sentence starts. Here the doc comes from `spacy.blank(lang)` with spaCy's
`sentencizer` (the Chinese blank pipeline cuts every character into a token), and each span is
written by hand the way `extractor_lexicon` and `extractor_cues` write it: label, `span.id_`
the value (a group's canonical name, a data category, a verdict such as "paid"),
`span.kb_id_` the rule name. A cue with no rule given gets the real rule of its label and
value from the packaged cues.jsonl, and the view carries those rules' scores, so
`view.rule_score` answers as it does on a real article.

The helpers are plain functions, imported by the test modules (`from recognizers.conftest
import ...`), because the parametrised tables are built when a module is imported, before any
fixture could run; `tests/test_pairing.py` and `tests/test_consistency.py` use them too.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy

from extractor.align import AlignResult, Link
from extractor.paths import DATA_DIR, MODELS_DIR
from extractor.resources import Resources, load_resources
from extractor.segment import Segment
from extractor.view import Paragraph, Rejections, View

#: paragraphs of a view stand this far apart in the article, as blank lines do
PARA_GAP = 2


@dataclass(frozen=True)
class Mark:
    """One span to write: the words it covers (the `nth` occurrence, in paragraph `para` or the
    first paragraph that has them), its group, label, value and rule."""

    text: str
    label: str
    value: str = ""
    rule: str | None = None
    group: str = "cues"
    nth: int = 0
    para: int | None = None


def cue(text: str, label: str, value: str = "", rule: str | None = None, *, nth: int = 0,
        para: int | None = None) -> Mark:
    return Mark(text, label, value, rule, "cues", nth, para)


def lex(text: str, label: str, value: str, *, nth: int = 0, para: int | None = None) -> Mark:
    """A lexicon span: the lexicon component sets the id (canonical value) and no rule."""
    return Mark(text, label, value, "", "lexicon", nth, para)


@cache
def blank(lang: str):
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def cue_rules(lang: str) -> tuple[dict[str, float], dict[tuple[str, str], str]]:
    """The packaged cue rules of `lang`: score by rule, and the first rule of each (label, value)."""
    scores: dict[str, float] = {}
    first: dict[tuple[str, str], str] = {}
    path = MODELS_DIR / f"extractor_{lang}" / "extractor_cues" / "cues.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        scores[row["name"]] = float(row["score"])
        first.setdefault((row["label"], str(row.get("value", ""))), row["name"])
    return scores, first


def _occurrence(text: str, needle: str, nth: int) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def make_view(lang: str, paras: str | list[str], marks: list[Mark] = (), *, explain: bool = False,
              start: int = 0, first_id: int = 0, heading: bool = False) -> View:
    """A View of `paras` (one string is one paragraph) with `marks` written as spans.

    Paragraphs stand PARA_GAP characters apart from offset `start`, with ids p{first_id}...;
    `heading` makes the first one a heading. `explain` gives the view a Rejections sink
    (`view.rejections.items`). A mark that does not fit the text fails the test at once.
    """
    paras = [paras] if isinstance(paras, str) else list(paras)
    nlp = blank(lang)
    scores, first_rule = cue_rules(lang)
    docs = [nlp(p) for p in paras]
    spans: list[dict[str, list]] = [{"lexicon": [], "cues": [], "quantities": []} for _ in paras]
    for m in marks:
        where = [m.para] if m.para is not None else range(len(paras))
        i = next((i for i in where if _occurrence(paras[i], m.text, m.nth) >= 0), None)
        assert i is not None, f"{m.text!r} (occurrence {m.nth}) is not in the paragraphs"
        a = _occurrence(paras[i], m.text, m.nth)
        rule = m.rule if m.rule is not None else first_rule.get((m.label, m.value), "")
        assert m.group == "lexicon" or rule, f"no {lang} rule for {m.label}={m.value!r}: name one"
        span = docs[i].char_span(a, a + len(m.text), label=m.label, span_id=m.value, kb_id=rule)
        assert span is not None, f"{m.text!r} does not fall on token boundaries"
        spans[i][m.group].append(span)
    out, at = [], start
    for k, (p, doc) in enumerate(zip(paras, docs)):
        for group, found in spans[k].items():
            doc.spans[group] = sorted(found)
        kind = "heading" if heading and k == 0 else "paragraph"
        seg = Segment(f"p{first_id + k}", "en" if lang == "en" else "zh-Hant", at, at + len(p), kind)
        out.append(Paragraph(seg, doc, p))
        at += len(p) + PARA_GAP
    return View(lang, out, scores, Rejections() if explain else None)


def reasons(view: View, field: str | None = None) -> list[str]:
    """The reasons of the view's rejections (of one field)."""
    return [r["reason"] for r in view.rejections.items if field is None or r["field"] == field]



def quantity(text: str, kind: str = "SIZE", qualifier: str = "exact", *, nth: int = 0, para: int | None = None) -> Mark:
    """A span of the `quantities` group as the quantities component writes it (without the
    Quantity object it attaches: only what does not read `hit.quantity` can use it)."""
    return Mark(text, kind, qualifier, "quantity", "quantities", nth, para)


def find(view: View, text: str, group: str = "cues", nth: int = 0):
    """The `nth` Hit of `group` whose words are `text`."""
    found = [h for h in view.hits(group) if h.text == text]
    assert len(found) > nth, f"no {group} span {text!r} (occurrence {nth})"
    return found[nth]


def with_words(tmp_path: Path, *rows: tuple[str, str, str]) -> Resources:
    """The packaged data with rows (list, lang, word) added to a copy of words.tsv: what a
    maintainer does to teach a recogniser a word, with no change to code."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    with (folder / "words.tsv").open("a", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    return load_resources(folder)


def bilingual(en: list[str], zh: list[str], links: list[tuple[list[int], list[int]]], *,
              en_marks: list[Mark] = (), zh_marks: list[Mark] = (), en_orphans: list[int] = (),
              zh_orphans: list[int] = (), explain: bool = False) -> tuple[View, View, AlignResult]:
    """An English-then-Chinese article: the English paragraphs are p0..., the Chinese ones follow
    (ids and offsets go on), and `links` pairs paragraph indexes of each language as the aligner
    would ([0], [0]): English paragraph 0 with Chinese paragraph 0)."""
    en_view = make_view("en", en, en_marks, explain=explain)
    zh_view = make_view("zh", zh, zh_marks, explain=explain, start=en_view.paragraphs[-1].seg.end + PARA_GAP,
                        first_id=len(en))

    def ids(view: View, indexes) -> tuple[str, ...]:
        return tuple(view.paragraphs[i].seg.id for i in indexes)

    alignment = AlignResult([Link(ids(en_view, e), ids(zh_view, z), 0.9) for e, z in links],
                            list(ids(en_view, en_orphans)), list(ids(zh_view, zh_orphans)))
    return en_view, zh_view, alignment
