"""The demo directory: loaded by the real importer, complete, valid HSDS 3.0 out, and served."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select

from app.core.facts import service_facts
from app.core.models import Organization, Service, ServiceArea
from app.core.taxonomy import core_terms
from app.web.extensions import db
from app.web.search import embedded_engine
from indexer.query import SearchQuery
from tests.helpers import invoke


def test_demo_command_prepares_everything_once(app: Flask) -> None:
    result = invoke(app, "demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "Demo directory loaded" in result.output and "Search index" in result.output
    again = invoke(app, "demo", "--no-serve")
    assert "Demo directory already loaded." in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) >= 300
    client = app.test_client()
    assert "services dans le répertoire" in client.get("/fr/services/").get_data(as_text=True)
    assert client.get("/en/search?q=food+bank").status_code == 200


def test_demo_is_complete(demo_app: Flask) -> None:
    with demo_app.app_context():
        services = db.session.scalars(select(Service)).all()
        assert len(services) >= 300
        assert db.session.scalar(select(func.count()).select_from(Organization)) >= 120
        facts = service_facts(db.session, [s.id for s in services])
        families = {t.code for t in core_terms() if t.taxonomy == "needs" and t.parent is None}
        tagged = {code for f in facts.values() for code in f.needs}
        from app.core.taxonomy import needs_family

        assert families <= {needs_family(code) for code in tagged}
        assert sum(s.status != "active" for s in services) >= 3
        assert sum(s.minimum_age is not None or s.maximum_age is not None for s in services) >= 30
        assert sum(bool(f.eligibility) for f in facts.values()) >= 30
        assert db.session.scalar(select(func.count()).select_from(ServiceArea)) >= 5
        bilingual = sum(bool(s.name.get("fr")) and bool(s.name.get("en")) for s in services)
        assert bilingual >= len(services) * 0.7
    engine = embedded_engine(demo_app)
    lines = engine.search(SearchQuery(categories=["crisis-line"], page_size=100)).hits
    assert len(lines) >= 3


def test_demo_exports_valid_hsds(
    demo_app: Flask, tmp_path: Path, compiled_service_schema: dict[str, object]
) -> None:
    out = tmp_path / "demo.json"
    assert invoke(demo_app, "export", str(out), "--format", "hsds3-json", "--lang", "en").exit_code == 0
    validator = Draft202012Validator(compiled_service_schema, format_checker=FormatChecker())
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert len(documents) >= 300
    for document in documents:
        errors = list(validator.iter_errors(document))
        assert not errors, (document["id"], [e.message for e in errors][:3])


def test_demo_round_trip(demo_app: Flask, tmp_path: Path, sqlite_template: Path) -> None:
    from tests.conftest import _sqlite_app

    first = tmp_path / "first"
    invoke(demo_app, "export", str(first), "--bilingual")
    other = _sqlite_app(tmp_path / "db2", sqlite_template)
    assert invoke(other, "import", str(first), "--lang", "fr").exit_code == 0
    second = tmp_path / "second"
    invoke(other, "export", str(second), "--bilingual")
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {
        p.name: p.read_bytes() for p in second.iterdir()
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch_from_command(args: list[str], env: dict[str, str], url: str, seconds: float = 90) -> str:
    """Start a carrefour command that serves, wait until `url` answers, return the page, stop it."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from app.main import main; main()", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:
                assert process.poll() is None, f"carrefour {args[0]} stopped"
                assert time.monotonic() < deadline, f"carrefour {args[0]} did not answer in {seconds} s"
                time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_demo_serves_the_site(tmp_path: Path) -> None:
    """The README's first command ends by serving the site; it must answer on the port it was given."""
    port = _free_port()
    env = {**os.environ, "CARREFOUR_INSTANCE": str(tmp_path / "instance")}
    page = _fetch_from_command(
        ["demo", "--port", str(port)], env, f"http://127.0.0.1:{port}/fr/search?q=garderie"
    )
    assert "résultats" in page and "CPE" in page


def test_production_server_serves_the_directory_with_worker_processes(tmp_path: Path) -> None:
    """`carrefour serve` (gunicorn) answers pages on the address it was given."""
    env = {**os.environ, "CARREFOUR_INSTANCE": str(tmp_path / "instance")}
    loaded = subprocess.run(
        [sys.executable, "-c", "from app.main import main; main()", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    page = _fetch_from_command(
        ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env,
        f"http://127.0.0.1:{port}/en/search?q=daycare&near=45.5088,-73.5617&radius=5",
    )
    # Words near a place: the workers' own index connections and arrays of places, read after the fork.
    assert re.search(r"[1-9]\d* results? within 5 km", page) and "Skip to content" in page
