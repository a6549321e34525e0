"""What the recognisers read from models/data: word lists, weights, organisation words and data heads.

Loaded once per process (immutable after loading) and handed to each recogniser when it is
built; a recogniser never reads a file itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractor.errors import ModelDataInvalid
from extractor.gazetteer import Gazetteer, load_gazetteer
from extractor.lexicon import Weights, load_tsv, weights, word_lists
from extractor.paths import DATA_DIR
from extractor.script import to_simplified


@dataclass(frozen=True)
class DataHeads:
    """Words that end a data-type phrase, phrases that only say "data" in general, and owners."""

    heads: dict[str, tuple[str, ...]]
    umbrella: dict[str, frozenset[str]]
    owners: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Resources:
    words: dict[str, frozenset[str]]
    weights: dict[str, Weights]
    org_suffixes: tuple[str, ...]
    heads: DataHeads
    gazetteer: Gazetteer
    path: Path

    def w(self, recognizer: str) -> Weights:
        """The weights of one recogniser (an error naming weights.tsv if it has none)."""
        found = self.weights.get(recognizer)
        if found is None:
            raise ModelDataInvalid(f"{self.path / 'weights.tsv'}: no weights for recogniser {recognizer!r}")
        return found

    def list(self, name: str) -> frozenset[str]:
        found = self.words.get(name)
        if found is None:
            raise ModelDataInvalid(f"{self.path / 'lists.tsv'}: no list {name!r}; declare it and add its words to words.tsv")
        return found

    def alternation(self, *names: str) -> str:
        """The words of the named lists as one regex alternation, longest first, escaped."""
        words = set().union(*(self.list(n) for n in names))
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def org_suffixes(folder: Path) -> tuple[str, ...]:
    rows = load_tsv(folder / "org_suffixes.tsv", ("lang", "suffix"))
    words = {r["suffix"] for r in rows if r["lang"] == "zh"}
    words |= {to_simplified(w) for w in words}  # the lists are Traditional; articles may be Simplified
    return tuple(sorted(words, key=len, reverse=True))


def data_heads(folder: Path) -> DataHeads:
    rows = load_tsv(folder / "data_heads.tsv", ("lang", "head", "kind"))
    heads: dict[str, list[str]] = {"en": [], "zh": []}
    umbrella: dict[str, set[str]] = {"en": set(), "zh": set()}
    owners: dict[str, set[str]] = {"en": set(), "zh": set()}
    for r in rows:
        kinds = {"head": heads, "umbrella": umbrella, "owner": owners}
        if r["kind"] not in kinds:
            raise ModelDataInvalid(f"data_heads.tsv: kind must be head, umbrella or owner, got {r['kind']!r}")
        forms = {r["head"].lower(), to_simplified(r["head"].lower())}
        if r["kind"] == "head":
            heads[r["lang"]].extend(sorted(forms))
        else:
            kinds[r["kind"]][r["lang"]].update(forms)
    return DataHeads({k: tuple(sorted(v, key=len, reverse=True)) for k, v in heads.items()},
                     {k: frozenset(v) for k, v in umbrella.items()}, {k: frozenset(v) for k, v in owners.items()})


def load_resources(data_dir: str | Path | None = None, scripts: bool = False) -> Resources:
    """The data in `data_dir`; `scripts` also checks that Chinese words are Traditional (slow:
    the packaged data is checked by the tests and by build_models)."""
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    return Resources(word_lists(folder, scripts), weights(folder), org_suffixes(folder), data_heads(folder),
                     load_gazetteer(folder), folder)


@cache
def resources() -> Resources:
    """The packaged data, loaded once per process."""
    return load_resources()
