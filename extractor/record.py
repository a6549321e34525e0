"""evidence -> one record: each fact in both languages, linked, with the agreement checks.

English and Chinese forms of one thing are linked by evidence in the article itself: glosses
such as 宏碁(Acer), a Latin name written inside the Chinese text, and where the names sit in
aligned paragraphs. No list of known names pairs them.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Callable, Iterable

from extractor.align import AlignResult, Unit, repeats
from extractor.numbers import Amount, Quantities, Quantity
from extractor.fields import (
    ZH_GENERIC, Candidate, DataHeads, Evidence, View, actors, closest_label, data_types, en_org_spans, en_victims,
    ends_in_org_word, find_evidence, full_zh_name, is_descriptor, is_fragment, literal_spans, quantity, text_of, verdict,
    zh_name_core, zh_nameness, zh_string_pool, zh_victims,
)

#: how far two numbers may differ and still be the same figure (rounding in translation)
TOLERANCE = 0.02


_NOT_WORD = re.compile(r"[\W_]+")
#: a Han name glossed in Latin letters: 宏碁(Acer). The possessive quantifiers (`{2,16}+`, `*+`)
#: change no match (giving back a Han character or a space can never make the bracket match)
#: but spare the search from trying every shorter run at every character of the text.
_HAN_GLOSSED = re.compile(r"([\u3400-\u9fff]{2,16}+)\s*+[（(]\s*([A-Za-z][^（()）]{1,60}?)\s*[)）]")


def _norm(s: str) -> str:
    return _NOT_WORD.sub("", s.casefold())


def _offsets(en: Evidence | dict | None = None, zh: Evidence | dict | None = None) -> dict:
    """Where each side of an inconsistency is in the text: en_start/en_end, zh_start/zh_end."""
    out = {}
    for lang, ev in (("en", en), ("zh", zh)):
        if ev is not None:
            start, end = (ev["start"], ev["end"]) if isinstance(ev, dict) else (ev.start, ev.end)
            out[f"{lang}_start"], out[f"{lang}_end"] = start, end
    return out


def _first(evs: Iterable[Evidence], lang: str | None = None) -> Evidence | None:
    return min((e for e in evs if lang is None or e.lang == lang), key=lambda e: (e.start, e.rule), default=None)


def _ev(evs: Iterable[Evidence], limit: int = 5) -> list[dict]:
    return [e.to_dict() for e in sorted(evs, key=lambda e: (e.start, e.rule))[:limit]]


class Builder:
    def __init__(self, en: View | None, zh: View | None, alignment: AlignResult | None, org_suffixes: list[str],
                 heads: DataHeads, *, quantities: Quantities | None = None) -> None:
        self.en, self.zh, self.alignment = en, zh, alignment
        self.quantities = quantities if quantities is not None else Quantities()  # the extraction's memo
        self.suffixes = org_suffixes
        self.heads = heads
        self._suffix_set = frozenset(org_suffixes)
        self._suffix_lens = sorted({len(x) for x in self._suffix_set})
        self._orgs_cache: dict = {}
        self._zh_link_texts: list[str] | None = None
        self.inconsistencies: list[dict] = []
        # filled in by actor() and victim(), read by the fields after them
        self.actor_names: list[str] = []
        self.victim_forms: dict[str, list[str]] = {"en": [], "zh": []}
        self.bounds = {seg.id: (seg.start, seg.end) for view in (en, zh) if view for seg, _ in view.parsed}
        # link index -> (en segment ids, zh segment ids)
        self.links = [(set(l.en), set(l.zh)) for l in (alignment.links if alignment else [])]

    # ---------- helpers over aligned paragraphs

    def _zh_texts_by_link(self) -> list[str]:
        """The Chinese text of each link (made once: the victim and its check both read it)."""
        if self._zh_link_texts is None:
            by_id = {seg.id: text_of(doc) for seg, doc in self.zh.parsed}
            self._zh_link_texts = ["\n".join(by_id[i] for i in sorted(z)) for _, z in self.links]
        return self._zh_link_texts

    def _en_links_with(self, forms: list[str]) -> set[int]:
        by_id = {seg.id: text_of(doc) for seg, doc in self.en.parsed}
        out = set()
        for k, (e, _) in enumerate(self.links):
            text = " ".join(by_id[i] for i in e)
            if any(re.search(rf"\b{re.escape(f)}\b", text) for f in forms if f):
                out.add(k)
        return out

    # ---------- actor

    def actor(self) -> list[dict]:
        en = actors(self.en) if self.en else []
        zh = actors(self.zh) if self.zh else []
        items, used = [], set()
        for a in en:
            match = next((i for i, b in enumerate(zh) if i not in used and (a.key == b.key or _norm(a.text) == _norm(b.text))), None)
            if match is not None:
                used.add(match)
                b = zh[match]
                items.append({"en": a.text, "zh": b.text, "evidence": _ev(a.evidence + b.evidence)})
            else:
                items.append({"en": a.text, "zh": None, "evidence": _ev(a.evidence)})
        leftovers = [b for i, b in enumerate(zh) if i not in used]
        for b in leftovers:
            items.append({"en": None, "zh": b.text, "evidence": _ev(b.evidence)})
        if self.en and self.zh and leftovers:
            lone = [(a.text, a) for a in en if not any(i["en"] == a.text and i["zh"] for i in items)]
            lone_en = [t for t, _ in lone]
            for b in leftovers:
                self.inconsistencies.append({
                    "field": "actor", "en": lone_en[0] if lone_en else None, "zh": b.text,
                    **_offsets(_first(lone[0][1].evidence) if lone else None, _first(b.evidence)),
                    "message": f"the Chinese text names {b.text} as the attacker, the English text "
                               + (f"names {lone_en[0]}" if lone_en else "does not")})
        self.actor_names = [x for i in items for x in (i["en"], i["zh"]) if x]
        return items

    # ---------- victim

    def victim(self) -> list[dict]:
        blocked = self.actor_names
        en = en_victims(self.en, blocked) if self.en else []
        if not self.zh:
            if en:
                self.victim_forms["en"] = [en[0].text, *en[0].extra.get("aliases", [])]
            return [{"en": c.text, "zh": None, "evidence": _ev(c.evidence)} for c in en]
        if not en:
            zh = zh_victims(self.zh, self.suffixes, blocked)
            if zh:
                self.victim_forms["zh"] = [zh[0].text]
            return [{"en": None, "zh": c.text, "evidence": _ev(c.evidence)} for c in zh]
        v = en[0]
        forms = [v.text, *v.extra.get("aliases", [])]
        self.victim_forms["en"] = forms
        zh_text, rule = self._zh_counterpart(forms)
        if zh_text is None:
            fallback = zh_victims(self.zh, self.suffixes, blocked)
            zh_text, rule = (fallback[0].text, "zh_org_name") if fallback else (None, "")
        zh_ev = find_evidence(self.zh, zh_text, rule, 0.7) if zh_text else []
        if zh_text:
            self.victim_forms["zh"] = [zh_text]
            self._check_victim(v, zh_text, zh_ev)
        return [{"en": v.text, "zh": zh_text, "evidence": _ev(v.evidence, 3) + _ev(zh_ev, 3)}]

    def _check_victim(self, v: Candidate, zh_name: str, zh_ev: list[Evidence]) -> None:
        """The Chinese text calls the victim by the name it gives a related organisation.

        "Cathay Pacific" and its subsidiary "Cathay Dragon" are both named in English; where the
        English names only the subsidiary, the aligned Chinese paragraph holds the Chinese victim
        name next to a shorter form of it (國泰 beside 國泰港龍航空). Then the longer Chinese name
        is the subsidiary's, and using it for the victim throughout is a mistranslation.
        """
        if not self.links or len(zh_name) < 3:
            return
        first = v.text.split()[0] if v.text.split() else ""
        forms = {_norm(f) for f in self.victim_forms["en"] if f}
        names = dict.fromkeys(name for _, doc in self.en.parsed for _, _, name in en_org_spans(text_of(doc)))
        siblings = [o for o in names if len(o.split()) > 1 and o.split()[0] == first and _norm(o) not in forms
                    and not any(_norm(o) in f or f in _norm(o) for f in forms if len(f) > len(_norm(first)))]
        en_by_id = {seg.id: text_of(doc) for seg, doc in self.en.parsed}
        texts = self._zh_texts_by_link()
        for other in siblings:
            where = sorted(self._en_links_with([other]))
            if not where:
                continue
            if any(v.text in " ".join(en_by_id[i] for i in self.links[k][0]) for k in where):
                continue  # the victim is named there too: no telling the names apart
            if all(zh_name in texts[k] and self._shorter_form_beside(zh_name, texts[k]) for k in where):
                ev = _first(zh_ev)
                self.inconsistencies.append({
                    "field": "victim", "en": v.text, "zh": zh_name, **_offsets(_first(v.evidence), ev),
                    "message": f"the Chinese text names the victim {zh_name}, the name it gives {other}; "
                               f"the English text names {v.text}"})
                return

    @staticmethod
    def _shorter_form_beside(name: str, text: str) -> bool:
        """A proper prefix of `name` (two or more characters) also stands alone in `text`."""
        rest = text.replace(name, "\0")
        return any(name[:n] in rest for n in range(len(name) - 1, 1, -1))

    def _zh_counterpart(self, forms: list[str]) -> tuple[str | None, str]:
        zh_all = "\n".join(text_of(doc) for _, doc in self.zh.parsed)
        keys = {_norm(f) for f in forms if f}
        # 1. a gloss: 宏碁(Acer), 海峽子午物流（Straits Meridian Logistics）, Rheinfeld(萊茵菲爾德)
        for m in _HAN_GLOSSED.finditer(zh_all):
            if _norm(m.group(2)) in keys or any(_norm(m.group(2)).startswith(k) or k.startswith(_norm(m.group(2))) for k in keys if len(k) > 3):
                return zh_name_core(m.group(1), zh_all, self.suffixes), "zh_gloss"
        for m in re.finditer(r"([A-Za-z][A-Za-z0-9&.' \-]{1,60}?)\s*[（(]\s*([\u3400-\u9fff]{2,16})\s*[)）]", zh_all):
            if _norm(m.group(1)) in keys:
                return m.group(2), "zh_gloss"
        # 2. the Latin name itself inside the Chinese text (Optus, Tasman PayWorks)
        for f in sorted(forms, key=len, reverse=True):
            if f and re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", zh_all):
                return f, "zh_latin_name"
        # 3. the Han string whose spread over aligned paragraphs matches the English name's
        if not self.links:
            return None, ""
        target = self._en_links_with(forms)
        if not target:
            return None, ""
        texts = self._zh_texts_by_link()
        here = [t for k, t in enumerate(texts) if k in target]
        countries = {h.text for h in self.zh.hits("lexicon", "COUNTRY")}
        # Han strings of those paragraphs the text repeats or that end in an organisation word
        pool = Counter({s: n for s, n in zh_string_pool(here, zh_all, self.suffixes).items()
                        if s not in countries and s not in ZH_GENERIC})
        dice: dict[str, float] = {}
        scored = []
        lexical = {h.text for view_label in ("DATA_TYPE", "SECTOR") for h in self.zh.hits("lexicon", view_label)}
        for s in pool:
            if is_fragment(s, zh_all) or is_descriptor(s, self.suffixes) or s in lexical:
                continue
            have = {k for k, t in enumerate(texts) if s in t}
            dice[s] = 2 * len(have & target) / (len(have) + len(target))
            org = ends_in_org_word(s, self._suffix_set, self._suffix_lens) or "" in self._suffix_set
            score = dice[s] + (0.1 if org else 0.0) + zh_nameness(s, zh_all) + 0.01 * min(len(s), 8)
            scored.append((score, len(s), s))
        if not scored or max(scored)[0] < 0.5:
            return None, ""
        name = max(scored)[2]
        self._explain_zh_names(scored)
        # a string the text also uses in a shorter, more frequent form is that form plus context
        shorter = True
        while shorter:
            shorter = False
            for t in dice:
                if t != name and t in name and pool[t] >= 1.5 * pool[name] and dice[t] >= dice[name] - 0.15:
                    name, shorter = t, True
                    break
        best = (0.0, 0, name)
        return full_zh_name(zh_name_core(best[2], zh_all, self.suffixes), zh_all, self.suffixes), "zh_aligned_name"

    def _explain_zh_names(self, scored: list[tuple[float, int, str]]) -> None:
        """For --explain: the Han strings that lost to the chosen Chinese victim name."""
        from extractor.fields import collecting, reject

        if not collecting():
            return
        ranked = sorted(scored, reverse=True)
        for score, _, s in ranked[1:6]:
            reject("victim", find_evidence(self.zh, s, "zh_aligned_name", 0.0, limit=1), round(score, 3),
                   f"aligned-paragraph score {score:.2f} below {ranked[0][0]:.2f} for {ranked[0][2]}", text=s, lang="zh")

    # ---------- quantities

    def amount(self, kind: str) -> dict | None:
        key = "bytes" if kind == "size" else "value"
        field = "data_size" if kind == "size" else "record_count"
        sides = {}
        for lang, view in (("en", self.en), ("zh", self.zh)):
            if view is None:
                sides[lang] = None
                continue
            c = quantity(view, kind, self.victim_forms.get(lang, []), self._other_orgs(lang))
            sides[lang] = None if c is None else {
                "text": c.text, key: _num(c.extra["value"]), "qualifier": c.extra["qualifier"],
                "evidence": c.evidence[0].to_dict()}
        if not sides["en"] and not sides["zh"]:
            return None
        a, b = sides["en"], sides["zh"]
        if a and b and abs(a[key] - b[key]) > TOLERANCE * max(a[key], b[key]):
            self.inconsistencies.append({
                "field": field, "en": a["text"], "zh": b["text"], "en_value": a[key], "zh_value": b[key],
                **_offsets(a["evidence"], b["evidence"]),
                "message": f"the English text says {a['text']} ({a[key]:,.0f}), the Chinese {b['text']} ({b[key]:,.0f})"})
        return sides

    # ---------- data types

    def data_types(self) -> list[dict]:
        en = data_types(self.en, self.heads) if self.en else []
        zh = data_types(self.zh, self.heads) if self.zh else []
        if not (self.en and self.zh):
            return [{"en": c.text if self.en else None, "zh": c.text if self.zh else None,
                     "category": c.extra["category"], "evidence": _ev(c.evidence, 3)} for c in en or zh]
        seg_link = {}
        for k, (e, z) in enumerate(self.links):
            for i in e | z:
                seg_link[i] = k
        # (start, index) of every phrase's evidence, by the link its paragraph is in: read once,
        # not once per link (a long document has thousands of links)
        en_by_link: dict[int, list[tuple[int, int]]] = {}
        zh_by_link: dict[int, list[tuple[int, int]]] = {}
        for found, by_link in ((en, en_by_link), (zh, zh_by_link)):
            for i, c in enumerate(found):
                for ev in c.evidence:
                    k = seg_link.get(ev.segment)
                    if k is not None:
                        by_link.setdefault(k, []).append((ev.start, i))
        pairs: dict[int, int] = {}
        paired_zh: set[int] = set()
        for k in sorted(en_by_link.keys() & zh_by_link.keys()):
            en_ids = list(dict.fromkeys(i for _, i in sorted(en_by_link[k]) if i not in pairs))
            zh_ids = list(dict.fromkeys(j for _, j in sorted(zh_by_link[k]) if j not in paired_zh))
            for i, j in pair_lists([en[i] for i in en_ids], [zh[j] for j in zh_ids],
                                   [self._rel_pos(en[i], k, seg_link) for i in en_ids],
                                   [self._rel_pos(zh[j], k, seg_link) for j in zh_ids]):
                pairs[en_ids[i]] = zh_ids[j]
                paired_zh.add(zh_ids[j])
        # phrases named in different paragraphs of the two versions: same category, in order
        free_zh = [j for j in range(len(zh)) if j not in pairs.values()]
        for i in range(len(en)):
            if i not in pairs:
                j = next((j for j in free_zh if zh[j].extra["category"] == en[i].extra["category"]), None)
                if j is not None:
                    pairs[i] = j
                    free_zh.remove(j)
        items, seen_zh = [], {}
        for i, c in enumerate(en):
            j = pairs.get(i)
            if j is not None and j in seen_zh:  # two English names for one Chinese phrase: keep the shorter
                prev = items[seen_zh[j]]
                if len(c.text) < len(prev["en"]):
                    prev["en"] = c.text
                continue
            item = {"en": c.text, "zh": zh[j].text if j is not None else None, "category": c.extra["category"],
                    "evidence": _ev(c.evidence + (zh[j].evidence if j is not None else []), 4)}
            if j is not None:
                seen_zh[j] = len(items)
            items.append(item)
            if j is None and self._dropped_in_translation(c, en, zh, seg_link, set(pairs.values())):
                self.inconsistencies.append({
                    "field": "data_types", "en": c.text, "zh": None, **_offsets(_first(c.evidence)),
                    "message": f"the English text lists {c.text!r} as leaked; the aligned Chinese paragraph has no counterpart"})
        for j, c in enumerate(zh):
            if j not in pairs.values():
                items.append({"en": None, "zh": c.text, "category": c.extra["category"], "evidence": _ev(c.evidence, 3)})
        return items

    def _rel_pos(self, c: Candidate, link: int, seg_link: dict[str, int]) -> float:
        """Where in its paragraph a phrase is first named (0 = start, 1 = end)."""
        for ev in sorted(c.evidence, key=lambda e: e.start):
            if seg_link.get(ev.segment) == link:
                a, b = self.bounds[ev.segment]
                return (ev.start - a) / max(b - a, 1)
        return 0.5

    @staticmethod
    def _dropped_in_translation(c: Candidate, en: list[Candidate], zh: list[Candidate], seg_link: dict[str, int],
                                paired_zh: set[int] | None = None) -> bool:
        """An English list item with no Chinese counterpart where the aligned Chinese list is shorter,
        or where every data type the aligned Chinese paragraph names is paired with an English one."""
        def links_of(x: Candidate, lists_only: bool) -> set[int]:
            return {seg_link[e.segment] for e in x.evidence
                    if e.segment in seg_link and (not lists_only or e.rule.endswith("data_list_item"))}

        def counts(cands: list[Candidate], lists_only: bool) -> Counter:
            return Counter(k for x in cands for k in links_of(x, lists_only))

        en_lists, zh_lists = counts(en, True), counts(zh, True)
        en_all, zh_all = counts(en, False), counts(zh, False)
        unpaired_zh = Counter(k for j, x in enumerate(zh) if j not in (paired_zh or set()) for k in links_of(x, False))
        for k in links_of(c, True):
            if zh_lists[k] and en_lists[k] > zh_lists[k]:
                return True
            if (paired_zh is not None and zh_all[k] and not unpaired_zh[k] and en_all[k] > zh_all[k]
                    and _zh_list_length([e for x in zh for e in x.evidence if seg_link.get(e.segment) == k]) < en_all[k]):
                return True
        return False

    # ---------- country, sector

    def labelled(self, label: str, key_name: str) -> dict | None:
        out: dict = {"en": None, "zh": None, key_name: None, "evidence": []}
        key = None
        first_ev: Evidence | None = None
        for lang, view in (("en", self.en), ("zh", self.zh)):
            if view is None:
                continue
            forms = self.victim_forms.get(lang, [])
            names = [(seg.id, seg.start + a, seg.start + b) for seg, doc in view.parsed
                     for f in forms if f for a, b in literal_spans(f, text_of(doc))]
            anchors = [(seg_id, start) for seg_id, start, _ in names]
            c = closest_label(view, label, anchors, names if label == "SECTOR" else [])
            if c is None:
                continue
            if key and c.key != key:
                same = [h for h in view.hits("lexicon", label) if h.span.id_ == key]
                if same:
                    c = Candidate(key, same[0].text, 0.5, [same[0].evidence(lang, f"lexicon_{label.lower()}", 0.5)])
                elif not any(h.span.id_ == c.key for h in self.en.hits("lexicon", label)):
                    self._label_mismatch(label, out["en"], key, c, first_ev)
            out[lang] = c.text
            first_ev = first_ev or _first(c.evidence)
            key = key or c.key
            out["evidence"] += _ev(c.evidence, 3)
        if key is None:
            return None
        out[key_name] = key
        return out

    def _label_mismatch(self, label: str, en_text: str | None, en_key: str, zh: Candidate, en_ev: Evidence | None) -> None:
        """Neither text names the other's country/sector: each version says something different."""
        field = label.lower()
        self.inconsistencies.append({
            "field": field, "en": en_text, "zh": zh.text, **_offsets(en_ev, _first(zh.evidence)),
            "message": f"the English text gives the {field} as {en_text} ({en_key}), the Chinese {zh.text} ({zh.key}), "
                       f"and neither text names the other's"})

    # ---------- encryption, ransom

    def scalar(self, label: str, precedence: tuple[str, ...]) -> tuple[object, list[dict]]:
        results = {}
        for lang, view in (("en", self.en), ("zh", self.zh)):
            if view is not None:
                others = [n for n in self._other_orgs(lang)]
                results[lang] = verdict(view, label, precedence, self.victim_forms.get(lang, []), others)
        en_v, en_e = results.get("en", (None, []))
        zh_v, zh_e = results.get("zh", (None, []))
        value = en_v if en_v is not None else zh_v
        ev = en_e if en_v is not None else zh_e
        if en_v not in (None, "unknown") and zh_v not in (None, "unknown") and en_v != zh_v:
            field = label.lower()
            self.inconsistencies.append({
                "field": field, "en": en_e[0].text if en_e else None, "zh": zh_e[0].text if zh_e else None,
                **_offsets(_first(en_e), _first(zh_e)),
                "message": f"the English text says {field} {en_v}, the Chinese {zh_v}"})
        if value in ("none", "unknown"):
            value = None  # the article says there was none, or that it is not known
        elif label == "ENCRYPTION" and value is not None:
            value = value == "true"
        return value, _ev(ev, 4)

    def _other_orgs(self, lang: str) -> list[str]:
        """Organisations other than the victim (and the attackers): Caesars paid, JD Sports lost data."""
        view = self.en if lang == "en" else self.zh
        if view is None:
            return []
        key = (lang, tuple(self.victim_forms.get("en", [])), tuple(self.victim_forms.get("zh", [])))
        if key in self._orgs_cache:
            return self._orgs_cache[key]
        victims = {_norm(v) for forms in self.victim_forms.values() for v in forms if v}
        actors = {_norm(a) for a in self.actor_names}
        places = {_norm(h.text) for h in view.hits("lexicon", "COUNTRY")}
        # outlets that report the story are not parties to it: "according to X", 據《X》報道
        outlets = {_norm(h.text) for h in view.hits("cues", "OUTLET")}
        outlets |= {_norm(m.group(1)) for _, doc in view.parsed for m in re.finditer(r"《([^》]{1,40})》", text_of(doc))}
        names = []
        for _, doc in view.parsed:
            spans = en_org_spans(text_of(doc)) if lang == "en" else (
                (m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3}", text_of(doc)))
            for start, _, name in spans:
                if lang == "en" and " " not in name and (start == 0 or text_of(doc)[max(0, start - 2):start] in (". ", "\n")):
                    continue  # "Files on the shared drives ...": a capitalised first word, not a name
                n = _norm(name)
                if (len(n) > 3 and n not in actors and n not in places and n not in outlets and name not in names
                        and not any(n in v or v in n for v in victims)):
                    names.append(name)
        self._orgs_cache[key] = names
        return names

    # ---------- orphans

    def orphans(self) -> None:
        if not self.alignment:
            return
        texts = {seg.id: text_of(doc) for seg, doc in self.en.parsed}
        copies = repeats([Unit(seg.id, text_of(doc)) for seg, doc in self.en.parsed])
        pasted = {copies[sid] for sid in self.alignment.en_orphans if sid in copies}
        for sid in self.alignment.en_orphans:
            if sid in pasted:
                continue  # reported once, at its copy in the Chinese version
            text = texts.get(sid, "")
            message = (f"English paragraph {sid} repeats paragraph {copies[sid]} where its Chinese translation "
                       "should be: it was left untranslated") if sid in copies else (
                f"English paragraph {sid} has no Chinese counterpart")
            self.inconsistencies.append({
                "field": "paragraph", "en": text[:80], "zh": None, "segment": sid,
                **_offsets({"start": self.bounds[sid][0], "end": self.bounds[sid][1]}),
                "message": message})
        ztexts = {seg.id: text_of(doc) for seg, doc in self.zh.parsed}
        for sid in self.alignment.zh_orphans:
            self.inconsistencies.append({
                "field": "paragraph", "en": None, "zh": ztexts.get(sid, "")[:40], "segment": sid,
                **_offsets(None, {"start": self.bounds[sid][0], "end": self.bounds[sid][1]}),
                "message": f"Chinese paragraph {sid} has no English counterpart"})


    # ---------- figures paragraph by paragraph

    def figures(self) -> None:
        """A size or count stated in one paragraph and absent from its counterpart.

        Compared by value and unit (1,500 GB == 1.5TB, 13,000 == 1.3萬), and leniently: a figure
        counts as present when the other side states the same value in any form. A figure already
        reported as a data_size or record_count disagreement is not reported twice.
        """
        if not self.links:
            return
        reported = [Amount(float(i[f"{lang}_value"]), "bytes" if i["field"] == "data_size" else "count")
                    for i in self.inconsistencies if i["field"] in ("data_size", "record_count")
                    for lang in ("en", "zh") if i.get(f"{lang}_value") is not None]
        texts = {seg.id: text_of(doc) for view in (self.en, self.zh) for seg, doc in view.parsed}
        headings = {seg.id for view in (self.en, self.zh) for seg, _ in view.parsed if seg.kind == "heading"}
        # each paragraph's figures are read once (the extraction's Quantities remembers what the quantities
        # component found), and loose numbers only when asked for (most never are: they matter
        # only for a figure the counterpart does not state)
        found_in: dict[str, list[tuple[Quantity, Amount]]] = {}

        def amounts_of(sid: str, lang: str) -> list[tuple[Quantity, Amount]]:
            if sid not in found_in:
                found_in[sid] = self.quantities.amounts(texts[sid], lang)
            return found_in[sid]

        def loose_of(ids: Iterable[str], lang: str) -> Callable[[], set[float]]:
            """The numbers of those paragraphs in any form, read on the first call."""
            return cache(lambda: {v for sid in ids for v in self.quantities.loose_values(texts[sid], lang)})

        # headlines are rewritten rather than translated: their figures are checked against the whole text
        all_ids = {lang: [seg.id for seg, _ in view.parsed] for lang, view in (("en", self.en), ("zh", self.zh))}
        everywhere = {lang: cache(lambda lang=lang: [a for sid in all_ids[lang] for _, a in amounts_of(sid, lang)])
                      for lang in ("en", "zh")}
        everywhere_loose = {lang: loose_of(all_ids[lang], lang) for lang in ("en", "zh")}
        for e_ids, z_ids in self.links:
            headline = bool((e_ids | z_ids) & headings)
            sides = {}
            for lang, ids in (("en", e_ids), ("zh", z_ids)):
                found = []
                for sid in sorted(ids, key=lambda i: self.bounds[i][0]):
                    base = self.bounds[sid][0]
                    found += [(q, a, base, sid) for q, a in amounts_of(sid, lang)]
                sides[lang] = (found, loose_of(ids, lang))
            for lang, other in (("en", "zh"), ("zh", "en")):
                theirs, their_bare = sides[other]
                for q, a, base, para in sides[lang][0]:
                    if any(a.same(b) for _, b, _, _ in theirs) or any(a.same(r) for r in reported):
                        continue
                    if headline and any(a.same(b) for b in everywhere[other]()):
                        continue
                    if a.dimension == "count" and any(a.same(Amount(v, "count")) for v in their_bare()):
                        continue  # "受影響人數達兩百萬": the same figure without a counted noun
                    near = [x for x in theirs if x[1].dimension == a.dimension]
                    counterpart = near[0] if len(near) == 1 else None
                    mine = {lang: q.text, other: counterpart[0].text if counterpart else None}
                    spans = {lang: {"start": base + q.start, "end": base + q.end}}
                    if counterpart:
                        spans[other] = {"start": counterpart[2] + counterpart[0].start, "end": counterpart[2] + counterpart[0].end}
                    side = "English" if lang == "en" else "Chinese"
                    self.inconsistencies.append({
                        "field": "number", "en": mine["en"], "zh": mine["zh"], "segment": para,
                        f"{lang}_value": _num(a.value), **_offsets(spans.get("en"), spans.get("zh")),
                        "message": f"the {side} paragraph {para} states {q.text}"
                                   + (f"; its counterpart says {counterpart[0].text}" if counterpart
                                      else "; its counterpart has no such figure")})
                    reported.append(a)
            if headline:
                sides = {lang: (found, everywhere_loose[lang]) for lang, (found, _) in sides.items()}
            self._bare_figures(e_ids, z_ids, texts, sides, reported)

    def _bare_figures(self, e_ids: set[str], z_ids: set[str], texts: dict[str, str], sides: dict, reported: list) -> None:
        """A number of 100 or more outside any size or count ("450 affected laptops", "US$2
        million") that the counterpart paragraph does not state in any form. Years are left out
        (a date may be written without one), and so are small numbers (months, percentages in
        成, ages), which translations write in too many ways."""
        for lang, other, ids in (("en", "zh", e_ids), ("zh", "en", z_ids)):
            theirs = sides[other][1]  # read only if some number needs it
            quantities = [(base + q.start, base + q.end) for q, _, base, _ in sides[lang][0]]
            for sid in sorted(ids, key=lambda i: self.bounds[i][0]):
                base = self.bounds[sid][0]
                for start, end, value in self.quantities.numbers(texts[sid], lang):
                    here = (base + start, base + end)
                    if value < MIN_BARE_FIGURE or (1900 <= value <= 2099 and value.is_integer()):
                        continue
                    if any(a <= here[0] < b for a, b in quantities):
                        continue  # part of a size or count: checked above
                    if any(abs(value - v) <= TOLERANCE * max(value, v) for v in theirs()):
                        continue
                    if any(r.same(Amount(value, "count")) for r in reported):
                        continue
                    written = texts[sid][start:end]
                    side = "English" if lang == "en" else "Chinese"
                    self.inconsistencies.append({
                        "field": "number", "en": written if lang == "en" else None,
                        "zh": written if lang == "zh" else None, "segment": sid, f"{lang}_value": _num(value),
                        **_offsets(*(({"start": here[0], "end": here[1]}, None) if lang == "en"
                                     else (None, {"start": here[0], "end": here[1]}))),
                        "message": f"the {side} paragraph {sid} states {written}; its counterpart has no such number"})
                    reported.append(Amount(value, "count"))


_ZH_CLAUSE = re.compile(r"[^，,；;：:。！？]+")
_ZH_LIST_JOINERS = re.compile(r"以及|及|和|與|与|或")


def _zh_list_length(evidence: list[Evidence]) -> int:
    """How many things the Chinese clause listing these data types enumerates, recognised or not
    (捐款紀錄、住址及出生日期 is three): the lexicon may miss one the translator kept."""
    best = 0
    for e in evidence:
        offset = e.sentence.find(e.text)
        for clause in _ZH_CLAUSE.finditer(e.sentence):
            if clause.start() <= offset < clause.end():
                body = clause.group()
                best = max(best, 1 + body.count("、") + (1 if _ZH_LIST_JOINERS.search(body) else 0))
    return best


#: numbers below this are not compared on their own (see Builder._bare_figures)
MIN_BARE_FIGURE = 100

SKIP = 0.8


def _pair_cost(a: Candidate, b: Candidate, pa: float, pb: float) -> float:
    latin = set(re.findall(r"[A-Za-z]{2,}", b.text))
    if latin and latin & set(re.findall(r"[A-Za-z]{2,}", a.text)):
        return 0.0
    ca, cb = a.extra["category"], b.extra["category"]
    if "other" in (ca, cb):
        cost = 0.5
    else:
        cost = 0.1 if ca == cb else 2.0
    return cost + 1.5 * abs(pa - pb)


def pair_lists(en: list[Candidate], zh: list[Candidate], pos_en: list[float], pos_zh: list[float]) -> list[tuple[int, int]]:
    """Pair two lists of data types in order (a translation keeps a list's order), by category
    and by where in the paragraph each is named."""
    n, m = len(en), len(zh)
    if not n or not m:
        return []
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps = []
            if i < n and j < m:
                steps.append((i + 1, j + 1, here + _pair_cost(en[i], zh[j], pos_en[i], pos_zh[j])))
            if i < n:
                steps.append((i + 1, j, here + SKIP))
            if j < m:
                steps.append((i, j + 1, here + SKIP))
            for a, b, c in steps:
                if c < cost[a][b]:
                    cost[a][b], back[a][b] = c, (i, j)
    pairs = []
    i, j = n, m
    while back[i][j] is not None:
        pi, pj = back[i][j]
        if pi == i - 1 and pj == j - 1:
            pairs.append((pi, pj))
        i, j = pi, pj
    return sorted(pairs)


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def build_facts(builder: Builder) -> tuple[dict, dict]:
    """The facts in record order, and the evidence for the two scalar facts."""
    facts = {"actor": builder.actor(), "victim": builder.victim()}
    facts["data_size"] = builder.amount("size")
    facts["record_count"] = builder.amount("count")
    facts["data_types"] = builder.data_types()
    enc, enc_ev = builder.scalar("ENCRYPTION", ("false", "true", "unknown"))
    ransom, ransom_ev = builder.scalar("RANSOM", ("paid", "refused", "none", "demanded"))
    facts["encryption"], facts["ransom"] = enc, ransom
    facts["country"] = builder.labelled("COUNTRY", "code")
    facts["sector"] = builder.labelled("SECTOR", "norm")
    builder.orphans()
    builder.figures()
    return facts, {"encryption": enc_ev, "ransom": ransom_ev}

