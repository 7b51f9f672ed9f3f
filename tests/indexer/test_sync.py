"""Keeping the index in step: change log in the import's transaction, pending changes, drift, fallback."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import ChangeLog, Service
from indexer.documents import SearchDocument
from indexer.engines.base import EngineUnavailable
from indexer.query import SearchQuery
from indexer.search import SearchService, embedded_engine
from indexer.sync import apply_pending, check, rebuild
from tests.helpers import invoke, read_csv, write_csv
from tests.importers.test_hsds3_import import _tiny_package


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
