"""Places in the embedded index's SQL: the box around a circle, the cells of "this category near here", and
the radius applied with exact distances only where they can change an answer.

SQLite gives each candidate a flat-earth distance (one multiplication, close at these scales); only the rows
near the circle's edge, and those of the page when nearest first, are measured on the sphere.
"""

from __future__ import annotations

import math
from typing import Any

from app.core.geo import EARTH_KM, haversine_km
from indexer.documents import SearchDocument
from indexer.engines.embedded.places import KM_PER_DEGREE
from indexer.engines.embedded.results import Matched
from indexer.query import SearchQuery

# How far the flat-earth distance SQLite computes may stray from the true one, relatively, besides the part
# that grows with the distance itself (radius / EARTH_KM): a generous bound.
FLAT_ERROR = 0.005
# Places are also tagged "category@cell" (cells of about 2 km) so that "this category near here", the
# question of the matcher and of filtered results pages, is one indexed lookup of a few codes. A remote
# service's cell is "remote", a place without coordinates is in "unplaced".
CELL_LAT, CELL_LON = 0.02, 0.03
CELL_MAX_RADIUS_KM = 15.0  # farther, the plain category list is smaller than the cells' codes


def cell_of(doc: SearchDocument) -> str:
    if doc.remote:
        return "remote"
    if doc.latitude is None or doc.longitude is None:
        return "unplaced"
    return _cell(doc.latitude, doc.longitude)


def _cell(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL_LAT)}:{math.floor(lon / CELL_LON)}"


def cells_around(query: SearchQuery) -> list[str]:
    """The cells a query's radius touches, and "remote" or "unplaced" when those are wanted too."""
    cells: list[str] = []
    if query.remote_only:
        return ["remote"]
    if query.remote_allowed:
        cells.append("remote")
    if query.include_unplaced:
        cells.append("unplaced")
    south, north, west, east = bounding_box(query.lat, query.lon, query.radius_km)  # type: ignore[arg-type]
    for row in range(math.floor(south / CELL_LAT), math.floor(north / CELL_LAT) + 1):
        for column in range(math.floor(west / CELL_LON), math.floor(east / CELL_LON) + 1):
            cells.append(f"{row}:{column}")
    return cells


def by_cells(query: SearchQuery) -> bool:
    near = query.has_point and query.radius_km is not None and query.radius_km <= CELL_MAX_RADIUS_KM
    return bool(query.categories) and (near or query.remote_only)


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    delta_lat = math.degrees(radius_km / EARTH_KM)
    delta_lon = math.degrees(radius_km / (EARTH_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - delta_lat, lat + delta_lat, lon - delta_lon, lon + delta_lon


def within_radius(rows: list[tuple[Any, ...]], query: SearchQuery) -> Matched:
    """The radius applied. Each row's distance is the flat-earth one SQLite computed (row[3], squared
    degrees of latitude): off by a fraction of a percent at these scales, so only rows near the edge are
    measured exactly before they are kept or left out."""
    result = []
    radius = query.radius_km
    inside = outside = 0.0
    if radius:
        margin = flat_margin(radius, query.lat)  # type: ignore[arg-type]
        inside, outside = radius * (1 - margin), radius * (1 + margin)
    for row in rows:
        score = -float(row[6])  # bm25 is lower-is-better
        if row[3] is None:
            result.append((row, None, score))
            continue
        distance = math.sqrt(row[3]) * KM_PER_DEGREE
        if radius and distance > inside:
            if distance > outside:
                continue
            distance = haversine_km(query.lat, query.lon, row[4], row[5])  # type: ignore[arg-type]
            if distance > radius:
                continue
        result.append((row, distance, score))
    return result


def flat_margin(km: float, lat: float) -> float:
    """How far off, relatively, a flat distance of `km` from latitude `lat` can be: the longitude scale is
    the query's, and it drifts with the latitude difference, faster towards the poles."""
    return FLAT_ERROR + km / EARTH_KM * (1 + math.tan(math.radians(min(abs(lat), 89.0))))


def _exact(row: tuple[Any, ...], distance: float | None, query: SearchQuery) -> float | None:
    if distance is None or row[4] is None:
        return None
    return haversine_km(query.lat, query.lon, row[4], row[5])  # type: ignore[arg-type]


def exact_head(matched: Matched, end: int, query: SearchQuery) -> None:
    """Nearest first: exact distances for the rows up to `end` and every row that could come before it
    once measured exactly, then those rows put in exact order."""
    if not matched or end <= 0:
        return
    last = matched[min(end, len(matched)) - 1][1]
    if last is None:
        last_placed = next((d for _, d, _ in reversed(matched[:end]) if d is not None), None)
        if last_placed is None:
            return
        last = last_placed
    cutoff = last * (1 + flat_margin(last, query.lat)) + 0.001  # type: ignore[arg-type]
    head = 0
    while head < len(matched) and matched[head][1] is not None and matched[head][1] <= cutoff:  # type: ignore[operator]
        row, distance, score = matched[head]
        matched[head] = (row, _exact(row, distance, query), score)
        head += 1
    matched[:head] = sorted(matched[:head], key=lambda item: (item[1], -item[2], item[0][1]))
