"""The migrations build exactly the models' schema, on SQLite and on PostgreSQL, with the core taxonomy."""

from __future__ import annotations

import csv

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import func, select

from app.core.models import Taxonomy, TaxonomyTerm
from app.core.taxonomy import CORE_CSV
from app.web.extensions import db
from indexer.engines.postgres.schema import not_search_table
from tests.helpers import invoke


def test_migrated_schema_matches_the_models(any_db_app: Flask) -> None:
    with any_db_app.app_context(), db.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": not_search_table}  # as migrations/env.py
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, db.metadata) == []


def test_core_taxonomy_is_loaded_with_its_codes_and_labels(any_db_app: Flask) -> None:
    with CORE_CSV.open(encoding="utf-8") as handle:
        expected = {(row["taxonomy"], row["code"]): row for row in csv.DictReader(handle)}
    with any_db_app.app_context():
        terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.data_source == "core")).all()
        assert {(t.taxonomy, t.code) for t in terms} == set(expected)
        for term in terms:
            row = expected[(term.taxonomy, term.code)]
            assert term.name == {"en": row["label_en"], "fr": row["label_fr"]}
            assert term.core_key == f"{row['taxonomy']}:{row['code']}"
        food_bank = next(t for t in terms if t.code == "food-bank")
        assert food_bank.parent is not None and food_bank.parent.code == "food"
        assert db.session.scalar(select(func.count()).select_from(Taxonomy)) == 4


def test_db_upgrade_command_is_idempotent(any_db_app: Flask) -> None:
    result = invoke(any_db_app, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "Core taxonomy loaded (0 rows changed)" in result.output
