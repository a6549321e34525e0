"""text -> segments: paragraphs (or sentences of mixed paragraphs), each labelled by language.

Routing is by script first. langdetect is consulted only for Latin-script text, where it is
reliable; on Han text it says Korean and on short strings Vietnamese or Romanian.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import word_lists
from extractor.script import chinese_variant, han_share

#: a line counts as Chinese when at least this share of its letters is Han (the scorer's rule)
HAN_THRESHOLD = 0.2
#: Latin text shorter than this many letters is too short for langdetect: take it as English
MIN_DETECT_LETTERS = 40
MIN_DETECT_WORDS = 12
#: a paragraph longer than this is cut into several segments at sentence ends (well under
#: spaCy's nlp.max_length of 1,000,000 characters, and short enough that per-sentence look-ups
#: in a huge unpunctuated paragraph stay cheap)
MAX_SEGMENT_CHARS = 20_000

_SENTENCE_END = re.compile(r"(?:[。！？；]|[.!?](?=\s|$|[\u3400-\u9fff]))[」』”’\")）]*")
_HEADING_END = re.compile(r"[.。!！?？:：;；,，][」』”’\")）]*$")


@dataclass(frozen=True)
class Segment:
    id: str
    lang: str  # en | zh-Hant | zh-Hans | other
    start: int
    end: int
    kind: str  # heading | paragraph | sentence

    @property
    def family(self) -> str:
        """'en', 'zh' or 'other': the pipeline that reads this segment."""
        return "zh" if self.lang.startswith("zh") else self.lang


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
    return out


def _blocks(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join hard-wrapped lines: consecutive lines whose predecessor does not end a sentence.

    A file with one paragraph per line never has such runs; a wrapped text has them inside
    blank-line blocks only, so lines are joined only when no blank line separates them.
    """
    out: list[tuple[int, int]] = []
    if not re.search(r"\n[ \t\r]*\n", text):
        return list(lines)
    for start, end in lines:
        if out:
            pstart, pend = out[-1]
            gap = text[pend:start]
            prev = text[pstart:pend]
            wrapped = gap.count("\n") == 1 and not _HEADING_END.search(prev) and len(prev) > 60
            if wrapped and _lang_family(prev) == _lang_family(text[start:end]):
                out[-1] = (pstart, end)
                continue
        out.append((start, end))
    return out


def _lang_family(text: str) -> str:
    return "zh" if han_share(text) >= HAN_THRESHOLD else "latin"


#: a Latin paragraph where at least this share of the words are English function words
#: (the list `function_word` in models/data/words.tsv) is English without asking langdetect
#: (which costs ~0.4 s to load and ~8 ms a paragraph)
ENGLISH_SHARE = 0.2


@cache
def english_function_words() -> frozenset[str]:
    """The word list `function_word` (models/data/lists.tsv, words.tsv)."""
    return word_lists()["function_word"]


