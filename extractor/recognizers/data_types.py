"""Data types: the kinds of data an article says were stolen or exposed.

Two sources: phrases of the data-type lexicon (`DATA_TYPE` spans, each with a category) in a
sentence about theft, and the items of a list after a list cue ("include", "such as", 包括, ：)
whose last word is a data head (records, numbers, 資料, 號碼). Data said not to be affected
("card data was not accessed", 信用卡資料沒有外洩) is left out, and general words ("patient
data") give way once specific kinds are listed.
"""
from __future__ import annotations

import re
from collections import defaultdict

from extractor.lexicon import data_types
from extractor.recognizers.scope import Scope
from extractor.resources import DataHeads, Resources
from extractor.view import Candidate, Evidence, Hit, Paragraph, View

_QUOTES = set("\"“'‘「『")
_EN_POSSESSOR = re.compile(r"^[A-Za-z]+(?:'s|s'|’s|s’) ")
_DIGIT = re.compile(r"[0-9]")
_ZH_DIGIT = re.compile(r"[0-9０-９]")
_ZH_ITEM = re.compile(r"[\u3400-\u9fffA-Za-z]+")
_LATIN_LOWER = re.compile("[a-z]")
#: a cue word right after a determiner is a participle or a noun ("the leaked details", "a listing")
#: a count before a Chinese item (數百萬個, 3萬筆)
_ZH_QUANTITY_LEAD = re.compile(r"^[數幾多逾約近]?[0-9０-９一二三四五六七八九十兩百千萬億,.]{1,12}"
                               r"\s*(?:[個名筆份條項組位宗]|[A-Za-z]{1,3}(?![A-Za-z])|兆位元組|位元組)?")
_QUOTE_INSIDE = re.compile("[\"“”‘’「」『』]")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|these|those|its|their|this|that)\s+$", re.I)
#: punctuation that opens a list in either language
_LIST_MARKS = {"en": (":", "—", "–"), "zh": ("：", ":", "——")}


