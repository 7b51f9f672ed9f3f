"""Organizations and services read from the database as `Record`s, the form `dedupe_scoring` compares.

A record gathers what tells two listings apart or alike: its name forms (and, for a service, its
organization's), phones, website, e-mail, postal codes and street lines from its own rows and its locations,
its categories, and how much it says (the more complete of a pair is the one kept). Rows without a name,
and placeholder organizations, have nothing to compare by and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.models import (
    Address,
    Attribute,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from importers.dedupe_scoring import (
    NameForm,
    Record,
    add_postal_code,
    name_form,
    phone_key,
    postal_key,
    site_key,
    street_key,
)

I18n = dict[str, str] | None


def _grouped(session: Session, statement: Select[Any]) -> dict[str, list[Any]]:
    """{first column: [second column, ...]} of a two-column select, rows without a key left out."""
    found: dict[str, list[Any]] = defaultdict(list)
    for key, value in session.execute(statement):
        if key is not None and value is not None:
            found[key].append(value)
    return found


def _name_forms(*values: I18n, organization: bool = True) -> list[NameForm]:
    forms: dict[str, NameForm] = {}
    for value in values:
        for text in (value or {}).values():
            form = name_form(text, organization) if isinstance(text, str) and text.strip() else None
            if form is not None:
                forms.setdefault(form.core, form)
    return list(forms.values())


def label(name: I18n, lang: str) -> str:
    """A name as people read it: in the row's own language, else the first one written."""
    name = name or {}
    return name.get(lang) or next((text for text in name.values() if text), "")


def _places(session: Session) -> dict[str, list[tuple[str | None, str | None, str | None]]]:
    """{location id: [(postal code, country, street line), ...]}."""
    found: dict[str, list[tuple[str | None, str | None, str | None]]] = defaultdict(list)
    statement = select(Address.location_id, Address.postal_code, Address.country, Address.address_1)
    for location_id, code, country, line in session.execute(statement):
        if location_id is not None:
            found[location_id].append((code, country, line))
    return found


def _add_contacts(
    record: Record, phones: Iterable[str], sites: Iterable[str | None], emails: Iterable[str | None]
) -> None:
    record.phones |= {key for number in phones if (key := phone_key(number))}
    record.sites |= {key for url in sites if url and (key := site_key(url))}
    record.emails |= {email.strip().lower() for email in emails if email and "@" in email}


def _add_places(record: Record, places: Iterable[tuple[str | None, str | None, str | None]]) -> None:
    for code, country, line in places:
        postal = postal_key(code, country)
        if postal:
            add_postal_code(record, postal)
        street = street_key(line) if line else None
        if street:
            record.streets.add(street)
            record.street_lines.setdefault(street, line or "")


def _completeness(record: Record, texts: Sequence[I18n]) -> int:
    """How much a record says: each text in each language, and each phone, site, address and category."""
    written = sum(1 for text in texts for value in (text or {}).values() if value)
    known = (
        record.phones,
        record.sites,
        record.emails,
        record.postal_codes,
        record.streets,
        record.categories,
    )
    return written + sum(len(values) for values in known)


def load_records(session: Session, kind: str) -> list[Record]:
    return _organization_records(session) if kind == "organization" else _service_records(session)


def _organization_records(session: Session) -> list[Record]:
    places = _places(session)
    locations = _grouped(session, select(Location.organization_id, Location.id))
    phones = _grouped(session, select(Phone.organization_id, Phone.number))
    location_phones = _grouped(session, select(Phone.location_id, Phone.number))
    records = []
    statement = select(
        Organization.id,
        Organization.data_source,
        Organization.source_id,
        Organization.lang,
        Organization.name,
        Organization.alternate_name,
        Organization.description,
        Organization.website,
        Organization.email,
        Organization.created_at,
    )
    # A placeholder (an id the files lacked) has nothing to compare by: it is listed for review on its own.
    statement = statement.where(Organization.placeholder.is_(False)).order_by(Organization.id)
    for row in session.execute(statement):
        names = _name_forms(row.name, row.alternate_name)
        if not names:
            continue  # nothing to compare a nameless row by
        records.append(organization_record(row, names, locations, phones, location_phones, places))
    return records


