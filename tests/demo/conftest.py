"""The demo directory, loaded once per test module through the real importer and indexed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app.web.extensions import db


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Flask]:
    from app.demo.load import load_demo
    from app.web.search import embedded_engine
    from indexer.sync import rebuild
    from tests.conftest import _sqlite_app

    app = _sqlite_app(tmp_path_factory.mktemp("demo"), sqlite_template)
    with app.app_context():
        report = load_demo(db.session)
        assert report is not None and not report.rejects, [
            p.render() for p in (report.rejects if report else [])
        ][:5]
        rebuild(db.session, embedded_engine(app))
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()
