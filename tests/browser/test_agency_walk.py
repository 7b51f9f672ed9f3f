"""The agency portal in a real browser: an agency person signs in and changes the hours of a place, a
reviewer approves, and the public page shows the new hours and that they were verified today; axe finds no
serious violation on any page of the portal (the agency's, the reviewer's, the public's suggestion form)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.core.accounts.users import add_user, set_password
from app.web.extensions import db
from tests.accounts.people import PASSWORD
from tests.agency.listings import ids, import_package, write_package
from tests.browser.conftest import axe_violations, serve

AGENT, STAFF = "marie@cuisineplateau.org", "staff@example.org"


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    from tests.conftest import _sqlite_app

    folder = tmp_path_factory.mktemp("agency")
    app: Flask = _sqlite_app(folder / "db", sqlite_template)
    app.config["RATELIMIT_ENABLED"] = False
    import_package(app, write_package(folder / "pkg"))
    found = ids(app)
    with app.app_context():
        agent = add_user(db.session, AGENT, "agency", organization_id=found["org-1"], agency_admin=True)
        staff = add_user(db.session, STAFF, "admin")
        for person in (agent, staff):
            set_password(db.session, person, PASSWORD)
        db.session.commit()
    base, server = serve(app)
    yield base, found
    server.shutdown()


def _sign_in(context: Any, site: str, email: str) -> Any:
    page = context.new_page()
    page.goto(f"{site}/en/signin")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account")
    return page


def test_hours_changed_by_the_agency_reach_the_public_page_once_approved(
    browser: Any, site: tuple[str, dict[str, str]]
) -> None:
    base, found = site
    seen: list[tuple[str, list[Any]]] = []
    agency = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = _sign_in(agency, base, AGENT)
    page.goto(f"{base}/en/agency/")
    seen.append((page.url, axe_violations(page)))
    page.get_by_role("link", name="Cuisine collective du Plateau").click()
    page.wait_for_url("**/agency/org/*")
    seen.append((page.url, axe_violations(page)))
    page.get_by_role("link", name="Edit Local principal").click()
    page.wait_for_url("**/edit")
    seen.append((page.url, axe_violations(page)))
    page.get_by_label("Thursday · Opens").first.fill("10:00")
    page.get_by_label("Thursday · Closes").first.fill("16:00")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_url("**/agency/proposals/*")
    assert "waiting for review" in page.content()
    seen.append((page.url, axe_violations(page)))
    for path in (
        f"/en/agency/org/{found['org-1']}/hours",
        f"/en/agency/location/{found['loc-1']}/history",
        f"/en/agency/org/{found['org-1']}/services/new",
        f"/en/agency/org/{found['org-1']}/verification",
        f"/en/agency/org/{found['org-1']}/notices",
        "/en/agency/claim?q=Cuisine",
        f"/fr/agency/org/{found['org-1']}",
        f"/fr/agency/location/{found['loc-1']}/edit",
    ):
        page.goto(base + path)
        seen.append((page.url, axe_violations(page)))
    agency.close()

    staff = browser.new_context(bypass_csp=True)
    page = _sign_in(staff, base, STAFF)
    page.goto(f"{base}/en/review/")
    seen.append((page.url, axe_violations(page)))
    page.get_by_role("link", name="Change no.").first.click()
    page.wait_for_url("**/review/proposals/*")
    seen.append((page.url, axe_violations(page)))
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/review/")
    assert "Approved and published" in page.content()
    for path in ("/en/review/organizations", "/en/review/merges", "/en/review/merge"):
        page.goto(base + path)
        seen.append((page.url, axe_violations(page)))
    staff.close()

    public = browser.new_context(bypass_csp=True)
    page = public.new_page()
    page.goto(f"{base}/en/services/{found['svc-1']}")
    row = page.get_by_role("row", name="Thursday")
    assert "10:00" in row.inner_text() and "16:00" in row.inner_text()
    assert "verified today by the agency" in page.content().lower()
    page.goto(f"{base}/en/services/{found['svc-1']}/suggest")
    seen.append((page.url, axe_violations(page)))
    public.close()
    problems = [(url, [(v["id"], v["help"]) for v in items]) for url, items in seen if items]
    assert problems == []
