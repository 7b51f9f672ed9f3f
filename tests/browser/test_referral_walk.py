"""The referral loop in a real browser: a caseworker refers a client with consent; the agency, with no
account, accepts and then records the outcome from the links of the e-mail it received (a real SMTP server);
the caseworker sees the loop closed. axe on the pages of the walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.models import Service
from app.core.models.accounts import Team
from app.core.models.casework import Client, ShortlistItem
from app.web.extensions import db
from tests.accounts.people import PASSWORD
from tests.browser.conftest import axe_violations, mailing_site, serve
from tests.matching.builder import Spec
from tests.smtp import Inbox

LINK = re.compile(r"http://\S+/referral/(accept|outcome)/\S+")


@pytest.fixture
def site(
    tmp_path: Path, sqlite_template: Path, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, int]]:
    app = mailing_site(tmp_path, sqlite_template, smtp_inbox.environment(), monkeypatch, [Spec("pantry")])
    with app.app_context():
        service = db.session.scalars(select(Service)).one()
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Centre")).one()
        client = Client(
            team_id=team.id, display_name="Walk Client", preferred_language="en", languages=["en"]
        )
        db.session.add(client)
        db.session.flush()
        db.session.add(ShortlistItem(client_id=client.id, service_id=service.id, need="food-bank"))
        db.session.commit()
        client_id = client.id
    base, server = serve(app)
    yield base, client_id
    server.shutdown()


def test_a_referral_goes_round_the_loop(browser: Any, site: tuple[str, int], smtp_inbox: Inbox) -> None:
    base, client_id = site
    seen: list[tuple[str, list[Any]]] = []
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/en/signin")
    page.get_by_label("E-mail").fill("caseworker@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account")
    page.goto(f"{base}/en/casework/clients/{client_id}/suggestions")
    page.locator("a[href*='/refer/']").first.click()  # the list's "Refer", not the menu's "Referrals"
    page.wait_for_url("**/refer/**")
    seen.append((page.url, axe_violations(page)))
    page.get_by_label("The person agreed out loud; I attest it").check()
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/casework/referrals/*")
    assert page.get_by_text("Requested").first.is_visible()
    [message] = smtp_inbox.to("intake@pantry.example.org")
    links = {m.group(1): m.group(0) for m in LINK.finditer(Inbox.text(message))}
    agency = browser.new_context(bypass_csp=True).new_page()  # another person, never signed in
    agency.goto(links["accept"])
    seen.append((agency.url, axe_violations(agency)))
    agency.get_by_role("button", name="Accept the referral").click()
    assert agency.get_by_role("heading", name="Thank you: your answer is recorded").is_visible()
    agency.goto(links["outcome"])
    agency.get_by_label("Where it stands").select_option("completed")
    agency.get_by_label("Outcome (when it ended)").select_option("got-help")
    agency.get_by_role("button", name="Record it").click()
    assert agency.get_by_text("The referral is now: Completed").is_visible()
    page.reload()
    assert page.get_by_text("Completed · Got help").first.is_visible()  # the loop, closed
    seen.append((page.url, axe_violations(page)))
    context.close()
    assert [(url, [v["id"] for v in found]) for url, found in seen if found] == []
