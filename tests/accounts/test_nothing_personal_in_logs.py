"""Logs never hold an e-mail, a password, its hash or a link's token, whatever the sign-in pages did."""

from __future__ import annotations

import logging
import re

import pytest
from flask import Flask

from app.core.accounts.users import find_user
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in
from tests.smtp import Inbox


def test_the_sign_in_pages_log_nothing_personal(
    app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    add_people(app)
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    sign_in(client, "admin@example.org", "wrong password typed")
    sign_in(client, "stranger@example.org", "another wrong one")
    token = form_token(client.get("/en/password/forgot").get_data(as_text=True))
    client.post("/en/password/forgot", data={"email": "admin@example.org", "csrf_token": token})
    [message] = smtp_inbox.to("admin@example.org")
    link = re.search(r"http://\S+", Inbox.text(message)).group(0)  # type: ignore[union-attr]
    new = "the new password of the admin"
    page = client.get(link).get_data(as_text=True)
    client.post(link, data={"password": new, "confirm": new, "csrf_token": form_token(page)})
    sign_in(app.test_client(), "admin@example.org", new)
    with app.app_context():
        stored_hash = find_user(db.session, "admin@example.org").password_hash  # type: ignore[union-attr]

    # Carrefour's records and its libraries'; the test's own SMTP server (aiosmtpd's "mail.log") is not ours.
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in ours)
    assert any(r.name.startswith("app.") for r in ours), "Carrefour logged nothing: this would prove nothing"
    secrets = ["admin@example.org", "stranger@example.org", PASSWORD, "wrong password typed", new]
    secrets += [stored_hash, link.rsplit("/", 1)[1]]
    assert [s for s in secrets if s in logged] == []
