"""What agencies and staff do to listings: claims, proposed changes and their review, the guard that keeps an
import from undoing an agency's edit, translations gone stale, temporary notices, verification and merges.

A proposal is a set of field changes (`ProposedChange`), each carrying the value and the record version it
was based on, so a reviewer sees base, current and proposed side by side and nothing is overwritten
silently. Published changes are written to the record and to HSDS `metadata` rows (`HsdsMetadata`), which
are the field-level history every record shows and any change is reverted from.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import ID_LENGTH, Base, utcnow

I18n = dict[str, str]


class JsonValue(TypeDecorator[Any]):
    """Any JSON value kept as its text. SQLite gives a JSON column numeric affinity, so a bare number written
    there comes back as a number, not as JSON text: a plain text column keeps `16` and `"16"` apart."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return None if value is None else json.loads(value)


# Claims
CLAIM_QUEUED, CLAIM_APPROVED, CLAIM_REJECTED = "queued", "approved", "rejected"
# Proposals: where they come from, and where they stand
AGENCY_ORIGIN, PUBLIC_ORIGIN, IMPORT_ORIGIN, STAFF_ORIGIN = "agency", "public", "import", "staff"
PENDING, PUBLISHED, REJECTED = "pending", "published", "rejected"
# The sections an agency confirms as still accurate
SECTIONS = ("hours", "eligibility", "contacts")


def _user_fk(*, index: bool = False) -> Mapped[int | None]:
    return mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=index)


def _organization_fk() -> Mapped[str]:
    return mapped_column(String(ID_LENGTH), ForeignKey("organization.id", ondelete="CASCADE"), index=True)


class OrganizationClaim(Base):
    """A person asking to keep an organization's listings: approved at once or queued for staff."""

    __tablename__ = "organization_claim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    # The person's own words to staff (their role at the organization), when the claim is queued.
    message: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # why staff refused
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = _user_fk()


class ListingProposal(Base):
    """One proposed change to an organization's listings, possibly across many records."""

    __tablename__ = "listing_proposal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    origin: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str | None] = mapped_column(Text)  # the public's suggestion, in its own words
    # The record a suggestion is about (it carries no field changes, only the message).
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    author_id: Mapped[int | None] = _user_fk(index=True)
    import_run_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was rejected
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = _user_fk()

    changes: Mapped[list[ProposedChange]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposedChange.id"
    )


class ProposedChange(Base):
    """One field of one record: the value it was based on, the value proposed, and the record's version."""

    __tablename__ = "proposed_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("listing_proposal.id", ondelete="CASCADE"), index=True
    )
    resource_type: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    field: Mapped[str] = mapped_column(String(64))
    base_value: Mapped[Any] = mapped_column(JsonValue, nullable=True)
    proposed_value: Mapped[Any] = mapped_column(JsonValue, nullable=True)
    base_version: Mapped[int | None] = mapped_column(Integer)

    proposal: Mapped[ListingProposal] = relationship(back_populates="changes")


class FieldGuard(Base):
    """A field a person changed on an imported record, with the value the import last brought: a later
    import that brings the same value leaves the person's edit alone, one that brings another is a conflict
    for review."""

    __tablename__ = "field_guard"
    __table_args__ = (UniqueConstraint("resource_type", "resource_id", "field", name="uq_field_guard_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    field: Mapped[str] = mapped_column(String(64))
    source_value: Mapped[Any] = mapped_column(JsonValue, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaleTranslation(Base):
    """One language of a translatable field left behind when the other changed."""

    __tablename__ = "stale_translation"
    __table_args__ = (
        UniqueConstraint("resource_type", "resource_id", "field", "locale", name="uq_stale_translation_side"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    resource_type: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    field: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(2))  # the side that is out of date
    since: Mapped[datetime] = mapped_column(default=utcnow)


class TemporaryNotice(Base):
    """A notice on a service until its end date ("closed for the holidays until 3 January"); a closure also
    keeps the matcher from suggesting the service until then."""

    __tablename__ = "temporary_notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    service_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    message: Mapped[I18n] = mapped_column(JSON)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)  # the last day it shows
    created_by: Mapped[int | None] = _user_fk()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrganizationStanding(Base):
    """How staff regard an organization: trusted to publish without review, its verification cycle, and
    whether it stopped answering."""

    __tablename__ = "organization_standing"

    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    cycle_months: Mapped[int | None] = mapped_column(Integer)  # None: the directory's default
    unresponsive: Mapped[bool] = mapped_column(Boolean, default=False)
    unresponsive_since: Mapped[datetime | None]


class Verification(Base):
    """An agency saying one section of its listings is still accurate (or publishing a change to it)."""

    __tablename__ = "verification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    section: Mapped[str] = mapped_column(String(20))
    verified_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    verified_by: Mapped[int | None] = _user_fk()


class UpkeepNotice(Base):
    """A verification reminder or escalation sent, once per organization, kind and cycle."""

    __tablename__ = "upkeep_notice"
    __table_args__ = (UniqueConstraint("organization_id", "kind", "cycle", name="uq_upkeep_notice_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = _organization_fk()
    kind: Mapped[str] = mapped_column(String(20))
    cycle: Mapped[str] = mapped_column(String(32))  # the date the cycle counts from
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class MergeRecord(Base):
    """Two records staff merged field by field, with what the kept record held before, so it can be undone."""

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # organization | service
    kept_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    merged_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    choices: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> "kept" | "merged"
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what undo puts back
    merged_by: Mapped[int | None] = _user_fk()
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[int | None] = _user_fk()


class IdRedirect(Base):
    """An id that no longer stands on its own (merged into another): its old addresses lead to the new one."""

    __tablename__ = "id_redirect"

    old_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    merge_id: Mapped[int] = mapped_column(ForeignKey("merge_record.id", ondelete="CASCADE"), index=True)
