"""An import never undoes an agency's published edit silently.

After an import wrote its rows (in its own transaction, before it commits), every guarded field of a record
it touched is read again. The import brought the value it brought before the agency's edit: the agency's
value is put back, nothing to review. It brought something new: the agency's value is put back too, and the
import's goes to the review queue as a conflict (base: the import's old value, current: the agency's,
proposed: the import's new one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.agency.fields import (
    LIST,
    PORTAL_SOURCE,
    field_of,
    organization_of,
    read_field,
    record_of,
    write_field,
)
from app.core.agency.proposals import Edit, load, propose, same
from app.core.models import HsdsMetadata, ListingProposal
from app.core.models.agency import IMPORT_ORIGIN, FieldGuard
from app.core.tables import MODELS

# Rows of these tables carry a list field of the record they point to.
_CHILDREN = ("schedule", "language", "required_document", "phone", "contact", "address")


@dataclass
class GuardOutcome:
    kept: int = 0  # fields the import brought back to their old value: the agency's edit stays
    conflicts: int = 0  # fields the import changed: to review
    proposals: list[ListingProposal] = field(default_factory=list)


def _touched(session: Session, changed: dict[str, set[str]]) -> set[str]:
    """Ids of the organizations, services and locations the import wrote, itself or through their rows."""
    ids: set[str] = set()
    for name in ("organization", "service", "location"):
        ids |= changed.get(name, set())
    for name in _CHILDREN:
        rows = list(changed.get(name, set()))
        table = MODELS[name].__table__
        columns = [table.c[c] for c in ("service_id", "location_id", "organization_id") if c in table.c]
        for start in range(0, len(rows), 500):
            for found in session.execute(select(*columns).where(table.c.id.in_(rows[start : start + 500]))):
                ids.update(value for value in found if value)
    return ids


def _published_value(session: Session, guard: FieldGuard) -> object:
    """The value the last person's change wrote (the newest history row of the field that is no import's)."""
    entry = session.scalars(
        select(HsdsMetadata)
        .where(
            HsdsMetadata.resource_type == guard.resource_type,
            HsdsMetadata.resource_id == guard.resource_id,
            HsdsMetadata.field_name == guard.field,
            HsdsMetadata.updated_by.not_like("import:%"),
        )
        .order_by(HsdsMetadata.created_at.desc(), HsdsMetadata.id.desc())
    ).first()
    return load(entry.replacement_value) if entry is not None else None


def protect_agency_edits(session: Session, changed: dict[str, set[str]], source: str) -> GuardOutcome:
    outcome = GuardOutcome()
    touched = _touched(session, changed)
    if not touched:
        return outcome
    guards: list[FieldGuard] = []
    ids = sorted(touched)
    for start in range(0, len(ids), 500):
        guards.extend(
            session.scalars(select(FieldGuard).where(FieldGuard.resource_id.in_(ids[start : start + 500])))
        )
    conflicts: dict[str, list[Edit]] = {}
    session.expire_all()  # the import wrote with Core statements
    for guard in guards:
        record = record_of(session, guard.resource_type, guard.resource_id)
        if record is None or record.data_source == PORTAL_SOURCE:
            continue
        kept = _published_value(session, guard)
        listed = field_of(guard.resource_type, guard.field).kind == LIST
        now = read_field(session, guard.resource_type, record, guard.field)
        if same(now, kept):
            continue
        brought = (
            read_field(session, guard.resource_type, record, guard.field, source_only=True) if listed else now
        )
        write_field(session, guard.resource_type, record, guard.field, kept)
        # Rows the import wrote may be gone again: the index follows the record itself.
        changed.setdefault(guard.resource_type, set()).add(guard.resource_id)
        if same(brought, guard.source_value):
            outcome.kept += 1
            continue
        organization = organization_of(record)
        if organization is None:  # a place no organization or service claims: nobody to ask
            outcome.kept += 1
            continue
        outcome.conflicts += 1
        conflicts.setdefault(organization, []).append(
            Edit(guard.resource_type, guard.resource_id, guard.field, brought, base=guard.source_value)
        )
        guard.source_value = brought  # the same import again is not a new conflict
    for organization, edits in sorted(conflicts.items()):
        outcome.proposals.append(
            propose(
                session,
                organization,
                _with_base(edits),
                author=None,
                origin=IMPORT_ORIGIN,
                title=f"import:{source}",
            )
        )
    session.flush()
    return outcome


def _with_base(edits: Iterable[Edit]) -> list[Edit]:
    # The base is the import's old value, given explicitly: `propose` reads it from the record otherwise.
    return [
        Edit(e.resource_type, e.resource_id, e.field, e.value, base=e.base, base_version=0) for e in edits
    ]
