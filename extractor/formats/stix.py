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

from extractor.formats import Record, country_names, fact_rows, name_of, sector_terms, uuid_for, zh_tag

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


def to_bundle(record: Record, *, created: str = EPOCH) -> dict[str, Any]:
    """The STIX 2.1 bundle for one record, as a dict in a stable order."""
    facts = record.get("facts") or {}
    tag = zh_tag(record)
    source = record.get("source") or {}
    digest = source.get("sha256") or hashlib.sha256(
        json.dumps(facts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    tool_id = TOOL_ID
    b = _Bundle(created, tool_id)
    b.add("identity", tool_id, name="extractor", identity_class="system",
          description="Bilingual cyber-incident record extractor (English / Traditional Chinese).")
    b.add("extension-definition", EXTENSION_ID, name="extractor incident facts",
          description="Facts of a data-theft or ransomware incident that STIX has no object for.",
          schema=_EXTENSION_SCHEMA, version=EXTENSION_VERSION, extension_types=["property-extension"])

    actors = []
    for item in facts.get("actor") or []:
        name = name_of(item)
        if not name:
            continue
        obj = b.add("intrusion-set", _id("intrusion-set", _key(name)), name=name)
        b.translate(obj, tag, {"name": item.get("zh")})
        actors.append(obj["id"])

    victim = None
    victims = facts.get("victim") or []
    sector = facts.get("sector") or None
    if victims and name_of(victims[0]):
        v = victims[0]
        stix_sector = sector_terms().get(sector["norm"], {}).get("stix") if sector else None
        victim = b.add("identity", _id("identity", "organization", _key(name_of(v))), name=name_of(v),
                       identity_class="organization", sectors=[stix_sector] if stix_sector else None,
                       extensions=_extension({"sector": sector["norm"]}) if sector else None)
        b.translate(victim, tag, {"name": v.get("zh")})

    location = None
    country = facts.get("country") or None
    if country and country.get("code"):
        code = country["code"]
        location = b.add("location", _id("location", "country", code), name=country_names().get(code, code), country=code)
        b.translate(location, tag, {"name": country.get("zh")})

    for actor in actors:
        for target in (victim, location):
            if target is not None:
                b.relate(actor, "targets", target["id"])
    if victim is not None and location is not None:
        b.relate(victim["id"], "located-at", location["id"])

    report_id = _id("report", digest)
    about = [report_id] + ([victim["id"]] if victim else [])
    summary_en, summary_zh = _summary(record, "en"), _summary(record, "zh")
    b.add("note", _id("note", report_id), abstract="Incident facts extracted from the article",
          content=summary_en + ("\n\n" + summary_zh if summary_zh and summary_zh != summary_en else ""),
          authors=["extractor"], object_refs=about)

    refs = [o["id"] for o in b.objects if o["id"] not in (tool_id, EXTENSION_ID)]
    title = "Cyber incident" + (f": {victim['name']}" if victim else "") + (
        f" ({', '.join(o['name'] for o in b.objects if o['type'] == 'intrusion-set')})" if actors else "")
    report = {
        "type": "report", "spec_version": SPEC, "id": report_id, "created": created, "modified": created,
        "created_by_ref": tool_id, "name": title, "description": summary_en, "report_types": ["threat-report"],
        "published": created, "object_refs": refs, "lang": "en", "extensions": _extension(_facts(facts, digest)),
    }
    objects = [report, *b.objects]
    bundle_id = f"bundle--{uuid_for('bundle', json.dumps(objects, sort_keys=True, ensure_ascii=False))}"
    return {"type": "bundle", "id": bundle_id, "objects": objects}


def _extension(props: dict[str, Any]) -> dict[str, Any]:
    return {EXTENSION_ID: {"extension_type": "property-extension", **props}}


def _facts(facts: Record, digest: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, key in (("data_size", "bytes"), ("record_count", "value")):
        pair = facts.get(field)
        if pair:
            best = pair.get("en") or pair.get("zh")
            out[field] = {
                key: best[key], "qualifier": best["qualifier"],
                "en": pair["en"]["text"] if pair.get("en") else None,
                "zh": pair["zh"]["text"] if pair.get("zh") else None,
            }
    if facts.get("data_types"):
        out["data_types"] = [
            {"en": d.get("en"), "zh": d.get("zh"), "category": d["category"]} for d in facts["data_types"]]
    if facts.get("encryption") is not None:
        out["encryption"] = facts["encryption"]
    if facts.get("ransom") is not None:
        out["ransom"] = facts["ransom"]
    if facts.get("sector"):
        out["sector"] = facts["sector"]["norm"]
    out["source_sha256"] = digest
    return out


def to_stix(record: Record, *, created: str = EPOCH, indent: int | None = 2) -> str:
    """The bundle as JSON text with a trailing newline (compact with indent=None)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_bundle(record, created=created), indent=indent, ensure_ascii=False,
                      separators=separators) + "\n"
