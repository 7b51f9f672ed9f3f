"""The orders of the embedded engine's answers, and the scores that make them.

Words without a place: BM25 by SQLite (`WEIGHTS`). Nearest first: distance, then, among places at the same
distance (one address, several services), the relevance of their own text (`tie_relevance`). Words and a
place: relevance read from the full-text index weighed with distance (`indexer/engines/relevance.py`).
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np
import orjson

from indexer.engines import relevance
from indexer.engines.embedded import tie_relevance
from indexer.engines.embedded.places import Places
from indexer.engines.embedded.places import haversine_km as haversine_many
from indexer.engines.embedded.results import Matched
from indexer.engines.embedded.store import COLUMN_LIST
from indexer.engines.relevance import RowidsOf
from indexer.query import SearchQuery

# BM25 weights per column (FTS_COLUMNS' order), by the language of the query: the name counts most, then
# category labels, keywords and the organization, then the description; the query's language a little above
# the other. (With a place, `relevance` weighs the columns its own way.)
WEIGHTS = {
    "fr": (10.0, 7.0, 4.0, 5.0, 4.0, 1.5, 1.0, 5.0, 4.0),
    "en": (7.0, 10.0, 4.0, 4.0, 5.0, 1.0, 1.5, 4.0, 5.0),
}


def bm25_weights(lang: str) -> tuple[float, ...]:
    return WEIGHTS.get(lang, WEIGHTS["fr"])


def sort(matched: Matched, query: SearchQuery) -> None:
    if query.by_distance:
        matched.sort(key=lambda item: (item[1] is None, item[1] or 0.0, -item[2], item[0][1]))
    elif query.has_point:  # relevance weighed with distance (`relevance.order`, then the document id)
        matched.sort(key=lambda item: (item[1] is None, -item[2], item[1] or 0.0, item[0][1]))
    else:
        matched.sort(key=lambda item: (-item[2], item[1] if item[1] is not None else math.inf, item[0][1]))


def weighed(
    matched: Matched, query: SearchQuery, match: str, rowids_of: RowidsOf, places: Places | None = None
) -> Matched:
    """Words and a place, with other filters (SQLite found the rows): each one's exact distance and
    relevance weighed together (and its freshness, from the arrays of `places`), best first; as the arrays'
    path orders them."""
    rowids = np.array([row[0] for row, _, _ in matched], dtype=np.int64)
    lats = np.array([np.nan if row[4] is None else row[4] for row, _, _ in matched], dtype=np.float64)
    lons = np.array([np.nan if row[5] is None else row[5] for row, _, _ in matched], dtype=np.float64)
    distances = haversine_many(query.lat, query.lon, lats, lons)  # type: ignore[arg-type]
    score = relevance.scores(relevance.relevance(rowids, match, rowids_of), distances)
    if places is not None:
        score = score * places.fresh_factor(rowids, relevance.today_ordinal())
    result: Matched = [
        (row, None if math.isnan(km) else km, value)
        for (row, _, _), km, value in zip(matched, distances.tolist(), score.tolist(), strict=True)
    ]
    sort(result, query)
    return result


def scored_page(
    connection: sqlite3.Connection, matched: Matched, start: int, query: SearchQuery, match: str
) -> Matched:
    """The page of a nearest-first answer whose BM25 scores were left out. Places at the same distance (one
    address, several services) are ordered by the relevance of their own text (`tie_relevance`): FTS5's
    BM25 would cost as much for these few rows as for every match."""
    end = min(start + query.page_size, len(matched))
    if start >= end:
        return []
    low, high = start, end
    while low > 0 and matched[low - 1][1] == matched[start][1]:
        low -= 1
    while high < len(matched) and matched[high][1] == matched[end - 1][1]:
        high += 1
    window = matched[low:high]
    tied = {
        window[i][0][0]
        for i in range(len(window))
        if (i > 0 and window[i][1] == window[i - 1][1])
        or (i + 1 < len(window) and window[i][1] == window[i + 1][1])
    }
    if not tied:
        return matched[start:end]
    texts = {
        row[0]: row[1:]
        for row in connection.execute(
            f"SELECT rowid, {COLUMN_LIST} FROM doc_text WHERE rowid IN (SELECT value FROM json_each(?))",
            (orjson.dumps(sorted(tied)).decode(),),
        )
    }
    scores = tie_relevance.relevance(texts, match, bm25_weights(query.lang))
    rescored = [(row, distance, float(scores.get(row[0], score))) for row, distance, score in window]
    sort(rescored, query)
    return rescored[start - low : end - low]
