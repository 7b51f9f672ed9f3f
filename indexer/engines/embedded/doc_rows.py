"""Documents as the rows of each table of the embedded index, and changes to the file in service.

Rowids are given, not asked for one by one: a batch is one `executemany` per table, whether a rebuild's
writer writes it (here or in its own process) or a change is written to the file in service.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import orjson

from indexer.documents import SearchDocument
from indexer.engines.embedded.geo import cell_of
from indexer.engines.embedded.store import (
    ALL_YEAR,
    COLUMN_LIST,
    DAYLIGHT_TIME,
    STANDARD_TIME,
    TEXT_MARKS,
    Rows,
    write_rows,
)


def rows_of(docs: list[SearchDocument], first: int) -> Rows:
    """The rows of each table for `docs`, numbered from `first`."""
    rows: list[tuple[Any, ...]] = []
    payloads: list[tuple[Any, ...]] = []
    texts: list[tuple[Any, ...]] = []
    places: list[tuple[Any, ...]] = []
    tags: list[tuple[Any, ...]] = []
    hours: list[tuple[Any, ...]] = []
    for rowid, doc in enumerate(docs, start=first):
        facet_tags = _facet_tags(rowid, doc)
        payloads.append((rowid, *_head(doc), orjson.dumps(_payload(doc))))
        rows.append(
            (
                rowid,
                doc.id,
                doc.service_id,
                doc.status,
                doc.latitude,
                doc.longitude,
                int(doc.remote),
                doc.min_age,
                doc.max_age,
                None if doc.free is None else int(doc.free),
                int(doc.always_open),
                doc.version,
                " ".join(f"{kind}:{code}" for _, kind, code in sorted(facet_tags)),
                _fresh(doc),
            )
        )
        organization = " ".join(dict.fromkeys(v for v in doc.organization.values() if v))
        texts.append(
            (
                rowid,
                doc.name.get("fr", ""),
                doc.name.get("en", ""),
                organization,
                doc.keywords.get("fr", ""),
                doc.keywords.get("en", ""),
                doc.description.get("fr", ""),
                doc.description.get("en", ""),
                doc.labels.get("fr", ""),
                doc.labels.get("en", ""),
            )
        )
        if doc.latitude is not None and doc.longitude is not None:
            places.append((rowid, doc.latitude, doc.latitude, doc.longitude, doc.longitude))
        cell = cell_of(doc)
        tags.extend(sorted(facet_tags | {(rowid, "cc", f"{code}@{cell}") for code in doc.categories}))
        hours.extend(_hours_rows(rowid, doc))
    return Rows(rows, payloads, texts, places, tags, hours)


def insert(connection: sqlite3.Connection, docs: list[SearchDocument]) -> int:
    """Write documents after the last one in the file."""
    if not docs:
        return 0
    first = connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM docs").fetchone()[0]
    write_rows(connection, rows_of(docs, first))
    return len(docs)


def delete(connection: sqlite3.Connection, column: str, values: list[str]) -> None:
    """Remove the documents whose `column` (doc_id or service_id) is one of `values`, from every table."""
    for start in range(0, len(values), 500):
        batch = values[start : start + 500]
        marks = ",".join("?" * len(batch))
        rowids = [
            r[0] for r in connection.execute(f"SELECT rowid FROM docs WHERE {column} IN ({marks})", batch)
        ]
        for rowid in rowids:
            old = connection.execute("SELECT * FROM doc_text WHERE rowid = ?", (rowid,)).fetchone()
            if old is not None:
                connection.execute(
                    f"INSERT INTO fts(fts, rowid, {COLUMN_LIST}) VALUES ('delete',{TEXT_MARKS})",
                    old,
                )
            for table, key in (
                ("doc_text", "rowid"),
                ("geo", "id"),
                ("doc_tag", "rowid"),
                ("doc_hours", "rowid"),
                ("doc_payload", "rowid"),
                ("docs", "rowid"),
            ):
                connection.execute(f"DELETE FROM {table} WHERE {key} = ?", (rowid,))


def _fresh(doc: SearchDocument) -> int | None:
    """The document's freshness as a date ordinal (None: unknown)."""
    return date.fromisoformat(doc.freshness).toordinal() if doc.freshness else None


def _hours_rows(rowid: int, doc: SearchDocument) -> list[tuple[int, int, int, int]]:
    if doc.schedule_dst is None or doc.schedule_dst == doc.schedule:
        return [(rowid, ALL_YEAR, start, end) for start, end in doc.schedule]
    return [(rowid, STANDARD_TIME, start, end) for start, end in doc.schedule] + [
        (rowid, DAYLIGHT_TIME, start, end) for start, end in doc.schedule_dst
    ]


def _facet_tags(rowid: int, doc: SearchDocument) -> set[tuple[int, str, str]]:
    tags = {(rowid, "cat", c) for c in doc.categories} | {(rowid, "lang", lang) for lang in doc.languages}
    tags |= {(rowid, "feat", f) for f in doc.features}
    if doc.free:
        tags.add((rowid, "feat", "free"))
    return tags


def _payload(doc: SearchDocument) -> SearchDocument:
    """The whole document: a hit needs no trip to the database, and the matcher reads its facts from here
    (orjson writes a dataclass as it is, many times faster than `asdict` copies it)."""
    return doc


def _head(doc: SearchDocument) -> tuple[str, str | None, str, str, str, str]:
    """What a hit says of itself, in plain columns (nothing to decode for every hit of a long page)."""
    return (
        doc.service_source_id,
        doc.service_at_location_id,
        doc.name.get("fr", ""),
        doc.name.get("en", ""),
        " ".join(doc.categories),
        " ".join(doc.exact_categories),
    )
