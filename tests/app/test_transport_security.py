"""Over https: HSTS on every answer and Secure cookies; over plain http neither (a site without TLS would
lock its users out); cookies always HttpOnly and SameSite=Lax. The match API's rate limit per address,
answered in JSON like every API error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, redirect
from flask.typing import ResponseReturnValue
from flask_login import login_user
from sqlalchemy import select

from app.core.accounts.roles import powers_of
from app.core.models.accounts import UserAccount
from app.web.extensions import db
from app.web.sessions import SignedIn
from tests.accounts.people import add_people, sign_in

HSTS = "max-age=31536000; includeSubDomains"
PROFILE = {"needs": [{"category": "food-bank"}]}


@pytest.fixture
def site(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Flask]:
    """The app reached at CARREFOUR_BASE_URL (the parameter; None: unset), with its people."""
    from tests.conftest import _sqlite_app

    if request.param:
        monkeypatch.setenv("CARREFOUR_BASE_URL", request.param)
    app = _sqlite_app(tmp_path, sqlite_template)
    add_people(app)

    def remembered() -> ResponseReturnValue:
        """No page offers "remember me" today; this one does, to see the cookie Flask-Login would set."""
        account = db.session.scalars(
            select(UserAccount).where(UserAccount.email == "admin@example.org")
        ).one()
        login_user(SignedIn(account, powers_of(account)), remember=True)
        return redirect("/")

    app.add_url_rule("/test/remember", "remember", remembered)
    yield app
    with app.app_context():
        db.engine.dispose()


def cookie_flags(header: str) -> set[str]:
    """A Set-Cookie header's flags (`secure`, `httponly`) and its SameSite attribute, as written."""
    parts = [part.strip() for part in header.split(";")[1:]]
    return {part.lower() for part in parts if "=" not in part} | {
        p for p in parts if p.startswith("SameSite=")
    }


@pytest.mark.parametrize("site", [None], indirect=True)
def test_plain_http_gets_no_hsts(site: Flask) -> None:
    client = site.test_client()
    for path in ("/", "/en/search?q=food", "/api/hsds/", "/healthz", "/no-such-page"):
        assert "Strict-Transport-Security" not in client.get(path).headers, path


@pytest.mark.parametrize("site", [None, "http://carrefour.example.org"], indirect=True)
def test_a_request_over_https_gets_hsts(site: Flask) -> None:
    client = site.test_client()
    for path in ("/", "/en/search?q=food", "/api/hsds/", "/no-such-page"):
        answer = client.get(path, base_url="https://carrefour.example.org")
        assert answer.headers["Strict-Transport-Security"] == HSTS, path
    over_http = client.get("/", environ_overrides={"wsgi.url_scheme": "http"})
    assert "Strict-Transport-Security" not in over_http.headers


@pytest.mark.parametrize("site", ["https://carrefour.example.org"], indirect=True)
def test_a_site_reached_over_https_gets_hsts_behind_its_proxy(site: Flask) -> None:
    # The proxy ends TLS and speaks plain http to the app: the site's address says https.
    answer = site.test_client().get("/en/", environ_overrides={"wsgi.url_scheme": "http"})
    assert answer.headers["Strict-Transport-Security"] == HSTS


@pytest.mark.parametrize("site", ["https://carrefour.example.org"], indirect=True)
def test_over_https_the_session_and_remember_cookies_are_secure_httponly_lax(site: Flask) -> None:
    client = site.test_client()
    session = sign_in(client, "admin@example.org").headers["Set-Cookie"]
    assert session.startswith("session=")
    assert {"secure", "httponly", "SameSite=Lax"} <= cookie_flags(session)
    remember = site.test_client().get("/test/remember").headers.getlist("Set-Cookie")
    [remember_cookie] = [c for c in remember if c.startswith("remember_token=")]
    assert {"secure", "httponly", "SameSite=Lax"} <= cookie_flags(remember_cookie)


@pytest.mark.parametrize("site", [None, "http://carrefour.example.org"], indirect=True)
def test_over_http_cookies_are_httponly_lax_but_not_secure(site: Flask) -> None:
    session = sign_in(site.test_client(), "admin@example.org").headers["Set-Cookie"]
    assert {"httponly", "SameSite=Lax"} <= cookie_flags(session) and "secure" not in cookie_flags(session)
    remember = site.test_client().get("/test/remember").headers.getlist("Set-Cookie")
    [remember_cookie] = [c for c in remember if c.startswith("remember_token=")]
    assert {"httponly", "SameSite=Lax"} <= cookie_flags(remember_cookie)
    assert "secure" not in cookie_flags(remember_cookie)


@pytest.mark.parametrize("site", [None], indirect=True)
def test_the_match_api_answers_429_in_json_past_its_limit_per_address(site: Flask) -> None:
    assert site.config["CARREFOUR_MATCH_RATE_LIMIT"] == "60/minute"  # the default
    site.config["CARREFOUR_MATCH_RATE_LIMIT"] = "3/minute"
    client = site.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    headers = {"Accept-Language": "en"}
    served = [client.post("/api/v1/match", json=PROFILE, headers=headers).status_code for _ in range(3)]
    assert 429 not in served  # (503: this test builds no search index; the limit counts them all the same)
    refused = client.post("/api/v1/match", json=PROFILE, headers=headers)
    assert refused.status_code == 429 and refused.mimetype == "application/json"
    assert int(refused.headers["Retry-After"]) > 0
    [error] = refused.get_json()["errors"]
    assert error["field"] == "(request)" and "Retry-After" in error["message"]
    neighbour = site.test_client()
    neighbour.environ_base["REMOTE_ADDR"] = "10.1.2.4"
    assert neighbour.post("/api/v1/match", json=PROFILE).status_code != 429
    assert client.get("/api/hsds/").status_code == 200  # the HSDS API counts on its own


def test_the_match_limit_comes_from_the_environment(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import _sqlite_app

    monkeypatch.setenv("CARREFOUR_MATCH_RATE_LIMIT", "1/minute")
    app = _sqlite_app(tmp_path, sqlite_template)
    client = app.test_client()
    assert client.post("/api/v1/match", json=PROFILE).status_code != 429
    assert client.post("/api/v1/match", json=PROFILE).status_code == 429
