"""Candidate scores as weighted sums of named features, with weights fitted from annotated articles.

A recogniser describes each candidate by features (how often it is named, whether in the
headline, whether a victim cue points at it, ...) and ranks candidates by `LinearModel.score`.
The weights live in models/data/weights.tsv under the model's name; `scripts/fit_weights.py`
fits them on every annotated corpus, so more annotated articles improve the ranking without new
code. With a `FeatureLog` in the article's context, each ranking is recorded for that script.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.lexicon import Weights


class LinearModel:
    """score = sum of weight * value over the model's features, in a fixed order."""

    def __init__(self, name: str, weights: Weights, features: tuple[str, ...]) -> None:
        self.name = name
        self.features = features
        self.weights = tuple(weights[f] for f in features)  # a missing weight is a data error now

    def score(self, values: dict[str, float]) -> float:
        total = 0.0
        for f, w in zip(self.features, self.weights):
            v = values.get(f, 0.0)
            if v:
                total += w * v
        return total


@dataclass
class Ranking:
    """One ranking decision: the model, the language, and each candidate's text and features."""

    model: str
    lang: str
    candidates: list[tuple[str, dict[str, float]]] = field(default_factory=list)


class FeatureLog:
    """The rankings of one extraction, recorded for fitting (see scripts/fit_weights.py)."""

    def __init__(self) -> None:
        self.rankings: list[Ranking] = []

    def add(self, model: str, lang: str, candidates: list[tuple[str, dict[str, float]]]) -> None:
        self.rankings.append(Ranking(model, lang, list(candidates)))
