"""The audit log: who did what to which record, when and from where. Personal fields never go in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
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


@dataclass(frozen=True, slots=True)
class EventRow:
    event: AuditEvent
    actor_email: str | None  # None: the command line (or an account since deleted)


@dataclass(frozen=True, slots=True)
class EventPage:
    rows: Sequence[EventRow]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def recent_events(
    session: Session,
    action: str | None = None,
    user_id: int | None = None,
    page: int = 1,
    per_page: int = 50,
    team_ids: frozenset[int] | None = None,
) -> EventPage:
    """The log newest first, one page of it; `user_id` keeps what that person did and what was done to
    their account (an admin looking into someone wants both); `team_ids` keeps the events of those teams
    (a supervisor reads the team's)."""
    conditions = []
    if team_ids is not None:
        conditions.append(AuditEvent.team_id.in_(team_ids))
    if action:
        conditions.append(AuditEvent.action == action)
    if user_id is not None:
        conditions.append(
            or_(
                AuditEvent.actor_id == user_id,
                and_(AuditEvent.object_type == "user", AuditEvent.object_id == str(user_id)),
            )
        )
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    page = max(1, page)
    found = session.execute(
        select(AuditEvent, UserAccount.email)
        .outerjoin(UserAccount, UserAccount.id == AuditEvent.actor_id)
        .where(*conditions)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return EventPage([EventRow(event, email) for event, email in found], total, page, per_page)


def actions(session: Session) -> list[str]:
    """The actions the log holds, for the filter."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
