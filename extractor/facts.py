"""Evidence -> facts: each fact of the record in both languages, linked, with the checks.

The steps run in record order and pass on what later steps need, explicitly: the actors' names
(not a victim), the victim's forms in each language (anchors for quantities, verdicts, country
and sector), and the other organisations (whose sentences are about them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import consistency as checks
from extractor.context import ArticleContext
from extractor.figures import FigureCheck
from extractor.numbers import Amount
from extractor.pairing import TypePairer, VictimPairer, pair_actors
from extractor.recognizers.actor import ActorRecognizer
from extractor.recognizers.data_types import DataTypeRecognizer
from extractor.recognizers.labels import LabelRecognizer
from extractor.recognizers.names_en import EnglishNames
from extractor.recognizers.names_zh import ChineseNames
from extractor.recognizers.orgs import other_orgs
from extractor.recognizers.quantities import QuantityRecognizer
from extractor.recognizers.scope import Scope
from extractor.recognizers.verdicts import VerdictRecognizer
from extractor.recognizers.victim import VictimRecognizer
from extractor.resources import Resources, resources
from extractor.view import Candidate, Evidence, View, first_evidence, literal_spans

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Recognizers:
    """Every recogniser, built once from the packaged data (they hold no per-article state)."""

    en_names: EnglishNames
    zh_names: ChineseNames
    actor: ActorRecognizer
    victim: VictimRecognizer
    quantity: QuantityRecognizer
    data_types: DataTypeRecognizer
    verdict: VerdictRecognizer
    label: LabelRecognizer
    victim_pairer: VictimPairer
    type_pairer: TypePairer
    list_joiners: re.Pattern[str]

    @classmethod
    def build(cls, res: Resources) -> "Recognizers":
        scope, en_names, zh_names = Scope(res), EnglishNames(res), ChineseNames(res)
        return cls(en_names, zh_names, ActorRecognizer(res, scope, en_names),
                   VictimRecognizer(res, scope, en_names, zh_names), QuantityRecognizer(res, scope),
                   DataTypeRecognizer(res, scope), VerdictRecognizer(res, scope), LabelRecognizer(res),
                   VictimPairer(res, zh_names), TypePairer(res), re.compile(res.alternation("list_joiner_zh")))


@cache
def recognizers() -> Recognizers:
    return Recognizers.build(resources())


def _ev(evs, limit: int = 5) -> list[dict]:
    return [e.to_dict() for e in sorted(evs, key=lambda e: (e.start, e.rule))[:limit]]


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _views(ctx: ArticleContext):
    return (("en", ctx.en), ("zh", ctx.zh))


def build_facts(ctx: ArticleContext, rec: Recognizers | None = None) -> tuple[dict, dict, list[dict]]:
    """The facts in record order, the evidence of the two scalar facts, and the inconsistencies."""
    rec = rec or recognizers()
    issues: list[dict] = []
    facts = {"actor": actor_fact(ctx, rec, issues)}
    actor_names = [x for i in facts["actor"] for x in (i["en"], i["zh"]) if x]
    facts["victim"], forms = victim_fact(ctx, rec, actor_names, issues)
    others = {lang: other_orgs(view, ctx.names, forms, actor_names) for lang, view in _views(ctx)}
    facts["data_size"] = amount_fact(ctx, rec, "size", forms, others, issues)
    facts["record_count"] = amount_fact(ctx, rec, "count", forms, others, issues)
    facts["data_types"] = data_type_facts(ctx, rec, issues)
    enc, enc_ev = verdict_fact(ctx, rec, "ENCRYPTION", forms, others, issues)
    ransom, ransom_ev = verdict_fact(ctx, rec, "RANSOM", forms, others, issues)
    facts["encryption"], facts["ransom"] = enc, ransom
    facts["country"] = label_fact(ctx, rec, "COUNTRY", "code", forms, issues)
    facts["sector"] = label_fact(ctx, rec, "SECTOR", "norm", forms, issues)
    if ctx.en and ctx.zh:
        issues += checks.orphan_issues(ctx.alignment, ctx.links, [p.seg.id for p in ctx.en.paragraphs])
        issues += _figure_issues(ctx, issues)
    return facts, {"encryption": enc_ev, "ransom": ransom_ev}, issues


# ---------- actor and victim

def actor_fact(ctx: ArticleContext, rec: Recognizers, issues: list[dict]) -> list[dict]:
    en = rec.actor.candidates(ctx.en) if ctx.en else []
    zh = rec.actor.candidates(ctx.zh) if ctx.zh else []
    pairs, leftovers = pair_actors(en, zh)
    items = [{"en": a.text if a else None, "zh": b.text if b else None,
              "evidence": _ev((a.evidence if a else []) + (b.evidence if b else []))} for a, b in pairs]
    if ctx.en and ctx.zh and leftovers:
        issues += checks.actor_issues(pairs, leftovers)
    return items


def victim_fact(ctx: ArticleContext, rec: Recognizers, actor_names: list[str],
                issues: list[dict]) -> tuple[list[dict], dict[str, list[str]]]:
    """The victim in both languages, and the forms of its name each language uses."""
    forms: dict[str, list[str]] = {"en": [], "zh": []}
    en = rec.victim.en_candidates(ctx.en, ctx.names, actor_names) if ctx.en else []
    if not ctx.zh:
        if en:
            forms["en"] = [en[0].text, *en[0].extra.get("aliases", [])]
        return [{"en": c.text, "zh": None, "evidence": _ev(c.evidence)} for c in en], forms
    if not en:
        zh = rec.victim.zh_candidates(ctx.zh, actor_names)
        if zh:
            forms["zh"] = [zh[0].text]
        return [{"en": None, "zh": c.text, "evidence": _ev(c.evidence)} for c in zh], forms
    v = en[0]
    forms["en"] = [v.text, *v.extra.get("aliases", [])]
    zh_text, rule = rec.victim_pairer.counterpart(ctx.zh, ctx.links, forms["en"])
    if zh_text is None:
        fallback = rec.victim.zh_candidates(ctx.zh, actor_names)
        zh_text, rule = (fallback[0].text, "zh_org_name") if fallback else (None, "")
    zh_ev = ctx.zh.find_evidence(zh_text, rule, 0.7) if zh_text else []
    if zh_text:
        forms["zh"] = [zh_text]
        issues += checks.victim_issues(v, forms["en"], zh_text, zh_ev, ctx.en, ctx.names, ctx.links)
    return [{"en": v.text, "zh": zh_text, "evidence": _ev(v.evidence, 3) + _ev(zh_ev, 3)}], forms


# ---------- quantities

def amount_fact(ctx: ArticleContext, rec: Recognizers, kind: str, forms: dict[str, list[str]],
                others: dict[str, list[str]], issues: list[dict]) -> dict | None:
    key = "bytes" if kind == "size" else "value"
    sides: dict[str, dict | None] = {}
    for lang, view in _views(ctx):
        c = rec.quantity.candidate(view, kind, forms.get(lang, []), others[lang]) if view is not None else None
        sides[lang] = None if c is None else {
            "text": c.text, key: _num(c.extra["value"]), "qualifier": c.extra["qualifier"],
            "evidence": c.evidence[0].to_dict()}
    if not sides["en"] and not sides["zh"]:
        return None
    issues += checks.amount_issues("data_size" if kind == "size" else "record_count", key, sides)
    return sides


# ---------- data types

def data_type_facts(ctx: ArticleContext, rec: Recognizers, issues: list[dict]) -> list[dict]:
    en = rec.data_types.candidates(ctx.en) if ctx.en else []
    zh = rec.data_types.candidates(ctx.zh) if ctx.zh else []
    if not (ctx.en and ctx.zh):
        return [{"en": c.text if ctx.en else None, "zh": c.text if ctx.zh else None,
                 "category": c.extra["category"], "evidence": _ev(c.evidence, 3)} for c in en or zh]
    pairs = rec.type_pairer.pairs(ctx.links, en, zh)
    items = _paired_types(ctx, rec, en, zh, pairs, issues)
    paired = set(pairs.values())
    items += [{"en": None, "zh": c.text, "category": c.extra["category"], "evidence": _ev(c.evidence, 3)}
              for j, c in enumerate(zh) if j not in paired]
    return items


def _paired_types(ctx: ArticleContext, rec: Recognizers, en: list[Candidate], zh: list[Candidate],
                  pairs: dict[int, int], issues: list[dict]) -> list[dict]:
    """One item per English data type, with its Chinese pair; an English item with no pair where
    the aligned Chinese list is shorter is an inconsistency."""
    items: list[dict] = []
    seen_zh: dict[int, int] = {}
    for i, c in enumerate(en):
        j = pairs.get(i)
        if j is not None and j in seen_zh:  # two English names for one Chinese phrase: keep the shorter
            prev = items[seen_zh[j]]
            if len(c.text) < len(prev["en"]):
                prev["en"] = c.text
            continue
        items.append({"en": c.text, "zh": zh[j].text if j is not None else None, "category": c.extra["category"],
                      "evidence": _ev(c.evidence + (zh[j].evidence if j is not None else []), 4)})
        if j is not None:
            seen_zh[j] = len(items) - 1
        elif checks.dropped_in_translation(c, en, zh, ctx.links.seg_link(), set(pairs.values()), rec.list_joiners):
            issues.append(checks.dropped_type_issue(c))
    return items


# ---------- encryption, ransom

def verdict_fact(ctx: ArticleContext, rec: Recognizers, label: str, forms: dict[str, list[str]],
                 others: dict[str, list[str]], issues: list[dict]) -> tuple[object, list[dict]]:
    results = {lang: rec.verdict.verdict(view, label, forms.get(lang, []), others[lang])
               for lang, view in _views(ctx) if view is not None}
    en_v, en_e = results.get("en", (None, []))
    zh_v, zh_e = results.get("zh", (None, []))
    value = en_v if en_v is not None else zh_v
    ev = en_e if en_v is not None else zh_e
    issues += checks.verdict_issues(label.lower(), (en_v, en_e), (zh_v, zh_e))
    if value in ("none", "unknown"):
        value = None  # the article says there was none, or that it is not known
    elif label == "ENCRYPTION" and value is not None:
        value = value == "true"
    return value, _ev(ev, 4)


# ---------- country, sector

def label_fact(ctx: ArticleContext, rec: Recognizers, label: str, key_name: str, forms: dict[str, list[str]],
               issues: list[dict]) -> dict | None:
    out: dict = {"en": None, "zh": None, key_name: None, "evidence": []}
    key = None
    first_ev: Evidence | None = None
    for lang, view in _views(ctx):
        if view is None:
            continue
        c = _closest_label(rec, view, label, forms.get(lang, []))
        if c is None:
            continue
        if key and c.key != key:
            same = [h for h in view.hits("lexicon", label) if h.span.id_ == key]
            if same:
                c = Candidate(key, same[0].text, 0.5, [same[0].evidence(lang, f"lexicon_{label.lower()}", 0.5)])
            elif not any(h.span.id_ == c.key for h in ctx.en.hits("lexicon", label)):
                issues.append(checks.label_issue(label.lower(), out["en"], key, c, first_ev))
        out[lang] = c.text
        first_ev = first_ev or first_evidence(c.evidence)
        key = key or c.key
        out["evidence"] += _ev(c.evidence, 3)
    if key is None:
        return None
    out[key_name] = key
    return out


def _closest_label(rec: Recognizers, view: View, label: str, forms: list[str]) -> Candidate | None:
    names = [(p.seg.id, p.seg.start + a, p.seg.start + b) for p in view.paragraphs
             for f in forms if f for a, b in literal_spans(f, p.text)]
    anchors = [(seg_id, start) for seg_id, start, _ in names]
    return rec.label.closest(view, label, anchors, names if label == "SECTOR" else [])


# ---------- figures

def _figure_issues(ctx: ArticleContext, issues: list[dict]) -> list[dict]:
    if not ctx.links.pairs:
        return []
    reported = [Amount(float(i[f"{lang}_value"]), "bytes" if i["field"] == "data_size" else "count")
                for i in issues if i["field"] in ("data_size", "record_count")
                for lang in LANGS if i.get(f"{lang}_value") is not None]
    en_ids = [p.seg.id for p in ctx.en.paragraphs]
    zh_ids = [p.seg.id for p in ctx.zh.paragraphs]
    headings = {p.seg.id for view in (ctx.en, ctx.zh) for p in view.paragraphs if p.seg.kind == "heading"}
    return FigureCheck(ctx.links, ctx.quantities, en_ids, zh_ids, headings, reported).run()
