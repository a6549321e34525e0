"""extractor: bilingual (English / Traditional Chinese) cyber-incident records.

    >>> from extractor import extract
    >>> record = extract(open("article.txt", "rb").read(), path="article.txt")
    >>> record.victim, record.country.key, record.to_json()
"""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1"

__all__ = ["__version__", "SCHEMA_VERSION", "extract", "IncidentRecord", "extract_bytes", "extract_text"]


def __getattr__(name: str):  # keep `import extractor` (and --help) free of spaCy
    if name in ("extract", "IncidentRecord"):
        from extractor import api

        return getattr(api, name)
    if name in ("extract_bytes", "extract_text"):
        from extractor import core

        return getattr(core, name)
    raise AttributeError(name)
