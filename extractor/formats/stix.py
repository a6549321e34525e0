"""One record -> one STIX 2.1 bundle (plain dicts; checked by `stix2-validator` in the tests).

What goes where:

- `report`: the article. Its `object_refs` list everything below. The facts that STIX has no
  object for travel in a property extension (spec 7.3), `extensions[EXTENSION_ID]` with
  `extension_type` `property-extension`, defined by the bundle's `extension-definition`:
  `data_size` (`bytes`, `qualifier`, `en`, `zh`), `record_count` (`value`, ...), `data_types`
  (`en`, `zh`, `category`), `encryption` (true / false; absent when unknown), `ransom`
  (`demanded` / `refused` / `paid`), `sector` (the normalised sector) and `source_sha256`.
  The victim's identity carries `sector` the same way.
- `note`: the same facts as readable text in both languages, attached to the report and victim.
- `intrusion-set`: each actor (its English name; the Chinese one in a `language-content`).
- `identity` (`identity_class` organization): the victim, with `sectors` from the
  industry-sector-ov where the sector maps (`extractor/formats/sectors.tsv`).
- `location`: the victim's country (`country` = ISO 3166-1 alpha-2 code).
- `relationship`: intrusion-set `targets` identity and location; identity `located-at` location.
- `language-content` (spec 7.1): the Chinese names of the actor, victim and country. The key
  is a region tag (zh-TW, zh-HK, zh-MO for Traditional; zh-CN, zh-SG for Simplified), not
  zh-Hant / zh-Hans: the OASIS validator accepts only the language codes on its list, and that
  list has no script subtags.
- `identity` (`identity_class` system) named extractor: `created_by_ref` of every object.

Determinism: every id is a UUIDv5 of the object's identifying content (an actor's or
victim's name, a country code, the article's SHA-256), so the same article always gives the
same bundle and two articles about one group share its intrusion-set. A record has no date,
so `created`, `modified` and `published` are a fixed epoch (`EPOCH`) unless the caller passes
a timestamp: byte-identical output matters more here than a wall-clock time that platforms
record on import anyway.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from extractor.formats import RecordLike, country_names, fact_rows, sector_terms, uuid_for, zh_tag
from extractor.model import Facts, Record, as_record

__all__ = ["EPOCH", "EXTENSION_ID", "to_bundle", "to_stix"]

EPOCH = "1970-01-01T00:00:00.000Z"
SPEC = "2.1"
EXTENSION_VERSION = "1.0.0"
TOOL_ID = f"identity--{uuid_for('identity', 'system', 'extractor')}"
EXTENSION_ID = f"extension-definition--{uuid_for('extension-definition', 'incident-facts', EXTENSION_VERSION)}"
_EXTENSION_SCHEMA = (
    "Property extension of report and identity objects. report: data_size {bytes: integer, qualifier: "
    "approx|more_than|up_to|exact, en: string|null, zh: string|null}; record_count {value: number, qualifier, en, "
    "zh}; data_types [{en, zh, category}]; encryption: boolean; ransom: demanded|refused|paid; sector: string; "
    "source_sha256: hex string. identity: sector: string. Absent properties are unknown.")


def _id(kind: str, *parts: object) -> str:
    return f"{kind}--{uuid_for(kind, *parts)}"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class _Bundle:
    def __init__(self, created: str, author: str) -> None:
        self.created, self.author = created, author
        self.objects: list[dict[str, Any]] = []

    def add(self, kind: str, ident: str, **props: Any) -> dict[str, Any]:
        obj: dict[str, Any] = {"type": kind, "spec_version": SPEC, "id": ident,
                               "created": self.created, "modified": self.created}
        if self.author and ident != self.author:
            obj["created_by_ref"] = self.author
        obj.update({k: v for k, v in props.items() if v is not None})
        self.objects.append(obj)
        return obj

    def relate(self, source: str, kind: str, target: str) -> None:
        self.add("relationship", _id("relationship", source, kind, target),
                 relationship_type=kind, source_ref=source, target_ref=target)

    def translate(self, obj: dict[str, Any], tag: str, contents: dict[str, str]) -> None:
        contents = {k: v for k, v in contents.items() if v and v != obj.get(k)}
        if not contents:
            return
        self.add("language-content", _id("language-content", obj["id"], tag, json.dumps(contents, sort_keys=True)),
                 object_ref=obj["id"], object_modified=obj["modified"], contents={tag: contents})


def _summary(record: Record, lang: str) -> str:
    """One line per fact, in one language (the detail column is language-neutral)."""
    lines = []
    for field, en, zh, detail in fact_rows(record):
        value = en if lang == "en" else zh
        if value is None and not detail:
            continue
        lines.append(f"{field}: {value if value is not None else '—'}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines)


def _digest(rec: Record) -> str:
    """The article's SHA-256, else one of its facts (a record made by hand may have no source)."""
    return rec.source.sha256 or hashlib.sha256(
        json.dumps(rec.facts.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _header(created: str) -> _Bundle:
    """A bundle holding the tool's identity and the extension definition."""
    b = _Bundle(created, TOOL_ID)
    b.add("identity", TOOL_ID, name="extractor", identity_class="system",
          description="Bilingual cyber-incident record extractor (English / Traditional Chinese).")
    b.add("extension-definition", EXTENSION_ID, name="extractor incident facts",
          description="Facts of a data-theft or ransomware incident that STIX has no object for.",
          schema=_EXTENSION_SCHEMA, version=EXTENSION_VERSION, extension_types=["property-extension"])
    return b


def _actors(b: _Bundle, facts: Facts, tag: str) -> list[str]:
    """An intrusion-set per named actor; their ids."""
    actors = []
    for item in facts.actor:
        name = item.value
        if not name:
            continue
        obj = b.add("intrusion-set", _id("intrusion-set", _key(str(name))), name=name)
        b.translate(obj, tag, {"name": item.zh.text})
        actors.append(obj["id"])
    return actors


def _victim(b: _Bundle, facts: Facts, tag: str) -> dict[str, Any] | None:
    """The first victim as an organization identity, with its sector."""
    if not facts.victim or not facts.victim[0].value:
        return None
    v, sector = facts.victim[0], facts.sector
    name = str(v.value)
    stix_sector = sector_terms().get(str(sector.value), {}).get("stix") if sector else None
    victim = b.add("identity", _id("identity", "organization", _key(name)), name=name,
                   identity_class="organization", sectors=[stix_sector] if stix_sector else None,
                   extensions=_extension({"sector": sector.value}) if sector else None)
    b.translate(victim, tag, {"name": v.zh.text})
    return victim


def _location(b: _Bundle, facts: Facts, tag: str) -> dict[str, Any] | None:
    """The victim's country as a location."""
    country = facts.country
    if not country or not country.value:
        return None
    code = str(country.value)
    location = b.add("location", _id("location", "country", code), name=country_names().get(code, code), country=code)
    b.translate(location, tag, {"name": country.zh.text})
    return location


def to_bundle(record: RecordLike, *, created: str = EPOCH) -> dict[str, Any]:
    """The STIX 2.1 bundle for one record, as a dict in a stable order."""
    rec = as_record(record)
    facts, tag, digest = rec.facts, zh_tag(rec), _digest(rec)
    b = _header(created)
    actors = _actors(b, facts, tag)
    victim = _victim(b, facts, tag)
    location = _location(b, facts, tag)
    for actor in actors:
        for target in (victim, location):
            if target is not None:
                b.relate(actor, "targets", target["id"])
    if victim is not None and location is not None:
        b.relate(victim["id"], "located-at", location["id"])

    report_id = _id("report", digest)
    about = [report_id] + ([victim["id"]] if victim else [])
    summary_en, summary_zh = _summary(rec, "en"), _summary(rec, "zh")
    b.add("note", _id("note", report_id), abstract="Incident facts extracted from the article",
          content=summary_en + ("\n\n" + summary_zh if summary_zh and summary_zh != summary_en else ""),
          authors=["extractor"], object_refs=about)

    refs = [o["id"] for o in b.objects if o["id"] not in (TOOL_ID, EXTENSION_ID)]
    title = "Cyber incident" + (f": {victim['name']}" if victim else "") + (
        f" ({', '.join(o['name'] for o in b.objects if o['type'] == 'intrusion-set')})" if actors else "")
    report = {
        "type": "report", "spec_version": SPEC, "id": report_id, "created": created, "modified": created,
        "created_by_ref": TOOL_ID, "name": title, "description": summary_en, "report_types": ["threat-report"],
        "published": created, "object_refs": refs, "lang": "en", "extensions": _extension(_facts(facts, digest)),
    }
    objects = [report, *b.objects]
    bundle_id = f"bundle--{uuid_for('bundle', json.dumps(objects, sort_keys=True, ensure_ascii=False))}"
    return {"type": "bundle", "id": bundle_id, "objects": objects}


def _extension(props: dict[str, Any]) -> dict[str, Any]:
    return {EXTENSION_ID: {"extension_type": "property-extension", **props}}


def _facts(facts: Facts, digest: str) -> dict[str, Any]:
    """The report's property extension: the facts STIX has no object for."""
    out: dict[str, Any] = {}
    for spec, found in facts.slots():
        if spec.kind == "quantity" and found:
            q = found[0]
            out[spec.field] = {spec.key: q.best.number, "qualifier": q.best.qualifier, "en": q.en.text, "zh": q.zh.text}
    if facts.data_types:
        out["data_types"] = [{"en": d.en.text, "zh": d.zh.text, "category": d.value} for d in facts.data_types]
    for verdict in (facts.encryption, facts.ransom):
        if verdict.value is not None:
            out[verdict.field] = verdict.value
    if facts.sector:
        out["sector"] = facts.sector.value
    out["source_sha256"] = digest
    return out


def to_stix(record: RecordLike, *, created: str = EPOCH, indent: int | None = 2) -> str:
    """The bundle as JSON text with a trailing newline (compact with indent=None)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_bundle(record, created=created), indent=indent, ensure_ascii=False,
                      separators=separators) + "\n"
