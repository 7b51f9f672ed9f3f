"""Keeping the search index in step with the database: full rebuilds, pending changes, drift checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.i18n import lazy_gettext as _
from app.core.models import ChangeLog, Service, ServiceAtLocation
from app.core.orm import utcnow
from app.core.progress import SILENT, Progress, tracked
from indexer.documents import build_documents
from indexer.engines.base import EngineUnavailable, SearchEngine

# Change-log rows applied at a time (read when called, so a test can make it small): the documents of one
# batch are held in memory and sent to an engine together. Batches follow one another until none is left.
BATCH_SIZE = 5000


def rebuild(
    session: Session, engine: SearchEngine, *, keep_pending: bool = False, progress: Progress = SILENT
) -> int:
    """Index every service into a fresh index, swapped in when complete. Changes logged before the rebuild
    began are then marked applied (unless `keep_pending`: another engine has yet to take them); later ones
    stay pending."""
    last = last_change(session)
    # About one document per place a service is offered at: enough for the engine to plan its work.
    expected = session.scalar(select(func.count()).select_from(ServiceAtLocation)) or 0
    documents = tracked(build_documents(session), progress, _("Search index"), expected)
    count = engine.rebuild(documents, expected=expected)
    if not keep_pending:
        mark_applied(session, last)
    return count


def apply_pending(
    session: Session,
    engine: SearchEngine,
    batch_size: int | None = None,
    *,
    up_to: int | None = None,
    mark: bool = True,
    progress: Progress = SILENT,
) -> int:
    """Apply every pending change-log row (those up to id `up_to`, when given), `batch_size` rows at a time
    until none is left: the services they name are re-indexed (or dropped when gone). Each batch is marked
    applied once the engine took it, unless `mark` is False (the caller marks them when every engine has).
    If the engine fails, the rows not yet marked stay pending and the error goes up. Returns the number of
    services re-indexed."""
    size = batch_size or BATCH_SIZE
    after = 0
    services: set[str] = set()
    task = progress.task(_("Search index"), pending_count(session) if progress.watched else None)
    while True:
        # By id from the last batch on: a batch is found the same way whether its rows are marked or not.
        wanted = select(ChangeLog.id, ChangeLog.service_id).where(
            ChangeLog.applied_at.is_(None), ChangeLog.id > after
        )
        if up_to is not None:
            wanted = wanted.where(ChangeLog.id <= up_to)
        pending = session.execute(wanted.order_by(ChangeLog.id).limit(size)).all()
        if not pending:
            task.done()
            return len(services)
        after = pending[-1][0]
        service_ids = sorted({sid for _, sid in pending})
        existing = set(session.scalars(select(Service.id).where(Service.id.in_(service_ids))))
        documents = list(build_documents(session, existing))
        engine.delete_services(service_ids)
        engine.index(documents)
        if mark:
            session.execute(
                update(ChangeLog)
                .where(ChangeLog.id.in_([row_id for row_id, _ in pending]))
                .values(applied_at=utcnow())
            )
        services.update(service_ids)
        task.advance(len(pending))


@dataclass(slots=True)
class SyncOutcome:
    """What bringing each engine up to date did: services re-indexed, or documents of a fresh index, by
    engine name; and the engines that could not take the changes, with why (those changes stay pending)."""

    reindexed: dict[str, int] = field(default_factory=dict)
    rebuilt: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def bring_up_to_date(
    session: Session,
    engines: Sequence[SearchEngine],
    batch_size: int | None = None,
    progress: Progress = SILENT,
) -> SyncOutcome:
    """After a change to the directory: every pending change applied to each engine that answers, in
    batches until none is left; an embedded index that does not exist yet (or of an earlier layout) is
    built whole. The change-log rows are marked applied only when every engine took them, so an engine that
    is down or fails gets them at a later run. The caller commits."""
    outcome = SyncOutcome()
    up_to = last_change(session)
    for engine in engines:
        if engine.transactional and len(engines) > 1:
            # Written in each change's own transaction (PostgreSQL beside Meilisearch): the rows stay
            # pending for the other engine only.
            outcome.reindexed[engine.name] = 0
            continue
        try:
            health = engine.health()
            if not health.ok and engine.name == "embedded":
                outcome.rebuilt[engine.name] = rebuild(session, engine, keep_pending=True, progress=progress)
            elif not health.ok:
                outcome.failed[engine.name] = health.detail
            else:
                outcome.reindexed[engine.name] = apply_pending(
                    session, engine, batch_size, up_to=up_to, mark=False, progress=progress
                )
        except (EngineUnavailable, OSError) as exc:
            outcome.failed[engine.name] = str(exc)
    if not outcome.failed:
        mark_applied(session, up_to)
    return outcome


def last_change(session: Session) -> int:
    return session.scalar(select(func.max(ChangeLog.id))) or 0


def mark_applied(session: Session, up_to: int) -> None:
    session.execute(
        update(ChangeLog)
        .where(ChangeLog.id <= up_to, ChangeLog.applied_at.is_(None))
        .values(applied_at=utcnow())
    )


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
    from app.core.models.duplicates import hidden_service_ids

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
