"""The list a client takes away, as the client reads it: in the client's language whatever the caseworker's,
on a page, in a PDF (its text extracted), and by e-mail when the client chose e-mail (read from a real SMTP
server), the sending recorded; the help lines always last."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select

from app.core.models import Service
from app.core.models.accounts import AuditEvent, Team
from app.core.models.casework import Client, ShortlistItem
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import add_people, form_token, sign_in
from tests.helpers import invoke
from tests.matching.builder import Spec, build
from tests.smtp import Inbox


@pytest.fixture
def clients(app: Flask, tmp_path: Path) -> dict[str, int]:
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    folder = build(tmp_path / "pkg", [Spec("pantry"), Spec("clinic", categories=("legal-aid",))])
    result = invoke(app, "import", str(folder), "--lang", "en", "--source", "test")
    assert result.exit_code == 0, result.output
    found = {}
    with app.app_context():
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        services = db.session.scalars(select(Service).order_by(Service.source_id)).all()
        for name, language, contact in (
            ("Claire Roy", "fr", "claire@example.org"),
            ("Sam Lee", "en", "sam@example.org"),
            ("Nadia K.", "fr", None),
        ):
            client = Client(
                team_id=team.id,
                display_name=name,
                preferred_language=language,
                languages=[language],
                contact_preference="email" if contact else "none",
                contact=contact,
            )
            db.session.add(client)
            db.session.flush()
            for position, service in enumerate(reversed(services)):  # the pantry first, then the clinic
                db.session.add(ShortlistItem(client_id=client.id, service_id=service.id, position=position))
            found[name] = client.id
        db.session.commit()
    return found


@pytest.fixture
def worker(app: Flask, clients: dict[str, int]) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, "caseworker@example.org").status_code == 302
    return browser


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_the_page_is_in_the_clients_language(worker: FlaskClient, clients: dict[str, int]) -> None:
    french = worker.get(f"/en/casework/clients/{clients['Claire Roy']}/list").get_data(as_text=True)
    assert '<html lang="fr"' in french
    assert french.index("Service pantry") < french.index("Service clinic") < french.index("911")
    assert "Urgences : police, ambulance, pompiers." in french
    english = worker.get(f"/fr/casework/clients/{clients['Sam Lee']}/list").get_data(as_text=True)
    assert '<html lang="en"' in english and "Emergencies: police, ambulance, fire." in english


def test_the_pdf_carries_the_list_and_the_lines(worker: FlaskClient, clients: dict[str, int]) -> None:
    answer = worker.get(f"/en/casework/clients/{clients['Claire Roy']}/list.pdf")
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Cache-Control"] == "no-store"
    text = " ".join(pdf_text(answer.data).split())
    assert "Service pantry" in text and "Service clinic" in text
    assert "911" in text and "211" in text and "Urgences" in text
    answer = worker.get(f"/en/casework/clients/{clients['Sam Lee']}/list.pdf")
    english = " ".join(pdf_text(answer.data).split())
    assert "Emergencies" in english and "Urgences" not in english


@pytest.fixture
def mailing(app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Inbox:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    return smtp_inbox


def _send(worker: FlaskClient, client_id: int) -> str:
    page = worker.get(f"/en/casework/clients/{client_id}/suggestions").get_data(as_text=True)
    answer = worker.post(
        f"/en/casework/clients/{client_id}/list/email",
        data={"csrf_token": form_token(page)},
        follow_redirects=True,
    )
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("name", "subject", "line"),
    [
        ("Claire Roy", "Votre liste de services", "Urgences : police, ambulance, pompiers."),
        ("Sam Lee", "Your list of services", "Emergencies: police, ambulance, fire."),
    ],
)
def test_the_list_by_e_mail_in_the_clients_language(
    app: Flask,
    worker: FlaskClient,
    clients: dict[str, int],
    mailing: Inbox,
    name: str,
    subject: str,
    line: str,
) -> None:
    page = _send(worker, clients[name])
    assert "The list was sent to the client by e-mail." in page
    address = "claire@example.org" if name == "Claire Roy" else "sam@example.org"
    [message] = mailing.to(address)
    assert message["Subject"] == subject
    body = Inbox.text(message)
    assert "1. Service pantry" in body and "2. Service clinic" in body and line in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert "Service pantry" in pdf_text(attachment.get_content())
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "client.list_sent")).one()
        assert event.object_id == str(clients[name]) and address not in str(event.detail)


def test_no_e_mail_for_a_client_who_did_not_choose_it(
    worker: FlaskClient, clients: dict[str, int], mailing: Inbox
) -> None:
    page = _send(worker, clients["Nadia K."])
    assert "The client did not choose e-mail" in page
    assert mailing.messages == []


def test_unconfigured_e_mail_is_said(worker: FlaskClient, clients: dict[str, int]) -> None:
    page = _send(worker, clients["Claire Roy"])
    assert "E-mail is not configured on this server" in page


def test_no_name_or_address_in_the_logs(
    worker: FlaskClient, clients: dict[str, int], mailing: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client_id = clients["Claire Roy"]
    worker.get(f"/en/casework/clients/{client_id}")
    worker.get(f"/en/casework/clients/{client_id}/list.pdf")
    _send(worker, client_id)
    assert mailing.to("claire@example.org")
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # the test's SMTP server's own
    assert any(r.name.startswith("app.") for r in ours), "Carrefour logged nothing: this would prove nothing"
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in ours)
    assert "Claire" not in logged and "claire@example.org" not in logged
