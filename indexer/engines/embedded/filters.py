"""A search's conditions as one SQL query over the embedded index: the rows it keeps, with what ranking
needs of each (flat distance, coordinates, BM25 score).

Each condition is written the way that reads fewest rows given the others: a word or a category already
narrows the rows, so a place is checked on each row's own coordinates rather than listed from the R*Tree,
and languages are looked up per row rather than as the list of every document in a common language.
"""

from __future__ import annotations

import math
from typing import Any

from indexer.engines.embedded.geo import bounding_box, by_cells, cells_around
from indexer.engines.embedded.ranking import bm25_weights
from indexer.engines.embedded.store import ALL_YEAR, DAYLIGHT_TIME, STANDARD_TIME
from indexer.engines.relevance import fresh_case_sql, today_ordinal
from indexer.query import SearchQuery

WEEK = 7 * 24 * 60


def filter_sql(
    query: SearchQuery, match: str | None, ranked: bool = True, only: str | None = None
) -> tuple[str, list[Any]]:
    """The rows a query keeps (rowid, doc_id, service_id, flat distance², lat, lon, score);
    `only`: a JSON array of the rowids to consider (found by the arrays), in place of a full-text match."""
    params: list[Any] = []
    if match is not None and not ranked:
        source = "(SELECT rowid FROM fts WHERE fts MATCH ?) AS f JOIN docs d ON d.rowid = f.rowid"
        params.append(match)
        score = "0.0"
    elif match is not None:
        weights = ",".join(str(w) for w in bm25_weights(query.lang))
        source = (
            f"(SELECT rowid, bm25(fts, {weights}) AS score FROM fts WHERE fts MATCH ?) AS f "
            "JOIN docs d ON d.rowid = f.rowid"
        )
        params.append(match)
        # BM25 (lower is better) leaned a little towards fresh listings (`relevance.FRESH_BOOSTS`).
        score = f"f.score * {fresh_case_sql('d.fresh', today_ordinal())}"
    else:
        source, score = "docs d", "0.0"
    conditions: list[str] = []
    if only is not None:
        conditions.append("d.rowid IN (SELECT value FROM json_each(?))")
        params.append(only)
    if not query.include_inactive:
        conditions.append("d.status = 'active'")
    if by_cells(query):
        # Category and place in one indexed lookup; the exact radius is applied afterwards.
        codes = [f"{code}@{cell}" for cell in cells_around(query) for code in query.categories]
        marks = ",".join("?" * len(codes))
        conditions.append(f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'cc' AND code IN ({marks}))")
        params += codes
    elif query.remote_only:
        conditions.append("d.remote = 1")
    elif query.has_point and query.radius_km:
        south, north, west, east = bounding_box(query.lat, query.lon, query.radius_km)  # type: ignore[arg-type]
        if match is not None or query.categories or only is not None:
            # Words or a category already narrow the rows: each one's own coordinates are checked. An R*Tree
            # list of the whole box would cost more (tens of thousands of places in 5 km of a city centre).
            box = "(d.lat BETWEEN ? AND ? AND d.lon BETWEEN ? AND ?)"
        else:
            box = (
                "d.rowid IN (SELECT id FROM geo WHERE max_lat >= ? AND min_lat <= ? "
                "AND max_lon >= ? AND min_lon <= ?)"
            )
        alternatives = [box]
        if query.remote_allowed:
            alternatives.append("d.remote = 1")
        if query.include_unplaced:
            alternatives.append("(d.remote = 0 AND d.lat IS NULL)")
        conditions.append("(" + " OR ".join(alternatives) + ")")
        params += [south, north, west, east]
    elif not query.remote_allowed:
        conditions.append("d.remote = 0")
    if query.categories and not by_cells(query):
        marks = ",".join("?" * len(query.categories))
        conditions.append(f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'cat' AND code IN ({marks}))")
        params += query.categories
    if query.languages:
        marks = ",".join("?" * len(query.languages))
        if match is not None or query.categories or query.has_point:
            # Other conditions pick the rows: each one's languages are looked up, never the list of every
            # document in a common language (tens of thousands of rows built into a list per query).
            conditions.append(
                "EXISTS (SELECT 1 FROM doc_tag t WHERE t.rowid = d.rowid AND t.kind = 'lang' "
                f"AND t.code IN ({marks}))"
            )
        else:
            conditions.append(
                f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'lang' AND code IN ({marks}))"
            )
        params += [lang.lower() for lang in query.languages]
    for feature in query.normalized_features():
        conditions.append(
            "EXISTS (SELECT 1 FROM doc_tag t WHERE t.rowid = d.rowid AND t.kind = 'feat' AND t.code = ?)"
        )
        params.append(feature)
    if query.age is not None:
        conditions.append("(d.min_age IS NULL OR d.min_age <= ?) AND (d.max_age IS NULL OR d.max_age >= ?)")
        params += [query.age, query.age]
    if query.open_at is not None:
        from app.core.hours import minute_of_week, on_daylight_time

        minute = minute_of_week(query.open_at)
        season = DAYLIGHT_TIME if on_daylight_time(query.open_at) else STANDARD_TIME
        conditions.append(
            f"EXISTS (SELECT 1 FROM doc_hours h WHERE h.rowid = d.rowid AND h.season IN ({ALL_YEAR}, ?) AND "
            "((h.start <= ? AND h.end > ?) OR (h.start <= ? AND h.end > ?)))"
        )
        params += [season, minute, minute, minute + WEEK, minute + WEEK]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # The payload is fetched later, for the page's hits only.
    flat = "NULL"
    if query.has_point:
        flat = "(d.lat - ?) * (d.lat - ?) + (d.lon - ?) * (d.lon - ?) * ?"
        squeeze = math.cos(math.radians(query.lat)) ** 2  # type: ignore[arg-type]
        params = [query.lat, query.lat, query.lon, query.lon, squeeze, *params]
    sql = f"SELECT d.rowid, d.doc_id, d.service_id, {flat}, d.lat, d.lon, {score} FROM {source}{where}"
    return sql, params
