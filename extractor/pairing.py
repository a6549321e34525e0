"""Linking the two languages: which Chinese string names the same thing as an English one.

Evidence comes from the article itself, never from a list of known names: translator glosses
(宏碁(Acer), 海峽子午物流（Straits Meridian Logistics）), a Latin name written inside the Chinese
text (Optus), and where strings stand in aligned paragraphs (the Han string whose spread over
the paragraph links matches the English name's). Data types pair in list order by category.
"""
from __future__ import annotations

import re
from collections import Counter

from extractor.align import AlignResult
from extractor.recognizers.names_zh import ChineseNames
from extractor.recognizers.orgs import norm
from extractor.resources import Resources
from extractor.view import Candidate, View

#: a Han name glossed in Latin letters: 宏碁(Acer). The possessive quantifiers (`{2,16}+`, `*+`)
#: change no match (giving back a Han character or a space can never make the bracket match)
#: but spare the search from trying every shorter run at every character of the text.
_HAN_GLOSSED = re.compile(r"([\u3400-\u9fff]{2,16}+)\s*+[（(]\s*([A-Za-z][^（()）]{1,60}?)\s*[)）]")
#: a Latin name glossed in Han characters: Rheinfeld Antriebstechnik(萊茵菲爾德驅動技術)
_LATIN_GLOSSED = re.compile(r"([A-Za-z][A-Za-z0-9&.' \-]{1,60}?)\s*[（(]\s*([\u3400-\u9fff]{2,16})\s*[)）]")
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")


class Links:
    """The paragraph links of an article, with each side's paragraph texts by segment id."""

    def __init__(self, en: View | None, zh: View | None, alignment: AlignResult | None) -> None:
        self.pairs = [(set(l.en), set(l.zh)) for l in (alignment.links if alignment else [])]
        self.bounds = {p.seg.id: (p.seg.start, p.seg.end) for view in (en, zh) if view for p in view.paragraphs}
        self.en_text = {p.seg.id: p.text for p in en.paragraphs} if en else {}
        self.zh_text = {p.seg.id: p.text for p in zh.paragraphs} if zh else {}
        self._zh_by_link: list[str] | None = None
        self._seg_link: dict[str, int] | None = None

    def zh_texts_by_link(self) -> list[str]:
        """The Chinese text of each link (made once: the victim and its check both read it)."""
        if self._zh_by_link is None:
            self._zh_by_link = ["\n".join(self.zh_text[i] for i in sorted(z)) for _, z in self.pairs]
        return self._zh_by_link

    def en_links_with(self, forms: list[str]) -> set[int]:
        """The links whose English side names one of `forms` as a whole word."""
        out = set()
        for k, (e, _) in enumerate(self.pairs):
            text = " ".join(self.en_text[i] for i in e)
            if any(re.search(rf"\b{re.escape(f)}\b", text) for f in forms if f):
                out.add(k)
        return out

    def rel_pos(self, c: Candidate, link: int) -> float:
        """Where in its paragraph of `link` a phrase is first named (0 = start, 1 = end)."""
        seg_link = self.seg_link()
        for ev in sorted(c.evidence, key=lambda e: e.start):
            if seg_link.get(ev.segment) == link:
                a, b = self.bounds[ev.segment]
                return (ev.start - a) / max(b - a, 1)
        return 0.5

    def seg_link(self) -> dict[str, int]:
        """The link each linked segment is in."""
        if self._seg_link is None:
            self._seg_link = {i: k for k, (e, z) in enumerate(self.pairs) for i in e | z}
        return self._seg_link


def pair_actors(en: list[Candidate], zh: list[Candidate]) -> tuple[list[tuple[Candidate | None, Candidate | None]], list[Candidate]]:
    """Actors of the two languages paired by canonical name or spelling; returns the pairs
    (English order, then unpaired Chinese) and the Chinese actors left unpaired."""
    pairs: list[tuple[Candidate | None, Candidate | None]] = []
    used: set[int] = set()
    for a in en:
        match = next((i for i, b in enumerate(zh) if i not in used and (a.key == b.key or norm(a.text) == norm(b.text))), None)
        if match is not None:
            used.add(match)
        pairs.append((a, zh[match] if match is not None else None))
    leftovers = [b for i, b in enumerate(zh) if i not in used]
    pairs += [(None, b) for b in leftovers]
    return pairs, leftovers


