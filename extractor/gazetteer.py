"""A bilingual gazetteer of organisations: their English and Chinese names and their role.

models/data/organisations.tsv lists public bodies, regulators, police, CERTs, outlets, security
firms and companies that incident reports name, each with every form articles use (HKEX,
香港交易所, 港交所). The recognisers read it to give a victim's name in both languages, to pair
an English name with its Chinese one, and to know that a regulator, the police or an outlet that
reports an incident is not its victim. Users add their own file with the `EXTRACTOR_GAZETTEER`
environment variable (a path; several separated by the OS path separator), same columns.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ModelDataInvalid
from extractor.lexicon import SECTORS, load_tsv
from extractor.script import to_simplified

COLUMNS = ("key", "lang", "name", "role", "country", "sector")
ROLES = frozenset({"company", "public_body", "hospital", "school", "ngo", "regulator", "police", "cert",
                   "outlet", "security_firm", "government"})
#: roles of organisations that report, investigate or regulate an incident: never its victim
#: unless the article says they were breached themselves
BYSTANDER_ROLES = frozenset({"regulator", "police", "cert", "outlet", "security_firm"})
ENV_VAR = "EXTRACTOR_GAZETTEER"


@dataclass(frozen=True)
class Org:
    key: str
    role: str
    country: str
    sector: str | None
    names: dict[str, tuple[str, ...]] = field(compare=False)

    @property
    def bystander(self) -> bool:
        return self.role in BYSTANDER_ROLES


def _check(row: dict[str, str]) -> str | None:
    if row["role"] not in ROLES:
        return f"role {row['role']!r} is not one of {sorted(ROLES)}"
    if row["sector"] != "-" and row["sector"] not in SECTORS:
        return f"sector {row['sector']!r} is not one of {sorted(SECTORS)} or -"
    return None


class Gazetteer:
    """Look-ups by name: English case-insensitively, Chinese exactly (Traditional or Simplified)."""

    def __init__(self, orgs: list[Org]) -> None:
        self.orgs = orgs
        self._by_name: dict[tuple[str, str], Org] = {}
        for org in orgs:
            for name in org.names.get("en", ()):
                self._by_name.setdefault(("en", name.casefold()), org)
            for name in org.names.get("zh", ()):
                self._by_name.setdefault(("zh", name), org)
                self._by_name.setdefault(("zh", to_simplified(name)), org)
        self._zh_lengths = sorted({len(n) for lang, n in self._by_name if lang == "zh"}, reverse=True)

    def find(self, name: str, lang: str = "en") -> Org | None:
        """The organisation a name denotes, if the gazetteer knows it."""
        if lang == "en":
            return self._by_name.get(("en", name.casefold()))
        return self._by_name.get(("zh", name)) or self._by_name.get(("en", name.casefold()))

    def zh_names_in(self, text: str) -> list[tuple[int, int, Org]]:
        """Every Chinese gazetteer name in `text`, left to right, the longest at each place (what
        an alternation of the names, longest first, finds; a set look-up per length and place,
        where compiling that alternation took most of a second)."""
        out = []
        i, n = 0, len(text)
        while i < n:
            for k in self._zh_lengths:
                org = self._by_name.get(("zh", text[i:i + k])) if i + k <= n else None
                if org is not None:
                    out.append((i, i + k, org))
                    i += k
                    break
            else:
                i += 1
        return out


def _orgs(paths: list[Path]) -> list[Org]:
    rows: dict[str, dict] = {}
    seen: dict[tuple[str, str], tuple[str, Path]] = {}
    for path in paths:
        for row in load_tsv(path, COLUMNS, key=("lang", "name"), check=_check):
            name_key = (row["lang"], row["name"].casefold() if row["lang"] == "en" else row["name"])
            if name_key in seen and seen[name_key][0] != row["key"]:
                raise ModelDataInvalid(f"{path}: {row['name']!r} names both {seen[name_key][0]!r} "
                                       f"({seen[name_key][1].name}) and {row['key']!r}")
            seen[name_key] = (row["key"], path)
            org = rows.setdefault(row["key"], {"role": row["role"], "country": row["country"],
                                               "sector": None if row["sector"] == "-" else row["sector"],
                                               "names": {"en": [], "zh": []}})
            org["names"][row["lang"]].append(row["name"])
    return [Org(key, o["role"], o["country"], o["sector"], {k: tuple(v) for k, v in o["names"].items()})
            for key, o in rows.items()]


def user_files() -> list[Path]:
    """Gazetteer files a user adds with the EXTRACTOR_GAZETTEER environment variable."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def load_gazetteer(data_dir: Path, extra: list[Path] | None = None) -> Gazetteer:
    """The packaged organisations.tsv (if present) and the user's files, in that order."""
    packaged = data_dir / "organisations.tsv"
    paths = ([packaged] if packaged.exists() else []) + list(user_files() if extra is None else extra)
    return Gazetteer(_orgs(paths))
