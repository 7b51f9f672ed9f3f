"""Putting imported locations on the map, and keeping wrong coordinates off it.

For each location of the run without coordinates but with an address: an address already placed in the
directory, then a postal code already placed, then the configured online geocoder (through its cache); what
is still not placed stays unplaced and is reported. Coordinates far from the rest of the source's places are
cleared with a warning (a swapped sign or a wrong country), the location kept.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.models import Address, Location
from importers.errors import Problem
from importers.geocode import GeocoderSettings, GeocoderUnavailable, cached_geocode, online_geocoder
from importers.report import ImportReport

FAR_KM = 300.0  # farther than this from the source's median place: not where the source works
MIN_PLACES_FOR_REGION = 5

Lookup = Callable[[str], tuple[float, float] | None]


def place_locations(
    session: Session,
    source: str,
    location_ids: set[str],
    report: ImportReport,
    changed: set[str],
    geocoder: GeocoderSettings | None = None,
) -> None:
    if not location_ids:
        return
    _clear_far_coordinates(session, source, location_ids, report, changed)
    lookup: Lookup | None = online_geocoder(geocoder) if geocoder else None
    rows = session.execute(
        select(
            Location.id,
            Location.source_id,
            Address.address_1,
            Address.city,
            Address.state_province,
            Address.postal_code,
            Address.country,
        )
        .join(Address, Address.location_id == Location.id)
        .where(
            Location.id.in_(list(location_ids)),
            Location.latitude.is_(None),
            Location.location_type != "virtual",
        )
    ).all()
    for location_id, source_id, street, city, province, postal, country in rows:
        found = _known_address(session, street, postal) or _known_postal_code(session, postal)
        how = "placed_known"
        if found is None and lookup is not None:
            query = ", ".join(p for p in (street, city, province, postal, country or "Canada") if p)
            try:
                found = cached_geocode(session, query, geocoder.provider, lookup)  # type: ignore[union-attr]
                how = "placed_geocoder"
            except GeocoderUnavailable:
                report.warn(
                    Problem(
                        "geocoder_unavailable", "locations.csv", f"id={source_id}", params={"value": query}
                    )
                )
                lookup = None  # a geocoder that is down stays down for this run; nothing fails
        if found is None:
            report.warn(
                Problem(
                    "unplaced",
                    "locations.csv",
                    f"id={source_id}",
                    params={"value": ", ".join(p for p in (street, city, postal) if p)},
                )
            )
            continue
        session.execute(
            update(Location).where(Location.id == location_id).values(latitude=found[0], longitude=found[1])
        )
        changed.add(location_id)
        report.warn(
            Problem(
                how,
                "locations.csv",
                f"id={source_id}",
                params={"lat": round(found[0], 5), "lon": round(found[1], 5)},
            )
        )


def _clear_far_coordinates(
    session: Session, source: str, location_ids: set[str], report: ImportReport, changed: set[str]
) -> None:
    from indexer.engines.embedded import haversine_km

    placed = session.execute(
        select(Location.latitude, Location.longitude).where(
            Location.data_source == source, Location.latitude.is_not(None)
        )
    ).all()
    if len(placed) < MIN_PLACES_FOR_REGION:
        return
    centre = (statistics.median(p[0] for p in placed), statistics.median(p[1] for p in placed))
    for location_id, source_id, lat, lon in session.execute(
        select(Location.id, Location.source_id, Location.latitude, Location.longitude).where(
            Location.id.in_(list(location_ids)), Location.latitude.is_not(None)
        )
    ):
        if haversine_km(centre[0], centre[1], lat, lon) > FAR_KM:
            session.execute(
                update(Location).where(Location.id == location_id).values(latitude=None, longitude=None)
            )
            changed.add(location_id)
            report.warn(
                Problem(
                    "far_coordinates", "locations.csv", f"id={source_id}", params={"lat": lat, "lon": lon}
                )
            )


def _known_address(session: Session, street: str | None, postal: str | None) -> tuple[float, float] | None:
    if not street:
        return None
    statement = (
        select(Location.latitude, Location.longitude)
        .join(Address, Address.location_id == Location.id)
        .where(func.lower(Address.address_1) == street.strip().lower(), Location.latitude.is_not(None))
    )
    if postal:
        statement = statement.where(
            func.upper(func.replace(Address.postal_code, " ", "")) == postal.replace(" ", "").upper()
        )
    row = session.execute(statement.limit(1)).first()
    return (row[0], row[1]) if row else None


def _known_postal_code(session: Session, postal: str | None) -> tuple[float, float] | None:
    if not postal or len(postal.replace(" ", "")) != 6:
        return None
    row = session.execute(
        select(func.avg(Location.latitude), func.avg(Location.longitude))
        .join(Address, Address.location_id == Location.id)
        .where(
            func.upper(func.replace(Address.postal_code, " ", "")) == postal.replace(" ", "").upper(),
            Location.latitude.is_not(None),
        )
    ).one()
    return (float(row[0]), float(row[1])) if row[0] is not None else None
