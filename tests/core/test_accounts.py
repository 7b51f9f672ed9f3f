"""Accounts: roles per scope, sign-in with lockout, password links that work once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.accounts import signin, users
from app.core.accounts.links import LinkError
from app.core.accounts.roles import powers_of
from app.core.models import AuditEvent, Organization, SignInFailure
from app.web.extensions import db

SECRET = "the-instance-secret-key-for-tests"


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with app.app_context():
        yield db.session
        db.session.rollback()


def _organization(session: Session, org_id: str = "00000000-0000-4000-8000-000000000001") -> str:
    session.add(Organization(id=org_id, data_source="t", source_id=org_id, name={"fr": "Org"}))
    session.flush()
    return org_id


def test_one_role_per_scope_and_the_powers_they_give(session: Session) -> None:
    org = _organization(session)
    ana = users.add_user(session, "Ana@Example.org", "caseworker", team_name="Équipe Nord")
    users.add_user(session, "ana@example.org", "supervisor", team_name="équipe nord")  # the same team
    users.add_user(session, "ana@example.org", "agency", organization_id=org, agency_admin=True)
    assert ana.email == "ana@example.org" and len(ana.memberships) == 2  # supervisor replaced caseworker
    powers = powers_of(ana)
    assert powers.roles == {"supervisor", "agency"}
    team_id = ana.memberships[0].team_id
    assert powers.supervises(team_id) and powers.works_in(team_id) and not powers.works_in(team_id + 1)
    assert powers.keeps(org) and org in powers.administered_organizations and not powers.admin
    users.disable_user(session, ana)
    assert powers_of(ana).roles == set()


@pytest.mark.parametrize(
    ("role", "kwargs", "code"),
    [
        ("caseworker", {}, "team_needed"),
        ("agency", {}, "organization_needed"),
        ("agency", {"organization_id": "nowhere"}, "unknown_organization"),
        ("admin", {"team_name": "Nord"}, "admin_has_no_scope"),
        ("boss", {}, "bad_role"),
    ],
)
def test_impossible_roles_are_refused_by_name(
    session: Session, role: str, kwargs: dict[str, str], code: str
) -> None:
    with pytest.raises(users.AccountError) as error:
        users.add_user(session, "bo@example.org", role, **kwargs)
    assert error.value.code == code


def test_a_bad_email_is_refused(session: Session) -> None:
    with pytest.raises(users.AccountError) as error:
        users.add_user(session, "not an e-mail", "admin")
    assert error.value.code == "bad_email"


def test_sign_in_checks_the_password_and_pauses_after_five_failures(session: Session) -> None:
    ana = users.add_user(session, "ana@example.org", "admin")
    users.set_password(session, ana, "a long enough phrase")
    assert signin.sign_in(session, SECRET, "ANA@example.org", "a long enough phrase", "10.0.0.1").user is ana
    for _ in range(signin.PER_EMAIL):
        assert signin.sign_in(session, SECRET, "ana@example.org", "wrong", "10.0.0.1").outcome == "refused"
    assert signin.sign_in(session, SECRET, "ana@example.org", "a long enough phrase", "10.0.0.2").outcome == (
        "paused"
    )
    # An e-mail without an account pauses the same way: the pause tells nothing.
    for _ in range(signin.PER_EMAIL):
        assert signin.sign_in(session, SECRET, "nobody@example.org", "x", "10.0.0.3").outcome == "refused"
    assert signin.sign_in(session, SECRET, "nobody@example.org", "x", "10.0.0.3").outcome == "paused"
    # Nothing typed is kept as such.
    stored = " ".join(f"{f.email_key} {f.address_key}" for f in session.scalars(select(SignInFailure)))
    assert "ana@example.org" not in stored and "10.0.0.1" not in stored


def test_many_e_mails_from_one_address_pause_that_address(session: Session) -> None:
    for number in range(signin.PER_ADDRESS):
        signin.sign_in(session, SECRET, f"guess{number}@example.org", "x", "10.9.9.9")
    assert signin.sign_in(session, SECRET, "other@example.org", "x", "10.9.9.9").outcome == "paused"
    assert signin.sign_in(session, SECRET, "other@example.org", "x", "10.9.9.8").outcome == "refused"


def test_a_disabled_account_is_refused_like_a_wrong_password(session: Session) -> None:
    ana = users.add_user(session, "ana@example.org", "admin")
    users.set_password(session, ana, "a long enough phrase")
    users.disable_user(session, ana)
    assert signin.sign_in(session, SECRET, "ana@example.org", "a long enough phrase", "1.1.1.1").outcome == (
        "refused"
    )


def test_an_invitation_link_sets_the_password_once(session: Session) -> None:
    ana = users.add_user(session, "ana@example.org", "admin")
    token = users.password_link_token(SECRET, users.INVITE, ana)
    holder = users.user_of_link(session, SECRET, users.INVITE, token)
    assert holder.user is ana
    with pytest.raises(LinkError):
        users.user_of_link(session, SECRET, users.RESET, token)  # an invitation is no reset link
    users.set_password(session, ana, "a long enough phrase")
    with pytest.raises(LinkError) as used:
        users.user_of_link(session, SECRET, users.INVITE, token)
    assert used.value.problem == "used"
    with pytest.raises(users.AccountError) as weak:
        users.set_password(session, ana, "short")
    assert weak.value.code == "password_too_short"


def test_operations_leave_an_audit_trail_without_personal_fields(session: Session) -> None:
    ana = users.add_user(session, "ana@example.org", "caseworker", team_name="Nord", address="10.0.0.1")
    actions = [(e.action, e.object_id) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == [("user.create", str(ana.id)), ("user.grant", str(ana.id))]
    assert all("ana@example.org" not in str(e.detail) for e in session.scalars(select(AuditEvent)))
