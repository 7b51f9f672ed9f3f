"""HSDS 3.0 objects nested from database rows: one nesting for the file export and the API.

Where the rows come from is the caller's choice: a `RowSource` answers a row by its id and the rows pointing
to a parent. The file export holds every row in memory (`export.py`); the API fetches only the rows a few
records nest (`scoped.py`). The nesting, and so the objects, are the same either way.

With `bilingual`, every object whose row holds its text in more than one language, or only in another than
the one asked for (the object's text is then a fallback), carries the Carrefour profile's `translations`:
`{"fr": {field: text}, "en": {field: text}}`, every language the row stores for the translatable fields the
object shows, so that a reader can rebuild the row's languages exactly. An object without it has its text
in the language asked for, and only in that one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from app.core.i18n import LOCALES, localized
from importers.hsds3.spec import FieldSpec, TableSpec, tables
from importers.hsds3.values import format_datetime, json_number

Row = dict[str, Any]
Obj = dict[str, Any]

# Fields the compiled JSON schema requires on nested objects; written as "" when the directory lacks them.
REQUIRED_IN_JSON: dict[str, tuple[str, ...]] = {
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

TRANSLATIONS = "translations"  # the Carrefour profile's property


# --- rows to HSDS values ---------------------------------------------------------------------------------


def text(value: dict[str, str] | None, locale: str) -> str | None:
    found = localized(value, locale)
    return found.text if found else None


def json_value(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "number":
        return json_number(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def hsds_values(spec: TableSpec, row: Row, lang: str | None) -> dict[str, Any]:
    """The HSDS fields of a database row, text in `lang` (or the row's own language)."""
    locale = lang or row.get("lang") or "fr"
    values: dict[str, Any] = {"id": row["id"]}
    for field in spec.fields:
        value = row.get(field.column)
        values[field.name] = text(value, locale) if field.kind == "text" else value
    return values


def translations(
    spec: TableSpec, row: Row, shown: Collection[str], locale: str
) -> dict[str, dict[str, str]] | None:
    """Every language the row stores for the translatable fields in `shown`, when the object's text does
    not say it all: the row has two languages, or only another than `locale` (its text is a fallback)."""
    found: dict[str, dict[str, str]] = {}
    for field in spec.fields:
        if field.kind != "text" or field.name not in shown:
            continue
        stored = row.get(field.column) or {}
        for written_in in LOCALES:  # the directory's languages, in their order
            if stored.get(written_in):
                found.setdefault(written_in, {})[field.name] = stored[written_in]
    if not found or list(found) == [locale]:
        return None
    return {written_in: found[written_in] for written_in in LOCALES if written_in in found}


# --- nesting ---------------------------------------------------------------------------------------------


class RowSource(Protocol):
    misses: int  # how many times a row or list was asked for and not held yet (0 when holding every row)

    def row(self, resource: str, row_id: str | None) -> Row | None:
        """The row of `resource` with this id, or None."""

    def children(self, resource: str, field: str, parent_id: str) -> list[Row]:
        """Every row of `resource` whose `field` is `parent_id`, by id."""


F = TypeVar("F", bound=Callable[..., Obj])


def _walked_once(method: F) -> F:
    """In a sketch, a row's subtree is walked once a pass (what it asks the source for depends on the row
    alone: an organization shared by a page of services, a term by many attributes), and no more once a
    walk found every row it asked for (rows are only ever added, so the next walk would find them too)."""

    @functools.wraps(method)
    def walk(self: Nester, *args: Any, **kwargs: Any) -> Obj:
        if not self.sketch:
            return method(self, *args, **kwargs)
        key = (method.__name__, *(a["id"] if isinstance(a, dict) else a for a in args), *kwargs.values())
        if key in self.walked or key in self.complete:
            return {}
        self.walked.add(key)
        misses = self.source.misses
        result = method(self, *args, **kwargs)
        if self.source.misses == misses:
            self.complete.add(key)
        return result

    return walk  # type: ignore[return-value]


class Nester:
    """Rows to nested HSDS objects. In a sketch (`begin(sketch=True)`), objects are walked but not filled:
    a scoped source learns that way which rows it lacks, without building values on every pass. A sketch
    of the tree alone (`attached=False`) leaves out the attributes and metadata every row has, so that they
    are asked for all rows at once when the tree is known."""

    def __init__(
        self, source: RowSource, lang: str | None, bilingual: bool = False, empty_lists: bool = False
    ) -> None:
        self.source = source
        self.lang = lang
        self.bilingual = bilingual
        # An API's full record is the whole record: an empty list says "none any more" to a reader that
        # syncs from it (the file export leaves empty lists out, as it always has).
        self.empty_lists = empty_lists
        self.sketch = False
        self.attached = True
        self.walked: set[tuple[Any, ...]] = set()  # this pass
        self.complete: set[tuple[Any, ...]] = set()  # every pass: found whole

    def begin(self, sketch: bool, attached: bool = True) -> None:
        """Start a pass over the records: a sketch (of the tree alone, or with what is attached to each
        row), or the real build."""
        if attached != self.attached:
            self.complete.clear()  # found whole without attributes is not found whole with them
        self.sketch = sketch
        self.attached = attached or not sketch
        self.walked.clear()

    def children(self, resource: str, field: str, parent_id: str) -> list[Row]:
        return self.source.children(resource, field, parent_id)

    def own(self, resource: str, row: Row, only: Collection[str] | None = None) -> Obj:
        """A row's one-to-one fields (only those in `only` when given), with its translations."""
        if self.sketch:
            return {}
        spec = tables()[resource]
        locale = self.lang or row.get("lang") or "fr"
        result: Obj = {"id": row["id"]} if row["id"] is not None else {}
        for field in spec.fields:  # as hsds_values, then json_value, in one pass
            if only is not None and field.name not in only:
                continue
            value = row.get(field.column)
            value = json_value(field, text(value, locale) if field.kind == "text" else value)
            if value is not None:
                result[field.name] = value
        for name in REQUIRED_IN_JSON.get(resource, ()):
            if only is None or name in only:
                result.setdefault(name, "")
        if self.bilingual and spec.translatable:
            found = translations(spec, row, result.keys(), locale)
            if found:
                result[TRANSLATIONS] = found
        return result

    @_walked_once
    def obj(self, resource: str, row: Row) -> Obj:
        """One row as a JSON object: its own fields, then its attributes and metadata."""
        result = self.own(resource, row)
        if not self.attached:
            return result
        attributes = [self.attribute(a) for a in self.children("attribute", "link_id", row["id"])]
        if attributes:
            result["attributes"] = attributes
        if resource != "metadata":
            metadata = [self.obj("metadata", m) for m in self.children("metadata", "resource_id", row["id"])]
            if metadata:
                result["metadata"] = metadata
        return result

    @_walked_once
    def attribute(self, row: Row) -> Obj:
        result = self.obj("attribute", row)
        term = self.source.row("taxonomy_term", row["taxonomy_term_id"])
        if term:
            result["taxonomy_term"] = self.term(term)
        return result

    @_walked_once
    def term(self, row: Row) -> Obj:
        result = self.obj("taxonomy_term", row)
        detail = self.source.row("taxonomy", row.get("taxonomy_id"))
        if detail:
            result["taxonomy_detail"] = self.obj("taxonomy", detail)
        return result

    def nested(
        self, resource: str, field: str, parent_id: str, build: Callable[[Row], Obj] | None = None
    ) -> list[Obj]:
        rows = sorted(self.children(resource, field, parent_id), key=lambda r: r["id"])
        return [(build or (lambda r, res=resource: self.obj(res, r)))(r) for r in rows]

    def _put(self, target: Obj, key: str, items: list[Obj]) -> None:
        if items or self.empty_lists:
            target[key] = items

    @_walked_once
    def phone(self, row: Row) -> Obj:
        result = self.obj("phone", row)
        languages = self.nested("language", "phone_id", row["id"])
        if languages:
            result["languages"] = languages
        return result

    @_walked_once
    def contact(self, row: Row) -> Obj:
        result = self.obj("contact", row)
        self._put(result, "phones", self.nested("phone", "contact_id", row["id"], self.phone))
        return result

    @_walked_once
    def location(self, row: Row) -> Obj:
        result = self.obj("location", row)
        lid = row["id"]
        self._put(result, "languages", self.nested("language", "location_id", lid))
        self._put(result, "addresses", self.nested("address", "location_id", lid))
        self._put(result, "contacts", self.nested("contact", "location_id", lid, self.contact))
        self._put(result, "accessibility", self.nested("accessibility", "location_id", lid))
        self._put(result, "phones", self.nested("phone", "location_id", lid, self.phone))
        self._put(result, "schedules", self.nested("schedule", "location_id", lid))
        return result

    @_walked_once
    def organization(self, row: Row) -> Obj:
        result = self.obj("organization", row)
        oid = row["id"]
        self._put(result, "funding", self.nested("funding", "organization_id", oid))
        self._put(result, "contacts", self.nested("contact", "organization_id", oid, self.contact))
        self._put(result, "phones", self.nested("phone", "organization_id", oid, self.phone))
        self._put(result, "locations", self.nested("location", "organization_id", oid, self.location))
        self._put(result, "programs", self.nested("program", "organization_id", oid))
        self._put(
            result, "organization_identifiers", self.nested("organization_identifier", "organization_id", oid)
        )
        return result

    @_walked_once
    def service_at_location(self, row: Row) -> Obj:
        result = self.obj("service_at_location", row)
        sid = row["id"]
        self._put(result, "contacts", self.nested("contact", "service_at_location_id", sid, self.contact))
        self._put(result, "phones", self.nested("phone", "service_at_location_id", sid, self.phone))
        self._put(result, "schedules", self.nested("schedule", "service_at_location_id", sid))
        location = self.source.row("location", row["location_id"])
        if location:
            result["location"] = self.location(location)
        return result

    @_walked_once
    def service(self, row: Row, with_organization: bool = True) -> Obj:
        """A full service; without its organization when nested in that organization."""
        result = self.obj("service", row)
        sid = row["id"]
        self._put(result, "phones", self.nested("phone", "service_id", sid, self.phone))
        self._put(result, "schedules", self.nested("schedule", "service_id", sid))
        self._put(result, "service_areas", self.nested("service_area", "service_id", sid))
        self._put(
            result,
            "service_at_locations",
            self.nested("service_at_location", "service_id", sid, self.service_at_location),
        )
        self._put(result, "languages", self.nested("language", "service_id", sid))
        organization = self.source.row("organization", row["organization_id"]) if with_organization else None
        if organization:
            result["organization"] = self.organization(organization)
        self._put(result, "funding", self.nested("funding", "service_id", sid))
        self._put(result, "cost_options", self.nested("cost_option", "service_id", sid))
        program = self.source.row("program", row.get("program_id"))
        if program:
            result["program"] = self.obj("program", program)
        self._put(result, "required_documents", self.nested("required_document", "service_id", sid))
        self._put(result, "contacts", self.nested("contact", "service_id", sid, self.contact))
        # Attributes and metadata last, as the standard lists them.
        for key in ("attributes", "metadata"):
            if key in result:
                result[key] = result.pop(key)
        return result
