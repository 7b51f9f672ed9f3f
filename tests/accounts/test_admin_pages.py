"""The admin pages: the accounts (add with an invitation, disable, a new link) and the audit log, for admins
only, with CSRF on as in production."""

from __future__ import annotations

import logging
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.accounts import audit
from app.core.accounts.users import find_user
from app.core.models.accounts import UserAccount
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, PASSWORD, add_people, form_token, sign_in
from tests.smtp import Inbox

NEW = "a password the invited person chose"
LINK = re.compile(r"http://[^\s<\"]+/password/(?:invite|reset)/[^\s<\"]+")


@pytest.fixture
def people(app: Flask) -> dict:
    assert app.config.get("WTF_CSRF_ENABLED", True) is not False  # the tokens are under test too
    app.config["RATELIMIT_ENABLED"] = False
    return add_people(app)


@pytest.fixture
def admin(app: Flask, people: dict) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, "admin@example.org").status_code == 302
    return client


@pytest.fixture
def mailing(app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Inbox:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    return smtp_inbox


def _token(client: FlaskClient, lang: str = "en") -> str:
    return form_token(client.get(f"/{lang}/admin/users").get_data(as_text=True))


def _add(client: FlaskClient, **fields: str):  # type: ignore[no-untyped-def]
    """The add form sent from the English page (`lang` is the person's language, a field of the form)."""
    data = {"role": "caseworker", "team": "Équipe Nord", "name": "", "lang": "en", **fields}
    data["csrf_token"] = _token(client)
    return client.post("/en/admin/users", data=data)


def _user_id(app: Flask, email: str) -> int:
    with app.app_context():
        user = find_user(db.session, email)
        assert user is not None
        return user.id


def _path(link: str) -> str:
    return re.sub(r"^http://[^/]+", "", link.replace("&amp;", "&"))


def _choose_password(client: FlaskClient, link: str) -> int:
    page = client.get(_path(link))
    assert page.status_code == 200
    data = {"password": NEW, "confirm": NEW, "csrf_token": form_token(page.get_data(as_text=True))}
    return client.post(_path(link), data=data).status_code


# --- who may open them -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/admin/users", "/fr/admin/audit"])
def test_anonymous_people_are_sent_to_sign_in(app: Flask, url: str) -> None:
    answer = app.test_client().get(url)
    assert answer.status_code == 302 and "/signin" in answer.headers["Location"]


@pytest.mark.parametrize("role", ["agency", "caseworker", "supervisor"])
def test_people_who_are_not_admins_are_refused(app: Flask, people: dict, role: str) -> None:
    client = app.test_client()
    assert sign_in(client, people[role].email).status_code == 302
    assert client.get("/en/admin/users").status_code == 403
    assert client.get("/en/admin/audit").status_code == 403
    # With a good CSRF token (from a page they may open), the actions are refused all the same.
    token = form_token(client.get("/en/account").get_data(as_text=True))
    target = _user_id(app, "admin@example.org")
    for url in ("/en/admin/users", f"/en/admin/users/{target}/disable", f"/en/admin/users/{target}/link"):
        data = {"csrf_token": token, "email": "intruder@example.org", "role": "admin", "lang": "en"}
        assert client.post(url, data=data).status_code == 403, url
    with app.app_context():
        assert find_user(db.session, "intruder@example.org") is None
        assert find_user(db.session, "admin@example.org").active  # type: ignore[union-attr]


# --- the list and adding people ----------------------------------------------------------------------------


def test_the_list_shows_people_their_roles_and_state(app: Flask, admin: FlaskClient) -> None:
    page = admin.get("/en/admin/users").get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Accounts</h1>" in page
    for email in ("admin@example.org", "agency@example.org", "caseworker@example.org"):
        assert email in page
    assert "Équipe Centre" in page and ORGANIZATION_ID in page and "Directory administrator" in page
    assert '<label for="email">' in page and '<label for="organization">' in page
    french = admin.get("/fr/admin/users").get_data(as_text=True)
    assert '<html lang="fr">' in french and "<h1>Comptes</h1>" in french and "Intervenant" in french


def test_an_invitation_sent_from_the_page_arrives_and_works_once(
    app: Flask, admin: FlaskClient, mailing: Inbox
) -> None:
    answer = _add(admin, email="Nouveau@Example.org", name="Nouveau", lang="fr")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "A link to choose a password was sent to nouveau@example.org." in page
    assert not LINK.search(page)  # sent, so not shown
    [message] = mailing.to("nouveau@example.org")
    assert message["Subject"] == "Votre compte Carrefour"  # the language chosen for the person
    [link] = LINK.findall(mailing.text(message))
    client = app.test_client()
    assert _choose_password(client, link) == 302
    assert client.get("/en/account").status_code == 200  # signed in
    assert app.test_client().get(_path(link)).status_code == 410  # once
    assert sign_in(app.test_client(), "nouveau@example.org", NEW).status_code == 302


def test_without_email_the_page_shows_the_link(app: Flask, admin: FlaskClient) -> None:
    answer = _add(admin, email="agent@example.org", role="agency", team="", organization=ORGANIZATION_ID)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "E-mail is not configured on this server." in page
    [link] = LINK.findall(page)
    assert "/en/password/invite/" in link
    assert _choose_password(app.test_client(), link) == 302
    with app.app_context():
        user = find_user(db.session, "agent@example.org")
        assert user is not None and [m.organization_id for m in user.memberships] == [ORGANIZATION_ID]


def test_the_add_form_without_its_csrf_token_is_refused(app: Flask, admin: FlaskClient) -> None:
    data = {"email": "nocsrf@example.org", "role": "admin", "lang": "en"}
    assert admin.post("/en/admin/users", data=data).status_code == 400
    data["csrf_token"] = "forged"
    assert admin.post("/en/admin/users", data=data).status_code == 400
    with app.app_context():
        assert find_user(db.session, "nocsrf@example.org") is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"role": "agency", "team": ""}, "organization", "An agency account needs an organization id."),
        ({"role": "agency", "team": "", "organization": "nope"}, "organization", "No organization"),
        ({"role": "supervisor", "team": ""}, "team", "A supervisor or a caseworker needs a team."),
        ({"role": "admin"}, "team", "An administrator has no team or organization"),
        ({"agency_admin": "y"}, "agency_admin", "Only an agency account can invite colleagues."),
        ({"email": "not an address"}, "email", "Enter a valid e-mail address."),
    ],
)
def test_a_wrong_form_says_which_field_and_adds_nobody(
    app: Flask, admin: FlaskClient, fields: dict[str, str], field: str, message: str
) -> None:
    answer = _add(admin, **{"email": "wrong@example.org", **fields})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert f'<p class="field-error" id="{field}-error">' in page and message in page
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field}"', page)
    with app.app_context():
        assert db.session.scalars(select(UserAccount).where(UserAccount.email.like("wrong%"))).all() == []


