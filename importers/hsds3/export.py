"""HSDS 3.0 out: the inverse of the import.

`export_csv_package` writes every HSDS table as a CSV file with the standard's columns in the standard's
order, plus a `datapackage.json`; `export_json_services` writes a JSON list of full services as the API's
`/services/{id}` returns them. Rows and columns are always in the same order, so exporting what was just
imported from an export gives the same files. Both carry, beside each row's own attributes, links to the
core terms the crosswalk read its terms as (`export_links.py`). The JSON is nested by `nesting.py`, from every
row loaded at once here; the API builds the same objects for a few ids (`records.py`).
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from app.core.i18n import lazy_gettext as _l
from app.core.progress import SILENT, Progress, tracked
from app.core.taxonomy import CORE_SOURCE
from importers.hsds3.export_links import crosswalk_attributes
from importers.hsds3.nesting import Nester, hsds_values
from importers.hsds3.spec import FieldSpec, TableSpec, datapackage, tables
from importers.hsds3.values import format_datetime, format_number

LOCALES = ("fr", "en")

# --- rows to HSDS values ---------------------------------------------------------------------------------


def _cell(spec: FieldSpec, value: Any) -> str:
    """One CSV cell."""
    if value is None:
        return ""
    if spec.kind == "number":
        return format_number(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- CSV datapackage -------------------------------------------------------------------------------------


def export_csv_package(
    session: Session,
    out: Path,
    lang: str | None = None,
    bilingual: bool = False,
    progress: Progress = SILENT,
) -> dict[str, int]:
    """Write the directory to the folder (or `.zip`) `out`; return the row count of each file."""
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    added = crosswalk_attributes(session)
    kept = _exported_ids(session, added)
    order = _in_package_order()
    for spec in tracked(order, progress, _l("Files"), len(order)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        extra = _suffix_columns(spec) if bilingual else []
        writer.writerow([*spec.field_names, *(f"{name}_{loc}" for name, loc in extra)])
        counts[spec.path] = 0
        for row in _rows(
            session, spec, kept.get(spec.resource), added if spec.resource == "attribute" else ()
        ):
            values = hsds_values(spec, row, lang)
            cells = [row["id"], *(_cell(f, values[f.name]) for f in spec.fields)]
            cells.extend((row.get(name) or {}).get(locale, "") for name, locale in extra)
            writer.writerow(cells)
            counts[spec.path] += 1
        files[spec.path] = buffer.getvalue()
    files["datapackage.json"] = json.dumps(_descriptor(bilingual), ensure_ascii=False, indent=2) + "\n"
    _write_files(out, files)
    return counts


def _in_package_order() -> list[TableSpec]:
    by_name = tables()
    return [by_name[r["name"]] for r in datapackage()["resources"]]  # type: ignore[index, union-attr]


def _suffix_columns(spec: TableSpec) -> list[tuple[str, str]]:
    return [(f.name, loc) for f in spec.fields if f.kind == "text" for loc in LOCALES]


def _descriptor(bilingual: bool) -> dict[str, Any]:
    official = datapackage()
    descriptor = {k: v for k, v in official.items() if k != "resources"}
    descriptor["name"] = "carrefour-export"
    descriptor["title"] = "Carrefour directory export (HSDS 3.0)"
    resources = []
    for resource in official["resources"]:  # type: ignore[union-attr]
        resource = json.loads(json.dumps(resource))
        if bilingual:
            spec = tables()[resource["name"]]
            resource["schema"]["fields"].extend(
                {
                    "name": f"{name}_{loc}",
                    "type": "string",
                    "description": f"{name} in {'French' if loc == 'fr' else 'English'} (Carrefour)",
                }
                for name, loc in _suffix_columns(spec)
            )
        resources.append(resource)
    descriptor["resources"] = resources
    return descriptor


def _write_files(out: Path, files: dict[str, str]) -> None:
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), text.encode("utf-8"))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")


def _rows(
    session: Session, spec: TableSpec, only: set[str] | None, added: Sequence[dict[str, Any]] = ()
) -> Iterator[dict[str, Any]]:
    """The table's rows by id, with the rows the export adds (sorted by id too) in their place."""
    table: Table = spec.model.__table__
    statement = select(table).order_by(table.c.id)
    if only is not None:
        statement = statement.where(or_(table.c.data_source != CORE_SOURCE, table.c.id.in_(only or {""})))
    stored = (dict(m) for m in session.execute(statement.execution_options(yield_per=2000)).mappings())
    yield from heapq.merge(stored, added, key=lambda row: str(row["id"]))


def _exported_ids(session: Session, added: Sequence[dict[str, Any]] = ()) -> dict[str, set[str]]:
    """The core taxonomy is Carrefour's own reference data: exported only where data uses it (the links
    the export adds included)."""
    attribute = tables()["attribute"].model.__table__
    term = tables()["taxonomy_term"].model.__table__
    used_terms = set(session.scalars(select(attribute.c.taxonomy_term_id).distinct()))
    used_terms.update(str(row["taxonomy_term_id"]) for row in added)
    parents = set(session.scalars(select(term.c.parent_id).where(term.c.id.in_(used_terms or {""}))))
    terms = used_terms | {p for p in parents if p}
    taxonomies = set(session.scalars(select(term.c.taxonomy_id).where(term.c.id.in_(terms or {""}))))
    return {"taxonomy_term": terms, "taxonomy": {t for t in taxonomies if t}}


# --- JSON list of services -------------------------------------------------------------------------------


class _FullRows:
    """Every exported row, grouped for nesting: by id, and by the id each foreign key points to."""

    misses = 0  # every row is held

    def __init__(self, session: Session) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = {}
        self.by_ref: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        added = crosswalk_attributes(session)
        kept = _exported_ids(session, added)
        for spec in tables().values():
            self.rows[spec.resource] = {}
            for row in _rows(
                session, spec, kept.get(spec.resource), added if spec.resource == "attribute" else ()
            ):
                self.rows[spec.resource][row["id"]] = row
                for field in spec.fields:
                    key = row.get(field.column)
                    if field.ref and key:
                        self.by_ref[(spec.resource, field.name)][key].append(row)
        for row in self.rows["attribute"].values():
            self.by_ref[("attribute", "link_id")][row["link_id"]].append(row)
        for row in self.rows["metadata"].values():
            if row.get("resource_id"):
                self.by_ref[("metadata", "resource_id")][row["resource_id"]].append(row)

    def row(self, resource: str, row_id: str | None) -> dict[str, Any] | None:
        return self.rows[resource].get(row_id) if row_id else None

    def children(self, resource: str, field: str, parent_id: str) -> list[dict[str, Any]]:
        return self.by_ref[(resource, field)].get(parent_id, [])


def service_documents(
    session: Session, lang: str | None = None, bilingual: bool = False
) -> list[dict[str, Any]]:
    """Every service as `/services/{id}` gives it (with the Carrefour profile's translations if
    `bilingual`)."""
    source = _FullRows(session)
    nester = Nester(source, lang, bilingual)
    return [nester.service(row) for _, row in sorted(source.rows["service"].items())]


def export_json_services(
    session: Session, out: Path, lang: str | None = None, bilingual: bool = False
) -> int:
    documents = service_documents(session, lang, bilingual)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(documents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(documents)
