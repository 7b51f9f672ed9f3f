"""Documents into the PostgreSQL index: staged with COPY, then written with their vector and point.

A batch is copied into a temporary table of plain values (one COPY, whatever its size), and one
`INSERT ... SELECT` computes each row's `tsvector` (each language's text through its configuration, and the
words as written) and its place on the earth. A row already there (another server wrote the same service
at once) is replaced. The batch's words go to the typo vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Connection, text

from indexer.documents import SearchDocument
from indexer.synonyms import words

COLUMNS = (
    "doc_id",
    "service_id",
    "source_id",
    "sal_id",
    "status",
    "remote",
    "lat",
    "lon",
    "min_age",
    "max_age",
    "cats",
    "exact",
    "langs",
    "feats",
    "hours_std",
    "hours_dst",
    "fresh",
    "version",
    "name_fr",
    "name_en",
    "b_fr",
    "b_en",
    "c_fr",
    "c_en",
    "payload",
)
_STAGE = """
CREATE TEMPORARY TABLE IF NOT EXISTS search_stage (
    doc_id text, service_id text, source_id text, sal_id text, status text, remote boolean,
    lat double precision, lon double precision, min_age double precision, max_age double precision,
    cats text[], exact text[], langs text[], feats text[], hours_std text, hours_dst text, fresh integer,
    version integer, name_fr text, name_en text, b_fr text, b_en text, c_fr text, c_en text, payload bytea
) ON COMMIT DELETE ROWS
"""


def _vector(fr: str, en: str, weight: str) -> str:
    """One field's text in both languages, stemmed by each language and as written, at `weight`."""
    return (
        f"setweight(to_tsvector('carrefour_fr', s.{fr}) || to_tsvector('carrefour_en', s.{en}) || "
        f"to_tsvector('carrefour_simple', s.{fr} || ' ' || s.{en}), '{weight}')"
    )


_INSERT = f"""
INSERT INTO search_doc (doc_id, service_id, source_id, sal_id, status, remote, lat, lon, earth, min_age,
    max_age, cats, exact, langs, feats, hours_std, hours_dst, fresh, version, name_fr, name_en, tsv, payload)
SELECT s.doc_id, s.service_id, s.source_id, s.sal_id, s.status, s.remote, s.lat, s.lon,
    CASE WHEN s.lat IS NOT NULL AND s.lon IS NOT NULL THEN public.ll_to_earth(s.lat, s.lon)::public.cube END,
    s.min_age, s.max_age, s.cats, s.exact, s.langs, s.feats, s.hours_std::int4multirange,
    s.hours_dst::int4multirange, s.fresh, s.version, s.name_fr, s.name_en,
    {_vector("name_fr", "name_en", "A")} || {_vector("b_fr", "b_en", "B")} || {_vector("c_fr", "c_en", "C")},
    s.payload
FROM search_stage s
ON CONFLICT (doc_id) DO UPDATE SET
    service_id = EXCLUDED.service_id, source_id = EXCLUDED.source_id, sal_id = EXCLUDED.sal_id,
    status = EXCLUDED.status, remote = EXCLUDED.remote, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
    earth = EXCLUDED.earth, min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, cats = EXCLUDED.cats,
    exact = EXCLUDED.exact, langs = EXCLUDED.langs, feats = EXCLUDED.feats,
    hours_std = EXCLUDED.hours_std, hours_dst = EXCLUDED.hours_dst, fresh = EXCLUDED.fresh,
    version = EXCLUDED.version, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en,
    tsv = EXCLUDED.tsv, payload = EXCLUDED.payload
"""


# The text columns of a staged row, whose words go to the typo vocabulary.
_TEXTS = slice(COLUMNS.index("name_fr"), COLUMNS.index("c_en") + 1)


def write_all(connection: Connection, docs: Iterable[SearchDocument], batch: int) -> int:
    """Add or replace every document of `docs`, `batch` at a time (documents may come from a generator)."""
    count = 0
    pending: list[SearchDocument] = []
    for doc in docs:
        pending.append(doc)
        if len(pending) >= batch:
            count += write(connection, pending)
            pending = []
    return count + write(connection, pending)


def write(connection: Connection, docs: Sequence[SearchDocument]) -> int:
    """Add or replace `docs` in the caller's transaction."""
    if not docs:
        return 0
    connection.execute(text(_STAGE))
    connection.execute(text("TRUNCATE search_stage"))
    raw = connection.connection.driver_connection
    vocabulary: set[str] = set()
    copying = f"COPY search_stage ({', '.join(COLUMNS)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(copying) as copy:  # type: ignore[union-attr]
        for doc in docs:
            row = _row(doc)
            copy.write_row(row)
            for value in row[_TEXTS]:
                vocabulary.update(words(value))
    connection.execute(text(_INSERT))
    connection.execute(
        text("INSERT INTO search_word (term) SELECT unnest(CAST(:terms AS text[])) ON CONFLICT DO NOTHING"),
        {"terms": sorted(vocabulary)},
    )
    return len(docs)


def delete(connection: Connection, column: str, values: Sequence[str]) -> None:
    """Remove the documents whose `column` (doc_id or service_id) is one of `values`."""
    if values:
        connection.execute(
            text(f"DELETE FROM search_doc WHERE {column} = ANY(CAST(:values AS text[]))"),
            {"values": list(values)},
        )


def clear(connection: Connection) -> None:
    """Every document and word gone, in the caller's transaction (readers see the old ones until it ends)."""
    connection.execute(text("DELETE FROM search_doc"))
    connection.execute(text("DELETE FROM search_word"))


def _row(doc: SearchDocument) -> tuple[Any, ...]:
    organization = " ".join(dict.fromkeys(v for v in doc.organization.values() if v))
    features = sorted(set(doc.features) | ({"free"} if doc.free else set()))
    return (
        doc.id,
        doc.service_id,
        doc.service_source_id,
        doc.service_at_location_id,
        doc.status,
        doc.remote,
        doc.latitude,
        doc.longitude,
        doc.min_age,
        doc.max_age,
        list(doc.categories),
        list(doc.exact_categories),
        list(doc.languages),
        features,
        _ranges(doc.schedule),
        None if doc.schedule_dst is None or doc.schedule_dst == doc.schedule else _ranges(doc.schedule_dst),
        date.fromisoformat(doc.freshness).toordinal() if doc.freshness else None,
        doc.version,
        doc.name.get("fr", ""),
        doc.name.get("en", ""),
        f"{organization} {doc.keywords.get('fr', '')}".strip(),
        f"{organization} {doc.keywords.get('en', '')}".strip(),
        f"{doc.description.get('fr', '')} {doc.labels.get('fr', '')}".strip(),
        f"{doc.description.get('en', '')} {doc.labels.get('en', '')}".strip(),
        orjson.dumps(doc),
    )


def _ranges(intervals: list[list[int]]) -> str:
    """Minutes of the week as a multirange literal, each interval half-open as the embedded index reads."""
    return "{" + ",".join(f"[{start},{end})" for start, end in intervals if end > start) + "}"
