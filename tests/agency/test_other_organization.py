"""An agency person never reads a draft of, nor changes, another organization's records: every portal route
is tried with the ids of another organization's organization, records, proposals, translations and
history, and each one refuses."""

from __future__ import annotations

import pytest
from flask import Flask

from app.core.accounts.users import add_user, set_password
from app.core.models import Organization
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, PASSWORD, add_people, agency_records, sign_in
from tests.accounts.test_route_matrix import ACCESS, AGENCY, EXAMPLE_VALUES

OTHER_ORGANIZATION = "00000000-0000-4000-8000-0000000000b2"


@pytest.fixture
def outsider(app: Flask, monkeypatch: pytest.MonkeyPatch) -> object:
    app.config["WTF_CSRF_ENABLED"] = False  # the guard is under test, not the token
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    with app.app_context():
        db.session.add(
            Organization(
                id=OTHER_ORGANIZATION, data_source="test", source_id="b2", name={"fr": "Organisme B"}
            )
        )
        db.session.flush()
        person = add_user(
            db.session, "b@organisme-b.org", "agency", organization_id=OTHER_ORGANIZATION, agency_admin=True
        )
        set_password(db.session, person, PASSWORD)
        db.session.commit()
        for key, value in agency_records(ORGANIZATION_ID).items():
            monkeypatch.setitem(EXAMPLE_VALUES, key, value)
    browser = app.test_client()
    assert sign_in(browser, "b@organisme-b.org").status_code == 302
    return browser


def test_every_portal_route_refuses_another_organizations_ids(app: Flask, outsider: object) -> None:
    tried, problems = 0, []
    for rule in app.url_map.iter_rules():
        if ACCESS.get(rule.endpoint) != AGENCY:
            continue
        url = rule.build({k: EXAMPLE_VALUES[k] for k in rule.arguments}, append_unknown=False)[1]
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            tried += 1
            answer = outsider.open(url, method=method)  # type: ignore[attr-defined]
            if answer.status_code != 403:
                problems.append(f"{method} {url}: {answer.status_code}")
    assert tried > 15
    assert problems == []


def test_the_outsider_reaches_their_own_organization(app: Flask, outsider: object) -> None:
    assert outsider.get(f"/en/agency/org/{OTHER_ORGANIZATION}").status_code == 200  # type: ignore[attr-defined]
    page = outsider.get("/en/agency/").get_data(as_text=True)  # type: ignore[attr-defined]
    assert "Organisme B" in page and "Organisme A" not in page
