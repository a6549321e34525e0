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

from extractor.formats import RecordLike, country_names, sector_terms, uuid_for
from extractor.model import Fact, Facts, Inconsistency, as_record

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


def _fact_attributes(event: str, facts: Facts) -> list[dict[str, Any]]:
    """Actors, data size and record count, data types, the verdicts: one attribute each."""
    attrs = [_attribute(event, "threat-actor", "Attribution", str(a.value),
                        f"zh: {a.zh.text}" if a.zh.text and a.zh.text != a.value else "")
             for a in facts.actor if a.value]
    for fact, kind in ((facts.data_size, "size-in-bytes"), (facts.record_count, "counter")):
        if fact:
            said = "; ".join(f"{s.lang}: {s.text}" for s in fact.sides if s.text is not None)
            attrs.append(_attribute(event, kind, "Other", str(int(fact.best.number or 0)),
                                    f"{fact.field} ({fact.best.qualifier}); {said}"))
    for item in facts.data_types:
        attrs.append(_attribute(event, "text", "Other", item.pair or "", f"leaked data type ({item.value})"))
    if facts.encryption.value is not None:
        attrs.append(_attribute(event, "text", "Other", f"encryption: {str(facts.encryption.value).lower()}",
                                "systems were encrypted" if facts.encryption.value else "no systems were encrypted"))
    if facts.ransom.value is not None:
        attrs.append(_attribute(event, "text", "Other", f"ransom: {facts.ransom.value}", "ransom status"))
    return attrs


def _victim_attributes(obj: str, facts: Facts) -> list[dict[str, Any]]:
    """The `victim` object's attributes: name in each language, region, sector, classification."""
    victim: Fact | None = facts.victim[0] if facts.victim else None
    names = dict.fromkeys(x for x in ((victim.en.text, victim.zh.text) if victim else ()) if x)
    inner = [_attribute(obj, "target-org", "Targeting data", name, relation="name") for name in names]
    if facts.country and facts.country.value:
        code = str(facts.country.value)
        inner.append(_attribute(obj, "target-location", "Targeting data", code, country_names().get(code, code),
                                relation="regions"))
    if facts.sector and facts.sector.value:
        norm = str(facts.sector.value)
        word = sector_terms().get(norm, {}).get("misp") or norm
        inner.append(_attribute(obj, "text", "Other", word, facts.sector.pair or "", relation="sectors"))
    inner.append(_attribute(obj, "text", "Other", "organization", relation="classification"))
    return inner


def _victim_object(event: str, facts: Facts) -> dict[str, Any] | None:
    """MISP's `victim` object: the first victim's names, the country and the sector."""
    named = bool(facts.victim and facts.victim[0].value)
    if not (named or facts.country and facts.country.value or facts.sector and facts.sector.value):
        return None
    obj_uuid = uuid_for("misp-object", event, "victim")
    return {
        "uuid": obj_uuid, "name": "victim", "meta-category": "misc",
        "description": "Victim object describes the target of an attack or abuse.",
        "template_uuid": VICTIM_TEMPLATE[0], "template_version": VICTIM_TEMPLATE[1],
        "distribution": "5", "comment": "", "Attribute": _victim_attributes(obj_uuid, facts),
    }


def _tags(facts: Facts) -> list[dict[str, str]]:
    tags = []
    if facts.ransom.value is not None:
        tags.append({"name": f'extractor:ransom="{facts.ransom.value}"'})
    if facts.encryption.value is not None:
        tags.append({"name": f'extractor:encryption="{str(facts.encryption.value).lower()}"'})
    if facts.sector and facts.sector.value:
        tags.append({"name": f'extractor:sector="{facts.sector.value}"'})
    return tags


def _inconsistency(event: str, item: Inconsistency) -> dict[str, Any]:
    return _attribute(event, "text", "Other", str(item.message), f"inconsistency ({item.field})")


def to_event(record: RecordLike, *, date: str = EPOCH_DATE) -> dict[str, Any]:
    """The MISP event for one record, as a dict in a stable order."""
    rec = as_record(record)
    facts = rec.facts
    digest = rec.source.sha256 or hashlib.sha256(
        json.dumps(facts.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    event = uuid_for("misp-event", digest)
    attrs = _fact_attributes(event, facts) + [_inconsistency(event, i) for i in rec.inconsistencies]
    victim = _victim_object(event, facts)
    victim_name = facts.victim[0].value if facts.victim else None
    actor_names = [str(a.value) for a in facts.actor if a.value]
    info = "Cyber incident" + (f": {victim_name}" if victim_name else "") + (
        f" ({', '.join(actor_names)})" if actor_names else "")
    return {"Event": {
        "uuid": event, "info": info, "date": date, "analysis": "2", "threat_level_id": "4",
        "distribution": "0", "published": False, "Attribute": attrs, "Object": [victim] if victim else [],
        "Tag": _tags(facts),
    }}


def to_misp(record: RecordLike, *, date: str = EPOCH_DATE, indent: int | None = 2) -> str:
    """The event as JSON text with a trailing newline (compact with indent=None)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_event(record, date=date), indent=indent, ensure_ascii=False, separators=separators) + "\n"
