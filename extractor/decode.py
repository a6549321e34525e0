"""bytes -> text. Every offset in the output refers to the string returned here."""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass

from extractor.errors import DecodeFailed, EmptyInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    sha256: str

    @property
    def newline(self) -> str:
        crlf = self.text.count("\r\n")
        cr = self.text.count("\r") - crlf
        lf = self.text.count("\n") - crlf
        kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
        if not kinds:
            return "none"
        return kinds[0] if len(kinds) == 1 else "mixed"


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode article bytes: a BOM wins, then the caller's encoding, then UTF-8.

    The BOM is not part of the text, so offsets match what an editor shows.
    """
    digest = hashlib.sha256(data).hexdigest()
    bom = False
    body = data
    name = encoding
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, body, name = True, data[len(mark):], enc
            break
    name = name or "utf-8"
    try:
        text = body.decode(name)
    except LookupError:
        raise DecodeFailed(f"unknown encoding '{encoding}'; give a Python codec name such as utf-8, big5 or utf-16") from None
    except UnicodeDecodeError as e:
        hint = "" if encoding else "; if the file is not UTF-8, name its encoding with --encoding (e.g. big5, gb18030, utf-16)"
        raise DecodeFailed(f"cannot decode byte {e.start} as {name}{hint}") from None
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    if not text.strip():
        raise EmptyInput("the input has no text")
    return Decoded(text=text, encoding=name, bom=bom, sha256=digest)
