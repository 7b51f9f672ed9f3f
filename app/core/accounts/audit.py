"""The audit log: who did what to which record, when and from where. Personal fields never go in it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.core.models.accounts import AuditEvent, UserAccount


def record(
    session: Session,
    actor: UserAccount | None,
    action: str,
    object_type: str,
    object_id: object | None = None,
    *,
    address: str | None = None,
    team_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an event to the caller's transaction (flushed, never committed here)."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action[:64],
        object_type=object_type[:40],
        object_id=None if object_id is None else str(object_id)[:64],
        team_id=team_id,
        address=(address or None) and address[:64],
        detail=detail or {},
    )
    session.add(event)
    session.flush()
    return event
