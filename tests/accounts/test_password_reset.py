"""A forgotten password: a link by e-mail (a real SMTP server on localhost) that works once, for an hour."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from flask import Flask

from app.core.accounts.users import add_user, set_password
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in
from tests.smtp import Inbox

NEW = "a brand new sentence for a password"


@pytest.fixture
def mailing_app(app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Flask:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    add_people(app)
    return app


def _ask(client, email: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    token = form_token(client.get(f"/{lang}/password/forgot").get_data(as_text=True))
    return client.post(f"/{lang}/password/forgot", data={"email": email, "csrf_token": token})


def _link(inbox: Inbox, email: str) -> str:
    [message] = inbox.to(email)
    found = re.search(r"http://\S+/password/reset/\S+", inbox.text(message))
    assert found, inbox.text(message)
    return found.group(0).removeprefix("http://127.0.0.1:5000").removeprefix("http://localhost")


def _choose(client, link: str, password: str):  # type: ignore[no-untyped-def]
    token = form_token(client.get(link).get_data(as_text=True))
    return client.post(link, data={"password": password, "confirm": password, "csrf_token": token})


def test_a_reset_link_arrives_and_sets_a_new_password_once(mailing_app: Flask, smtp_inbox: Inbox) -> None:
    client = mailing_app.test_client()
    answer = _ask(client, "agency@example.org")
    assert "a link to choose a new password is on its way" in answer.get_data(as_text=True)
    [message] = smtp_inbox.to("agency@example.org")
    assert message["Subject"] == "Réinitialiser votre mot de passe Carrefour"  # the account's language (fr)
    link = _link(smtp_inbox, "agency@example.org")
    assert _choose(client, link, NEW).status_code == 302  # saved, and signed in
    assert client.get("/en/account").status_code == 200
    again = mailing_app.test_client().get(link)
    assert again.status_code == 410 and "déjà servi" in again.get_data(as_text=True)
    assert sign_in(mailing_app.test_client(), "agency@example.org", PASSWORD).status_code == 401
    assert sign_in(mailing_app.test_client(), "agency@example.org", NEW).status_code == 302


def test_an_unknown_email_gets_the_same_page_and_no_mail(mailing_app: Flask, smtp_inbox: Inbox) -> None:
    answer = _ask(mailing_app.test_client(), "stranger@example.org")
    assert "a link to choose a new password is on its way" in answer.get_data(as_text=True)
    assert smtp_inbox.messages == []


def test_a_reset_link_expires_after_an_hour(mailing_app: Flask, smtp_inbox: Inbox) -> None:
    with time_machine.travel("2026-12-02 10:00 -05:00", tick=False) as traveller:
        _ask(mailing_app.test_client(), "admin@example.org")
        link = _link(smtp_inbox, "admin@example.org")
        traveller.shift(timedelta(minutes=61))
        answer = mailing_app.test_client().get(link)
    assert answer.status_code == 410 and "Ce lien a expiré." in answer.get_data(as_text=True)


def test_a_weak_password_is_refused_with_the_reason(mailing_app: Flask, smtp_inbox: Inbox) -> None:
    _ask(mailing_app.test_client(), "admin@example.org")
    link = _link(smtp_inbox, "admin@example.org")
    answer = _choose(mailing_app.test_client(), link, "short")
    assert answer.status_code == 200 and "Utilisez au moins 10 caractères." in answer.get_data(as_text=True)
    forged = mailing_app.test_client().get(link[:-3] + "xyz")
    assert forged.status_code == 410 and "pas valide" in forged.get_data(as_text=True)


def test_without_smtp_the_page_says_email_is_not_configured(app: Flask) -> None:
    add_people(app)
    page = app.test_client().get("/fr/password/forgot").get_data(as_text=True)
    assert "Le courriel n'est pas configuré sur ce serveur" in page


def test_an_english_account_gets_its_reset_mail_and_page_in_english(
    mailing_app: Flask, smtp_inbox: Inbox
) -> None:
    with mailing_app.app_context():
        user = add_user(db.session, "worker@example.org", "caseworker", team_name="East", locale="en")
        set_password(db.session, user, PASSWORD)
        db.session.commit()
    _ask(mailing_app.test_client(), "worker@example.org", lang="fr")  # asked from the French page
    [message] = smtp_inbox.to("worker@example.org")
    assert message["Subject"] == "Reset your Carrefour password"
    assert "This link works once, for one hour." in smtp_inbox.text(message)
    link = _link(smtp_inbox, "worker@example.org")
    assert link.startswith("/en/password/reset/")
    assert "Choose your password" in mailing_app.test_client().get(link).get_data(as_text=True)
