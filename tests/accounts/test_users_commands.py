"""`carrefour users add|list|disable|link`: invitations by e-mail (a real SMTP server on localhost) or printed
when e-mail is not there, the errors naming their option, sessions ended by `disable`, the audit log."""

from __future__ import annotations

import json
import re
import socket

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.mail import SmtpServer
from app.core.models import AuditEvent, Organization
from app.core.models.accounts import UserAccount
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, PASSWORD, add_people, form_token, sign_in
from tests.helpers import invoke
from tests.smtp import Inbox

NEW = "a fresh sentence chosen for a password"
LINK = re.compile(r"http://\S+/password/(?:invite|reset)/\S+")


@pytest.fixture
def mailing_app(app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Flask:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    return app


def _path(link: str) -> str:
    """The link as the test client opens it (the site's address is the default, 127.0.0.1:5000)."""
    assert link.startswith("http://127.0.0.1:5000/"), link
    return link.removeprefix("http://127.0.0.1:5000")


def _choose_password(client: FlaskClient, link: str, password: str = NEW) -> int:
    page = client.get(_path(link))
    assert page.status_code == 200, page.status_code
    token = form_token(page.get_data(as_text=True))
    answer = client.post(_path(link), data={"password": password, "confirm": password, "csrf_token": token})
    return answer.status_code


def _printed_link(output: str) -> str:
    found = LINK.findall(output)
    assert len(found) == 1, output
    return found[0]


def _events(app: Flask) -> list[tuple[str, int | None, str | None]]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(e.action, e.actor_id, e.address) for e in rows]


def test_an_invitation_arrives_by_mail_and_its_link_sets_the_password_once(
    mailing_app: Flask, smtp_inbox: Inbox
) -> None:
    result = invoke(mailing_app, "users", "add", "Nadia@Example.org", "--role", "admin", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Account created: nadia@example.org" in result.output
    assert "sent by e-mail" in result.output and not LINK.search(result.output)  # sent, so not printed
    [message] = smtp_inbox.to("nadia@example.org")
    assert message["Subject"] == "Your Carrefour account"  # the language given with --lang
    link = _printed_link(smtp_inbox.text(message))
    assert "/en/password/invite/" in link

    client = mailing_app.test_client()
    assert _choose_password(client, link) == 302  # saved, and signed in at once
    assert client.get("/en/account").status_code == 200
    assert sign_in(mailing_app.test_client(), "nadia@example.org", NEW).status_code == 302
    again = mailing_app.test_client().get(_path(link))
    assert again.status_code == 410  # the link works once

    actions = [action for action, actor, _ in _events(mailing_app)]
    assert actions[:3] == ["user.create", "user.grant", "user.invite_link"]
    # The command line has no actor and no address.
    assert all(actor is None and address is None for _, actor, address in _events(mailing_app)[:3])


def test_without_smtp_the_command_prints_a_link_that_works(app: Flask) -> None:
    result = invoke(app, "users", "add", "first@example.org", "--role", "admin")
    assert result.exit_code == 0, result.output
    assert "E-mail is not configured" in result.output
    link = _printed_link(result.output)
    assert "/fr/password/invite/" in link  # the directory's language by default
    client = app.test_client()
    assert _choose_password(client, link) == 302
    assert client.get("/en/admin/users").status_code == 200  # the first admin is in


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nobody listens there once the probe is closed


def test_when_the_smtp_server_fails_the_link_is_printed_and_says_why(app: Flask) -> None:
    app.config["CARREFOUR_SMTP"] = SmtpServer("127.0.0.1", _closed_port(), security="none", timeout=2)
    result = invoke(app, "users", "add", "x@example.org", "--role", "admin")
    assert result.exit_code == 0, result.output
    assert "could not be sent" in result.output
    assert _choose_password(app.test_client(), _printed_link(result.output)) == 302


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--role", "caseworker"], "--team"),
        (["--role", "supervisor"], "--team"),
        (["--role", "agency"], "--organization"),
        (["--role", "agency", "--organization", "no-such-organization"], "--organization"),
        (["--role", "admin", "--team", "Équipe Nord"], "--team"),
        (["--role", "admin", "--organization", ORGANIZATION_ID], "--organization"),
        (["--role", "caseworker", "--team", "Nord", "--organization", ORGANIZATION_ID], "--organization"),
        (["--role", "agency", "--organization", ORGANIZATION_ID, "--team", "Nord"], "--team"),
        (["--role", "caseworker", "--team", "Nord", "--agency-admin"], "--agency-admin"),
    ],
)
def test_a_wrong_scope_is_refused_in_one_line_naming_the_option(
    app: Flask, arguments: list[str], named: str
) -> None:
    with app.app_context():
        db.session.add(Organization(id=ORGANIZATION_ID, data_source="test", source_id="a1", name={"fr": "A"}))
        db.session.commit()
    result = invoke(app, "users", "add", "someone@example.org", *arguments)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and named in result.output, result.output
    with app.app_context():
        assert db.session.scalars(select(UserAccount)).all() == []  # nothing half made
    assert _events(app) == []


