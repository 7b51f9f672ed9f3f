"""Fixtures: an application on a fresh database, on SQLite always and on PostgreSQL when configured.

SQLite: the schema is migrated once into a template file, copied for each test. PostgreSQL
(`CARREFOUR_TEST_DATABASE_URL`): the schema is migrated once per run, and every table emptied before each
test. Tests that take `any_db_app` run on both; the PostgreSQL run skips, saying why, when no server is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.data import HSDS_DIR, compiled_schema
from app.web.database import upgrade_database
from app.web.extensions import db
from indexer.engines.postgres.schema import TABLES as SEARCH_TABLES
from tests import outside_reads

outside_reads.install()
pytest_plugins = ("tests.smtp",)  # the `smtp_inbox` fixture: a real SMTP server on localhost

PG_URL = os.environ.get("CARREFOUR_TEST_DATABASE_URL")


def _app(instance: Path, database_url: str) -> Flask:
    os.environ["CARREFOUR_INSTANCE"] = str(instance)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    return app


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.db"
    application = _app(folder / "instance", f"sqlite:///{path}")
    upgrade_database(application)
    with application.app_context():
        db.engine.dispose()  # closes the last connection: SQLite folds its WAL into the file we copy
    assert not path.with_name("template.db-wal").exists()
    return path


@pytest.fixture(scope="session")
def pg_ready() -> Iterator[str]:
    """The PostgreSQL database, in a schema of this test run's own: two runs on one server (two
    checkouts, a developer and CI) never see each other's tables."""
    if not PG_URL:
        pytest.skip("PostgreSQL tier: CARREFOUR_TEST_DATABASE_URL is not set (.ci/run sets it)")
    schema = f"carrefour_test_{os.getpid()}"
    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(PG_URL)
    # Extensions live in `public` (one per database): the run's schema first, then theirs.
    options = f"-csearch_path={schema},public"
    yield url.update_query_dict({"options": options}).render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(autouse=True)
def _nothing_read_outside_the_checkout() -> Iterator[None]:
    """Fail a test that opened a file beside the checkout: a fresh clone has none there."""
    outside_reads.opened_outside.clear()
    yield
    found = sorted(set(outside_reads.opened_outside))
    outside_reads.opened_outside.clear()
    assert not found, f"opened outside the checkout (a fresh clone has no such file): {found}"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("CARREFOUR_") and key != "CARREFOUR_TEST_DATABASE_URL":
            monkeypatch.delenv(key)
    # Commands speak the terminal's language: the tests read their English messages.
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "en_CA.UTF-8")


def _sqlite_app(tmp_path: Path, template: Path) -> Flask:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "carrefour.db"
    shutil.copy(template, path)
    return _app(tmp_path / "instance", f"sqlite:///{path}")


def _pg_app(tmp_path: Path, url: str) -> Flask:
    app = _app(tmp_path / "instance", url)
    upgrade_database(app)
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables] + list(SEARCH_TABLES)
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        db.session.commit()
    upgrade_database(app)  # the core taxonomy again
    return app


@pytest.fixture
def app(tmp_path: Path, sqlite_template: Path) -> Iterator[Flask]:
    """The application on a fresh SQLite database."""
    application = _sqlite_app(tmp_path, sqlite_template)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_app(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Flask]:
    """The application on a fresh database of each kind present."""
    if request.param == "sqlite":
        application = _sqlite_app(tmp_path, sqlite_template)
    else:
        application = _pg_app(tmp_path, request.getfixturevalue("pg_ready"))
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def pg_app(tmp_path: Path, pg_ready: str) -> Iterator[Flask]:
    """The application on a fresh PostgreSQL database (its search engine: PostgreSQL's own index)."""
    application = _pg_app(tmp_path, pg_ready)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def hsds_examples() -> Path:
    folder = HSDS_DIR / "examples"
    if not folder.exists():
        pytest.fail(f"the HSDS 3.0 examples shipped in the project are missing: {folder}")
    return folder


@pytest.fixture
def compiled_service_schema() -> dict[str, object]:
    return compiled_schema("service")
