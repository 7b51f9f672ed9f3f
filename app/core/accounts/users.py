"""Accounts: creating and disabling them, roles, passwords, and the links that set a password.

Operations flush and never commit; the command or view that called them commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.accounts import audit
from app.core.accounts.links import check_state, fingerprint, make_token, read_token
from app.core.accounts.passwords import hash_password, password_problem
from app.core.accounts.roles import scope_of
from app.core.models import Organization
from app.core.models.accounts import ADMIN, AGENCY, ROLES, TEAM_ROLES, Membership, Team, UserAccount
from app.core.orm import utcnow

INVITE, RESET = "invite", "reset"
LINK_LIFETIME = {INVITE: 7 * 24 * 3600, RESET: 3600}  # seconds


class AccountError(Exception):
    """A request about accounts that cannot be done; `code` names why (messages live with the callers)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def normalized_email(email: str) -> str:
    """The address as stored (lower case, checked for shape; no DNS asked): AccountError("bad_email")."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise AccountError("bad_email") from None


def find_user(session: Session, email: str) -> UserAccount | None:
    try:
        address = normalized_email(email)
    except AccountError:
        return None
    return session.scalars(
        select(UserAccount).where(UserAccount.email == address).options(selectinload(UserAccount.memberships))
    ).first()


def team_named(session: Session, name: str, create: bool = True) -> Team | None:
    clean = " ".join(name.split())
    if not clean:
        raise AccountError("bad_team")
    # Compared in Python: SQLite's lower() leaves accented capitals as they are ("Équipe").
    team = next((t for t in session.scalars(select(Team)) if t.name.casefold() == clean.casefold()), None)
    if team is None and create:
        team = Team(name=clean)
        session.add(team)
        session.flush()
    return team


def grant(
    session: Session,
    user: UserAccount,
    role: str,
    *,
    team: Team | None = None,
    organization_id: str | None = None,
    agency_admin: bool = False,
) -> Membership:
    """Give `user` a role in a scope (replacing the role they held in that scope)."""
    if role not in ROLES:
        raise AccountError("bad_role", role=role)
    if role == ADMIN and (team or organization_id):
        raise AccountError("admin_has_no_scope")
    if role in TEAM_ROLES and team is None:
        raise AccountError("team_needed", role=role)
    if role == AGENCY:
        if not organization_id:
            raise AccountError("organization_needed")
        if session.get(Organization, organization_id) is None:
            raise AccountError("unknown_organization", id=organization_id)
    if role != AGENCY and organization_id:
        raise AccountError("organization_for_agency_only")
    scope = scope_of(role, team.id if team else None, organization_id)
    membership = next((m for m in user.memberships if m.scope == scope), None)
    if membership is None:
        membership = Membership(scope=scope)
        user.memberships.append(membership)
    membership.role = role
    membership.team_id = team.id if team else None
    membership.organization_id = organization_id if role == AGENCY else None
    membership.agency_admin = agency_admin and role == AGENCY
    session.flush()
    return membership


def add_user(
    session: Session,
    email: str,
    role: str,
    *,
    team_name: str | None = None,
    organization_id: str | None = None,
    agency_admin: bool = False,
    display_name: str = "",
    locale: str = "fr",
    actor: UserAccount | None = None,
    address: str | None = None,
) -> UserAccount:
    """A new account (no password yet: it is set through the invitation link), or a new role for an
    existing one."""
    address_of_user = normalized_email(email)
    user = find_user(session, address_of_user)
    if user is None:
        user = UserAccount(email=address_of_user, display_name=display_name.strip()[:200], locale=locale)
        session.add(user)
        session.flush()
        audit.record(session, actor, "user.create", "user", user.id, address=address)
    team = team_named(session, team_name) if team_name else None
    membership = grant(
        session, user, role, team=team, organization_id=organization_id, agency_admin=agency_admin
    )
    audit.record(
        session,
        actor,
        "user.grant",
        "user",
        user.id,
        address=address,
        team_id=membership.team_id,
        detail={"role": role, "scope": membership.scope},
    )
    return user


def disable_user(
    session: Session, user: UserAccount, actor: UserAccount | None = None, address: str | None = None
) -> None:
    """No more sign-in, and every open session ends at its next request."""
    user.active = False
    user.auth_version += 1
    session.flush()
    audit.record(session, actor, "user.disable", "user", user.id, address=address)


def set_password(session: Session, user: UserAccount, password: str, address: str | None = None) -> None:
    """A new password: checked, hashed, and every other session of the person ended."""
    problem = password_problem(password, user.email)
    if problem:
        raise AccountError(f"password_{problem}")
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.auth_version += 1
    session.flush()
    audit.record(session, user, "user.password", "user", user.id, address=address)


def list_users(session: Session) -> Sequence[UserAccount]:
    return session.scalars(
        select(UserAccount)
        .options(selectinload(UserAccount.memberships).selectinload(Membership.team))
        .order_by(UserAccount.email)
    ).all()


# --- links that set a password -----------------------------------------------------------------------


def _state(user: UserAccount) -> str:
    # Setting the password raises auth_version: a link made before works no more.
    return fingerprint(user.id, user.auth_version, user.password_hash or "", user.active)


def password_link_token(secret: str, purpose: str, user: UserAccount) -> str:
    return make_token(secret, purpose, {"uid": user.id}, _state(user))


@dataclass(frozen=True, slots=True)
class LinkHolder:
    user: UserAccount
    purpose: str


def user_of_link(session: Session, secret: str, purpose: str, token: str) -> LinkHolder:
    """The account a valid, unused link of `purpose` was made for; LinkError otherwise."""
    from app.core.accounts.links import LinkError

    payload = read_token(secret, purpose, token, LINK_LIFETIME[purpose])
    user = session.get(UserAccount, payload.get("uid"))
    if user is None or not user.active:
        raise LinkError("invalid")
    check_state(payload, _state(user))
    return LinkHolder(user, purpose)
