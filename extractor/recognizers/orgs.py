"""Organisations other than the victim and the attackers, named in one language.

Their sentences speak about them, not about the incident: "Caesars reportedly paid", "JD
Sports lost data". The quantity and verdict recognisers lower or drop cues that follow such a
name. Places and the outlets that report the story (`OUTLET` cues, 《…》 titles) are not parties.
"""
from __future__ import annotations

import re

from extractor.recognizers.names_en import NameMemo
from extractor.view import View

_NOT_WORD = re.compile(r"[\W_]+")
_TITLE = re.compile(r"《([^》]{1,40})》")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,3}")
#: shorter normalised names are too short to tell apart
_MIN_NAME = 4


def norm(s: str) -> str:
    """A name compared without case, spaces or punctuation."""
    return _NOT_WORD.sub("", s.casefold())


def other_orgs(view: View | None, memo: NameMemo, victim_forms: dict[str, list[str]],
               actor_names: list[str]) -> list[str]:
    """The other organisations `view`'s language names, in text order."""
    if view is None:
        return []
    victims = {norm(v) for forms in victim_forms.values() for v in forms if v}
    skip = _not_parties(view, actor_names)
    names: list[str] = []
    for p in view.paragraphs:
        for start, _, name in _names_in(view, memo, p.text):
            if view.lang == "en" and _sentence_opener(name, start, p.text):
                continue  # "Files on the shared drives ...": a capitalised first word, not a name
            n = norm(name)
            if (len(n) >= _MIN_NAME and n not in skip and name not in names
                    and not any(n in v or v in n for v in victims)):
                names.append(name)
    return names


def _not_parties(view: View, actor_names: list[str]) -> set[str]:
    """The actors, places, and the outlets that report the story ("according to X", 據《X》報道)."""
    skip = {norm(a) for a in actor_names}
    skip |= {norm(h.text) for h in view.hits("lexicon", "COUNTRY")}
    skip |= {norm(h.text) for h in view.hits("cues", "OUTLET")}
    skip |= {norm(m.group(1)) for p in view.paragraphs for m in _TITLE.finditer(p.text)}
    return skip


def _names_in(view: View, memo: NameMemo, text: str):
    if view.lang == "en":
        return memo.org_spans(text)
    return ((m.start(), m.end(), m.group()) for m in _LATIN_NAME.finditer(text))


def _sentence_opener(name: str, start: int, text: str) -> bool:
    """A one-word name that opens the paragraph or a sentence."""
    return " " not in name and (start == 0 or text[max(0, start - 2):start] in (". ", "\n"))