class VictimPairer:
    """The Chinese name of the English victim. Weights `pairing`."""

    def __init__(self, res: Resources, names: ChineseNames) -> None:
        self.w = res.w("pairing")
        self.names = names

    def counterpart(self, zh: View, links: Links, forms: list[str]) -> tuple[str | None, str]:
        """(Chinese name, rule) for the English victim named by `forms`, or (None, "")."""
        zh_all = zh.joined()
        keys = {norm(f) for f in forms if f}
        found = self._glossed(zh_all, keys) or self._latin(zh_all, forms)
        if found:
            return found
        if not links.pairs:
            return None, ""
        target = links.en_links_with(forms)
        if not target:
            return None, ""
        return self._aligned(zh, links, target, zh_all)

    def _glossed(self, zh_all: str, keys: set[str]) -> tuple[str, str] | None:
        """A gloss: 宏碁(Acer), 海峽子午物流（Straits Meridian Logistics）, Rheinfeld(萊茵菲爾德)."""
        for m in _HAN_GLOSSED.finditer(zh_all):
            gloss = norm(m.group(2))
            if gloss in keys or any(gloss.startswith(k) or k.startswith(gloss) for k in keys if len(k) > 3):
                return self.names.core(m.group(1), zh_all), "zh_gloss"
        for m in _LATIN_GLOSSED.finditer(zh_all):
            if norm(m.group(1)) in keys:
                return m.group(2), "zh_gloss"
        return None

    @staticmethod
    def _latin(zh_all: str, forms: list[str]) -> tuple[str, str] | None:
        """The Latin name itself inside the Chinese text (Optus, Tasman PayWorks)."""
        for f in sorted(forms, key=len, reverse=True):
            if f and re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", zh_all):
                return f, "zh_latin_name"
        return None

    def _aligned(self, zh: View, links: Links, target: set[int], zh_all: str) -> tuple[str | None, str]:
        """The Han string whose spread over aligned paragraphs matches the English name's."""
        texts = links.zh_texts_by_link()
        here = [t for k, t in enumerate(texts) if k in target]
        countries = {h.text for h in zh.hits("lexicon", "COUNTRY")}
        # Han strings of those paragraphs the text repeats or that end in an organisation word
        pool = Counter({s: n for s, n in self.names.strings(here, zh_all, repeated=True).items()
                        if s not in countries and s not in self.names.generic})
        dice, scored = self._scored(zh, pool, texts, target, zh_all)
        if not scored or max(scored)[0] < self.w["threshold"]:
            return None, ""
        if zh.explaining:
            _explain_names(zh, scored)
        name = self._shortest_form(max(scored)[2], pool, dice)
        return self.names.full_name(self.names.core(name, zh_all), zh_all), "zh_aligned_name"

    def _scored(self, zh: View, pool: Counter, texts: list[str], target: set[int], zh_all: str):
        """Each name-like string's spread over the links (Dice against the English name's links)
        and its score: (score, length, string)."""
        lexical = {h.text for label in ("DATA_TYPE", "SECTOR") for h in zh.hits("lexicon", label)}
        dice: dict[str, float] = {}
        scored = []
        for s in pool:
            if not (self.names.is_fragment(s, zh_all) or self.names.is_descriptor(s) or s in lexical):
                have = {k for k, t in enumerate(texts) if s in t}
                dice[s] = 2 * len(have & target) / (len(have) + len(target))
                scored.append((self._score(s, dice[s], zh_all), len(s), s))
        return dice, scored

    def _score(self, s: str, dice: float, zh_all: str) -> float:
        org = self.names.ends_in_org_word(s) or "" in self.names.suffix_set
        return (dice + (self.w["org_word"] if org else 0.0) + self.names.nameness(s, zh_all)
                + self.w["per_char"] * min(len(s), self.w["max_chars"]))

    def _shortest_form(self, name: str, pool: Counter, dice: dict[str, float]) -> str:
        """A string the text also uses in a shorter, more frequent form is that form plus context."""
        shorter = True
        while shorter:
            shorter = False
            for t in dice:
                if (t != name and t in name and pool[t] >= self.w["shorter_ratio"] * pool[name]
                        and dice[t] >= dice[name] - self.w["shorter_dice"]):
                    name, shorter = t, True
                    break
        return name


