"""Recognise data sizes ("about 1.3 terabytes", "約400GB") and counts of people or records
("up to 9.8 million current and former customers", "逾1.3萬名病人") in article text.

Pure Python on purpose: the spaCy component wraps this, but tests, the CLI and the aligner can
call it without loading a pipeline. All vocabulary lives in models/data/quantities.json; this
package holds only the grammar. Numbers are computed with Decimal so "1.3萬" is exactly 13000.

- `vocabulary`: quantities.json, validated; `regexes`: the patterns compiled from it;
- `numerals`: one number in either language; `english`, `chinese`: counts with their nouns;
- `grammar`: `QuantityGrammar` (sizes, counts, every number as a value), pure;
- `quantity`: `Quantity` and `Amount`; `amounts`: `normalise`, and `Quantities`, the memo of
  one extraction's answers.
"""
from extractor.numbers.amounts import Quantities, amounts, normalise, text_lang
from extractor.numbers.grammar import DEFAULT_PATH, QuantityGrammar, default_grammar, parse_number
from extractor.numbers.quantity import TOLERANCE, Amount, Quantity, amount_of
from extractor.numbers.vocabulary import LANGS, QUALIFIERS, SCHEMA

__all__ = ["Amount", "DEFAULT_PATH", "LANGS", "QUALIFIERS", "Quantities", "Quantity", "QuantityGrammar", "SCHEMA",
           "TOLERANCE", "amount_of", "amounts", "default_grammar", "normalise", "parse_number", "text_lang"]
