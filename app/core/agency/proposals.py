"""Proposed changes to listings: made, compared three ways, published or rejected.

Every change names the value it was based on. Publishing writes the proposed value, a field-level history
row (HSDS `metadata`), a guard so that a later import cannot undo it silently, the translation flags, the
section's verification and the change-log row the search index follows, all in the caller's transaction.
A trusted organization's change publishes at once unless a field changed since it was read; every other one
waits for review. Nothing here commits.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.core.agency.fields import I18N, field_of, organization_of, read_field, record_of, write_field
from app.core.changes import affected_services, record_changes
from app.core.models import HsdsMetadata
from app.core.models.accounts import UserAccount
from app.core.models.agency import (
    AGENCY_ORIGIN,
    IMPORT_ORIGIN,
    PENDING,
    PUBLISHED,
    REJECTED,
    STAFF_ORIGIN,
    FieldGuard,
    ListingProposal,
    OrganizationStanding,
    ProposedChange,
    StaleTranslation,
    Verification,
)
from app.core.orm import utcnow

HISTORY_SOURCE = "carrefour-history"


class ProposalError(Exception):
    """A proposal that cannot be made or decided; `code` names why (messages live with the callers)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Edit:
    """One field of one record, as a form or an import proposes it."""

    resource_type: str
    resource_id: str
    field: str
    value: Any
    base: Any = None  # the value the person saw; read from the record when not given
    base_version: int | None = None


@dataclass(frozen=True, slots=True)
class ThreeWay:
    """A change as a reviewer sees it: what it was based on, what the record holds now, what is proposed."""

    change: ProposedChange
    current: Any
    missing: bool  # the record is gone

    @property
    def conflict(self) -> bool:
        return not self.missing and not same(self.current, self.change.base_value)

    @property
    def stale_version(self) -> bool:
        return self.change.base_version is not None and self.current_version != self.change.base_version

    current_version: int | None = None


def same(first: Any, second: Any) -> bool:
    """Equal as a form would see them: empty text, an empty list and nothing are one."""
    return _plain(first) == _plain(second)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, "", [], {})} or None
    if isinstance(value, list):
        return [_plain(v) for v in value] or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value


def is_trusted(session: Session, organization_id: str) -> bool:
    standing = session.get(OrganizationStanding, organization_id)
    return bool(standing and standing.trusted)


def propose(
    session: Session,
    organization_id: str,
    edits: Iterable[Edit],
    *,
    author: UserAccount | None,
    origin: str = AGENCY_ORIGIN,
    title: str = "",
    message: str | None = None,
    import_run_id: int | None = None,
) -> ListingProposal:
    """A proposal of `edits` (fields left as they were are dropped). Every record must belong to
    `organization_id`: ProposalError("other_organization") otherwise."""
    proposal = ListingProposal(
        organization_id=organization_id,
        origin=origin,
        status=PENDING,
        title=title[:200],
        message=message,
        author_id=author.id if author else None,
        import_run_id=import_run_id,
    )
    for edit in edits:
        record = record_of(session, edit.resource_type, edit.resource_id)
        if record is None:
            raise ProposalError("unknown_record", id=edit.resource_id)
        if organization_of(record) != organization_id:
            raise ProposalError("other_organization", id=edit.resource_id)
        field_of(edit.resource_type, edit.field)  # KeyError for a field no form has
        current = read_field(session, edit.resource_type, record, edit.field)
        base = current if edit.base is None and edit.base_version is None else edit.base
        if same(edit.value, base) and same(edit.value, current):
            continue
        proposal.changes.append(
            ProposedChange(
                resource_type=edit.resource_type,
                resource_id=edit.resource_id,
                field=edit.field,
                base_value=base,
                proposed_value=edit.value,
                base_version=edit.base_version if edit.base_version is not None else record.version,
            )
        )
    if not proposal.changes and message is None:
        raise ProposalError("nothing_changed")
    session.add(proposal)
    session.flush()
    return proposal


def submit(
    session: Session, proposal: ListingProposal, author: UserAccount | None, *, staff: bool = False
) -> bool:
    """Publish at once when allowed (staff, or a trusted organization) and nothing changed since it was
    read; otherwise leave it for review. True when published."""
    allowed = staff or (proposal.origin == AGENCY_ORIGIN and is_trusted(session, proposal.organization_id))
    if allowed and proposal.changes and not any(view.conflict for view in compare(session, proposal)):
        publish(session, proposal, author)
        return True
    return False


def compare(session: Session, proposal: ListingProposal) -> list[ThreeWay]:
    views = []
    for change in proposal.changes:
        record = record_of(session, change.resource_type, change.resource_id)
        if record is None:
            views.append(ThreeWay(change, None, True))
            continue
        current = read_field(session, change.resource_type, record, change.field)
        views.append(ThreeWay(change, current, False, record.version))
    return views


