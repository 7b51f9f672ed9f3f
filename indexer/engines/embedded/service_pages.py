"""A page of services matching words, and how many match, from the arrays and the kept rowids alone.

A list of services (the HSDS API's `/services?search=`) counts services, not documents: a service at three
places has three documents. Ranking every matching document by BM25 and reading each one's service id cost
about a second for a common word at 100,000 services; here the rowids of the words (kept between searches),
their relevance by field (`relevance.relevance`: name, then organization and keywords, then description,
leaning towards fresh listings as search does) and each document's service (`Places.service_of`) give the
order and the count in numpy, and only the page's ids are read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

import numpy as np
import orjson

from indexer.engines import relevance
from indexer.engines.embedded.thread_cache import ThreadCache


def service_page(
    connection: sqlite3.Connection,
    cache: ThreadCache,
    match: str,
    *,
    offset: int,
    size: int,
    include_inactive: bool,
    exclude: Collection[str] = (),
) -> tuple[list[str], int] | None:
    """(the page's service ids best first, how many services match); None when a row is newer than the
    arrays (the caller answers another way)."""
    places = cache.places(connection)
    rowids_of = cache.rowids_of(connection)
    rowids = rowids_of(match)
    if rowids.size and int(rowids.max()) >= places.service_of.shape[0]:
        return None
    if not include_inactive:
        rowids = rowids[places.active[rowids]]
    score = relevance.relevance(rowids, match, rowids_of) * places.fresh_factor(
        rowids, relevance.today_ordinal()
    )
    best = np.lexsort((rowids, -score))
    services = places.service_of[rowids[best]]
    _, first = np.unique(services, return_index=True)  # each service at its best document
    ranked = services[np.sort(first)]
    if exclude:
        left_out = _first_rowids(connection, exclude)
        ranked = ranked[~np.isin(ranked, left_out)]
    page = ranked[offset : offset + size].tolist()
    if not page:
        return [], int(ranked.shape[0])
    found = dict(
        connection.execute(
            "SELECT rowid, service_id FROM docs WHERE rowid IN (SELECT value FROM json_each(?))",
            [orjson.dumps(page).decode()],
        ).fetchall()
    )
    return [found[rowid] for rowid in page if rowid in found], int(ranked.shape[0])


def _first_rowids(connection: sqlite3.Connection, service_ids: Collection[str]) -> np.ndarray:
    rows = connection.execute(
        "SELECT min(rowid) FROM docs WHERE service_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY service_id",
        [orjson.dumps(sorted(service_ids)).decode()],
    ).fetchall()
    return np.array([row[0] for row in rows], dtype=np.int64)
