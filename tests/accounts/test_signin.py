"""Signing in and out as people do, and what ends a session."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask

from app.core.accounts.users import disable_user, find_user, set_password
from app.core.models import AuditEvent
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in


@pytest.fixture
def people(app: Flask) -> dict:
    return add_people(app)


def test_a_person_signs_in_and_finds_their_roles(app: Flask, people: dict) -> None:
    client = app.test_client()
    answer = sign_in(client, people["caseworker"].email)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/account")
    page = client.get("/en/account").get_data(as_text=True)
    assert "caseworker@example.org" in page and "Caseworker" in page and "Équipe Centre" in page
    assert "Sign out" in client.get("/en/").get_data(as_text=True)


def test_the_sign_in_page_exists_in_both_languages(app: Flask) -> None:
    client = app.test_client()
    assert "Se connecter" in client.get("/fr/signin").get_data(as_text=True)
    assert "Sign in" in client.get("/en/signin").get_data(as_text=True)


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(app: Flask, people: dict) -> None:
    wrong = sign_in(app.test_client(), people["admin"].email, "not the password at all")
    unknown = sign_in(app.test_client(), "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    message = "This e-mail and password do not match an active account."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


@pytest.mark.parametrize("email", ["admin@example.org", "nobody@example.org"])
def test_repeated_failures_pause_sign_in_without_saying_whether_the_account_exists(
    app: Flask, people: dict, email: str
) -> None:
    app.config["RATELIMIT_ENABLED"] = False  # the per-e-mail pause is under test, not the route's rate limit
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, email, "wrong wrong wrong").status_code == 401
    paused = sign_in(client, email, PASSWORD)  # even the right password waits
    assert paused.status_code == 429
    assert "Too many attempts. Wait 15 minutes" in paused.get_data(as_text=True)
    with time_machine.travel(timedelta(minutes=16), tick=False):
        if email == "admin@example.org":
            assert sign_in(client, email, PASSWORD).status_code == 302


def test_a_form_without_its_csrf_token_is_refused(app: Flask, people: dict) -> None:
    client = app.test_client()
    client.get("/en/signin")
    answer = client.post("/en/signin", data={"email": people["admin"].email, "password": PASSWORD})
    assert answer.status_code == 400
    assert "account" not in (answer.headers.get("Location") or "")


def test_sign_out_ends_the_session(app: Flask, people: dict) -> None:
    client = app.test_client()
    sign_in(client, people["agency"].email)
    token = form_token(client.get("/en/account").get_data(as_text=True))
    assert client.post("/en/signout", data={"csrf_token": token}).status_code == 302
    assert client.get("/en/account").status_code == 302  # to the sign-in page


def test_a_password_change_ends_every_other_session(app: Flask, people: dict) -> None:
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, people["supervisor"].email)
    sign_in(phone, people["supervisor"].email)
    with app.app_context():
        user = find_user(db.session, people["supervisor"].email)
        set_password(db.session, user, "another long sentence here")
        db.session.commit()
    assert laptop.get("/en/account").status_code == 302
    assert phone.get("/en/account").status_code == 302


def test_disabling_an_account_ends_its_session(app: Flask, people: dict) -> None:
    client = app.test_client()
    sign_in(client, people["caseworker"].email)
    with app.app_context():
        disable_user(db.session, find_user(db.session, people["caseworker"].email))
        db.session.commit()
    assert client.get("/en/account").status_code == 302
    assert sign_in(app.test_client(), people["caseworker"].email).status_code == 401


def test_a_session_ends_after_eight_hours_without_a_request(app: Flask, people: dict) -> None:
    client = app.test_client()
    with time_machine.travel("2026-12-02 09:00 -05:00", tick=False) as traveller:
        sign_in(client, people["admin"].email)
        traveller.shift(timedelta(hours=7))
        assert client.get("/en/account").status_code == 200  # each request renews the session
        traveller.shift(timedelta(hours=7, minutes=59))
        assert client.get("/en/account").status_code == 200
        traveller.shift(timedelta(hours=8, minutes=1))
        assert client.get("/en/account").status_code == 302


def test_the_session_cookie_is_httponly_samesite_and_secure_behind_https(app: Flask, people: dict) -> None:
    answer = sign_in(app.test_client(), people["admin"].email)
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    app.config["SESSION_COOKIE_SECURE"] = (
        True  # what CARREFOUR_BASE_URL=https://... sets (tests/app/test_config)
    )
    secure = sign_in(app.test_client(), people["admin"].email).headers["Set-Cookie"]
    assert "Secure" in secure


def test_after_sign_in_only_a_path_of_this_site_is_followed(app: Flask, people: dict) -> None:
    client = app.test_client()
    token = form_token(client.get("/en/signin").get_data(as_text=True))
    data = {"email": people["admin"].email, "password": PASSWORD, "csrf_token": token}
    answer = client.post("/en/signin?next=//evil.example/x", data=data)
    assert answer.headers["Location"].endswith("/en/account")
    token = form_token(client.get("/en/signin").get_data(as_text=True))
    answer = client.post("/en/signin?next=/en/search?q=food", data={**data, "csrf_token": token})
    assert answer.headers["Location"].endswith("/en/search?q=food")


def test_signing_in_and_out_is_in_the_audit_log(app: Flask, people: dict) -> None:
    client = app.test_client()
    sign_in(client, people["admin"].email, "wrong wrong wrong")
    sign_in(client, people["admin"].email)
    token = form_token(client.get("/en/account").get_data(as_text=True))
    client.post("/en/signout", data={"csrf_token": token})
    with app.app_context():
        actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions[-3:] == ["signin.failed", "signin", "signout"]


@pytest.mark.parametrize(
    ("lang", "said"), [("fr", "Ce formulaire n'a pas pu être envoyé"), ("en", "This form could not be sent")]
)
def test_a_form_from_another_site_is_refused_with_a_clear_message(
    app: Flask, people: dict, lang: str, said: str
) -> None:
    elsewhere = app.test_client()  # a token from another session: what a forged cross-site form carries
    token = form_token(elsewhere.get(f"/{lang}/signin").get_data(as_text=True))
    victim = app.test_client()
    victim.get(f"/{lang}/signin")
    answer = victim.post(
        f"/{lang}/signin", data={"email": people["admin"].email, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 400 and said in answer.get_data(as_text=True).replace("&#39;", "'")


def test_the_sign_in_route_is_rate_limited_per_address(app: Flask, people: dict) -> None:
    client = app.test_client()
    answers = [sign_in(client, f"person{n}@example.org", "wrong wrong wrong").status_code for n in range(11)]
    assert answers[:10] == [401] * 10  # ten different e-mails: no e-mail is paused, the address is not yet
    assert answers[10] == 429
    assert "Too many requests from your address" in sign_in(client, people["admin"].email).get_data(
        as_text=True
    )


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(
    proxies: int, tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind the reverse proxy every request comes from its address: with CARREFOUR_TRUSTED_PROXIES the
    client's address is the one the proxy appended (the limits and the audit log see it), so one client's
    failures do not lock out the rest; without it the header is ignored, since any client may send one."""
    from tests.conftest import _sqlite_app

    if proxies:
        monkeypatch.setenv("CARREFOUR_TRUSTED_PROXIES", str(proxies))
    app = _sqlite_app(tmp_path, sqlite_template)
    add_people(app)
    first, second = app.test_client(), app.test_client()
    first.environ_base.update(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second.environ_base.update(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(second, "admin@example.org", "wrong wrong wrong").status_code == 401
    answers = [sign_in(first, f"person{n}@example.org", "wrong wrong wrong").status_code for n in range(10)]
    assert answers[-1] == (401 if proxies else 429)  # without the header, both clients share one count
    assert sign_in(first, "person10@example.org", "wrong wrong wrong").status_code == 429
    later = sign_in(second, "someone@example.org", "wrong wrong wrong")
    assert later.status_code == (401 if proxies else 429)
    with app.app_context():
        failed = db.session.query(AuditEvent).filter(AuditEvent.action == "signin.failed").one()
        assert failed.address == ("198.51.100.7" if proxies else "127.0.0.1")
