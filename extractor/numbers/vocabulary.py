"""models/data/quantities.json, validated: the words of the quantity grammar (units, qualifiers,
numerals, count nouns, stop words). Errors name the file and the key, as ModelDataInvalid."""
from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any, Mapping

from extractor.errors import ModelDataInvalid
from extractor.numbers.forms import normalise_key

SCHEMA = "extractor.quantities.v1"
QUALIFIERS = ("approx", "more_than", "up_to")
LANGS = ("en", "zh")


def invalid(message: str) -> ModelDataInvalid:
    """The error for a problem in quantities.json."""
    return ModelDataInvalid(f"quantities.json: {message}; fix the data file or reinstall the models")


def _str_list(obj: Any, where: str, *, single_char: bool = False) -> list[str]:
    if not isinstance(obj, list) or not all(isinstance(s, str) and s.strip() for s in obj):
        raise invalid(f"{where} must be a list of non-empty strings")
    if len(set(obj)) != len(obj):
        dupes = sorted({s for s in obj if obj.count(s) > 1})
        raise invalid(f"{where} repeats {dupes}")
    if single_char and any(len(s) != 1 for s in obj):
        raise invalid(f"{where} must hold single characters")
    return list(obj)


def _is_int(value: Any, minimum: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= minimum


def _int_map(obj: Any, where: str, *, minimum: int = 1, single_char: bool = False) -> dict[str, int]:
    if not isinstance(obj, dict) or not obj:
        raise invalid(f"{where} must be a non-empty object")
    for key, value in obj.items():
        if not key.strip() or (single_char and len(key) != 1):
            raise invalid(f"{where} has a bad key {key!r}")
        if not _is_int(value, minimum):
            raise invalid(f"{where}[{key!r}] must be an integer >= {minimum}, got {value!r}")
    return dict(obj)


def _section(data: Mapping[str, Any], key: str, kind: type = dict) -> Any:
    if key not in data:
        raise invalid(f"missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise invalid(f"{key!r} must be a {kind.__name__}")
    return value


def _fraction(phrase: str, value: Any) -> Decimal:
    """A fraction of en_numerals.fractions, as a decimal string between 0 and 1."""
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except ArithmeticError:
        number = None
    if not phrase.strip() or number is None or not 0 < number < 1:
        raise invalid(f"en_numerals.fractions[{phrase!r}] must be a decimal string between 0 and 1, got {value!r}")
    return number


def _ambiguous_units(obj: Any) -> dict[str, list[int]]:
    """zh_numerals.ambiguous_units: 兆 is a million in mainland usage and a trillion in Taiwan's."""
    def ok(key: Any, values: Any) -> bool:
        return len(key) == 1 and isinstance(values, list) and bool(values) and all(_is_int(x, 2) for x in values)

    if not isinstance(obj, dict) or not all(ok(k, v) for k, v in obj.items()):
        raise invalid("zh_numerals.ambiguous_units must map single characters to lists of integers > 1")
    return dict(obj)


class Vocabulary:
    """Every word list of the grammar, checked. Attributes are read by the grammar's parts."""

    def __init__(self, data: dict) -> None:
        if not isinstance(data, dict):
            raise invalid("top level must be an object")
        if data.get("schema") != SCHEMA:
            raise invalid(f"schema must be {SCHEMA!r}, got {data.get('schema')!r}")
        self.data: dict = copy.deepcopy(data)  # kept for the spaCy component's to_disk
        self._load_sizes(_section(data, "size_units", list))
        quals = _section(data, "qualifiers")
        en_suffixes, zh_suffixes = _section(data, "en_qualifier_suffixes"), _section(data, "zh_qualifier_suffixes")
        self._load_qualifiers(quals)
        self._load_suffixes(en_suffixes, zh_suffixes)
        zh, en = _section(data, "zh_numerals"), _section(data, "en_numerals")
        self._load_zh_numerals(zh)
        self._load_en_numerals(en)
        self._load_nouns(data)
        self._load_stops(_section(data, "stop_markers"))

    def _load_sizes(self, units: list) -> None:
        self.unit_factor: dict[str, int] = {}  # exact form for abbrevs, lowercased for words
        self.abbrevs: list[str] = []
        self.unit_words: list[str] = []
        for i, unit in enumerate(units):
            where = f"size_units[{i}]"
            if not isinstance(unit, dict):
                raise invalid(f"{where} must be an object")
            factor = unit.get("factor")
            if not _is_int(factor, 1):
                raise invalid(f"{where}.factor must be a positive integer, got {factor!r}")
            abbrevs = _str_list(unit.get("abbrevs"), f"{where}.abbrevs") if unit.get("abbrevs") else []
            words = _str_list(unit.get("words"), f"{where}.words")
            for form, key in [(a, a) for a in abbrevs] + [(w, w.lower()) for w in words]:
                if key in self.unit_factor:
                    raise invalid(f"{where} repeats the unit {form!r}")
                self.unit_factor[key] = factor
            self.abbrevs += abbrevs
            self.unit_words += words
        if not self.unit_factor:
            raise invalid("size_units is empty")

    def _load_qualifiers(self, quals: dict) -> None:
        self.qualifier: dict[str, dict[str, str]] = {}  # lang -> normalised word -> qualifier
        for lang in LANGS:
            table = quals.get(lang)
            if not isinstance(table, dict) or set(table) != set(QUALIFIERS):
                raise invalid(f"qualifiers.{lang} must have exactly the keys {list(QUALIFIERS)}")
            mapping: dict[str, str] = {}
            for name in QUALIFIERS:
                for word in _str_list(table[name], f"qualifiers.{lang}.{name}"):
                    key = normalise_key(word)
                    if key in mapping:
                        raise invalid(f"qualifiers.{lang}: {word!r} is listed under {mapping[key]} and {name}")
                    mapping[key] = name
            self.qualifier[lang] = mapping

    def _load_suffixes(self, en_suffixes: dict, zh_suffixes: dict) -> None:
        if not en_suffixes or any(v not in QUALIFIERS or not k.strip() for k, v in en_suffixes.items()):
            raise invalid(f"en_qualifier_suffixes must map phrases to one of {list(QUALIFIERS)}")
        self.en_suffix = {normalise_key(k): v for k, v in en_suffixes.items()}
        self.zh_suffix: dict[str, dict[str, str]] = {}
        for where in ("inner", "outer"):
            table = zh_suffixes.get(where)
            if not isinstance(table, dict) or not table:
                raise invalid(f"zh_qualifier_suffixes.{where} must be a non-empty object")
            for word, name in table.items():
                if name not in QUALIFIERS or not word.strip():
                    raise invalid(f"zh_qualifier_suffixes.{where}[{word!r}] must name one of {list(QUALIFIERS)}")
            self.zh_suffix[where] = dict(table)

    def _load_zh_numerals(self, zh: dict) -> None:
        self.zh_digits = _int_map(zh.get("digits"), "zh_numerals.digits", minimum=0, single_char=True)
        self.zh_small = _int_map(zh.get("small_units"), "zh_numerals.small_units", single_char=True)
        self.zh_big = _int_map(zh.get("big_units"), "zh_numerals.big_units", single_char=True)
        self.zh_implicit = set(_str_list(zh.get("implicit_needs_context"), "zh_numerals.implicit_needs_context",
                                         single_char=True))
        # 一點三萬 = 1.3萬: the decimal point of spoken and written Chinese numerals
        self.zh_points = _str_list(zh.get("points"), "zh_numerals.points", single_char=True)
        # 數百 / 上萬 / 成千: "hundreds", "tens of thousands", not a figure
        self.zh_ambiguous = _ambiguous_units(zh.get("ambiguous_units"))
        self.zh_vague = frozenset(_str_list(zh.get("vague_prefixes"), "zh_numerals.vague_prefixes", single_char=True))
        chars = [*self.zh_digits, *self.zh_small, *self.zh_big, *self.zh_points]
        if len(set(chars)) != len(chars):
            raise invalid("zh_numerals: a character is listed twice across digits and units")
        if not self.zh_implicit <= set(self.zh_small) | set(self.zh_big):
            raise invalid("zh_numerals.implicit_needs_context must list unit characters only")

    def _load_en_numerals(self, en: dict) -> None:
        self.en_scales = {k.lower(): v for k, v in _int_map(en.get("scales"), "en_numerals.scales").items()}
        self.en_abbrevs = {k.lower(): v for k, v in _int_map(en.get("scale_abbrevs"), "en_numerals.scale_abbrevs").items()}
        self.en_words = {k.lower(): v for k, v in _int_map(en.get("words"), "en_numerals.words").items()}
        # "half a million": a fraction before "a <scale>", as decimal strings so 0.25 stays exact
        fractions = en.get("fractions")
        if not isinstance(fractions, dict) or not fractions:
            raise invalid("en_numerals.fractions must be a non-empty object")
        self.en_fractions: dict[str, Decimal] = {normalise_key(p): _fraction(p, v) for p, v in fractions.items()}

    def _load_nouns(self, data: Mapping[str, Any]) -> None:
        nouns = _section(data, "count_nouns")
        self.en_nouns = {normalise_key(n) for n in _str_list(nouns.get("en"), "count_nouns.en")}
        # Longest first, so "個人資料" is preferred over "人" at the same position.
        self.zh_nouns = sorted(_str_list(nouns.get("zh"), "count_nouns.zh"), key=lambda n: (-len(n), n))
        # the same nouns by first character, each list in that order (speed only)
        table: dict[str, list[str]] = {}
        for noun in self.zh_nouns:
            table.setdefault(noun[0], []).append(noun)
        self.zh_nouns_by_first: dict[str, tuple[str, ...]] = {c: tuple(group) for c, group in table.items()}
        classifiers = _section(data, "zh_classifiers")
        if not classifiers or not all(len(k) == 1 and isinstance(v, bool) for k, v in classifiers.items()):
            raise invalid("zh_classifiers must map single characters to true (needs a noun) or false")
        self.zh_classifiers: dict[str, bool] = dict(classifiers)
        self.zh_noun_stops = frozenset(_str_list(_section(data, "zh_noun_stops", list), "zh_noun_stops",
                                                 single_char=True))
        self.en_breakers = frozenset(w.lower() for w in _str_list(_section(data, "en_noun_breakers", list),
                                                                   "en_noun_breakers"))
        self.en_connectors = _str_list(_section(data, "en_connectors", list), "en_connectors")

    def _load_stops(self, stops: dict) -> None:
        self.prefix_stops = tuple(_str_list(stops.get("prefix"), "stop_markers.prefix"))
        suffix = stops.get("suffix")
        if not isinstance(suffix, dict) or set(suffix) != set(LANGS):
            raise invalid(f"stop_markers.suffix must have exactly the keys {list(LANGS)}")
        self.en_suffix_stops = frozenset(normalise_key(s) for s in _str_list(suffix["en"], "stop_markers.suffix.en"))
        self.zh_suffix_stops = tuple(sorted(_str_list(suffix["zh"], "stop_markers.suffix.zh"), key=len, reverse=True))

    # -- questions the readers of both languages ask -------------------------------------------
    def qualifier_of(self, match: re.Match[str], lang: str) -> str:
        """The qualifier a match's `q` group names, or "exact"."""
        q = match["q"]
        return self.qualifier[lang][normalise_key(q)] if q else "exact"

    def blocked_before(self, norm: str, start: int) -> bool:
        """Whether a stop marker ("No.", "#", "US$") stands just before a number at START."""
        before = norm[max(0, start - 6):start].rstrip(" \u00a0")
        return before.endswith(self.prefix_stops)
