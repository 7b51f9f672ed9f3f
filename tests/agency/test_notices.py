"""Temporary notices: one form adds a holiday closure to several services at once; it shows on the service
page and in results until its last day, then is gone by itself; a closure keeps the matcher from suggesting
the service until it ends (it is listed as not suggested, with why); a notice can be ended early."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from app.core.accounts.users import add_user, set_password
from app.core.agency import notices
from app.core.models import Organization, Service
from app.core.models.agency import TemporaryNotice
from app.matching.matcher import Matcher
from app.matching.profile import parse_profile
from app.web.extensions import db
from app.web.search import search_service
from tests.accounts.people import ORGANIZATION_ID, PASSWORD, form_token, sign_in
from tests.agency.upkeep_fixtures import browser, local, setting_up
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build

OTHER = "00000000-0000-4000-8000-0000000000b2"
HOLIDAYS = {
    "fr": "Fermé pour les Fêtes, de retour le 4 janvier.",
    "en": "Closed for the holidays, back on 4 January.",
}


def test_one_call_adds_a_notice_to_several_services_or_says_every_problem(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = setting_up(app, monkeypatch)
    with app.app_context():
        db.session.add(
            Organization(
                id="00000000-0000-4000-8000-0000000000b2", data_source="t", source_id="b2", name={"fr": "B"}
            )
        )
        db.session.add(
            Service(
                id="00000000-0000-4000-8000-00000000c001",
                organization_id="00000000-0000-4000-8000-0000000000b2",
                data_source="t",
                source_id="other",
                name={"fr": "Autre"},
                status="active",
            )
        )
        db.session.commit()
        today = date(2026, 12, 1)
        added = notices.add_notices(
            db.session,
            ORGANIZATION_ID,
            ids,
            message=HOLIDAYS,
            closed=True,
            starts_on=date(2026, 12, 20),
            ends_on=date(2027, 1, 3),
            author=None,
            today=today,
        )
        assert {n.service_id for n in added} == set(ids) and all(n.closed for n in added)
        with pytest.raises(notices.NoticeError) as error:
            notices.add_notices(
                db.session,
                ORGANIZATION_ID,
                [],
                message={"fr": " ", "en": ""},
                closed=False,
                starts_on=date(2026, 12, 20),
                ends_on=date(2026, 12, 19),
                author=None,
                today=today,
            )
        assert error.value.codes == {"no_services", "message_needed", "ends_before_start"}
        with pytest.raises(notices.NoticeError) as error:
            notices.add_notices(
                db.session,
                ORGANIZATION_ID,
                [ids[0], "00000000-0000-4000-8000-00000000c001"],
                message={"fr": "x" * 301},
                closed=False,
                starts_on=date(2026, 11, 1),
                ends_on=date(2026, 11, 30),
                author=None,
                today=today,
            )
        assert error.value.errors == [
            ("services", "other_organization"),
            ("message", "message_too_long"),
            ("ends_on", "ends_in_past"),
        ]
        assert len(db.session.scalars(select(TemporaryNotice)).all()) == 2  # nothing added by the failures
        assert notices.closed_service_ids(db.session, date(2026, 12, 19)) == set()
        assert notices.closed_service_ids(db.session, date(2026, 12, 20)) == set(ids)
        assert notices.closed_service_ids(db.session, date(2027, 1, 3), ids[:1]) == {ids[0]}
        assert notices.closed_service_ids(db.session, date(2027, 1, 4)) == set()
        assert set(notices.active_notices(db.session, ids, date(2026, 12, 25))) == set(ids)


def _page(app: Flask, role: str | None, url: str) -> str:
    answer = browser(app, role).get(url)
    assert answer.status_code == 200, url
    return answer.get_data(as_text=True)


def test_a_holiday_closure_shows_then_is_gone_after_its_last_day(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2026, 12, 1), tick=False) as clock:
        ids = setting_up(app, monkeypatch)
        assert invoke(app, "index").exit_code == 0
        agency = browser(app, "agency")
        url = f"/en/agency/org/{ORGANIZATION_ID}/notices"
        form = agency.get(url).get_data(as_text=True)
        fields: dict[str, Any] = {
            "csrf_token": form_token(form),
            "services": ids,
            "message_fr": HOLIDAYS["fr"],
            "message_en": HOLIDAYS["en"],
            "closed": "1",
            "starts_on": "2026-12-20",
            "ends_on": "2027-01-03",
        }
        refused = agency.post(url, data={**fields, "services": [], "ends_on": "2026-11-30"})
        assert refused.status_code == 400
        text = refused.get_data(as_text=True)
        assert "Choose at least one service." in text and "The last day comes before the first." in text
        answer = agency.post(url, data=fields)  # one form, both services
        assert answer.status_code == 303
        listed = agency.get(answer.headers["Location"]).get_data(as_text=True)
        assert (
            "The notice was added to the chosen services." in listed
            and listed.count("2026-12-20 to 2027-01-03") == 2
        )

        closed = "Temporarily closed until 2027-01-03."
        assert closed not in _page(app, None, f"/en/services/{ids[0]}")  # not yet
        clock.move_to(local(2026, 12, 20))
        for service_id in ids:
            page = _page(app, None, f"/en/services/{service_id}")
            assert closed in page and HOLIDAYS["en"] in page
        assert HOLIDAYS["fr"] in _page(app, None, f"/fr/services/{ids[0]}")
        results = _page(app, None, "/en/search?q=pantry")
        assert "Service pantry" in results and closed in results  # still found, with the closure said
        clock.move_to(local(2027, 1, 3))
        assert closed in _page(app, None, f"/en/services/{ids[1]}")  # the last day
        clock.move_to(local(2027, 1, 4))
        assert closed not in _page(app, None, f"/en/services/{ids[1]}")
        assert closed not in _page(app, None, "/en/search?q=pantry")
        past = browser(app, "agency").get(url).get_data(as_text=True)
        assert "Past notices" in past and "No notice right now." in past


def test_a_notice_ends_early_only_for_those_who_keep_its_organization(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2026, 5, 10), tick=False):
        ids = setting_up(app, monkeypatch)
        with app.app_context():
            [notice] = notices.add_notices(
                db.session,
                ORGANIZATION_ID,
                ids[:1],
                message={"en": "Renovations"},
                closed=False,
                starts_on=date(2026, 5, 1),
                ends_on=date(2026, 6, 30),
                author=None,
                today=date(2026, 5, 10),
            )
            db.session.commit()
            notice_id = notice.id
        assert "Renovations" in _page(app, None, f"/en/services/{ids[0]}")
        with app.app_context():  # the agency of another organization
            db.session.add(Organization(id=OTHER, data_source="t", source_id="b2", name={"fr": "B"}))
            db.session.flush()
            set_password(
                db.session,
                add_user(db.session, "other@example.org", "agency", organization_id=OTHER),
                PASSWORD,
            )
            db.session.commit()
        other = app.test_client()
        assert sign_in(other, "other@example.org").status_code == 302
        form = other.get(f"/en/agency/org/{OTHER}/notices").get_data(as_text=True)
        assert (
            other.post(
                f"/en/agency/notices/{notice_id}/end", data={"csrf_token": form_token(form)}
            ).status_code
            == 403
        )
        agency = browser(app, "agency")
        form = agency.get(f"/en/agency/org/{ORGANIZATION_ID}/notices").get_data(as_text=True)
        answer = agency.post(f"/en/agency/notices/{notice_id}/end", data={"csrf_token": form_token(form)})
        assert answer.status_code == 303
        assert "Renovations" not in _page(app, None, f"/en/services/{ids[0]}")
        with app.app_context():
            ended = db.session.get(TemporaryNotice, notice_id)
            assert ended.ends_on == date(2026, 5, 9) and ended.starts_on == date(2026, 5, 1)


def test_a_closed_service_is_skipped_by_the_matcher_until_the_closure_ends(
    app: Flask, tmp_path: Path
) -> None:
    folder = build(tmp_path / "pkg", [Spec("closed", lat=HOME[0] + 0.001), Spec("open", lat=HOME[0] + 0.01)])
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "test").exit_code == 0

    def match(at: str) -> dict[str, Any]:
        profile = {
            "needs": [{"category": "food-bank"}],
            "location": {"lat": HOME[0], "lon": HOME[1]},
            "locale": "en",
            "constraints": {"at": at},
        }
        with app.app_context():
            return Matcher(db.session, search_service()).match(parse_profile(profile))["needs"][0]

    assert [s["service_id"] for s in match("2026-12-24T10:00:00")["suggestions"]] == [
        "svc-closed",
        "svc-open",
    ]
    with app.app_context():
        service = db.session.scalars(select(Service).where(Service.source_id == "svc-closed")).one()
        notices.add_notices(
            db.session,
            service.organization_id,
            [service.id],
            message={"en": "Closed for the holidays"},
            closed=True,
            starts_on=date(2026, 12, 20),
            ends_on=date(2027, 1, 3),
            author=None,
            today=date(2026, 12, 1),
        )
        db.session.commit()
    during = match("2026-12-24T10:00:00")
    assert [s["service_id"] for s in during["suggestions"]] == ["svc-open"]
    [left_out] = during["not_suggested"]
    assert left_out["service_id"] == "svc-closed" and left_out["rule"] == "closed"
    assert left_out["text"] == "Temporarily closed until 2027-01-03: Closed for the holidays"
    assert during["excluded_count"] == 1
    after = match("2027-01-04T10:00:00")
    assert [s["service_id"] for s in after["suggestions"]] == ["svc-closed", "svc-open"]
