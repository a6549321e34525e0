"""What the aligner reads and returns: units (paragraphs or sentences) and links between them."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    id: str  # segment id such as "p3"
    text: str  # the paragraph (or sentence) text


@dataclass(frozen=True)
class Link:
    en: tuple[str, ...]  # ids of English units (1 or 2)
    zh: tuple[str, ...]  # ids of Chinese units (1 or 2)
    score: float  # 0..1, rounded to 3 decimals


@dataclass(frozen=True)
class AlignResult:
    links: list[Link]
    en_orphans: list[str]  # English unit ids with no Chinese counterpart
    zh_orphans: list[str]
    #: DP cells the aligner filled (all widenings of the band included): a measure of its work
    #: that grows with n*m for a short article and linearly for a long one. Not part of equality.
    cells: int = field(default=0, compare=False)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _same_text(normalised: str) -> str:
    """The key two units' texts share when one repeats the other (`normalised`: NFKC)."""
    return " ".join(normalised.split()).casefold()


def repeats(units: list[Unit], texts: list[str] | None = None) -> dict[str, str]:
    """Units that repeat an earlier unit's text word for word (id -> the earlier id), such as an
    English paragraph pasted into the Chinese version in place of its translation. Headlines and
    one-line captions are too short to tell a copy from a refrain, so only prose counts.
    `texts`: the units' texts NFKC-normalised, when the caller already has them."""
    seen: dict[str, str] = {}
    out: dict[str, str] = {}
    for u, text in zip(units, [nfkc(u.text) for u in units] if texts is None else texts):
        key = _same_text(text)
        if len(key) < 40:
            continue
        if key in seen:
            out[u.id] = seen[key]
        else:
            seen[key] = u.id
    return out
