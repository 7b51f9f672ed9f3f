"""Putting imported locations on the map, and keeping wrong coordinates off it.

The chain, for each location of the run: coordinates given (the loader has already cleared those out of
range, with a warning) -> an address already placed in the directory -> a postal code already placed -> the
configured online geocoder, through its cache so that no address is sent twice -> unplaced, and reported.
Coordinates far from the rest of the source's places, given or answered by the geocoder, are not kept (a
swapped sign, a homonym in another province); the location always is. The approximate centroid of a postal
code's first three characters (`app.core.geo.place`) serves searches, not imports: a service would
show, precisely, where it is not.

Locations are read in batches of 500 ids: SQLite limits the variables of one statement, and a run can
bring 100,000 rows.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.geo import (
    GeocoderMisconfigured,
    GeocoderSettings,
    GeocoderUnavailable,
    Lookup,
    cached_geocode,
    online_geocoder,
)
from app.core.models import Address, Location
from importers.errors import Problem
from importers.report import ImportReport

FAR_KM = 300.0  # farther than this from the source's median place: not where the source works
MIN_PLACES_FOR_REGION = 5
BATCH = 500
FILE = "locations.csv"

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A location without coordinates, with the address it can be placed by."""

    location_id: str
    source_id: str
    street: str | None
    city: str | None
    province: str | None
    postal: str | None
    country: str | None

    @property
    def query(self) -> str:
        parts = (self.street, self.city, self.province, self.postal, self.country or "Canada")
        return ", ".join(p for p in parts if p)

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.street, self.city, self.postal) if p)

    @property
    def line(self) -> str:
        return f"id={self.source_id}"


def place_locations(
    session: Session,
    source: str,
    location_ids: set[str],
    report: ImportReport,
    changed: set[str],
    geocoder: GeocoderSettings | None = None,
    lookup: Lookup | None = None,
) -> None:
    """Place the run's locations, and the source's still unplaced ones (a geocoder that was down may answer
    now; the cache keeps it from being asked again what it could not find); clear coordinates far from the
    source's region. `lookup` stands in for the online geocoder (tests, or a caller with its own)."""
    ids = sorted(location_ids | _still_unplaced(session, source))
    if not ids:
        return
    centre = _region_centre(session, source)
    _clear_far_coordinates(session, sorted(location_ids), centre, report, changed)
    online = _Geocoder(geocoder, lookup, report)
    for batch in _batches(ids):
        _place_batch(session, batch, online, centre, report, changed)


def _place_batch(
    session: Session,
    batch: Sequence[str],
    online: _Geocoder,
    centre: Point | None,
    report: ImportReport,
    changed: set[str],
) -> None:
    places, bare = _unplaced(session, batch)
    for source_id in bare:
        report.warn(Problem("unplaced_no_address", FILE, f"id={source_id}"))
    known_streets = _known_streets(session, {p.street.strip().lower() for p in places if p.street})
    known_codes = _known_postal_codes(session, {c for p in places if len(c := _compact(p.postal)) == 6})
    for place in places:
        street = (place.street or "").strip().lower()
        code = _compact(place.postal)
        # The same street with the same postal code; any postal code when this address gives none.
        found = known_streets.get((street, code)) if street else None
        found = found or known_codes.get(code)
        how = "placed_known"
        if found is None:
            found, how = online.place(session, place, centre), "placed_geocoder"
        if found is None:
            report.warn(Problem("unplaced", FILE, place.line, params={"value": place.label}))
            continue
        session.execute(
            update(Location)
            .where(Location.id == place.location_id)
            .values(latitude=found[0], longitude=found[1])
        )
        changed.add(place.location_id)
        params = {"lat": round(found[0], 5), "lon": round(found[1], 5)}
        report.warn(Problem(how, FILE, place.line, params=params))


class _Geocoder:
    """The online geocoder of one run: built once, asked through the cache, given up on at its first
    failure (a geocoder that is down stays down for the run; the import goes on)."""

    def __init__(
        self, settings: GeocoderSettings | None, lookup: Lookup | None, report: ImportReport
    ) -> None:
        self.provider = settings.provider if settings else "custom"
        self.report = report
        self.lookup = lookup
        if lookup is None and settings is not None:
            try:
                self.lookup = online_geocoder(settings)
            except GeocoderMisconfigured as error:
                params = {"value": settings.provider, "reason": str(error)}
                report.warn(Problem("geocoder_misconfigured", FILE, params=params))

    def place(self, session: Session, place: Unplaced, centre: Point | None) -> Point | None:
        if self.lookup is None:
            return None
        try:
            found = cached_geocode(session, place.query, self.provider, self.lookup)
        except GeocoderUnavailable:
            self.report.warn(Problem("geocoder_unavailable", FILE, place.line, params={"value": place.query}))
            self.lookup = None
            return None
        if found is not None and not _in_region(found, centre):
            params = {"value": place.label, "lat": found[0], "lon": found[1]}
            self.report.warn(Problem("geocoder_rejected", FILE, place.line, params=params))
            return None
        return found


