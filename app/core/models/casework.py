"""A team's clients and the work done with them: notes, interactions, a plan, assessments, a shortlist.

Collected only as the work needs (Québec's Law 25): a name or initials, a birth year or date, languages,
how to reach the person if they wish, a postal code. Every personal field is encrypted at rest
(`app.core.crypto`); what stays in clear is what the caseload must sort and filter on without reading
anyone's record (team, dates, codes).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.crypto import EncryptedJSON, EncryptedText
from app.core.orm import ID_LENGTH, Base, utcnow

CONTACT_PREFERENCES = ("email", "phone", "text", "none")
INTERACTION_KINDS = ("meeting", "call", "home-visit", "street-outreach")
GOAL_OWNERS = ("client", "caseworker", "other")


class Client(Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(EncryptedText)  # a name or initials, as the person wishes
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_date: Mapped[str | None] = mapped_column(EncryptedText)  # ISO date, when the person gives it
    preferred_language: Mapped[str] = mapped_column(String(3), default="fr")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO 639 codes, most preferred first
    contact_preference: Mapped[str] = mapped_column(String(10), default="none")
    contact: Mapped[str | None] = mapped_column(EncryptedText)  # the e-mail or phone number itself
    postal_code: Mapped[str | None] = mapped_column(EncryptedText)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None]  # the file closed; deleted when the retention period has passed

    notes: Mapped[list[ClientNote]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientNote.id.desc()"
    )
    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        order_by="(Interaction.on.desc(), Interaction.id.desc())",
    )
    goals: Mapped[list[PlanGoal]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="PlanGoal.id"
    )
    plan: Mapped[ActionPlan | None] = relationship(back_populates="client", cascade="all, delete-orphan")
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="Assessment.id.desc()"
    )
    shortlist: Mapped[list[ShortlistItem]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        order_by="(ShortlistItem.pinned.desc(), ShortlistItem.position, ShortlistItem.id)",
    )


class ClientNote(Base):
    __tablename__ = "client_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    shared: Mapped[bool] = mapped_column(Boolean, default=True)  # False: the author alone reads it
    body: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped[Client] = relationship(back_populates="notes")


class Interaction(Base):
    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped[Client] = relationship(back_populates="interactions")


class ActionPlan(Base):
    """The plan's review date (at least yearly); its goals are `PlanGoal` rows."""

    __tablename__ = "action_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), unique=True)
    review_on: Mapped[date] = mapped_column(Date, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    client: Mapped[Client] = relationship(back_populates="plan")


class PlanGoal(Base):
    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    goal: Mapped[str] = mapped_column(EncryptedText)
    owner: Mapped[str] = mapped_column(String(12), default="client")  # who does what
    due_on: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped[Client] = relationship(back_populates="goals")


class Assessment(Base):
    """One assessment as it was answered, and the need profile it gave (edited before matching)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("form_token", name="uq_assessment_form_token"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    profile: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)  # need-profile.schema.json
    safety_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    # The form's one-time token: the same form posted twice is one assessment.
    form_token: Mapped[str] = mapped_column(String(64))

    client: Mapped[Client] = relationship(back_populates="assessments")


class ShortlistItem(Base):
    __tablename__ = "shortlist_item"
    __table_args__ = (UniqueConstraint("client_id", "service_id", name="uq_shortlist_item_client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    need: Mapped[str | None] = mapped_column(String(64))  # the need code it answers, when it came from one
    position: Mapped[int] = mapped_column(Integer, default=0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped[Client] = relationship(back_populates="shortlist")


class Favourite(Base):
    """A service a caseworker (user_id) or a whole team (team_id) keeps at hand."""

    __tablename__ = "favourite"
    __table_args__ = (UniqueConstraint("user_id", "team_id", "service_id", name="uq_favourite_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
