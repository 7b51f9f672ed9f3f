"""The embedded engine: SQLite FTS5 for text, an R*Tree for places, plain tables for filters and facets.

It lives in its own files under the instance folder (`search/`), needs no server, and is the default. A full
rebuild writes a new file and then points `search/current` at it, so searches keep answering from the old
file until the new one is complete. Text is matched with accents and case ignored, word prefixes, French and
English synonyms, and one typo tolerated in words of five letters or more; BM25 ranks names above
descriptions.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.documents import SearchDocument, document_from_payload
from indexer.engines.base import EngineUnavailable, Health
from indexer.query import Hit, SearchQuery, SearchResult
from indexer.synonyms import LONGEST, SYNONYMS, fold, words

EARTH_KM = 6371.0088
FTS_COLUMNS = ("name_fr", "name_en", "org", "keywords_fr", "keywords_en", "description_fr", "description_en")
COLUMN_LIST = ", ".join(FTS_COLUMNS)
# BM25 weights per column, by the language of the query: the name counts most, then keywords and the
# organization, then the description; the query's language a little above the other.
WEIGHTS = {
    "fr": (10.0, 7.0, 4.0, 5.0, 4.0, 1.5, 1.0),
    "en": (7.0, 10.0, 4.0, 4.0, 5.0, 1.0, 1.5),
}
STOP_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "de",
        "du",
        "des",
        "d'",
        "et",
        "a",
        "au",
        "aux",
        "en",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "to",
        "in",
        "on",
        "at",
        "with",
        "near",
        "pres",
    ]
)
TYPO_MIN_LENGTH = 5
# Places are also tagged "category@cell" (cells of about 2 km) so that "this category near here", the
# question of the matcher and of filtered results pages, is one indexed lookup of a few codes. A remote
# service's cell is "remote", a place without coordinates is in "unplaced".
CELL_LAT, CELL_LON = 0.02, 0.03
CELL_MAX_RADIUS_KM = 15.0  # farther, the plain category list is smaller than the cells' codes
# The layout of the index file; a file of another layout is rebuilt, never read. The documents themselves sit
# in their own table: the rows every search filters on stay small (a few per page of the file).
FORMAT = "5"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL, status TEXT NOT NULL,
    lat REAL, lon REAL, remote INTEGER NOT NULL, min_age REAL, max_age REAL,
    free INTEGER, always_open INTEGER NOT NULL, version INTEGER NOT NULL);
CREATE INDEX docs_service ON docs(service_id);
CREATE TABLE doc_payload(rowid INTEGER PRIMARY KEY, head TEXT NOT NULL, payload TEXT NOT NULL);
CREATE TABLE doc_text(rowid INTEGER PRIMARY KEY, name_fr, name_en, org, keywords_fr, keywords_en,
    description_fr, description_en);
CREATE VIRTUAL TABLE fts USING fts5(name_fr, name_en, org, keywords_fr, keywords_en, description_fr,
    description_en, content='doc_text', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2',
    prefix='2 3');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE doc_tag(rowid INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL);
CREATE INDEX doc_tag_code ON doc_tag(kind, code, rowid);
CREATE INDEX doc_tag_rowid ON doc_tag(rowid, kind, code);
CREATE TABLE doc_hours(rowid INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
CREATE INDEX doc_hours_rowid ON doc_hours(rowid);
"""
WEEK = 7 * 24 * 60


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pointer = folder / "current"
        self._local = threading.local()
        self._vocab_cache: dict[str, Vocabulary] = {}
        self._lock = threading.Lock()

    # --- files and connections ---------------------------------------------------------------------------

    def _current_file(self) -> Path | None:
        try:
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.folder / name
        return path if path.exists() else None

    def _connect(self, write: bool = False) -> sqlite3.Connection:
        """A connection per thread to the current index file (reopened after a swap)."""
        path = self._current_file()
        if path is None:
            if not write:
                raise EngineUnavailable("the embedded index has not been built yet (carrefour index)")
            path = self._create_empty()
        cached = getattr(self._local, "connection", None)
        if cached is not None and self._local.path == path:
            return cached
        if cached is not None:
            cached.close()
        connection = _open(path)
        _check_format(connection, path)
        self._local.connection, self._local.path = connection, path
        return connection

    def _create_empty(self) -> Path:
        with self._lock:
            existing = self._current_file()
            if existing is not None:
                return existing
            path = self._new_file()
            connection = _open(path)
            connection.executescript(SCHEMA)
            connection.execute("INSERT INTO meta VALUES('format', ?)", (FORMAT,))
            connection.commit()
            connection.close()
            self._point_to(path)
            return path

    def _new_file(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f"index-{time.time_ns()}.sqlite"

    def _point_to(self, path: Path) -> None:
        temporary = self.pointer.with_suffix(".tmp")
        temporary.write_text(path.name + "\n", encoding="utf-8")
        os.replace(temporary, self.pointer)  # atomic: readers see the old file or the new one
        self._vocab_cache.clear()
        for old in self.folder.glob("index-*.sqlite"):
            if old != path:
                _remove_index_file(old)

    # --- writing -----------------------------------------------------------------------------------------

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """A fresh index file from `docs`, swapped in when complete. SQLite writes in a thread of its own
        while the next documents are built (it lets go of the interpreter lock while it works): on two
        cores the two halves of a rebuild overlap."""
        path = self._new_file()
        connection = _open(path, bulk=True)
        connection.executescript(SCHEMA)
        batches: queue.Queue[list[SearchDocument] | None] = queue.Queue(maxsize=2)
        written: list[int] = []
        failure: list[BaseException] = []

        def write() -> None:
            try:
                while (batch := batches.get()) is not None:
                    written.append(_insert(connection, batch))
            except BaseException as error:  # handed to the caller below
                failure.append(error)
                while batches.get() is not None:  # let the producer finish
                    pass

        writer = threading.Thread(target=write, name="index-writer")
        writer.start()
        try:
            try:
                batch: list[SearchDocument] = []
                for doc in docs:
                    batch.append(doc)
                    if len(batch) >= 2000:
                        batches.put(batch)
                        batch = []
                batches.put(batch)
            finally:
                batches.put(None)
                writer.join()
            if failure:
                raise failure[0]
        except BaseException:
            connection.close()
            _remove_index_file(path)  # the index in service stays as it was
            raise
        connection.execute("INSERT INTO fts(fts) VALUES('optimize')")
        connection.execute("INSERT INTO meta VALUES('built_at', ?)", (str(time.time()),))
        connection.execute("INSERT INTO meta VALUES('format', ?)", (FORMAT,))
        connection.commit()
        connection.execute("PRAGMA journal_mode=WAL")
        connection.close()
        self._point_to(path)
        return sum(written)

    def index(self, docs: Sequence[SearchDocument]) -> None:
        if not docs:
            return
        connection = self._connect(write=True)
        with connection:
            _delete(connection, "doc_id", [d.id for d in docs])
            _insert(connection, list(docs))
        self._vocab_cache.clear()

    def delete(self, ids: Sequence[str]) -> None:
        connection = self._connect(write=True)
        with connection:
            _delete(connection, "doc_id", list(ids))

    def delete_services(self, service_ids: Sequence[str]) -> None:
        connection = self._connect(write=True)
        with connection:
            _delete(connection, "service_id", list(service_ids))

    # --- reading -----------------------------------------------------------------------------------------

    def health(self) -> Health:
        try:
            connection = self._connect()
            count = connection.execute("SELECT count(*) FROM docs").fetchone()[0]
        except (EngineUnavailable, sqlite3.Error) as exc:
            return Health(False, str(exc))
        return Health(True, f"embedded index {self._current_file()}", count)

    def settings(self) -> dict[str, Any]:
        return {
            "columns": FTS_COLUMNS,
            "weights": WEIGHTS,
            "tokenizer": "unicode61 remove_diacritics 2",
            "prefix": [2, 3],
            "typo_min_length": TYPO_MIN_LENGTH,
            "synonym_groups": len(set(SYNONYMS.values())),
        }

    def documents(
        self, service_ids: Sequence[str], known: Collection[str] = frozenset()
    ) -> list[SearchDocument]:
        """The indexed documents of these services (the matcher's candidates, without the database), but
        those whose ids are `known` (the caller already holds them: decoding is most of the cost)."""
        connection = self._connect()
        found: list[SearchDocument] = []
        for start in range(0, len(service_ids), 500):
            batch = list(service_ids[start : start + 500])
            marks = ",".join("?" * len(batch))
            for doc_id, payload in connection.execute(
                "SELECT d.doc_id, p.payload FROM docs d JOIN doc_payload p ON p.rowid = d.rowid "
                f"WHERE d.service_id IN ({marks}) ORDER BY d.doc_id",
                batch,
            ):
                if doc_id not in known:
                    found.append(document_from_payload(orjson.loads(payload)))
        return found

    def versions(self) -> dict[str, int]:
        connection = self._connect()
        return {
            sid: version
            for sid, version in connection.execute(
                "SELECT service_id, max(version) FROM docs GROUP BY service_id"
            )
        }

    def search(self, query: SearchQuery) -> SearchResult:
        connection = self._connect()
        match = self.match_expression(query.text, connection) if query.text.strip() else None
        if query.text.strip() and match is None:
            return SearchResult(hits=[], facets=_empty_facets(), total=0)
        # Nearest first, relevance only parts ties: BM25 is computed for the page alone (it is most of what
        # a full-text query costs when the words are common).
        ranked = match is not None and not query.by_distance
        sql, params = _filter_sql(query, match, ranked)
        start = max(query.page - 1, 0) * query.page_size
        if query.has_point:
            # Exact distances and the radius need every candidate: they come to Python.
            matched = _within_radius(connection.execute(sql, params).fetchall(), query)
            _sort(matched, query)
            total = len(matched)
            if match is not None and not ranked:
                page = _scored_page(connection, matched, start, query, match)
            else:
                page = matched[start : start + query.page_size]
            facets = (
                _facets(connection, [row[0] for row, _, _ in matched]) if query.facets else _empty_facets()
            )
        else:
            # Best first by relevance: SQLite orders, counts and cuts the page itself.
            rows = connection.execute(
                f"SELECT *, count(*) OVER () FROM ({sql}) ORDER BY 7, 2 LIMIT ? OFFSET ?",
                [*params, query.page_size, start],
            ).fetchall()
            total = rows[0][-1] if rows else _count(connection, sql, params, start)
            page = _within_radius([row[:-1] for row in rows], query)
            facets = _empty_facets()
            if query.facets:
                counted, counted_params = _filter_sql(query, match, ranked=False)  # no scores to count
                facets = _facets_of(connection, f"SELECT rowid AS r FROM ({counted})", counted_params)
        payloads = _payloads(connection, [row[0] for row, _, _ in page])
        hits = [_hit(row, payloads[row[0]], distance, score, query.lang) for row, distance, score in page]
        return SearchResult(hits=hits, facets=facets, total=total)

    # --- text --------------------------------------------------------------------------------------------

    def match_expression(self, text: str, connection: sqlite3.Connection | None = None) -> str | None:
        """The FTS5 query for what a person typed: every meaningful word (or known phrase) must match,
        each through its prefix, its synonyms, or its nearest spelling when it is not in the index."""
        tokens = words(text)
        groups: list[list[str]] = []
        position = 0
        vocabulary = self._vocabulary(connection) if connection is not None else None
        while position < len(tokens):
            for size in range(min(LONGEST, len(tokens) - position), 0, -1):
                phrase = " ".join(tokens[position : position + size])
                if size > 1 and phrase in SYNONYMS:
                    groups.append([_phrase(member) for member in SYNONYMS[phrase]])
                    position += size
                    break
            else:
                token = tokens[position]
                position += 1
                if token in STOP_WORDS or (len(token) == 1 and not token.isdigit()):
                    continue
                alternatives = [_prefix(token)]
                alternatives += [_phrase(member) for member in SYNONYMS.get(token, ()) if member != token]
                if vocabulary is not None and len(token) >= TYPO_MIN_LENGTH and not vocabulary.knows(token):
                    for near in vocabulary.near(token):
                        # The corrected word brings its prefix and its synonyms, as the word would have.
                        alternatives.append(_prefix(near))
                        alternatives += [
                            _phrase(member) for member in SYNONYMS.get(near, ()) if member != near
                        ]
                groups.append(alternatives)
        if not groups:
            return None
        return " AND ".join("(" + " OR ".join(dict.fromkeys(group)) + ")" for group in groups)

    def _vocabulary(self, connection: sqlite3.Connection) -> Vocabulary:
        key = str(self._local.path)
        if key not in self._vocab_cache:
            self._vocab_cache[key] = Vocabulary(
                [row[0] for row in connection.execute("SELECT term FROM vocab")]
            )
        return self._vocab_cache[key]


# --- helpers ------------------------------------------------------------------------------------------


def _open(path: Path, bulk: bool = False) -> sqlite3.Connection:
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


def _check_format(connection: sqlite3.Connection, path: Path) -> None:
    found = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if found is None or found[0] != FORMAT:
        connection.close()
        raise EngineUnavailable(f"the embedded index {path.name} was built by an earlier version: rebuild it")


def _remove_index_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _insert(connection: sqlite3.Connection, docs: list[SearchDocument]) -> int:
    """Write documents in batches (one executemany per table): rowids are given, not asked for one by one."""
    if not docs:
        return 0
    first = connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM docs").fetchone()[0]
    rows, payloads, texts, places, tags, hours = [], [], [], [], [], []
    for rowid, doc in enumerate(docs, start=first):
        payloads.append((rowid, orjson.dumps(_head(doc)).decode(), orjson.dumps(_payload(doc)).decode()))
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
            )
        )
        if doc.latitude is not None and doc.longitude is not None:
            places.append((rowid, doc.latitude, doc.latitude, doc.longitude, doc.longitude))
        doc_tags = {(rowid, "cat", c) for c in doc.categories} | {
            (rowid, "lang", lang) for lang in doc.languages
        }
        doc_tags |= {(rowid, "feat", f) for f in doc.features} | (
            {(rowid, "feat", "free")} if doc.free else set()
        )
        doc_tags |= {(rowid, "cc", f"{code}@{_cell_of(doc)}") for code in doc.categories}
        tags.extend(sorted(doc_tags))
        hours.extend((rowid, start, end) for start, end in doc.schedule)
    connection.executemany(
        "INSERT INTO docs(rowid, doc_id, service_id, status, lat, lon, remote, min_age, max_age, free,"
        " always_open, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.executemany("INSERT INTO doc_payload VALUES (?,?,?)", payloads)
    connection.executemany("INSERT INTO doc_text VALUES (?,?,?,?,?,?,?,?)", texts)
    connection.executemany(f"INSERT INTO fts(rowid, {COLUMN_LIST}) VALUES (?,?,?,?,?,?,?,?)", texts)
    connection.executemany("INSERT INTO geo VALUES (?,?,?,?,?)", places)
    connection.executemany("INSERT INTO doc_tag VALUES (?,?,?)", tags)
    connection.executemany("INSERT INTO doc_hours VALUES (?,?,?)", hours)
    return len(docs)


def _payload(doc: SearchDocument) -> SearchDocument:
    """The whole document: a hit needs no trip to the database, and the matcher reads its facts from here
    (orjson writes a dataclass as it is, many times faster than `asdict` copies it)."""
    return doc


def _cell_of(doc: SearchDocument) -> str:
    if doc.remote:
        return "remote"
    if doc.latitude is None or doc.longitude is None:
        return "unplaced"
    return _cell(doc.latitude, doc.longitude)


def _cell(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL_LAT)}:{math.floor(lon / CELL_LON)}"


