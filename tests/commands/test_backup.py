"""`carrefour backup` and `carrefour restore` as an administrator meets them: a round trip finds the same
directory and the same clients (their personal data still readable with the same key), on each database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, make_url, select, text

from app.core.accounts.users import add_user
from app.core.models import Service
from app.core.models.casework import Client
from app.web.database import upgrade_database
from app.web.extensions import db
from indexer.engines.postgres.schema import EXTENSIONS
from tests.conftest import _app
from tests.helpers import invoke, snapshot
from tests.importers.test_hsds3_import import _tiny_package


def _directory_and_clients(app: Flask) -> dict[str, object]:
    rows = snapshot(app)
    with app.app_context():
        clients = sorted((c.display_name, c.team_id) for c in db.session.scalars(select(Client)))
    return {
        "service": rows["service"],
        "organization": rows["organization"],
        "location": rows["location"],
        "clients": clients,
    }


def test_a_backup_restores_the_same_directory_and_clients(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    assert invoke(any_db_app, "import", str(hsds_examples / "csv")).exit_code == 0
    with any_db_app.app_context():
        worker = add_user(db.session, "cw@example.org", "caseworker", team_name="Équipe Nord")
        team_id = next(iter(worker.memberships)).team_id
        db.session.add(Client(team_id=team_id, display_name="Nadia R.", languages=["fr"]))
        db.session.commit()
    before = _directory_and_clients(any_db_app)
    out = tmp_path / "backups" / "carrefour.backup"
    made = invoke(any_db_app, "backup", str(out))
    assert made.exit_code == 0, made.output
    assert out.is_file() and not out.with_name(out.name + ".partial").exists()
    assert b"Nadia R." not in out.read_bytes()  # personal data stays encrypted in the backup

    with any_db_app.app_context():  # what happens after the backup is lost by the restore
        db.session.execute(Client.__table__.delete())
        service = db.session.scalars(select(Service)).first()
        assert service is not None
        service.name = {"en": "Changed after the backup"}
        db.session.commit()
    assert _directory_and_clients(any_db_app) != before

    restored = invoke(any_db_app, "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert _directory_and_clients(any_db_app) == before
    found = any_db_app.test_client().get("/api/hsds/services?search=counselling&lang=en").get_json()
    assert found["total_items"] >= 1  # the search index was rebuilt from the restored directory


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(any_db_app: Flask, tmp_path: Path) -> None:
    before = _directory_and_clients(any_db_app)
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup\n" * 100, encoding="utf-8")
    answer = invoke(any_db_app, "restore", str(junk), "--yes")
    assert answer.exit_code == 1 and "the restore failed" in answer.output
    assert _directory_and_clients(any_db_app) == before


@pytest.fixture
def database_of_its_own_role(pg_ready: str, tmp_path: Path) -> Iterator[Flask]:
    """A database as the deployment guide sets it up: owned by the application's role, which is no superuser,
    with the search engine's extensions created once by a superuser (deploy/postgres-init.sql)."""
    name = f"carrefour_restore_{os.getpid()}"
    admin = create_engine(pg_ready, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"DROP ROLE IF EXISTS {name}"))
        connection.execute(text(f"CREATE ROLE {name} LOGIN NOSUPERUSER"))
        connection.execute(text(f"CREATE DATABASE {name} OWNER {name}"))
    superuser_url = make_url(pg_ready).set(database=name, query={})
    extensions = create_engine(superuser_url)
    with extensions.begin() as connection:
        for extension in EXTENSIONS:
            connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {extension} SCHEMA public"))
    extensions.dispose()
    app = _app(tmp_path / "instance", superuser_url.set(username=name).render_as_string(hide_password=False))
    upgrade_database(app)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"DROP ROLE IF EXISTS {name}"))
        admin.dispose()


def test_the_applications_own_role_restores_a_backup(database_of_its_own_role: Flask, tmp_path: Path) -> None:
    """The extensions are the database's, not the backup's: the role that may not drop or create them (only
    their owner, a superuser, may) still restores the whole directory."""
    app = database_of_its_own_role
    package = _tiny_package(
        tmp_path / "pkg", {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers"}
    )
    assert invoke(app, "import", str(package), "--lang", "fr", "--source", "moisson").exit_code == 0
    before = _directory_and_clients(app)
    out = tmp_path / "carrefour.backup"
    assert invoke(app, "backup", str(out)).exit_code == 0
    with app.app_context():
        db.session.execute(text("DELETE FROM service_at_location"))
        db.session.execute(text("DELETE FROM service"))
        db.session.commit()
    restored = invoke(app, "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert _directory_and_clients(app) == before
    found = app.test_client().get("/api/hsds/services?search=banque").get_json()
    assert found["total_items"] == 1
