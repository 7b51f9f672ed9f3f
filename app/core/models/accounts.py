"""People who sign in, the teams and organizations they act for, and the audit log.

A person holds one role per scope: the directory as a whole (`admin`), a team of caseworkers (`supervisor`,
`caseworker`) or an organization of the directory (`agency`, with `agency_admin` to invite colleagues). Teams
are the organizations caseworkers work for; they need not be listed in the directory.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import ID_LENGTH, Base, utcnow

ADMIN, SUPERVISOR, CASEWORKER, AGENCY = "admin", "supervisor", "caseworker", "agency"
ROLES = (ADMIN, SUPERVISOR, CASEWORKER, AGENCY)
TEAM_ROLES = (SUPERVISOR, CASEWORKER)


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))  # None until the invitation is accepted
    locale: Mapped[str] = mapped_column(String(2), default="fr")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of every session's identity: raised when the password changes or the account is disabled, so
    # every session opened before ends at its next request.
    auth_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Membership.id"
    )


class Membership(Base):
    """One role of one person in one scope: `directory`, `team:<id>` or `organization:<id>`."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "scope", name="uq_membership_user_scope"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(60))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    agency_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[UserAccount] = relationship(back_populates="memberships")
    team: Mapped[Team | None] = relationship()


class SignInFailure(Base):
    """A failed sign-in, by keyed digests of the e-mail typed and of the address it came from (neither is
    stored as such). Failures count per e-mail whether or not it has an account, so a lockout tells
    nothing."""

    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    email_key: Mapped[str] = mapped_column(String(64), index=True)
    address_key: Mapped[str] = mapped_column(String(64), index=True)


class AuditEvent(Base):
    """Who did what to which object, when and from where; never the content of personal fields."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the team whose record it was
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
