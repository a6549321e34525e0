"""Where the two versions disagree, fact by fact: pure functions over finished facts.

Each returns the inconsistencies it finds (record dicts, in the order the record lists them):
a different attacker, the victim called by a related organisation's name, a different size or
count, a data type dropped from the translation's list, a different verdict, country or sector,
and a paragraph with no counterpart. Figures paragraph by paragraph are in
`extractor.figures`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from extractor.align import AlignResult, Unit, repeats
from extractor.pairing import Links
from extractor.recognizers.names_en import NameMemo
from extractor.recognizers.orgs import norm
from extractor.view import Candidate, Evidence, View, first_evidence

#: how far two numbers may differ and still be the same figure (rounding in translation)
TOLERANCE = 0.02
_ZH_CLAUSE = re.compile(r"[^，,；;：:。！？]+")


def offsets(en: Evidence | dict | None = None, zh: Evidence | dict | None = None) -> dict:
    """Where each side of an inconsistency is in the text: en_start/en_end, zh_start/zh_end."""
    out = {}
    for lang, ev in (("en", en), ("zh", zh)):
        if ev is not None:
            start, end = (ev["start"], ev["end"]) if isinstance(ev, dict) else (ev.start, ev.end)
            out[f"{lang}_start"], out[f"{lang}_end"] = start, end
    return out


def actor_issues(pairs: list[tuple[Candidate | None, Candidate | None]], leftovers: list[Candidate]) -> list[dict]:
    """A Chinese actor the English text does not name (or names differently)."""
    paired = {a.text for a, b in pairs if a is not None and b is not None}
    lone = [a for a, _ in pairs if a is not None and a.text not in paired]
    out = []
    for b in leftovers:
        out.append({
            "field": "actor", "en": lone[0].text if lone else None, "zh": b.text,
            **offsets(first_evidence(lone[0].evidence) if lone else None, first_evidence(b.evidence)),
            "message": f"the Chinese text names {b.text} as the attacker, the English text "
                       + (f"names {lone[0].text}" if lone else "does not")})
    return out


def victim_issues(victim: Candidate, en_forms: list[str], zh_name: str, zh_ev: list[Evidence], en: View,
                  memo: NameMemo, links: Links) -> list[dict]:
    """The Chinese text calls the victim by the name it gives a related organisation.

    "Cathay Pacific" and its subsidiary "Cathay Dragon" are both named in English; where the
    English names only the subsidiary, the aligned Chinese paragraph holds the Chinese victim
    name next to a shorter form of it (國泰 beside 國泰港龍航空). Then the longer Chinese name
    is the subsidiary's, and using it for the victim throughout is a mistranslation.
    """
    if not links.pairs or len(zh_name) < 3:
        return []
    texts = links.zh_texts_by_link()
    for other in _siblings(victim.text, en_forms, en, memo):
        where = sorted(links.en_links_with([other]))
        if not where:
            continue
        if any(victim.text in " ".join(links.en_text[i] for i in links.pairs[k][0]) for k in where):
            continue  # the victim is named there too: no telling the names apart
        if all(zh_name in texts[k] and _shorter_form_beside(zh_name, texts[k]) for k in where):
            return [{"field": "victim", "en": victim.text, "zh": zh_name,
                     **offsets(first_evidence(victim.evidence), first_evidence(zh_ev)),
                     "message": f"the Chinese text names the victim {zh_name}, the name it gives {other}; "
                                f"the English text names {victim.text}"}]
    return []


def renamed_victim_issues(victim: Candidate, en_forms: list[str], links: Links, gazetteer) -> list[dict]:
    """Where the English names the victim, the aligned Chinese paragraph names another
    organisation the gazetteer knows (國泰港龍航空 for Cathay Pacific), and never the victim."""
    org = next((o for f in en_forms if f and (o := gazetteer.find(f)) is not None), None)
    if org is None or org.bystander:
        return []
    for k in sorted(links.en_links_with(en_forms)):
        other = _other_known_name(links, k, org, gazetteer)
        if other:
            name, other = other
            return [{"field": "victim", "en": victim.text, "zh": name,
                     **offsets(first_evidence(victim.evidence)),
                     "message": f"where the English text names the victim {victim.text}, the Chinese names {name} "
                                f"({other.key}), a different organisation"}]
    return []


def _other_known_name(links: Links, k: int, org, gazetteer):
    """(name, organisation) of another known organisation the Chinese side of link `k` names
    and its English side does not, when the Chinese side never names `org`; else None."""
    zh_text = "\n".join(links.zh_text[i] for i in sorted(links.pairs[k][1]))
    en_text = " ".join(links.en_text[i] for i in links.pairs[k][0])
    found = gazetteer.zh_names_in(zh_text)
    if any(o.key == org.key for _, _, o in found):
        return None
    return next(((zh_text[a:b], o) for a, b, o in found if not o.bystander
                 and not any(n in en_text for n in o.names.get("en", ()))), None)


def _siblings(victim: str, en_forms: list[str], en: View, memo: NameMemo) -> list[str]:
    """English names that begin with the victim's first word and are not one of its forms
    (Cathay Dragon beside Cathay Pacific)."""
    first = victim.split()[0] if victim.split() else ""
    forms = {norm(f) for f in en_forms if f}
    names = dict.fromkeys(name for p in en.paragraphs for _, _, name in memo.org_spans(p.text))
    return [o for o in names if len(o.split()) > 1 and o.split()[0] == first and norm(o) not in forms
            and not any(norm(o) in f or f in norm(o) for f in forms if len(f) > len(norm(first)))]


def _shorter_form_beside(name: str, text: str) -> bool:
    """A proper prefix of `name` (two or more characters) also stands alone in `text`."""
    rest = text.replace(name, "\0")
    return any(name[:n] in rest for n in range(len(name) - 1, 1, -1))


def amount_issues(field: str, key: str, sides: dict) -> list[dict]:
    """The two versions state different sizes or counts."""
    a, b = sides["en"], sides["zh"]
    if not (a and b and abs(a[key] - b[key]) > TOLERANCE * max(a[key], b[key])):
        return []
    return [{"field": field, "en": a["text"], "zh": b["text"], "en_value": a[key], "zh_value": b[key],
             **offsets(a["evidence"], b["evidence"]),
             "message": f"the English text says {a['text']} ({a[key]:,.0f}), the Chinese {b['text']} ({b[key]:,.0f})"}]


def dropped_type_issue(c: Candidate) -> dict:
    return {"field": "data_types", "en": c.text, "zh": None, **offsets(first_evidence(c.evidence)),
            "message": f"the English text lists {c.text!r} as leaked; the aligned Chinese paragraph has no counterpart"}


def dropped_in_translation(c: Candidate, en: list[Candidate], zh: list[Candidate], seg_link: dict[str, int],
                           paired_zh: set[int], list_joiners: re.Pattern[str]) -> bool:
    """An English list item with no Chinese counterpart where the aligned Chinese list is shorter,
    or where every data type the aligned Chinese paragraph names is paired with an English one."""
    def links_of(x: Candidate, lists_only: bool) -> set[int]:
        return {seg_link[e.segment] for e in x.evidence
                if e.segment in seg_link and (not lists_only or e.rule.endswith("data_list_item"))}

    def counts(cands: list[Candidate], lists_only: bool) -> Counter:
        return Counter(k for x in cands for k in links_of(x, lists_only))

    en_lists, zh_lists = counts(en, True), counts(zh, True)
    en_all, zh_all = counts(en, False), counts(zh, False)
    unpaired_zh = Counter(k for j, x in enumerate(zh) if j not in paired_zh for k in links_of(x, False))
    for k in links_of(c, True):
        if zh_lists[k] and en_lists[k] > zh_lists[k]:
            return True
        if (zh_all[k] and not unpaired_zh[k] and en_all[k] > zh_all[k]
                and zh_list_length([e for x in zh for e in x.evidence if seg_link.get(e.segment) == k],
                                   list_joiners) < en_all[k]):
            return True
    return False


def zh_list_length(evidence: list[Evidence], list_joiners: re.Pattern[str]) -> int:
    """How many things the Chinese clause listing these data types enumerates, recognised or not
    (捐款紀錄、住址及出生日期 is three): the lexicon may miss one the translator kept."""
    best = 0
    for e in evidence:
        offset = e.sentence.find(e.text)
        for clause in _ZH_CLAUSE.finditer(e.sentence):
            if clause.start() <= offset < clause.end():
                body = clause.group()
                best = max(best, 1 + body.count("、") + (1 if list_joiners.search(body) else 0))
    return best


def verdict_issues(field: str, en: tuple[str | None, list[Evidence]], zh: tuple[str | None, list[Evidence]]) -> list[dict]:
    """The two versions give different verdicts (encryption, ransom)."""
    (en_v, en_e), (zh_v, zh_e) = en, zh
    if en_v in (None, "unknown") or zh_v in (None, "unknown") or en_v == zh_v:
        return []
    return [{"field": field, "en": en_e[0].text if en_e else None, "zh": zh_e[0].text if zh_e else None,
             **offsets(first_evidence(en_e), first_evidence(zh_e)),
             "message": f"the English text says {field} {en_v}, the Chinese {zh_v}"}]


def label_issue(field: str, en_text: str | None, en_key: str, zh: Candidate, en_ev: Evidence | None) -> dict:
    """Neither text names the other's country/sector: each version says something different."""
    return {"field": field, "en": en_text, "zh": zh.text, **offsets(en_ev, first_evidence(zh.evidence)),
            "message": f"the English text gives the {field} as {en_text} ({en_key}), the Chinese {zh.text} ({zh.key}), "
                       f"and neither text names the other's"}


