"""Likely duplicates of a record about to be made or claimed: the existing organizations or services that
`carrefour dedupe` would pair with it, best first.

The record is scored with the importers' own scoring (`dedupe_scoring.score_pair`), so the reasons and the
thresholds are those of `carrefour dedupe`: a candidate is a pair that command would link (sure) or send
to review. Names less than NAME_MIN alike are never a pair there, so names alone make a lossless prefilter:
every name is compared first (rapidfuzz, cached name forms; one light query of ids and names), and only the
records whose names pass are read whole and scored. Records merged into another (an `IdRedirect`) are left
out: their kept record stands for them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import (
    Address,
    Attribute,
    IdRedirect,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from app.core.orm import utcnow
from importers.dedupe_pairs import _organization_clusters
from importers.dedupe_records import (
    ServiceLookups,
    _add_contacts,
    _name_forms,
    label,
    organization_record,
    service_record,
)
from importers.dedupe_scoring import (
    NAME_MIN,
    SIBLING_NAME_MIN,
    NameForm,
    Record,
    add_postal_code,
    best_names,
    postal_key,
    score_pair,
)

BATCH = 500  # ids in one IN (...) clause


@dataclass(frozen=True)
class Candidate:
    """An existing record that is likely the same: its id, kind, name in each language, score and reasons
    (shaped like `DuplicateLink.reasons`: {"code", "value", "points"})."""

    id: str
    kind: str
    name: dict[str, str]
    score: int
    reasons: list[dict[str, Any]]


def likely_organizations(
    session: Session,
    *,
    name: str,
    website: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    postal_code: str | None = None,
    exclude: str | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Organizations `carrefour dedupe` would pair with one of this name and these contacts."""
    probe = _probe("organization", name)
    if probe is None:
        return []
    _add_contacts(probe, [phone] if phone else [], [website], [email])
    postal = postal_key(postal_code, "CA")
    if postal:
        add_postal_code(probe, postal)
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.alternate_name).where(
            Organization.placeholder.is_(False)
        )
    )
    names, wanted = _alike(rows, probe.names, organization=True, exclude=exclude, siblings_of=None)
    wanted -= _merged_away(session, "organization", wanted)
    records = _organization_records(session, sorted(wanted))
    return _scored(probe, records, names, limit)


