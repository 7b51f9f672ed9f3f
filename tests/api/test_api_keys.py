"""API keys as an administrator and a partner meet them: made on the admin page or by the command, shown once,
kept only as a digest, working in X-API-Key at once, revoked."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from app.core.models import ApiKey
from app.web.extensions import db
from tests.accounts.people import add_people, form_token, sign_in
from tests.helpers import invoke


def test_an_admin_makes_a_key_sees_it_once_and_revokes_it(app: Flask) -> None:
    app.config["CARREFOUR_API_RATE_LIMIT"] = "2/minute"
    people = add_people(app)
    admin = app.test_client()
    assert sign_in(admin, people["admin"].email).status_code == 302
    page = admin.get("/en/admin/api-keys")
    assert page.status_code == 200 and "No key yet." in page.get_data(as_text=True)
    refused = admin.post(
        "/en/admin/api-keys",
        data={"csrf_token": form_token(page.get_data(as_text=True)), "name": "211", "rate_limit": "lots"},
    )
    assert refused.status_code == 400 and "20000/minute" in refused.get_data(as_text=True)
    made = admin.post(
        "/en/admin/api-keys",
        data={
            "csrf_token": form_token(page.get_data(as_text=True)),
            "name": "Partner 211",
            "rate_limit": "5/minute",
        },
    )
    html = made.get_data(as_text=True)
    secret = re.search(r"<code class=\"password-link\">(crf_[^<]+)</code>", html).group(1)
    assert "Partner 211" in html
    listed = admin.get("/en/admin/api-keys").get_data(as_text=True)
    assert secret not in listed and secret[:10] in listed  # the list shows the start of the key only
    with app.app_context():
        stored = db.session.scalars(select(ApiKey)).one()
        assert secret not in (stored.digest, stored.prefix, stored.name)

    partner = app.test_client()
    partner.environ_base["REMOTE_ADDR"] = "10.1.1.1"
    statuses = [partner.get("/api/hsds/", headers={"X-API-Key": secret}).status_code for _ in range(5)]
    assert statuses == [200] * 5  # beyond the address's 2/minute, within the key's 5
    assert partner.get("/api/hsds/", headers={"X-API-Key": secret}).status_code == 429

    revoke = admin.post(
        f"/en/admin/api-keys/{stored.id}/revoke",
        data={"csrf_token": form_token(listed)},
        follow_redirects=True,
    )
    assert "revoked" in revoke.get_data(as_text=True)
    fresh = app.test_client()
    fresh.environ_base["REMOTE_ADDR"] = "10.1.1.2"
    assert [fresh.get("/api/hsds/", headers={"X-API-Key": secret}).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]


def test_the_command_makes_lists_and_revokes_keys(app: Flask) -> None:
    made = invoke(app, "api-keys", "create", "Appli Montréal", "--limit", "100/second")
    assert made.exit_code == 0
    secret = made.stdout.strip().splitlines()[0]
    assert secret.startswith("crf_")
    listed = invoke(app, "api-keys", "list")
    assert "Appli Montréal" in listed.stdout and "100/second" in listed.stdout and secret not in listed.stdout
    assert invoke(app, "api-keys", "create", "X", "--limit", "often").exit_code == 2
    key_id = listed.stdout.split("\t")[0]
    assert invoke(app, "api-keys", "revoke", key_id).exit_code == 0
    assert invoke(app, "api-keys", "revoke", key_id).exit_code == 1