def _explain_names(zh: View, scored: list[tuple[float, int, str]]) -> None:
    """For --explain: the Han strings that lost to the chosen Chinese victim name."""
    ranked = sorted(scored, reverse=True)
    for score, _, s in ranked[1:6]:
        zh.reject("victim", zh.find_evidence(s, "zh_aligned_name", 0.0, limit=1), round(score, 3),
                  f"aligned-paragraph score {score:.2f} below {ranked[0][0]:.2f} for {ranked[0][2]}", text=s, lang="zh")


class TypePairer:
    """Data types of the two languages paired in list order, by category and position. Weights `type_pairing`."""

    def __init__(self, res: Resources) -> None:
        self.w = res.w("type_pairing")

    def pairs(self, links: Links, en: list[Candidate], zh: list[Candidate]) -> dict[int, int]:
        """English data type index -> Chinese index: within each paragraph link in list order,
        then across links by category, in order."""
        pairs = self._within_links(links, en, zh)
        # phrases named in different paragraphs of the two versions: same category, in order
        free_zh = [j for j in range(len(zh)) if j not in pairs.values()]
        for i in range(len(en)):
            if i not in pairs:
                j = next((j for j in free_zh if zh[j].extra["category"] == en[i].extra["category"]), None)
                if j is not None:
                    pairs[i] = j
                    free_zh.remove(j)
        return pairs

    def _within_links(self, links: Links, en: list[Candidate], zh: list[Candidate]) -> dict[int, int]:
        en_by_link, zh_by_link = _by_link(links, en), _by_link(links, zh)
        pairs: dict[int, int] = {}
        paired_zh: set[int] = set()
        for k in sorted(en_by_link.keys() & zh_by_link.keys()):
            en_ids = list(dict.fromkeys(i for _, i in sorted(en_by_link[k]) if i not in pairs))
            zh_ids = list(dict.fromkeys(j for _, j in sorted(zh_by_link[k]) if j not in paired_zh))
            for i, j in self.pair([en[i] for i in en_ids], [zh[j] for j in zh_ids],
                                  [links.rel_pos(en[i], k) for i in en_ids], [links.rel_pos(zh[j], k) for j in zh_ids]):
                pairs[en_ids[i]] = zh_ids[j]
                paired_zh.add(zh_ids[j])
        return pairs

    def cost(self, a: Candidate, b: Candidate, pa: float, pb: float) -> float:
        latin = set(_LATIN_WORDS.findall(b.text))
        if latin and latin & set(_LATIN_WORDS.findall(a.text)):
            return 0.0
        ca, cb = a.extra["category"], b.extra["category"]
        if "other" in (ca, cb):
            cost = self.w["other"]
        else:
            cost = self.w["same"] if ca == cb else self.w["different"]
        return cost + self.w["position"] * abs(pa - pb)

    def pair(self, en: list[Candidate], zh: list[Candidate], pos_en: list[float], pos_zh: list[float]) -> list[tuple[int, int]]:
        """Pair two lists of data types in order (a translation keeps a list's order), by category
        and by where in the paragraph each is named."""
        n, m = len(en), len(zh)
        if not n or not m:
            return []
        back = self._table(en, zh, pos_en, pos_zh)
        pairs = []
        i, j = n, m
        while back[i][j] is not None:
            pi, pj = back[i][j]
            if pi == i - 1 and pj == j - 1:
                pairs.append((pi, pj))
            i, j = pi, pj
        return sorted(pairs)

    def _table(self, en: list[Candidate], zh: list[Candidate], pos_en: list[float], pos_zh: list[float]) -> list:
        n, m, skip = len(en), len(zh), self.w["skip"]
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
                    steps.append((i + 1, j + 1, here + self.cost(en[i], zh[j], pos_en[i], pos_zh[j])))
                if i < n:
                    steps.append((i + 1, j, here + skip))
                if j < m:
                    steps.append((i, j + 1, here + skip))
                for a, b, c in steps:
                    if c < cost[a][b]:
                        cost[a][b], back[a][b] = c, (i, j)
        return back


def _by_link(links: Links, found: list[Candidate]) -> dict[int, list[tuple[int, int]]]:
    """(start, index) of every phrase's evidence, by the link its paragraph is in: read once,
    not once per link (a long document has thousands of links)."""
    seg_link = links.seg_link()
    table: dict[int, list[tuple[int, int]]] = {}
    for i, c in enumerate(found):
        for ev in c.evidence:
            k = seg_link.get(ev.segment)
            if k is not None:
                table.setdefault(k, []).append((ev.start, i))
    return table
