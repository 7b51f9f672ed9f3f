"""The assessment as a caseworker takes it: the questions in both languages, the answers saved once (a form
posted twice, a stale form), the safety flag shown at once with the crisis lines, the needs edited before
matching (a code that does not exist refused by name), and nothing for another team."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.core.accounts.users import add_user, set_password
from app.core.models.accounts import Team
from app.core.models.casework import Assessment, Client
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, form_token, sign_in


@pytest.fixture
def client_id(app: Flask) -> int:
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    with app.app_context():
        other = add_user(db.session, "north@example.org", "caseworker", team_name="Équipe Nord")
        set_password(db.session, other, PASSWORD)
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        client = Client(team_id=team.id, display_name="Rose B.", birth_year=1990, languages=["fr"])
        db.session.add(client)
        db.session.commit()
        return client.id


@pytest.fixture
def worker(app: Flask, client_id: int) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, "caseworker@example.org").status_code == 302
    return browser


def open_form(browser: FlaskClient, client_id: int, lang: str = "en") -> tuple[str, dict[str, str]]:
    page = browser.get(f"/{lang}/casework/clients/{client_id}/assessment").get_data(as_text=True)
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found
    return page, {"csrf_token": form_token(page), "form_token": found.group(1)}


def assessments(app: Flask, client_id: int) -> list[Assessment]:
    with app.app_context():
        return list(db.session.scalars(select(Assessment).where(Assessment.client_id == client_id)))


def test_the_questions_in_both_languages(worker: FlaskClient, client_id: int) -> None:
    english, _ = open_form(worker, client_id)
    french, _ = open_form(worker, client_id, "fr")
    assert "were you afraid food would run out" in english
    assert "avez-vous eu peur que la nourriture manque" in french
    assert english.count("<fieldset") == french.count("<fieldset") >= 14  # the AHC and PRAPARE domains


def test_answers_give_needs_and_the_form_counts_once(app: Flask, worker: FlaskClient, client_id: int) -> None:
    _, tokens = open_form(worker, client_id)
    answers = {**tokens, "food_worry": "often", "safety_hurt": "never"}
    first = worker.post(f"/en/casework/clients/{client_id}/assessment", data=answers)
    assert first.status_code == 303
    again = worker.post(f"/en/casework/clients/{client_id}/assessment", data=answers)  # a double click
    assert again.status_code == 303 and again.headers["Location"] == first.headers["Location"]
    [made] = assessments(app, client_id)
    assert made.safety_flag is False
    assert [need["category"] for need in made.profile["needs"]] == ["food-bank"]
    assert made.profile["needs"][0]["urgency"] == "high"
    assert made.profile["client"]["age"] >= 35
    page = worker.get(first.headers["Location"]).get_data(as_text=True)
    assert "Food bank" in page and "Safety:" not in page


def test_a_yes_to_being_hurt_shows_the_crisis_lines_at_once(
    app: Flask, worker: FlaskClient, client_id: int
) -> None:
    _, tokens = open_form(worker, client_id, "fr")
    answer = worker.post(
        f"/fr/casework/clients/{client_id}/assessment",
        data={**tokens, "safety_hurt": "sometimes"},
        follow_redirects=True,
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'role="alert"' in page and "911" in page and "Sécurité" in page
    [made] = assessments(app, client_id)
    assert made.safety_flag is True
    assert "score" not in str(made.profile)  # a flag, never a score


def test_a_stale_or_foreign_form_saves_nothing(app: Flask, worker: FlaskClient, client_id: int) -> None:
    _, tokens = open_form(worker, client_id)
    forged = {**tokens, "form_token": tokens["form_token"][:-4] + "abcd", "food_worry": "often"}
    answer = worker.post(f"/en/casework/clients/{client_id}/assessment", data=forged)
    assert answer.status_code == 400 and "too old or was not opened here" in answer.get_data(as_text=True)
    with app.app_context():
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        other = Client(team_id=team.id, display_name="Another", languages=[])
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    answer = worker.post(
        f"/en/casework/clients/{other_id}/assessment", data={**tokens, "food_worry": "often"}
    )
    assert answer.status_code == 400  # a form opened for Rose, posted for someone else
    answer = worker.post(f"/en/casework/clients/{client_id}/assessment", data={**tokens, "no_such": "x"})
    assert answer.status_code == 400
    assert "This question is not in the assessment" in answer.get_data(as_text=True)
    assert assessments(app, client_id) == [] and assessments(app, other_id) == []


def test_the_needs_are_edited_before_matching(app: Flask, worker: FlaskClient, client_id: int) -> None:
    _, tokens = open_form(worker, client_id)
    made = worker.post(
        f"/en/casework/clients/{client_id}/assessment", data={**tokens, "food_worry": "sometimes"}
    ).headers["Location"]
    url = made + "/needs"
    token = tokens["csrf_token"]
    answer = worker.post(url, data={"csrf_token": token, "action": "add", "category": "no-such-need"})
    assert answer.status_code == 400
    assert "not in the directory's list" in unescape(answer.get_data(as_text=True))
    french = worker.post(
        url.replace("/en/", "/fr/"), data={"csrf_token": token, "action": "add", "category": "no-such-need"}
    )
    assert french.status_code == 400 and "n'est pas dans la liste" in unescape(french.get_data(as_text=True))
    data = {"csrf_token": token, "action": "add", "category": "emergency-shelter", "urgency": "crisis"}
    assert worker.post(url, data=data).status_code == 303
    data = {"csrf_token": token, "action": "set", "category": "food-bank", "urgency": "low", "note": "halal"}
    assert worker.post(url, data=data).status_code == 303
    [kept] = assessments(app, client_id)
    assert {n["category"]: (n["urgency"], n.get("note")) for n in kept.profile["needs"]} == {
        "food-bank": ("low", "halal"),
        "emergency-shelter": ("crisis", None),
    }
    data = {"csrf_token": token, "action": "drop", "category": "food-bank"}
    assert worker.post(url, data=data).status_code == 303
    [kept] = assessments(app, client_id)
    assert [n["category"] for n in kept.profile["needs"]] == ["emergency-shelter"]


def test_another_team_gets_nothing(app: Flask, worker: FlaskClient, client_id: int) -> None:
    north = app.test_client()
    assert sign_in(north, "north@example.org").status_code == 302
    assert north.get(f"/en/casework/clients/{client_id}/assessment").status_code == 404