def _cells_around(query: SearchQuery) -> list[str]:
    """The cells a query's radius touches, and "remote" or "unplaced" when those are wanted too."""
    cells: list[str] = []
    if query.remote_only:
        return ["remote"]
    if query.remote_allowed:
        cells.append("remote")
    if query.include_unplaced:
        cells.append("unplaced")
    south, north, west, east = _bounding_box(query.lat, query.lon, query.radius_km)  # type: ignore[arg-type]
    for row in range(math.floor(south / CELL_LAT), math.floor(north / CELL_LAT) + 1):
        for column in range(math.floor(west / CELL_LON), math.floor(east / CELL_LON) + 1):
            cells.append(f"{row}:{column}")
    return cells


def _by_cells(query: SearchQuery) -> bool:
    near = query.has_point and query.radius_km is not None and query.radius_km <= CELL_MAX_RADIUS_KM
    return bool(query.categories) and (near or query.remote_only)


def _head(doc: SearchDocument) -> dict[str, Any]:
    """What a hit says of itself, small enough to read for every hit of a long page."""
    return {
        "service_source_id": doc.service_source_id,
        "service_at_location_id": doc.service_at_location_id,
        "name": doc.name,
        "categories": doc.categories,
    }


def _delete(connection: sqlite3.Connection, column: str, values: list[str]) -> None:
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
                    f"INSERT INTO fts(fts, rowid, {COLUMN_LIST}) VALUES ('delete',?,?,?,?,?,?,?,?)",
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


