"""The facts the matcher uses, read from attributes that link rows to the core taxonomy.

A service's facts come from attributes on the service itself; features may also sit on a location (then
they hold for that location only). Terms that are not core terms give no fact: unknown, never invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.hours import ScheduleRule
from app.core.models import Attribute, Schedule, Service, ServiceAtLocation, TaxonomyTerm


@dataclass(slots=True)
class ServiceFacts:
    needs: set[str] = field(default_factory=set)
    eligibility: dict[str, set[str]] = field(default_factory=dict)  # group -> codes
    features: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


def service_facts(session: Session, service_ids: Iterable[str]) -> dict[str, ServiceFacts]:
    ids = list(service_ids)
    facts: dict[str, ServiceFacts] = {sid: ServiceFacts() for sid in ids}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Attribute.link_id, TaxonomyTerm.core_key, TaxonomyTerm.term_group)
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(
                Attribute.link_entity == "service",
                Attribute.link_id.in_(ids[start : start + 500]),
                TaxonomyTerm.core_key.is_not(None),
            )
        )
        for link_id, key, group in rows:
            _add(facts[link_id], key, group)
    return facts


def location_features(session: Session, location_ids: Iterable[str]) -> dict[str, set[str]]:
    ids = list(location_ids)
    found: dict[str, set[str]] = {lid: set() for lid in ids}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Attribute.link_id, TaxonomyTerm.core_key)
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(
                Attribute.link_entity == "location",
                Attribute.link_id.in_(ids[start : start + 500]),
                TaxonomyTerm.core_key.like("features:%"),
            )
        )
        for link_id, key in rows:
            found[link_id].add(key.split(":", 1)[1])
    return found


def _add(facts: ServiceFacts, key: str, group: str | None) -> None:
    taxonomy, code = key.split(":", 1)
    if taxonomy == "needs":
        facts.needs.add(code)
    elif taxonomy == "eligibility":
        facts.eligibility.setdefault(group or code, set()).add(code)
    elif taxonomy == "features":
        facts.features.add(code)
    elif taxonomy == "documents":
        facts.documents.add(code)


def schedule_rules(service: Service, sal: ServiceAtLocation | None) -> list[ScheduleRule]:
    """The most specific hours: those of this service at this place, else the service's own, else the
    place's hours."""
    candidates: list[list[Schedule]] = []
    if sal is not None:
        candidates.append(list(sal.schedules))
    candidates.append([s for s in service.schedules if s.service_at_location_id is None])
    if sal is not None and sal.location is not None:
        candidates.append([s for s in sal.location.schedules if s.service_id is None])
    for schedules in candidates:
        if schedules:
            return [
                ScheduleRule(s.byday, s.opens_at, s.closes_at, s.freq, s.timezone, s.valid_from, s.valid_to)
                for s in schedules
            ]
    return []


def cost_status(service: Service, features: set[str]) -> bool | None:
    """Free when any cost option is 0 or the `free` feature is set; paid when every option is above 0;
    otherwise unknown (None)."""
    amounts = [c.amount for c in service.cost_options]
    if "free" in features or any(a == 0 for a in amounts if a is not None):
        return True
    if amounts and all(a is not None and a > 0 for a in amounts):
        return False
    return None
