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
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import OSA

from app.core.geo import EARTH_KM, haversine_km
from indexer.documents import SearchDocument, document_from_payload
from indexer.engines import relevance, tie_relevance
from indexer.engines.base import EngineUnavailable, Health
from indexer.engines.embedded_places import KM_PER_DEGREE, Places
from indexer.engines.embedded_places import haversine_km as haversine_many
from indexer.engines.embedded_store import (
    COLUMN_LIST,
    FORMAT,
    FTS_COLUMNS,
    PROCESS_WRITER_MIN,
    SCHEMA,
    TEXT_MARKS,
    Rows,
    open_index,
    write_rows,
)
from indexer.engines.embedded_writer import IndexWriter
from indexer.engines.relevance import RowidsOf
from indexer.query import Hit, SearchQuery, SearchResult
from indexer.synonyms import LONGEST, SYNONYMS, fold, words

FACET_NAMES = {"cat": "categories", "lang": "languages", "feat": "features"}
# How far the flat-earth distance SQLite computes may stray from the true one, relatively, besides the part
# that grows with the distance itself (radius / EARTH_KM): a generous bound.
FLAT_ERROR = 0.005
# BM25 weights per column (FTS_COLUMNS' order), by the language of the query: the name counts most, then
# category labels, keywords and the organization, then the description; the query's language a little above
# the other. (With a place, `relevance` weighs the columns its own way.)
WEIGHTS = {
    "fr": (10.0, 7.0, 4.0, 5.0, 4.0, 1.5, 1.0, 5.0, 4.0),
    "en": (7.0, 10.0, 4.0, 4.0, 5.0, 1.0, 1.5, 4.0, 5.0),
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
WEEK = 7 * 24 * 60
# `doc_hours.season`: hours that hold all year, or in one season only (a rule written with a UTC offset).
ALL_YEAR, STANDARD_TIME, DAYLIGHT_TIME = 0, 1, 2
WRITE_BATCH = 2000  # documents a batch
KEPT_ROWIDS = 1_000_000  # rowids kept by full-text expression, per thread (8 MB at most)


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pointer = folder / "current"
        self._local = threading.local()
        self._vocab_cache: dict[str, Vocabulary] = {}
        self._lock = threading.Lock()

    # --- files and connections ---------------------------------------------------------------------------

    def forget_connections(self) -> None:
        """Drop the connections this process inherited (a forked server worker): SQLite connections must
        not cross a fork; each worker opens its own (its locks are its own)."""
        self._local = threading.local()

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
        connection = open_index(path)
        _check_format(connection, path)
        self._local.connection, self._local.path = connection, path
        return connection

    def _create_empty(self) -> Path:
        with self._lock:
            existing = self._current_file()
            if existing is not None:
                return existing
            path = self._new_file()
            connection = open_index(path)
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

    def rebuild(self, docs: Iterable[SearchDocument], expected: int | None = None) -> int:
        """A fresh index file from `docs`, swapped in when complete. When `expected` (the number of
        documents, roughly) is large, SQLite writes in a process of its own while the next documents are
        built here: on two cores the two halves of a rebuild overlap."""
        path = self._new_file()
        writer = IndexWriter(path, separate_process=(expected or 0) >= PROCESS_WRITER_MIN)
        count = 0
        try:
            batch: list[SearchDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= WRITE_BATCH:
                    writer.write(_rows(batch, count + 1))
                    count, batch = count + len(batch), []
            if batch:
                writer.write(_rows(batch, count + 1))
                count += len(batch)
            writer.finish()
        except BaseException:
            writer.abort()
            _remove_index_file(path)  # the index in service stays as it was
            raise
        self._point_to(path)
        return count

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
        # BM25 by SQLite orders words without a place. Nearest first, relevance only parts ties: BM25 is
        # computed for the page alone (it is most of what a full-text query costs when the words are
        # common). Words and a place: relevance read from the full-text index, weighed with distance.
        ranked = match is not None and not query.by_distance and not query.has_point
        start = max(query.page - 1, 0) * query.page_size
        if _circle_only(query, match, ranked):
            answered = self._circle_by_arrays(connection, query, match, start)
            if answered is not None:
                return answered
        only = self._near_matches(connection, query, match) if _by_arrays(query, match, ranked) else None
        sql, params = _filter_sql(query, match if only is None else None, ranked, only)
        if query.has_point:
            # SQLite gives each candidate a flat-earth distance (cheap, close); the exact one is computed
            # where it can change an answer: at the radius's edge and for the page.
            matched = _within_radius(connection.execute(sql, params).fetchall(), query)
            if match is not None and query.weighs_distance:
                matched = self._weighed(connection, matched, query, match)
            else:
                _sort(matched, query)
            total = len(matched)
            if query.by_distance:
                _exact_head(matched, start + query.page_size, query)
            if match is not None and query.by_distance:
                page = _scored_page(connection, matched, start, query, match)
            else:
                page = matched[start : start + query.page_size]
            facets = _empty_facets()
            if query.facets:
                facets = self._facets(connection, [row[0] for row, _, _ in matched])
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

    def _places(self, connection: sqlite3.Connection) -> Places:
        """The arrays of places and facet values of the index this connection reads, read again when it
        changed (and with them, the rowids kept by full-text expression)."""
        places = getattr(self._local, "places", None)
        if places is None or places[0] is not connection or not places[1].current(connection):
            places = self._local.places = (connection, Places.read(connection))
            self._local.expressions = KeptRowids()
        return places[1]  # type: ignore[no-any-return]

    def _rowids_of(self, connection: sqlite3.Connection) -> RowidsOf:
        """The rowids holding a full-text expression, kept for the next searches while the index is the
        same: the commonest words are asked again and again, and a long document list costs milliseconds to
        read (relevance with a place reads one per field and word)."""
        self._places(connection)  # the kept rowids are those of the index as it is now
        kept: KeptRowids = self._local.expressions
        return lambda expression: kept.get(expression, lambda: _word_rowids(connection, expression))

    def _weighed(
        self, connection: sqlite3.Connection, matched: Matched, query: SearchQuery, match: str
    ) -> Matched:
        """Words and a place, with other filters (SQLite found the rows): each one's exact distance and
        relevance weighed together, best first; as `_circle_by_arrays` orders them."""
        rowids = np.array([row[0] for row, _, _ in matched], dtype=np.int64)
        lats = np.array([np.nan if row[4] is None else row[4] for row, _, _ in matched], dtype=np.float64)
        lons = np.array([np.nan if row[5] is None else row[5] for row, _, _ in matched], dtype=np.float64)
        distances = haversine_many(query.lat, query.lon, lats, lons)  # type: ignore[arg-type]
        score = relevance.scores(relevance.relevance(rowids, match, self._rowids_of(connection)), distances)
        weighed: Matched = [
            (row, None if math.isnan(km) else km, value)
            for (row, _, _), km, value in zip(matched, distances.tolist(), score.tolist(), strict=True)
        ]
        _sort(weighed, query)
        return weighed

    def _circle_by_arrays(
        self, connection: sqlite3.Connection, query: SearchQuery, match: str | None, start: int
    ) -> SearchResult | None:
        """Words or categories in a circle, nothing else asked (a results page before its filters, the
        matcher's candidates): the arrays give the whole answer (which documents, how far, in what order,
        the facets); rows are read for the page alone, with the places ranked alike with its first and last
        (the same distance, nearest first: ordered by their own text when words were asked, as the other
        paths do). Words weighed with distance are ranked by their relevance read from the full-text index
        (`relevance`). None when the arrays are older than a row (the general path answers)."""
        places = self._places(connection)
        rowids_of = self._rowids_of(connection)
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
            _sort(window, query)
            if match is not None and query.by_distance:
                page = _scored_page(connection, window, start - low, query, match)
            else:
                page = window[start - low : end - low]
        facets = self._facets(connection, ids.tolist()) if query.facets else _empty_facets()
        payloads = _payloads(connection, [row[0] for row, _, _ in page])
        hits = [_hit(row, payloads[row[0]], distance, score, query.lang) for row, distance, score in page]
        return SearchResult(hits=hits, facets=facets, total=total)

    def _near_matches(self, connection: sqlite3.Connection, query: SearchQuery, match: str | None) -> str:
        """The documents holding the words that can be in the circle, as a JSON array for SQLite: the
        full-text index gives their rowids (no row read), the arrays their places."""
        rowids = self._rowids_of(connection)(match)  # type: ignore[arg-type]
        radius = query.radius_km or 0.0
        near = self._places(connection).near(
            rowids,
            query.lat,  # type: ignore[arg-type]
            query.lon,  # type: ignore[arg-type]
            radius * (1 + _flat_margin(radius, query.lat)),  # type: ignore[arg-type]
            keep_unplaced=query.include_unplaced,
            keep_remote=query.remote_allowed,
        )
        return orjson.dumps(near, option=orjson.OPT_SERIALIZE_NUMPY).decode()

    def _facets(self, connection: sqlite3.Connection, rowids: list[int]) -> dict[str, dict[str, int]]:
        """Counts by category, language and feature over `rowids`, from the arrays; by SQLite when a row
        is newer than them (written between their check and this search)."""
        counted = self._places(connection).tag_counts(rowids)
        if counted is None:
            return _facets_of(
                connection, "SELECT value AS r FROM json_each(?)", [orjson.dumps(rowids).decode()]
            )
        facets = _empty_facets()
        for tag, count in counted.items():
            kind, code = tag.split(":", 1)
            facets[FACET_NAMES[kind]][code] = count
        return facets

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
    """Write documents after the last one in the file."""
    if not docs:
        return 0
    first = connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM docs").fetchone()[0]
    write_rows(connection, _rows(docs, first))
    return len(docs)


def _rows(docs: list[SearchDocument], first: int) -> Rows:
    """The rows of each table for `docs`, numbered from `first` (rowids are given, not asked for one by
    one: one executemany per table)."""
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
        cell = _cell_of(doc)
        tags.extend(sorted(facet_tags | {(rowid, "cc", f"{code}@{cell}") for code in doc.categories}))
        hours.extend(_hours_rows(rowid, doc))
    return Rows(rows, payloads, texts, places, tags, hours)


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


class KeptRowids:
    """Rowids by full-text expression, the most recently asked kept (at most `KEPT_ROWIDS` in all)."""

    def __init__(self) -> None:
        self.found: dict[str, NDArray[np.int64]] = {}
        self.size = 0

    def get(self, expression: str, read: Callable[[], NDArray[np.int64]]) -> NDArray[np.int64]:
        found = self.found.pop(expression, None)
        if found is None:
            found = read()
            self.size += found.shape[0]
            while self.found and self.size > KEPT_ROWIDS:
                self.size -= self.found.pop(next(iter(self.found))).shape[0]  # the least recently asked
        self.found[expression] = found
        return found


def _word_rowids(connection: sqlite3.Connection, match: str) -> NDArray[np.int64]:
    """The rowids of the documents holding the words: the full-text index alone, no row read."""
    listed = connection.execute("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (match,))
    text = listed.fetchone()[0]
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.empty(0, dtype=np.int64)


def _circle_only(query: SearchQuery, match: str | None, ranked: bool) -> bool:
    """Words or categories in a circle (nearest first, or words weighed with distance), and no other filter:
    the arrays answer alone."""
    filtered = query.languages or query.normalized_features() or query.age is not None or query.open_at
    near = bool(query.radius_km) and query.has_point and not ranked
    return near and (match is not None or bool(query.categories)) and not (filtered or query.remote_only)


def _by_arrays(query: SearchQuery, match: str | None, ranked: bool) -> bool:
    """Words, a circle, nearest first, and no category to look up by cell: the places come from arrays."""
    return (
        match is not None
        and not ranked
        and bool(query.radius_km)
        and query.has_point
        and not _by_cells(query)
    )


def _filter_sql(
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
    if only is not None:
        conditions.append("d.rowid IN (SELECT value FROM json_each(?))")
        params.append(only)
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
    if query.categories and not _by_cells(query):
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


def _bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    delta_lat = math.degrees(radius_km / EARTH_KM)
    delta_lon = math.degrees(radius_km / (EARTH_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - delta_lat, lat + delta_lat, lon - delta_lon, lon + delta_lon


def _within_radius(
    rows: list[tuple[Any, ...]], query: SearchQuery
) -> list[tuple[tuple[Any, ...], float | None, float]]:
    """The radius applied. Each row's distance is the flat-earth one SQLite computed (row[3], squared
    degrees of latitude): off by a fraction of a percent at these scales, so only rows near the edge are
    measured exactly before they are kept or left out."""
    result = []
    radius = query.radius_km
    inside = outside = 0.0
    if radius:
        margin = _flat_margin(radius, query.lat)  # type: ignore[arg-type]
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


def _flat_margin(km: float, lat: float) -> float:
    """How far off, relatively, a flat distance of `km` from latitude `lat` can be: the longitude scale is
    the query's, and it drifts with the latitude difference, faster towards the poles."""
    return FLAT_ERROR + km / EARTH_KM * (1 + math.tan(math.radians(min(abs(lat), 89.0))))


def _exact(row: tuple[Any, ...], distance: float | None, query: SearchQuery) -> float | None:
    if distance is None or row[4] is None:
        return None
    return haversine_km(query.lat, query.lon, row[4], row[5])  # type: ignore[arg-type]


def _exact_head(matched: Matched, end: int, query: SearchQuery) -> None:
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
    cutoff = last * (1 + _flat_margin(last, query.lat)) + 0.001  # type: ignore[arg-type]
    head = 0
    while head < len(matched) and matched[head][1] is not None and matched[head][1] <= cutoff:  # type: ignore[operator]
        row, distance, score = matched[head]
        matched[head] = (row, _exact(row, distance, query), score)
        head += 1
    matched[:head] = sorted(matched[:head], key=lambda item: (item[1], -item[2], item[0][1]))


Matched = list[tuple[tuple[Any, ...], float | None, float]]


def _scored_page(
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
    scores = tie_relevance.relevance(texts, match, WEIGHTS.get(query.lang, WEIGHTS["fr"]))
    rescored = [(row, distance, float(scores.get(row[0], score))) for row, distance, score in window]
    _sort(rescored, query)
    return rescored[start - low : end - low]


def _count(connection: sqlite3.Connection, sql: str, params: list[Any], start: int) -> int:
    """The number of matches when a page past the end came back empty."""
    return int(connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]) if start else 0


def _sort(matched: list[tuple[tuple[Any, ...], float | None, float]], query: SearchQuery) -> None:
    if query.by_distance:
        matched.sort(key=lambda item: (item[1] is None, item[1] or 0.0, -item[2], item[0][1]))
    elif query.has_point:  # relevance weighed with distance (`relevance.order`, then the document id)
        matched.sort(key=lambda item: (item[1] is None, -item[2], item[1] or 0.0, item[0][1]))
    else:
        matched.sort(key=lambda item: (-item[2], item[1] if item[1] is not None else math.inf, item[0][1]))


Stored = tuple[str, str | None, str, str, str, str, bytes]


def _payloads(connection: sqlite3.Connection, rowids: list[int]) -> dict[int, Stored]:
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


def _hit(row: tuple[Any, ...], stored: Stored, distance: float | None, score: float, lang: str) -> Hit:
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


def _facets_of(
    connection: sqlite3.Connection, rowids_sql: str, params: list[Any]
) -> dict[str, dict[str, int]]:
    """Counts by category, language and feature over the documents `rowids_sql` selects."""
    facets = _empty_facets()
    # Driven by the documents (each one's tags through the rowid index), never by a scan of every tag.
    rows = connection.execute(
        f"SELECT t.kind, t.code, count(*) FROM ({rowids_sql}) AS m CROSS JOIN doc_tag t ON t.rowid = m.r "
        "WHERE t.kind IN ('cat', 'lang', 'feat') GROUP BY t.kind, t.code",
        params,
    )
    for kind, code, count in rows:
        facets[FACET_NAMES[kind]][code] = count
    return facets


def _empty_facets() -> dict[str, dict[str, int]]:
    return {"categories": {}, "languages": {}, "features": {}}


__all__ = ["EmbeddedEngine", "fold", "haversine_km"]
