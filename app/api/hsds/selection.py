"""Which records an HSDS API list holds, in what order, and how many: every filter combined with AND.

Words (`search`) and a distance (`proximity`) are answered by the search engine, which gives the matching
services and services at locations in its order (relevance, or nearest first); the other filters are SQL
conditions on the directory, applied to those ids, or alone (then by id). Only the page's ids leave here:
`importers.hsds3.records` builds their HSDS objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shapely.geometry import Point
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from app.core import geo
from app.core.agency.fields import PORTAL_SOURCE
from app.core.models import (
    Attribute,
    ChangeLog,
    Organization,
    ProposedChange,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from app.core.models.agency import PUBLISHED, ListingProposal
from app.core.models.taxonomy import Taxonomy
from app.core.taxonomy import CORE_SOURCE
from app.core.text import comparable_text
from app.matching.candidates import area_geometry
from indexer.query import SearchQuery
from indexer.search import SearchService

BATCH = 500
EVERYTHING = 10_000_000  # one "page" of an engine's answer holding every match


@dataclass(slots=True)
class Filters:
    """An endpoint's filters, as read from its parameters (None: not asked)."""

    lang: str = "fr"
    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime | None = None
    postcode: str | None = None
    proximity_m: float | None = None
    top_only: bool = False
    parent_id: str | None = None


@dataclass(slots=True)
class Selection:
    ids: list[str]
    total: int
    notes: list[str] = field(default_factory=list)  # what a filter could not do (a postcode not placed)


class Unplaced(ValueError):
    """A postcode the directory cannot place: the caller answers 400 naming `postcode`."""


def _batches(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def _page(ids: list[str], offset: int, size: int) -> Selection:
    return Selection(ids[offset : offset + size], len(ids))


# --- what the public may see --------------------------------------------------------------------------------


def _drafts() -> Select[Any]:
    """Services an agency added that staff have not published yet (nothing else of the directory is
    withheld: an inactive or closed service is published with its status, as HSDS expects)."""
    return (
        select(ProposedChange.resource_id)
        .join(ListingProposal, ListingProposal.id == ProposedChange.proposal_id)
        .join(Service, Service.id == ProposedChange.resource_id)
        .where(
            ProposedChange.resource_type == "service",
            ProposedChange.field == "status",
            ListingProposal.title.startswith("new:"),
            ListingProposal.status != PUBLISHED,
            Service.data_source == PORTAL_SOURCE,
        )
    )


def draft_ids(session: Session) -> set[str]:
    return set(session.scalars(_drafts()))


# --- filters as SQL -----------------------------------------------------------------------------------------


def _term_ids(session: Session, term_id: str) -> list[str]:
    """The term, and for a core term every term the crosswalk read as it (their records carry both)."""
    term = session.get(TaxonomyTerm, term_id)
    if term is None:
        return [term_id]
    if term.data_source == CORE_SOURCE and term.core_key:
        return [
            term_id,
            *session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.core_key == term.core_key)),
        ]
    return [term_id]


def _taxonomy_term_ids(session: Session, taxonomy_id: str) -> Select[Any]:
    taxonomy = session.get(Taxonomy, taxonomy_id)
    condition = TaxonomyTerm.taxonomy_id == taxonomy_id
    if taxonomy is not None and taxonomy.data_source == CORE_SOURCE:
        condition = or_(condition, TaxonomyTerm.core_key.is_not(None))
    return select(TaxonomyTerm.id).where(condition)


def _service_conditions(session: Session, filters: Filters) -> list[Any]:
    """The filters asked, as conditions on `Service` (drafts are left out apart, by id: they are few)."""
    conditions: list[Any] = []
    if filters.organization_id:
        conditions.append(Service.organization_id == filters.organization_id)
    if filters.taxonomy_term_id:
        terms = _term_ids(session, filters.taxonomy_term_id)
        conditions.append(
            exists().where(
                Attribute.link_id == Service.id,
                Attribute.link_entity == "service",
                Attribute.taxonomy_term_id.in_(terms),
            )
        )
    if filters.taxonomy_id:
        conditions.append(
            exists().where(
                Attribute.link_id == Service.id,
                Attribute.link_entity == "service",
                Attribute.taxonomy_term_id.in_(_taxonomy_term_ids(session, filters.taxonomy_id)),
            )
        )
    if filters.modified_after is not None:
        conditions.append(_service_modified_since(filters.modified_after))
    return conditions


def _service_modified_since(moment: datetime) -> Any:
    """The service's row, its imported `last_modified`, or anything the change log says touched it."""
    return or_(
        Service.updated_at >= moment,
        Service.last_modified >= moment,
        Service.id.in_(select(ChangeLog.service_id).where(ChangeLog.created_at >= moment)),
    )


