"""Build the saved spaCy pipelines under models/ from the word lists and rules in models/data.

    python -m extractor.build_models            # rebuilds models/extractor_en, models/extractor_zh

The saved pipelines are what the extractor loads (`spacy.load`); the files under models/data
are their editable source. tests/test_models.py checks the two agree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import srsly

from extractor import lexicon
from extractor.nlp import MODELS_DIR, PIPELINE_NAMES

DATA_DIR = lexicon.DATA_DIR


def lexicon_patterns(lang: str, data_dir: Path = DATA_DIR) -> list[dict]:
    """Phrase patterns for the span ruler: label = kind of thing, id = its normalised value."""
    patterns: list[dict] = []
    for row in lexicon.data_types(data_dir):
        if row.lang == lang:
            patterns.append({"label": "DATA_TYPE", "pattern": row.phrase, "id": row.category})
    for row in lexicon.sectors(data_dir):
        if row.lang == lang:
            patterns.append({"label": "SECTOR", "pattern": row.phrase, "id": row.norm})
    for row in lexicon.countries(data_dir):
        if row.lang == lang:
            patterns.append({"label": "COUNTRY", "pattern": row.phrase, "id": row.code})
    for row in lexicon.threat_groups(data_dir):
        # Latin group names are written the same way inside Chinese text
        if row.lang == lang or row.lang == "en":
            patterns.append({"label": "GROUP", "pattern": row.alias, "id": row.name})
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for p in patterns:
        key = (p["label"], p["pattern"], p["id"])
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def build(lang: str, data_dir: Path = DATA_DIR):
    import spacy

    from extractor.components import lexicon_ruler, patterns, sentencizer, zh_tokenizer  # noqa: F401  (registers factories)

    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.zh_tokenizer.v1"}}})
        nlp.add_pipe("extractor_sentencizer_v1", name="sentencizer", config={"punct_chars": ["。", "！", "？", "；", "!", "?", ";"]})
        attr = "NORM"
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("extractor_sentencizer_v1", name="sentencizer")  # spaCy's default punctuation
        attr = "LOWER"
    ruler = nlp.add_pipe("extractor_lexicon_v1", name="lexicon", config={"phrase_matcher_attr": attr, "validate": True})
    # the component names stay those the recognisers and tests look up
    cues = nlp.add_pipe("extractor_cues_v1", name="extractor_cues")
    quantities = nlp.add_pipe("extractor_quantities_v1", name="extractor_quantities")
    cue_rows = list(srsly.read_jsonl(data_dir / "cues.jsonl"))
    qty = json.loads((data_dir / "quantities.json").read_text(encoding="utf-8"))
    nlp.initialize()
    ruler.add_patterns(lexicon_patterns(lang, data_dir))
    cues.initialize(rows=cue_rows)
    quantities.initialize(data=qty)
    nlp.meta["name"] = f"extractor_{lang}"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = "Rule-based cyber-incident pipeline of the extractor (built by extractor.build_models)"
    return nlp


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else MODELS_DIR
    for lang, name in PIPELINE_NAMES.items():
        nlp = build(lang)
        nlp.to_disk(out / name)
        print(f"wrote {out / name} ({len(nlp.get_pipe('lexicon').patterns)} lexicon patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
