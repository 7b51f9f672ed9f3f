"""Verification as an agency and the directory's staff live it, on a frozen clock, through the pages and the
e-mails of a real SMTP server: `carrefour notify` reminds the agency at 11 and 12 months (each once), tells
staff at 13 and flags the organization to caseworkers; a confirmation in one click (signed link, no sign-in)
restarts the cycle, and the old link stops working."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import func, select

from app.core.agency import verification as upkeep
from app.core.models import Organization, Service
from app.core.models.accounts import UserAccount
from app.core.models.agency import OrganizationClaim, OrganizationStanding, UpkeepNotice, Verification
from app.core.settings import ConfigError, flask_config, load_settings
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, form_token
from tests.agency.upkeep_fixtures import browser, local, setting_up, verify_links
from tests.helpers import invoke
from tests.smtp import Inbox

OTHER_ORGANIZATION = "00000000-0000-4000-8000-0000000000b2"


def notify(app: Flask) -> str:
    result = invoke(app, "notify")
    assert result.exit_code == 0, result.output
    return str(result.output)


def unresponsive(app: Flask) -> bool:
    with app.app_context():
        standing = db.session.get(OrganizationStanding, ORGANIZATION_ID)
        return bool(standing and standing.unresponsive)


def service_page(app: Flask, role: str | None, service_id: str) -> str:
    page = browser(app, role).get(f"/en/services/{service_id}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


FLAG = "this organization has not confirmed its listings despite reminders"


def test_reminders_at_11_and_12_months_then_staff_at_13(
    app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2025, 1, 15), tick=False) as clock:
        ids = setting_up(app, monkeypatch, smtp_inbox)
        clock.move_to(local(2025, 12, 14))
        assert "Verification reminders sent: 0." in notify(app)
        assert smtp_inbox.to("agency@example.org") == []

        clock.move_to(local(2025, 12, 15))  # 11 months
        assert "Verification reminders sent: 1." in notify(app)
        [first] = smtp_inbox.to("agency@example.org")
        assert (
            first["Subject"] == "Les fiches de Organisme A sont-elles toujours exactes?"
        )  # the member's language
        assert "2026-01-15" in Inbox.text(first) and len(verify_links(first)) == 1
        notify(app)
        clock.move_to(local(2026, 1, 14))
        notify(app)
        assert len(smtp_inbox.to("agency@example.org")) == 1  # once

        clock.move_to(local(2026, 1, 15))  # 12 months
        notify(app)
        notify(app)
        reminders = smtp_inbox.to("agency@example.org")
        assert len(reminders) == 2 and reminders[1]["Subject"].startswith("Rappel")
        assert smtp_inbox.to("admin@example.org") == [] and not unresponsive(app)
        assert FLAG not in service_page(app, "caseworker", ids[0])

        clock.move_to(local(2026, 2, 15))  # 13 months
        assert "Organizations escalated to staff: 1." in notify(app)
        notify(app)
        [escalation] = smtp_inbox.to("admin@example.org")
        assert "Organisme A" in escalation["Subject"] and "/review/organizations" in Inbox.text(escalation)
        assert len(smtp_inbox.to("agency@example.org")) == 2 and unresponsive(app)

        # Flagged to caseworkers (and staff), not to the public.
        assert FLAG in service_page(app, "caseworker", ids[0])
        assert FLAG not in service_page(app, None, ids[0])
        staff = browser(app, "admin").get("/en/review/organizations").get_data(as_text=True)
        assert "Organisme A" in staff and "Not answering" in staff

        # One click in the portal: no longer unresponsive.
        agency = browser(app, "agency")
        page = agency.get(f"/en/agency/org/{ORGANIZATION_ID}/verification").get_data(as_text=True)
        answer = agency.post(
            f"/en/agency/org/{ORGANIZATION_ID}/verify/hours", data={"csrf_token": form_token(page)}
        )
        assert answer.status_code == 303
        assert not unresponsive(app)
        assert FLAG not in service_page(app, "caseworker", ids[0])


def _confirm(client: Any, link: str, section: str) -> tuple[int, str]:
    page = client.get(link)
    if page.status_code != 200:
        return page.status_code, page.get_data(as_text=True)
    answer = client.post(
        link, data={"csrf_token": form_token(page.get_data(as_text=True)), "section": section}
    )
    return answer.status_code, answer.get_data(as_text=True)


def test_confirming_restarts_the_cycle_and_kills_the_old_link(
    app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2025, 1, 15), tick=False) as clock:
        ids = setting_up(app, monkeypatch, smtp_inbox)
        clock.move_to(local(2025, 12, 15))
        notify(app)
        [link] = verify_links(smtp_inbox.to("agency@example.org")[0])
        visitor = app.test_client()  # no account, no sign-in: the link is the key
        page = visitor.get(link)
        assert page.status_code == 200 and page.get_data(as_text=True).count("Toujours exact") == 3
        with app.app_context():
            assert (
                db.session.scalar(select(func.count()).select_from(Verification)) == 0
            )  # a GET changes nothing

        code, text = _confirm(visitor, link, "hours")
        assert code == 200 and "Merci : la section est confirmée." in text
        with app.app_context():
            service = db.session.get(Service, ids[0])
            assert (
                service.assured_date == date(2025, 12, 15) and service.assurer_email == "agency@example.org"
            )
            [row] = db.session.scalars(select(Verification)).all()
            assert row.section == "hours" and row.verified_by is not None
        code, text = _confirm(visitor, link, "eligibility")  # the cycle still counts from the contacts
        assert code == 200
        code, text = _confirm(visitor, link, "contacts")
        assert code == 200 and "Vos fiches sont confirmées" in text
        code, text = _confirm(visitor, link, "hours")
        assert code == 410  # a new cycle: the old link no longer works
        assert visitor.get(link[:-3] + "xyz").status_code == 400  # tampered

        clock.move_to(local(2026, 1, 15))
        notify(app)
        assert len(smtp_inbox.to("agency@example.org")) == 1  # nothing due in the new cycle yet
        clock.move_to(local(2026, 11, 15))  # 11 months into the new cycle
        notify(app)
        assert len(smtp_inbox.to("agency@example.org")) == 2
        with app.app_context():
            cycles = set(db.session.scalars(select(UpkeepNotice.cycle)))
        assert cycles == {"2025-01-15", "2025-12-15"}


def test_the_portal_page_confirms_each_section_in_one_click(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2026, 3, 2), tick=False):
        setting_up(app, monkeypatch)
        agency = browser(app, "agency")
        url = f"/en/agency/org/{ORGANIZATION_ID}/verification"
        page = agency.get(url).get_data(as_text=True)
        assert page.count("Never confirmed") == 3 and "Due by" in page and "2027-03-02" in page
        answer = agency.post(
            f"/en/agency/org/{ORGANIZATION_ID}/verify/contacts", data={"csrf_token": form_token(page)}
        )
        assert answer.status_code == 303
        page = agency.get(answer.headers["Location"]).get_data(as_text=True)
        assert "Thank you: the section is confirmed." in page and page.count("Never confirmed") == 2
        assert "2026-03-02 · by agency@example.org" in page
        assert (
            agency.post(
                f"/en/agency/org/{ORGANIZATION_ID}/verify/prices", data={"csrf_token": form_token(page)}
            ).status_code
            == 404
        )
        # Another organization's page is refused before anything of it is read.
        with app.app_context():
            db.session.add(
                Organization(id=OTHER_ORGANIZATION, data_source="test", source_id="b2", name={"fr": "B"})
            )
            db.session.commit()
        assert agency.get(f"/en/agency/org/{OTHER_ORGANIZATION}/verification").status_code == 403
        assert browser(app, "caseworker").get(url).status_code == 403


def test_the_cycle_counts_from_the_oldest_section_or_the_claim(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(local(2024, 6, 1), tick=False):
        setting_up(app, monkeypatch)
    with app.app_context():
        user = db.session.scalars(select(UserAccount).where(UserAccount.email == "agency@example.org")).one()
        db.session.add(
            OrganizationClaim(
                organization_id=ORGANIZATION_ID,
                user_id=user.id,
                status="approved",
                decided_at=datetime(2025, 2, 10, 15),
            )
        )
        for section, day in (("hours", datetime(2025, 9, 1, 15)), ("eligibility", datetime(2025, 5, 1, 15))):
            db.session.add(Verification(organization_id=ORGANIZATION_ID, section=section, verified_at=day))
        db.session.add(
            Verification(organization_id=ORGANIZATION_ID, section="hours", verified_at=datetime(2025, 3, 1))
        )
        db.session.commit()
        state = upkeep.verification_state(db.session, ORGANIZATION_ID, date(2025, 10, 1))
        assert state is not None
        # Contacts were never confirmed: they count from the claim's approval, the oldest of the three.
        assert state.cycle_start == date(2025, 2, 10) and state.due_on == date(2026, 2, 10)
        assert state.section("hours").verified_on == date(2025, 9, 1)  # the latest confirmation counts
        db.session.add(
            Verification(
                organization_id=ORGANIZATION_ID, section="contacts", verified_at=datetime(2025, 9, 20, 15)
            )
        )
        db.session.flush()
        state = upkeep.verification_state(db.session, ORGANIZATION_ID, date(2025, 10, 1))
        assert state is not None and state.cycle_start == date(2025, 5, 1)  # now eligibility is the oldest
        assert not state.overdue and not state.due_soon


def test_staff_set_the_cycle_and_trust(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    with time_machine.travel(local(2026, 1, 10), tick=False):
        setting_up(app, monkeypatch)
        staff = browser(app, "admin")
        page = staff.get("/en/review/organizations").get_data(as_text=True)
        url = f"/en/review/organizations/{ORGANIZATION_ID}"
        answer = staff.post(url, data={"csrf_token": form_token(page), "trusted": "1", "cycle_months": "6"})
        assert answer.status_code == 303
        assert "settings are saved" in staff.get(answer.headers["Location"]).get_data(as_text=True)
        with app.app_context():
            standing = db.session.get(OrganizationStanding, ORGANIZATION_ID)
            assert standing.trusted and standing.cycle_months == 6
            state = upkeep.verification_state(db.session, ORGANIZATION_ID, date(2026, 6, 10))
            assert state is not None and state.due_on == date(2026, 7, 10) and state.due_soon
            [due] = upkeep.due_upkeep(db.session, date(2026, 6, 10))
            assert due.kind == upkeep.FIRST_REMINDER and [u.email for u in due.recipients] == [
                "agency@example.org"
            ]
        answer = staff.post(url, data={"csrf_token": form_token(page), "cycle_months": "1"})
        assert "from 3 to 60" in staff.get(answer.headers["Location"]).get_data(as_text=True)
        assert browser(app, "agency").get("/en/review/organizations").status_code == 403


def test_the_default_cycle_is_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("CARREFOUR_INSTANCE", str(tmp_path))
    assert flask_config(load_settings())["CARREFOUR_VERIFICATION_MONTHS"] == 12
    monkeypatch.setenv("CARREFOUR_VERIFICATION_MONTHS", "18")
    assert flask_config(load_settings())["CARREFOUR_VERIFICATION_MONTHS"] == 18
    monkeypatch.setenv("CARREFOUR_VERIFICATION_MONTHS", "1")
    with pytest.raises(ConfigError, match="CARREFOUR_VERIFICATION_MONTHS"):
        load_settings()


def test_each_step_waits_a_month_after_the_one_before() -> None:
    state = upkeep.VerificationState("o", (), date(2023, 1, 1), 12, date(2025, 6, 1))
    assert upkeep.next_step(state, {}) == upkeep.FIRST_REMINDER  # long overdue: the first reminder first
    sent = {upkeep.FIRST_REMINDER: datetime(2025, 6, 1, 15)}
    assert upkeep.next_step(state, sent) is None
    later = upkeep.VerificationState("o", (), date(2023, 1, 1), 12, date(2025, 7, 1))
    assert upkeep.next_step(later, sent) == upkeep.SECOND_REMINDER
    sent[upkeep.SECOND_REMINDER] = datetime(2025, 7, 1, 15)
    assert upkeep.next_step(later, sent) is None
    assert upkeep.next_step(
        upkeep.VerificationState("o", (), date(2023, 1, 1), 12, date(2025, 8, 1)), sent
    ) == (upkeep.ESCALATION)
    assert upkeep.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert upkeep.add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
