"""`carrefour serve` over PostgreSQL says when its keys are its own instance's: a second server of the same
database would not read the first one's sessions, links or encrypted client files."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from app.web import production
from tests.helpers import invoke

SECRET = "CARREFOUR_SECRET_KEY is not set"
DATA = "CARREFOUR_DATA_KEY is not set"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`serve` runs its start (migrations, index, warnings) and stops before gunicorn would listen."""
    calls: list[str] = []
    monkeypatch.setattr(production, "serve", lambda _app, bind, _workers: calls.append(bind))
    return calls


def test_instance_keys_are_said_over_postgresql(pg_app: Flask, served: list[str]) -> None:
    result = invoke(pg_app, "serve", "--bind", "127.0.0.1:8123", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert SECRET in result.output and DATA in result.output
    assert served == ["127.0.0.1:8123"]  # a warning, not a refusal: one server alone may run so


def test_keys_from_the_environment_are_not_warned_about(
    pg_ready: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served: list[str]
) -> None:
    from app.core.crypto import new_key
    from tests.conftest import _pg_app

    monkeypatch.setenv("CARREFOUR_SECRET_KEY", "a shared secret of every server here")
    monkeypatch.setenv("CARREFOUR_DATA_KEY", new_key())
    app = _pg_app(tmp_path, pg_ready)
    result = invoke(app, "serve", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output and DATA not in result.output


def test_one_host_on_sqlite_is_not_warned(app: Flask, served: list[str]) -> None:
    result = invoke(app, "serve", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output and DATA not in result.output
