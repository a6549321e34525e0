"""The Doc and Span extensions the components write and the recognisers read, registered here
once (importing this module registers them), as spaCy's documentation recommends.

- `doc._.extractor_text`: the doc's text, kept when the doc is made (see `text_of`);
- `doc._.extractor_quantities`: the tuple of `extractor.numbers.Quantity` the quantities
  component found in the doc (None before it ran);
- `span._.quantity`: the Quantity a span of the `quantities` group stands for.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

TEXT = "extractor_text"
QUANTITIES = "extractor_quantities"


#: where `doc._.extractor_text` keeps its value (through the extension's getter and setter):
#: known to this module only, which reads it directly in `text_of`, the recognisers' most
#: frequent question (hundreds of times an article; `doc._` builds an object each time)
_TEXT_KEY = "extractor.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, read once per doc: spaCy rebuilds it from the tokens on every access.
    The tokenizers store it as `doc._.extractor_text` when they make the doc (both are lossless)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def quantity_of(span: Span) -> Any:
    """The Quantity inside SPAN, from what the quantities component found in its doc."""
    found = span.doc._.extractor_quantities or ()
    return next((q for q in found if span.start_char <= q.start and q.end <= span.end_char), None)


if not Doc.has_extension(TEXT):
    Doc.set_extension(TEXT, getter=lambda doc: doc.user_data.get(_TEXT_KEY),
                      setter=lambda doc, text: doc.user_data.__setitem__(_TEXT_KEY, text))
if not Doc.has_extension(QUANTITIES):
    Doc.set_extension(QUANTITIES, default=None)
if not Span.has_extension("quantity"):
    Span.set_extension("quantity", getter=quantity_of)
