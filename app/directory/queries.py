"""Reads of the directory for the public pages (plain functions that take a session).

Search returns ids; the rows come back from the database here, in the engine's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.display import address_line
from app.core.facts import cost_status, location_features, schedule_rules, service_facts
from app.core.hours import (
    DAYS,
    Interval,
    always_open,
    day_hours,
    hours_from_lists,
    is_open,
    on_daylight_time,
    weekly_intervals,
)
from app.core.i18n import Localized, localized, text_of
from app.core.models import Service, ServiceAtLocation
from app.core.models.duplicates import hidden_service_ids
from app.core.service_ids import resolve_service_ids
from app.core.text import comparable_text
from indexer.documents import document_id, documents_of
from indexer.query import Hit


@dataclass(frozen=True, slots=True)
class ServiceListing:
    id: str
    name: Localized
    organization: Localized | None
    description: Localized | None
    status: str
    places: list[str]


def list_services(
    session: Session, locale: str, page: int, per_page: int = 50
) -> tuple[list[ServiceListing], int]:
    """Active services first, then by name in `locale`; one page of them and the total count. A service
    linked as the duplicate of another is listed once, through its kept twin (as in search). Only names are
    read for the order (a name sorts as people read it, accents and case aside, which SQL collations do
    not agree on); the page's services alone are loaded whole."""
    hidden = hidden_service_ids(session)
    heads = [
        (status != "active", comparable_text(text_of(name, locale, source_id)), service_id)
        for service_id, name, status, source_id in session.execute(
            select(Service.id, Service.name, Service.status, Service.source_id)
        )
        if service_id not in hidden
    ]
    heads.sort()
    start = (page - 1) * per_page
    wanted = [service_id for _, _, service_id in heads[start : start + per_page]]
    loaded = {
        service.id: service
        for service in session.scalars(
            select(Service)
            .where(Service.id.in_(wanted))
            .options(
                selectinload(Service.organization),
                selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
            )
        )
    }
    return [_listing(loaded[service_id], locale) for service_id in wanted], len(heads)


def _listing(service: Service, locale: str) -> ServiceListing:
    places = []
    for sal in service.service_at_locations:
        place = localized(sal.location.name, locale) if sal.location else None
        if place:
            places.append(place.text)
    return ServiceListing(
        id=service.id,
        name=localized(service.name, locale) or Localized(service.source_id, locale, True),
        organization=localized(service.organization.name, locale) if service.organization else None,
        description=localized(service.description, locale),
        status=service.status,
        places=places,
    )


# --- search result cards ------------------------------------------------------------------------------


@dataclass(slots=True)
class Card:
    service_id: str
    name: Localized
    organization: Localized | None
    summary: Localized | None
    distance_km: float | None
    address: str | None
    remote: bool
    open_now: bool | None  # None: hours unknown
    today: list[tuple[str, str]]
    always_open: bool
    languages: list[str]
    free: bool | None
    wheelchair: bool
    phone: str | None
    lat: float | None
    lon: float | None
    # The agency's temporary notices showing today (closures first), and how fresh the listing is.
    notices: list[Notice] = field(default_factory=list)
    freshness: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """A temporary notice as a page shows it: its text in the page's language (or the other), whether the
    service is closed meanwhile, and its last day."""

    text: Localized | None
    closed: bool
    ends_on: date


@dataclass(frozen=True, slots=True)
class FreshLine:
    """ "Verified 3 months ago by the agency", and by whom (app/core/agency/verification.py's BY_*)."""

    text: str
    by: str


def notices_and_freshness(
    session: Session, service_ids: Sequence[str], locale: str, today: date
) -> tuple[dict[str, list[Notice]], dict[str, FreshLine]]:
    """The notices showing today and the freshness line of each service, in a few queries for a page."""
    from app.core.agency.notices import active_notices
    from app.core.agency.verification import freshness, freshness_text

    shown = {
        sid: [Notice(localized(n.message, locale), n.closed, n.ends_on) for n in found]
        for sid, found in active_notices(session, service_ids, today).items()
    }
    fresh = {
        sid: FreshLine(freshness_text(f, today), f.by) for sid, f in freshness(session, service_ids).items()
    }
    return shown, fresh


def cards(session: Session, hits: Sequence[Hit], locale: str, now: datetime) -> list[Card]:
    """One card per hit, in the hits' order, each drawn from its search document: the one the engine handed
    back, else (an older index, another engine) the one the index builder makes from the database now. One
    source of facts, so a card says the same whichever way it came."""
    stored = {id(hit): doc for hit in hits if (doc := hit.document) is not None and "text_locales" in doc}
    rebuilt = {
        doc.id: doc.as_dict()
        for doc in documents_of(session, {hit.service_id for hit in hits if id(hit) not in stored})
    }
    found = []
    for hit in hits:
        doc = stored.get(id(hit)) or rebuilt.get(document_id(hit.service_id, hit.service_at_location_id))
        if doc is not None:  # None: deleted since it was indexed
            found.append(card_from_document(hit, doc, locale, now))
    notices, fresh = notices_and_freshness(session, [card.service_id for card in found], locale, now.date())
    for card in found:
        card.notices = notices.get(card.service_id, [])
        line = fresh.get(card.service_id)
        card.freshness = line.text if line else None
    return found


