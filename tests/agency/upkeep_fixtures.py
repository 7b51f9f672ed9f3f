"""What the upkeep tests share: an organization with an agency member and two services, e-mail through a real
SMTP server, and signing people in."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.core.hours import LOCAL
from app.core.models import Service
from app.core.settings import load_settings, smtp_server
from app.web.extensions import db
from tests.accounts.people import ORGANIZATION_ID, add_people, sign_in
from tests.smtp import Inbox

LINK = re.compile(r"http://\S+/agency/verify/\S+")
SERVICES = {
    "svc-pantry": "00000000-0000-4000-8000-00000000b001",
    "svc-meals": "00000000-0000-4000-8000-00000000b002",
}


def local(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=LOCAL)


def add_services(app: Flask) -> list[str]:
    """Two services of the agency's organization (imported, never verified)."""
    with app.app_context():
        ids = []
        for key, service_id in SERVICES.items():
            service = Service(
                id=service_id,
                organization_id=ORGANIZATION_ID,
                data_source="montreal-211",
                source_id=key,
                name={"fr": f"Service {key[4:]}", "en": f"Service {key[4:]}"},
                status="active",
            )
            db.session.add(service)
            ids.append(service.id)
        db.session.commit()
        return ids


def setting_up(app: Flask, monkeypatch: pytest.MonkeyPatch, inbox: Inbox | None = None) -> list[str]:
    if inbox is not None:
        for name, value in inbox.environment().items():
            monkeypatch.setenv(name, value)
        app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    return add_services(app)


def browser(app: Flask, role: str | None) -> FlaskClient:
    client = app.test_client()
    if role is not None:
        assert sign_in(client, f"{role}@example.org").status_code == 302
    return client


def verify_links(message: object) -> list[str]:
    """The verification links of an e-mail, as paths of this site."""
    text = Inbox.text(message)  # type: ignore[arg-type]
    return [re.sub(r"^http://[^/]+", "", m.group(0)) for m in LINK.finditer(text)]
