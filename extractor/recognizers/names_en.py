"""English organisation names: capitalised word runs, cleaned, and told apart from people.

The raw material of the English victim and of "other organisations": `org_spans` reads a
paragraph once per article (the article's `EnglishNames` remembers it).
"""
from __future__ import annotations

import re
from typing import Iterator

from extractor.lexicon import countries
from extractor.resources import Resources
from extractor.view import View

#: a capitalised word; a plural possessive before another capitalised word stays in the name
#: ("Doctors’ Management Services")
_CAPITALISED = r"[A-Z][A-Za-z0-9&'’\-]*[A-Za-z0-9](?:(?<=s)['’](?= [A-Z]))?|[A-Z]"
#: "Registration and Electoral Office (REO)": a name defined with its acronym
_ACRONYM_AFTER = re.compile(r" ?\(([A-Z][A-Za-z&]{1,9})\)")
#: "Passengers of Cathay" is two things, "University of Toronto" one (see EnglishNames._split):
#: the English words that join two names, tried in this order
_SPLITS = (" of ", " and ")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
_POSSESSOR_BEFORE_NAME = re.compile(r"((?:[A-Z][A-Za-z]+ ){0,2}[A-Za-z]+)(?:'s|’s) ([A-Z].*)$")
#: "Taiwan's Fuyuan Securities", "Hong Kong's Department of Health": a place owns the name; in
#: "St Aidan's Hospital" or "King's College" the possessive is part of it


class EnglishNames:
    """Name rules built from the `name_*`, `org_*` and `calendar` lists; one per process.

    `org_spans(text)` is a pure function of the paragraph; call it through an article's
    `NameMemo` so that repeated questions about one paragraph are answered once.
    """

    def __init__(self, res: Resources) -> None:
        self.stop = res.list("name_stop")
        self.months = res.list("calendar")
        self.org_heads = res.list("org_head")  # words that head a name across "of" / "and"
        self.org_words = self.org_heads | res.list("org_word")  # make a name an organisation
        self.generic = res.list("generic_org")
        #: places that may own a name by a possessive (lower case): cities, regions, countries
        self.places = frozenset(w.lower() for w in res.list("place_en")) | frozenset(
            c.phrase.lower() for c in countries(scripts=False) if c.lang == "en")
        self.tail = res.list("name_tail")
        joiners = res.alternation("name_joiner")
        self.run = re.compile(rf"(?<![A-Za-z0-9])(?:{_CAPITALISED})(?:(?: (?:{joiners}) | )(?:{_CAPITALISED})){{0,5}}")
        self.role_after = re.compile(rf",? (?:(?:{res.alternation('determiner')}|[A-Z][a-z]+'s|[A-Z][A-Za-z]+)\b[^.,;]*)?$")
        w = res.w("names_en")
        self.role_before_reach, self.role_after_reach = w["role_before_reach"], w["role_after_reach"]

    def clean(self, name: str) -> str:
        name = name.strip(" .,;:'\"’”“()")
        if "'" in name or "’" in name:  # both patterns need one
            name = _POSSESSIVE_END.sub("", name)
            m = _POSSESSOR_BEFORE_NAME.match(name)
            if m and m.group(1).lower() in self.places:
                name = m.group(2)  # "Taiwan's Fuyuan Securities"
        words = name.split()
        while words and words[0].lower() in self.stop:
            words.pop(0)
        while words and words[-1].lower() in self.tail:
            words.pop()
        return " ".join(words)

    def is_name_like(self, name: str) -> bool:
        if len(name) < 2 or not name[0].isupper() and not name[0].isdigit():
            return False
        words = name.split()
        if all(w.lower() in self.stop or w.lower() in self.months for w in words):
            return False
        return not name.isdigit()

    def org_spans(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Capitalised word sequences, cleaned: (start, end, name) with offsets into text."""
        return tuple(self._org_spans(text))

    def _org_spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        for m in self.run.finditer(text):
            acronym = _ACRONYM_AFTER.match(text, m.end())
            whole = acronym is not None and initials(self.clean(m.group())) == acronym.group(1).upper()
            for start, raw in ([(m.start(), m.group())] if whole else self._split(m.start(), m.group())):
                name = self.clean(raw)
                if name and self.is_name_like(name):
                    offset = start + raw.find(name)
                    yield offset, offset + len(name), name

    def acronyms(self, text: str) -> dict[str, str]:
        """Acronyms the text defines: "Registration and Electoral Office (REO)" -> {"REO": ...}."""
        found = {}
        for m in self.run.finditer(text):
            acronym = _ACRONYM_AFTER.match(text, m.end())
            name = self.clean(m.group()) if acronym else ""
            if name and initials(name) == acronym.group(1).upper():
                found[acronym.group(1)] = name
        return found

    def _split(self, start: int, raw: str) -> list[tuple[int, str]]:
        """"Passengers of Cathay" is two things; "University of Toronto" is one."""
        pieces = [(start, raw)]
        for sep in _SPLITS:
            split = []
            for at, piece in pieces:
                left, found, right = piece.partition(sep)
                if found and left.split()[-1].lower() not in self.org_heads:
                    split += [(at, left), (at + len(left) + len(sep), right)]
                else:
                    split.append((at, piece))
            pieces = split
        return pieces

    def is_person(self, name: str, mentions: list, view: View) -> bool:
        """A personal name: two or three words, no organisation word, a role right beside it
        ("chief executive Lin Cheng-hao", "Helen Marsh, the trust's medical director")."""
        words = name.split()
        if not 2 <= len(words) <= 3 or any(w.lower().strip(".,") in self.org_words for w in words):
            return False
        for seg, a, b, text in mentions:
            if text != name:
                continue
            para = view.paragraphs[view.order[seg.id]]
            for cue in view.spans(seg, "cues", "PERSON_ROLE"):
                before = 0 <= a - cue.end_char <= self.role_before_reach
                after = (0 <= cue.start_char - b <= self.role_after_reach
                         and self.role_after.match(para.text[b:cue.start_char]))
                if before or after:
                    return True
        return False


def initials(name: str) -> str:
    """The capitals an acronym of `name` would have: Registration and Electoral Office -> REO,
    National Health Service -> NHS (lower-case joining words count only when the acronym has them)."""
    words = [w for w in re.split(r"[ \-]", name) if w]
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return capitals.upper()


class NameMemo:
    """One article's answers to `EnglishNames.org_spans`, by paragraph text."""

    def __init__(self, names: EnglishNames) -> None:
        self.names = names
        self._spans: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._acronyms: dict[str, dict[str, str]] = {}

    def acronyms(self, text: str) -> dict[str, str]:
        found = self._acronyms.get(text)
        if found is None:
            found = self._acronyms[text] = self.names.acronyms(text)
        return found

    def org_spans(self, text: str) -> tuple[tuple[int, int, str], ...]:
        found = self._spans.get(text)
        if found is None:
            found = self._spans[text] = self.names.org_spans(text)
        return found
