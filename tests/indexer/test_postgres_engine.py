"""The PostgreSQL engine inside Carrefour: chosen with a PostgreSQL database, written in the transaction of
each change to the directory (no queue, no drift), and answering as the embedded engine does."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from app.core.changes import record_changes
from app.core.models import ChangeLog, Service
from app.web.extensions import db
from app.web.search import search_service
from indexer.documents import build_documents
from indexer.engines.embedded import EmbeddedEngine
from indexer.query import SearchQuery
from tests.helpers import invoke
from tests.importers.test_hsds3_import import _tiny_package


def _names(app: Flask, text: str) -> list[str]:
    with app.app_context():
        return [hit.name for hit in search_service().search(SearchQuery(text=text)).hits]


def _pending(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(ChangeLog.applied_at.is_(None))) or 0


def test_a_postgresql_database_searches_with_postgresql(pg_app: Flask) -> None:
    with pg_app.app_context():
        assert [engine.name for engine in search_service().engines] == ["postgres"]
        assert search_service().primary.health().ok


def test_an_import_is_found_as_it_commits_with_nothing_pending(pg_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(
        tmp_path / "pkg", {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers"}
    )
    assert invoke(pg_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    assert _names(pg_app, "banque alimentaire") == ["Banque alimentaire"]
    assert _pending(pg_app) == 0
    result = invoke(pg_app, "index", "--check")
    assert result.exit_code == 0, result.output
    assert "0 missing, 0 extra, 0 stale; 0 changes pending" in result.output
    assert "no drift by construction" in result.output


def test_a_change_and_its_index_commit_together_or_not_at_all(
    pg_app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _tiny_package(
        tmp_path / "pkg", {"org": "Moisson Est", "name": "Moisson Hochelaga", "description": "Paniers"}
    )
    assert invoke(pg_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    with pg_app.app_context():
        service = db.session.scalars(select(Service)).one()
        service.name = {"fr": "Comptoir du Mile End"}
        record_changes(db.session, [service.id], "test")
        db.session.rollback()  # changed, then thought better of it: the index never saw it
    assert _names(pg_app, "Mile End") == []

    from indexer.engines.postgres import rows

    def broken(*_args: object) -> int:
        raise RuntimeError("the index could not be written")

    with pg_app.app_context():
        service = db.session.scalars(select(Service)).one()
        service.name = {"fr": "Comptoir du Mile End"}
        record_changes(db.session, [service.id], "test")
        monkeypatch.setattr(rows, "write", broken)
        with pytest.raises(RuntimeError, match="could not be written"):
            db.session.commit()
        db.session.rollback()
        monkeypatch.undo()
        # The directory kept its old name: the change failed with its index.
        assert db.session.scalars(select(Service.name)).one() == {"fr": "Moisson Hochelaga"}
        service = db.session.scalars(select(Service)).one()
        service.name = {"fr": "Comptoir du Mile End"}
        record_changes(db.session, [service.id], "test")
        db.session.commit()
    assert _names(pg_app, "Mile End") == ["Comptoir du Mile End"]
    assert _names(pg_app, "Moisson Hochelaga") == []
    assert invoke(pg_app, "index", "--check").exit_code == 0


def test_a_deleted_service_leaves_the_index_with_it(pg_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(
        tmp_path / "pkg", {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers"}
    )
    assert invoke(pg_app, "import", str(folder), "--lang", "fr", "--source", "moisson").exit_code == 0
    with pg_app.app_context():
        service = db.session.scalars(select(Service)).one()
        db.session.execute(update(Service).where(Service.id == service.id).values(status="inactive"))
        record_changes(db.session, [service.id], "test")
        db.session.commit()
    assert _names(pg_app, "banque alimentaire") == []


@pytest.fixture
def demo_on_postgres(pg_app: Flask) -> Flask:
    from app.demo.load import load_demo

    with pg_app.app_context():
        load_demo(db.session)
        db.session.commit()
    return pg_app


QUERIES: list[dict[str, object]] = [
    {"text": "banque alimentaire"},
    {"text": "food bank", "lang": "en"},
    {"text": "héberg"},
    {"text": "dentsite"},
    {"text": "logemnt"},
    {"text": "emploi jeunes"},
    {"text": "aide"},
    {"text": "garderie", "lang": "en"},
    {"text": "impots"},
    {"categories": ["food"]},
    {"categories": ["health"], "languages": ["en"]},
    {"features": ["wheelchair"]},
    {"features": ["free"], "age": 70},
    {"lat": 45.5088, "lon": -73.5617, "radius_km": 2},
    {"lat": 45.5088, "lon": -73.5617, "radius_km": 5, "categories": ["food"]},
    {"lat": 45.5088, "lon": -73.5617, "radius_km": 5, "text": "aide"},
    {"lat": 45.5088, "lon": -73.5617, "radius_km": 5, "text": "aide", "sort": "distance"},
    {"lat": 45.5500, "lon": -73.6000, "radius_km": 10, "text": "repas", "languages": ["fr"]},
    {"lat": 45.5088, "lon": -73.5617, "radius_km": 3, "include_remote": True, "include_unplaced": True},
    {"remote_only": True},
    {"text": "clinique", "include_inactive": True},
]


def test_postgresql_finds_what_the_embedded_engine_finds(demo_on_postgres: Flask, tmp_path: Path) -> None:
    """The demo directory in both engines. Without words, every query finds the same documents, counted
    alike, with the same facets; nearest first, at the same distances. With words, PostgreSQL finds every
    document the embedded engine finds, and those its stemmers relate too (*cliniques* finds *clinique*)."""
    with demo_on_postgres.app_context():
        postgres = search_service().primary
        embedded = EmbeddedEngine(tmp_path / "embedded")
        embedded.rebuild(build_documents(db.session))
        for asked in QUERIES:
            query = SearchQuery(page_size=500, **asked)  # type: ignore[arg-type]
            theirs, ours = embedded.search(query), postgres.search(query)
            found, expected = {h.doc_id for h in ours.hits}, {h.doc_id for h in theirs.hits}
            assert expected and found >= expected, asked
            if not query.has_words:
                assert found == expected and ours.total == theirs.total, asked
                assert ours.facets == theirs.facets, asked
            if query.by_distance:
                assert [round(h.distance_km or -1, 6) for h in ours.hits if h.doc_id in expected] == [
                    round(h.distance_km or -1, 6) for h in theirs.hits
                ], asked
        stemmed = postgres.search(SearchQuery(text="cliniques", page_size=500))
        singular = {h.doc_id for h in embedded.search(SearchQuery(text="clinique", page_size=500)).hits}
        assert singular and {h.doc_id for h in stemmed.hits} >= singular
