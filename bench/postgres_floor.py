"""The PostgreSQL engine's floor: a bare `tsvector @@ query` with the same words (and, with a place, the same
circle) on the same table, the first 20 by rank: what PostgreSQL itself costs, against which the engine's
full answer (filters, facets, total, order, hits) is measured."""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.core.geo import EARTH_KM
from indexer.engines.postgres.searching import EARTH_BOX_RADIUS_KM, RANK_WEIGHTS, Statement, distance_km
from indexer.engines.postgres.text_query import WordList, group_sql
from indexer.engines.words import word_groups
from indexer.query import SearchQuery


def floor_statement(connection: Connection, query: SearchQuery) -> tuple[str, dict[str, object]] | None:
    """The bare statement for `query` (None when no word is left to look for); built before timing."""
    groups = word_groups(query.text, WordList(connection))
    if not groups:
        return None
    statement = Statement()
    words = " && ".join(group_sql(statement.bind, group) for group in groups)
    where = f"d.tsv @@ ({words})"
    if query.has_point and query.radius_km:
        box_m = query.radius_km * 1000 * EARTH_BOX_RADIUS_KM / EARTH_KM * 1.001 + 1
        centre = f"public.ll_to_earth({statement.bind(query.lat)}, {statement.bind(query.lon)})"
        where += f" AND d.earth OPERATOR(public.<@) public.earth_box({centre}, {statement.bind(box_m)})"
        where += f" AND {distance_km(statement, query)} <= {statement.bind(query.radius_km)}"
    sql = (
        f"SELECT d.doc_id FROM search_doc d WHERE {where} "
        f"ORDER BY ts_rank('{RANK_WEIGHTS}', d.tsv, ({words})) DESC LIMIT 20"
    )
    return sql, statement.params


def run(connection: Connection, statement: tuple[str, dict[str, object]]) -> None:
    connection.execute(text(statement[0]), statement[1]).fetchall()
