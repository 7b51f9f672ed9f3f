"""The record of import runs, listed and shown by `carrefour imports` (plain functions taking a session)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import ImportReject, ImportRun
from app.core.orm import utcnow
from importers.report import ImportReport

COUNT_KINDS = ("read", "created", "updated", "unchanged", "rejected")


def record_run(session: Session, report: ImportReport) -> ImportRun:
    """The run and its rejected rows (the quarantine), in the import's own transaction."""
    finished = utcnow()
    run = ImportRun(
        data_source=report.source,
        format=report.fmt,
        lang=report.lang,
        path=str(report.path),
        files=report.files,
        counts={t: c.as_dict() for t, c in report.counts.items()},
        warnings={
            "counts": dict(report.warning_counts),
            "first": [w.as_dict() for w in report.warnings],
            # What normalization rewrote or gave up on, and the source's words no crosswalk entry maps.
            "normalized": dict(report.normalized),
            "unmapped_terms": [{"term": term, "uses": uses} for term, uses in report.unmapped_terms],
            # Organization ids the services point to and the files lack: placeholders, to review.
            # Published agency edits this import met: kept as they were, or in conflict (to review).
            "agency_edits": {"kept": report.agency_edits_kept, "conflicts": report.agency_conflicts},
            "placeholders": [
                {"id": source_id, "services": services}
                for source_id, services in sorted(report.placeholders.items())
            ],
        },
        started_at=finished - timedelta(seconds=report.seconds),
        finished_at=finished,
    )
    session.add(run)
    session.flush()
    report.run_id = run.id
    session.add_all(
        ImportReject(
            run_id=run.id, file=p.file, line=str(p.line), column=p.column, reason=p.message(), raw=p.raw or {}
        )
        for p in report.rejects
    )
    session.flush()
    return run


def list_runs(session: Session, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs first, as `carrefour imports --json` prints them."""
    runs = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)).all()
    return [_summary(run) for run in runs]


def _summary(run: ImportRun) -> dict[str, Any]:
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
    return {
        "id": run.id,
        "source": run.data_source,
        "format": run.format,
        "lang": run.lang,
        "path": run.path,
        "started_at": run.started_at.isoformat(),
        "seconds": round(seconds, 3) if seconds is not None else None,
        "files": run.files,
        "counts": {kind: sum(c.get(kind, 0) for c in run.counts.values()) for kind in COUNT_KINDS},
        "counts_by_table": run.counts,
        "warnings": sum(run.warnings.get("counts", {}).values()),
        "warning_counts": run.warnings.get("counts", {}),
        "normalized": run.warnings.get("normalized", {}),
        "unmapped_terms": run.warnings.get("unmapped_terms", []),
        "placeholders": run.warnings.get("placeholders", []),
    }


def run_rejects(session: Session, run_id: int) -> list[dict[str, Any]]:
    """A run's rejected rows: file, line, column, reason and the raw values, in the order met."""
    found = session.scalars(
        select(ImportReject).where(ImportReject.run_id == run_id).order_by(ImportReject.id)
    ).all()
    return [dict(file=r.file, line=r.line, column=r.column, reason=r.reason, raw=r.raw) for r in found]
