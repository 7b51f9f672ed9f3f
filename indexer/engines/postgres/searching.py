"""A search as one SQL statement over `search_doc`: the matches, their page, how many, and the facets.

The conditions mirror the embedded engine's (`indexer/engines/embedded/filters.py`), so both answer the
same documents: words through the GIN index of the vector, a circle through the GiST index of the earth
points (`earth_box`, then the exact great-circle distance with the radius the rest of Carrefour uses),
categories by their array's GIN index, languages, features, ages and hours on each row. The orders are the
embedded engine's too: words alone by rank (`ts_rank`, fields weighted A to C, leaned towards fresh
listings), nearest first with the words' rank parting places at one distance, words and a place by the
relevance of `indexer/engines/relevance.py` weighed with distance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from app.core.geo import EARTH_KM
from indexer.engines import relevance
from indexer.engines.postgres.text_query import group_sql
from indexer.engines.words import Alternative
from indexer.query import Hit, SearchQuery, SearchResult

WEEK = 7 * 24 * 60
# ts_rank's weights, {D, C, B, A}: the name first, then the organization and keywords, then the description.
RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
# The relevance tiers of `relevance.py` by field weight (the organization shares B with the keywords).
TIERS = (("A", 1.0), ("C", 0.8), ("B", 0.3))
EARTH_BOX_RADIUS_KM = 6378.168  # earthdistance's earth(): its boxes are drawn on this sphere
FACETS = (("cats", "categories"), ("langs", "languages"), ("feats", "features"))


@dataclass
class Statement:
    """An SQL statement being written, and its parameters."""

    params: dict[str, Any] = field(default_factory=dict)

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"


def search(connection: Connection, query: SearchQuery, groups: list[list[Alternative]]) -> SearchResult:
    """The answer to `query`, `groups` its words (empty: no words)."""
    statement = Statement()
    words = _words(statement, groups)
    distance = distance_km(statement, query) if query.has_point else "NULL::float8"
    conditions = _conditions(statement, query, words, distance)
    score = _score(statement, query, groups, words, distance)
    order = _order(query)
    start = max(query.page - 1, 0) * query.page_size
    where = " AND ".join(conditions) or "TRUE"
    parts = [
        "SELECT 0 AS part, row_number() OVER () AS n, p.doc_id, p.km, p.score, NULL::text AS code, "
        "0::bigint AS count FROM (SELECT doc_id, km, score FROM m "
        f"ORDER BY {order} LIMIT {int(query.page_size)} OFFSET {int(start)}) p",
        "SELECT 1, 0, NULL, NULL, NULL, NULL, count(*) FROM m",
    ]
    if query.facets:
        parts += [
            f"SELECT 2, {i}, NULL, NULL, NULL, c, count(*) FROM m, unnest(m.{column}) c GROUP BY c"
            for i, (column, _name) in enumerate(FACETS)
        ]
    sql = (
        f"WITH m AS MATERIALIZED (SELECT d.doc_id, d.cats, d.langs, d.feats, {distance} AS km, "
        f"{score} AS score FROM search_doc d WHERE {where}) " + " UNION ALL ".join(parts)
    )
    page: list[tuple[int, str, float | None, float]] = []
    facets: dict[str, dict[str, int]] = {"categories": {}, "languages": {}, "features": {}}
    total = 0
    for part, n, doc_id, km, value, code, count in connection.execute(text(sql), statement.params):
        if part == 0:
            page.append((n, doc_id, km, float(value)))
        elif part == 1:
            total = int(count)
        else:
            facets[FACETS[n][1]][code] = int(count)
    page.sort()
    hits = _hits(connection, page, query)
    return SearchResult(hits=hits, facets=facets, total=total)


def _words(statement: Statement, groups: list[list[Alternative]]) -> str | None:
    """The whole query: every group required."""
    if not groups:
        return None
    return " && ".join(group_sql(statement.bind, group) for group in groups)


def distance_km(statement: Statement, query: SearchQuery) -> str:
    """The great-circle distance in km from the query's point (the haversine of `app.core.geo`)."""
    lat, lon = statement.bind(query.lat), statement.bind(query.lon)
    return (
        "(CASE WHEN d.lat IS NULL OR d.lon IS NULL THEN NULL ELSE "
        f"2 * {EARTH_KM} * asin(least(1.0, sqrt(power(sin(radians(d.lat - {lat}) / 2), 2) + "
        f"cos(radians({lat})) * cos(radians(d.lat)) * power(sin(radians(d.lon - {lon}) / 2), 2)))) END)"
    )


