"""People of every role for the accounts tests, and signing them in as a browser would (with the CSRF token
the form carries)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.core.accounts.users import add_user, set_password
from app.core.models import Organization
from app.web.extensions import db

PASSWORD = "a long sentence of a password"
ORGANIZATION_ID = "00000000-0000-4000-8000-0000000000a1"
ROLES = ("anonymous", "agency", "caseworker", "supervisor", "admin")


@dataclass(frozen=True)
class Person:
    role: str
    email: str


def form_token(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert found, "the form carries no CSRF token"
    return found.group(1)


def form_fields(page: str) -> dict[str, str]:
    """A form's fields as the page fills them (inputs, textareas, selected options) and its CSRF token,
    as a browser would send them."""
    data: dict[str, str] = {"csrf_token": form_token(page)}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data.setdefault(name, html.unescape(value))
    for name in re.findall(r'<input[^>]*name="([^"]+)"', page):
        data.setdefault(name, "")
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(value)
    for name, value in re.findall(
        r'<select[^>]*name="([^"]+)".*?<option value="([^"]*)" selected', page, re.S
    ):
        data[name] = value
    return data


def add_people(app: Flask) -> dict[str, Person]:
    """One person per role (a caseworker and a supervisor of the same team, an agency of one organization)."""
    with app.app_context():
        if db.session.get(Organization, ORGANIZATION_ID) is None:
            db.session.add(
                Organization(
                    id=ORGANIZATION_ID, data_source="test", source_id="a1", name={"fr": "Organisme A"}
                )
            )
        people = {}
        for role in ROLES[1:]:
            email = f"{role}@example.org"
            user = add_user(
                db.session,
                email,
                role,
                team_name="Équipe Centre" if role in ("caseworker", "supervisor") else None,
                organization_id=ORGANIZATION_ID if role == "agency" else None,
                agency_admin=role == "agency",
            )
            set_password(db.session, user, PASSWORD)
            people[role] = Person(role, email)
        db.session.commit()
    return people


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, lang: str = "en") -> TestResponse:
    page = client.get(f"/{lang}/signin").get_data(as_text=True)
    data = {"email": email, "password": password}
    if "csrf_token" in page:  # absent only where a test turned CSRF off
        data["csrf_token"] = form_token(page)
    return client.post(f"/{lang}/signin", data=data)


def agency_records(organization_id: str) -> dict[str, str]:
    """A proposal, a translation marked out of date and a history row of the organization, for the routes
    that name one (in an app context)."""
    from app.core.agency.proposals import Edit, history, propose, publish, stale_translations

    proposal = propose(
        db.session,
        organization_id,
        [],
        author=None,
        origin="public",
        title="suggestion:other",
        message="Hours",
    )
    published = propose(
        db.session,
        organization_id,
        [Edit("organization", organization_id, "name", {"fr": "Organisme A, nouveau nom", "en": "Agency A"})],
        author=None,
        origin="staff",
    )
    publish(db.session, published, None)
    changed = propose(
        db.session,
        organization_id,
        [Edit("organization", organization_id, "name", {"fr": "Organisme A", "en": "Agency A"})],
        author=None,
        origin="staff",
    )
    publish(db.session, changed, None)
    db.session.commit()
    [flag] = stale_translations(db.session, organization_id)
    entry = history(db.session, "organization", organization_id)[0]
    from datetime import date, timedelta

    from app.core.models import Service, TemporaryNotice

    service = Service(
        id="00000000-0000-4000-8000-0000000000c1",
        data_source="test",
        source_id="c1",
        organization_id=organization_id,
        name={"fr": "Service A"},
        status="active",
    )
    db.session.add(service)
    db.session.flush()
    notice = TemporaryNotice(
        organization_id=organization_id,
        service_id=service.id,
        message={"fr": "Fermé"},
        closed=True,
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=3),
    )
    db.session.add(notice)
    db.session.commit()
    return {
        "proposal_id": str(proposal.id),
        "flag_id": str(flag.id),
        "entry_id": entry.id,
        "notice_id": str(notice.id),
    }