def publish(
    session: Session,
    proposal: ListingProposal,
    reviewer: UserAccount | None,
    overrides: dict[int, Any] | None = None,
) -> int:
    """Write the proposal (with a reviewer's `overrides`, {change id: value}, when they edited it first).
    Returns the number of fields written."""
    if proposal.status != PENDING:
        raise ProposalError("already_decided")
    touched: dict[str, set[str]] = {}
    written = 0
    for change in proposal.changes:
        if overrides and change.id in overrides:
            change.proposed_value = overrides[change.id]
        record = record_of(session, change.resource_type, change.resource_id)
        if record is None:
            continue
        if proposal.origin != IMPORT_ORIGIN:
            _guard(session, change, record)  # before the write: what the import's rows say now
        else:
            _settle_guard(session, change)
        if apply_value(
            session,
            change.resource_type,
            record,
            change.field,
            change.proposed_value,
            _who(proposal, reviewer),
        ):
            written += 1
            touched.setdefault(change.resource_type, set()).add(record.id)
    proposal.status = PUBLISHED
    proposal.decided_at = utcnow()
    proposal.decided_by = reviewer.id if reviewer else None
    if proposal.origin == AGENCY_ORIGIN:
        _verify_sections(session, proposal, proposal.author_id)
    _follow(session, touched, f"portal:{proposal.id}")
    session.flush()
    return written


def reject(session: Session, proposal: ListingProposal, reviewer: UserAccount, reason: str) -> None:
    if proposal.status != PENDING:
        raise ProposalError("already_decided")
    if not reason.strip():
        raise ProposalError("reason_needed")
    proposal.status = REJECTED
    proposal.reason = reason.strip()
    proposal.decided_at = utcnow()
    proposal.decided_by = reviewer.id
    if proposal.origin == IMPORT_ORIGIN:
        # Keeping the agency's value: the guard now knows the import's, so the same import is no new conflict.
        for change in proposal.changes:
            _settle_guard(session, change)
    session.flush()


def apply_value(session: Session, resource_type: str, record: Any, name: str, value: Any, who: str) -> bool:
    """Write one field and its history row; False when it already held the value."""
    previous = read_field(session, resource_type, record, name)
    if same(previous, value):
        return False
    write_field(session, resource_type, record, name, value)
    _history(session, resource_type, record.id, name, previous, value, who)
    if field_of(resource_type, name).kind == I18N:
        _flag_translations(session, resource_type, record, name, previous, value)
    return True


def _who(proposal: ListingProposal, reviewer: UserAccount | None) -> str:
    if proposal.origin == IMPORT_ORIGIN:
        return f"import:{proposal.import_run_id}"
    if proposal.author_id:
        return f"user:{proposal.author_id}"
    return f"user:{reviewer.id}" if reviewer else STAFF_ORIGIN


