"""The PostgreSQL search index's tables, in the directory's own database.

One row per search document: its filters as plain columns and arrays, its text as one `tsvector` (each
language's text through its own configuration, French or English stemming after `unaccent`, beside the
words as written, unaccented, so prefixes of any word match), its place as a `cube` point on the earth
(`earthdistance`), its hours as multiranges of minutes of the week, and the whole document for result
cards and the matcher. A table of the index's words lets `pg_trgm` find the nearest spelling of a typo.

Nothing here is computed by a function an index or a column default would call again on restore
(`pg_restore` runs with an empty search path): the vector and the point are written with each row.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

EXTENSIONS = ("unaccent", "pg_trgm", "cube", "earthdistance")
# The tables the migrations leave to this module (the models' metadata does not know them).
TABLES = ("search_doc", "search_word")
CONFIGURATIONS = {"carrefour_fr": "french", "carrefour_en": "english", "carrefour_simple": "simple"}


class SearchSchemaError(Exception):
    """The database lacks what the PostgreSQL search engine needs (an extension it may not create)."""


def install(connection: Connection) -> None:
    """Create the extensions, text search configurations, tables and indexes that are missing."""
    for name in EXTENSIONS:
        if not _has_extension(connection, name):
            try:
                with connection.begin_nested():
                    connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public"))
            except Exception as exc:  # the role may not create extensions: say which, and how
                raise SearchSchemaError(
                    f"the PostgreSQL search engine needs the extension {name}; a superuser can create it "
                    f"once with: CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public;"
                ) from exc
    for name, base in CONFIGURATIONS.items():
        exists = connection.execute(
            text(
                "SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
                "WHERE c.cfgname = :name AND n.nspname = current_schema()"
            ),
            {"name": name},
        ).first()
        if exists is None:
            connection.execute(text(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})"))
            dictionaries = "public.unaccent" + ("" if base == "simple" else f", pg_catalog.{base}_stem")
            if base == "simple":
                dictionaries += ", pg_catalog.simple"
            connection.execute(
                text(
                    f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
                    f"hword, hword_part, word, asciiword, asciihword, hword_asciipart WITH {dictionaries}"
                )
            )
    connection.execute(
        text(
            """
            CREATE TABLE IF NOT EXISTS search_doc (
                doc_id text PRIMARY KEY,
                service_id text NOT NULL,
                source_id text NOT NULL,
                sal_id text,
                status text NOT NULL,
                remote boolean NOT NULL,
                lat double precision,
                lon double precision,
                earth public.cube,
                min_age double precision,
                max_age double precision,
                cats text[] NOT NULL,
                exact text[] NOT NULL,
                langs text[] NOT NULL,
                feats text[] NOT NULL,
                hours_std int4multirange NOT NULL,
                hours_dst int4multirange,
                fresh integer,
                version integer NOT NULL,
                name_fr text NOT NULL,
                name_en text NOT NULL,
                tsv tsvector NOT NULL,
                payload bytea NOT NULL
            )
            """
        )
    )
    for statement in (
        "CREATE INDEX IF NOT EXISTS ix_search_doc_service ON search_doc (service_id)",
        "CREATE INDEX IF NOT EXISTS ix_search_doc_tsv ON search_doc USING gin (tsv)",
        "CREATE INDEX IF NOT EXISTS ix_search_doc_earth ON search_doc USING gist (earth)",
        "CREATE INDEX IF NOT EXISTS ix_search_doc_cats ON search_doc USING gin (cats)",
        'CREATE TABLE IF NOT EXISTS search_word (term text COLLATE "C" PRIMARY KEY)',
        "CREATE INDEX IF NOT EXISTS ix_search_word_trgm ON search_word USING gin (term public.gin_trgm_ops)",
    ):
        connection.execute(text(statement))
    keep_vectors_in_rows(connection)


def keep_vectors_in_rows(connection: Connection) -> None:
    """Every search tests each candidate's vector: kept in its row (compressed if need be), not in the TOAST
    table where a row's large values go by default, it is read without a second lookup per row (halved the
    search p95 at 10,000 services). The payload, read only for the page shown, goes there instead. Rows
    written from now on (an import, `carrefour index`) take this layout."""
    connection.execute(
        text(
            "ALTER TABLE search_doc ALTER COLUMN tsv SET STORAGE MAIN, "
            "ALTER COLUMN payload SET STORAGE EXTERNAL"
        )
    )


def not_search_table(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons with the models: these tables belong to the search engine."""
    return not (type_ == "table" and name in TABLES)


def installed(connection: Connection) -> bool:
    """Whether the index's tables exist in the database's current schema."""
    found = connection.execute(
        text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(:t)"),
        {"t": list(TABLES)},
    ).scalar_one()
    return int(found) == len(TABLES)


def drop(connection: Connection) -> None:
    for table in TABLES:
        connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
    for name in CONFIGURATIONS:
        connection.execute(text(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}"))


def _has_extension(connection: Connection, name: str) -> bool:
    return (
        connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = :n"), {"n": name}).first()
        is not None
    )
