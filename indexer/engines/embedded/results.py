"""From the rows a search kept to what it answers: the page's hits and the facet counts.

A hit is built from plain columns beside its document, the document itself left as written (decoded only
if someone asks): a long page costs no decoding. Facets are counted from the arrays when they are current,
by SQLite otherwise, driven by the documents (each one's tags through the rowid index).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from indexer.engines.embedded.places import Places
from indexer.query import Hit

# The rows a search passes along: (rowid, doc_id, service_id, flat distance², lat, lon, score) as SQLite
# gives them, then the distance in km (None: no place) and the score, higher first.
Matched = list[tuple[tuple[Any, ...], float | None, float]]
# A row's head columns and its whole document (`doc_payload`, the rowid aside).
Stored = tuple[str, str | None, str, str, str, str, bytes]
Facets = dict[str, dict[str, int]]

FACET_NAMES = {"cat": "categories", "lang": "languages", "feat": "features"}


def payloads(connection: sqlite3.Connection, rowids: list[int]) -> dict[int, Stored]:
    """Each row's head columns and its whole document, left as written (decoded only if someone asks)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    return {
        row[0]: row[1:]
        for row in connection.execute(
            "SELECT rowid, service_source_id, service_at_location_id, name_fr, name_en, categories, "
            f"exact_categories, payload FROM doc_payload WHERE rowid IN ({marks})",
            rowids,
        )
    }


def hits(connection: sqlite3.Connection, page: Matched, lang: str, ids_only: bool = False) -> list[Hit]:
    """The page's rows as hits, each with its stored document (only their ids with `ids_only`: a document
    id is its service at a location's, or `service-<id>` for a remote service)."""
    if ids_only:
        return [
            Hit(
                doc_id=row[1],
                service_id=row[2],
                service_source_id="",
                service_at_location_id=None if row[1].startswith("service-") else row[1],
                name="",
                categories=[],
                distance_km=distance,
                score=score,
            )
            for row, distance, score in page
        ]
    stored = payloads(connection, [row[0] for row, _, _ in page])
    return [hit(row, stored[row[0]], distance, score, lang) for row, distance, score in page]


def hit(row: tuple[Any, ...], stored: Stored, distance: float | None, score: float, lang: str) -> Hit:
    source_id, sal_id, name_fr, name_en, categories, exact, payload = stored
    name = (name_en or name_fr) if lang == "en" else (name_fr or name_en)
    return Hit(
        doc_id=row[1],
        service_id=row[2],
        service_source_id=source_id,
        service_at_location_id=sal_id,
        name=name,
        categories=categories.split(),
        distance_km=distance,
        score=score,
        payload=payload,
        exact_categories=exact.split(),
    )


def facets(connection: sqlite3.Connection, places: Places, rowids: list[int]) -> Facets:
    """Counts by category, language and feature over `rowids`, from the arrays; by SQLite when a row
    is newer than them (written between their check and this search)."""
    counted = places.tag_counts(rowids)
    if counted is None:
        return facets_of(connection, "SELECT value AS r FROM json_each(?)", [orjson.dumps(rowids).decode()])
    found = empty_facets()
    for tag, count in counted.items():
        kind, code = tag.split(":", 1)
        found[FACET_NAMES[kind]][code] = count
    return found


def facets_of(connection: sqlite3.Connection, rowids_sql: str, params: list[Any]) -> Facets:
    """Counts by category, language and feature over the documents `rowids_sql` selects."""
    found = empty_facets()
    # Driven by the documents (each one's tags through the rowid index), never by a scan of every tag.
    rows = connection.execute(
        f"SELECT t.kind, t.code, count(*) FROM ({rowids_sql}) AS m CROSS JOIN doc_tag t ON t.rowid = m.r "
        "WHERE t.kind IN ('cat', 'lang', 'feat') GROUP BY t.kind, t.code",
        params,
    )
    for kind, code, count in rows:
        found[FACET_NAMES[kind]][code] = count
    return found


def empty_facets() -> Facets:
    return {"categories": {}, "languages": {}, "features": {}}


def count(connection: sqlite3.Connection, sql: str, params: list[Any], start: int) -> int:
    """The number of matches when a page past the end came back empty."""
    return int(connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]) if start else 0
