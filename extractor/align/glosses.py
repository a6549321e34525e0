"""Translators' glosses, 宏碁(Acer): a Han name carries its Latin name as an anchor, so that
a paragraph naming the company only in Han characters meets its English counterpart."""
from __future__ import annotations

import re
from dataclasses import replace

from extractor.align.features import LATIN_TOKEN, Features
from extractor.align.units import Unit, nfkc

# a translator's gloss: 宏碁(Acer), 果園徑保險（Orchard Lane Insurance）, Acer（宏碁）
_GLOSS_HAN_LATIN = re.compile(r"([\u3400-\u9fff]{2,16})\s*[（(]\s*([A-Za-z][A-Za-z0-9&.' \-]{1,60}?)\s*[)）]")
_GLOSS_LATIN_HAN = re.compile(r"([A-Za-z][A-Za-z0-9&.'\-]{1,30}(?: [A-Za-z][A-Za-z0-9&.'\-]{1,30}){0,4})\s*[（(]\s*([\u3400-\u9fff]{2,16})\s*[)）]")


def glosses(zh: list[Unit], texts: list[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Han names the Chinese text glosses with a Latin one somewhere: 宏碁 -> ("Acer",).
    `texts`: the units' texts NFKC-normalised, when the caller already has them."""
    out: dict[str, tuple[str, ...]] = {}
    for text in [nfkc(u.text) for u in zh] if texts is None else texts:
        if "(" not in text and "（" not in text:  # both patterns need one; most paragraphs have none
            continue
        for m in _GLOSS_HAN_LATIN.finditer(text):
            out.setdefault(m.group(1), tuple(LATIN_TOKEN.findall(m.group(2))))
        for m in _GLOSS_LATIN_HAN.finditer(text):
            out.setdefault(m.group(2), tuple(LATIN_TOKEN.findall(m.group(1))))
    return out


def present(texts: list[str], needles: set[str]) -> list[set[str]]:
    """For each text, which of `needles` (short strings, two characters or more) occur in it.
    One regex scan over each text finds where a needle could start (its first two characters),
    then a set lookup a needle length there: linear in the texts, however many needles there
    are, where testing each needle against each text would be quadratic in a long document that
    glosses many names. (The scan runs in C; most articles gloss nothing and skip it.)"""
    lengths = sorted({len(needle) for needle in needles if len(needle) >= 2})
    if not lengths:
        return [set() for _ in texts]
    heads = sorted({needle[:2] for needle in needles if len(needle) >= 2})
    starts = re.compile("(?=%s)" % "|".join(map(re.escape, heads)))  # zero width: overlaps too
    found: list[set[str]] = []
    for text in texts:
        here: set[str] = set()
        for m in starts.finditer(text):
            p = m.start()
            for length in lengths:
                piece = text[p : p + length]
                if len(piece) == length and piece in needles:
                    here.add(piece)
        found.append(here)
    return found


def gloss_forms(zh: list[Unit], en: list[Unit]) -> dict[str, tuple[str, ...]]:
    """The form each glossed name takes in the running text: the longest ending of the glossed Han
    run that recurs, but in no more paragraphs than the Latin name does in English (the run may
    start with a description, 台灣電腦廠商宏碁; 公司 recurs everywhere and is no name)."""
    return glossed(zh, en, [nfkc(u.text) for u in zh])[0]


def glossed(zh: list[Unit], en: list[Unit], zh_texts: list[str]) -> tuple[dict[str, tuple[str, ...]], list[set[str]]]:
    """gloss_forms, and for each Chinese text the forms it contains (as present would say:
    every form is one of the endings looked for here, so one scan of the texts serves both)."""
    found = glosses(zh, zh_texts)
    if not found:  # most articles
        return {}, [set() for _ in zh_texts]
    en_df: dict[str, int] = {}  # English units carrying each lower-cased Latin token
    for u in en:
        for token in {t.lower() for t in LATIN_TOKEN.findall(u.text)}:
            en_df[token] = en_df.get(token, 0) + 1
    endings = {run[-n:] for run in found for n in range(2, len(run) + 1)}
    spread: dict[str, int] = {}  # Chinese units containing each ending
    here_all = present(zh_texts, endings)
    for here in here_all:
        for ending in here:
            spread[ending] = spread.get(ending, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for run, latin in found.items():
        if not latin:
            continue
        limit = en_df.get(latin[0].lower(), 0) + 1
        form = run
        for n in range(len(run), 1, -1):
            if 2 <= spread.get(run[-n:], 0) <= limit:
                form = run[-n:]
                break
        out.setdefault(form, latin)
    return out, [here & out.keys() for here in here_all]


def with_glosses(f: Features, names: set[str], forms: dict[str, tuple[str, ...]]) -> Features:
    """A Chinese unit that names a glossed organisation only in Han characters carries its Latin
    name as an anchor too: 宏碁 in one paragraph meets Acer in its English counterpart.
    `names`: the glossed Han names the unit's text contains (see present); `forms`: gloss_forms."""
    extra = tuple(t for han in sorted(names) for t in forms[han] if t not in f.tokens)
    return replace(f, tokens=f.tokens + extra) if extra else f
