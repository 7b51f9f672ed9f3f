"""Referrals of a client to a service, with the client's consent, and the loop that closes them.

A referral's status is a FHIR Task status (app/core/referrals/status.py holds the one state machine); every
change is a `ReferralEvent` (who, when, from what to what). Consent is its own record, per referral: to which
organization, which facts go with it, until when, in which versioned wording, given how; withdrawn, the
recipient's links stop working at once. What goes out (the referral to the agency, reminders, the client's
check-in) is a `ReferralNotice`, one row per message, so `carrefour notify` never sends one twice.

A referral's times (made, due, answered, its events) are Montréal's local time, where business days are
counted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.crypto import EncryptedText
from app.core.orm import ID_LENGTH, Base, utcnow

CONSENT_FACTS = ("name", "contact", "needs", "notes")
CONSENT_METHODS = ("on-screen", "verbal")


class Referral(Base):
    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None once the client's file is deleted at the end of its retention: the referral stays, anonymous,
    # for the team's outcome figures.
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("service.id", ondelete="CASCADE"))
    organization_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    need: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))  # the reason an ended referral ended
    note: Mapped[str | None] = mapped_column(EncryptedText)  # to the agency, sent only if consent lists notes
    recipient_email: Mapped[str | None] = mapped_column(String(255))  # the service's or the agency's
    recipient_locale: Mapped[str] = mapped_column(String(2), default="fr")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    respond_by: Mapped[datetime]  # the response target: business days after sending, holidays known
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    first_answer_at: Mapped[datetime | None]
    no_answer: Mapped[bool] = mapped_column(Boolean, default=False)  # flagged after the last reminder
    closed_at: Mapped[datetime | None]

    consent: Mapped[Consent] = relationship(back_populates="referral", cascade="all, delete-orphan")
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.id"
    )
    notices: Mapped[list[ReferralNotice]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralNotice.id"
    )


class Consent(Base):
    """The client's consent to one referral: recipient, facts, term, wording version, how it was given."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), unique=True)
    organization_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    facts: Mapped[list[str]] = mapped_column(JSON, default=list)  # of CONSENT_FACTS
    valid_until: Mapped[date] = mapped_column(Date)
    wording_version: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(12))  # of CONSENT_METHODS
    attested_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    referral: Mapped[Referral] = relationship(back_populates="consent")


class ReferralEvent(Base):
    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(32))
    # Who: a signed-in person, or the agency or the client through a link, or Carrefour itself.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    actor_kind: Mapped[str] = mapped_column(String(12))  # user, agency-link, client-link, system
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    referral: Mapped[Referral] = relationship(back_populates="events")


class ReferralNotice(Base):
    """One message about a referral (to the agency, a reminder, the client's check-in): planned, then sent
    once. The unique key makes `carrefour notify` idempotent; a failed send is tried again."""

    __tablename__ = "referral_notice"
    __table_args__ = (UniqueConstraint("referral_id", "kind", name="uq_referral_notice_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # referral, reminder-1, reminder-2, check-in
    due_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))

    referral: Mapped[Referral] = relationship(back_populates="notices")


class UsedLink(Base):
    """A single-purpose link once used: a second use (a replay) is refused."""

    __tablename__ = "used_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime] = mapped_column(default=utcnow)
