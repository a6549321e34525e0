"""The saved per-language spaCy pipelines, and their memory zones.

`Pipelines` holds the two pipelines of one thread of work (loaded on first use) and what makes
long runs inside memory zones fast (`Warmth`). It is not shared between threads: spaCy's
string store and its memory zones belong to one pipeline, and a zone one thread leaves frees
strings another thread's article still uses. A thread that extracts makes its own `Pipelines`
and passes it to `extractor.core.extract_text(..., pipelines=...)` and opens its zones with
`pipelines.memory_zone()`; nothing needs a lock.

`load`, `note_text` and `memory_zone` are the same over one default `Pipelines` for the
process (`default_pipelines()`), for callers with a single thread of work.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.paths import MODELS_DIR

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE_NAMES = {"en": "extractor_en", "zh": "extractor_zh"}

#: Chunks of text (runs of non-space characters: what spaCy's English tokenizer caches) a
#: long run makes permanent, per language: about 1 KB each (the lexemes, their strings, the
#: tokenizer's cache entry), so a worker's memory grows by a few MB and then stays flat.
WARM_LIMIT = 5_000
#: Chunks remembered as seen once, waiting for a second sighting; forgotten when full.
SEEN_LIMIT = 20_000
#: Longer chunks are tokenized in pieces (see extractor.core.MAX_RUN_CHARS): never cached.
WARM_MAX_CHARS = 64


def load_pipeline(family: str, models_dir: Path = MODELS_DIR) -> "Language":
    """A new copy of the saved pipeline for 'en' or 'zh' (ModelMissing, ModelDataInvalid)."""
    import spacy

    from extractor.components import lexicon_ruler, patterns, sentencizer, zh_tokenizer  # noqa: F401  (registers factories)

    path = models_dir / PIPELINE_NAMES[family]
    if not (path / "config.cfg").exists():
        raise ModelMissing(f"no pipeline at {path}; run `python -m extractor.build_models`")
    try:
        return spacy.load(path)
    except ModelDataInvalid:
        raise
    except (OSError, ValueError) as e:
        raise ModelDataInvalid(f"cannot load {path}: {e}") from None


def _chunks(family: str, text: str) -> Iterator[str]:
    """What a tokenizer caches of TEXT. English: runs of non-space characters; Chinese: its
    tokens (characters, Latin words)."""
    if family == "en":
        return iter(text.split())
    from extractor.components.zh_tokenizer import LATIN_WORD

    return chain(text, LATIN_WORD.findall(text))


class Warmth:
    """What makes a long run inside memory zones as fast as one outside them, with the same output.

    Inside a memory zone spaCy creates every lexeme anew for each zone and its tokenizer
    caches nothing, so a batch re-splits "attackers," into "attackers" and "," and rebuilds
    both lexemes in every chunk of articles. Here a chunk seen in two zones (or twice in
    one) is tokenized once outside any zone: its lexemes become permanent and the tokenizer
    caches its split. At most `limit` chunks per language, so memory stays bounded;
    lexemes are pure functions of their text, so records are byte-identical either way.
    """

    def __init__(self, limit: int = WARM_LIMIT, seen_limit: int = SEEN_LIMIT) -> None:
        self.limit = limit
        self.seen_limit = seen_limit
        self.texts: dict[str, list[str]] | None = None  # the open zone's texts, by family
        self.seen: dict[str, set[str]] = {family: set() for family in PIPELINE_NAMES}
        self.warm: dict[str, set[str]] = {family: set() for family in PIPELINE_NAMES}

    def note(self, family: str, text: str) -> None:
        if self.texts is not None and len(self.warm[family]) < self.limit:
            self.texts[family].append(text)

    def candidates(self, family: str, texts: list[str]) -> list[str]:
        """The chunks of TEXTS to make permanent now: seen before, not yet warm."""
        here: dict[str, int] = {}
        for text in texts:
            for chunk in _chunks(family, text):
                here[chunk] = here.get(chunk, 0) + 1
        seen, warm = self.seen[family], self.warm[family]
        room = self.limit - len(warm)
        found = [c for c, n in here.items() if (n > 1 or c in seen) and c not in warm
                 and len(c) <= WARM_MAX_CHARS and not c.isspace()]
        found = sorted(found)[:room] if len(found) > room else found
        if len(seen) + len(here) > self.seen_limit:
            seen.clear()
        seen.update(here)
        return found

    def apply(self, family: str, nlp: "Language", chunks: list[str]) -> None:
        """Outside any zone: make CHUNKS' lexemes (and English tokenizer splits) permanent in NLP."""
        if not chunks:
            return
        if family == "en":
            nlp.tokenizer(" ".join(chunks))
        else:
            for chunk in chunks:
                nlp.vocab[chunk]
        self.warm[family].update(chunks)


class Pipelines:
    """The 'en' and 'zh' pipelines of one thread of work, loaded on first use, with the state
    of their memory zones. One per thread: see the module docstring."""

    def __init__(self, models_dir: Path = MODELS_DIR, warmth: Warmth | None = None) -> None:
        self.models_dir = models_dir
        self.warmth = warmth if warmth is not None else Warmth()
        self._loaded: dict[str, Language] = {}

    def load(self, family: str) -> "Language":
        """The pipeline for 'en' or 'zh'."""
        nlp = self._loaded.get(family)
        if nlp is None:
            nlp = self._loaded[family] = load_pipeline(family, self.models_dir)
        return nlp

    def note_text(self, family: str, text: str) -> None:
        """Tell the open memory zone (if any) that FAMILY's tokenizer ran on TEXT."""
        self.warmth.note(family, text)

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """Free what spaCy allocates while inside (strings, lexemes, docs): keeps long batch runs
        flat in memory. Nothing made inside may be used after; records are plain dicts, so fine.
        Chunks of text that recur across zones are made permanent on leaving (see Warmth)."""
        warmth = self.warmth
        outer = warmth.texts is None
        if outer:
            warmth.texts = {family: [] for family in PIPELINE_NAMES}
        try:
            with ExitStack() as stack:
                for family in PIPELINE_NAMES:
                    stack.enter_context(self.load(family).memory_zone())
                yield
        finally:
            if outer:
                texts, warmth.texts = warmth.texts, None
                for family, found in texts.items():
                    warmth.apply(family, self.load(family), warmth.candidates(family, found))


def default_pipelines(models_dir: Path = MODELS_DIR) -> Pipelines:
    """The process's default Pipelines (for one thread of work; see the module docstring)."""
    return _default_pipelines(Path(models_dir))


@cache
def _default_pipelines(models_dir: Path) -> Pipelines:  # one per directory, however it is named
    return Pipelines(models_dir)


def load(family: str, models_dir: Path = MODELS_DIR) -> "Language":
    """The default pipeline for 'en' or 'zh'."""
    return default_pipelines(models_dir).load(family)


def note_text(family: str, text: str) -> None:
    """Pipelines.note_text on the default Pipelines."""
    default_pipelines().note_text(family, text)


def memory_zone() -> AbstractContextManager[None]:
    """Pipelines.memory_zone on the default Pipelines."""
    return default_pipelines().memory_zone()
