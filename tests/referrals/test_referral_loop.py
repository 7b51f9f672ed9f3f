"""The loop as its three people live it, through the pages and the e-mails of a real SMTP server: the
caseworker refers with consent; the agency, without an account, accepts and records the outcome from the
e-mailed links (replays, withdrawn consent refused); `carrefour notify` reminds once and checks in with the
client, never with "do not contact"."""

from __future__ import annotations

import re
import socket
from dataclasses import replace
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.hours import LOCAL
from app.core.models import Service
from app.core.models.accounts import Team
from app.core.models.casework import Client, ShortlistItem
from app.core.models.referrals import Referral
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import add_people, form_token, sign_in
from tests.helpers import invoke
from tests.matching.builder import Spec, build
from tests.smtp import Inbox

LINK = re.compile(r"http://\S+/referral/(accept|decline|outcome|check-in)/\S+")


@pytest.fixture
def setting(
    app: Flask, tmp_path: Path, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> dict[str, object]:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    folder = build(tmp_path / "pkg", [Spec("pantry")])
    assert invoke(app, "import", str(folder), "--lang", "fr", "--source", "t").exit_code == 0
    with app.app_context():
        service = db.session.scalars(select(Service)).one()
        service.email = "accueil@pantry.example.org"
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        ids = {}
        for name, preference, contact in (("Léa M.", "email", "lea@example.org"), ("Omar S.", "none", None)):
            client = Client(
                team_id=team.id,
                display_name=name,
                preferred_language="fr",
                languages=["fr"],
                contact_preference=preference,
                contact=contact,
            )
            db.session.add(client)
            db.session.flush()
            db.session.add(ShortlistItem(client_id=client.id, service_id=service.id, need="food-bank"))
            ids[name] = client.id
        db.session.commit()
        return {"service": service.id, "inbox": smtp_inbox, **ids}


def worker(app: Flask) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, "caseworker@example.org").status_code == 302
    return browser


def refer(app: Flask, setting: dict[str, object], name: str = "Léa M.", **data: object) -> int:
    browser = worker(app)
    url = f"/en/casework/clients/{setting[name]}/refer/{setting['service']}"
    page = browser.get(url).get_data(as_text=True)
    assert "J'accepte que mon intervenant·e transmette" in unescape(page)  # in the client's language
    fields = {
        "csrf_token": form_token(page),
        "facts": ["name", "needs"],
        "method": "verbal",
        "need": "food-bank",
    }
    answer = browser.post(url, data={**fields, **data})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return int(answer.headers["Location"].rsplit("/", 1)[1])


def links_in(message: object) -> dict[str, str]:
    """The links of an e-mail, as paths of this site (the test client's host is not the e-mail's)."""
    text = Inbox.text(message)  # type: ignore[arg-type]
    return {m.group(1): re.sub(r"^http://[^/]+", "", m.group(0)) for m in LINK.finditer(text)}


def status(app: Flask, referral_id: int) -> tuple[str, str | None]:
    with app.app_context():
        found = db.session.get(Referral, referral_id)
        return found.status, found.outcome


def answer(agency: FlaskClient, url: str, **data: str) -> tuple[int, str]:
    page = agency.get(url)
    if page.status_code != 200:
        return page.status_code, page.get_data(as_text=True)
    result = agency.post(url, data={"csrf_token": form_token(page.get_data(as_text=True)), **data})
    return result.status_code, result.get_data(as_text=True)


