"""The lexicon component: spaCy's SpanRuler, with a faster `match` for phrase patterns.

SpanRuler.match builds a Span for every phrase match, puts them in a set and sorts them,
and each hash and comparison of a Span builds Python tuples: on our patterns that was most
of the component's time. Here the matches are deduplicated and sorted as plain tuples of
(start, end, label, id), the same order as spaCy's Span ordering gives (start and end
characters follow start and end tokens; kb_id is unset), and a Span is built once per
distinct match. Token patterns, which the lexicon does not use, go through spaCy's code.
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from spacy.language import Language
from spacy.pipeline.span_ruler import DEFAULT_SPANS_KEY, SpanRuler
from spacy.tokens import Doc, Span


class LexiconRuler(SpanRuler):
    def match(self, doc: Doc) -> list[Span]:
        if len(self.matcher):
            return super().match(doc)
        self._require_patterns()
        add = doc.vocab.strings.add
        found = set()
        for match_id, start, end in self.phrase_matcher(doc):
            if start != end:
                meta = self._match_label_id_map[match_id]
                found.add((start, end, add(meta["label"]), add(meta["id"])))
        return [Span(doc, start, end, label=label, span_id=span_id) for start, end, label, span_id in sorted(found)]


@Language.factory(
    "extractor_lexicon",
    assigns=["doc.spans"],
    default_config={  # spaCy's span_ruler defaults
        "spans_key": DEFAULT_SPANS_KEY,
        "spans_filter": None,
        "annotate_ents": False,
        "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite": True,
        "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1", "spans_key": DEFAULT_SPANS_KEY},
    },
    default_score_weights={f"spans_{DEFAULT_SPANS_KEY}_{k}": w for k, w in (("f", 1.0), ("p", 0.0), ("r", 0.0), ("per_type", None))},
)
def make_lexicon_ruler(nlp: Language, name: str, spans_key: Optional[str], spans_filter: Optional[Callable],
                       annotate_ents: bool, ents_filter: Callable, phrase_matcher_attr: Optional[Union[int, str]],
                       matcher_fuzzy_compare: Callable, validate: bool, overwrite: bool,
                       scorer: Optional[Callable]) -> LexiconRuler:
    return LexiconRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter, annotate_ents=annotate_ents,
                        ents_filter=ents_filter, phrase_matcher_attr=phrase_matcher_attr,
                        matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate, overwrite=overwrite,
                        scorer=scorer)
