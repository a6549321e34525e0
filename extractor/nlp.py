"""Load the saved per-language spaCy pipelines (once per process)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path

from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.paths import MODELS_DIR
PIPELINE_NAMES = {"en": "extractor_en", "zh": "extractor_zh"}


@lru_cache(maxsize=None)
def load(family: str, models_dir: Path = MODELS_DIR):
    """The pipeline for 'en' or 'zh'."""
    import spacy

    from extractor.components import lexicon_ruler, patterns, sentencizer, zh_tokenizer  # noqa: F401  (registers factories)

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


#: Chunks of text (runs of non-space characters: what spaCy's English tokenizer caches) a
#: long run makes permanent, per language: about 1 KB each (the lexemes, their strings, the
#: tokenizer's cache entry), so a worker's memory grows by a few MB and then stays flat.
WARM_LIMIT = 5_000
#: Chunks remembered as seen once, waiting for a second sighting; forgotten when full.
SEEN_LIMIT = 20_000
#: Longer chunks are tokenized in pieces (see extractor.core.MAX_RUN_CHARS): never cached.
WARM_MAX_CHARS = 64


class _Warmth:
    """What makes a long run inside memory zones as fast as one outside them, with the same output.

    Inside a memory zone spaCy creates every lexeme anew for each zone and its tokenizer
    caches nothing, so a batch re-splits "attackers," into "attackers" and "," and rebuilds
    both lexemes in every chunk of articles. Here a chunk seen in two zones (or twice in
    one) is tokenized once outside any zone: its lexemes become permanent and the tokenizer
    caches its split. At most WARM_LIMIT chunks per language, so memory stays bounded;
    lexemes are pure functions of their text, so records are byte-identical either way.
    """

    def __init__(self) -> None:
        self.texts: dict[str, list[str]] | None = None  # the open zone's texts, by family
        self.seen: dict[str, set[str]] = {family: set() for family in PIPELINE_NAMES}
        self.warm: dict[str, set[str]] = {family: set() for family in PIPELINE_NAMES}

    def note(self, family: str, text: str) -> None:
        if self.texts is not None and len(self.warm[family]) < WARM_LIMIT:
            self.texts[family].append(text)

    def candidates(self, family: str, texts: list[str]) -> list[str]:
        """The chunks of TEXTS to make permanent now: seen before, not yet warm."""
        here: dict[str, int] = {}
        if family == "zh":
            from extractor.components.zh_tokenizer import LATIN_WORD
        for text in texts:
            # English: what the tokenizer caches; Chinese: its tokens (characters, Latin words)
            for chunk in (text.split() if family == "en" else chain(text, LATIN_WORD.findall(text))):
                here[chunk] = here.get(chunk, 0) + 1
        seen, warm = self.seen[family], self.warm[family]
        room = WARM_LIMIT - len(warm)
        found = [c for c, n in here.items() if (n > 1 or c in seen) and c not in warm
                 and len(c) <= WARM_MAX_CHARS and not c.isspace()]
        found = sorted(found)[:room] if len(found) > room else found
        if len(seen) + len(here) > SEEN_LIMIT:
            seen.clear()
        seen.update(here)
        return found

    def apply(self, family: str, chunks: list[str]) -> None:
        """Outside any zone: make CHUNKS' lexemes (and English tokenizer splits) permanent."""
        if not chunks:
            return
        nlp = load(family)
        if family == "en":
            nlp.tokenizer(" ".join(chunks))
        else:
            for chunk in chunks:
                nlp.vocab[chunk]
        self.warm[family].update(chunks)


_warmth = _Warmth()


def note_text(family: str, text: str) -> None:
    """Tell the open memory zone (if any) that FAMILY's tokenizer ran on TEXT."""
    _warmth.note(family, text)


@contextmanager
def memory_zone() -> Iterator[None]:
    """Free what spaCy allocates while inside (strings, lexemes, docs): keeps long batch runs
    flat in memory. Nothing made inside may be used after; records are plain dicts, so fine.
    Chunks of text that recur across zones are made permanent on leaving (see _Warmth)."""
    outer = _warmth.texts is None
    if outer:
        _warmth.texts = {family: [] for family in PIPELINE_NAMES}
    try:
        with ExitStack() as stack:
            for family in PIPELINE_NAMES:
                stack.enter_context(load(family).memory_zone())
            yield
    finally:
        if outer:
            texts, _warmth.texts = _warmth.texts, None
            for family, found in texts.items():
                _warmth.apply(family, _warmth.candidates(family, found))