def orphan_issues(alignment: AlignResult | None, links: Links, en_ids: Iterable[str]) -> list[dict]:
    """Paragraphs with no counterpart; a paragraph pasted untranslated is reported once."""
    if not alignment:
        return []
    out = []
    copies = repeats([Unit(sid, links.en_text[sid]) for sid in en_ids])
    pasted = {copies[sid] for sid in alignment.en_orphans if sid in copies}
    for sid in alignment.en_orphans:
        if sid in pasted:
            continue  # reported once, at its copy in the Chinese version
        message = (f"English paragraph {sid} repeats paragraph {copies[sid]} where its Chinese translation "
                   "should be: it was left untranslated") if sid in copies else (
            f"English paragraph {sid} has no Chinese counterpart")
        out.append({"field": "paragraph", "en": links.en_text.get(sid, "")[:80], "zh": None, "segment": sid,
                    **offsets({"start": links.bounds[sid][0], "end": links.bounds[sid][1]}), "message": message})
    for sid in alignment.zh_orphans:
        out.append({"field": "paragraph", "en": None, "zh": links.zh_text.get(sid, "")[:40], "segment": sid,
                    **offsets(None, {"start": links.bounds[sid][0], "end": links.bounds[sid][1]}),
                    "message": f"Chinese paragraph {sid} has no English counterpart"})
    return out
