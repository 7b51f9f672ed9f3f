"""Reads of the directory for the public pages (plain functions that take a session)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.i18n import Localized, localized
from app.models import Service, ServiceAtLocation


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
    """Active services first, then by name in `locale`; one page of them and the total count."""
    total = session.scalar(select(func.count()).select_from(Service)) or 0
    services = session.scalars(
        select(Service).options(
            selectinload(Service.organization),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
        )
    ).all()
    listings = [_listing(service, locale) for service in services]
    listings.sort(key=lambda item: (item.status != "active", item.name.text.casefold()))
    start = (page - 1) * per_page
    return listings[start : start + per_page], total


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
