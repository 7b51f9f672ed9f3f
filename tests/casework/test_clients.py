"""The caseload and a client's record as a caseworker uses them, CSRF on: create (the duplicate check), open
(each view logged), notes private or shared, interactions, the plan; other teams never see a client, an
admin only through the logged break-glass."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from app.core.accounts.users import add_user, set_password
from app.core.models.accounts import AuditEvent
from app.core.models.casework import Client, ClientNote
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in
from tests.helpers import invoke


@pytest.fixture
def people(app: Flask) -> dict:
    assert app.config.get("WTF_CSRF_ENABLED", True) is not False
    app.config["RATELIMIT_ENABLED"] = False
    found = add_people(app)
    with app.app_context():
        other = add_user(db.session, "north@example.org", "caseworker", team_name="Équipe Nord")
        set_password(db.session, other, PASSWORD)
        db.session.commit()
    return found


def signed(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


@pytest.fixture
def worker(app: Flask, people: dict) -> FlaskClient:
    return signed(app, "caseworker@example.org")


def post(client: FlaskClient, page: str, url: str, lang: str = "en", **data: object) -> TestResponse:
    token = form_token(client.get(f"/{lang}/casework/{page}").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def new_client(client: FlaskClient, lang: str = "en", **fields: object) -> TestResponse:
    data = {
        "display_name": "Marie-Ève Tremblay",
        "birth_year": "1984",
        "preferred_language": "fr",
        "languages": "fr, es",
        "contact_preference": "email",
        "contact": "marie@example.org",
        "postal_code": "h2x1y4",
        **fields,
    }
    return post(client, "clients/new", f"/{lang}/casework/clients/new", lang, **data)


def created_id(answer: TestResponse) -> int:
    assert answer.status_code == 303, answer.get_data(as_text=True)
    found = re.search(r"/casework/clients/(\d+)$", answer.headers["Location"])
    assert found
    return int(found.group(1))


def text(answer: TestResponse) -> str:
    return answer.get_data(as_text=True)


def test_a_caseworker_adds_a_client_and_opens_the_record(app: Flask, worker: FlaskClient) -> None:
    client_id = created_id(new_client(worker))
    page = worker.get(f"/en/casework/clients/{client_id}")
    assert page.status_code == 200
    body = text(page)
    assert "Marie-Ève Tremblay" in body and "H2X 1Y4" in body and "marie@example.org" in body
    assert "Spanish" in body
    with app.app_context():
        views = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "client.view", AuditEvent.object_id == str(client_id)
            )
        ).all()
        assert len(views) == 1 and views[0].actor_id is not None
        assert "Marie" not in str(views[0].detail)  # the log says who looked, never who the client is
    worker.get(f"/en/casework/clients/{client_id}")
    with app.app_context():
        assert db.session.query(AuditEvent).filter_by(action="client.view").count() == 2


def test_each_field_says_why_it_is_asked_in_both_languages(worker: FlaskClient) -> None:
    english = text(worker.get("/en/casework/clients/new"))
    french = text(worker.get("/fr/casework/clients/new"))
    assert "Many services have age limits" in english
    assert "tranches d'âge" in french or "limites d'âge" in french
    assert english.count('class="why"') == french.count('class="why"') >= 7


def test_bad_fields_are_named_and_nothing_is_saved(app: Flask, worker: FlaskClient) -> None:
    answer = new_client(worker, contact="not an address")
    assert answer.status_code == 400
    assert "Enter a valid e-mail address." in text(answer)
    answer = new_client(worker, lang="fr", postal_code="12345")
    assert answer.status_code == 400 and "code postal" in text(answer)
    answer = new_client(worker, contact_preference="phone", contact="")
    assert answer.status_code == 400 and "do not contact" in text(answer)
    with app.app_context():
        assert db.session.query(Client).count() == 0


def test_do_not_contact_keeps_no_contact(app: Flask, worker: FlaskClient) -> None:
    client_id = created_id(new_client(worker, contact_preference="none", contact="marie@example.org"))
    with app.app_context():
        assert db.session.get(Client, client_id).contact is None


def test_the_duplicate_check_links_the_person_the_team_may_know(app: Flask, worker: FlaskClient) -> None:
    first = created_id(new_client(worker, birth_date="1984-03-02"))
    answer = new_client(worker, display_name="marie eve  TREMBLAY", birth_date="1984-03-02", birth_year="")
    assert answer.status_code == 400
    assert "Your team may already know this person" in text(answer)
    assert f"/en/casework/clients/{first}" in text(answer)
    # Another birth date: another person, no warning.
    created_id(new_client(worker, display_name="Marie-Eve Tremblay", birth_date="1990-07-07", birth_year=""))
    # The caseworker checked: it is someone else of the same name and birth.
    created_id(
        new_client(
            worker,
            display_name="Marie Eve Tremblay",
            birth_date="1984-03-02",
            birth_year="",
            different_person="y",
        )
    )
    with app.app_context():
        assert db.session.query(Client).count() == 3


def test_the_duplicate_check_stays_within_the_team(app: Flask, people: dict, worker: FlaskClient) -> None:
    created_id(new_client(worker))
    north = signed(app, "north@example.org")
    created_id(new_client(north))  # another team's client of the same name is never shown


def test_another_team_never_sees_the_client(app: Flask, people: dict, worker: FlaskClient) -> None:
    client_id = created_id(new_client(worker))
    north = signed(app, "north@example.org")
    assert north.get(f"/en/casework/clients/{client_id}").status_code == 404
    answer = post(north, "", f"/en/casework/clients/{client_id}/notes", body="A note", shared="y")
    assert answer.status_code == 404
    assert "Marie" not in text(north.get("/en/casework/?q=marie"))
    supervisor = signed(app, "supervisor@example.org")  # same team: sees it
    assert supervisor.get(f"/en/casework/clients/{client_id}").status_code == 200
    assert signed(app, "agency@example.org").get(f"/en/casework/clients/{client_id}").status_code == 403


def test_private_notes_are_the_authors_alone(app: Flask, people: dict, worker: FlaskClient) -> None:
    client_id = created_id(new_client(worker))
    url = f"/en/casework/clients/{client_id}/notes"
    page = f"clients/{client_id}"
    assert (
        post(worker, page, url, body="Shared: looking for a food bank near work.", shared="y").status_code
        == 303
    )
    assert post(worker, page, url, body="Private: seemed tired today.").status_code == 303
    mine = text(worker.get(f"/en/casework/clients/{client_id}"))
    assert "looking for a food bank" in mine and "seemed tired today" in mine
    theirs = text(signed(app, "supervisor@example.org").get(f"/en/casework/clients/{client_id}"))
    assert "looking for a food bank" in theirs and "seemed tired today" not in theirs
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with open(database, "rb") as handle:
        stored = handle.read()
    assert b"seemed tired" not in stored and b"Tremblay" not in stored


def test_interactions_and_the_plan_show_on_the_caseload(app: Flask, worker: FlaskClient) -> None:
    late = created_id(new_client(worker, display_name="Jean Lavoie"))
    fine = created_id(new_client(worker, display_name="Amina Diallo"))
    today = date.today()
    answer = post(
        worker,
        f"clients/{late}",
        f"/en/casework/clients/{late}/interactions",
        on=(today - timedelta(days=3)).isoformat(),
        kind="street-outreach",
        note="Met at the metro",
    )
    assert answer.status_code == 303
    too_far = (today + timedelta(days=400)).isoformat()
    answer = post(worker, f"clients/{late}", f"/en/casework/clients/{late}/plan", review_on=too_far)
    assert answer.status_code == 400 and "at least once a year" in text(answer)
    in_a_week = (today + timedelta(days=7)).isoformat()
    assert (
        post(worker, f"clients/{late}", f"/en/casework/clients/{late}/plan", review_on=in_a_week).status_code
        == 303
    )
    in_months = (today + timedelta(days=200)).isoformat()
    assert (
        post(worker, f"clients/{fine}", f"/en/casework/clients/{fine}/plan", review_on=in_months).status_code
        == 303
    )
    answer = post(
        worker,
        f"clients/{late}",
        f"/en/casework/clients/{late}/goals",
        goal="Apply for social housing",
        owner="client",
        due_on=(today - timedelta(days=1)).isoformat(),
    )
    assert answer.status_code == 303
    caseload = text(worker.get("/en/casework/"))
    assert caseload.index("Jean Lavoie") < caseload.index("Amina Diallo")  # what is due comes first
    row = caseload[caseload.index("Jean Lavoie") :].split("</tr>")[0]
    assert (today - timedelta(days=3)).isoformat() in row and in_a_week in row
    assert "Review due soon" in row and "1 goal due" in row
    french = text(worker.get("/fr/casework/"))
    assert "Révision bientôt due" in french or "Révision à faire bientôt" in french
    record = text(worker.get(f"/en/casework/clients/{late}"))
    assert (
        "Street outreach" in record and "Met at the metro" in record and "Apply for social housing" in record
    )


def test_the_caseload_finds_by_name_or_initials(worker: FlaskClient) -> None:
    created_id(new_client(worker, display_name="Marie-Ève Tremblay"))
    created_id(new_client(worker, display_name="Jean Lavoie"))
    assert "Marie-Ève Tremblay" in text(worker.get("/en/casework/?q=marie"))
    assert "Jean Lavoie" not in text(worker.get("/en/casework/?q=marie"))
    assert "Marie-Ève Tremblay" in text(worker.get("/en/casework/?q=treMBLAY"))
    assert "Jean Lavoie" in text(worker.get("/en/casework/?q=JL"))
    assert "No client of your team matches" in text(worker.get("/en/casework/?q=zzz"))


def test_an_admin_opens_a_record_only_by_logged_break_glass(
    app: Flask, people: dict, worker: FlaskClient
) -> None:
    client_id = created_id(new_client(worker))
    admin = signed(app, "admin@example.org")
    answer = admin.get(f"/en/casework/clients/{client_id}")
    assert answer.status_code == 403 and "Marie" not in text(answer) and "say why" in text(answer)
    url = f"/en/casework/clients/{client_id}/break-glass"
    token = form_token(text(answer))
    assert admin.post(url, data={"csrf_token": token, "reason": "short"}).status_code == 400
    answer = admin.post(url, data={"csrf_token": token, "reason": "Complaint 2026-118 about this file"})
    assert answer.status_code == 303
    record = admin.get(f"/en/casework/clients/{client_id}")
    assert record.status_code == 200 and "Marie-Ève Tremblay" in text(record) and "read-only" in text(record)
    assert 'action="/en/casework/clients/' + str(client_id) + '/notes"' not in text(record)
    answer = admin.post(f"/en/casework/clients/{client_id}/notes", data={"csrf_token": token, "body": "x"})
    assert answer.status_code == 403  # reading only, never writing
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "client.break_glass")).one()
        assert event.object_id == str(client_id) and event.detail["reason"].startswith("Complaint 2026-118")


def test_a_form_without_its_token_changes_nothing(app: Flask, worker: FlaskClient) -> None:
    answer = worker.post("/en/casework/clients/new", data={"display_name": "No token"})
    assert answer.status_code == 400
    with app.app_context():
        assert db.session.query(Client).count() == 0


def test_a_closed_file_leaves_the_caseload_and_is_deleted_when_its_time_is_up(
    app: Flask, worker: FlaskClient
) -> None:
    old = created_id(new_client(worker, display_name="Old File"))
    recent = created_id(new_client(worker, display_name="Recent File"))
    page = f"clients/{old}"
    assert post(worker, page, f"/en/casework/clients/{old}/close").status_code == 400  # not confirmed
    answer = post(worker, page, f"/en/casework/clients/{old}/notes", body="Found housing.", shared="y")
    assert answer.status_code == 303
    assert post(worker, page, f"/en/casework/clients/{old}/close", confirm="yes").status_code == 303
    assert (
        post(worker, f"clients/{recent}", f"/en/casework/clients/{recent}/close", confirm="yes").status_code
        == 303
    )
    assert "Old File" not in text(worker.get("/en/casework/"))
    assert worker.get(f"/en/casework/clients/{old}").status_code == 404
    with app.app_context():
        found = db.session.get(Client, old)
        found.closed_at = found.closed_at - timedelta(days=400)  # closed more than a year ago
        db.session.commit()
    assert invoke(app, "retention").exit_code == 2  # neither --dry-run nor --apply: say which
    counted = invoke(app, "retention", "--dry-run")
    assert counted.exit_code == 0 and "To delete: 1 client files" in counted.output
    with app.app_context():
        assert db.session.get(Client, old) is not None  # a dry run changes nothing
    result = invoke(app, "retention", "--apply")
    assert result.exit_code == 0, result.output
    assert "Deleted: 1 client files" in result.output
    with app.app_context():
        assert db.session.get(Client, old) is None and db.session.get(Client, recent) is not None
        assert db.session.query(ClientNote).count() == 0
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "client.purge")).one()
        assert event.detail == {"files": 1, "referrals": 0}
