"""Two records staff merge field by field, and the undo.

The kept record takes the merged one's value for each field chosen "merged", through `apply_value` (so each
write has its history row, by "merge:<id>", and a guard so that the kept record's next import does not
silently undo the person's choice). The merged record is not deleted: it keeps its source and source id, so
its source's next import still updates it, but it is hidden behind the kept one by a confirmed
`DuplicateLink` (kept: canonical, merged: duplicate); for organizations its services (and places) move to
the kept organization. Its id redirects to the kept one (`IdRedirect`). Services whose search documents
change get change-log rows, so the index follows.

Everything undo needs is in the `MergeRecord`: `before` holds what the kept record's fields held and what
the merge wrote into them, the services and places moved, the guards added, and the duplicate link as it
was. Undo refuses when a field the merge wrote changed again since (it would overwrite someone's work).
Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.agency.fields import FIELDS, LIST, PORTAL_SOURCE, field_of, read_field, record_of
from app.core.agency.proposals import apply_value, same
from app.core.changes import affected_services, record_changes
from app.core.models import DuplicateLink, IdRedirect, Location, MergeRecord, Service
from app.core.models.accounts import UserAccount
from app.core.models.agency import FieldGuard
from app.core.models.duplicates import CONFIRMED, pair_key
from app.core.orm import utcnow

KINDS = ("organization", "service")
KEPT, MERGED = "kept", "merged"
MAX_CHAIN = 20  # redirects followed at most (a loop is a bug, never an endless request)


class MergeError(Exception):
    """A merge that cannot be made or undone; `code` names why (messages live with the callers)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def merge_records(
    session: Session,
    kind: str,
    kept_id: str,
    merged_id: str,
    choices: Mapping[str, str],
    actor: UserAccount | None,
) -> MergeRecord:
    """Merge `merged_id` into `kept_id`; `choices` says, field by field, whose value the kept record keeps
    (a field not named keeps its own)."""
    if kind not in KINDS:
        raise MergeError("unknown_kind")
    if kept_id == merged_id:
        raise MergeError("same_record")
    kept, merged = record_of(session, kind, kept_id), record_of(session, kind, merged_id)
    if kept is None or merged is None:
        raise MergeError("unknown_record", id=kept_id if kept is None else merged_id)
    if session.get(IdRedirect, merged_id) is not None:
        raise MergeError("already_merged", id=merged_id)
    if session.get(IdRedirect, kept_id) is not None:
        raise MergeError("kept_is_merged", id=kept_id)
    names = [spec.name for spec in FIELDS[kind]]
    unknown = sorted(set(choices) - set(names))
    if unknown:
        raise MergeError("unknown_field", fields=unknown)
    wrong = sorted(name for name, side in choices.items() if side not in (KEPT, MERGED))
    if wrong:
        raise MergeError("unknown_choice", fields=wrong)

    record = MergeRecord(
        kind=kind,
        kept_id=kept_id,
        merged_id=merged_id,
        choices={name: choices.get(name, KEPT) for name in names},
        before={},
        merged_by=actor.id if actor else None,
    )
    session.add(record)
    session.flush()
    who = f"merge:{record.id}"

    before: dict[str, Any] = {"fields": {}, "written": {}, "guards": [], "services": [], "locations": []}
    for name in names:
        if record.choices[name] != MERGED:
            continue
        previous = read_field(session, kind, kept, name)
        value = read_field(session, kind, merged, name)
        if apply_value(session, kind, kept, name, value, who):
            before["fields"][name] = previous
            before["written"][name] = read_field(session, kind, kept, name)
            if _guard(session, kind, kept, name, previous):
                before["guards"].append(name)

    hidden_before = _hidden(session)
    touched: dict[str, set[str]] = {kind: {kept_id, merged_id}}
    if kind == "organization":
        before["services"], before["locations"] = _move(session, merged_id, kept_id)
        touched["service"] = set(before["services"])
    before["link"] = _link_as_it_was(session, kind, kept_id, merged_id)
    _link(session, kind, kept_id, merged_id, record.id)
    session.add(IdRedirect(old_id=merged_id, new_id=kept_id, kind=kind, merge_id=record.id))
    record.before = before
    _follow(session, touched, hidden_before, who)
    audit.record(
        session,
        actor,
        "listing.merge",
        kind,
        kept_id,
        detail={"merge": record.id, "merged": merged_id, "fields": sorted(before["fields"])},
    )
    session.flush()
    return record


