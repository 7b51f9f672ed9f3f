"""HSDS 3.0 out: the inverse of the import.

`export_csv_package` writes every HSDS table as a CSV file with the standard's columns in the standard's
order, plus a `datapackage.json`; `export_json_services` writes a JSON list of full services as the API's
`/services/{id}` returns them. Rows and columns are always in the same order, so exporting what was just
imported from an export gives the same files. Both carry, beside each row's own attributes, links to the
core terms the crosswalk read its terms as (`export_links.py`).
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
from app.core.i18n import localized
from app.core.progress import SILENT, Progress, tracked
from app.core.taxonomy import CORE_SOURCE
from importers.hsds3.export_links import crosswalk_attributes
from importers.hsds3.spec import FieldSpec, TableSpec, datapackage, tables
from importers.hsds3.values import format_datetime, format_number, json_number

LOCALES = ("fr", "en")

# Fields the compiled JSON schema requires on nested objects; written as "" when the directory lacks them.
_REQUIRED_IN_JSON: dict[str, tuple[str, ...]] = {
    "organization": ("name", "description"),
    "program": ("name", "description"),
    "service": ("name", "status"),
    "address": ("address_1", "city", "state_province", "postal_code", "country", "address_type"),
    "taxonomy_term": ("name", "description"),
    "taxonomy": ("name", "description"),
    "organization_identifier": ("identifier_type", "identifier"),
    "metadata": (
        "last_action_date",
        "last_action_type",
        "field_name",
        "previous_value",
        "replacement_value",
        "updated_by",
    ),
    "location": ("location_type",),
    "phone": ("number",),
}


# --- rows to HSDS values ---------------------------------------------------------------------------------


def _text(value: dict[str, str] | None, locale: str) -> str | None:
    found = localized(value, locale)
    return found.text if found else None


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


def _json_value(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "number":
        return json_number(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _hsds_values(spec: TableSpec, row: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """The HSDS fields of a database row, text in `lang` (or the row's own language)."""
    locale = lang or row.get("lang") or "fr"
    values: dict[str, Any] = {"id": row["id"]}
    for field in spec.fields:
        value = row.get(field.column)
        values[field.name] = _text(value, locale) if field.kind == "text" else value
    return values


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
            values = _hsds_values(spec, row, lang)
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


class _Store:
    """Every exported row, grouped for nesting: by id, and by the id each foreign key points to."""

    def __init__(self, session: Session, lang: str | None) -> None:
        self.lang = lang
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

    def children(self, resource: str, field: str, parent_id: str) -> list[dict[str, Any]]:
        return self.by_ref[(resource, field)].get(parent_id, [])

    def obj(self, resource: str, row: dict[str, Any]) -> dict[str, Any]:
        """One row as a JSON object: its own fields, then its attributes and metadata."""
        spec = tables()[resource]
        values = _hsds_values(spec, row, self.lang)
        result: dict[str, Any] = {}
        for name, value in values.items():
            field = spec.get(name)
            value = _json_value(field, value) if field else value
            if value is not None:
                result[name] = value
        for name in _REQUIRED_IN_JSON.get(resource, ()):
            result.setdefault(name, "")
        attributes = [self.attribute(a) for a in self.children("attribute", "link_id", row["id"])]
        if attributes:
            result["attributes"] = attributes
        metadata = [self.obj("metadata", m) for m in self.children("metadata", "resource_id", row["id"])]
        if metadata and resource != "metadata":
            result["metadata"] = metadata
        return result

    def attribute(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("attribute", row)
        term = self.rows["taxonomy_term"].get(row["taxonomy_term_id"])
        if term:
            term_obj = self.obj("taxonomy_term", term)
            detail = self.rows["taxonomy"].get(term.get("taxonomy_id") or "")
            if detail:
                term_obj["taxonomy_detail"] = self.obj("taxonomy", detail)
            result["taxonomy_term"] = term_obj
        return result

    def nested(self, resource: str, field: str, parent_id: str, build: Any = None) -> list[dict[str, Any]]:
        rows = sorted(self.children(resource, field, parent_id), key=lambda r: r["id"])
        return [(build or (lambda r, res=resource: self.obj(res, r)))(r) for r in rows]

    def phone(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("phone", row)
        languages = self.nested("language", "phone_id", row["id"])
        if languages:
            result["languages"] = languages
        return result

    def contact(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("contact", row)
        _put(result, "phones", self.nested("phone", "contact_id", row["id"], self.phone))
        return result

    def location(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("location", row)
        lid = row["id"]
        _put(result, "languages", self.nested("language", "location_id", lid))
        _put(result, "addresses", self.nested("address", "location_id", lid))
        _put(result, "contacts", self.nested("contact", "location_id", lid, self.contact))
        _put(result, "accessibility", self.nested("accessibility", "location_id", lid))
        _put(result, "phones", self.nested("phone", "location_id", lid, self.phone))
        _put(result, "schedules", self.nested("schedule", "location_id", lid))
        return result

    def organization(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("organization", row)
        oid = row["id"]
        _put(result, "funding", self.nested("funding", "organization_id", oid))
        _put(result, "contacts", self.nested("contact", "organization_id", oid, self.contact))
        _put(result, "phones", self.nested("phone", "organization_id", oid, self.phone))
        _put(result, "locations", self.nested("location", "organization_id", oid, self.location))
        _put(result, "programs", self.nested("program", "organization_id", oid))
        _put(
            result, "organization_identifiers", self.nested("organization_identifier", "organization_id", oid)
        )
        return result

    def service_at_location(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("service_at_location", row)
        sid = row["id"]
        _put(result, "contacts", self.nested("contact", "service_at_location_id", sid, self.contact))
        _put(result, "phones", self.nested("phone", "service_at_location_id", sid, self.phone))
        _put(result, "schedules", self.nested("schedule", "service_at_location_id", sid))
        location = self.rows["location"].get(row["location_id"])
        if location:
            result["location"] = self.location(location)
        return result

    def service(self, row: dict[str, Any]) -> dict[str, Any]:
        result = self.obj("service", row)
        sid = row["id"]
        _put(result, "phones", self.nested("phone", "service_id", sid, self.phone))
        _put(result, "schedules", self.nested("schedule", "service_id", sid))
        _put(result, "service_areas", self.nested("service_area", "service_id", sid))
        _put(
            result,
            "service_at_locations",
            self.nested("service_at_location", "service_id", sid, self.service_at_location),
        )
        _put(result, "languages", self.nested("language", "service_id", sid))
        organization = self.rows["organization"].get(row["organization_id"])
        if organization:
            result["organization"] = self.organization(organization)
        _put(result, "funding", self.nested("funding", "service_id", sid))
        _put(result, "cost_options", self.nested("cost_option", "service_id", sid))
        program = self.rows["program"].get(row.get("program_id") or "")
        if program:
            result["program"] = self.obj("program", program)
        _put(result, "required_documents", self.nested("required_document", "service_id", sid))
        _put(result, "contacts", self.nested("contact", "service_id", sid, self.contact))
        # Attributes and metadata last, as the standard lists them.
        for key in ("attributes", "metadata"):
            if key in result:
                result[key] = result.pop(key)
        return result


def _put(target: dict[str, Any], key: str, items: list[dict[str, Any]]) -> None:
    if items:
        target[key] = items


def service_documents(session: Session, lang: str | None = None) -> list[dict[str, Any]]:
    store = _Store(session, lang)
    return [store.service(row) for _, row in sorted(store.rows["service"].items())]


def export_json_services(session: Session, out: Path, lang: str | None = None) -> int:
    documents = service_documents(session, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(documents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(documents)
