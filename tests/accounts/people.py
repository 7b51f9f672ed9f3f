"""People of every role for the accounts tests, and signing them in as a browser would (with the CSRF token
the form carries)."""

from __future__ import annotations

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
