"""Keeping the index in step: change log in the import's transaction, pending changes, drift, fallback."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.core.models import ChangeLog, Service
from app.web.extensions import db
from app.web.search import embedded_engine
from indexer.documents import SearchDocument
from indexer.engines.base import EngineUnavailable
from indexer.query import SearchQuery
from indexer.search import SearchService
from indexer.sync import apply_pending, check, rebuild
from tests.helpers import invoke, read_csv, write_csv
from tests.importers.test_hsds3_import import _tiny_package


@pytest.fixture(autouse=True)
def _an_engine_outside_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """The change-log queue serves engines that live outside the database (the embedded file, Meilisearch);
    on PostgreSQL too, so that its queue is tested there (the PostgreSQL engine writes in the change's own
    transaction instead: tests/indexer/test_postgres_engine.py)."""
    monkeypatch.setenv("CARREFOUR_SEARCH_ENGINE", "embedded")


@pytest.fixture
def imported(any_db_app: Flask, tmp_path: Path) -> Flask:
    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers d'épicerie"},
    )
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    return any_db_app


def test_an_import_logs_its_changes_and_the_index_applies_them(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers d'épicerie"},
    )
    with any_db_app.app_context():
        engine = embedded_engine(any_db_app)
        rebuild(db.session, engine)  # an empty index exists before the import
        db.session.commit()
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    with any_db_app.app_context():
        logged = db.session.scalars(select(ChangeLog)).all()
        assert [row.reason for row in logged] == ["import:moisson"]
        assert all(row.applied_at is not None for row in logged)  # the import applied them at once
        hits = engine.search(SearchQuery(text="banque alimentaire")).hits
        assert [h.service_source_id for h in hits] == ["svc-1"]
    # a second, identical import logs nothing
    invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "moisson")
    with any_db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ChangeLog)) == 1


def test_a_change_to_a_linked_row_touches_its_service(imported: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    rows = read_csv(folder / "organizations.csv")
    rows[0]["name"] = "Moisson Est-de-l'Île"
    write_csv(folder / "organizations.csv", rows)
    invoke(imported, "import", str(folder), "--lang", "fr", "--source", "moisson")
    with imported.app_context():
        service_id = db.session.scalars(select(Service.id)).one()
        assert (
            db.session.scalars(select(ChangeLog.service_id).order_by(ChangeLog.id.desc())).first()
            == service_id
        )


def test_pending_changes_survive_an_engine_that_is_down(imported: Flask) -> None:
    class Down:
        name = "down"

        def delete_services(self, ids: Sequence[str]) -> None:
            raise EngineUnavailable("connection refused")

        def index(self, docs: Sequence[SearchDocument]) -> None:
            raise EngineUnavailable("connection refused")

    with imported.app_context():
        db.session.execute(ChangeLog.__table__.update().values(applied_at=None))
        db.session.commit()
        with pytest.raises(EngineUnavailable):
            apply_pending(db.session, Down())  # type: ignore[arg-type]
        db.session.rollback()
        assert db.session.scalar(select(func.count()).where(ChangeLog.applied_at.is_(None))) == 1
        assert apply_pending(db.session, embedded_engine(imported)) == 1
        db.session.commit()
        assert db.session.scalar(select(func.count()).where(ChangeLog.applied_at.is_(None))) == 0


def test_check_reports_drift(imported: Flask) -> None:
    result = invoke(imported, "index", "--check")
    assert result.exit_code == 0, result.output
    assert "1 services in the database, 1 in the index; 0 missing" in result.output
    with imported.app_context():
        service = db.session.scalars(select(Service)).one()
        service.status = "inactive"  # a change the index has not seen
        db.session.commit()
    result = invoke(imported, "index", "--check")
    assert result.exit_code == 1
    assert "1 stale" in result.output


def test_degraded_answers_come_from_the_fallback(imported: Flask) -> None:
    class Unreachable:
        name = "meilisearch"

        def search(self, query: SearchQuery) -> None:
            raise EngineUnavailable("connection refused")

    service = SearchService(primary=Unreachable(), fallback=embedded_engine(imported))  # type: ignore[arg-type]
    result = service.search(SearchQuery(text="banque"))
    assert result.degraded is True and result.total == 1


def test_searches_keep_answering_during_a_rebuild(imported: Flask) -> None:
    engine = embedded_engine(imported)
    seen: list[int] = []

    def documents() -> Iterator[SearchDocument]:
        from indexer.documents import build_documents

        for document in build_documents(db.session):
            seen.append(engine.search(SearchQuery(text="banque")).total)  # the old index still answers
            yield document

    with imported.app_context():
        engine.rebuild(documents())
        assert seen == [1]
        assert check(db.session, engine).clean


def test_search_command_prints_the_documented_json(imported: Flask) -> None:
    result = invoke(
        imported, "search", "banque alimentaire", "--json", "--near", "45.52,-73.58", "--radius", "50"
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert set(answer) == {"hits", "facets", "total", "degraded"}
    assert answer["total"] == 0  # the tiny package has no places: nothing within a radius
    answer = json.loads(invoke(imported, "search", "food bank", "--lang", "en", "--json").output)
    hit = answer["hits"][0]
    assert set(hit) == {"service_id", "service_at_location_id", "name", "categories", "distance_km", "score"}
    assert hit["service_id"] == "svc-1" and hit["categories"] == ["food", "food-bank"]


# --- every change applied, batch after batch ------------------------------------------------------------


def _services_package(folder: Path, count: int, name: str = "Banque alimentaire") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    organization = {"id": "org-1", "name": "Moisson Est", "description": "Moisson"}
    write_csv(folder / "organizations.csv", [organization])
    write_csv(
        folder / "services.csv",
        [
            {
                "id": f"svc-{n}",
                "organization_id": "org-1",
                "name": f"{name} {n}",
                "description": "Paniers d'épicerie",
                "status": "active",
            }
            for n in range(count)
        ],
    )
    return folder


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Batches of 3 change-log rows: a few services make several batches."""
    import indexer.sync

    monkeypatch.setattr(indexer.sync, "BATCH_SIZE", 3)
    return 3


