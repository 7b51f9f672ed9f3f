"""From the directory to search documents: one per service at a location, one per remote service.

A document carries everything search filters and ranks on, in plain values, so an engine never needs the
database: text in French and English side by side (each language in its own fields, falling back to the
other when a text exists in one language only), category codes with their ancestors, eligibility, ages,
features, languages, cost, coordinates, a compact weekly schedule (in each season: times with a UTC offset
fall an hour later on the local clock under daylight saving time), status and last verified date.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.agency.verification import freshness
from app.core.display import address_line, first_phone
from app.core.facts import ServiceFacts, cost_status, location_features, schedule_rules, service_facts
from app.core.hours import ScheduleRule, WeeklyHours, hours_from_lists, weekly_hours
from app.core.i18n import LOCALES, text_of
from app.core.models import Location, Service, ServiceAtLocation
from app.core.models.duplicates import hidden_service_ids
from app.core.taxonomy import needs_family, term_label

CHUNK = 500


@dataclass(slots=True)
class SearchDocument:
    id: str
    service_id: str
    service_source_id: str
    service_at_location_id: str | None
    location_id: str | None
    service_at_location_source_id: str | None
    organization_id: str
    name: dict[str, str]
    organization: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, str]  # alternate names, program, place names
    name_locale: str  # the language the name was written in
    categories: list[str]  # as tagged, plus every family of them
    exact_categories: list[str]  # as tagged
    eligibility: dict[str, list[str]]
    min_age: float | None
    max_age: float | None
    features: list[str]
    languages: list[str]
    free: bool | None
    latitude: float | None
    longitude: float | None
    remote: bool
    schedule: list[list[int]] = field(default_factory=list)  # [[start, end], ...] minutes of the week, EST
    # The same under daylight saving time (EDT), when it differs (a rule with an offset); None: the same.
    schedule_dst: list[list[int]] | None = None
    documents: list[str] = field(default_factory=list)  # core documents codes the service asks for
    always_open: bool = False
    has_service_areas: bool = False
    status: str = "active"
    assured_date: str | None = None
    # How fresh the listing is (ISO date): its assured date, else its organization's last verification, else
    # its last import update (app/core/agency/verification.py); search ranking leans on it a little.
    freshness: str | None = None
    # Who it was verified by (app/core/agency/verification.py: agency, staff, source, imported) and the
    # source's name: the matcher's freshness factor reads them here, without a query per candidate.
    freshness_by: str | None = None
    freshness_source: str | None = None
    version: int = 1
    # For result cards, so a results page reads nothing else: the languages each text was written in (the
    # text fields above fill a missing language with the other), the address line and the first phone.
    text_locales: dict[str, list[str]] = field(default_factory=dict)
    address: str | None = None
    phone: str | None = None
    # The labels of its categories and of their families: ranked with the service's own text, above its
    # keywords (search with a place weighs how well a service matches; see indexer/engines/relevance.py).
    labels: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hours(self) -> WeeklyHours:
        return hours_from_lists(self.schedule, self.schedule_dst)


_FIELDS = frozenset(SearchDocument.__dataclass_fields__)


def document_from_payload(payload: dict[str, Any]) -> SearchDocument:
    """A document as an engine stored it (fields added since it was indexed take their defaults, fields
    since removed are left out)."""
    try:
        return SearchDocument(**payload)
    except TypeError:
        return SearchDocument(**{key: value for key, value in payload.items() if key in _FIELDS})


def document_id(service_id: str, sal_id: str | None) -> str:
    return sal_id if sal_id else f"service-{service_id}"


def build_documents(session: Session, service_ids: Iterable[str] | None = None) -> Iterator[SearchDocument]:
    """Documents of the given services (of every service when None), in chunks. A service linked as the
    duplicate of another (`carrefour dedupe`) has none: search shows it once, through its kept twin."""
    if service_ids is None:
        ids = list(session.scalars(select(Service.id).order_by(Service.id)))
    else:
        ids = sorted(set(service_ids))
    hidden = hidden_service_ids(session)
    ids = [sid for sid in ids if sid not in hidden]
    # The ORM makes tens of thousands of objects a chunk, and the cycle collector, run every few hundred
    # allocations, would walk them all again and again (40 % of a rebuild): it runs once a chunk instead.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield from _chunks(session, ids)
    finally:
        if collecting:
            gc.enable()


def documents_of(session: Session, service_ids: Iterable[str]) -> list[SearchDocument]:
    """The documents of a few services, as an index holds them, read in the caller's session and left there:
    what a result card is drawn from when the engine did not hand the stored document back."""
    ids = sorted(set(service_ids))
    chunks = (ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK))
    return [doc for chunk in chunks for doc in _documents(session, chunk)]


def _chunks(session: Session, ids: list[str]) -> Iterator[SearchDocument]:
    for start in range(0, len(ids), CHUNK):
        yield from _documents(session, ids[start : start + CHUNK])
        session.expunge_all()  # keep memory flat over a full rebuild
        gc.collect(1)  # the chunk's objects, not the whole heap


def _documents(session: Session, chunk: list[str]) -> Iterator[SearchDocument]:
    services = session.scalars(
        select(Service)
        .where(Service.id.in_(chunk))
        .options(
            selectinload(Service.organization),
            selectinload(Service.program),
            selectinload(Service.languages),
            selectinload(Service.cost_options),
            selectinload(Service.schedules),
            selectinload(Service.service_areas),
            selectinload(Service.phones),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.schedules),
            selectinload(Service.service_at_locations)
            .selectinload(ServiceAtLocation.location)
            .options(
                selectinload(Location.addresses),
                selectinload(Location.schedules),
                selectinload(Location.languages),
                selectinload(Location.phones),
            ),
        )
        .order_by(Service.id)
    ).all()
    facts = service_facts(session, chunk)
    location_ids = [sal.location_id for s in services for sal in s.service_at_locations]
    places = location_features(session, location_ids)
    fresh = freshness(session, chunk)
    for service in services:
        found = fresh.get(service.id)
        for doc in _service_documents(service, facts[service.id], places):
            doc.freshness = found.on.isoformat() if found else None
            doc.freshness_by = found.by if found else None
            doc.freshness_source = found.source if found else None
            yield doc


def _service_documents(
    service: Service, facts: ServiceFacts, places: dict[str, set[str]]
) -> Iterator[SearchDocument]:
    sals = [sal for sal in service.service_at_locations if sal.location is not None]
    all_virtual = bool(sals) and all(sal.location.location_type == "virtual" for sal in sals)
    remote_service = "virtual" in facts.features or all_virtual
    base = _base(service, facts)
    if not sals:
        yield _document(base, service, facts, None, set(), remote=remote_service)
        return
    for sal in sals:
        remote = remote_service or sal.location.location_type == "virtual"
        yield _document(base, service, facts, sal, places.get(sal.location_id, set()), remote)


def _base(service: Service, facts: ServiceFacts) -> dict[str, Any]:
    categories = set(facts.needs) | {needs_family(code) for code in facts.needs}
    labels = {
        locale: " ".join(term_label("needs", code, locale) for code in sorted(categories))
        for locale in LOCALES
    }
    alternates = {
        locale: " ".join(
            filter(
                None,
                (
                    text_of(service.alternate_name, locale),
                    text_of(service.program.name, locale) if service.program else "",
                ),
            )
        )
        for locale in LOCALES
    }
    return {
        "name": _both(service.name),
        "organization": _both(service.organization.name if service.organization else None),
        "description": _both(service.description),
        "keywords": {loc: alternates[loc].strip() for loc in LOCALES},
        "labels": labels,
        "categories": sorted(categories),
        "exact_categories": sorted(facts.needs),
        "eligibility": {group: sorted(codes) for group, codes in sorted(facts.eligibility.items())},
        "free": cost_status(service, facts.features),
        "languages": sorted({lang.code.lower()[:3] for lang in service.languages if lang.code}),
        "text_locales": {
            "name": _written_in(service.name),
            "organization": _written_in(service.organization.name if service.organization else None),
            "description": _written_in(service.description),
        },
    }


def _document(
    base: dict[str, Any],
    service: Service,
    facts: ServiceFacts,
    sal: ServiceAtLocation | None,
    place_features: set[str],
    remote: bool,
) -> SearchDocument:
    location = sal.location if sal else None
    rules = schedule_rules(service, sal)
    keywords = dict(base["keywords"])
    if location is not None:
        place = " ".join(
            filter(
                None,
                [text_of(location.name, "fr")]
                + [" ".join(filter(None, (a.address_1, a.city, a.postal_code))) for a in location.addresses],
            )
        )
        keywords = {loc: f"{text} {place}".strip() for loc, text in keywords.items()}
    languages = set(base["languages"]) | {
        lang.code.lower()[:3] for lang in (location.languages if location else []) if lang.code
    }
    return SearchDocument(
        id=document_id(service.id, sal.id if sal else None),
        service_id=service.id,
        service_source_id=service.source_id,
        service_at_location_id=sal.id if sal else None,
        location_id=location.id if location else None,
        service_at_location_source_id=sal.source_id if sal else None,
        organization_id=service.organization_id,
        name=base["name"],
        organization=base["organization"],
        description=base["description"],
        keywords=keywords,
        labels=base["labels"],
        name_locale=service.lang
        if service.name.get(service.lang)
        else next(iter(service.name), service.lang),
        categories=base["categories"],
        exact_categories=base["exact_categories"],
        eligibility=base["eligibility"],
        min_age=service.minimum_age,
        max_age=service.maximum_age,
        features=sorted(set(facts.features) | place_features | ({"virtual"} if remote else set())),
        languages=sorted(languages),
        free=base["free"],
        latitude=None if remote or location is None else location.latitude,
        longitude=None if remote or location is None else location.longitude,
        remote=remote,
        **schedule_fields(rules),
        has_service_areas=bool(service.service_areas),
        status=service.status,
        assured_date=service.assured_date.isoformat() if service.assured_date else None,
        version=service.version,
        documents=sorted(facts.documents),
        text_locales=base["text_locales"],
        address=address_line(location),
        phone=first_phone(service, location),
    )


def schedule_fields(rules: Iterable[ScheduleRule]) -> dict[str, Any]:
    """A document's hours: the week's intervals on standard time, on daylight saving time when they differ
    there (some rule carries an offset), and whether it is always open. Built for every season at once, so
    the day an index is built never decides what a moment in another season reads."""
    hours = weekly_hours(rules)
    return {
        "schedule": [[i.start, i.end] for i in hours.standard],
        "schedule_dst": None
        if hours.daylight == hours.standard
        else [[i.start, i.end] for i in hours.daylight],
        "always_open": hours.always_open(),
    }


def _written_in(value: dict[str, str] | None) -> list[str]:
    return [locale for locale in LOCALES if value and value.get(locale)]


def _both(value: dict[str, str] | None) -> dict[str, str]:
    """Text in both languages; a language the text lacks gets the other one (search finds it either way)."""
    return {locale: text_of(value, locale) for locale in LOCALES}
