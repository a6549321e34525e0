"""One record -> one MISP event in MISP's JSON core format (`{"Event": {...}}`), as
MISP's "Add event from JSON" import and PyMISP's `MISPEvent.load` accept it.

- Event: `info` (victim and actor), `date` (a fixed epoch date: a record has no date),
  `analysis` 2 (complete), `threat_level_id` 4 (undefined), `distribution` 0 (this
  organisation only: the importer decides how far to share), unpublished.
- Attributes: each actor as `threat-actor` (category Attribution; the Chinese form in the
  comment), the data size as `size-in-bytes` and the record count as `counter` (category
  Other; the phrases in both languages in the comment), each data type, the encryption and
  ransom status and each inconsistency as `text` (category Other).
- Object: the victim as MISP's `victim` template (name as `target-org` in both languages,
  country as `target-location` with the ISO code, `sectors`, `classification` organization).
- Tags: `extractor:ransom="paid"`, `extractor:encryption="true"`, `extractor:sector="..."`.

Every uuid is a UUIDv5 of the event uuid (itself from the article's SHA-256) and the
attribute's content, so re-importing an article updates the event instead of copying it.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from extractor.formats import Record, country_names, name_of, sector_terms, uuid_for

__all__ = ["EPOCH_DATE", "to_event", "to_misp"]

EPOCH_DATE = "1970-01-01"
#: MISP's `victim` object template (misp-objects/objects/victim/definition.json)
VICTIM_TEMPLATE = ("a8806e40-39ad-435f-be02-ac2a13d6fc7d", "10")


def _attribute(event: str, kind: str, category: str, value: str, comment: str = "",
               relation: str | None = None) -> dict[str, Any]:
    attr: dict[str, Any] = {
        "uuid": uuid_for("misp-attribute", event, relation or "", kind, value),
        "type": kind, "category": category, "value": value, "to_ids": False,
        "distribution": "5", "comment": comment, "disable_correlation": kind == "text",
    }
    if relation is not None:
        attr["object_relation"] = relation
    return attr


def _pair(en: str | None, zh: str | None) -> str:
    return " / ".join(x for x in dict.fromkeys((en, zh)) if x)


def to_event(record: Record, *, date: str = EPOCH_DATE) -> dict[str, Any]:
    """The MISP event for one record, as a dict in a stable order."""
    facts = record.get("facts") or {}
    source = record.get("source") or {}
    digest = source.get("sha256") or hashlib.sha256(
        json.dumps(facts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    event = uuid_for("misp-event", digest)
    attrs: list[dict[str, Any]] = []

    for item in facts.get("actor") or []:
        if name_of(item):
            zh = item.get("zh")
            attrs.append(_attribute(event, "threat-actor", "Attribution", name_of(item),
                                    f"zh: {zh}" if zh and zh != name_of(item) else ""))
    for field, key, kind in (("data_size", "bytes", "size-in-bytes"), ("record_count", "value", "counter")):
        pair = facts.get(field)
        if pair:
            best = pair.get("en") or pair.get("zh")
            said = "; ".join(f"{side}: {pair[side]['text']}" for side in ("en", "zh") if pair.get(side))
            attrs.append(_attribute(event, kind, "Other", str(int(best[key])),
                                    f"{field} ({best['qualifier']}); {said}"))
    for item in facts.get("data_types") or []:
        attrs.append(_attribute(event, "text", "Other", _pair(item.get("en"), item.get("zh")),
                                f"leaked data type ({item['category']})"))
    if facts.get("encryption") is not None:
        attrs.append(_attribute(event, "text", "Other", f"encryption: {str(facts['encryption']).lower()}",
                                "systems were encrypted" if facts["encryption"] else "no systems were encrypted"))
    if facts.get("ransom") is not None:
        attrs.append(_attribute(event, "text", "Other", f"ransom: {facts['ransom']}", "ransom status"))
    for item in record.get("inconsistencies") or []:
        attrs.append(_attribute(event, "text", "Other", item["message"], f"inconsistency ({item['field']})"))

    objects = []
    victims = facts.get("victim") or []
    country = facts.get("country") or {}
    sector = facts.get("sector") or {}
    if victims and name_of(victims[0]) or country.get("code") or sector.get("norm"):
        obj_uuid = uuid_for("misp-object", event, "victim")
        inner = []
        v = victims[0] if victims else {}
        for name in dict.fromkeys(x for x in (v.get("en"), v.get("zh")) if x):
            inner.append(_attribute(obj_uuid, "target-org", "Targeting data", name, relation="name"))
        if country.get("code"):
            code = country["code"]
            inner.append(_attribute(obj_uuid, "target-location", "Targeting data", code,
                                    country_names().get(code, code), relation="regions"))
        if sector.get("norm"):
            word = sector_terms().get(sector["norm"], {}).get("misp") or sector["norm"]
            inner.append(_attribute(obj_uuid, "text", "Other", word, _pair(sector.get("en"), sector.get("zh")),
                                    relation="sectors"))
        inner.append(_attribute(obj_uuid, "text", "Other", "organization", relation="classification"))
        objects.append({
            "uuid": obj_uuid, "name": "victim", "meta-category": "misc",
            "description": "Victim object describes the target of an attack or abuse.",
            "template_uuid": VICTIM_TEMPLATE[0], "template_version": VICTIM_TEMPLATE[1],
            "distribution": "5", "comment": "", "Attribute": inner,
        })

    tags = []
    if facts.get("ransom") is not None:
        tags.append({"name": f'extractor:ransom="{facts["ransom"]}"'})
    if facts.get("encryption") is not None:
        tags.append({"name": f'extractor:encryption="{str(facts["encryption"]).lower()}"'})
    if sector.get("norm"):
        tags.append({"name": f'extractor:sector="{sector["norm"]}"'})

    victim_name = name_of(victims[0]) if victims else None
    actor_names = [name_of(a) for a in facts.get("actor") or [] if name_of(a)]
    info = "Cyber incident" + (f": {victim_name}" if victim_name else "") + (
        f" ({', '.join(actor_names)})" if actor_names else "")
    return {"Event": {
        "uuid": event, "info": info, "date": date, "analysis": "2", "threat_level_id": "4",
        "distribution": "0", "published": False, "Attribute": attrs, "Object": objects, "Tag": tags,
    }}


def to_misp(record: Record, *, date: str = EPOCH_DATE, indent: int | None = 2) -> str:
    """The event as JSON text with a trailing newline (compact with indent=None)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_event(record, date=date), indent=indent, ensure_ascii=False, separators=separators) + "\n"
