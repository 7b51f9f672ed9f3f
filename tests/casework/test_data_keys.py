"""The data key as an operator handles it: generated into the instance when unset, read from
CARREFOUR_DATA_KEY when set (a bad one named at start), and `carrefour keys rotate` moving every stored value
to a new key, after which the old key reads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from sqlalchemy import text

from app.core import crypto
from app.core.models import Client, ClientNote, Team
from app.core.settings import ConfigError, load_settings
from app.factory import create_app
from app.web.extensions import db
from tests.helpers import invoke


def _add_client(app: Flask) -> int:
    with app.app_context():
        team = Team(name="Équipe Sud")
        db.session.add(team)
        db.session.flush()
        client = Client(team_id=team.id, display_name="Paul Gagnon", postal_code="H1A 0A1", languages=[])
        client.notes.append(ClientNote(body="Cherche un logement", shared=True))
        db.session.add(client)
        db.session.commit()
        return client.id


def _stored_tokens(app: Flask) -> list[str]:
    with app.app_context():
        return [
            row[0]
            for row in db.session.execute(
                text("SELECT display_name FROM client UNION ALL SELECT body FROM client_note")
            )
        ]


def test_without_a_setting_the_key_is_generated_into_the_instance_and_kept(app: Flask) -> None:
    key_file = Path(app.instance_path) / "data_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    crypto.parse_keys(key_file.read_text())
    again = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    assert again.config["CARREFOUR_DATA_KEY"] == app.config["CARREFOUR_DATA_KEY"]


def test_rotation_from_the_instance_key(app: Flask) -> None:
    client_id = _add_client(app)
    old = app.config["CARREFOUR_DATA_KEY"]
    before = _stored_tokens(app)
    result = invoke(app, "keys", "rotate")
    assert result.exit_code == 0, result.output
    assert (
        "re-encrypted with a new key: 3" in result.output or "nouvelle clé : 3" in result.output
    )  # name, postal code, note
    new = (Path(app.instance_path) / "data_key").read_text().strip()
    assert new != old and "," not in new  # the old key is gone from the instance
    after = _stored_tokens(app)
    assert all(a != b for a, b in zip(before, after, strict=True))
    with app.app_context():
        db.session.expire_all()
        found = db.session.get(Client, client_id)
        assert found is not None and found.display_name == "Paul Gagnon"
        assert found.notes[0].body == "Cherche un logement"
    crypto.install_keys(old)
    with app.app_context(), pytest.raises(crypto.DataKeyError):
        db.session.expire_all()
        db.session.get(Client, client_id)


def test_rotation_with_the_environment_key(
    app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old = crypto.new_key()
    monkeypatch.setenv("CARREFOUR_DATA_KEY", old)
    monkeypatch.setenv("CARREFOUR_INSTANCE", str(tmp_path / "env-instance"))
    configured = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    client_id = _add_client(configured)
    result = invoke(configured, "keys", "rotate")
    assert result.exit_code == 2 and "CARREFOUR_DATA_KEY" in result.output  # one key: nothing to rotate to
    new = crypto.new_key()
    monkeypatch.setenv("CARREFOUR_DATA_KEY", f"{new},{old}")
    rotated = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    result = invoke(rotated, "keys", "rotate")
    assert result.exit_code == 0, result.output
    crypto.install_keys(new)  # the new key alone reads everything
    with rotated.app_context():
        found = db.session.get(Client, client_id)
        assert found is not None and found.postal_code == "H1A 0A1"


def test_a_bad_data_key_is_named_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARREFOUR_DATA_KEY", "not-a-key")
    with pytest.raises(ConfigError, match="CARREFOUR_DATA_KEY"):
        load_settings()


def test_a_value_no_key_reads_stops_the_rotation_and_changes_nothing(app: Flask) -> None:
    _add_client(app)
    with app.app_context():
        foreign = Fernet(crypto.new_key().encode()).encrypt(b"written under another key").decode()
        db.session.execute(text("UPDATE client_note SET body = :t"), {"t": foreign})
        db.session.commit()
    before = _stored_tokens(app)
    old = app.config["CARREFOUR_DATA_KEY"]
    result = invoke(app, "keys", "rotate")
    assert result.exit_code == 1 and "nothing was changed" in result.output
    assert _stored_tokens(app) == before
    # The instance still holds a ring that reads what it read before.
    assert old in (Path(app.instance_path) / "data_key").read_text()
