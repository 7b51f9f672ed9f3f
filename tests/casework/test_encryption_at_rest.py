"""Personal fields of a client are encrypted at rest: the database file never holds their text, and a
value written under an old key still reads after a new key is put first (rotation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from app.core import crypto
from app.core.models import Client, ClientNote, Team
from app.web.extensions import db


def _database_bytes(app: Flask) -> bytes:
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    with app.app_context():
        db.engine.dispose()  # everything written out of the connection pool
    return path.read_bytes() + b"".join(p.read_bytes() for p in path.parent.glob(path.name + "-wal"))


def test_the_database_file_holds_no_note_or_name_text(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        pytest.skip("reads the SQLite file")
    old = crypto.new_key()
    crypto.install_keys(old)
    with app.app_context():
        team = Team(name="Équipe Est")
        client = Client(display_name="Mireille Tremblay-Unique", postal_code="H2X 1Y4")
        db.session.add(team)
        db.session.flush()
        client.team_id = team.id
        client.notes.append(ClientNote(body="Dort dans sa voiture depuis mardi", shared=False))
        db.session.add(client)
        db.session.commit()
        client_id = client.id
    stored = _database_bytes(app)
    assert b"Tremblay-Unique" not in stored and b"voiture depuis mardi" not in stored
    assert b"H2X 1Y4" not in stored
    crypto.install_keys(f"{crypto.new_key()},{old}")  # a new key first: old values still read
    with app.app_context():
        again = db.session.get(Client, client_id)
        assert again is not None and again.display_name == "Mireille Tremblay-Unique"
        assert again.notes[0].body == "Dort dans sa voiture depuis mardi"
    crypto.install_keys(crypto.new_key())  # a key that never wrote them cannot read them
    with app.app_context(), pytest.raises(crypto.DataKeyError):
        db.session.get(Client, client_id)