def _prefix(token: str) -> str:
    return f'"{token}"*' if len(token) >= 2 else f'"{token}"'


def _phrase(text: str) -> str:
    return '"' + " ".join(words(text)).replace('"', "") + '"'


class Vocabulary:
    """The words of the index, for telling typos from real words and finding their nearest spelling."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted(terms)
        self.by_length: dict[int, list[str]] = {}
        for term in self.terms:
            self.by_length.setdefault(len(term), []).append(term)

    def knows(self, token: str) -> bool:
        """A word the index holds, or the beginning of one (people type prefixes), is not a typo."""
        position = bisect.bisect_left(self.terms, token)
        return position < len(self.terms) and self.terms[position].startswith(token)

    def near(self, token: str, limit: int = 5) -> list[str]:
        """Index words one edit away (a transposition counts as one)."""
        candidates = [
            t for size in (len(token) - 1, len(token), len(token) + 1) for t in self.by_length.get(size, [])
        ]
        found = process.extract(token, candidates, scorer=OSA.distance, score_cutoff=1, limit=limit)
        return [term for term, _score, _index in found]


def _filter_sql(query: SearchQuery, match: str | None, ranked: bool = True) -> tuple[str, list[Any]]:
    params: list[Any] = []
    if match is not None and not ranked:
        source = "(SELECT rowid FROM fts WHERE fts MATCH ?) AS f JOIN docs d ON d.rowid = f.rowid"
        params.append(match)
        score = "0.0"
    elif match is not None:
        weights = ",".join(str(w) for w in WEIGHTS.get(query.lang, WEIGHTS["fr"]))
        source = (
            f"(SELECT rowid, bm25(fts, {weights}) AS score FROM fts WHERE fts MATCH ?) AS f "
            "JOIN docs d ON d.rowid = f.rowid"
        )
        params.append(match)
        score = "f.score"
    else:
        source, score = "docs d", "0.0"
    conditions: list[str] = []
    if not query.include_inactive:
        conditions.append("d.status = 'active'")
    if _by_cells(query):
        # Category and place in one indexed lookup; the exact radius is applied afterwards.
        codes = [f"{code}@{cell}" for cell in _cells_around(query) for code in query.categories]
        marks = ",".join("?" * len(codes))
        conditions.append(f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'cc' AND code IN ({marks}))")
        params += codes
    elif query.remote_only:
        conditions.append("d.remote = 1")
    elif query.has_point and query.radius_km:
        south, north, west, east = _bounding_box(query.lat, query.lon, query.radius_km)  # type: ignore[arg-type]
        if match is not None or query.categories:
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
    if query.categories and not _by_cells(query):
        marks = ",".join("?" * len(query.categories))
        conditions.append(f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'cat' AND code IN ({marks}))")
        params += query.categories
    if query.languages:
        marks = ",".join("?" * len(query.languages))
        conditions.append(f"d.rowid IN (SELECT rowid FROM doc_tag WHERE kind = 'lang' AND code IN ({marks}))")
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
        from app.hours import minute_of_week

        minute = minute_of_week(query.open_at)
        conditions.append(
            "EXISTS (SELECT 1 FROM doc_hours h WHERE h.rowid = d.rowid AND "
            "((h.start <= ? AND h.end > ?) OR (h.start <= ? AND h.end > ?)))"
        )
        params += [minute, minute, minute + WEEK, minute + WEEK]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # The payload is fetched later, for the page's hits only.
    sql = f"SELECT d.rowid, d.doc_id, d.service_id, NULL, d.lat, d.lon, {score} FROM {source}{where}"
    return sql, params


def _bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    delta_lat = math.degrees(radius_km / EARTH_KM)
    delta_lon = math.degrees(radius_km / (EARTH_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - delta_lat, lat + delta_lat, lon - delta_lon, lon + delta_lon


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _within_radius(
    rows: list[tuple[Any, ...]], query: SearchQuery
) -> list[tuple[tuple[Any, ...], float | None, float]]:
    """Exact distances (the bounding box was only a first cut) and the radius applied to them."""
    result = []
    for row in rows:
        lat, lon, score = row[4], row[5], -float(row[6])  # bm25 is lower-is-better
        distance = (
            haversine_km(query.lat, query.lon, lat, lon) if query.has_point and lat is not None else None
        )  # type: ignore[arg-type]
        if query.radius_km and distance is not None and distance > query.radius_km:
            continue
        result.append((row, distance, score))
    return result


Matched = list[tuple[tuple[Any, ...], float | None, float]]


def _scored_page(
    connection: sqlite3.Connection, matched: Matched, start: int, query: SearchQuery, match: str
) -> Matched:
    """The page of a nearest-first answer whose BM25 scores were left out. Places at the same distance (one
    address, several services) are ordered by relevance: BM25 is computed for them alone, since it costs
    as much for a few rows as for all (a prefix's document frequencies are read whole)."""
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
    weights = ",".join(str(w) for w in WEIGHTS.get(query.lang, WEIGHTS["fr"]))
    scores = dict(
        connection.execute(
            f"SELECT rowid, -bm25(fts, {weights}) FROM fts WHERE fts MATCH ? "
            "AND rowid IN (SELECT value FROM json_each(?))",
            (match, orjson.dumps(sorted(tied)).decode()),
        ).fetchall()
    )
    rescored = [(row, distance, float(scores.get(row[0], score))) for row, distance, score in window]
    _sort(rescored, query)
    return rescored[start - low : end - low]


def _count(connection: sqlite3.Connection, sql: str, params: list[Any], start: int) -> int:
    """The number of matches when a page past the end came back empty."""
    return int(connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]) if start else 0


