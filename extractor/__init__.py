"""extractor: bilingual (English / Traditional Chinese) cyber-incident records."""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1"

__all__ = ["__version__", "SCHEMA_VERSION", "extract_bytes", "extract_text"]


def __getattr__(name: str):  # keep `import extractor` (and --help) free of spaCy
    if name in ("extract_bytes", "extract_text"):
        from extractor import core

        return getattr(core, name)
    raise AttributeError(name)