def test_refer_accept_complete_through_the_emailed_links(app: Flask, setting: dict[str, object]) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    referral_id = refer(app, setting)
    [message] = inbox.to("accueil@pantry.example.org")
    body = Inbox.text(message)
    assert message["Subject"].startswith("Une référence")  # the agency's language
    assert "Léa M." in body and "Banque alimentaire" in body and "lea@example.org" not in body  # consent
    found = links_in(message)
    agency = app.test_client()  # no account, no sign-in
    page = agency.get(found["accept"])
    assert page.status_code == 200 and status(app, referral_id) == (
        "requested",
        None,
    )  # a GET changes nothing
    code, _text = answer(agency, found["accept"])
    assert code == 200 and status(app, referral_id) == ("accepted", None)
    code, _text = answer(agency, found["accept"])
    assert code == 410  # replayed
    code, _text = answer(agency, found["outcome"], status="completed", outcome="got-help")
    assert code == 200 and status(app, referral_id) == ("completed", "got-help")
    mine = worker(app).get(f"/en/casework/referrals/{referral_id}").get_data(as_text=True)
    assert "Completed" in mine and "Got help" in mine and "the agency" in mine


def test_withdrawn_consent_stops_the_links_at_once(app: Flask, setting: dict[str, object]) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    referral_id = refer(app, setting)
    found = links_in(inbox.to("accueil@pantry.example.org")[0])
    browser = worker(app)
    page = browser.get(f"/en/casework/referrals/{referral_id}").get_data(as_text=True)
    browser.post(f"/en/casework/referrals/{referral_id}/withdraw", data={"csrf_token": form_token(page)})
    code, text = answer(app.test_client(), found["decline"], outcome="no-capacity")
    assert code == 410 and "a retiré son consentement" in text  # the agency's language
    assert status(app, referral_id) == ("requested", None)


def test_notify_reminds_once_then_checks_in_with_the_client(app: Flask, setting: dict[str, object]) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    referral_id = refer(app, setting)
    quiet = refer(app, setting, name="Omar S.")  # "do not contact": no check-in, ever
    with app.app_context():
        respond_by = db.session.get(Referral, referral_id).respond_by.replace(tzinfo=LOCAL)  # Montréal time
    with time_machine.travel(respond_by + timedelta(hours=1), tick=False):
        first = invoke(app, "notify")
        again = invoke(app, "notify")
    assert (first.exit_code == 0 and "Envoyés : 2" in first.output) or "Sent: 2" in first.output
    assert "Sent: 0" in again.output or "Envoyés : 0" in again.output  # never twice
    reminders = [m for m in inbox.to("accueil@pantry.example.org") if "Rappel" in m["Subject"]]
    assert len(reminders) == 2  # one per referral
    with time_machine.travel(datetime.now() + timedelta(days=8), tick=False):  # a week on, no answer yet
        flagged = invoke(app, "notify")
        [check_in] = inbox.to("lea@example.org")
        assert check_in["Subject"].startswith("Avez-vous reçu de l'aide")
        assert inbox.to("omar") == []
        code, _text = answer(app.test_client(), links_in(check_in)["check-in"], answer="not-yet")
        assert code == 200
    assert "after the reminders: 2" in flagged.output or "après les rappels : 2" in flagged.output
    with app.app_context():
        events = db.session.get(Referral, referral_id).events
        assert events[-1].detail == {"check_in": "not-yet"} and events[-1].actor_kind == "client-link"
        assert db.session.get(Referral, quiet).status == "requested"


def test_the_referral_as_a_fhir_task_for_its_team_only(app: Flask, setting: dict[str, object]) -> None:
    referral_id = refer(app, setting)
    anonymous = app.test_client().get(f"/api/v1/referrals/{referral_id}")
    assert anonymous.status_code == 401 and anonymous.is_json
    task = worker(app).get(f"/api/v1/referrals/{referral_id}")
    assert task.status_code == 200 and task.mimetype == "application/fhir+json"
    body = task.get_json()
    assert (body["resourceType"], body["status"], body["intent"]) == ("Task", "requested", "order")
    assert body["focus"]["reference"] == f"HealthcareService/{setting['service']}"
    assert (
        body["owner"]["reference"].startswith("Organization/")
        and body["requester"]["display"] == "Équipe Centre"
    )
    assert "for" not in body and "Léa" not in task.get_data(as_text=True)  # nothing personal
    agency = app.test_client()
    assert sign_in(agency, "agency@example.org").status_code == 302
    assert agency.get(f"/api/v1/referrals/{referral_id}").status_code == 403
    with app.app_context():
        from app.core.accounts.users import add_user, set_password

        other = add_user(db.session, "north@example.org", "caseworker", team_name="Équipe Nord")
        set_password(db.session, other, "a long sentence of a password")
        db.session.commit()
    north = app.test_client()
    assert sign_in(north, "north@example.org").status_code == 302
    missing = north.get(f"/api/v1/referrals/{referral_id}")
    assert missing.status_code == 404 and missing.is_json


