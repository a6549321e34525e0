"""Where the shipped models and word lists are: the repo's models/ in a checkout or an
editable install, the package's bundled copy (`extractor/models`) in a wheel install."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def models_dir() -> Path:
    for candidate in (_HERE.parent / "models", _HERE / "models"):
        if (candidate / "data").is_dir():
            return candidate
    return _HERE.parent / "models"


MODELS_DIR = models_dir()
DATA_DIR = MODELS_DIR / "data"
