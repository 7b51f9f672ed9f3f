"""A client's suggestions as a caseworker reads them: the matcher's reasons in the client's language, when
each listing was last verified, what a rule left out and why; then the list: add (from a suggestion, by
hand, from favourites), pin, reorder, drop; favourites of a caseworker and of a team."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.accounts.users import add_user, set_password
from app.core.models import Service
from app.core.models.accounts import Team
from app.core.models.casework import Assessment, Client, ShortlistItem
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build


@pytest.fixture
def setting(app: Flask, tmp_path: Path) -> dict[str, int]:
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    folder = build(
        tmp_path / "pkg",
        [
            Spec("open-pantry", assured="2026-10-01"),
            Spec("women-only", eligibility=("women",), assured="2025-01-15"),
            Spec("legal-clinic", categories=("legal-aid",), assured=""),
        ],
    )
    result = invoke(app, "import", str(folder), "--lang", "en", "--source", "test")
    assert result.exit_code == 0, result.output
    with app.app_context():
        other = add_user(db.session, "north@example.org", "caseworker", team_name="Équipe Nord")
        set_password(db.session, other, PASSWORD)
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        client = Client(team_id=team.id, display_name="Luc Martin", preferred_language="fr", languages=["fr"])
        db.session.add(client)
        db.session.flush()
        profile = {
            "needs": [{"category": "food-bank"}],
            "location": {"lat": HOME[0], "lon": HOME[1]},
            "client": {"gender": "man", "age": 40},
        }
        db.session.add(Assessment(client_id=client.id, answers={}, profile=profile, form_token="t-1"))
        db.session.commit()
        return {"client": client.id}


def signed(app: Flask, email: str) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, email).status_code == 302
    return browser


def page(browser: FlaskClient, client_id: int, lang: str = "en", **args: str) -> str:
    answer = browser.get(f"/{lang}/casework/clients/{client_id}/suggestions", query_string=args)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def listed(app: Flask, client_id: int) -> list[str]:
    with app.app_context():
        client = db.session.get(Client, client_id)
        items = sorted(client.shortlist, key=lambda i: (not i.pinned, i.position, i.id))
        return [db.session.get(Service, item.service_id).source_id for item in items]


def service_id(app: Flask, source_id: str) -> str:
    with app.app_context():
        return db.session.scalars(select(Service.id).where(Service.source_id == source_id)).one()


def act(browser: FlaskClient, url: str, **data: str) -> int:
    token = form_token(browser.get("/en/account").get_data(as_text=True))  # the session's one token
    return browser.post(url, data={"csrf_token": token, **data}).status_code


def test_suggestions_say_why_in_the_clients_language(app: Flask, setting: dict[str, int]) -> None:
    worker = signed(app, "caseworker@example.org")
    body = page(worker, setting["client"])  # the caseworker's page in English, the client speaks French
    assert "Service open-pantry" in body
    assert "Listing last verified on 2026-10-01" in body
    assert "Réservé à : Femmes" in body  # the rule that left the women's pantry out, in French
    assert "Not suggested: 1 service a rule left out" in body
    assert "Service legal-clinic" not in body  # another need: neither suggested nor "not suggested"
    french = page(worker, setting["client"], lang="fr")
    assert "Fiche vérifiée le 2026-10-01" in french


def test_the_list_add_pin_reorder_drop(app: Flask, setting: dict[str, int]) -> None:
    worker = signed(app, "caseworker@example.org")
    client_id = setting["client"]
    base = f"/en/casework/clients/{client_id}/shortlist"
    assert act(worker, base, service_id="svc-open-pantry", need="food-bank") == 303
    assert act(worker, base, service_id="svc-open-pantry", need="food-bank") == 303  # twice: once
    found = page(worker, client_id, q="legal")
    assert "Service legal-clinic" in found
    assert act(worker, base, service_id=service_id(app, "svc-legal-clinic"), by_hand="1") == 303
    assert act(worker, base, service_id="svc-women-only") == 303  # the caseworker knows better: by hand
    assert listed(app, client_id) == ["svc-open-pantry", "svc-legal-clinic", "svc-women-only"]
    with app.app_context():
        items = {
            db.session.get(Service, i.service_id).source_id: i.id
            for i in db.session.scalars(select(ShortlistItem).where(ShortlistItem.client_id == client_id))
        }
    assert act(worker, f"{base}/{items['svc-women-only']}", action="pin") == 303
    assert listed(app, client_id) == ["svc-women-only", "svc-open-pantry", "svc-legal-clinic"]
    assert act(worker, f"{base}/{items['svc-legal-clinic']}", action="up") == 303
    assert listed(app, client_id) == ["svc-women-only", "svc-legal-clinic", "svc-open-pantry"]
    assert act(worker, f"{base}/{items['svc-legal-clinic']}", action="up") == 303  # not above a pinned one
    assert listed(app, client_id) == ["svc-women-only", "svc-legal-clinic", "svc-open-pantry"]
    assert act(worker, f"{base}/{items['svc-open-pantry']}", action="drop") == 303
    assert listed(app, client_id) == ["svc-women-only", "svc-legal-clinic"]
    body = page(worker, client_id)
    shortlist = body[body.index('id="shortlist"') :]
    assert shortlist.index("Service women-only") < shortlist.index("Service legal-clinic")
    answer = worker.post(
        base, data={"csrf_token": form_token(body), "service_id": "no-such-service"}, follow_redirects=True
    )
    assert "This service is not in the directory." in answer.get_data(as_text=True)


def test_favourites_of_a_caseworker_and_of_a_team(app: Flask, setting: dict[str, int]) -> None:
    worker = signed(app, "caseworker@example.org")
    client_id = setting["client"]
    pantry = service_id(app, "svc-open-pantry")
    assert act(worker, "/en/casework/favourites", service_id=pantry, client_id=str(client_id)) == 303
    mine = page(worker, client_id)
    assert "Remove from my favourites" in mine
    favourites = mine[mine.index("<h3>Favourites</h3>") :]
    assert "Service open-pantry" in favourites.split("</ul>")[0]
    supervisor = signed(app, "supervisor@example.org")
    assert "<h3>Favourites</h3>" not in page(supervisor, client_id)  # a caseworker's own, not the team's
    with app.app_context():
        team_id = db.session.scalars(select(Team.id).where(Team.name == "Équipe Centre")).one()
        north = db.session.scalars(select(Team.id).where(Team.name == "Équipe Nord")).one()
    clinic = service_id(app, "svc-legal-clinic")
    assert act(worker, "/en/casework/favourites", service_id=clinic, team=str(team_id)) == 303
    theirs = page(supervisor, client_id)
    assert "Service legal-clinic (team)" in re.sub(r"\s+", " ", theirs)
    assert act(worker, "/en/casework/favourites", service_id=clinic, team=str(north)) == 403


def test_another_team_cannot_see_or_change_the_list(app: Flask, setting: dict[str, int]) -> None:
    north = signed(app, "north@example.org")
    client_id = setting["client"]
    assert north.get(f"/en/casework/clients/{client_id}/suggestions").status_code == 404
    assert act(north, f"/en/casework/clients/{client_id}/shortlist", service_id="svc-open-pantry") == 404
    assert listed(app, client_id) == []


def test_an_assessment_that_found_no_need_asks_for_one(app: Flask, setting: dict[str, int]) -> None:
    with app.app_context():
        db.session.add(
            Assessment(client_id=setting["client"], answers={}, profile={"needs": []}, form_token="t-2")
        )
        db.session.commit()
    body = page(signed(app, "caseworker@example.org"), setting["client"])
    assert "The latest assessment found no need: add one to see suggestions." in body
    assert "Service open-pantry" not in body