def likely_services(
    session: Session,
    *,
    name: str,
    organization_id: str | None = None,
    phone: str | None = None,
    url: str | None = None,
    exclude: str | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Services `carrefour dedupe` would pair with one of this name, organization and contacts."""
    probe = _probe("service", name)
    if probe is None:
        return []
    _add_contacts(probe, [phone] if phone else [], [url], [])
    probe.organization_id = organization_id
    if organization_id:
        row = session.execute(
            select(Organization.name, Organization.alternate_name).where(Organization.id == organization_id)
        ).first()
        probe.organization_names = _name_forms(row.name, row.alternate_name) if row else []
    clusters = _organization_clusters(session, None)
    rows = session.execute(select(Service.id, Service.name, Service.alternate_name, Service.organization_id))
    names, wanted = _alike(
        rows,
        probe.names,
        organization=False,
        exclude=exclude,
        siblings_of=lambda other: clusters.same(organization_id, other) or other == organization_id,
    )
    wanted -= _merged_away(session, "service", wanted)
    records = _service_records(session, sorted(wanted))
    linked = {r.id for r in records if clusters.same(organization_id, r.organization_id)}
    return _scored(probe, records, names, limit, linked)


# --- the probe and the name prefilter ---------------------------------------------------------------


def _probe(kind: str, name: str) -> Record | None:
    forms = _name_forms({"x": name}, organization=kind == "organization")
    if not forms:
        return None
    return Record("", kind, "", "", name.strip(), forms, utcnow())


def _alike(
    rows: Iterable[Any],
    probe: list[NameForm],
    *,
    organization: bool,
    exclude: str | None,
    siblings_of: Any,
) -> tuple[dict[str, dict[str, str]], set[str]]:
    """({id: name}, ids) of the rows whose names are alike enough to be a candidate pair at all."""
    names: dict[str, dict[str, str]] = {}
    wanted: set[str] = set()
    for row in rows:
        if row.id == exclude:
            continue
        forms = _name_forms(row.name, row.alternate_name, organization=organization)
        if not forms:
            continue
        alike, _, _ = best_names(probe, forms)
        floor = NAME_MIN
        if siblings_of is not None and siblings_of(row.organization_id):
            floor = SIBLING_NAME_MIN
        if alike >= floor:
            wanted.add(row.id)
            names[row.id] = dict(row.name or {})
    return names, wanted


def _merged_away(session: Session, kind: str, ids: set[str]) -> set[str]:
    found: set[str] = set()
    for batch in _batches(sorted(ids)):
        found.update(
            session.scalars(
                select(IdRedirect.old_id).where(IdRedirect.kind == kind, IdRedirect.old_id.in_(batch))
            )
        )
    return found


def _scored(
    probe: Record,
    records: Sequence[Record],
    names: dict[str, dict[str, str]],
    limit: int,
    linked: set[str] | None = None,
) -> list[Candidate]:
    found = []
    for record in records:
        scored = score_pair(probe, record, record.id in (linked or set()))
        if scored.verdict() is None:
            continue
        found.append(
            Candidate(
                record.id,
                record.kind,
                names.get(record.id, {}),
                scored.score,
                [reason.as_dict() for reason in scored.reasons],
            )
        )
    # Scores stop at 100: among equals, the pair with more reasons agreeing (the raw sum) comes first.
    found.sort(
        key=lambda c: (-c.score, -sum(r["points"] for r in c.reasons), label(c.name, "fr").casefold(), c.id)
    )
    return found[:limit]


# --- the few records that passed, read as `dedupe_records` reads them all ---------------------------


def _batches(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def _grouped(session: Session, key: Any, value: Any, ids: Sequence[str]) -> dict[str, list[Any]]:
    """{key: [value, ...]} for the rows whose `key` column is one of `ids`."""
    found: dict[str, list[Any]] = defaultdict(list)
    for batch in _batches(ids):
        for row_key, row_value in session.execute(select(key, value).where(key.in_(batch))):
            if row_key is not None and row_value is not None:
                found[row_key].append(row_value)
    return found


def _places(session: Session, location_ids: Sequence[str]) -> dict[str, list[tuple[Any, Any, Any]]]:
    found: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for batch in _batches(location_ids):
        statement = select(Address.location_id, Address.postal_code, Address.country, Address.address_1)
        for location_id, code, country, line in session.execute(
            statement.where(Address.location_id.in_(batch))
        ):
            found[location_id].append((code, country, line))
    return found


def _organization_records(session: Session, ids: Sequence[str]) -> list[Record]:
    if not ids:
        return []
    locations = _grouped(session, Location.organization_id, Location.id, ids)
    location_ids = sorted({loc for own in locations.values() for loc in own})
    places = _places(session, location_ids)
    phones = _grouped(session, Phone.organization_id, Phone.number, ids)
    location_phones = _grouped(session, Phone.location_id, Phone.number, location_ids)
    records = []
    for batch in _batches(ids):
        statement = select(Organization).where(Organization.id.in_(batch)).order_by(Organization.id)
        for row in session.scalars(statement):
            forms = _name_forms(row.name, row.alternate_name)
            records.append(organization_record(row, forms, locations, phones, location_phones, places))
    return records


def _service_records(session: Session, ids: Sequence[str]) -> list[Record]:
    if not ids:
        return []
    sals = _grouped(session, ServiceAtLocation.service_id, ServiceAtLocation.id, ids)
    sal_ids = sorted({sal for own in sals.values() for sal in own})
    sal_locations = {
        sal: loc[0]
        for sal, loc in _grouped(
            session, ServiceAtLocation.id, ServiceAtLocation.location_id, sal_ids
        ).items()
    }
    location_ids = sorted(set(sal_locations.values()))
    places = _places(session, location_ids)
    phones = _grouped(session, Phone.service_id, Phone.number, ids)
    sal_phones = _grouped(session, Phone.service_at_location_id, Phone.number, sal_ids)
    location_phones = _grouped(session, Phone.location_id, Phone.number, location_ids)
    categories: dict[str, list[Any]] = defaultdict(list)
    for batch in _batches(ids):
        statement = (
            select(Attribute.link_id, TaxonomyTerm.core_key)
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(
                Attribute.link_entity == "service",
                TaxonomyTerm.core_key.like("needs:%"),
                Attribute.link_id.in_(batch),
            )
        )
        for link_id, key in session.execute(statement):
            categories[link_id].append(key)
    rows = [
        row
        for batch in _batches(ids)
        for row in session.scalars(select(Service).where(Service.id.in_(batch)))
    ]
    organization_ids = sorted({row.organization_id for row in rows if row.organization_id})
    organizations: dict[str, list[NameForm]] = {}
    for batch in _batches(organization_ids):
        statement = select(Organization.id, Organization.name, Organization.alternate_name).where(
            Organization.id.in_(batch), Organization.placeholder.is_(False)
        )
        for org_id, name, alternate in session.execute(statement):
            organizations[org_id] = _name_forms(name, alternate)
    lookups = ServiceLookups(
        organizations, categories, sals, sal_locations, phones, sal_phones, location_phones, places
    )
    records = []
    for row in sorted(rows, key=lambda r: r.id):
        records.append(
            service_record(row, _name_forms(row.name, row.alternate_name, organization=False), lookups)
        )
    return records
