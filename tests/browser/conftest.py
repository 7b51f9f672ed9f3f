"""The browser tier: Debian's Chromium driven by Playwright against the app served on localhost.

It never downloads a browser: Playwright launches the system binary. It skips, saying why, when Chromium
or Playwright is missing. axe-core comes from the npm registry (`.ci/run` installs it under .ci/npm).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

if TYPE_CHECKING:
    from tests.matching.builder import Spec

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_JS = Path(
    os.environ.get("AXE_CORE_JS", ROOT / ".ci" / "npm" / "node_modules" / "axe-core" / "axe.min.js")
)


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_BIN"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("browser tier: no Chromium binary (install Debian's chromium package; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tier: playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def serve(app: Flask) -> tuple[str, Any]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_port}", server


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations reported by axe-core in the page."""
    if not AXE_JS.exists():
        pytest.skip(f"accessibility check: axe-core is not installed at {AXE_JS} (npm install axe-core)")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, "
        "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]


def mailing_site(
    tmp_path: Path,
    template: Path,
    environment: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    specs: list[Spec],
) -> Flask:
    """An app that sends its e-mail to the test's SMTP server (`environment`), with one person per role
    and the services of `specs` imported, each with an intake e-mail address (referrals go there)."""
    from sqlalchemy import select

    from app.core.models import Service
    from app.core.settings import load_settings, smtp_server
    from app.web.extensions import db
    from tests.accounts.people import add_people
    from tests.conftest import _sqlite_app
    from tests.helpers import invoke
    from tests.matching.builder import build

    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    app: Flask = _sqlite_app(tmp_path / "db", template)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    package = build(tmp_path / "pkg", specs)
    assert invoke(app, "import", str(package), "--lang", "en", "--source", "walk").exit_code == 0
    with app.app_context():
        for service in db.session.scalars(select(Service)):
            service.email = "intake@pantry.example.org"
        db.session.commit()
    return app