def modified_times(session: Session, service_ids: Sequence[str]) -> dict[str, datetime]:
    """When each service, or anything about it, last changed: what `last_modified` says and
    `modified_after` reads."""
    found: dict[str, datetime] = {}
    for batch in _batches(list(service_ids)):
        for sid, updated, stated in session.execute(
            select(Service.id, Service.updated_at, Service.last_modified).where(Service.id.in_(batch))
        ):
            found[sid] = max(t for t in (updated, stated) if t is not None)
        for sid, logged in session.execute(
            select(ChangeLog.service_id, func.max(ChangeLog.created_at))
            .where(ChangeLog.service_id.in_(batch))
            .group_by(ChangeLog.service_id)
        ):
            if sid in found and logged is not None and logged > found[sid]:
                found[sid] = logged
    return found


def _keep(session: Session, statement: Select[Any], ordered: list[str], column: Any) -> list[str]:
    """`ordered` (the engine's order) with only the ids `statement` keeps."""
    kept: set[str] = set()
    for batch in _batches(ordered):
        kept.update(session.scalars(statement.where(column.in_(batch))))
    return [i for i in ordered if i in kept]


# --- the engine ---------------------------------------------------------------------------------------------


def _engine_hits(
    search: SearchService, filters: Filters, point: tuple[float, float] | None = None
) -> list[tuple[str, str | None]]:
    """(service id, service at location id or None) of every match, in the engine's order."""
    query = SearchQuery(
        text=filters.search or "",
        lang=filters.lang,
        include_inactive=True,
        include_remote=point is None,
        page_size=EVERYTHING,
        facets=False,
        ids_only=True,
    )
    if point is not None:
        query.lat, query.lon = point
        query.radius_km = (filters.proximity_m or 0) / 1000
        query.sort = "distance"
    return [(hit.service_id, hit.service_at_location_id) for hit in search.search(query).hits]


def _place(session: Session, postcode: str) -> tuple[float, float]:
    found = geo.place(session, postcode)
    if found is None or found.source == "known-address":
        raise Unplaced(postcode)
    return found.lat, found.lon


# --- the endpoints ------------------------------------------------------------------------------------------


def _without_drafts(ordered: Iterable[str], drafts: set[str]) -> list[str]:
    return [i for i in dict.fromkeys(ordered) if i not in drafts]


def services(session: Session, search: SearchService, filters: Filters, offset: int, size: int) -> Selection:
    conditions = _service_conditions(session, filters)
    drafts = draft_ids(session)
    if filters.search and not conditions:
        # Words alone: the engine pages and counts services itself (no list of every match).
        paged = search.service_page(
            filters.search, offset=offset, size=size, include_inactive=True, exclude=drafts
        )
        if paged is not None:
            return Selection(*paged)
    if filters.search:
        ordered = _without_drafts((sid for sid, _ in _engine_hits(search, filters)), drafts)
        if conditions:
            ordered = _keep(session, select(Service.id).where(*conditions), ordered, Service.id)
        return _page(ordered, offset, size)
    if drafts:
        conditions.append(Service.id.not_in(sorted(drafts)))
    total = session.scalar(select(func.count()).select_from(Service).where(*conditions)) or 0
    ids = session.scalars(
        select(Service.id).where(*conditions).order_by(Service.id).offset(offset).limit(size)
    )
    return Selection(list(ids), total)


def all_service_ids(session: Session, search: SearchService, filters: Filters) -> Iterable[str]:
    """Every id of the list (format=ndjson), in its order."""
    if filters.search:
        return services(session, search, filters, 0, EVERYTHING).ids
    conditions = _service_conditions(session, filters)
    drafts = draft_ids(session)
    if drafts:
        conditions.append(Service.id.not_in(sorted(drafts)))
    return session.scalars(
        select(Service.id).where(*conditions).order_by(Service.id).execution_options(yield_per=2000)
    )


def service_at_locations(
    session: Session, search: SearchService, filters: Filters, offset: int, size: int
) -> Selection:
    """Services at locations: their service's filters, their own time or their service's for
    `modified_after`, and the place's. Each one is joined to its service by primary key."""
    conditions = _service_conditions(session, _without_time(filters))
    if filters.modified_after is not None:
        moment = filters.modified_after
        conditions.append(or_(ServiceAtLocation.updated_at >= moment, _service_modified_since(moment)))
    point = _place(session, filters.postcode) if filters.postcode else None
    drafts = draft_ids(session)
    statement = select(ServiceAtLocation.id).join(Service, Service.id == ServiceAtLocation.service_id)
    if filters.search or (point is not None and filters.proximity_m is not None):
        near = point if filters.proximity_m is not None else None
        hits = _engine_hits(search, filters, near)
        excluded = drafts
        if point is not None:  # only the areas of the services found are read
            excluded = excluded | _outside_areas(session, point, {sid for sid, _ in hits})
        ordered = list(dict.fromkeys(sal for sid, sal in hits if sal and sid not in excluded))
        if conditions:
            ordered = _keep(session, statement.where(*conditions), ordered, ServiceAtLocation.id)
        return _page(ordered, offset, size)
    excluded = drafts | (_outside_areas(session, point) if point is not None else set())
    if excluded:
        conditions.append(ServiceAtLocation.service_id.not_in(sorted(excluded)))
    statement = statement.where(*conditions)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    ids = session.scalars(statement.order_by(ServiceAtLocation.id).offset(offset).limit(size))
    return Selection(list(ids), total)


