"""Fit the recognisers' ranking weights (models/data/weights.tsv) on every annotated corpus.

    python scripts/fit_weights.py                  # fit every model, print accuracy, change nothing
    python scripts/fit_weights.py --write          # ... and write the weights
    python scripts/fit_weights.py --model victim_en --l2 0.5

Each recogniser that ranks candidates (the English victim, the Chinese victim, ...) scores them
as a weighted sum of named features (extractor.scoring). This script extracts every annotated
article with a feature log, labels each logged candidate by the gold annotation (the same name
match as ../shared/tools/score.py), and fits the weights by pairwise logistic regression: the
gold candidate should outscore each other one. The weights in weights.tsv are the prior: an L2
penalty keeps the fit near them, so a handful of articles cannot swing a weight far.

Corpora (each folder holds article files and a gold.jsonl in the format of
../shared/corpus/README.md): samples/, bench/heldout/, the shared dev corpus and the real
development half bench/real/corpus/ when they exist. The held-out half bench/real/test/ is never
read. More annotated articles in any of them improve the fit with no code change.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [REPO / "samples", REPO / "bench" / "heldout", REPO.parent / "shared" / "corpus" / "dev",
                   REPO / "bench" / "real" / "corpus"]
#: model -> (gold field, language)
MODELS = {"victim_en": ("victim", "en"), "victim_zh": ("victim", "zh")}


def norm(s: object) -> str:
    if not isinstance(s, str):
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


def name_match(gold: str, pred: str) -> bool:
    """The scorer's rule: equal, or one inside the other and at least half its length."""
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    return g == p or ((g in p or p in g) and min(len(g), len(p)) / max(len(g), len(p)) >= 0.5)


def gold_names(case: dict, field: str, lang: str) -> list[str]:
    out = []
    for item in case["gold"].get(field) or []:
        if item.get(lang):
            out += [item[lang], *(item.get("aliases") or [])]
    return out


def collect(corpora: list[Path]) -> dict[str, list[tuple[str, list[tuple[dict, bool]]]]]:
    """model -> [(case id, [(features, is gold)])] for every logged ranking with a gold answer."""
    from extractor.core import extract_text
    from extractor.decode import decode
    from extractor.scoring import FeatureLog

    found: dict[str, list] = {m: [] for m in MODELS}
    for corpus in corpora:
        gold_file = corpus / "gold.jsonl"
        if not gold_file.exists():
            continue
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            log = FeatureLog()
            extract_text(decode((corpus / case["file"]).read_bytes()).text, features=log)
            for ranking in log.rankings:
                if ranking.model not in MODELS:
                    continue
                field, lang = MODELS[ranking.model]
                golds = gold_names(case, field, lang)
                labelled = [(f, any(name_match(g, text) for g in golds)) for text, f in ranking.candidates]
                found[ranking.model].append((f"{corpus.name}/{case['id']}", labelled))
    return found


def accuracy(weights: dict[str, float], rankings: list) -> tuple[int, int]:
    """(rankings whose top candidate is gold, rankings where a gold candidate exists)."""
    right = total = 0
    for _, labelled in rankings:
        if not any(is_gold for _, is_gold in labelled):
            continue
        total += 1
        best = max(labelled, key=lambda x: sum(weights[k] * x[0].get(k, 0.0) for k in weights))
        right += best[1]
    return right, total


def fit(prior: dict[str, float], rankings: list, l2: float, steps: int = 3000, rate: float = 0.05) -> dict[str, float]:
    """Pairwise logistic regression, gold over each other candidate, with an L2 pull to `prior`."""
    names = list(prior)
    pairs = []
    for _, labelled in rankings:
        golds = [f for f, g in labelled if g]
        others = [f for f, g in labelled if not g]
        for gf in golds:
            for of in others:
                pairs.append([gf.get(k, 0.0) - of.get(k, 0.0) for k in names])
    if not pairs:
        return dict(prior)
    w = [prior[k] for k in names]
    w0 = list(w)
    for _ in range(steps):
        grad = [2 * l2 * (wi - w0i) for wi, w0i in zip(w, w0)]
        for d in pairs:
            margin = sum(wi * di for wi, di in zip(w, d))
            g = -1.0 / (1.0 + math.exp(min(margin, 50.0)))  # d/dmargin of log(1 + e^-margin)
            for i, di in enumerate(d):
                grad[i] += g * di / len(pairs)
        w = [wi - rate * gi for wi, gi in zip(w, grad)]
    return {k: round(v, 3) for k, v in zip(names, w)}


def write(path: Path, model: str, weights: dict[str, float]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 4 and parts[0] == model and parts[1] in weights:
            parts[2] = repr(weights[parts[1]])
            line = "\t".join(parts)
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", action="append", choices=sorted(MODELS), help="fit only this model (repeatable)")
    ap.add_argument("--corpus", action="append", type=Path, help="annotated folder (repeatable; default: all)")
    ap.add_argument("--l2", type=float, default=0.2, help="pull towards the current weights")
    ap.add_argument("--write", action="store_true", help="write the fitted weights to models/data/weights.tsv")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from extractor.paths import DATA_DIR
    from extractor.resources import resources

    corpora = args.corpus or [c for c in DEFAULT_CORPORA if c.exists()]
    data = collect(corpora)
    res = resources()
    for model in args.model or sorted(MODELS):
        rankings = data[model]
        prior = dict(res.w(model))
        fitted = fit(prior, rankings, args.l2)
        before, after = accuracy(prior, rankings), accuracy(fitted, rankings)
        print(f"{model}: {len(rankings)} rankings; top-1 gold {before[0]}/{before[1]} with the current weights, "
              f"{after[0]}/{after[1]} fitted")
        for k in prior:
            print(f"  {k:18} {prior[k]:8.3f} -> {fitted[k]:8.3f}")
        if args.write:
            write(DATA_DIR / "weights.tsv", model, fitted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