def test_a_role_for_someone_who_has_a_password_sends_no_link(app: Flask, admin: FlaskClient) -> None:
    page = _add(admin, email="agency@example.org", role="caseworker").get_data(as_text=True)
    assert "This person already has a password" in page and not LINK.search(page)


# --- disabling and new links -------------------------------------------------------------------------------


def test_disabling_ends_the_persons_open_session(app: Flask, admin: FlaskClient) -> None:
    theirs = app.test_client()
    assert sign_in(theirs, "caseworker@example.org").status_code == 302
    assert theirs.get("/en/account").status_code == 200
    target = _user_id(app, "caseworker@example.org")
    answer = admin.post(f"/en/admin/users/{target}/disable", data={"csrf_token": _token(admin)})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/en/admin/users")
    assert "its open sessions have ended" in admin.get("/en/admin/users").get_data(as_text=True)
    next_request = theirs.get("/en/account")
    assert next_request.status_code == 302 and "/en/signin" in next_request.headers["Location"]
    assert sign_in(app.test_client(), "caseworker@example.org", PASSWORD).status_code == 401


def test_disabling_needs_the_csrf_token(app: Flask, admin: FlaskClient) -> None:
    target = _user_id(app, "agency@example.org")
    assert admin.post(f"/en/admin/users/{target}/disable").status_code == 400
    with app.app_context():
        assert find_user(db.session, "agency@example.org").active  # type: ignore[union-attr]


def test_an_admin_cannot_disable_themselves_from_the_page(app: Flask, admin: FlaskClient) -> None:
    page = admin.get("/en/admin/users").get_data(as_text=True)
    own = _user_id(app, "admin@example.org")
    assert f"/en/admin/users/{own}/disable" not in page
    admin.post(f"/en/admin/users/{own}/disable", data={"csrf_token": form_token(page)})
    assert admin.get("/en/admin/users").status_code == 200  # still signed in, still active


def test_a_new_link_is_a_reset_for_someone_with_a_password(app: Flask, admin: FlaskClient) -> None:
    target = _user_id(app, "supervisor@example.org")
    answer = admin.post(f"/en/admin/users/{target}/link", data={"csrf_token": _token(admin)})
    [link] = LINK.findall(answer.get_data(as_text=True))
    assert "/fr/password/reset/" in link  # in the person's language
    assert _choose_password(app.test_client(), link) == 302
    assert sign_in(app.test_client(), "supervisor@example.org", NEW).status_code == 302
    # Opened by GET (the language switch of that page), the address leads back to the list.
    assert admin.get(f"/fr/admin/users/{target}/link").headers["Location"].endswith("/fr/admin/users")