def undo_merge(session: Session, merge_id: int, actor: UserAccount | None) -> MergeRecord:
    """Put back what the kept record held, move the services back, restore the duplicate link as it was
    and remove the redirect. MergeError "already_undone", or "changed_since" (with `fields`) when a field
    the merge wrote changed again since."""
    record = session.get(MergeRecord, merge_id)
    if record is None:
        raise MergeError("unknown_merge", id=merge_id)
    if record.undone_at is not None:
        raise MergeError("already_undone", id=merge_id)
    kind, before = record.kind, dict(record.before or {})
    kept = record_of(session, kind, record.kept_id)
    if kept is None:
        raise MergeError("unknown_record", id=record.kept_id)
    written: dict[str, Any] = before.get("written", {})
    changed = sorted(
        name for name, value in written.items() if not same(read_field(session, kind, kept, name), value)
    )
    if changed:
        raise MergeError("changed_since", fields=changed)
    later = session.scalar(
        select(IdRedirect.old_id).where(IdRedirect.old_id == record.kept_id, IdRedirect.kind == kind)
    )
    if later is not None:
        raise MergeError("kept_is_merged", id=record.kept_id)

    who = f"unmerge:{record.id}"
    for name, value in before.get("fields", {}).items():
        apply_value(session, kind, kept, name, value, who)
    for name in before.get("guards", []):
        session.execute(
            delete(FieldGuard).where(
                FieldGuard.resource_type == kind,
                FieldGuard.resource_id == record.kept_id,
                FieldGuard.field == name,
            )
        )
    hidden_before = _hidden(session)
    touched: dict[str, set[str]] = {kind: {record.kept_id, record.merged_id}}
    if kind == "organization":
        moved_back = _move_back(session, record, before)
        touched["service"] = moved_back
    _restore_link(session, kind, record, before.get("link"))
    session.execute(delete(IdRedirect).where(IdRedirect.merge_id == record.id))
    record.undone_at = utcnow()
    record.undone_by = actor.id if actor else None
    _follow(session, touched, hidden_before, who)
    audit.record(
        session,
        actor,
        "listing.merge_undo",
        kind,
        record.kept_id,
        detail={"merge": record.id, "merged": record.merged_id},
    )
    session.flush()
    return record


def redirect_target(session: Session, record_id: str) -> str | None:
    """The id a merged record's addresses lead to (following merges of merges), or None when `record_id`
    stands on its own."""
    target: str | None = None
    seen = {record_id}
    current = record_id
    for _ in range(MAX_CHAIN):
        found = session.get(IdRedirect, current)
        if found is None or found.new_id in seen:
            break
        target = current = found.new_id
        seen.add(current)
    return target


def merges(session: Session, limit: int = 200) -> list[MergeRecord]:
    """The newest merges first."""
    statement = select(MergeRecord).order_by(MergeRecord.merged_at.desc(), MergeRecord.id.desc()).limit(limit)
    return list(session.scalars(statement))


# --- steps ----------------------------------------------------------------------------------------------


def _guard(session: Session, kind: str, record: Any, name: str, previous: Any) -> bool:
    """A guard on a field the merge wrote, when none is there: the kept record's next import brings its
    old value back and the person's choice stays (another value goes to review). True when added."""
    if record.data_source == PORTAL_SOURCE:
        return False
    exists = session.scalar(
        select(FieldGuard.id).where(
            FieldGuard.resource_type == kind, FieldGuard.resource_id == record.id, FieldGuard.field == name
        )
    )
    if exists is not None:
        return False
    listed = field_of(kind, name).kind == LIST
    source_value = read_field(session, kind, record, name, source_only=True) if listed else previous
    session.add(FieldGuard(resource_type=kind, resource_id=record.id, field=name, source_value=source_value))
    return True