class DataTypeRecognizer:
    """Weights `data_types`; lists `list_cue_*` (words that open a list of data), `list_joiner_*`,
    `item_lead_*` / `item_tail_*` (words trimmed from an item), `list_stop_*` (where a list ends);
    data_heads.tsv (what ends an item)."""

    field = "data_types"

    def __init__(self, res: Resources, scope: Scope) -> None:
        self.w = res.w("data_types")
        self.scope = scope
        self.heads: DataHeads = res.heads
        self.ing_nouns = res.list("ing_noun")
        self.breakers = res.list("item_breaker_zh")
        en_cues = res.list("list_cue_en")
        # the look-ahead on the characters a cue can begin with changes no match: it only lets
        # the search pass over the other positions without trying every word there
        starts = "".join(sorted({w[0].lower() for w in en_cues} | {m[0] for m in _LIST_MARKS["en"]}))
        self.cue = {
            "en": re.compile(rf"(?=[{re.escape(starts)}])(?:\b(?:{res.alternation('list_cue_en')})\b|"
                             + "|".join(map(re.escape, _LIST_MARKS["en"])) + ")", re.I),
            "zh": re.compile(res.alternation("list_cue_zh") + "|" + "|".join(map(re.escape, _LIST_MARKS["zh"]))),
        }
        self.split = {"en": re.compile(rf",? (?:{res.alternation('list_joiner_en')}) |, |; "),
                      "zh": re.compile(rf"、|，|,|{res.alternation('list_joiner_zh')}|；")}
        self.en_lead = re.compile(rf"^(?:(?:{res.alternation('item_lead_en')})\s+)+", re.I)
        self.en_tail = re.compile(rf"\s+(?:{res.alternation('item_tail_en')})\b.*$", re.I)
        self.en_tail_but_of = re.compile(rf"\s+(?:{'|'.join(map(re.escape, sorted(res.list('item_tail_en') - {'of'}, key=lambda w: (-len(w), w))))})\b.*$", re.I)
        self.open_stop = res.list("item_lead_en") | res.list("item_tail_en") | res.list("name_stop")
        self.known = {lang: frozenset(t.phrase.lower() if lang == "en" else t.phrase for t in data_types(scripts=False)
                                      if t.lang == lang) for lang in ("en", "zh")}
        self.coordinator = {"en": re.compile(r"and|or"), "zh": re.compile("及|和|與|与")}
        self.not_data_en = res.list("not_data_en")
        self.not_data_zh = tuple(sorted(res.list("not_data_zh"), key=len, reverse=True))
        self.zh_general_tail = tuple(sorted(res.list("general_tail_zh"), key=len, reverse=True))
        self.zh_lead = re.compile(rf"^(?:{res.alternation('item_lead_zh')})+")
        self.zh_tail = re.compile(rf"(?:{res.alternation('item_tail_zh')})$")
        self.zh_cut = "".join(sorted(res.list("item_cut_zh")))
        self.stop = re.compile(
            rf"[。；;]|\. |, (?:{res.alternation('list_stop_en')})|, (?:{res.alternation('list_stop_article_en')}) |"
            rf"(?:，|,)(?:{res.alternation('list_stop_zh')})| — | – |\(|（")

    def candidates(self, view: View) -> list[Candidate]:
        """Kinds of data said to be stolen or exposed, in the order the article first names them."""
        found: dict[str, Candidate] = {}
        lexicon_spans = self._from_lexicon(view, found)
        for hit, start, end, item in self.list_items(view):
            neg = view.cues_in(hit, "NOT_AFFECTED")
            if neg and self.scope.negation_covers(hit, neg, start - hit.seg.start):
                continue
            inner = [(b - a, cat) for a, b, cat in lexicon_spans if start <= a and b <= end]
            category = max(inner)[1] if inner else "other"
            ev = Evidence(view.lang, hit.seg.id, start, end, item, hit.sent_text.strip(), f"{view.lang}_data_list_item",
                          self.w["list_item"])
            _add_type(found, item, ev, category)
        out = _drop_nested_mentions(found)
        umbrella, owners = self.heads.umbrella[view.lang], self.heads.owners[view.lang]
        specific = [c for c in out if _without_owner(c.key, owners, view.lang) not in umbrella]
        if specific:
            out = specific  # "patient data", 會員資料: only a general word once specific kinds are listed
        out = _merge_owned(out, owners, view.lang)
        out = _merge_nested(out, view.lang)
        out.sort(key=lambda c: c.evidence[0].start)
        return out

    def _from_lexicon(self, view: View, found: dict[str, Candidate]) -> list[tuple[int, int, str]]:
        """Lexicon phrases in a sentence about theft; returns every lexicon span (start, end, category)."""
        lexicon_spans: list[tuple[int, int, str]] = []
        for hit in view.hits("lexicon", "DATA_TYPE"):
            lexicon_spans.append((hit.start, hit.end, hit.span.id_))
            if not view.cues_in(hit, "THEFT"):
                continue
            if view.lang == "en" and len(hit.span) == 1 and not _in_list(view, hit):
                continue  # "to address", "a name": one generic word needs a list around it
            neg = view.cues_in(hit, "NOT_AFFECTED")
            if (neg and self.scope.negation_covers(hit, neg)) or self.scope.advice(hit) or self.scope.negated(hit):
                continue
            _add_type(found, hit.text, hit.evidence(view.lang, "lexicon_data_type", self.w["lexicon"]), hit.span.id_)
        return lexicon_spans

    def list_items(self, view: View) -> list[tuple[Hit, int, int, str]]:
        """Items of a list of leaked data: (sentence hit, start, end, text), offsets absolute.

        A list counts in a sentence about theft or exposure, or when two or more of its items
        end in a data word ("The files include student names, home addresses and ...").
        """
        out = []
        for p in view.paragraphs:
            for sent in p.sents:
                text = p.slice(sent)
                if text.lstrip()[:1] in _QUOTES:
                    continue  # a quoted expert speaks in general terms
                found = self._sentence_items(view, p, sent, text)
                if found and (len({f[3] for f in found}) >= 2 or view.cues_in(found[0][0], "THEFT")):
                    out.extend(found)
        return out

    def _sentence_items(self, view: View, p: Paragraph, sent, text: str) -> list[tuple[Hit, int, int, str]]:
        hit = Hit(p, sent)
        if self.scope.advice(hit):
            return []  # "users are urged to change passwords", 公署呼籲…考慮更改密碼
        groups = [(s.start_char - sent.start_char, s.end_char - sent.start_char) for s in view.spans_in(hit, "lexicon", "GROUP")]
        found = []
        for cue in self.cue[view.lang].finditer(text):
            if view.lang == "en" and _DETERMINER_BEFORE.search(text, max(0, cue.start() - 8), cue.start()):
                continue  # "the leaked details", "a listing": a participle or a noun, not a list
            for start, item in self._region_items(text, cue.end(), view.lang):
                if any(a < start + len(item) and start < b for a, b in groups):
                    continue  # "Akira claims ...": the group, not a kind of data
                if self.scope.negated(hit, sent.start_char + start):
                    continue
                offset = sent.start_char + start
                found.append((hit, p.seg.start + offset, p.seg.start + offset + len(item), item))
        return found

    def _region_items(self, text: str, region_start: int, lang: str) -> list[tuple[int, str]]:
        """The items of the list after a cue: (start in text, item). Items the data heads know
        make the list; once most items are known kinds of data, the others count too ("names,
        gender and meal preferences"): an open list."""
        region = text[region_start:]
        stop = self.stop.search(region)
        if stop:
            region = region[:stop.start()]
        strict, loose = [], []
        for pos, piece in self._pieces(region, lang):
            item = self.clean_item(piece, lang)
            if item:
                strict.append((region_start + pos + piece.find(item), item))
            else:
                other = self.open_item(piece, lang)
                if other:
                    loose.append((region_start + pos + piece.find(other), other))
        if len(strict) >= self.w["open_list_known"] and len(loose) <= len(strict):
            return sorted(strict + loose)
        return strict

    def _pieces(self, region: str, lang: str) -> list[tuple[int, str]]:
        """The list's pieces (offset in region, text). A lone word joined by "and" / 及 to an item
        that ends in a data head shares that head: "business and home addresses", 科務及學務文件."""
        pieces: list[tuple[int, str]] = []
        pos = 0
        joined_next = False
        for m in [*self.split[lang].finditer(region), None]:
            end = m.start() if m else len(region)
            if joined_next and pieces:
                start, _ = pieces.pop()
                pieces.append((start, region[start:end]))
            else:
                pieces.append((pos, region[pos:end]))
            joined_next = m is not None and self._shares_head(region[pieces[-1][0]:end], m.group(), region[m.end():], lang)
            pos = m.end() if m else len(region)
        return pieces

    def _shares_head(self, piece: str, joiner: str, rest: str, lang: str) -> bool:
        if not self.coordinator[lang].fullmatch(joiner.strip(" ,")):
            return False
        words = piece.split()
        if lang == "en":
            return (len(words) == 1 and words[0][:1].islower() and not piece.lower().endswith(self.heads.heads["en"])
                    and words[0].lower() not in self.open_stop)
        short = piece.strip()
        return (1 <= len(short) <= 3 and _ZH_ITEM.fullmatch(short) is not None and short not in self.known["zh"]
                and short not in self.heads.owners["zh"] and not short.endswith(self.heads.heads["zh"]))

    def clean_item(self, piece: str, lang: str) -> str | None:
        """The data-type phrase a list item names, or None when it names none."""
        piece = self._trim(piece, lang)
        item = self._clean_en(piece) if lang == "en" else self._clean_zh(piece)
        return self._shorten(item, lang) if item else None

    def open_item(self, piece: str, lang: str) -> str | None:
        """A short noun phrase in a list of data whose head the data heads do not know
        (gender, meal preferences, 車主名稱): a kind of data of category `other`."""
        piece = self._trim(piece, lang)
        item = self._open_en(piece) if lang == "en" else self._open_zh(piece)
        return self._shorten(item, lang) if item else None

    def _open_en(self, piece: str) -> str | None:
        piece = _EN_POSSESSOR.sub("", self.en_tail.sub("", self.en_lead.sub("", piece)).strip(" .,"))
        if _QUOTE_INSIDE.search(piece):
            return None
        words = piece.split()
        if not 1 <= len(words) <= self.w["max_open_words_en"] or _DIGIT.search(piece):
            return None
        if not all(w[:1].islower() or w.isupper() or w[:-1].isupper() for w in words):
            return None  # a capitalised word: a name, not a kind of data (NDAs and NHS pass)
        first, last = words[0].lower(), words[-1].lower()
        if first in self.open_stop or last in self.open_stop or last in self.not_data_en or last in self.heads.owners["en"]:
            return None
        return piece

    def _open_zh(self, piece: str) -> str | None:
        piece = self.zh_tail.sub("", self.zh_lead.sub("", piece)).strip()
        if not self.w["min_open_chars_zh"] <= len(piece) <= self.w["max_open_chars_zh"] or not _ZH_ITEM.fullmatch(piece):
            return None
        if _ZH_DIGIT.search(piece) or any(c in self.zh_cut or c in self.breakers for c in piece):
            return None  # 大廈名單載於附件: a clause, not a kind of data
        if piece.endswith(self.not_data_zh) or piece in self.heads.owners["zh"] or self._owned_umbrella(piece):
            return None
        return piece

    def _trim(self, piece: str, lang: str) -> str:
        piece = piece.strip(" .,'\"“”‘’「」『』")
        if lang == "zh":
            piece = _ZH_QUANTITY_LEAD.sub("", piece)  # 數百萬個信用卡號碼
        cues = list(self.cue[lang].finditer(piece))
        return piece[cues[-1].end():].strip() if cues else piece

    def _shorten(self, item: str, lang: str) -> str:
        """The shortest form that still names the kind of data: without an owner word when what
        is left is a known kind (學生姓名 -> 姓名, patient names -> names), or without a trailing
        general word when what is left ends in a data head (病歷資料 -> 病歷)."""
        owners, umbrella = self.heads.owners[lang], self.heads.umbrella[lang]
        key = item.lower() if lang == "en" else item
        short = None if key in self.known[lang] else _owned_form(key, owners, lang)
        if short and short not in umbrella and short in self.known[lang]:  # 居民登錄號碼 stays one term
            item = item[len(item) - len(short):]
        if lang == "zh" and not any(item.endswith(u) and len(u) > 2 for u in umbrella):
            for word in self.zh_general_tail:
                rest = item[:-len(word)]
                if item.endswith(word) and len(rest) >= 2 and rest.endswith(self.heads.heads["zh"]) and rest not in umbrella:
                    return rest
        return item

    def _clean_en(self, piece: str) -> str | None:
        piece = self.en_lead.sub("", piece)
        # "dates of birth", "descriptions of blood tests": keep the "of" phrase when it ends in a head
        whole = self.en_tail_but_of.sub("", piece).strip(" .,")
        piece = whole if whole.lower().endswith(self.heads.heads["en"]) else self.en_tail.sub("", piece).strip(" .,")
        piece = _EN_POSSESSOR.sub("", piece)  # "residents' identity card numbers"
        words = piece.split()
        if not 1 <= len(words) <= self.w["max_item_words_en"] or _DIGIT.search(piece) or not words[-1][:1].islower():
            return None
        if words[0].lower().endswith("ing") and words[0].lower() not in self.ing_nouns:
            return None  # "encrypting victims' files" is an action, not a kind of data
        if not piece.lower().endswith(self.heads.heads["en"]):  # one call tries every head
            return None
        if len(words) == 1 and piece.lower() in self.heads.umbrella["en"]:
            return None
        return piece

    def _clean_zh(self, piece: str) -> str | None:
        cut = max(piece.rfind(c) for c in self.zh_cut)
        if cut >= 0:
            piece = piece[cut + 1:]
        piece = self.zh_tail.sub("", self.zh_lead.sub("", piece)).strip()
        if (not self.w["min_item_chars_zh"] <= len(piece) <= self.w["max_item_chars_zh"]
                or _ZH_DIGIT.search(piece) or not _ZH_ITEM.fullmatch(piece)):
            return None
        if piece in self.known["zh"]:
            return piece  # the lexicon's kinds of data are items whatever their last word (住址)
        if not piece.endswith(self.heads.heads["zh"]) or piece in self.heads.umbrella["zh"] and len(piece) <= 2:
            return None
        return None if self._owned_umbrella(piece) else piece

    def _owned_umbrella(self, piece: str) -> bool:
        """終端用戶資料, 員工個人資料: whose data, not a kind of data."""
        return any(piece.endswith(u) and len(u) >= 3 and piece != u for u in self.heads.umbrella["zh"])