def test_a_new_invitation_by_mail_for_someone_invited(app: Flask, admin: FlaskClient, mailing: Inbox) -> None:
    _add(admin, email="late@example.org")
    first = LINK.findall(mailing.text(mailing.to("late@example.org")[0]))[0]
    target = _user_id(app, "late@example.org")
    page = admin.post(f"/en/admin/users/{target}/link", data={"csrf_token": _token(admin)})
    assert "was sent to late@example.org" in page.get_data(as_text=True)
    second = LINK.findall(mailing.text(mailing.to("late@example.org")[1]))[0]
    assert "/password/invite/" in second  # (the same as the first within a second: same state, same time)
    assert _path(first).startswith("/en/password/invite/")
    assert _choose_password(app.test_client(), second) == 302


# --- the audit log -----------------------------------------------------------------------------------------


def test_the_actions_appear_in_the_audit_log(app: Flask, admin: FlaskClient) -> None:
    _add(admin, email="logged@example.org")
    target = _user_id(app, "logged@example.org")
    admin.post(f"/en/admin/users/{target}/disable", data={"csrf_token": _token(admin)})
    page = admin.get("/en/admin/audit").get_data(as_text=True)
    assert "<h1>Audit log</h1>" in page
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", page
    )
    mine = [(who, action, what, where) for _, who, action, what, where in rows if what == f"user #{target}"]
    # Newest first; the admin who did it, from the test client's address.
    assert mine == [
        ("admin@example.org", "user.disable", f"user #{target}", "127.0.0.1"),
        ("admin@example.org", "user.invite_link", f"user #{target}", "127.0.0.1"),
        ("admin@example.org", "user.grant", f"user #{target}", "127.0.0.1"),
        ("admin@example.org", "user.create", f"user #{target}", "127.0.0.1"),
    ]
    # The command line is named as such.
    from tests.helpers import invoke

    invoke(app, "users", "disable", "agency@example.org")
    assert "the command line" in admin.get("/en/admin/audit?action=user.disable").get_data(as_text=True)
    assert "la ligne de commande" in admin.get("/fr/admin/audit?action=user.disable").get_data(as_text=True)


def test_the_log_filters_by_action_and_by_person(app: Flask, admin: FlaskClient) -> None:
    _add(admin, email="filtered@example.org")
    target = _user_id(app, "filtered@example.org")
    by_action = admin.get("/en/admin/audit?action=user.grant").get_data(as_text=True)
    assert (
        "user.grant" in by_action and "user.create</td>" not in by_action and "signin</td>" not in by_action
    )
    by_person = admin.get(f"/en/admin/audit?user={target}").get_data(as_text=True)
    assert f"user #{target}" in by_person
    assert f"user #{_user_id(app, 'admin@example.org')}<" not in by_person  # the admin's own sign-in
    assert re.search(rf'<option value="{target}" selected>filtered@example.org</option>', by_person)
    both = admin.get(f"/en/admin/audit?user={target}&action=user.create").get_data(as_text=True)
    assert '<h2 id="events">1 event</h2>' in both


def test_the_log_is_paged_by_fifty_newest_first(app: Flask, admin: FlaskClient) -> None:
    with app.app_context():
        for number in range(120):
            audit.record(db.session, None, "test.event", "thing", number)
        db.session.commit()
    first = admin.get("/en/admin/audit?action=test.event").get_data(as_text=True)
    assert "120 events" in first and "Page 1 of 3" in first
    assert first.count("<td>test.event</td>") == 50 and "thing #119<" in first and "thing #69<" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = admin.get("/en/admin/audit?action=test.event&page=3").get_data(as_text=True)
    assert last.count("<td>test.event</td>") == 20 and "thing #0<" in last and 'rel="next"' not in last
    assert "action=test.event" in re.search(r'rel="prev" href="([^"]+)"', last).group(1)  # type: ignore[union-attr]


def test_the_pages_log_nothing_personal(
    app: Flask, admin: FlaskClient, mailing: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _add(admin, email="private@example.org")
    [link] = LINK.findall(mailing.text(mailing.to("private@example.org")[0]))
    target = _user_id(app, "private@example.org")
    admin.post(f"/en/admin/users/{target}/link", data={"csrf_token": _token(admin)})
    admin.post(f"/en/admin/users/{target}/disable", data={"csrf_token": _token(admin)})
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in ours)
    assert "account added from the admin page" in logged
    assert "private@example.org" not in logged and link.rsplit("/", 1)[1] not in logged
