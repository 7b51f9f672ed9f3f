"""The embedded index's file: its layout, its connections, and how its rows are written.

Kept apart from the engine, with nothing but the standard library, so that a large rebuild can write in a
process of its own that starts in a blink (`writer`): the documents are built in the calling
process (Python work), the file is written in the other (SQLite work, mostly full-text tokenizing), and on
two cores the two halves run side by side.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FTS_COLUMNS = (
    "name_fr",
    "name_en",
    "org",
    "keywords_fr",
    "keywords_en",
    "description_fr",
    "description_en",
    "labels_fr",
    "labels_en",
)
COLUMN_LIST = ", ".join(FTS_COLUMNS)
TEXT_MARKS = ",".join("?" * (len(FTS_COLUMNS) + 1))  # a doc_text row: its rowid and each column
# The layout of the index file; a file of another layout is rebuilt, never read. The documents themselves sit
# in their own table: the rows every search filters on stay small (a few per page of the file). A hit's own
# fields sit in plain columns beside its document: nothing to decode for every hit of a long page. A row's
# facet values ride with it (`facets`: "cat:food lang:fr ..."): the matches of a nearest-first search, read
# anyway, are counted where they are, with no second pass over the tags. Opening hours are kept per season
# (`doc_hours.season`: 0 all year, 1 standard time only, 2 daylight saving time only): hours written with a
# UTC offset fall an hour later on the local clock in summer. Category labels have columns of their own
# (`labels_fr`, `labels_en`): with a place, a match there weighs as much as one in the description. Each row
# carries its freshness (`docs.fresh`, the date's ordinal): ranking leans on it a little.
FORMAT = "10"
# `doc_hours.season`: hours that hold all year, or in one season only (a rule written with a UTC offset).
ALL_YEAR, STANDARD_TIME, DAYLIGHT_TIME = 0, 1, 2

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL, status TEXT NOT NULL,
    lat REAL, lon REAL, remote INTEGER NOT NULL, min_age REAL, max_age REAL,
    free INTEGER, always_open INTEGER NOT NULL, version INTEGER NOT NULL, facets TEXT NOT NULL,
    fresh INTEGER);
CREATE INDEX docs_service ON docs(service_id);
CREATE TABLE doc_payload(rowid INTEGER PRIMARY KEY, service_source_id TEXT NOT NULL,
    service_at_location_id TEXT, name_fr TEXT NOT NULL, name_en TEXT NOT NULL, categories TEXT NOT NULL,
    exact_categories TEXT NOT NULL, payload BLOB NOT NULL);
CREATE TABLE doc_text(rowid INTEGER PRIMARY KEY, name_fr, name_en, org, keywords_fr, keywords_en,
    description_fr, description_en, labels_fr, labels_en);
CREATE VIRTUAL TABLE fts USING fts5(name_fr, name_en, org, keywords_fr, keywords_en, description_fr,
    description_en, labels_fr, labels_en, content='doc_text', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE doc_tag(rowid INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL);
CREATE INDEX doc_tag_code ON doc_tag(kind, code, rowid);
CREATE INDEX doc_tag_rowid ON doc_tag(rowid, kind, code);
CREATE TABLE doc_hours(rowid INTEGER NOT NULL, season INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL);
CREATE INDEX doc_hours_rowid ON doc_hours(rowid);
"""

# Below this many documents a rebuild writes in its own process (`writer`): starting one costs
# more than it saves.
PROCESS_WRITER_MIN = 20_000


@dataclass(slots=True)
class Rows:
    """One batch of documents as the rows of each table, rowids given."""

    docs: list[tuple[Any, ...]]
    payloads: list[tuple[Any, ...]]
    texts: list[tuple[Any, ...]]
    places: list[tuple[Any, ...]]
    tags: list[tuple[Any, ...]]
    hours: list[tuple[Any, ...]]


def open_index(path: Path, bulk: bool = False) -> sqlite3.Connection:
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None if bulk else "DEFERRED")
    if bulk:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
    else:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
    # Each server thread holds its own connection: a modest page cache each (the OS caches the file too).
    connection.execute(f"PRAGMA cache_size={-64000 if bulk else -8000}")
    return connection


def write_rows(connection: sqlite3.Connection, rows: Rows) -> None:
    connection.executemany(
        "INSERT INTO docs(rowid, doc_id, service_id, status, lat, lon, remote, min_age, max_age, free,"
        " always_open, version, facets, fresh) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows.docs,
    )
    connection.executemany("INSERT INTO doc_payload VALUES (?,?,?,?,?,?,?,?)", rows.payloads)
    connection.executemany(f"INSERT INTO doc_text VALUES ({TEXT_MARKS})", rows.texts)
    connection.executemany(f"INSERT INTO fts(rowid, {COLUMN_LIST}) VALUES ({TEXT_MARKS})", rows.texts)
    connection.executemany("INSERT INTO geo VALUES (?,?,?,?,?)", rows.places)
    connection.executemany("INSERT INTO doc_tag VALUES (?,?,?)", rows.tags)
    connection.executemany("INSERT INTO doc_hours VALUES (?,?,?,?)", rows.hours)


def new_index(path: Path) -> sqlite3.Connection:
    connection = open_index(path, bulk=True)
    connection.executescript(SCHEMA)
    return connection


def finish_index(connection: sqlite3.Connection) -> None:
    connection.execute("INSERT INTO fts(fts) VALUES('optimize')")
    connection.execute("INSERT INTO meta VALUES('built_at', ?)", (str(time.time()),))
    connection.execute("INSERT INTO meta VALUES('format', ?)", (FORMAT,))
    connection.commit()
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