def test_at_the_end_of_retention_the_referral_stays_without_the_client(
    app: Flask, setting: dict[str, object]
) -> None:
    referral_id = refer(app, setting, note="Prefers mornings")
    with app.app_context():
        client = db.session.get(Client, setting["Léa M."])
        client.closed_at = datetime(2020, 1, 1)  # closed long ago
        db.session.commit()
    result = invoke(app, "retention", "--apply")
    assert result.exit_code == 0 and "1 referrals kept without the client" in result.output
    with app.app_context():
        kept = db.session.get(Referral, referral_id)
        assert kept is not None and kept.client_id is None and kept.note is None
        assert db.session.get(Client, setting["Léa M."]) is None
    page = worker(app).get(f"/en/casework/referrals/{referral_id}")
    assert page.status_code == 200 and "a person whose file was deleted" in page.get_data(as_text=True)


def test_the_supervisor_sees_the_teams_outcomes_and_nobody_in_them(
    app: Flask, setting: dict[str, object]
) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    refer(app, setting)
    refer(app, setting, name="Omar S.")
    found = links_in(inbox.to("accueil@pantry.example.org")[0])
    assert answer(app.test_client(), found["outcome"], status="completed", outcome="got-help")[0] == 200
    supervisor = app.test_client()
    assert sign_in(supervisor, "supervisor@example.org").status_code == 302
    page = supervisor.get("/en/casework/outcomes")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in text
    assert "2 referrals made in the period; 1 answered by the agency within the target. (50 %)" in text
    assert re.search(r"<th scope=\"row\">Completed</th><td>1</td>", text)
    assert re.search(r"<th scope=\"row\">Requested</th><td>1</td>", text)
    assert "Léa" not in text and "Omar" not in text
    sheet = supervisor.get("/en/casework/outcomes.csv")
    assert sheet.headers["Content-Type"].startswith("text/csv")
    rows = sheet.get_data(as_text=True).splitlines()
    assert "status,completed,1,," in rows and "outcome,got-help,1,," in rows and "total,referrals,2,," in rows
    assert "Léa" not in sheet.get_data(as_text=True)
    assert worker(app).get("/en/casework/outcomes").status_code == 403  # a caseworker: not theirs
    assert supervisor.get("/en/casework/outcomes?from=yesterday").status_code == 400


def test_a_clients_data_on_request_as_a_page_and_json(app: Flask, setting: dict[str, object]) -> None:
    refer(app, setting, note="Prefers mornings")
    browser = worker(app)
    client_id = setting["Léa M."]
    page = browser.get(f"/en/casework/clients/{client_id}/export")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Léa M." in text and "lea@example.org" in text and "Prefers mornings" in text and "verbal" in text
    data = browser.get(f"/en/casework/clients/{client_id}/export.json").get_json(force=True)
    assert data["client"]["display_name"] == "Léa M." and data["client"]["contact"] == "lea@example.org"
    [referral] = data["referrals"]
    assert referral["consent"]["facts"] == ["name", "needs"] and referral["note"] == "Prefers mornings"
    assert referral["events"][0]["status"] == "requested"
    with app.app_context():
        from app.core.models.accounts import AuditEvent

        exports = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "client.export")).all()
        assert [e.detail["as"] for e in exports] == ["page", "json"]
    north = app.test_client()
    with app.app_context():
        from app.core.accounts.users import add_user, set_password

        set_password(
            db.session,
            add_user(db.session, "n2@example.org", "caseworker", team_name="Nord"),
            "a long sentence of a password",
        )
        db.session.commit()
    assert sign_in(north, "n2@example.org").status_code == 302
    assert north.get(f"/en/casework/clients/{client_id}/export.json").status_code == 404


