"""Recognise data sizes ("about 1.3 terabytes", "約400GB") and counts of people or records
("up to 9.8 million current and former customers", "逾1.3萬名病人") in article text.

Pure Python on purpose: the spaCy component wraps this, but tests, the CLI and the aligner can
call it without loading a pipeline. All vocabulary lives in models/data/quantities.json; this
module holds only the grammar. Numbers are computed with Decimal so "1.3萬" is exactly 13000.
"""
from __future__ import annotations

import copy
import json
import re
import weakref
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from extractor.regex_tools import matches_at
from extractor.errors import ModelDataInvalid, ModelMissing
from extractor.paths import DATA_DIR

DEFAULT_PATH = DATA_DIR / "quantities.json"
SCHEMA = "extractor.quantities.v1"
QUALIFIERS = ("approx", "more_than", "up_to")
LANGS = ("en", "zh")

# Full-width ASCII (U+FF01..U+FF5E) maps one-to-one onto ASCII, so offsets survive. The
# full-width comma is left alone: in Chinese prose it separates clauses, not thousands.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH_CHAR = re.compile("[\uff01-\uff0b\uff0d-\uff5e\u3000]")  # the keys of _FULLWIDTH


def _halfwidth(text: str) -> str:
    """text.translate(_FULLWIDTH). Most paragraphs have no such character (Chinese prose uses
    ，、。, which stay), and a regex search is much cheaper than a translate of every character."""
    return text.translate(_FULLWIDTH) if _FULLWIDTH_CHAR.search(text) else text

_SP = "[ \u00a0]"
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,12})(?:\.[0-9]{1,4})?"
# A number may not continue a token: no digit, letter, separator, sign or currency before it.
_NUM_LB = r"(?<![0-9A-Za-z.,_\-+/:#$£€¥])(?<![0-9]，)"
_NUM_LA = r"(?![0-9]|[.,][0-9])"
_HAN = "\u4e00-\u9fff"
_EN_WORD = re.compile(r"[ \u00a0]{1,3}([A-Za-z][A-Za-z'’\-]{0,40})")
_ZH_RUN = re.compile(f"[{_HAN}A-Za-z]{{1,12}}")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_PLURAL = re.compile(r"[a-z][a-z\-]{1,30}s")
_EN_FIGURE = re.compile(f"(?P<n>{_ARABIC})(?:{_SP}|-)?(?P<scale>[A-Za-z]{{1,10}})?")  # "9.8 million", "2m"
_EN_WORD_SEP = re.compile(r"[ \u00a0\-]{1,3}")
_ZH_TOKEN = re.compile(f"{_ARABIC}|.")  # an Arabic figure or one character of a Chinese numeral
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_WORD_CHAR = re.compile(f"[{_HAN}A-Za-z0-9]")
_DIGIT = re.compile("[0-9]")
_FIGURE = re.compile(_ARABIC)
_MEMO_SIZE = 4096       # QuantityGrammar results kept per data file (paragraph texts)
_EN_MAX_WORDS = 7       # modifiers + noun + "and" + noun, e.g. "current and former students and staff"
_EN_FIRST_NOUN = 4      # the first noun must come within this many words of the number
_ZH_FIRST_NOUN_CLS = 6  # after 名/筆: "現有及過往客戶" puts the noun 5 characters in
_ZH_FIRST_NOUN_BARE = 3  # without a classifier the noun must follow closely ("50萬香港用戶")


@dataclass(frozen=True)
class Quantity:
    """One quantity; the span covers qualifier, number and (for counts) the noun, so evidence
    quotes what the article said, while value/qualifier/noun are what callers compare."""

    kind: str  # "size" | "count"
    start: int
    end: int
    text: str
    value: float
    qualifier: str  # "approx" | "more_than" | "up_to" | "exact"
    number_text: str
    noun: str | None


def _fail(message: str) -> ModelDataInvalid:
    return ModelDataInvalid(f"quantities.json: {message}; fix the data file or reinstall the models")


def _str_list(obj: Any, where: str, *, single_char: bool = False) -> list[str]:
    if not isinstance(obj, list) or not all(isinstance(s, str) and s.strip() for s in obj):
        raise _fail(f"{where} must be a list of non-empty strings")
    if len(set(obj)) != len(obj):
        dupes = sorted({s for s in obj if obj.count(s) > 1})
        raise _fail(f"{where} repeats {dupes}")
    if single_char and any(len(s) != 1 for s in obj):
        raise _fail(f"{where} must hold single characters")
    return list(obj)


def _int_map(obj: Any, where: str, *, minimum: int = 1, single_char: bool = False) -> dict[str, int]:
    if not isinstance(obj, dict) or not obj:
        raise _fail(f"{where} must be a non-empty object")
    for key, value in obj.items():
        if not key.strip() or (single_char and len(key) != 1):
            raise _fail(f"{where} has a bad key {key!r}")
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise _fail(f"{where}[{key!r}] must be an integer >= {minimum}, got {value!r}")
    return dict(obj)


