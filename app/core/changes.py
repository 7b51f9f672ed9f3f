"""Which services a change touches, and the change-log rows that tell the indexer about them (and the HSDS
API's `modified_after` which services' records changed)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.core.models import (
    Attribute,
    ChangeLog,
    Location,
    Program,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from app.core.orm import utcnow
from app.core.tables import MODELS

# The session's notes of the services its transaction changed (`record_changes`): an engine that indexes in
# the directory's own transaction (`indexer/engines/postgres/follow.py`) reads them before the commit.
CHANGED_SERVICES = "carrefour_changed_services"

# Tables whose rows point at a service, a place, a service at a place or an organization (the columns they
# may use).
_LINKED = (
    "organization_identifier",
    "phone",
    "schedule",
    "language",
    "cost_option",
    "required_document",
    "service_area",
    "funding",
    "contact",
    "address",
    "accessibility",
)


def _batched(values: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def affected_services(session: Session, changed: dict[str, set[str]]) -> set[str]:
    """Every service whose search documents or HSDS record may differ after rows of `changed` ({table: ids})
    changed. A full service record nests its organization with the organization's phones, programs and
    locations, so a change to any of those touches every service of that organization."""
    services = set(changed.get("service", set()))
    locations = set(changed.get("location", set()))
    sals = set(changed.get("service_at_location", set()))
    organizations = set(changed.get("organization", set()))
    programs = set(changed.get("program", set()))
    terms = set(changed.get("taxonomy_term", set()))
    for name in _LINKED:
        ids = changed.get(name)
        if not ids:
            continue
        table = MODELS[name].__table__
        columns = [
            c
            for c in ("service_id", "location_id", "service_at_location_id", "organization_id")
            if c in table.c
        ]
        for batch in _batched(ids):
            for row in session.execute(select(*(table.c[c] for c in columns)).where(table.c.id.in_(batch))):
                values = dict(zip(columns, row, strict=True))
                services.add(values.get("service_id") or "")
                locations.add(values.get("location_id") or "")
                sals.add(values.get("service_at_location_id") or "")
                organizations.add(values.get("organization_id") or "")
    for batch in _batched(changed.get("attribute", set())):
        for entity, link in session.execute(
            select(Attribute.link_entity, Attribute.link_id).where(Attribute.id.in_(batch))
        ):
            {"service": services, "location": locations, "organization": organizations}.get(
                entity, set()
            ).add(link)
    if changed.get("taxonomy"):
        for batch in _batched(changed["taxonomy"]):
            terms |= set(session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.taxonomy_id.in_(batch))))
    for batch in _batched(terms):
        for entity, link in session.execute(
            select(Attribute.link_entity, Attribute.link_id).where(Attribute.taxonomy_term_id.in_(batch))
        ):
            {"service": services, "location": locations, "organization": organizations}.get(
                entity, set()
            ).add(link)
    # The organization's record lists its locations and programs: their owners' services changed too.
    _follow(session, organizations, select(Location.organization_id), Location.id, locations)
    _follow(session, organizations, select(Program.organization_id), Program.id, programs)
    _follow(session, services, select(ServiceAtLocation.service_id), ServiceAtLocation.id, sals)
    _follow(session, services, select(ServiceAtLocation.service_id), ServiceAtLocation.location_id, locations)
    _follow(session, services, select(Service.id), Service.organization_id, organizations)
    _follow(session, services, select(Service.id), Service.program_id, programs)
    services.discard("")
    return services


def _follow(session: Session, into: set[str], statement: object, column: object, ids: set[str]) -> None:
    for batch in _batched(i for i in ids if i):
        into.update(session.scalars(statement.where(column.in_(batch))))  # type: ignore[attr-defined]


def record_changes(session: Session, service_ids: Iterable[str], reason: str) -> int:
    """One pending change-log row per service, in the caller's transaction."""
    now = utcnow()
    changed = set(service_ids)
    session.info.setdefault(CHANGED_SERVICES, set()).update(changed)
    rows = [{"service_id": sid, "reason": reason[:64], "created_at": now} for sid in sorted(changed)]
    for start in range(0, len(rows), 1000):
        session.execute(insert(ChangeLog), rows[start : start + 1000])
    return len(rows)
