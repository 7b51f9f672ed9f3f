"""What an import shares while it writes: the run's context across tables, and one table's within it.

The run's context (`ImportContext`) maps source ids to Carrefour ids, finds or makes placeholder
organizations and remembers what changed. A table's (`TableScope`) adds that table's spec, its columns'
length limits and its counts, and is where a row is rejected or warned about; reading (`rows.py`) and
writing (`writing.py`) both report through it, so their counts and problems land in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, Table, select
from sqlalchemy.orm import Session

from app.core.progress import SILENT, Progress
from importers.dataset import RawRow
from importers.errors import Problem
from importers.hsds3.ids import canonical_id
from importers.hsds3.spec import TableSpec, tables
from importers.placeholders import create_placeholder, placeholder_ids
from importers.report import ImportReport, TableCounts

LOCALES = ("fr", "en")


@dataclass(slots=True)
class ImportContext:
    """What every table of one run shares: the session, the source, the language and the id maps."""

    session: Session
    source: str
    lang: str
    report: ImportReport
    # resource -> {source id -> Carrefour id}, filled from the database on first use, then by this run
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    misses: set[tuple[str, str]] = field(default_factory=set)
    changed: dict[str, set[str]] = field(default_factory=dict)  # table -> ids created or updated
    taxonomy_names: dict[str, str] = field(default_factory=dict)
    placeholders: set[str] | None = None  # ids of placeholder organizations, read on first use
    progress: Progress = SILENT

    def id_map(self, resource: str) -> dict[str, str]:
        if resource not in self.ids:
            table: Table = tables()[resource].model.__table__
            rows = self.session.execute(
                select(table.c.source_id, table.c.id).where(table.c.data_source == self.source)
            )
            self.ids[resource] = {source_id: row_id for source_id, row_id in rows}
        return self.ids[resource]

    def resolve(self, resource: str, source_id: str) -> str | None:
        """A source id of this run's source, or failing that a Carrefour id any source already holds."""
        found = self.id_map(resource).get(source_id)
        if found is not None:
            return found
        uid = canonical_id(source_id)
        if uid is None or (resource, uid) in self.misses:
            return None
        table: Table = tables()[resource].model.__table__
        if self.session.execute(select(table.c.id).where(table.c.id == uid)).first():
            self.id_map(resource)[source_id] = uid
            return uid
        self.misses.add((resource, uid))
        return None

    def _placeholder_ids(self) -> set[str]:
        if self.placeholders is None:
            self.placeholders = placeholder_ids(self.session)
        return self.placeholders

    def is_placeholder(self, organization_id: str) -> bool:
        return organization_id in self._placeholder_ids()

    def placeholder_for(self, source_id: str) -> str:
        """The placeholder organization of a missing organization id, made on first need."""
        found = self.id_map("organization").get(source_id)
        if found is None:
            found = create_placeholder(self.session, self.source, source_id, self.lang)
            self.id_map("organization")[source_id] = found
            self.changed.setdefault("organization", set()).add(found)
            self._placeholder_ids().add(found)
        return found


@dataclass(slots=True)
class TableScope:
    """One table of the run: its spec and database table, its counts, and its rows' problems."""

    ctx: ImportContext
    spec: TableSpec
    table: Table
    counts: TableCounts
    # Short columns have a length limit that PostgreSQL enforces; a longer value is caught here first.
    limits: dict[str, int]

    @classmethod
    def of(cls, ctx: ImportContext, spec: TableSpec) -> TableScope:
        table: Table = spec.model.__table__
        limits = {
            c.name: c.type.length for c in table.columns if isinstance(c.type, String) and c.type.length
        }
        return cls(ctx, spec, table, ctx.report.counts_for(spec.resource), limits)

    def reject(self, raw: RawRow, code: str, column: str | None, **params: Any) -> None:
        self.counts.rejected += 1
        self.ctx.report.reject(Problem(code, raw.file, raw.line, column, params, raw=_jsonable(raw.data)))
        return None

    def warn(self, raw: RawRow, code: str, column: str | None, **params: Any) -> None:
        self.ctx.report.warn(Problem(code, raw.file, raw.line, column, params))


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        str(k): (v if isinstance(v, str | int | float | bool | type(None)) else str(v))
        for k, v in data.items()
    }
