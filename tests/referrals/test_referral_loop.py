"""The loop as its three people live it, through the pages and the e-mails of a real SMTP server: the
caseworker refers with consent; the agency, without an account, accepts and records the outcome from the
e-mailed links (replays, withdrawn consent refused); `carrefour notify` reminds once and checks in with the
client, never with "do not contact"."""

from __future__ import annotations

import re
from html import unescape
from datetime import datetime, timedelta
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