def _without_time(filters: Filters) -> Filters:
    copy = Filters(**{name: getattr(filters, name) for name in filters.__slots__})  # type: ignore[attr-defined]
    copy.modified_after = None
    return copy


def _outside_areas(session: Session, point: tuple[float, float], among: set[str] | None = None) -> set[str]:
    """Services (of `among`, or all) whose service areas are readable and none holds the point: a postcode
    outside them. A service without a readable area is kept (an unknown area never excludes, as in the
    matcher)."""
    here = Point(point[1], point[0])
    inside: set[str] = set()
    readable: set[str] = set()
    statement = select(ServiceArea.service_id, ServiceArea.extent, ServiceArea.extent_type).where(
        ServiceArea.extent.is_not(None)
    )
    batches = [None] if among is None else list(_batches(sorted(among)))
    for batch in batches:
        chosen = statement if batch is None else statement.where(ServiceArea.service_id.in_(batch))
        for service_id, extent, extent_type in session.execute(chosen):
            geometry = area_geometry(extent, extent_type)
            if geometry is None:
                continue
            readable.add(service_id)
            if geometry.contains(here):
                inside.add(service_id)
    return readable - inside


def organizations(
    session: Session, search: SearchService, filters: Filters, offset: int, size: int
) -> Selection:
    """Organizations by id; with words, those whose services the engine finds (its documents hold each
    organization's name), in the order of their best service."""
    if filters.search:
        service_ids = _without_drafts((sid for sid, _ in _engine_hits(search, filters)), draft_ids(session))
        owner: dict[str, str] = {}
        for batch in _batches(service_ids):
            rows = session.execute(select(Service.id, Service.organization_id).where(Service.id.in_(batch)))
            owner.update({service_id: organization_id for service_id, organization_id in rows})
        ordered = list(dict.fromkeys(owner[sid] for sid in service_ids if sid in owner))
        return _page(ordered, offset, size)
    real = Organization.placeholder.is_(False)
    total = session.scalar(select(func.count()).select_from(Organization).where(real)) or 0
    ids = session.scalars(
        select(Organization.id).where(real).order_by(Organization.id).offset(offset).limit(size)
    )
    return Selection(list(ids), total)


def _matches_words(words: str, *texts: Any) -> bool:
    wanted = comparable_text(words)
    for value in texts:
        if isinstance(value, dict):
            if any(wanted in comparable_text(v or "") for v in value.values()):
                return True
        elif value and wanted in comparable_text(str(value)):
            return True
    return False


def taxonomies(session: Session, filters: Filters, offset: int, size: int) -> Selection:
    """A directory holds a few taxonomies: they are read whole and filtered here."""
    rows = session.execute(
        select(Taxonomy.id, Taxonomy.name, Taxonomy.description).order_by(Taxonomy.id)
    ).all()
    ids = [r.id for r in rows if not filters.search or _matches_words(filters.search, r.name, r.description)]
    return _page(ids, offset, size)


def taxonomy_terms(session: Session, filters: Filters, offset: int, size: int) -> Selection:
    conditions: list[Any] = []
    if filters.taxonomy_id:
        conditions.append(TaxonomyTerm.taxonomy_id == filters.taxonomy_id)
    if filters.top_only:
        conditions.append(TaxonomyTerm.parent_id.is_(None))
    if filters.parent_id:
        conditions.append(TaxonomyTerm.parent_id == filters.parent_id)
    statement = select(TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.name, TaxonomyTerm.description)
    if not filters.search:
        total = session.scalar(select(func.count()).select_from(TaxonomyTerm).where(*conditions)) or 0
        ids = session.scalars(
            select(TaxonomyTerm.id).where(*conditions).order_by(TaxonomyTerm.id).offset(offset).limit(size)
        )
        return Selection(list(ids), total)
    rows = session.execute(statement.where(*conditions).order_by(TaxonomyTerm.id)).all()
    ids = [r.id for r in rows if _matches_words(filters.search, r.code, r.name, r.description)]
    return _page(ids, offset, size)
