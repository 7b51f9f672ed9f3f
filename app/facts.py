"""The facts the matcher uses, read from attributes that link rows to the core taxonomy.

A service's facts come from attributes on the service itself; features may also sit on a location (then
they hold for that location only). Terms that are not core terms give no fact: unknown, never invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attribute, TaxonomyTerm


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
