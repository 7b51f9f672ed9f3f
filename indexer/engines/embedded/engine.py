"""`EmbeddedEngine`, the embedded index as the `SearchEngine` the rest of Carrefour holds.

The public face only: it owns the index files, each thread's connection and what each thread keeps between
searches, and hands the work to the modules beside it (`paths` answers searches, `doc_rows` writes changes,
`writer` writes rebuilds, `text_match` turns words into FTS5 expressions).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from indexer.documents import SearchDocument, document_from_payload
from indexer.engines.base import EngineUnavailable, Health
from indexer.engines.embedded import doc_rows, paths, service_pages
from indexer.engines.embedded.connection import IndexFiles, remove_index_file
from indexer.engines.embedded.ranking import WEIGHTS
from indexer.engines.embedded.results import empty_facets
from indexer.engines.embedded.store import FTS_COLUMNS, PROCESS_WRITER_MIN
from indexer.engines.embedded.text_match import TYPO_MIN_LENGTH, Vocabulary, match_expression
from indexer.engines.embedded.thread_cache import ThreadCache
from indexer.engines.embedded.writer import IndexWriter
from indexer.query import SearchQuery, SearchResult
from indexer.synonyms import SYNONYMS

WRITE_BATCH = 2000  # documents a batch


class EmbeddedEngine:
    name = "embedded"
    transactional = False  # kept current from the change log (`indexer/sync.py`)

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._vocab_cache: dict[str, Vocabulary] = {}
        self._files = IndexFiles(folder, on_swap=self._vocab_cache.clear)
        self._cache = ThreadCache()

    # --- files and connections ---------------------------------------------------------------------------

    def forget_connections(self) -> None:
        """Drop the connections this process inherited (a forked server worker): SQLite connections must
        not cross a fork; each worker opens its own (its locks are its own), and reads its own arrays."""
        self._files.forget()
        self._cache.forget()

    def index_file(self) -> Path | None:
        """The index file searches read now (None before the first build): the benchmark measures it."""
        return self._files.current()

    _current_file = index_file  # the name the engine's own tests know it by

    def _connect(self, write: bool = False) -> sqlite3.Connection:
        return self._files.connect(write)

    # --- writing -----------------------------------------------------------------------------------------

    def rebuild(self, docs: Iterable[SearchDocument], expected: int | None = None) -> int:
        """A fresh index file from `docs`, swapped in when complete. When `expected` (the number of
        documents, roughly) is large, SQLite writes in a process of its own while the next documents are
        built here: on two cores the two halves of a rebuild overlap."""
        path = self._files.new_file()
        writer = IndexWriter(path, separate_process=(expected or 0) >= PROCESS_WRITER_MIN)
        count = 0
        try:
            batch: list[SearchDocument] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= WRITE_BATCH:
                    writer.write(doc_rows.rows_of(batch, count + 1))
                    count, batch = count + len(batch), []
            if batch:
                writer.write(doc_rows.rows_of(batch, count + 1))
                count += len(batch)
            writer.finish()
        except BaseException:
            writer.abort()
            remove_index_file(path)  # the index in service stays as it was
            raise
        self._files.point_to(path)
        return count

    def index(self, docs: Sequence[SearchDocument]) -> None:
        if not docs:
            return
        connection = self._connect(write=True)
        with connection:
            doc_rows.delete(connection, "doc_id", [d.id for d in docs])
            doc_rows.insert(connection, list(docs))
        self._vocab_cache.clear()

    def delete(self, ids: Sequence[str]) -> None:
        connection = self._connect(write=True)
        with connection:
            doc_rows.delete(connection, "doc_id", list(ids))

    def delete_services(self, service_ids: Sequence[str]) -> None:
        connection = self._connect(write=True)
        with connection:
            doc_rows.delete(connection, "service_id", list(service_ids))

    # --- reading -----------------------------------------------------------------------------------------

    def health(self) -> Health:
        try:
            connection = self._connect()
            count = connection.execute("SELECT count(*) FROM docs").fetchone()[0]
        except (EngineUnavailable, sqlite3.Error) as exc:
            return Health(False, str(exc))
        return Health(True, f"embedded index {self.index_file()}", count)

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
            return SearchResult(hits=[], facets=empty_facets(), total=0)
        return paths.search(connection, self._cache, query, match)

    def service_page(
        self, text: str, *, offset: int, size: int, include_inactive: bool, exclude: Collection[str] = ()
    ) -> tuple[list[str], int] | None:
        """A page of the services matching `text`, best first, and how many match (`service_pages`)."""
        connection = self._connect()
        match = self.match_expression(text, connection) if text.strip() else None
        if match is None:
            return [], 0
        return service_pages.service_page(
            connection,
            self._cache,
            match,
            offset=offset,
            size=size,
            include_inactive=include_inactive,
            exclude=exclude,
        )

    # --- text --------------------------------------------------------------------------------------------

    def match_expression(self, text: str, connection: sqlite3.Connection | None = None) -> str | None:
        """The FTS5 query for what a person typed (`text_match`); typos are corrected from the words of the
        index this thread reads when a `connection` is given."""
        vocabulary = self._vocabulary(connection) if connection is not None else None
        return match_expression(text, vocabulary)

    def _vocabulary(self, connection: sqlite3.Connection) -> Vocabulary:
        key = str(self._files.connected_path())
        if key not in self._vocab_cache:
            self._vocab_cache[key] = Vocabulary.read(connection)
        return self._vocab_cache[key]
