"""`PostgresEngine`: the search index in the directory's own PostgreSQL database, shared by every server.

Reads go through the application's database engine (its pool); writes go either through a connection of
their own (`index`, `rebuild`) or, as the directory changes, through the connection of the very
transaction that changes it (`write_services`, called by `follow`): a search never sees a directory the
index has not caught up with, on any server.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select, text, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from app.core.models import ChangeLog, Service
from app.core.orm import utcnow
from indexer.documents import SearchDocument, build_documents, document_from_payload
from indexer.engines.base import EngineUnavailable, Health
from indexer.engines.postgres import rows, schema, searching
from indexer.engines.postgres.text_query import WordList, group_sql
from indexer.engines.words import TYPO_MIN_LENGTH, word_groups
from indexer.query import SearchQuery, SearchResult
from indexer.synonyms import SYNONYMS

WRITE_BATCH = 5000  # documents a COPY
ANALYZE_AFTER_DOCUMENTS = 1000  # a write this large refreshes the statistics the planner reads
# The database cannot answer now (down, unreachable, out of connections); any other error is a bug, said.
UNAVAILABLE = (OperationalError, InterfaceError)


class PostgresEngine:
    name = "postgres"
    # Written in the directory's transaction: nothing is ever pending for it (`indexer/sync.py`).
    transactional = True

    def __init__(self, database: Engine) -> None:
        self.database = database

    # --- writing -----------------------------------------------------------------------------------------

    def write_services(self, connection: Connection, service_ids: Collection[str]) -> int:
        """Re-index these services in the transaction of `connection` (the directory's own): their
        documents are built from what that transaction sees, the old ones replaced, gone ones dropped."""
        ids = sorted(set(service_ids))
        with Session(bind=connection, autoflush=False) as reader:
            existing = set()
            for start in range(0, len(ids), 1000):
                batch = ids[start : start + 1000]
                existing.update(reader.scalars(select(Service.id).where(Service.id.in_(batch))))
            rows.delete(connection, "service_id", ids)
            count = rows.write_all(connection, build_documents(reader, existing), WRITE_BATCH)
        if count >= ANALYZE_AFTER_DOCUMENTS:  # the planner's counts, before the next search (and autovacuum)
            connection.execute(text("ANALYZE search_doc"))
        return count

    def index(self, docs: Sequence[SearchDocument]) -> None:
        with self._writing() as connection:
            rows.delete(connection, "doc_id", [d.id for d in docs])
            rows.write_all(connection, docs, WRITE_BATCH)

    def delete(self, ids: Sequence[str]) -> None:
        with self._writing() as connection:
            rows.delete(connection, "doc_id", ids)

    def delete_services(self, service_ids: Sequence[str]) -> None:
        with self._writing() as connection:
            rows.delete(connection, "service_id", service_ids)

    def rebuild(self, docs: Iterable[SearchDocument], expected: int | None = None) -> int:
        """Every document replaced in one transaction: searches read the old index until it commits."""
        with self._writing() as connection:
            rows.clear(connection)
            count = rows.write_all(connection, docs, WRITE_BATCH)
        with self.database.connect() as connection:  # fresh statistics for the planner
            connection.execute(text("ANALYZE search_doc"))
            connection.execute(text("ANALYZE search_word"))
            connection.commit()
        return count

    def _writing(self) -> Any:
        try:
            return self.database.begin()
        except UNAVAILABLE as exc:
            raise EngineUnavailable(str(exc.orig)) from exc

    # --- reading -----------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        try:
            with self.database.connect() as connection:
                groups = word_groups(query.text, WordList(connection)) if query.text.strip() else []
                if query.text.strip() and not groups:
                    return SearchResult(
                        hits=[], facets={"categories": {}, "languages": {}, "features": {}}, total=0
                    )
                return searching.search(connection, query, groups)
        except UNAVAILABLE as exc:
            raise EngineUnavailable(str(exc.orig)) from exc

    def service_page(
        self, text_: str, *, offset: int, size: int, include_inactive: bool, exclude: Collection[str] = ()
    ) -> tuple[list[str], int] | None:
        """A page of the services matching `text_`, best first (their best place's rank), each once however
        many places it has, and how many services match."""
        with self.database.connect() as connection:
            groups = word_groups(text_, WordList(connection))
            if not groups:
                return [], 0
            statement = searching.Statement()
            words = " && ".join(group_sql(statement.bind, group) for group in groups)
            conditions = [f"d.tsv @@ ({words})"]
            if not include_inactive:
                conditions.append("d.status = 'active'")
            if exclude:
                conditions.append(
                    f"NOT (d.service_id = ANY(CAST({statement.bind(sorted(exclude))} AS text[])))"
                )
            rank = f"ts_rank('{searching.RANK_WEIGHTS}', d.tsv, ({words}))"
            found = connection.execute(
                text(
                    f"SELECT service_id, count(*) OVER () FROM (SELECT d.service_id, max({rank}) AS best "
                    f"FROM search_doc d WHERE {' AND '.join(conditions)} GROUP BY d.service_id) s "
                    f"ORDER BY best DESC, service_id LIMIT {int(size)} OFFSET {int(offset)}"
                ),
                statement.params,
            ).all()
            if found:
                return [row[0] for row in found], int(found[0][1])
            total = connection.execute(
                text(
                    f"SELECT count(DISTINCT d.service_id) FROM search_doc d WHERE {' AND '.join(conditions)}"
                ),
                statement.params,
            ).scalar_one()
            return [], int(total)

    def documents(
        self, service_ids: Sequence[str], known: Collection[str] = frozenset()
    ) -> list[SearchDocument]:
        try:
            with self.database.connect() as connection:
                found = connection.execute(
                    text(
                        "SELECT doc_id, payload FROM search_doc WHERE service_id = ANY(CAST(:ids AS text[])) "
                        "ORDER BY doc_id"
                    ),
                    {"ids": list(service_ids)},
                )
                return [
                    document_from_payload(orjson.loads(payload))
                    for doc_id, payload in found
                    if doc_id not in known
                ]
        except UNAVAILABLE as exc:
            raise EngineUnavailable(str(exc.orig)) from exc

    def versions(self) -> dict[str, int]:
        with self.database.connect() as connection:
            return {
                sid: int(version)
                for sid, version in connection.execute(
                    text("SELECT service_id, max(version) FROM search_doc GROUP BY service_id")
                )
            }

    def health(self) -> Health:
        try:
            with self.database.connect() as connection:
                if not schema.installed(connection):
                    return Health(False, "the PostgreSQL search tables are missing (carrefour db upgrade)")
                count = connection.execute(text("SELECT count(*) FROM search_doc")).scalar_one()
        except DBAPIError as exc:
            return Health(False, str(exc.orig).strip().splitlines()[0])
        return Health(True, "PostgreSQL index in the directory's database", int(count))

    def settings(self) -> dict[str, Any]:
        return {
            "tables": list(schema.TABLES),
            "configurations": dict(schema.CONFIGURATIONS),
            "weights": {
                "A": "service name",
                "B": "organization, keywords",
                "C": "description, category labels",
            },
            "rank_weights": searching.RANK_WEIGHTS,
            "typo_min_length": TYPO_MIN_LENGTH,
            "synonym_groups": len(set(SYNONYMS.values())),
            "geo": "cube + earthdistance (GiST)",
        }

    def forget_connections(self) -> None:
        """A forked worker opens its own connections (the parent's stay the parent's)."""
        self.database.dispose(close=False)


def mark_applied(connection: Connection, service_ids: Collection[str]) -> None:
    """The change-log rows of these services marked applied, in the caller's transaction."""
    ids = sorted(set(service_ids))
    for start in range(0, len(ids), 1000):
        connection.execute(
            update(ChangeLog)
            .where(ChangeLog.service_id.in_(ids[start : start + 1000]), ChangeLog.applied_at.is_(None))
            .values(applied_at=utcnow())
        )