def _conditions(statement: Statement, query: SearchQuery, words: str | None, distance: str) -> list[str]:
    conditions: list[str] = []
    if words is not None:
        conditions.append(f"d.tsv @@ ({words})")
    if not query.include_inactive:
        conditions.append("d.status = 'active'")
    if query.remote_only:
        conditions.append("d.remote")
    elif query.has_point and query.radius_km:
        # The box on earthdistance's sphere holds the whole circle (a little wider), the GiST index finds
        # its points, and the exact distance keeps those in the circle.
        box_m = query.radius_km * 1000 * EARTH_BOX_RADIUS_KM / EARTH_KM * 1.001 + 1
        centre = f"public.ll_to_earth({statement.bind(query.lat)}, {statement.bind(query.lon)})"
        circle = (
            f"(d.earth OPERATOR(public.<@) public.earth_box({centre}, {statement.bind(box_m)}) "
            f"AND {distance} <= {statement.bind(query.radius_km)})"
        )
        alternatives = [circle]
        if query.remote_allowed:
            alternatives.append("d.remote")
        if query.include_unplaced:
            alternatives.append("(NOT d.remote AND (d.lat IS NULL OR d.lon IS NULL))")
        conditions.append("(" + " OR ".join(alternatives) + ")")
    elif not query.remote_allowed:
        conditions.append("NOT d.remote")
    if query.categories:
        conditions.append(f"d.cats && CAST({statement.bind(list(query.categories))} AS text[])")
    if query.languages:
        languages = [language.lower() for language in query.languages]
        conditions.append(f"d.langs && CAST({statement.bind(languages)} AS text[])")
    features = query.normalized_features()
    if features:
        conditions.append(f"d.feats @> CAST({statement.bind(features)} AS text[])")
    if query.age is not None:
        age = statement.bind(query.age)
        conditions.append(
            f"(d.min_age IS NULL OR d.min_age <= {age}) AND (d.max_age IS NULL OR d.max_age >= {age})"
        )
    if query.open_at is not None:
        from app.core.hours import minute_of_week, on_daylight_time

        minute = minute_of_week(query.open_at)
        hours = "coalesce(d.hours_dst, d.hours_std)" if on_daylight_time(query.open_at) else "d.hours_std"
        conditions.append(
            f"({hours} @> CAST({statement.bind(minute)} AS int4) "
            f"OR {hours} @> CAST({statement.bind(minute + WEEK)} AS int4))"
        )
    return conditions


def _score(
    statement: Statement,
    query: SearchQuery,
    groups: list[list[Alternative]],
    words: str | None,
    distance: str,
) -> str:
    """Higher first. Words alone: their rank leaned towards fresh listings; nearest first: the words' rank
    (it parts places at one distance); words and a place: relevance weighed with distance, and freshness."""
    if words is None:
        return "0.0::float8"
    fresh = relevance.fresh_case_sql("d.fresh", relevance.today_ordinal())
    rank = f"ts_rank('{RANK_WEIGHTS}', d.tsv, ({words}))::float8"
    if query.weighs_distance:
        tiers = []
        for group in groups:
            cases = " ".join(
                f"WHEN d.tsv @@ {group_sql(statement.bind, group, letter)} THEN {weight}"
                for letter, weight in TIERS
            )
            tiers.append(f"(CASE {cases} ELSE {relevance.ORGANIZATION} END)")
        mean = f"(({' + '.join(tiers)}) / {len(tiers)}.0)"
        half = relevance.HALF_DISTANCE_KM
        decay = f"(CASE WHEN {distance} IS NULL THEN 1.0 ELSE power(0.5, {distance} / {half}) END)"
        return f"({mean} * {decay} * {fresh})::float8"
    if query.by_distance and query.has_point:
        return rank
    if query.has_point or query.by_distance:
        return "0.0::float8"
    return f"({rank} * {fresh})::float8"


def _order(query: SearchQuery) -> str:
    if query.has_point and query.by_distance:
        return "km IS NULL, km, score DESC, doc_id"
    if query.has_point:
        return "km IS NULL, score DESC, km, doc_id"
    return "score DESC, doc_id"


def _hits(
    connection: Connection, page: list[tuple[int, str, float | None, float]], query: SearchQuery
) -> list[Hit]:
    if not page:
        return []
    ids = [doc_id for _n, doc_id, _km, _score in page]
    if query.ids_only:
        rows = {
            doc_id: (service_id, sal_id)
            for doc_id, service_id, sal_id in connection.execute(
                text(
                    "SELECT doc_id, service_id, sal_id FROM search_doc "
                    "WHERE doc_id = ANY(CAST(:ids AS text[]))"
                ),
                {"ids": ids},
            )
        }
        return [
            Hit(
                doc_id=doc_id,
                service_id=rows[doc_id][0],
                service_source_id="",
                service_at_location_id=rows[doc_id][1],
                name="",
                categories=[],
                distance_km=km,
                score=score,
            )
            for _n, doc_id, km, score in page
            if doc_id in rows
        ]
    stored = {
        row[0]: row[1:]
        for row in connection.execute(
            text(
                "SELECT doc_id, service_id, source_id, sal_id, name_fr, name_en, cats, exact, payload "
                "FROM search_doc WHERE doc_id = ANY(CAST(:ids AS text[]))"
            ),
            {"ids": ids},
        )
    }
    hits = []
    for _n, doc_id, km, score in page:
        if doc_id not in stored:
            continue  # removed between the two reads
        service_id, source_id, sal_id, name_fr, name_en, cats, exact, payload = stored[doc_id]
        name = (name_en or name_fr) if query.lang == "en" else (name_fr or name_en)
        hits.append(
            Hit(
                doc_id=doc_id,
                service_id=service_id,
                service_source_id=source_id,
                service_at_location_id=sal_id,
                name=name,
                categories=list(cats),
                distance_km=km,
                score=score,
                payload=bytes(payload),
                exact_categories=list(exact),
            )
        )
    return hits
