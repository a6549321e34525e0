"""bytes -> text. Every offset in the output refers to the string returned here.

Order: a BOM (UTF-8, UTF-16/32 LE/BE) wins; then the caller's encoding; then binary data is
refused; then UTF-8; then UTF-16 without a BOM (NUL bytes in one column); then the Chinese
legacy encodings Big5 (`cp950`, which has 裏 碁 € that Python's `big5` lacks), Big5-HKSCS
and GB18030 (a superset of GBK and GB2312). A legacy decode that succeeds is not trusted:
Big5 bytes decode without error as GB18030 into nonsense, so each successful decode is
scored by how plausible its non-ASCII characters are (common Traditional/Simplified
characters and CJK punctuation count, private-use, control and rare characters do not)
and the best one above a threshold wins; otherwise the error names --encoding.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.errors import (BinaryInput, DecodeFailed, InputNotFound, InputTooLarge, InputUnreadable,
                              warning)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: legacy encodings tried, in this order (the order breaks ties), when the input is not UTF-8
LEGACY = ("cp950", "big5hkscs", "gb18030")
#: a legacy decode is accepted when at least this share of its non-ASCII characters is plausible
MIN_PLAUSIBLE = 0.8
#: characters scored per candidate (a prefix: enough to tell, bounded on a 20 MB file)
SCORE_CHARS = 200_000
#: more than this share of control characters (other than tab, newlines, form feed, escape) is binary
MAX_CONTROL_SHARE = 0.05

#: file signatures: prefix -> what the file is
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx, .xlsx, .epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (.doc, .xls, .msg)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
#: the punctuation and signs news text in either language actually uses
_COMMON_MARKS = frozenset("，。、；：？！「」『』（）《》〈〉【】…—–‘’“”·・％＄￥€£×　"
                          "０１２３４５６７８９＋－／．：")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    sha256: str
    #: "[Wxxx] ..." lines for the record: how the encoding was chosen, blank input
    warnings: tuple[str, ...] = field(default=())

    @property
    def newline(self) -> str:
        crlf = self.text.count("\r\n")
        cr = self.text.count("\r") - crlf
        lf = self.text.count("\n") - crlf
        kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
        if not kinds:
            return "none"
        return kinds[0] if len(kinds) == 1 else "mixed"


# --- plausibility ------------------------------------------------------------------------------


def _decode_range(codec: str, leads: range, trails: list[int]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if len(c) == 1)


@lru_cache(maxsize=1)
def _common_han() -> tuple[frozenset[str], frozenset[str]]:
    """(frequent, known) Han characters, read off the standards' own tables.

    Big5 level 1 (0xA440-0xC67E, 5,401 常用字) and GB2312 level 1 (0xB0A1-0xD7F9, 3,755 most
    used) are frequent; Big5 level 2 and GB2312 level 2 are known but rarer.
    """
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    gb_trails = list(range(0xA1, 0xFF))
    frequent = _decode_range("cp950", range(0xA4, 0xC7), big5_trails) | _decode_range("gb2312", range(0xB0, 0xD8), gb_trails)
    known = _decode_range("cp950", range(0xC9, 0xFA), big5_trails) | _decode_range("gb2312", range(0xD8, 0xF8), gb_trails)
    return frozenset(c for c in frequent if unicodedata.category(c) == "Lo"), frozenset(known - frequent)


def _char_weight(c: str, frequent: frozenset[str], known: frozenset[str]) -> float:
    if c in frequent:
        return 1.0
    if c in known:
        return 0.5
    if c in _COMMON_MARKS:
        return 1.0
    cp = ord(c)
    # other CJK symbols and full-width forms, general punctuation, Latin-1 letters and signs
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF65 or 0x2010 <= cp <= 0x206F or 0xA0 <= cp <= 0x17F:
        return 0.5
    return 0.0


def plausibility(text: str) -> float:
    """Share (0..1) of the non-ASCII characters of `text` that real English/Chinese text uses;
    1.0 when there are none. Replacement, control and private-use characters score 0."""
    frequent, known = _common_han()
    total = score = 0.0
    for c in text[:SCORE_CHARS]:
        if c < "\x80":
            continue
        total += 1
        score += _char_weight(c, frequent, known)
    return score / total if total else 1.0


# --- binary data -------------------------------------------------------------------------------


def _signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # text that happens to start with "MZ"
            return what
    return None


def _control_share(text: str) -> float:
    sample = text[:SCORE_CHARS]
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if (c < " " or "\x7f" <= c < "\xa0") and c not in _ALLOWED_CONTROLS)
    return controls / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes sit in one column, as UTF-16 text has them."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, what: str) -> None:
    if "\x00" in text:
        raise BinaryInput(f"{what} contains NUL characters: this looks like binary data, not an article; "
                          "extract its text first")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{what} is mostly control characters: this looks like binary data, not an article; "
                          "extract its text first")


# --- decode --------------------------------------------------------------------------------------


def _strict(body: bytes, name: str) -> str | None:
    try:
        return body.decode(name)
    except UnicodeDecodeError:
        return None


def _detect(body: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) for input without a BOM or an encoding from the caller."""
    what = _signature(body)
    if what:
        raise BinaryInput(f"the input is {what}, not text; extract its text first (e.g. pdftotext for a PDF)")
    if b"\x00" in body:
        name = _utf16_without_bom(body)
        text = _strict(body, name) if name else None
        if text is None or plausibility(text) < MIN_PLAUSIBLE:
            raise BinaryInput("the input contains NUL bytes: this looks like binary data, not an article; "
                              "if it is UTF-16 or UTF-32 text, name it with --encoding")
        return text, name, [warning("W102", f"no encoding given and no BOM: decoded as {name}; "
                                            "pass --encoding to override")]
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8", []
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    best: tuple[float, int, str, str] | None = None
    for rank, name in enumerate(LEGACY):
        candidate = _strict(body, name)
        if candidate is None:
            continue
        score = plausibility(candidate)
        if score >= MIN_PLAUSIBLE and (best is None or score > best[0]):
            best = (score, rank, name, candidate)
    if best is None:
        raise DecodeFailed(f"cannot decode the input: byte {first_bad} is not UTF-8 and no Big5 (cp950, big5hkscs) "
                           "or GB18030 reading looks like text; name its encoding with --encoding "
                           "(e.g. --encoding utf-16-le or cp1252)")
    score, _, name, text = best
    return text, name, [warning("W102", f"no encoding given and the input is not UTF-8: decoded as {name} "
                                        f"({score:.0%} of non-ASCII characters plausible); pass --encoding to override")]


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode article bytes: a BOM wins, then the caller's encoding, then detection.

    The BOM is not part of the text, so offsets match what an editor shows. Blank input
    decodes to its (blank) text with warning W101; binary input raises BinaryInput (E105);
    bytes no encoding reads raise DecodeFailed (E103), whose message names --encoding.
    """
    digest = hashlib.sha256(data).hexdigest()
    bom = False
    body = data
    name = encoding
    notes: list[str] = []
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, body, name = True, data[len(mark):], enc
            break
    if name is None:
        text, name, notes = _detect(body)
    else:
        try:
            name = codecs.lookup(name).name
            text = body.decode(name)
        except LookupError:
            raise DecodeFailed(f"unknown encoding '{encoding}'; give a Python codec name such as utf-8, cp950, "
                               "big5hkscs, gb18030 or utf-16") from None
        except UnicodeDecodeError as e:
            hint = ("; try another --encoding (e.g. utf-8, cp950, big5hkscs, gb18030, utf-16)" if encoding
                    else "; the byte-order mark does not match the bytes")
            raise DecodeFailed(f"cannot decode byte {e.start} as {name}{hint}") from None
    _refuse_binary(text, f"the input decoded as {name}")
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    if not text.strip():
        notes.append(warning("W101", "the input has no text: the record is empty"))
    return Decoded(text=text, encoding=name, bom=bom, sha256=digest, warnings=tuple(notes))


#: default for `--max-bytes`: far above any article, far below what would exhaust memory
DEFAULT_MAX_BYTES = 20_000_000


def too_large(name: str, size: int | str, limit: int) -> InputTooLarge:
    return InputTooLarge(f"{name} is {size} bytes, over the limit of {limit:,}; "
                         "raise it with --max-bytes (before the command) or split the file")


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES, *, regular_only: bool = False) -> bytes:
    """The bytes of the file at PATH; more than `max_bytes` raises InputTooLarge before they are
    all read. `regular_only` also refuses FIFOs and devices (a batch must never block on one)."""
    try:
        mode_size = os.stat(path)
        if stat.S_ISDIR(mode_size.st_mode):
            raise InputUnreadable(f"is a directory, not a file: {path}")
        if regular_only and not stat.S_ISREG(mode_size.st_mode):
            raise InputUnreadable(f"not a regular file: {path}")
        if mode_size.st_size > max_bytes:
            raise too_large(path, f"{mode_size.st_size:,}", max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat, or a device
        if len(data) > max_bytes:
            raise too_large(path, "more than", max_bytes)
        return data
    except FileNotFoundError:
        raise InputNotFound(f"no such file: {path}") from None
    except PermissionError:
        raise InputUnreadable(f"permission denied: {path}") from None
    except IsADirectoryError:
        raise InputUnreadable(f"is a directory, not a file: {path}") from None
    except OSError as error:
        raise InputUnreadable(f"cannot read {path}: {error.strerror or error}") from None