def _sort(matched: list[tuple[tuple[Any, ...], float | None, float]], query: SearchQuery) -> None:
    if query.by_distance:
        matched.sort(key=lambda item: (item[1] is None, item[1] or 0.0, -item[2], item[0][1]))
    else:
        matched.sort(key=lambda item: (-item[2], item[1] if item[1] is not None else math.inf, item[0][1]))


def _payloads(connection: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple[dict[str, Any], str]]:
    """Each row's head, read, and its whole document, left as written (decoded only if someone asks)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    return {
        rowid: (orjson.loads(head), payload)
        for rowid, head, payload in connection.execute(
            f"SELECT rowid, head, payload FROM doc_payload WHERE rowid IN ({marks})", rowids
        )
    }


def _hit(
    row: tuple[Any, ...], stored: tuple[dict[str, Any], str], distance: float | None, score: float, lang: str
) -> Hit:
    head, payload = stored
    name = head["name"].get(lang) or next((v for v in head["name"].values() if v), "")
    return Hit(
        doc_id=row[1],
        service_id=row[2],
        service_source_id=head["service_source_id"],
        service_at_location_id=head["service_at_location_id"],
        name=name,
        categories=head["categories"],
        distance_km=distance,
        score=score,
        payload=payload,
    )


def _facets(connection: sqlite3.Connection, rowids: list[int]) -> dict[str, dict[str, int]]:
    if not rowids:
        return _empty_facets()
    return _facets_of(connection, "SELECT value AS r FROM json_each(?)", [orjson.dumps(rowids).decode()])


def _facets_of(
    connection: sqlite3.Connection, rowids_sql: str, params: list[Any]
) -> dict[str, dict[str, int]]:
    """Counts by category, language and feature over the documents `rowids_sql` selects."""
    facets = _empty_facets()
    names = {"cat": "categories", "lang": "languages", "feat": "features"}
    # Driven by the documents (each one's tags through the rowid index), never by a scan of every tag.
    rows = connection.execute(
        f"SELECT t.kind, t.code, count(*) FROM ({rowids_sql}) AS m CROSS JOIN doc_tag t ON t.rowid = m.r "
        "WHERE t.kind IN ('cat', 'lang', 'feat') GROUP BY t.kind, t.code",
        params,
    )
    for kind, code, count in rows:
        facets[names[kind]][code] = count
    return facets


def _empty_facets() -> dict[str, dict[str, int]]:
    return {"categories": {}, "languages": {}, "features": {}}


__all__ = ["EmbeddedEngine", "fold", "haversine_km"]