def card_from_document(hit: Hit, doc: dict[str, Any], locale: str, now: datetime) -> Card:
    """A result card from a search document (as `SearchDocument.as_dict()` gives it, or stored as JSON)."""
    intervals = hours_from_lists(doc["schedule"], doc.get("schedule_dst")).at(now)
    return Card(
        service_id=hit.service_id,
        name=_written(doc, "name", locale) or Localized(doc["service_source_id"], locale, True),
        organization=_written(doc, "organization", locale),
        summary=_written(doc, "description", locale),
        distance_km=hit.distance_km,
        address=doc["address"],
        remote=doc["remote"],
        open_now=is_open(intervals, now) if intervals else None,
        today=day_hours(intervals, now.weekday()) if intervals else [],
        always_open=doc["always_open"],
        languages=doc["languages"],
        free=doc["free"],
        wheelchair="wheelchair-accessible" in doc["features"],
        phone=doc["phone"],
        lat=doc["latitude"],
        lon=doc["longitude"],
    )


def _written(doc: dict[str, Any], field_name: str, locale: str) -> Localized | None:
    """A text of the document in `locale` when it was written in it, else in the language it was."""
    written = doc["text_locales"].get(field_name) or []
    if not written:
        return None
    shown = locale if locale in written else written[0]
    return Localized(doc[field_name][shown], shown, shown != locale)


# --- the service page ------------------------------------------------------------------------------


@dataclass(slots=True)
class PlaceDetail:
    name: Localized | None
    address: str | None
    lat: float | None
    lon: float | None
    remote: bool
    wheelchair: bool
    accessibility: list[Localized]
    transportation: Localized | None
    week: list[tuple[str, list[tuple[str, str]]]]  # (day code, [(opens, closes)]) Monday first
    open_now: bool | None
    always_open: bool


@dataclass(slots=True)
class ServiceDetail:
    service: Service
    name: Localized
    organization: Localized | None
    texts: dict[str, Localized | None]
    categories: list[str]
    eligibility: list[str]
    features: list[str]
    documents: list[Localized]
    document_codes: list[str]
    fees: list[tuple[Localized | None, float | None, str | None]]
    free: bool | None
    languages: list[str]
    phones: list[tuple[str, str | None, Localized | None]]  # number, extension, description
    places: list[PlaceDetail] = field(default_factory=list)
    areas: list[Localized] = field(default_factory=list)
    assured_date: date | None = None


TEXT_FIELDS = (
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "wait_time",
    "interpretation_services",
    "alert",
)


def find_service(session: Session, service_id: str) -> Service | None:
    """A service by its Carrefour id, or by the id it was imported with."""
    found = resolve_service_ids(session, [service_id]).get(service_id)
    return None if found is None else session.get(Service, found)


def service_detail(session: Session, service: Service, locale: str, now: datetime) -> ServiceDetail:
    facts = service_facts(session, [service.id])[service.id]
    places_features = location_features(session, [sal.location_id for sal in service.service_at_locations])
    places = []
    for sal in service.service_at_locations:
        location = sal.location
        if location is None:
            continue
        intervals = weekly_intervals(schedule_rules(service, sal), daylight=on_daylight_time(now))
        features = facts.features | places_features.get(location.id, set())
        places.append(
            PlaceDetail(
                name=localized(location.name, locale),
                address=address_line(location),
                lat=location.latitude,
                lon=location.longitude,
                remote=location.location_type == "virtual",
                wheelchair="wheelchair-accessible" in features,
                accessibility=[
                    x
                    for a in location.accessibility
                    for x in (localized(a.description, locale), localized(a.details, locale))
                    if x
                ],
                transportation=localized(location.transportation, locale),
                week=_week(intervals),
                open_now=is_open(intervals, now) if intervals else None,
                always_open=always_open(intervals) if intervals else False,
            )
        )
    if not places and service.schedules:
        intervals = weekly_intervals(schedule_rules(service, None), daylight=on_daylight_time(now))
        places.append(
            PlaceDetail(
                None,
                None,
                None,
                None,
                True,
                False,
                [],
                None,
                _week(intervals),
                is_open(intervals, now) if intervals else None,
                always_open(intervals),
            )
        )
    phones = [
        (p.number, None if p.extension is None else str(int(p.extension)), localized(p.description, locale))
        for p in list(service.phones)
        + [
            p
            for sal in service.service_at_locations
            if sal.location
            for p in sal.location.phones
            if p.service_id is None
        ]
    ]
    return ServiceDetail(
        service=service,
        name=localized(service.name, locale) or Localized(service.source_id, locale, True),
        organization=localized(service.organization.name, locale) if service.organization else None,
        texts={name: localized(getattr(service, name), locale) for name in TEXT_FIELDS},
        categories=sorted(facts.needs),
        eligibility=sorted(code for codes in facts.eligibility.values() for code in codes),
        features=sorted(facts.features),
        documents=[d for d in (localized(r.document, locale) for r in service.required_documents) if d],
        document_codes=sorted(facts.documents),
        fees=[(localized(c.option, locale), c.amount, c.currency) for c in service.cost_options],
        free=cost_status(service, facts.features),
        languages=sorted({lang.code for lang in service.languages if lang.code}),
        phones=list(dict.fromkeys(phones)),
        places=places,
        areas=[n for n in (localized(a.name, locale) for a in service.service_areas) if n],
        assured_date=service.assured_date,
    )


def _week(intervals: list[Interval]) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(day, day_hours(intervals, index)) for index, day in enumerate(DAYS)]


def crisis_lines(session: Session, locale: str, limit: int = 4) -> list[tuple[str, str]]:
    """Crisis and help lines to show on every home page: (name, phone number)."""
    from app.core.models import Attribute, TaxonomyTerm

    service_ids = session.scalars(
        select(Attribute.link_id)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(Attribute.link_entity == "service", TaxonomyTerm.core_key == "needs:crisis-line")
    ).all()
    services = session.scalars(
        select(Service)
        .where(Service.id.in_(service_ids), Service.status == "active")
        .options(selectinload(Service.phones))
        .order_by(Service.id)
    ).all()
    lines = [(text_of(s.name, locale), s.phones[0].number) for s in services if s.phones]
    return sorted(lines)[:limit]
