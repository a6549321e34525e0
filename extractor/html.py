"""decoded text -> article text, when the input is a web page: the main text, title, date and URL.

A saved page is recognised by its content (a doctype or an <html>/<head>/<body>/<article> tag
at the start), never by its file name. trafilatura finds the article's main text; menus,
scripts, comments, tables, share buttons and related-article boxes are left out, precision
before recall. The result is one paragraph per line, the headline first, and from then on the
record's offsets index THIS extracted text (`Page.text`), not the HTML: it is the text the
record's evidence quotes and its segments cut.

trafilatura (and lxml) load only when a page is read, so `extractor --help` and plain-text
extraction never import them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: how far into the text the markup that makes it a page must begin
SNIFF_CHARS = 2048
_PAGE_START = re.compile(r"<(?:!doctype\s{1,20}html|html|head|body|article)(?=[\s>/])", re.IGNORECASE)
_LANG = re.compile(r"<html\b[^>]{0,500}?\b(?:xml:)?lang\s{0,3}=\s{0,3}[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3})",
                   re.IGNORECASE)
#: htmldate drops dates after `max_date` (by default today's date): a fixed bound keeps the same
#: page giving the same record whatever day it is read
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2100-12-31"}


@dataclass(frozen=True)
class Page:
    text: str  # the article: headline first, one paragraph per line; record offsets index it
    title: str | None
    date: str | None  # ISO 8601 date (YYYY-MM-DD), from the page's metadata
    url: str | None  # the canonical URL the page declares, else the one given
    language: str | None  # the page's declared language (<html lang>), as written

    def source_fields(self) -> dict[str, str]:
        """The keys the record's `source` gains for a page: format, and title/date/url when known."""
        known = {"title": self.title, "date": self.date, "url": self.url}
        return {"format": "html", **{k: v for k, v in known.items() if v}}


def looks_like_html(text: str) -> bool:
    """Whether the text is a web page: it starts with markup, and a doctype or an
    <html>/<head>/<body>/<article> tag opens within the first SNIFF_CHARS characters."""
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip("\ufeff \t\r\n")
    return stripped.startswith("<") and _PAGE_START.search(head) is not None


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _extract(html: str, url: str | None, **mode: Any):
    import trafilatura  # lazy: see the module docstring

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, include_formatting=False, deduplicate=False,
        date_extraction_params=dict(_DATE_PARAMS), **mode)


def read_page(html: str, url: str | None = None) -> Page:
    """The article of one web page; `url` (where the page came from) is used when the page
    declares none. A page with no recognisable article gives a Page whose text is its title
    (or empty). Nothing is fetched: the page is the string given."""
    doc = _extract(html, url, favor_precision=True)
    if doc is None or not _lines(doc.text):
        doc = _extract(html, url, favor_recall=True) or doc  # short pages fall below the precision cut
    match = _LANG.search(html[:SNIFF_CHARS * 4])
    language = match.group(1) if match else None
    if doc is None:
        return Page(text="", title=None, date=None, url=url, language=language)
    lines = _lines(doc.text)
    title = " ".join(doc.title.split()) if doc.title else None
    if title and not (lines and lines[0].startswith(title)):
        lines.insert(0, title)
    return Page(text="\n".join(lines), title=title, date=doc.date or None, url=doc.url or url or None,
                language=language)