def test_a_bad_email_and_a_missing_role_are_refused(app: Flask) -> None:
    bad = invoke(app, "users", "add", "not an address", "--role", "admin")
    assert bad.exit_code == 2 and "EMAIL" in bad.output and bad.output.count("\n") == 1
    missing = invoke(app, "users", "add", "a@example.org")
    assert missing.exit_code == 2 and "--role" in missing.output


def test_a_password_is_never_taken_on_the_command_line(app: Flask) -> None:
    from app.commands.users import users_group

    for command in users_group.commands.values():
        assert not [o for p in command.params for o in p.opts if "pass" in o.lower()], command.name
    refused = invoke(app, "users", "add", "a@example.org", "--role", "admin", "--password", "x")
    assert refused.exit_code == 2


def test_a_role_added_to_someone_with_a_password_sends_no_link(app: Flask) -> None:
    add_people(app)
    result = invoke(app, "users", "add", "caseworker@example.org", "--role", "supervisor", "--team", "Nord")
    assert result.exit_code == 0, result.output
    assert "Role added" in result.output and "already has a password" in result.output
    assert not LINK.search(result.output)
    listed = json.loads(invoke(app, "users", "list", "--json").output)
    [person] = [p for p in listed if p["email"] == "caseworker@example.org"]
    assert {(r["role"], r["team"]) for r in person["roles"]} == {
        ("caseworker", "Équipe Centre"),
        ("supervisor", "Nord"),
    }


def test_the_list_as_json(app: Flask) -> None:
    add_people(app)
    invoke(app, "users", "add", "new@example.org", "--role", "agency", "--organization", ORGANIZATION_ID)
    invoke(app, "users", "add", "new@example.org", "--role", "caseworker", "--team", "Équipe Centre")
    invoke(app, "users", "disable", "supervisor@example.org")
    assert sign_in(app.test_client(), "admin@example.org").status_code == 302
    result = invoke(app, "users", "list", "--json")
    assert result.exit_code == 0
    listed = {p["email"]: p for p in json.loads(result.output)}
    assert sorted(listed) == [
        "admin@example.org",
        "agency@example.org",
        "caseworker@example.org",
        "new@example.org",
        "supervisor@example.org",
    ]
    assert listed["new@example.org"] == {
        "email": "new@example.org",
        "name": "",
        "active": True,
        "password_set": False,
        "locale": "fr",
        "roles": [
            {"role": "agency", "team": None, "organization": ORGANIZATION_ID, "agency_admin": False},
            {"role": "caseworker", "team": "Équipe Centre", "organization": None, "agency_admin": False},
        ],
        "last_sign_in": None,
    }
    assert listed["supervisor@example.org"]["active"] is False
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", listed["admin@example.org"]["last_sign_in"]
    )
    assert listed["agency@example.org"]["last_sign_in"] is None
    text = invoke(app, "users", "list").output
    assert (
        "new@example.org" in text and "agency (organization: " in text and "caseworker (team: Équipe" in text
    )


def test_disable_ends_an_open_session(app: Flask) -> None:
    add_people(app)
    client = app.test_client()
    assert sign_in(client, "agency@example.org").status_code == 302
    assert client.get("/en/account").status_code == 200
    result = invoke(app, "users", "disable", "Agency@example.org")
    assert result.exit_code == 0 and "Account disabled" in result.output
    answer = client.get("/en/account")
    assert answer.status_code == 302 and "/en/signin" in answer.headers["Location"]
    assert sign_in(app.test_client(), "agency@example.org", PASSWORD).status_code == 401
    assert ("user.disable", None, None) in _events(app)
    # Once disabled, no link for it and no new role.
    assert invoke(app, "users", "link", "agency@example.org").exit_code == 1
    assert invoke(app, "users", "add", "agency@example.org", "--role", "admin").exit_code == 1


def test_unknown_emails_are_said_clearly(app: Flask) -> None:
    for command in ("disable", "link"):
        result = invoke(app, "users", command, "nobody@example.org")
        assert result.exit_code == 1 and "No account has this e-mail." in result.output


def test_link_gives_a_new_invitation_or_a_reset_link(
    app: Flask, mailing_app: Flask, smtp_inbox: Inbox
) -> None:
    add_people(app)
    mailing_app.config["CARREFOUR_SMTP"] = None  # printed first: a server without e-mail
    invitation = invoke(app, "users", "link", "admin@example.org")
    assert invitation.exit_code == 0 and "/password/invite/" in _printed_link(invitation.output)
    reset = invoke(app, "users", "link", "admin@example.org", "--reset")
    reset_link = _printed_link(reset.output)
    assert "/password/reset/" in reset_link
    client = app.test_client()
    assert _choose_password(client, reset_link) == 302
    assert client.get(_path(reset_link)).status_code == 410  # once only
    assert sign_in(app.test_client(), "admin@example.org", NEW).status_code == 302

    mailing_app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    sent = invoke(mailing_app, "users", "link", "agency@example.org", "--reset")
    assert sent.exit_code == 0 and not LINK.search(sent.output)
    [message] = smtp_inbox.to("agency@example.org")
    assert "/fr/password/reset/" in _printed_link(smtp_inbox.text(message))
    actions = [action for action, _, _ in _events(app)]
    assert actions.count("user.invite_link") == 1 and actions.count("user.reset_link") == 2