def _move(session: Session, merged_id: str, kept_id: str) -> tuple[list[str], list[str]]:
    """The merged organization's services and places now belong to the kept one; their ids, for undo."""
    services = list(session.scalars(select(Service).where(Service.organization_id == merged_id)))
    for service in services:
        service.organization_id = kept_id
    locations = list(session.scalars(select(Location).where(Location.organization_id == merged_id)))
    for location in locations:
        location.organization_id = kept_id
    session.flush()
    return sorted(s.id for s in services), sorted(loc.id for loc in locations)


def _move_back(session: Session, record: MergeRecord, before: dict[str, Any]) -> set[str]:
    """The services and places the merge moved, back to the merged organization (those still at the kept
    one: one moved elsewhere since stays where it is)."""
    moved: set[str] = set()
    for service_id in before.get("services", []):
        service = session.get(Service, service_id)
        if service is not None and service.organization_id == record.kept_id:
            service.organization_id = record.merged_id
            moved.add(service_id)
    for location_id in before.get("locations", []):
        location = session.get(Location, location_id)
        if location is not None and location.organization_id == record.kept_id:
            location.organization_id = record.merged_id
    session.flush()
    return moved


def _find_link(session: Session, kind: str, first: str, second: str) -> DuplicateLink | None:
    return session.scalar(
        select(DuplicateLink).where(
            DuplicateLink.kind == kind, DuplicateLink.pair_key == pair_key(first, second)
        )
    )


def _link_as_it_was(session: Session, kind: str, kept_id: str, merged_id: str) -> dict[str, Any] | None:
    link = _find_link(session, kind, kept_id, merged_id)
    if link is None:
        return None
    return {
        "canonical_id": link.canonical_id,
        "duplicate_id": link.duplicate_id,
        "score": link.score,
        "reasons": link.reasons,
        "status": link.status,
        "decided_at": link.decided_at.isoformat() if link.decided_at else None,
    }


def _link(session: Session, kind: str, kept_id: str, merged_id: str, merge_id: int) -> None:
    """A confirmed link, the kept record shown and the merged one behind it."""
    now = utcnow()
    link = _find_link(session, kind, kept_id, merged_id)
    if link is None:
        link = DuplicateLink(
            kind=kind,
            pair_key=pair_key(kept_id, merged_id),
            score=100,
            reasons=[{"code": "merged", "value": merge_id, "points": 0}],
        )
        session.add(link)
    link.canonical_id, link.duplicate_id = kept_id, merged_id
    link.status = CONFIRMED
    link.decided_at = link.updated_at = now
    session.flush()


def _restore_link(session: Session, kind: str, record: MergeRecord, was: dict[str, Any] | None) -> None:
    from datetime import datetime

    link = _find_link(session, kind, record.kept_id, record.merged_id)
    if was is None:
        if link is not None:
            session.delete(link)
        session.flush()
        return
    if link is None:
        link = DuplicateLink(kind=kind, pair_key=pair_key(record.kept_id, record.merged_id))
        session.add(link)
    link.canonical_id, link.duplicate_id = was["canonical_id"], was["duplicate_id"]
    link.score, link.reasons, link.status = was["score"], was["reasons"], was["status"]
    link.decided_at = datetime.fromisoformat(was["decided_at"]) if was.get("decided_at") else None
    link.updated_at = utcnow()
    session.flush()


def _hidden(session: Session) -> set[str]:
    from app.core.models.duplicates import hidden_service_ids

    return hidden_service_ids(session)


def _follow(session: Session, touched: dict[str, set[str]], hidden_before: set[str], reason: str) -> None:
    """Change-log rows for every service whose documents may differ: the records themselves, their
    organization's services, and those hidden or shown again."""
    session.flush()
    services = affected_services(session, touched) | (hidden_before ^ _hidden(session))
    record_changes(session, services, reason)
