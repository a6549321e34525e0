"""Load the saved per-language spaCy pipelines (once per process)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path

from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.paths import MODELS_DIR
PIPELINE_NAMES = {"en": "extractor_en", "zh": "extractor_zh"}


@lru_cache(maxsize=None)
def load(family: str, models_dir: Path = MODELS_DIR):
    """The pipeline for 'en' or 'zh'."""
    import spacy

    from extractor.components import patterns, sentencizer, zh_tokenizer  # noqa: F401  (registers factories)

    path = models_dir / PIPELINE_NAMES[family]
    if not (path / "config.cfg").exists():
        raise ModelMissing(f"no pipeline at {path}; run `python -m extractor.build_models`")
    try:
        nlp = spacy.load(path)
    except ModelDataInvalid:
        raise
    except (OSError, ValueError) as e:
        raise ModelDataInvalid(f"cannot load {path}: {e}") from None
    return nlp


@contextmanager
def memory_zone() -> Iterator[None]:
    """Free what spaCy allocates while inside (strings, lexemes, docs): keeps long batch runs
    flat in memory. Nothing made inside may be used after; records are plain dicts, so fine."""
    with ExitStack() as stack:
        for family in PIPELINE_NAMES:
            stack.enter_context(load(family).memory_zone())
        yield
