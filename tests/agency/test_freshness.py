"""Freshness everywhere: the service page and the result cards say how fresh a listing is ("verified 3 months
ago by the agency", "by Carrefour staff", "imported from <source> on <date>"); the matcher's freshness factor
and the search ranking lean towards the fresher of two otherwise equal services."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from jsonschema import Draft202012Validator
from sqlalchemy import select

from app.core.accounts.users import add_user
from app.core.agency import verification as upkeep
from app.core.models import Service
from app.core.models.accounts import Team, UserAccount
from app.core.models.agency import OrganizationStanding
from app.core.models.casework import Assessment, Client
from app.matching import weights as W
from app.matching.matcher import Matcher
from app.matching.profile import parse_profile
from app.web.extensions import db
from app.web.search import search_service
from indexer.query import SearchQuery
from indexer.sync import bring_up_to_date
from tests.accounts.people import ORGANIZATION_ID, add_people, form_token
from tests.agency.upkeep_fixtures import browser, local, setting_up
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build

RESULT_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "app" / "data" / "match-result.schema.json").read_text(
        encoding="utf-8"
    )
)


def _page(app: Flask, url: str, role: str | None = None) -> str:
    answer = browser(app, role).get(url)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def _confirm(app: Flask, role: str, section: str) -> None:
    client = browser(app, role)
    page = client.get(f"/en/agency/org/{ORGANIZATION_ID}/verification").get_data(as_text=True)
    answer = client.post(
        f"/en/agency/org/{ORGANIZATION_ID}/verify/{section}", data={"csrf_token": form_token(page)}
    )
    assert answer.status_code == 303


def test_the_service_page_and_the_cards_say_how_fresh_a_listing_is(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2026, 3, 2), tick=False) as clock:
        ids = setting_up(app, monkeypatch)
        assert invoke(app, "index").exit_code == 0
        page = _page(app, f"/en/services/{ids[0]}")
        assert "Information not verified. Imported from montreal-211 on 2026-03-02." in page

        _confirm(app, "agency", "hours")
        clock.move_to(local(2026, 6, 5))
        assert "Verified 3 months ago by the agency." in _page(app, f"/en/services/{ids[0]}")
        assert "Vérifié il y a 3 mois par l'organisme." in _page(app, f"/fr/services/{ids[1]}").replace(
            "&#39;", "'"
        )
        results = _page(app, "/en/search?q=pantry")
        assert "Verified 3 months ago by the agency" in results

        _confirm(app, "admin", "contacts")
        assert "Verified today by Carrefour staff." in _page(app, f"/en/services/{ids[0]}")
        with app.app_context():
            fresh = upkeep.freshness(db.session, ids)
        assert {f.by for f in fresh.values()} == {upkeep.BY_STAFF}
        assert {f.on for f in fresh.values()} == {date(2026, 6, 5)}


def test_freshness_falls_back_to_the_organizations_verification_then_the_import(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2026, 3, 2), tick=False):
        ids = setting_up(app, monkeypatch)
    with app.app_context():
        found = upkeep.freshness(db.session, ids)
        assert found[ids[0]] == upkeep.Freshness(date(2026, 3, 2), upkeep.IMPORTED, "montreal-211")
        user = db.session.scalars(select(UserAccount).where(UserAccount.email == "agency@example.org")).one()
        upkeep.confirm_section(db.session, ORGANIZATION_ID, "hours", user, date(2026, 4, 1))
        service = db.session.get(Service, ids[1])
        service.assured_date = None  # as if only the organization's verification said it
        db.session.flush()
        found = upkeep.freshness(db.session, ids)
        assert found[ids[0]].by == upkeep.BY_AGENCY and found[ids[0]].on == date(2026, 4, 1)
        assert found[ids[1]].by == upkeep.BY_AGENCY and found[ids[1]].verified
        service = db.session.get(Service, ids[0])
        service.assurer_email = None  # an assured date as a source gave it
        db.session.flush()
        assert upkeep.freshness(db.session, ids[:1])[ids[0]].by == upkeep.BY_SOURCE
        later = found[ids[1]].on + timedelta(days=65)  # the day of the organization's verification, + 65 days
        assert upkeep.freshness_text(found[ids[1]], later) == "Verified 2 months ago by the agency"


def _matcher(app: Flask, tmp_path: Path, specs: list[Spec]) -> Any:
    folder = build(tmp_path / "pkg", specs)
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "test").exit_code == 0

    def run() -> dict[str, Any]:
        profile = {
            "needs": [{"category": "food-bank"}],
            "location": {"lat": HOME[0], "lon": HOME[1]},
            "locale": "en",
            "constraints": {"at": "2026-11-23T10:00:00"},
        }
        with app.app_context():
            answer = Matcher(db.session, search_service()).match(parse_profile(profile))
        assert not list(Draft202012Validator(RESULT_SCHEMA).iter_errors(answer))
        return answer["needs"][0]

    return run


def test_the_matchers_freshness_factor_orders_two_otherwise_equal_services(
    app: Flask, tmp_path: Path
) -> None:
    # Equal in every other way: the same place, hours, cost and languages ("a" comes first by name).
    run = _matcher(app, tmp_path, [Spec("a", assured="2025-12-01"), Spec("b", assured="2026-11-01")])
    need = run()
    assert [s["service_id"] for s in need["suggestions"]] == ["svc-b", "svc-a"]
    fresh, stale = need["suggestions"]
    [reason] = [r for r in fresh["reasons"] if r["factor"] == "freshness"]
    assert reason["text"] == "Verified on 2026-11-01 according to test"
    assert 0 < reason["points"] <= W.FRESHNESS
    assert fresh["score"] - stale["score"] == pytest.approx(
        reason["points"] - next(r["points"] for r in stale["reasons"] if r["factor"] == "freshness"), abs=0.02
    )
    # The agency of "a" confirms its listings: now "a" is the fresher.
    with app.app_context():
        service = db.session.scalars(select(Service).where(Service.source_id == "svc-a")).one()
        agent = add_user(db.session, "agent@example.org", "agency", organization_id=service.organization_id)
        upkeep.confirm_section(db.session, service.organization_id, "hours", agent, date(2026, 11, 20))
        db.session.commit()
        # As the portal's page does: search follows the change log (the matcher reads freshness there).
        bring_up_to_date(db.session, search_service().engines)
        db.session.commit()
    need = run()
    assert [s["service_id"] for s in need["suggestions"]] == ["svc-a", "svc-b"]
    assert any(
        r["factor"] == "freshness" and "ago by the agency" in r["text"]
        for r in need["suggestions"][0]["reasons"]
    )


def _order(app: Flask, query: SearchQuery) -> list[str]:
    with time_machine.travel(local(2026, 11, 23), tick=False), app.app_context():
        return [hit.service_source_id for hit in search_service().search(query).hits]


def test_search_ranking_leans_towards_the_fresher_of_two_equal_matches(app: Flask, tmp_path: Path) -> None:
    specs = [
        Spec("one", name="Pantry", description="Food", assured="2026-11-01"),
        Spec("two", name="Pantry", description="Food", assured="2024-01-01"),
    ]
    folder = build(tmp_path / "pkg", specs)
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "test").exit_code == 0
    words = SearchQuery(text="pantry", lang="en")
    near = SearchQuery(text="pantry", lang="en", lat=HOME[0], lon=HOME[1], radius_km=5)
    assert _order(app, words) == _order(app, near) == ["svc-one", "svc-two"]
    with app.app_context():  # the other way round: the order follows freshness, not the ids
        for service in db.session.scalars(select(Service)):
            service.assured_date = date(2024, 1, 1) if service.source_id == "svc-one" else date(2026, 11, 1)
        db.session.commit()
    assert invoke(app, "index").exit_code == 0
    assert _order(app, words) == _order(app, near) == ["svc-two", "svc-one"]


def test_caseworkers_suggestions_say_freshness_and_flag_an_organization_that_stopped_answering(
    app: Flask, tmp_path: Path
) -> None:
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    folder = build(
        tmp_path / "pkg", [Spec("pantry", assured="2026-10-01"), Spec("kitchen", assured="2026-10-01")]
    )
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "test").exit_code == 0
    with app.app_context():
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        client = Client(team_id=team.id, display_name="Luc Martin", preferred_language="en", languages=["en"])
        db.session.add(client)
        db.session.flush()
        profile = {"needs": [{"category": "food-bank"}], "location": {"lat": HOME[0], "lon": HOME[1]}}
        db.session.add(Assessment(client_id=client.id, answers={}, profile=profile, form_token="t-1"))
        pantry = db.session.scalars(select(Service).where(Service.source_id == "svc-pantry")).one()
        db.session.add(OrganizationStanding(organization_id=pantry.organization_id, unresponsive=True))
        db.session.commit()
        client_id = client.id
    body = _page(app, f"/en/casework/clients/{client_id}/suggestions", "caseworker")
    assert body.count("Verified on 2026-10-01 according to test") >= 2
    flagged = [
        item for item in body.split("<li>") if "Organization not answering its verification reminders" in item
    ]
    assert len(flagged) == 1 and "Service pantry" in flagged[0]
