"""Keeping the search index in step with the database: full rebuilds, pending changes, drift checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.models import ChangeLog, Service, ServiceAtLocation
from app.orm import utcnow
from indexer.documents import build_documents
from indexer.engines.base import SearchEngine


def rebuild(session: Session, engine: SearchEngine) -> int:
    """Index every service into a fresh index, swapped in when complete. Changes logged before the rebuild
    began are then applied; later ones stay pending."""
    last = session.scalar(select(func.max(ChangeLog.id))) or 0
    # About one document per place a service is offered at: enough for the engine to plan its work.
    expected = session.scalar(select(func.count()).select_from(ServiceAtLocation)) or 0
    count = engine.rebuild(build_documents(session), expected=expected)
    session.execute(
        update(ChangeLog)
        .where(ChangeLog.id <= last, ChangeLog.applied_at.is_(None))
        .values(applied_at=utcnow())
    )
    return count


def apply_pending(session: Session, engine: SearchEngine, limit: int = 5000) -> int:
    """Apply pending change-log rows: re-index the services they name (or drop them when gone). If the
    engine fails, the rows stay pending and the error goes up."""
    pending = session.execute(
        select(ChangeLog.id, ChangeLog.service_id)
        .where(ChangeLog.applied_at.is_(None))
        .order_by(ChangeLog.id)
        .limit(limit)
    ).all()
    if not pending:
        return 0
    service_ids = sorted({sid for _, sid in pending})
    existing = set(session.scalars(select(Service.id).where(Service.id.in_(service_ids))))
    documents = list(build_documents(session, existing))
    engine.delete_services(service_ids)
    engine.index(documents)
    session.execute(
        update(ChangeLog)
        .where(ChangeLog.id.in_([row_id for row_id, _ in pending]))
        .values(applied_at=utcnow())
    )
    return len(service_ids)


def pending_count(session: Session) -> int:
    return (
        session.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.applied_at.is_(None))) or 0
    )


@dataclass(slots=True)
class Drift:
    services_in_database: int
    services_in_index: int
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, no longer in the database
    stale: list[str] = field(default_factory=list)  # indexed at an older version
    pending: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def check(session: Session, engine: SearchEngine) -> Drift:
    from app.models.duplicates import hidden_service_ids

    hidden = hidden_service_ids(session)  # duplicates of another service: searched through their twin
    database = {
        sid: version
        for sid, version in session.execute(select(Service.id, Service.version))
        if sid not in hidden
    }
    indexed = engine.versions()
    return Drift(
        services_in_database=len(database),
        services_in_index=len(indexed),
        missing=sorted(set(database) - set(indexed)),
        extra=sorted(set(indexed) - set(database)),
        stale=sorted(sid for sid, version in indexed.items() if sid in database and version != database[sid]),
        pending=pending_count(session),
    )
