"""One import run: open the files, check them, load every table, record the run and its rejects.

The caller owns the transaction: it commits when this returns and rolls back on FatalImportError, so a
fatal problem leaves the database exactly as it was.
"""

from __future__ import annotations

import time
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session

from app.core.agency.guards import GuardOutcome, protect_agency_edits
from app.core.changes import affected_services, record_changes
from app.core.geo import GeocoderSettings
from app.core.progress import SILENT, Progress
from app.core.taxonomy import seed_core_taxonomy
from importers.dataset import Dataset
from importers.detect import detect_format
from importers.errors import FatalImportError, Problem
from importers.formats import ImportOptions, get_format
from importers.hsds3.loader import LOCALES, ImportContext, load_tables
from importers.hsds3.spec import DETAIL_TABLES
from importers.language import detect_language
from importers.placing import place_locations
from importers.report import ImportReport
from importers.runs import record_run


def run_import(
    session: Session,
    path: Path,
    fmt: str = "hsds3",
    lang: str | None = None,
    source: str | None = None,
    default_lang: str = "fr",
    geocoder: GeocoderSettings | None = None,
    options: ImportOptions | None = None,
    progress: Progress = SILENT,
) -> ImportReport:
    started = time.perf_counter()
    format_detected = fmt == "auto"
    if fmt == "auto":
        detected_format = detect_format(path, options)
        if detected_format is None:
            raise FatalImportError(Problem("unknown_format", str(path)))
        fmt = detected_format
    reader = get_format(fmt)
    if reader is None:
        raise FatalImportError(Problem("unsupported_format", str(path), params={"name": fmt}))
    seed_core_taxonomy(session)
    dataset = reader.open(path, options or ImportOptions())
    agency = GuardOutcome()
    try:
        _check_columns(dataset)
        detected = lang is None
        lang = lang or detect_language(_text_sample(dataset), default=default_lang)
        report = ImportReport(
            source=source or default_source_name(path),
            fmt=fmt,
            format_detected=format_detected,
            lang=lang,
            lang_detected=detected,
            path=path,
            files=dict(dataset.files),
        )
        for problem in dataset.problems:
            report.warn(problem)
        ctx = ImportContext(
            session=session, source=report.source, lang=lang, report=report, progress=progress
        )
        load_tables(ctx, dataset.tables.values())
        placed = ctx.changed.setdefault("location", set())
        place_locations(
            session,
            report.source,
            set(placed) | _locations_of_addresses(session, ctx.changed),
            report,
            placed,
            geocoder if geocoder is not None else GeocoderSettings.from_environment(),
        )
        # Published agency edits stay; what the import says against one waits for review.
        agency = protect_agency_edits(session, ctx.changed, report.source)
        report.agency_edits_kept, report.agency_conflicts = agency.kept, agency.conflicts
        _refresh_statistics(session, ctx.changed)
        # The search index learns what changed from the change log, written in this same transaction.
        record_changes(session, affected_services(session, ctx.changed), f"import:{report.source}")
    finally:
        dataset.close()
    report.seconds = time.perf_counter() - started
    run = record_run(session, report)
    for proposal in agency.proposals:
        proposal.import_run_id = run.id
    session.flush()
    session.expire_all()  # rows were written with Core statements; reload them on next access
    return report


# Rows written before PostgreSQL's planner is told how many there are (ANALYZE, which autovacuum runs later,
# or never when it is off): beyond this, the index's documents and the next searches are planned blind.
STATISTICS_AFTER_ROWS = 1000


def _refresh_statistics(session: Session, changed: dict[str, set[str]]) -> None:
    """After a large import into PostgreSQL, its tables' statistics, in the import's own transaction (which
    ANALYZE may run in, seeing its rows), before the search documents are built from them."""
    written = sum(len(ids) for ids in changed.values())
    if session.get_bind().dialect.name != "postgresql" or written < STATISTICS_AFTER_ROWS:
        return
    from sqlalchemy import text

    from app.core.orm import Base

    for table in sorted(name for name, ids in changed.items() if ids and name in Base.metadata.tables):
        session.execute(text(f'ANALYZE "{table}"'))


def _locations_of_addresses(session: Session, changed: dict[str, set[str]]) -> set[str]:
    from sqlalchemy import select

    from app.core.models import Address

    ids = list(changed.get("address", set()))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            i
            for i in session.scalars(
                select(Address.location_id).where(Address.id.in_(ids[start : start + 500]))
            )
            if i
        )
    return found


def default_source_name(path: Path) -> str:
    name = path.resolve().name
    for suffix in (".zip", ".json", ".csv"):
        name = name.removesuffix(suffix)
    return name or "import"


def _check_columns(dataset: Dataset) -> None:
    """A CSV file without a column its rows cannot do without is a fatal problem, found before writing.
    Rows of detail tables (schedules, languages...) can do without an id: theirs is derived from them."""
    if dataset.form != "csv":
        return
    for table in dataset.tables.values():
        present = set(table.columns)
        ids = () if table.spec.resource in DETAIL_TABLES else ("id",)
        for name in (*ids, *sorted(table.spec.essential)):
            spec = table.spec.get(name)
            options = {name} | (
                {f"{name}_{loc}" for loc in LOCALES} if spec and spec.kind == "text" else set()
            )
            if not present & options:
                raise FatalImportError(Problem("missing_column", table.file, 1, name))


def _text_sample(dataset: Dataset, rows: int = 300) -> list[str]:
    sample: list[str] = []
    for resource in ("service", "organization", "location"):
        table = dataset.tables.get(resource)
        if table is None:
            continue
        for raw in islice(table.rows(), rows):
            sample.extend(str(raw.data.get(c) or "") for c in ("name", "description"))
    return sample