def _drop_nested_mentions(found: dict[str, Candidate]) -> list[Candidate]:
    """A phrase inside a longer found phrase ("records" in "medical records") is the same mention
    (offsets are the article's, so only spans of one paragraph can nest: compare within it)."""
    spans_in: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for o in found.values():
        for e in o.evidence:
            spans_in[e.segment].append((e.start, e.end, o.key))
    out = []
    for c in found.values():
        c.evidence = [e for e in c.evidence if not any(
            key != c.key and a <= e.start and e.end <= b and b - a > e.end - e.start for a, b, key in spans_in[e.segment])]
        if c.evidence:
            out.append(c)
    return out


def _without_owner(key: str, owners: frozenset[str], lang: str) -> str:
    short = _owned_form(key, owners, lang)
    return short if short else key


def _owned_form(key: str, owners: frozenset[str], lang: str) -> str | None:
    """"student names" -> "names", 會員資料 -> 資料: the phrase without its owner word, if it has one."""
    if lang == "en":
        first, _, rest = key.partition(" ")
        return rest if first in owners and rest else None
    owner = next((o for o in owners if key.startswith(o) and len(key) - len(o) >= 2), None)
    return key[len(owner):] if owner else None


def _merge_nested(cands: list[Candidate], lang: str) -> list[Candidate]:
    """"Hong Kong identity card numbers" and "identity card numbers", same kind: keep the shorter."""
    out = []
    for c in cands:
        shorter = [o for o in cands if o is not c and _nests(c.key, o.key, lang)
                   and (o.extra["category"] == c.extra["category"] or _general_tail(c.key, o.key, lang))]
        if shorter:
            target = min(shorter, key=lambda o: len(o.key))
            target.evidence.extend(c.evidence)
            continue
        out.append(c)
    return out