def _indexed_before(app: Flask) -> None:
    with app.app_context():
        rebuild(db.session, embedded_engine(app))  # an index exists: the import applies its changes
        db.session.commit()


def test_an_import_of_several_batches_leaves_no_drift(
    any_db_app: Flask, tmp_path: Path, small_batches: int
) -> None:
    _indexed_before(any_db_app)
    folder = _services_package(tmp_path / "pkg", 4 * small_batches + 1)
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    with any_db_app.app_context():
        drift = check(db.session, embedded_engine(any_db_app))
        assert (drift.missing, drift.stale, drift.extra, drift.pending) == ([], [], [], 0)
        assert drift.services_in_index == 13
        assert embedded_engine(any_db_app).search(SearchQuery(text="banque", page_size=50)).total == 13
    result = invoke(any_db_app, "index", "--check")
    assert result.exit_code == 0, result.output
    assert "13 services in the database, 13 in the index; 0 missing" in result.output
    assert "0 changes pending" in result.output
    # a second import that renames them all is followed as wholly
    _services_package(tmp_path / "pkg", 13, name="Comptoir alimentaire")
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    assert invoke(any_db_app, "index", "--check").exit_code == 0
    with any_db_app.app_context():
        assert embedded_engine(any_db_app).search(SearchQuery(text="comptoir", page_size=50)).total == 13


def test_pending_changes_are_applied_batch_after_batch(imported: Flask, small_batches: int) -> None:
    with imported.app_context():
        service_id = db.session.scalars(select(Service.id)).one()
        db.session.execute(ChangeLog.__table__.delete())
        db.session.execute(
            ChangeLog.__table__.insert(), [{"service_id": service_id, "reason": "test"} for _ in range(10)]
        )
        db.session.commit()
        assert apply_pending(db.session, embedded_engine(imported), batch_size=2) == 1
        db.session.commit()
        assert db.session.scalar(select(func.count()).where(ChangeLog.applied_at.is_(None))) == 0
    result = invoke(imported, "index", "--pending")
    assert result.exit_code == 0 and "embedded: 0 services re-indexed." in result.output


def test_index_pending_applies_every_batch(imported: Flask, tmp_path: Path, small_batches: int) -> None:
    folder = _services_package(tmp_path / "more", 8)
    with imported.app_context():
        from importers.run import run_import

        run_import(db.session, folder, fmt="hsds3", lang="fr", source="more")  # no index step: pending
        db.session.commit()
    assert invoke(imported, "index", "--check").exit_code == 1
    result = invoke(imported, "index", "--pending")
    assert result.exit_code == 0 and "embedded: 8 services re-indexed." in result.output
    assert invoke(imported, "index", "--check").exit_code == 0


class _Named:
    """An embedded index under another engine's name (the primary beside the embedded fallback)."""

    def __init__(self, engine: object, name: str) -> None:
        self.engine, self.name, self.down = engine, name, False

    def __getattr__(self, attribute: str) -> object:
        if self.down and attribute in ("index", "delete_services", "rebuild"):
            raise EngineUnavailable("connection refused")
        return getattr(self.engine, attribute)


def test_changes_reach_every_engine_and_stay_pending_for_one_that_is_down(
    imported: Flask, tmp_path: Path, small_batches: int
) -> None:
    """With two engines (Meilisearch and the embedded fallback), each gets every change; one that fails
    does not keep the other behind, and gets the changes at a later run."""
    from indexer.engines.embedded import EmbeddedEngine

    primary = _Named(EmbeddedEngine(tmp_path / "primary"), "primary")
    with imported.app_context():
        rebuild(db.session, primary)  # type: ignore[arg-type]
        db.session.commit()
    service = SearchService(primary=primary, fallback=embedded_engine(imported))  # type: ignore[arg-type]
    imported.extensions["carrefour_search"] = service
    folder = _services_package(tmp_path / "more", 7)
    primary.down = True
    result = invoke(imported, "import", str(folder), "--lang", "fr", "--source", "more")
    assert "primary: connection refused" in result.output and "stay pending" in result.output
    with imported.app_context():
        assert check(db.session, service.fallback).clean  # type: ignore[arg-type]
        drift = check(db.session, primary)  # type: ignore[arg-type]
        assert len(drift.missing) == 7 and drift.pending == 7
    assert invoke(imported, "index", "--pending").exit_code == 1  # still down: said, and still pending
    primary.down = False
    result = invoke(imported, "index", "--pending")
    assert "primary: 7 services re-indexed." in result.output
    assert invoke(imported, "index", "--check").exit_code == 0
