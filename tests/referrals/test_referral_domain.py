"""A referral as the domain keeps it: made with a consent record, its response target in Québec business
days, the messages it plans, every change an event; consent withdrawn stops the recipient's links at once;
links tampered, expired, replayed or for another purpose are refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from app.core.accounts.users import add_user
from app.core.models import Service
from app.core.models.accounts import Team
from app.core.models.casework import Client
from app.core.models.referrals import Referral
from app.core.referrals import links
from app.core.referrals.consent import ConsentError, check_terms, shares
from app.core.referrals.referrals import ReferralError, change_status, create_referral, withdraw_consent
from app.core.referrals.status import TransitionError
from app.web.extensions import db
from tests.helpers import invoke
from tests.matching.builder import Spec, build

SECRET = "a test secret of the right length"
SENT = datetime(2026, 4, 2, 15, 0)  # the Thursday before Good Friday


@pytest.fixture
def ready(app: Flask, tmp_path: Path) -> dict[str, object]:
    folder = build(tmp_path / "pkg", [Spec("pantry"), Spec("nobody")])
    assert invoke(app, "import", str(folder), "--lang", "fr", "--source", "t").exit_code == 0
    with app.app_context():
        pantry = db.session.scalars(select(Service).where(Service.source_id == "svc-pantry")).one()
        pantry.email = "intake@pantry.example.org"
        worker = add_user(db.session, "worker@example.org", "caseworker", team_name="Équipe Est")
        team = db.session.scalars(select(Team).where(Team.name == "Équipe Est")).one()
        client = Client(
            team_id=team.id,
            display_name="Ana P.",
            languages=["es"],
            contact_preference="email",
            contact="ana@example.org",
        )
        db.session.add(client)
        db.session.commit()
        return {"pantry": pantry.id, "worker": worker.id, "client": client.id}


def _make(app: Flask, ready: dict[str, object], service_key: str = "pantry") -> int:
    from app.core.models.accounts import UserAccount

    terms = check_terms(["name", "needs"], None, "verbal", SENT.date())
    actor = db.session.get(UserAccount, ready["worker"])
    client = db.session.get(Client, ready["client"])
    referral = create_referral(
        db.session, actor, client, str(ready[service_key]), terms, now=SENT, need="food-bank"
    )
    db.session.commit()
    return referral.id


def test_a_referral_carries_its_consent_and_its_target(app: Flask, ready: dict[str, object]) -> None:
    with app.app_context():
        referral = db.session.get(Referral, _make(app, ready))
        assert referral.status == "requested" and referral.recipient_email == "intake@pantry.example.org"
        assert referral.respond_by == datetime(2026, 4, 7, 15, 0)  # Good Friday and the weekend skipped
        assert referral.consent.facts == ["name", "needs"] and referral.consent.method == "verbal"
        assert referral.consent.valid_until == SENT.date() + timedelta(days=90)
        assert [n.kind for n in referral.notices] == ["referral", "reminder-1", "reminder-2", "check-in"]
        assert [(e.from_status, e.to_status, e.actor_kind) for e in referral.events] == [
            (None, "requested", "user")
        ]
        today = SENT.date()
        assert shares(referral.consent, "needs", today) and not shares(referral.consent, "contact", today)


def test_no_recipient_no_referral(app: Flask, ready: dict[str, object]) -> None:
    with app.app_context():
        nobody = db.session.scalars(select(Service.id).where(Service.source_id == "svc-nobody")).one()
        with pytest.raises(ReferralError) as raised:
            _make(app, {**ready, "nobody": nobody}, "nobody")
        assert raised.value.code == "no_recipient"


def test_bad_consent_terms_are_named() -> None:
    with pytest.raises(ConsentError) as raised:
        check_terms(["name", "diagnosis"], None, "verbal", date(2026, 4, 2))
    assert raised.value.field == "facts"
    with pytest.raises(ConsentError) as raised:
        check_terms(["name"], date(2026, 4, 1), "verbal", date(2026, 4, 2))
    assert raised.value.field == "valid_until"
    with pytest.raises(ConsentError) as raised:
        check_terms(["name"], None, "", date(2026, 4, 2))
    assert raised.value.field == "method"


def test_changes_are_events_and_the_first_answer_is_timed(app: Flask, ready: dict[str, object]) -> None:
    with app.app_context():
        referral = db.session.get(Referral, _make(app, ready))
        answered = SENT + timedelta(days=1)
        change_status(db.session, referral, "accepted", now=answered, actor_kind="agency-link")
        assert referral.first_answer_at == answered
        assert "reminder-1" not in [n.kind for n in referral.notices]  # answered: no reminder
        with pytest.raises(TransitionError):
            change_status(db.session, referral, "requested", now=answered)
        change_status(
            db.session, referral, "completed", now=answered, outcome="got-help", actor_kind="agency-link"
        )
        assert referral.closed_at == answered and referral.outcome == "got-help"
        assert [e.to_status for e in referral.events] == ["requested", "accepted", "completed"]


def test_links_refused_when_tampered_expired_replayed_or_withdrawn(
    app: Flask, ready: dict[str, object]
) -> None:
    with app.app_context():
        referral_id = _make(app, ready)
        today = SENT.date()
        token = links.make_token(SECRET, referral_id, "accept")
        referral, claim = links.open_link(db.session, SECRET, token, "accept", today)
        assert referral.id == referral_id
        with pytest.raises(links.LinkRefused) as raised:
            links.open_link(db.session, SECRET, token[:-3] + "xyz", "accept", today)
        assert raised.value.code == "tampered"
        with pytest.raises(links.LinkRefused) as raised:
            links.open_link(db.session, SECRET, token, "outcome", today)  # another purpose
        assert raised.value.code == "tampered"
        links.spend(db.session, claim)
        db.session.commit()
        with pytest.raises(links.LinkRefused) as raised:
            links.open_link(db.session, SECRET, token, "accept", today)
        assert raised.value.code == "used"
        fresh = links.make_token(SECRET, referral_id, "decline")
        with time_machine.travel(datetime.now() + timedelta(days=links.LINK_DAYS + 1)):
            with pytest.raises(links.LinkRefused) as raised:
                links.open_link(db.session, SECRET, fresh, "decline", today)
            assert raised.value.code == "expired"
        withdraw_consent(db.session, None, db.session.get(Referral, referral_id), now=SENT)
        db.session.commit()
        with pytest.raises(links.LinkRefused) as raised:
            links.open_link(db.session, SECRET, fresh, "decline", today)
        assert raised.value.code == "withdrawn"
        referral = db.session.get(Referral, referral_id)
        assert [n.kind for n in referral.notices] == ["check-in"]  # nothing more goes to the recipient
        assert referral.events[-1].detail == {"consent": "withdrawn"}