def _nests(key: str, other: str, lang: str) -> bool:
    """`other` is `key` without words before it (Hong Kong identity card numbers), or, in Chinese,
    without a general word after it (病歷資料 is 病歷)."""
    if lang == "en":
        return key.endswith(" " + other)
    return ((key.endswith(other) and len(other) >= 2 and not _LATIN_LOWER.search(key[:-len(other)]))
            or _general_tail(key, other, lang))


def _general_tail(key: str, other: str, lang: str) -> bool:
    return lang == "zh" and len(other) >= 2 and key.startswith(other) and key[len(other):] in _GENERAL_TAIL


#: general words after a Chinese kind of data that add nothing to it
_GENERAL_TAIL = frozenset({"資料", "數據", "資訊", "资料", "数据", "资讯"})


def _merge_owned(cands: list[Candidate], owners: frozenset[str], lang: str) -> list[Candidate]:
    """"student names" and "names" are one kind of data: keep the shorter name, all the evidence."""
    by_key = {c.key: c for c in cands}
    out = []
    for c in cands:
        short = _owned_form(c.key, owners, lang)
        if short and short in by_key and short != c.key:
            by_key[short].evidence.extend(c.evidence)
            continue
        out.append(c)
    return out


def _add_type(found: dict[str, Candidate], text: str, ev: Evidence, category: str) -> None:
    key = text.lower()
    cand = found.get(key)
    if cand is None:
        found[key] = Candidate(key, text, ev.score, [ev], {"category": category})
    else:
        if all((e.start, e.end) != (ev.start, ev.end) for e in cand.evidence):
            cand.evidence.append(ev)
        if cand.extra["category"] == "other":
            cand.extra["category"] = category


def _in_list(view: View, hit: Hit) -> bool:
    others = [s for s in view.spans_in(hit, "lexicon", "DATA_TYPE")
              if s.end_char <= hit.span.start_char or s.start_char >= hit.span.end_char]
    return bool(others) and not hit.para.text[:hit.span.start_char].rstrip().lower().endswith(" to")