def _section(data: Mapping[str, Any], key: str, kind: type = dict) -> Any:
    if key not in data:
        raise _fail(f"missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise _fail(f"{key!r} must be a {kind.__name__}")
    return value


def _alternation(words: list[str], *, ignore_case: bool = False) -> str:
    """Longest first so "大約" wins over "約"; spaces inside phrases match any short run.

    Phrases that share a first character are written as one branch, `a(?:pproximately|bout)`,
    so that re tests that character once rather than once a phrase (speed only). The same
    matches: phrases with different first characters never match at the same place, and those
    sharing one keep their order. Not done when that cannot be told by the character alone
    (a phrase starting with a space, or with a non-ASCII character under ignore_case)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    escape = lambda w: re.escape(w).replace(r"\ ", f"{_SP}{{1,2}}")  # noqa: E731
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0].lower() if ignore_case else w[0], []).append(w)
    if any(w[0].isspace() or (ignore_case and not w[0].isascii()) for w in ordered):
        groups = {w: [w] for w in ordered}
    parts = [escape(group[0]) if len(group) == 1 else
             f"{re.escape(group[0][0])}(?:{'|'.join(escape(w[1:]) for w in group)})" for group in groups.values()]
    body = "|".join(parts)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _firsts(words: list[str]) -> str:
    """The characters `words` begin with, for a character class (a leading space also stands
    for a no-break space, as in _alternation)."""
    chars = {w[0] for w in words}
    if " " in chars:
        chars.add("\u00a0")
    return "".join(re.escape(c) for c in sorted(chars))


def _scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), trying the pattern only where `starts` finds a character a match
    can begin with. re tries a pattern at every position, and for the grammar's patterns (an
    optional qualifier, lookbehinds: no fixed first character re could skip to) that is most
    of their cost, while `starts` is a plain character class re scans for in C. None of these
    patterns matches the empty string (see regex_tools.matches_at)."""
    return matches_at(pattern, text, (m.start() for m in starts.finditer(text)))


def _normalise_key(s: str) -> str:
    return " ".join(s.lower().split())


class _Memo(dict):
    """A grammar's results memo (a dict subclass, so that _MEMOS can hold it weakly)."""


#: memo per grammar data (canonical JSON), alive while a grammar built from that data is
_MEMOS: "weakref.WeakValueDictionary[str, _Memo]" = weakref.WeakValueDictionary()


def _shared_memo(data: dict) -> _Memo:
    """The memo for grammars built from `data`. Equal data gives equal results, so they share
    it; data that is not plain JSON (a test's odd value) gets a memo of its own."""
    try:
        key = json.dumps(data, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return _Memo()
    memo = _MEMOS.get(key)
    if memo is None:
        memo = _MEMOS[key] = _Memo()
    return memo


class QuantityGrammar:
    """The compiled grammar; build once (load) and reuse, regexes are compiled here."""

    def __init__(self, data: dict) -> None:
        if not isinstance(data, dict):
            raise _fail("top level must be an object")
        if data.get("schema") != SCHEMA:
            raise _fail(f"schema must be {SCHEMA!r}, got {data.get('schema')!r}")
        self.data: dict = copy.deepcopy(data)  # kept for the spaCy component's to_disk
        self._load_sizes(_section(data, "size_units", list))
        self._load_qualifiers(_section(data, "qualifiers"), _section(data, "en_qualifier_suffixes"),
                              _section(data, "zh_qualifier_suffixes"))
        self._load_numerals(_section(data, "zh_numerals"), _section(data, "en_numerals"))
        self._load_nouns(data)
        self._load_stops(_section(data, "stop_markers"))
        self._compile()
        # results by (method, text, lang): the builder and the aligner ask about the same
        # paragraphs many times. Values are immutable (tuples, frozensets, frozen Quantity);
        # bounded, emptied when full. Grammars built from equal data share one memo: the
        # pipelines' quantities component holds its own grammar (from the model directory),
        # and the builder and aligner then ask default_grammar() about the same paragraphs.
        self._memo = _shared_memo(self.data)

    def _remember(self, key: tuple[str, str, str], value):
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = value
        return value

    def forget(self) -> None:
        """Drop the remembered results (see extractor.core: they serve one extraction)."""
        self._memo.clear()

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "QuantityGrammar":
        path = Path(path) if path is not None else DEFAULT_PATH
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ModelMissing(f"quantities.json not found at {path}; reinstall the models or pass a path") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(f"not valid JSON at line {exc.lineno} column {exc.colno}") from None
        return cls(data)

    def _load_sizes(self, units: list) -> None:
        self._unit_factor: dict[str, int] = {}  # exact form for abbrevs, lowercased for words
        self._abbrevs: list[str] = []
        self._unit_words: list[str] = []
        for i, unit in enumerate(units):
            where = f"size_units[{i}]"
            if not isinstance(unit, dict):
                raise _fail(f"{where} must be an object")
            factor = unit.get("factor")
            if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
                raise _fail(f"{where}.factor must be a positive integer, got {factor!r}")
            abbrevs = _str_list(unit.get("abbrevs"), f"{where}.abbrevs") if unit.get("abbrevs") else []
            words = _str_list(unit.get("words"), f"{where}.words")
            for form, key in [(a, a) for a in abbrevs] + [(w, w.lower()) for w in words]:
                if key in self._unit_factor:
                    raise _fail(f"{where} repeats the unit {form!r}")
                self._unit_factor[key] = factor
            self._abbrevs += abbrevs
            self._unit_words += words
        if not self._unit_factor:
            raise _fail("size_units is empty")

    def _load_qualifiers(self, quals: dict, en_suffixes: dict, zh_suffixes: dict) -> None:
        self._qualifier: dict[str, dict[str, str]] = {}
        for lang in LANGS:
            table = quals.get(lang)
            if not isinstance(table, dict) or set(table) != set(QUALIFIERS):
                raise _fail(f"qualifiers.{lang} must have exactly the keys {list(QUALIFIERS)}")
            mapping: dict[str, str] = {}
            for name in QUALIFIERS:
                for word in _str_list(table[name], f"qualifiers.{lang}.{name}"):
                    key = _normalise_key(word)
                    if key in mapping:
                        raise _fail(f"qualifiers.{lang}: {word!r} is listed under {mapping[key]} and {name}")
                    mapping[key] = name
            self._qualifier[lang] = mapping
        if not en_suffixes or any(v not in QUALIFIERS or not k.strip() for k, v in en_suffixes.items()):
            raise _fail(f"en_qualifier_suffixes must map phrases to one of {list(QUALIFIERS)}")
        self._en_suffix = {_normalise_key(k): v for k, v in en_suffixes.items()}
        self._zh_suffix: dict[str, dict[str, str]] = {}
        for where in ("inner", "outer"):
            table = zh_suffixes.get(where)
            if not isinstance(table, dict) or not table:
                raise _fail(f"zh_qualifier_suffixes.{where} must be a non-empty object")
            for word, name in table.items():
                if name not in QUALIFIERS or not word.strip():
                    raise _fail(f"zh_qualifier_suffixes.{where}[{word!r}] must name one of {list(QUALIFIERS)}")
            self._zh_suffix[where] = dict(table)

    def _load_numerals(self, zh: dict, en: dict) -> None:
        self._zh_digits = _int_map(zh.get("digits"), "zh_numerals.digits", minimum=0, single_char=True)
        self._zh_small = _int_map(zh.get("small_units"), "zh_numerals.small_units", single_char=True)
        self._zh_big = _int_map(zh.get("big_units"), "zh_numerals.big_units", single_char=True)
        self._zh_implicit = set(_str_list(zh.get("implicit_needs_context"), "zh_numerals.implicit_needs_context",
                                          single_char=True))
        # 一點三萬 = 1.3萬: the decimal point of spoken and written Chinese numerals
        self._zh_points = _str_list(zh.get("points"), "zh_numerals.points", single_char=True)
        # 數百 / 上萬 / 成千: "hundreds", "tens of thousands", not a figure
        # 兆 is a million in mainland usage and a trillion in Taiwan's (1.9兆韓元 = 1.9 trillion won)
        ambiguous = zh.get("ambiguous_units")
        if not isinstance(ambiguous, dict) or not all(
                len(k) == 1 and isinstance(v, list) and v and all(isinstance(x, int) and not isinstance(x, bool) and x > 1
                                                                  for x in v) for k, v in ambiguous.items()):
            raise _fail("zh_numerals.ambiguous_units must map single characters to lists of integers > 1")
        self._zh_ambiguous: dict[str, list[int]] = dict(ambiguous)
        self._zh_vague = frozenset(_str_list(zh.get("vague_prefixes"), "zh_numerals.vague_prefixes", single_char=True))
        chars = [*self._zh_digits, *self._zh_small, *self._zh_big, *self._zh_points]
        if len(set(chars)) != len(chars):
            raise _fail("zh_numerals: a character is listed twice across digits and units")
        if not self._zh_implicit <= set(self._zh_small) | set(self._zh_big):
            raise _fail("zh_numerals.implicit_needs_context must list unit characters only")
        self._en_scales = {k.lower(): v for k, v in _int_map(en.get("scales"), "en_numerals.scales").items()}
        self._en_abbrevs = {k.lower(): v for k, v in _int_map(en.get("scale_abbrevs"), "en_numerals.scale_abbrevs").items()}
        self._en_words = {k.lower(): v for k, v in _int_map(en.get("words"), "en_numerals.words").items()}
        # "half a million": a fraction before "a <scale>", as decimal strings so 0.25 stays exact
        fractions = en.get("fractions")
        if not isinstance(fractions, dict) or not fractions:
            raise _fail("en_numerals.fractions must be a non-empty object")
        self._en_fractions: dict[str, Decimal] = {}
        for phrase, value in fractions.items():
            try:
                number = Decimal(value) if isinstance(value, str) else None
            except ArithmeticError:
                number = None
            if not phrase.strip() or number is None or not 0 < number < 1:
                raise _fail(f"en_numerals.fractions[{phrase!r}] must be a decimal string between 0 and 1, got {value!r}")
            self._en_fractions[_normalise_key(phrase)] = number

    def _load_nouns(self, data: Mapping[str, Any]) -> None:
        nouns = _section(data, "count_nouns")
        self._en_nouns = {_normalise_key(n) for n in _str_list(nouns.get("en"), "count_nouns.en")}
        # Longest first, so "個人資料" is preferred over "人" at the same position.
        self._zh_nouns = sorted(_str_list(nouns.get("zh"), "count_nouns.zh"), key=lambda n: (-len(n), n))
        # the same nouns by first character, each list in that order (speed only; None when an
        # empty noun would match everywhere)
        self._zh_nouns_by_first: dict[str, tuple[str, ...]] | None = None
        if all(self._zh_nouns):
            table: dict[str, list[str]] = {}
            for noun in self._zh_nouns:
                table.setdefault(noun[0], []).append(noun)
            self._zh_nouns_by_first = {c: tuple(group) for c, group in table.items()}
        classifiers = _section(data, "zh_classifiers")
        if not classifiers or not all(len(k) == 1 and isinstance(v, bool) for k, v in classifiers.items()):
            raise _fail("zh_classifiers must map single characters to true (needs a noun) or false")
        self._zh_classifiers: dict[str, bool] = dict(classifiers)
        self._zh_noun_stops = frozenset(_str_list(_section(data, "zh_noun_stops", list), "zh_noun_stops",
                                                  single_char=True))
        self._en_breakers = frozenset(w.lower() for w in _str_list(_section(data, "en_noun_breakers", list),
                                                                    "en_noun_breakers"))
        self._en_connectors = _str_list(_section(data, "en_connectors", list), "en_connectors")

    def _load_stops(self, stops: dict) -> None:
        self._prefix_stops = tuple(_str_list(stops.get("prefix"), "stop_markers.prefix"))
        suffix = stops.get("suffix")
        if not isinstance(suffix, dict) or set(suffix) != set(LANGS):
            raise _fail(f"stop_markers.suffix must have exactly the keys {list(LANGS)}")
        self._en_suffix_stops = frozenset(_normalise_key(s) for s in _str_list(suffix["en"], "stop_markers.suffix.en"))
        self._zh_suffix_stops = tuple(sorted(_str_list(suffix["zh"], "stop_markers.suffix.zh"), key=len, reverse=True))

    def _compile(self) -> None:
        en_q = f"(?<![A-Za-z]){_alternation(list(self._qualifier['en']), ignore_case=True)}(?![A-Za-z]){_SP}{{1,2}}"
        zh_q = f"{_alternation(list(self._qualifier['zh']))}{_SP}{{0,2}}"
        units = "|".join(x for x in (_alternation(self._abbrevs) if self._abbrevs else "",
                                     _alternation(self._unit_words, ignore_case=True)) if x)
        size_tail = f"{_NUM_LB}(?P<num>{_ARABIC}){_NUM_LA}(?:{_SP}|-)?(?P<unit>{units})(?![A-Za-z])"
        # what every size contains, a digit and a unit: most paragraphs have none (speed only;
        # the pattern starts with a digit, which re skips to in C)
        self._size_hint_re = re.compile(f"[0-9](?:{_SP}|-)?(?:{units})(?![A-Za-z])")
        self._size_re = {"en": re.compile(f"(?:(?P<q>{en_q}))?{size_tail}"),
                         "zh": re.compile(f"(?:(?P<q>{zh_q}))?{size_tail}")}

        word = _alternation(list(self._en_words), ignore_case=True)
        scale = _alternation(list(self._en_scales), ignore_case=True)
        abbrev = _alternation(list(self._en_abbrevs), ignore_case=True)
        en_words = f"(?<![A-Za-z]){word}(?:[ \\-]{word})?{_SP}{{1,2}}{scale}(?![A-Za-z])"
        en_digits = (f"{_NUM_LB}{_ARABIC}(?:(?:{_SP}|-)?{scale}(?![A-Za-z])|{abbrev}(?![A-Za-z]))?"
                     f"(?![0-9A-Za-z]|[.,][0-9])")
        self._en_count_re = re.compile(f"(?:(?P<q>{en_q}))?(?P<num>{en_words}|{en_digits})")
        self._en_number_re = re.compile(f"(?P<num>{en_words}|{en_digits})")
        self._en_fraction_re = re.compile(f"(?<![A-Za-z])(?P<f>{_alternation(list(self._en_fractions), ignore_case=True)})"
                                          f"{_SP}{{1,2}}$")
        self._en_fraction_of_re = re.compile(
            f"(?<![A-Za-z])(?P<f>{_alternation(list(self._en_fractions), ignore_case=True)}){_SP}{{1,2}}a{_SP}{{1,2}}"
            f"(?P<s>{_alternation(list(self._en_scales), ignore_case=True)})(?![A-Za-z])")
        self._en_qualifier_before_re = re.compile(
            f"(?<![A-Za-z])(?P<q>{_alternation(list(self._qualifier['en']), ignore_case=True)}){_SP}{{1,2}}$")
        self._en_suffix_re = re.compile(f"{_SP}{{1,2}}(?P<suffix>{_alternation(list(self._en_suffix), ignore_case=True)})"
                                        f"(?![A-Za-z])")
        self._en_connector_re = re.compile(f"{_SP}{{1,2}}{_alternation(self._en_connectors, ignore_case=True)}"
                                           f"(?={_SP})")

        d = "".join(self._zh_digits)
        u = "".join([*self._zh_small, *self._zh_big])
        p = "".join(self._zh_points)
        zh_num = (f"[{d}]{{1,3}}[{p}][{d}]{{1,3}}[{u}]{{0,2}}|"
                  f"(?:(?:{_ARABIC}|[{d}]{{1,2}})?[{u}]){{1,6}}(?:[{d}]{{1,2}})?|{_ARABIC}")
        inner = _alternation(list(self._zh_suffix["inner"]))
        outer = _alternation(list(self._zh_suffix["outer"]))
        cls = "[" + "".join(self._zh_classifiers) + "]"
        self._zh_count_re = re.compile(f"(?:(?P<q>{zh_q}))?{_NUM_LB}(?P<num>{zh_num}){_NUM_LA}"
                                       f"(?P<inner>{inner})?(?P<cls>{cls})?(?P<outer>{outer})?")
        self._zh_number_re = re.compile(f"(?P<num>{zh_num})")

        # every number, counted noun or not (the aligner's anchors): a digit run may not start
        # inside another number ("1,234"), but may follow a half-width comma used as Chinese
        # punctuation ("四日,62宗")
        bare = r"(?<![0-9])(?<![0-9][.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
        scales = _alternation([*self._en_scales, *self._en_abbrevs], ignore_case=True)
        self._en_value_re = re.compile(f"{bare}(?:{_SP}?{scales}(?![A-Za-z]))?")
        bigs = "".join(self._zh_big)
        self._zh_value_re = re.compile(f"{bare}{_SP}?(?:[{''.join(self._zh_small)}]?[{bigs}]{{1,2}})?")
        # Chinese numerals are read only before 萬/億 (四百萬): a bare 一 or 三 is usually part of a word
        self._zh_numeral_value_re = re.compile(
            f"[{d}{''.join(self._zh_small)}]{{1,6}}(?:[{''.join(self._zh_points)}][{d}]{{1,3}})?[{bigs}]{{1,2}}")
        self._zh_numeral_chars = frozenset(d + u)

        # where a match of each pattern can begin, for _scan: a qualifier's first character,
        # a digit, a number word's or Chinese numeral's first character
        q_en, q_zh = _firsts(list(self._qualifier["en"])), _firsts(list(self._qualifier["zh"]))
        self._size_starts = {"en": re.compile(f"(?<![A-Za-z])(?i:[{q_en}])|[0-9]"), "zh": re.compile(f"[{q_zh}0-9]")}
        self._en_count_starts = re.compile(f"(?<![A-Za-z])(?i:[{q_en}{_firsts(list(self._en_words))}])|[0-9]")
        self._zh_count_starts = re.compile(f"[{q_zh}0-9{d}{u}]")
        self._zh_numeral_starts = re.compile(f"[{d}{''.join(self._zh_small)}]")
        self._zh_decimal_re = re.compile(f"([{d}]{{1,3}})[{p}]([{d}]{{1,3}})(.*)")  # 一點三萬
        # loose_values: a figure before 兆 (read every way), and any run of Chinese numerals
        ambiguous = "".join(self._zh_ambiguous)
        self._zh_ambiguous_re = re.compile(f"({_ARABIC})[{ambiguous}]" if ambiguous else "(?!)")
        self._zh_numeral_run_re = re.compile(f"[{d}{u}]+")

    # -- numbers -------------------------------------------------------------------------
    def parse_number(self, s: str) -> float | None:
        """Value of a whole number string in either language, or None if it is not one."""
        value = self._parse(_halfwidth(s).strip())
        return None if value is None else float(value)

    def _parse(self, s: str) -> Decimal | None:
        if self._en_number_re.fullmatch(s):
            return self._parse_en(s)
        if self._zh_number_re.fullmatch(s):
            return self._parse_zh(s)
        return None

    def _parse_en(self, s: str) -> Decimal | None:
        m = _EN_FIGURE.fullmatch(s)
        if m:
            base = Decimal(m["n"].replace(",", ""))
            key = (m["scale"] or "").lower()
            if not key:
                return base
            factor = self._en_scales.get(key) or self._en_abbrevs.get(key)
            return base * factor if factor else None
        words = _EN_WORD_SEP.split(s.lower())
        if len(words) < 2 or words[-1] not in self._en_scales:
            return None
        if not all(w in self._en_words for w in words[:-1]):
            return None
        base = 0
        for w in words[:-1]:  # "twenty-five" adds, "one hundred" multiplies
            base = (base or 1) * 100 if self._en_words[w] == 100 else base + self._en_words[w]
        return Decimal(base) * self._en_scales[words[-1]]

    def _parse_zh(self, s: str) -> Decimal | None:
        """Classic sectioned reading (億 > 萬 > 千/百/十), with Arabic parts allowed anywhere
        ("1.3萬", "1,600萬"), a spoken decimal point ("一點三萬") and the colloquial tail ("一萬二" = 12000)."""
        s = self._zh_decimal(s)
        if s is None:
            return None
        tokens = _ZH_TOKEN.findall(s)
        total = section = Decimal(0)
        current: Decimal | None = None
        last_unit = top_big = 0
        for tok in tokens:
            if tok[0] in "0123456789":
                current = Decimal(tok.replace(",", ""))
            elif tok in self._zh_digits:
                digit = Decimal(self._zh_digits[tok])
                current = digit if current is None else current * 10 + digit
            elif tok in self._zh_small:
                last_unit = self._zh_small[tok]
                section += (current if current is not None else Decimal(1)) * last_unit
                current = None
            elif tok in self._zh_big:
                last_unit = big = self._zh_big[tok]
                section += current if current is not None else Decimal(0)
                section = section or Decimal(1)
                total = (total + section) * big if big > top_big and total else total + section * big
                top_big = max(top_big, big)
                section, current = Decimal(0), None
            else:
                return None
        if current is not None:
            # "一萬二", "三千五": one digit straight after a unit counts in the next unit down.
            if len(tokens) >= 2 and tokens[-1] in self._zh_digits and last_unit >= 10 and (
                    tokens[-2] in self._zh_small or tokens[-2] in self._zh_big):
                current *= last_unit // 10
            section += current
        return total + section

    def _zh_decimal(self, s: str) -> str | None:
        """"一點三萬" -> "1.3萬": digits either side of a point become an Arabic decimal."""
        if not any(p in s for p in self._zh_points):
            return s
        m = self._zh_decimal_re.fullmatch(s)
        if not m:
            return None
        whole = "".join(str(self._zh_digits[c]) for c in m[1])
        fraction = "".join(str(self._zh_digits[c]) for c in m[2])
        return f"{int(whole)}.{fraction}{m[3]}"

    def values(self, text: str, lang: str) -> set[float]:
        """Every number in a passage as a value, counted noun or not: 13,000 / 1.3萬 / １．３萬 /
        一百三十萬 / 9.8 million. Years and dates are numbers too; callers that want only
        quantities use find()."""
        return {value for _, _, value in self._numbers(text, lang)}

    def numbers(self, text: str, lang: str) -> list[tuple[int, int, float]]:
        """(start, end, value) of every number values() reads, in text order."""
        return list(self._numbers(text, lang))

    def _numbers(self, text: str, lang: str) -> tuple[tuple[int, int, float], ...]:
        found = self._memo.get(("numbers", text, lang))
        if found is None:
            found = self._remember(("numbers", text, lang), tuple(self._numbers_uncached(text, lang)))
        return found  # type: ignore[return-value]

    def _numbers_uncached(self, text: str, lang: str) -> list[tuple[int, int, float]]:
        norm = _halfwidth(text)
        zh = lang.startswith("zh")
        if zh:
            matches = [*_scan(self._zh_value_re, _DIGIT, norm),
                       *_scan(self._zh_numeral_value_re, self._zh_numeral_starts, norm)]
        else:
            matches = list(_scan(self._en_value_re, _DIGIT, norm))
        out = []
        for m in matches:
            piece = m.group()
            if zh and not piece[0].isdigit():
                before = norm[max(0, m.start() - 2):m.start()]
                if before[-1:] in self._zh_vague or (before[-1:] == "以" and before[:1] in self._zh_vague):
                    continue  # 數百萬 / 數以十億計: "millions", "billions"
            piece = "".join(piece.split()) if zh else " ".join(piece.split())
            if _FIGURE.fullmatch(piece) and not any(p in piece for p in self._zh_points):
                # most numbers are a plain figure ("2023", "1,234.5"): the float _parse_zh and
                # _parse_en would return (their Decimal is exact; both roundings are correct)
                out.append((m.start(), m.end(), float(piece.replace(",", ""))))
                continue
            value = self._parse_zh(piece) if zh else self._parse_en(piece)
            if value is not None:
                out.append((m.start(), m.end(), float(value)))
        return sorted(out)

    def loose_values(self, text: str, lang: str) -> set[float]:
        """values() plus what a translation may spell out in words: every run of Chinese numerals
        (三部伺服器 -> 3, 一萬三千 -> 13000) or English number word (three servers -> 3). Too
        loose to find quantities; right for asking whether a figure is there at all."""
        found = self._memo.get(("loose", text, lang))
        if found is None:
            found = self._remember(("loose", text, lang), frozenset(self._loose_values(text, lang)))
        return set(found)  # type: ignore[arg-type]

    def _loose_values(self, text: str, lang: str) -> set[float]:
        out = self.values(text, lang)
        norm = _halfwidth(text)
        if lang.startswith("zh"):
            for m in self._zh_ambiguous_re.finditer(norm):
                for factor in self._zh_ambiguous[norm[m.end() - 1]]:
                    out.add(float(Decimal(m[1].replace(",", "")) * factor))
            for m in self._zh_numeral_run_re.finditer(norm):
                value = self._parse_zh(m.group())
                if value is not None:
                    out.add(float(value))
        else:
            for m in self._en_fraction_of_re.finditer(norm):  # "half a million dollars"
                out.add(float(self._en_fractions[_normalise_key(m["f"])] * self._en_scales[m["s"].lower()]))
            for word in _LATIN_WORD.findall(norm):
                word = word.lower()
                if word in self._en_words and word != "a":
                    out.add(float(self._en_words[word]))
        return out

    # -- finding -------------------------------------------------------------------------
    def find(self, text: str, lang: str) -> list[Quantity]:
        """Sizes and counts in text, sorted by start, non-overlapping (sizes win)."""
        lang = "zh" if lang.lower().startswith("zh") else lang.lower()
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
        found = self._memo.get(("find", text, lang))
        if found is None:
            found = self._remember(("find", text, lang), tuple(self._find(text, lang)))
        return list(found)  # type: ignore[arg-type]

    def _find(self, text: str, lang: str) -> list[Quantity]:
        norm = _halfwidth(text)
        found = self._sizes(text, norm, lang)
        counts = self._en_counts(text, norm) if lang == "en" else self._zh_counts(text, norm)
        taken = [(q.start, q.end) for q in found]
        for q in counts:
            if all(q.end <= s or q.start >= e for s, e in taken):
                found.append(q)
                taken.append((q.start, q.end))
        return sorted(found, key=lambda q: (q.start, q.end))

    def _qualifier_of(self, match: re.Match[str], lang: str) -> str:
        q = match["q"]
        return self._qualifier[lang][_normalise_key(q)] if q else "exact"

    def _blocked_before(self, norm: str, start: int) -> bool:
        before = norm[max(0, start - 6):start].rstrip(" \u00a0")
        return before.endswith(self._prefix_stops)

    def _sizes(self, text: str, norm: str, lang: str) -> list[Quantity]:
        out: list[Quantity] = []
        if not self._size_hint_re.search(norm):
            return out
        for m in _scan(self._size_re[lang], self._size_starts[lang], norm):
            unit = m["unit"]
            factor = self._unit_factor.get(unit) or self._unit_factor[unit.lower()]
            value = Decimal(m["num"].replace(",", "")) * factor
            out.append(Quantity("size", m.start(), m.end(), text[m.start():m.end()], float(value),
                                self._qualifier_of(m, lang), text[m.start("num"):m.end()], None))
        return out

    def _en_counts(self, text: str, norm: str) -> list[Quantity]:
        out = []
        for m in _scan(self._en_count_re, self._en_count_starts, norm):
            num = m["num"]
            if self._blocked_before(norm, m.start("num")):
                continue
            value = self._parse_en(" ".join(num.split()))
            if value is None:
                continue
            start, m_q = m.start(), None
            if num[:2].lower() == "a " and not m["q"]:  # "half a million", "a quarter of a million"
                fraction = self._en_fraction_re.search(norm, max(0, m.start("num") - 24), m.start("num"))
                if fraction:
                    value *= self._en_fractions[_normalise_key(fraction["f"])]
                    start = fraction.start()
                    before = self._en_qualifier_before_re.search(norm, max(0, start - 30), start)
                    if before:  # "about half a million"
                        start = before.start()
                        m_q = self._qualifier["en"][_normalise_key(before["q"])]
            scaled = not re.fullmatch(_ARABIC, num)
            if not scaled and not m["q"] and _YEAR.fullmatch(num):
                continue  # "in 2023 hackers ..." is a year, "over 2000 patients" is not
            if self._en_stopped_after(norm, m.end()):
                continue  # "40 percent", "5.8 billion dollars", "30 days"
            qualifier, head_end = m_q or self._qualifier_of(m, "en"), m.end()
            suffix = self._en_suffix_re.match(norm, head_end)
            if suffix:  # "500 or more people"
                head_end = suffix.end()
                qualifier = self._en_suffix[_normalise_key(suffix["suffix"])] if qualifier == "exact" else qualifier
            noun_span = self._en_noun(norm, head_end)
            if noun_span is None:
                if not scaled or not re.match(r"[ \u00a0]{0,2}(?:[.,;:)]|$)", norm[head_end:head_end + 3]):
                    continue
                end, noun = head_end, None
            else:
                noun_start, end = noun_span
                noun = text[noun_start:end]
            out.append(Quantity("count", start, end, text[start:end], float(value),
                                qualifier, text[m.start("num"):m.end("num")], noun))
        return out

    def _en_stopped_after(self, norm: str, pos: int) -> bool:
        after = norm[pos:pos + 24].lstrip(" \u00a0").lower()
        if after.startswith("%"):
            return True
        words = re.match(r"([a-z]{1,12})(?: ([a-z]{1,12}))?", after)
        if not words:
            return False
        return words[1] in self._en_suffix_stops or f"{words[1]} {words[2]}" in self._en_suffix_stops

    def _en_noun(self, norm: str, pos: int) -> tuple[int, int] | None:
        """(start, end) of the people/record noun phrase after a number, or None."""
        conn = self._en_connector_re.match(norm, pos)
        if conn:
            pos = conn.end()
        best_end: int | None = None
        first_word: tuple[int, int, str] | None = None
        words_after_noun = 0
        prev = ""
        for i in range(_EN_MAX_WORDS):
            m = _EN_WORD.match(norm, pos)
            if not m:
                break
            word = m[1].lower().rstrip("'’")
            word = word[:-2] if word.endswith(("'s", "’s")) else word
            if word in self._en_breakers or word in self._en_suffix_stops:
                break
            if first_word is None:
                first_word = (m.start(1), m.end(1), word)
            pair = f"{prev} {word}" if i else word
            if word in self._en_nouns or pair in self._en_nouns:
                best_end, words_after_noun = m.end(1), 0
            elif best_end is None and i + 1 >= _EN_FIRST_NOUN:
                break
            elif best_end is not None:
                words_after_noun += 1
                if words_after_noun > 2:
                    break
            prev = word
            pos = m.end()
        if first_word is None:
            return None
        if best_end is not None:
            return first_word[0], best_end
        if not conn and _PLURAL.fullmatch(first_word[2]) and norm[first_word[0]].islower():
            return first_word[0], first_word[1]  # "62 operations": a count of something; callers decide
        return None

    def _zh_counts(self, text: str, norm: str) -> list[Quantity]:
        out = []
        for m in _scan(self._zh_count_re, self._zh_count_starts, norm):
            num, cls, qualifier = m["num"], m["cls"], self._qualifier_of(m, "zh")
            if self._blocked_before(norm, m.start("num")):
                continue
            value = self._parse_zh(num)
            if value is None:
                continue
            if num[0] not in self._zh_digits and not num[0].isdigit() and norm[m.start("num") - 1:m.start("num")] in self._zh_vague:
                continue  # 數百個受害者: "hundreds of victims"
            if len(num) == 1 and num in self._zh_digits:
                continue  # a lone 一/三 is too often part of a word ("統一名單")
            if not m["q"] and num[0] in self._zh_implicit and not cls:
                continue  # "千萬不要", "萬一"
            if not m["q"] and _YEAR.fullmatch(num):
                continue
            after_num = m.end("inner") if m["inner"] else m.end("num")
            if norm.startswith(self._zh_suffix_stops, after_num):
                continue
            if cls and norm.startswith(self._zh_suffix_stops, m.end("cls")):
                continue  # "3個月"
            if cls and self._zh_noun_at(norm, m.start("cls")):
                cls = None  # "500萬個人資料": 個 starts the noun, it is not a classifier
            for where in ("inner", "outer"):
                if m[where] and qualifier == "exact":
                    qualifier = self._zh_suffix[where][m[where]]
            if m["outer"]:
                head_end = m.end("outer")
            else:
                head_end = m.end("cls") if cls else after_num
            noun_span = self._zh_noun(norm, head_end, _ZH_FIRST_NOUN_CLS if cls else _ZH_FIRST_NOUN_BARE)
            if noun_span is not None:
                end, noun = noun_span[1], text[noun_span[0]:noun_span[1]]
            elif cls and not self._zh_classifiers[m["cls"]]:
                end, noun = head_end, None
            elif not cls and any(c in self._zh_big for c in num) and not _WORD_CHAR.match(norm, head_end):
                end, noun = head_end, None  # "受影響人數達兩百萬。"
            else:
                continue
            out.append(Quantity("count", m.start(), end, text[m.start():end], float(value),
                                qualifier, text[m.start("num"):m.end("num")], noun))
        return out

    def _zh_noun_at(self, norm: str, pos: int) -> bool:
        """Whether a count noun starts at `pos` (only those with the character there can)."""
        by_first = self._zh_nouns_by_first
        nouns = self._zh_nouns if by_first is None else by_first.get(norm[pos:pos + 1], ())
        return any(norm.startswith(n, pos) for n in nouns)

    def _zh_noun(self, norm: str, pos: int, first_limit: int) -> tuple[int, int] | None:
        run = _ZH_RUN.match(norm, pos)
        if not run:
            return None
        chars = run.group()
        numerals = self._zh_numeral_chars
        for i, ch in enumerate(chars):
            if ch in numerals or (i and ch in self._zh_noun_stops):  # "受害者" starts with 受
                chars = chars[:i]
                break
        first: int | None = None
        best_end = 0
        by_first = self._zh_nouns_by_first
        for i in range(len(chars)):
            for noun in by_first.get(chars[i], ()) if by_first is not None else self._zh_nouns:
                if chars.startswith(noun, i):
                    first = i if first is None else first
                    best_end = max(best_end, i + len(noun))
                    break
        if first is None or first > first_limit:
            return None
        return pos, pos + best_end


@lru_cache(maxsize=1)
def default_grammar() -> QuantityGrammar:
    """The grammar from the packaged data file, loaded once per process."""
    return QuantityGrammar.load()


def parse_number(s: str) -> float | None:
    """"13,000" -> 13000.0, "1.3萬" -> 13000.0, "9.8 million" -> 9800000.0; None if not a number."""
    return default_grammar().parse_number(s)


# -- one normaliser for both languages ------------------------------------------------------

#: how far two figures may differ and still be the same one (rounding in translation)
TOLERANCE = 0.02
_HAN_CHAR = re.compile(f"[{_HAN}]")


@dataclass(frozen=True)
class Amount:
    """A quantity reduced to what translation must preserve: a value in a base unit (bytes for
    sizes, items for counts) and that unit. "1,500 GB" and "1.5兆位元組" are the same Amount."""

    value: float
    dimension: str  # "bytes" | "count"
    qualifier: str = "exact"

    def same(self, other: "Amount", tolerance: float = TOLERANCE) -> bool:
        """Equal value in the same dimension; qualifiers do not count ("about 1.3 TB" == "1.3TB")."""
        if self.dimension != other.dimension:
            return False
        return abs(self.value - other.value) <= tolerance * max(abs(self.value), abs(other.value), 1.0)


def amount_of(q: Quantity) -> Amount:
    return Amount(q.value, "bytes" if q.kind == "size" else "count", q.qualifier)


def text_lang(text: str) -> str:
    """'zh' when the text has a Han character, else 'en': enough to pick a grammar."""
    return "zh" if _HAN_CHAR.search(text) else "en"


def normalise(text: str, lang: str | None = None, grammar: QuantityGrammar | None = None) -> Amount | None:
    """The one Amount a short expression states, in either language, or None.

    "約1.3 TB" -> 1.3e12 bytes (approx); "逾1.3萬名病人" -> 13000 (more_than); "13,000" -> 13000.
    """
    grammar = grammar or default_grammar()
    lang = lang or text_lang(text)
    found = grammar.find(text, lang)
    if found:
        return amount_of(found[0])
    qualifier, rest = "exact", _halfwidth(text).strip()
    # a lone figure such as "１３，０００": here the full-width comma can only separate thousands
    rest = re.sub("(?<=[0-9])\uff0c(?=[0-9]{3})", ",", rest)
    table = grammar._qualifier["zh" if lang.startswith("zh") else "en"]
    for word in sorted(table, key=len, reverse=True):  # "大約" before "約"
        if rest.lower().startswith(word) and (lang.startswith("zh") or rest[len(word):len(word) + 1] in " \u00a0"):
            qualifier, rest = table[word], rest[len(word):].strip()
            break
    value = grammar.parse_number(rest)
    return None if value is None else Amount(value, "count", qualifier)


def amounts(text: str, lang: str, grammar: QuantityGrammar | None = None) -> list[tuple[Quantity, Amount]]:
    """Every size and count in a passage, with its normalised Amount, in text order."""
    grammar = grammar or default_grammar()
    return [(q, amount_of(q)) for q in grammar.find(text, lang)]
