"""The three ways the embedded engine answers a search, cheapest first.

1. Words or categories in a circle, nothing else asked (a results page before its filters, the matcher's
   candidates): the arrays of places give the whole answer; rows are read for the page alone.
2. Words in a circle with other filters: the arrays narrow the candidates to those that can be in the
   circle, and SQLite checks every condition on the rows they let through.
3. Anything else: one SQL query (`filters`) picks the rows; with a place, the radius and the order are
   applied here, and without one SQLite orders, counts and cuts the page itself.

BM25 by SQLite orders words without a place. Nearest first, relevance only parts ties: BM25 is computed for
the page alone (it is most of what a full-text query costs when the words are common). Words and a place:
relevance read from the full-text index, weighed with distance.
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np
import orjson

from indexer.engines import relevance
from indexer.engines.embedded import results
from indexer.engines.embedded.filters import filter_sql
from indexer.engines.embedded.geo import by_cells, exact_head, flat_margin, within_radius
from indexer.engines.embedded.ranking import scored_page, sort, weighed
from indexer.engines.embedded.results import Matched
from indexer.engines.embedded.thread_cache import ThreadCache
from indexer.query import SearchQuery, SearchResult


def search(
    connection: sqlite3.Connection, cache: ThreadCache, query: SearchQuery, match: str | None
) -> SearchResult:
    """The answer to `query`, `match` its words as an FTS5 expression (None: no words)."""
    ranked = match is not None and not query.by_distance and not query.has_point
    start = max(query.page - 1, 0) * query.page_size
    if _circle_only(query, match, ranked):
        answered = _circle_by_arrays(connection, cache, query, match, start)
        if answered is not None:
            return answered
    only = _near_matches(connection, cache, query, match) if _by_arrays(query, match, ranked) else None
    sql, params = filter_sql(query, match if only is None else None, ranked, only)
    if query.has_point:
        # SQLite gives each candidate a flat-earth distance (cheap, close); the exact one is computed
        # where it can change an answer: at the radius's edge and for the page.
        matched = within_radius(connection.execute(sql, params).fetchall(), query)
        if match is not None and query.weighs_distance:
            matched = weighed(matched, query, match, cache.rowids_of(connection), cache.places(connection))
        else:
            sort(matched, query)
        total = len(matched)
        if query.by_distance:
            exact_head(matched, start + query.page_size, query)
        if match is not None and query.by_distance:
            page = scored_page(connection, matched, start, query, match)
        else:
            page = matched[start : start + query.page_size]
        facets = results.empty_facets()
        if query.facets:
            facets = results.facets(connection, cache.places(connection), [row[0] for row, _, _ in matched])
    else:
        # Best first by relevance: SQLite orders, counts and cuts the page itself.
        rows = connection.execute(
            f"SELECT *, count(*) OVER () FROM ({sql}) ORDER BY 7, 2 LIMIT ? OFFSET ?",
            [*params, query.page_size, start],
        ).fetchall()
        total = rows[0][-1] if rows else results.count(connection, sql, params, start)
        page = within_radius([row[:-1] for row in rows], query)
        facets = results.empty_facets()
        if query.facets:
            counted, counted_params = filter_sql(query, match, ranked=False)  # no scores to count
            facets = results.facets_of(connection, f"SELECT rowid AS r FROM ({counted})", counted_params)
    hits = results.hits(connection, page, query.lang, query.ids_only)
    return SearchResult(hits=hits, facets=facets, total=total)


def _circle_only(query: SearchQuery, match: str | None, ranked: bool) -> bool:
    """Words or categories in a circle (nearest first, or words weighed with distance), and no other filter:
    the arrays answer alone."""
    filtered = query.languages or query.normalized_features() or query.age is not None or query.open_at
    near = bool(query.radius_km) and query.has_point and not ranked
    return near and (match is not None or bool(query.categories)) and not (filtered or query.remote_only)


def _by_arrays(query: SearchQuery, match: str | None, ranked: bool) -> bool:
    """Words, a circle, nearest first, and no category to look up by cell: the places come from arrays."""
    return (
        match is not None and not ranked and bool(query.radius_km) and query.has_point and not by_cells(query)
    )


def _circle_by_arrays(
    connection: sqlite3.Connection, cache: ThreadCache, query: SearchQuery, match: str | None, start: int
) -> SearchResult | None:
    """The arrays give the whole answer (which documents, how far, in what order, the facets); rows are read
    for the page alone, with the places ranked alike with its first and last (the same distance, nearest
    first: ordered by their own text when words were asked, as the other paths do). Words weighed with
    distance are ranked by their relevance read from the full-text index (`relevance`). None when the
    arrays are older than a row (the general path answers)."""
    places = cache.places(connection)
    rowids_of = cache.rowids_of(connection)
    rowids = rowids_of(match) if match is not None else None
    if query.categories:
        tagged = places.rows_tagged([f"cat:{code}" for code in query.categories])
        rowids = tagged if rowids is None else np.intersect1d(rowids, tagged, assume_unique=True)
    if rowids is None:
        return None
    found = places.circle(
        rowids,
        query.lat,  # type: ignore[arg-type]
        query.lon,  # type: ignore[arg-type]
        query.radius_km,  # type: ignore[arg-type]
        include_inactive=query.include_inactive,
        keep_unplaced=query.include_unplaced,
        keep_remote=query.remote_allowed,
    )
    if found is None:
        return None
    ids, distances = found
    score = np.zeros(ids.shape[0])
    if match is not None and query.weighs_distance:
        score = relevance.scores(relevance.relevance(ids, match, rowids_of), distances)
        score = score * places.fresh_factor(ids, relevance.today_ordinal())
        best = relevance.order(ids, distances, score)
        ids, distances, score = ids[best], distances[best], score[best]
    total = int(ids.shape[0])
    page: Matched = []
    end = min(start + query.page_size, total)
    if start < end:
        order = np.where(np.isnan(distances), np.inf, distances)

        def alike(i: int, j: int) -> bool:  # ranked alike: parted by document id
            return bool(order[i] == order[j] and score[i] == score[j])

        low, high = start, end
        while low > 0 and alike(low - 1, start):
            low -= 1
        while high < total and alike(high, end - 1):
            high += 1
        listed = orjson.dumps(ids[low:high], option=orjson.OPT_SERIALIZE_NUMPY).decode()
        rows = {
            row[0]: row
            for row in connection.execute(
                "SELECT rowid, doc_id, service_id, NULL, lat, lon, 0.0 FROM docs "
                "WHERE rowid IN (SELECT value FROM json_each(?))",
                (listed,),
            )
        }
        window: Matched = [
            (rows[rowid], None if math.isnan(km) else km, value)
            for rowid, km, value in zip(
                ids[low:high].tolist(),
                distances[low:high].tolist(),
                score[low:high].tolist(),
                strict=True,
            )
            if rowid in rows
        ]
        sort(window, query)
        if match is not None and query.by_distance:
            page = scored_page(connection, window, start - low, query, match)
        else:
            page = window[start - low : end - low]
    facets = results.empty_facets()
    if query.facets:
        facets = results.facets(connection, cache.places(connection), ids.tolist())
    hits = results.hits(connection, page, query.lang, query.ids_only)
    return SearchResult(hits=hits, facets=facets, total=total)


def _near_matches(
    connection: sqlite3.Connection, cache: ThreadCache, query: SearchQuery, match: str | None
) -> str:
    """The documents holding the words that can be in the circle, as a JSON array for SQLite: the
    full-text index gives their rowids (no row read), the arrays their places."""
    rowids = cache.rowids_of(connection)(match)  # type: ignore[arg-type]
    radius = query.radius_km or 0.0
    near = cache.places(connection).near(
        rowids,
        query.lat,  # type: ignore[arg-type]
        query.lon,  # type: ignore[arg-type]
        radius * (1 + flat_margin(radius, query.lat)),  # type: ignore[arg-type]
        keep_unplaced=query.include_unplaced,
        keep_remote=query.remote_allowed,
    )
    return orjson.dumps(near, option=orjson.OPT_SERIALIZE_NUMPY).decode()