def _unplaced(session: Session, batch: Sequence[str]) -> tuple[list[Unplaced], list[str]]:
    """The batch's locations without coordinates (virtual ones need none), each with one address (a
    street address before a postal one), and the source ids of physical ones that have no address."""
    rows = session.execute(
        select(
            Location.id,
            Location.source_id,
            Location.location_type,
            Address.address_type,
            Address.address_1,
            Address.city,
            Address.state_province,
            Address.postal_code,
            Address.country,
        )
        .outerjoin(Address, Address.location_id == Location.id)
        .where(Location.id.in_(batch), Location.latitude.is_(None), Location.location_type != "virtual")
        .order_by(Location.id, Address.address_type == "postal", Address.id)
    ).all()
    places: dict[str, Unplaced] = {}
    physical: dict[str, str] = {}
    for location_id, source_id, kind, _type, street, city, province, postal, country in rows:
        if kind == "physical":
            physical[location_id] = source_id
        if location_id not in places and (street or postal):  # a town alone places nothing precisely
            places[location_id] = Unplaced(location_id, source_id, street, city, province, postal, country)
    return list(places.values()), [sid for lid, sid in physical.items() if lid not in places]


def _known_streets(session: Session, streets: set[str]) -> dict[tuple[str, str], Point]:
    """Placed addresses by (street, compact postal code), and by (street, "") for any postal code."""
    found: dict[tuple[str, str], Point] = {}
    if not streets:
        return found
    rows = session.execute(
        select(func.lower(Address.address_1), Address.postal_code, Location.latitude, Location.longitude)
        .join(Location, Address.location_id == Location.id)
        .where(func.lower(Address.address_1).in_(sorted(streets)), Location.latitude.is_not(None))
        .order_by(Address.id)
    )
    for street, postal, lat, lon in rows:
        found.setdefault((street, _compact(postal)), (lat, lon))
        found.setdefault((street, ""), (lat, lon))
    return found


def _known_postal_codes(session: Session, codes: set[str]) -> dict[str, Point]:
    """Each postal code's placed addresses, averaged here rather than by a GROUP BY on the expression,
    which PostgreSQL may refuse (each copy of the expression gets bound parameters of its own)."""
    if not codes:
        return {}
    compact = func.upper(func.replace(Address.postal_code, " ", ""))
    points: dict[str, list[Point]] = {}
    rows = session.execute(
        select(Address.postal_code, Location.latitude, Location.longitude)
        .join(Location, Address.location_id == Location.id)
        .where(compact.in_(sorted(codes)), Location.latitude.is_not(None))
    )
    for postal, lat, lon in rows:
        points.setdefault(_compact(postal), []).append((lat, lon))
    return {
        code: (statistics.fmean(p[0] for p in found), statistics.fmean(p[1] for p in found))
        for code, found in points.items()
    }


def _still_unplaced(session: Session, source: str) -> set[str]:
    return set(
        session.scalars(
            select(Location.id).where(
                Location.data_source == source,
                Location.latitude.is_(None),
                Location.location_type != "virtual",
            )
        )
    )


def _region_centre(session: Session, source: str) -> Point | None:
    """The median of the source's placed locations, once it has enough of them to say where it works."""
    placed = session.execute(
        select(Location.latitude, Location.longitude).where(
            Location.data_source == source, Location.latitude.is_not(None)
        )
    ).all()
    if len(placed) < MIN_PLACES_FOR_REGION:
        return None
    return statistics.median(p[0] for p in placed), statistics.median(p[1] for p in placed)


def _in_region(point: Point, centre: Point | None) -> bool:
    from app.core.geo import haversine_km

    lat, lon = point
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat == lon == 0:
        return False
    return centre is None or haversine_km(centre[0], centre[1], lat, lon) <= FAR_KM


def _clear_far_coordinates(
    session: Session, ids: Sequence[str], centre: Point | None, report: ImportReport, changed: set[str]
) -> None:
    if centre is None:
        return
    for batch in _batches(ids):
        rows = session.execute(
            select(Location.id, Location.source_id, Location.latitude, Location.longitude).where(
                Location.id.in_(batch), Location.latitude.is_not(None)
            )
        ).all()
        for location_id, source_id, lat, lon in rows:
            if _in_region((lat, lon), centre):
                continue
            session.execute(
                update(Location).where(Location.id == location_id).values(latitude=None, longitude=None)
            )
            changed.add(location_id)
            report.warn(Problem("far_coordinates", FILE, f"id={source_id}", params={"lat": lat, "lon": lon}))


def _compact(postal: str | None) -> str:
    return (postal or "").replace(" ", "").upper()


def _batches(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]
