"""The probes a load balancer asks: /healthz while the process answers, /readyz only when the database
answers, every migration has run and search answers; JSON, saying which check failed and nothing more."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.web.extensions import db
from app.web.search import embedded_engine
from indexer.sync import rebuild
from tests.conftest import _app


def _probe(app: Flask, path: str) -> tuple[int, dict[str, Any]]:
    answer = app.test_client().get(path)
    assert answer.mimetype == "application/json" and answer.headers["Cache-Control"] == "no-store"
    return answer.status_code, json.loads(answer.get_data(as_text=True))


def test_ready_once_the_index_is_built(app: Flask) -> None:
    assert _probe(app, "/healthz") == (200, {"status": "ok"})
    status, body = _probe(app, "/readyz")
    assert status == 503 and body["status"] == "not ready"
    assert body["checks"]["database"]["ok"] and body["checks"]["migrations"]["ok"]
    assert not body["checks"]["search"]["ok"]  # no index yet
    with app.app_context():
        rebuild(db.session, embedded_engine(app))
        db.session.commit()
    status, body = _probe(app, "/readyz")
    assert status == 200 and body["status"] == "ready"
    assert body["checks"]["search"]["engines"][0]["engine"] == "embedded"


def test_not_ready_while_migrations_are_pending(tmp_path: Path) -> None:
    empty = _app(tmp_path / "instance", f"sqlite:///{tmp_path / 'empty.db'}")  # never migrated
    assert _probe(empty, "/healthz")[0] == 200
    status, body = _probe(empty, "/readyz")
    assert status == 503
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["migrations"] == {"ok": False, "detail": "migrations pending"}
    assert str(tmp_path) not in json.dumps(body)  # no path, no connection string


def test_not_ready_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    gone = _app(tmp_path / "instance", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    status, body = _probe(gone, "/readyz")
    assert status == 503 and not body["checks"]["database"]["ok"]
    assert "nobody" not in json.dumps(body) and "127.0.0.1" not in json.dumps(body)


def test_a_probe_writes_nothing_but_its_access_line(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    """A load balancer probes every few seconds, on every server: checking the migrations must not log
    Alembic's dialect lines each time."""
    before = logging.getLogger("alembic.runtime.migration").level
    with caplog.at_level(logging.INFO):
        _probe(app, "/readyz")
    assert [r.name for r in caplog.records if r.name.startswith("alembic")] == []
    assert logging.getLogger("alembic.runtime.migration").level == before  # left as it was