@cache
def _detector_factory():
    """langdetect's language profiles, loaded once (read-only after): each detection makes its
    own detector from them, seeded, so results are the same in any order and any thread."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def latin_lang(text: str) -> str:
    """'en' or 'other' for a Latin-script text."""
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_DETECT_LETTERS:
        return "en"
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) < MIN_DETECT_WORDS:
        return "en"  # headlines: too short for langdetect, which calls them Romanian or Vietnamese
    function_words = english_function_words()
    if sum(w in function_words for w in words) / len(words) >= ENGLISH_SHARE:
        return "en"
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException:
        return "en"
    return "other" if best.lang != "en" and best.prob >= 0.9 else "en"


def label(text: str, share: float | None = None, known: dict[str, str] | None = None) -> str:
    """Language label of one piece of text: en, zh-Hant, zh-Hans or other. `share`: its
    han_share, when the caller has it already; `known`: latin_lang's answers so far, for a
    caller that may ask about the same text twice (langdetect is slow)."""
    if (han_share(text) if share is None else share) >= HAN_THRESHOLD:
        return chinese_variant(text)
    if not any(c.isalpha() for c in text):
        return "en"
    if known is None:
        return latin_lang(text)
    if text not in known:
        known[text] = latin_lang(text)
    return known[text]


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets), trimmed; ends are `. ! ?` and `。！？；`."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    spans = []
    for a, b in out:
        piece = text[a:b]
        if piece.strip():
            a2 = a + len(piece) - len(piece.lstrip())
            spans.append((offset + a2, offset + a2 + len(piece.strip())))
    return spans


def _is_heading(piece: str, share: float | None = None) -> bool:
    words = len(piece.split()) if (han_share(piece) if share is None else share) < HAN_THRESHOLD else len(piece) / 2
    return words <= 14 and not _HEADING_END.search(piece)


def split_long(text: str, start: int, end: int, limit: int = MAX_SEGMENT_CHARS) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans of at most `limit` characters, at sentence ends if possible.

    Sentences are packed greedily; a sentence longer than `limit` is cut at its last whitespace
    before the limit, or hard at the limit when it has none (a 1 MB line of Chinese without
    punctuation). Offsets stay those of `text`; the spans are trimmed and cover every
    non-blank character.
    """
    if end - start <= limit:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    for a, b in sentences(text[start:end], start):
        while b - a > limit:
            cut = a + limit
            space = max(text.rfind(" ", a + 1, cut), text.rfind("\t", a + 1, cut))
            cut = space if space > a + limit // 2 else cut
            pieces.append((a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if a < b:
            pieces.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and b - out[-1][0] <= limit:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return [(a, b - len(text[a:b]) + len(text[a:b].rstrip())) for a, b in out]


_Piece = tuple[int, int, str, str]  # start, end, language label, kind


def segment(text: str) -> list[Segment]:
    """Split into paragraphs; a paragraph mixing English and Chinese sentences is split by sentence."""
    known: dict[str, str] = {}  # latin_lang's answers: a mixed paragraph's sentences are labelled twice
    pieces = [piece for start, end in _blocks(text, _lines(text)) for piece in _block(text, start, end, known)]
    pieces = _one_variant(text, pieces)
    pieces = [(a2, b2, lang, kind) for a, b, lang, kind in pieces for a2, b2 in split_long(text, a, b)]
    return [Segment(f"p{i}", lang, a, b, kind) for i, (a, b, lang, kind) in enumerate(pieces)]


def _block(text: str, start: int, end: int, known: dict[str, str]) -> list[_Piece]:
    """One block as one piece, or as its sentences when it mixes English and Chinese ones."""
    para = text[start:end]
    share = han_share(para)
    sents = sentences(para, start) if 0.0 < share < 1.0 else []
    shares = [han_share(text[a:b]) for a, b in sents]
    # a Chinese sentence's family needs no script variant: labels only if the paragraph is split
    families = {"zh" if s >= HAN_THRESHOLD else label(text[a:b], s, known)[:2] for (a, b), s in zip(sents, shares)}
    if len(sents) > 1 and "en" in families and "zh" in families:
        return [(a, b, label(text[a:b], s, known), "sentence") for (a, b), s in zip(sents, shares)]
    return [(start, end, label(para, share, known), "heading" if _is_heading(para, share) else "paragraph")]


def _one_variant(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """A Chinese piece with no script-specific character takes the script of the rest of the text."""
    zh = [(a, b) for a, b, lang, _ in pieces if lang.startswith("zh")]
    if not zh:
        return pieces
    whole = chinese_variant("".join(text[a:b] for a, b in zh))
    return [(a, b, chinese_variant(text[a:b], whole) if lang.startswith("zh") else lang, kind)
            for a, b, lang, kind in pieces]


def layout(segments: list[Segment]) -> str:
    """Name the order of the language versions: en-then-zh, zh-then-en, interleaved, ..."""
    seq = [s.family for s in segments if s.family in ("en", "zh")]
    if not seq:
        return "other" if segments else "empty"
    if "zh" not in seq:
        return "en-only"
    if "en" not in seq:
        return "zh-only"
    runs = [seq[0]]
    for f in seq[1:]:
        if f != runs[-1]:
            runs.append(f)
    if len(runs) == 2:
        return f"{runs[0]}-then-{runs[1]}"
    if any(s.kind == "sentence" for s in segments):
        return "mixed"
    return "interleaved" if len(runs) >= 0.5 * len(seq) else "mixed"