def organization_record(
    row: Any,
    names: list[NameForm],
    locations: dict[Any, list[Any]],
    phones: dict[Any, list[Any]],
    location_phones: dict[Any, list[Any]],
    places: dict[Any, list[Any]],
) -> Record:
    """One organization's Record, as `carrefour dedupe` and the portal's duplicate check both build it."""
    title = label(row.name, row.lang)
    record = Record(row.id, "organization", row.data_source, row.source_id, title, names, row.created_at)
    own = locations.get(row.id, [])
    numbers = phones.get(row.id, []) + [n for loc in own for n in location_phones.get(loc, [])]
    _add_contacts(record, numbers, [row.website], [row.email])
    _add_places(record, (place for loc in own for place in places.get(loc, [])))
    record.completeness = _completeness(record, [row.name, row.alternate_name, row.description])
    return record


def _service_records(session: Session) -> list[Record]:
    places = _places(session)
    sals = _grouped(session, select(ServiceAtLocation.service_id, ServiceAtLocation.id))
    sal_locations = {
        sal_id: location_id
        for sal_id, location_id in session.execute(
            select(ServiceAtLocation.id, ServiceAtLocation.location_id)
        )
    }
    phones = _grouped(session, select(Phone.service_id, Phone.number))
    sal_phones = _grouped(session, select(Phone.service_at_location_id, Phone.number))
    location_phones = _grouped(session, select(Phone.location_id, Phone.number))
    organizations = {
        org_id: _name_forms(name, alternate)
        for org_id, name, alternate in session.execute(
            select(Organization.id, Organization.name, Organization.alternate_name).where(
                Organization.placeholder.is_(False)
            )
        )
    }
    categories = _grouped(
        session,
        select(Attribute.link_id, TaxonomyTerm.core_key)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(Attribute.link_entity == "service", TaxonomyTerm.core_key.like("needs:%")),
    )
    records = []
    statement = select(
        Service.id,
        Service.data_source,
        Service.source_id,
        Service.lang,
        Service.name,
        Service.alternate_name,
        Service.description,
        Service.url,
        Service.email,
        Service.created_at,
        Service.organization_id,
    ).order_by(Service.id)
    lookups = ServiceLookups(
        organizations, categories, sals, sal_locations, phones, sal_phones, location_phones, places
    )
    for row in session.execute(statement):
        names = _name_forms(row.name, row.alternate_name, organization=False)
        if names:
            records.append(service_record(row, names, lookups))
    return records


@dataclass
class ServiceLookups:
    """What a service's Record is built from besides its own row, each keyed by the id it hangs on."""

    organizations: dict[Any, list[NameForm]]
    categories: dict[Any, list[Any]]
    sals: dict[Any, list[Any]]
    sal_locations: dict[Any, Any]
    phones: dict[Any, list[Any]]
    sal_phones: dict[Any, list[Any]]
    location_phones: dict[Any, list[Any]]
    places: dict[Any, list[Any]]


def service_record(row: Any, names: list[NameForm], lookups: ServiceLookups) -> Record:
    """One service's Record: `carrefour dedupe` and the portal's duplicate check build it the same way."""
    record = Record(
        row.id, "service", row.data_source, row.source_id, label(row.name, row.lang), names, row.created_at
    )
    record.organization_id = row.organization_id
    record.organization_names = lookups.organizations.get(row.organization_id, [])
    record.categories = {key.split(":", 1)[1] for key in lookups.categories.get(row.id, [])}
    own_sals = lookups.sals.get(row.id, [])
    own_locations = [lookups.sal_locations[sal] for sal in own_sals if lookups.sal_locations.get(sal)]
    numbers = (
        lookups.phones.get(row.id, [])
        + [n for sal in own_sals for n in lookups.sal_phones.get(sal, [])]
        + [n for loc in own_locations for n in lookups.location_phones.get(loc, [])]
    )
    _add_contacts(record, numbers, [row.url], [row.email])
    _add_places(record, (place for loc in own_locations for place in lookups.places.get(loc, [])))
    record.completeness = _completeness(record, [row.name, row.alternate_name, row.description])
    return record