def test_the_supervisor_reads_the_teams_log_and_only_the_teams(
    app: Flask, setting: dict[str, object]
) -> None:
    referral_id = refer(app, setting)
    worker(app).get(f"/en/casework/referrals/{referral_id}")
    supervisor = app.test_client()
    assert sign_in(supervisor, "supervisor@example.org").status_code == 302
    text = supervisor.get("/en/casework/audit").get_data(as_text=True)
    assert "referral.create" in text and "client.view" in text and "caseworker@example.org" in text
    assert ">signin<" not in text  # a sign-in belongs to no team
    assert "Léa" not in text
    assert worker(app).get("/en/casework/audit").status_code == 403


def test_a_failed_send_is_tried_again_and_never_sent_twice(app: Flask, setting: dict[str, object]) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    working = app.config["CARREFOUR_SMTP"]
    with socket.socket() as probe:  # a port nobody listens on: the server "does not answer"
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    app.config["CARREFOUR_SMTP"] = replace(working, port=dead)
    referral_id = refer(app, setting)
    assert inbox.to("accueil@pantry.example.org") == []
    failed = invoke(app, "notify")
    assert "tried again next time: 1" in failed.output
    app.config["CARREFOUR_SMTP"] = working
    sent = invoke(app, "notify")
    assert "Sent: 1." in sent.output and "tried again next time: 0" in sent.output
    assert "Sent: 0." in invoke(app, "notify").output
    assert len(inbox.to("accueil@pantry.example.org")) == 1
    with app.app_context():
        notice = next(n for n in db.session.get(Referral, referral_id).notices if n.kind == "referral")
        assert notice.attempts == 3 and notice.sent_at is not None


def test_the_e_mails_in_english_for_an_english_agency_and_client(
    app: Flask, setting: dict[str, object]
) -> None:
    inbox: Inbox = setting["inbox"]  # type: ignore[assignment]
    with app.app_context():
        from app.core.models import Organization

        for organization in db.session.scalars(select(Organization)):
            organization.lang = "en"
        client = db.session.get(Client, setting["Léa M."])
        client.preferred_language = "en"
        db.session.commit()
    referral_id = refer_in_english(app, setting)
    [message] = inbox.to("accueil@pantry.example.org")
    assert message["Subject"] == "A referral to Service pantry"
    assert "Accept (one click):" in Inbox.text(message) and "Food bank" in Inbox.text(message)
    with app.app_context():
        sent_at = db.session.get(Referral, referral_id).created_at.replace(tzinfo=LOCAL)
    with time_machine.travel(sent_at + timedelta(days=8), tick=False):
        invoke(app, "notify")
    [check_in] = inbox.to("lea@example.org")
    assert check_in["Subject"] == "Did you get help from Service pantry?"
    assert "Answer in one click:" in Inbox.text(check_in)


def refer_in_english(app: Flask, setting: dict[str, object]) -> int:
    browser = worker(app)
    url = f"/en/casework/clients/{setting['Léa M.']}/refer/{setting['service']}"
    page = browser.get(url).get_data(as_text=True)
    assert "I agree that my caseworker sends" in page  # the client's language is now English
    data = {
        "csrf_token": form_token(page),
        "facts": ["name", "needs"],
        "method": "on-screen",
        "need": "food-bank",
    }
    answer = browser.post(url, data=data)
    assert answer.status_code == 303
    return int(answer.headers["Location"].rsplit("/", 1)[1])