def _history(
    session: Session, resource_type: str, resource_id: str, name: str, previous: Any, value: Any, who: str
) -> None:
    row_id = str(uuid.uuid4())
    session.add(
        HsdsMetadata(
            id=row_id,
            data_source=HISTORY_SOURCE,
            source_id=row_id,
            resource_id=resource_id,
            resource_type=resource_type,
            last_action_date=date.today(),
            last_action_type="update",
            field_name=name,
            previous_value=_dump(previous),
            replacement_value=_dump(value),
            updated_by=who,
        )
    )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def load(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text  # a source's own history, written as plain text


def _guard(session: Session, change: ProposedChange, record: Any) -> None:
    """Remember what the import says for this field, once (the first edit's base is the import's value)."""
    from app.core.agency.fields import PORTAL_SOURCE

    if record.data_source == PORTAL_SOURCE:
        return  # a record the portal made: no import brings it
    found = session.scalar(
        select(FieldGuard).where(
            FieldGuard.resource_type == change.resource_type,
            FieldGuard.resource_id == change.resource_id,
            FieldGuard.field == change.field,
        )
    )
    if found is None:
        session.add(
            FieldGuard(
                resource_type=change.resource_type,
                resource_id=change.resource_id,
                field=change.field,
                source_value=read_field(
                    session, change.resource_type, record, change.field, source_only=True
                ),
            )
        )


def _settle_guard(session: Session, change: ProposedChange) -> None:
    """Once an import's conflict is decided the import's value is known: the same again is no conflict."""
    guard = session.scalar(
        select(FieldGuard).where(
            FieldGuard.resource_type == change.resource_type,
            FieldGuard.resource_id == change.resource_id,
            FieldGuard.field == change.field,
        )
    )
    if guard is not None:
        guard.source_value = change.proposed_value


def _flag_translations(
    session: Session, resource_type: str, record: Any, name: str, previous: Any, value: Any
) -> None:
    """One language changed and the other did not: the other is out of date until confirmed or updated. A
    side that was out of date and is now written is a translation catching up: nothing else is marked."""
    before, after = previous or {}, value or {}
    changed = {loc for loc in ("fr", "en") if (before.get(loc) or "") != (after.get(loc) or "")}
    flagged = set(
        session.scalars(
            select(StaleTranslation.locale).where(
                StaleTranslation.resource_type == resource_type,
                StaleTranslation.resource_id == record.id,
                StaleTranslation.field == name,
            )
        )
    )
    for locale in sorted(changed & flagged):
        clear_stale(session, resource_type, record.id, name, locale)
    # A translation written where there was none leaves the other side as right as it was.
    if not {loc for loc in changed - flagged if before.get(loc)}:
        return
    for locale in ("fr", "en"):
        if locale in changed or locale in flagged or not after.get(locale):
            continue
        session.add(
            StaleTranslation(
                organization_id=organization_of(record) or "",
                resource_type=resource_type,
                resource_id=record.id,
                field=name,
                locale=locale,
            )
        )
    session.flush()


def clear_stale(session: Session, resource_type: str, resource_id: str, name: str, locale: str) -> None:
    session.execute(
        delete(StaleTranslation).where(
            StaleTranslation.resource_type == resource_type,
            StaleTranslation.resource_id == resource_id,
            StaleTranslation.field == name,
            StaleTranslation.locale == locale,
        )
    )


def stale_translations(session: Session, organization_id: str) -> Sequence[StaleTranslation]:
    return session.scalars(
        select(StaleTranslation)
        .where(StaleTranslation.organization_id == organization_id)
        .order_by(StaleTranslation.since)
    ).all()


def _verify_sections(session: Session, proposal: ListingProposal, user_id: int | None) -> None:
    """A published change to hours, eligibility or contacts also says that section is up to date."""
    sections = {
        section
        for change in proposal.changes
        if (section := field_of(change.resource_type, change.field).section) is not None
    }
    for section in sorted(sections):
        session.add(
            Verification(organization_id=proposal.organization_id, section=section, verified_by=user_id)
        )


def _follow(session: Session, touched: dict[str, set[str]], reason: str) -> None:
    session.flush()
    record_changes(session, affected_services(session, touched), reason)


# --- the review queue --------------------------------------------------------------------------------


def pending_proposals(
    session: Session, organization_ids: Iterable[str] | None = None
) -> Sequence[ListingProposal]:
    statement = (
        select(ListingProposal)
        .where(ListingProposal.status == PENDING)
        .options(selectinload(ListingProposal.changes))
        .order_by(ListingProposal.created_at, ListingProposal.id)
    )
    if organization_ids is not None:
        statement = statement.where(ListingProposal.organization_id.in_(list(organization_ids)))
    return session.scalars(statement).all()


# --- history and revert ------------------------------------------------------------------------------


def history(session: Session, resource_type: str, resource_id: str) -> Sequence[HsdsMetadata]:
    return session.scalars(
        select(HsdsMetadata)
        .where(HsdsMetadata.resource_type == resource_type, HsdsMetadata.resource_id == resource_id)
        .order_by(HsdsMetadata.created_at.desc(), HsdsMetadata.id)
    ).all()


def revert(session: Session, entry: HsdsMetadata, actor: UserAccount, *, staff: bool) -> ListingProposal:
    """A proposal putting back the value a change replaced. It is based on the value the change wrote, so
    if the field changed again since, the reviewer sees that instead of it being overwritten."""
    if entry.resource_type is None or entry.resource_id is None or entry.field_name is None:
        raise ProposalError("not_revertible")
    record = record_of(session, entry.resource_type, entry.resource_id)
    if record is None:
        raise ProposalError("unknown_record", id=entry.resource_id)
    try:
        field_of(entry.resource_type, entry.field_name)
    except KeyError:
        raise ProposalError("not_revertible") from None
    organization_id = organization_of(record) or ""
    proposal = propose(
        session,
        organization_id,
        [
            Edit(
                entry.resource_type,
                entry.resource_id,
                entry.field_name,
                load(entry.previous_value),
                base=load(entry.replacement_value),
                base_version=-1,  # the version is not known from history; the values decide
            )
        ],
        author=actor,
        origin=STAFF_ORIGIN if staff else AGENCY_ORIGIN,
        title=f"revert:{entry.id}",
    )
    for change in proposal.changes:
        change.base_version = None
    submit(session, proposal, actor, staff=staff)
    return proposal
