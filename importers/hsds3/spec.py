"""What each HSDS 3.0 table looks like, read from the official datapackage shipped with Carrefour.

The field order, types, required flags and foreign keys come from `datapackage.json` (HSDS 3.0, CC BY-SA
4.0, openreferral/specification v3.0). What the datapackage cannot say is written here: which fields hold
translatable text, which fields point to their own table, and which model holds each table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from app.core.hours import DAYS
from app.core.orm import Base
from app.core.tables import MODELS, ORDER
from app.data import HSDS_DATAPACKAGE

DATAPACKAGE = HSDS_DATAPACKAGE

Kind = Literal["string", "number", "date", "datetime", "time", "text"]

TRANSLATABLE: dict[str, frozenset[str]] = {
    "organization": frozenset({"name", "alternate_name", "description"}),
    "program": frozenset({"name", "alternate_name", "description"}),
    "service": frozenset(
        {
            "name",
            "alternate_name",
            "description",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "licenses",
            "alert",
        }
    ),
    "location": frozenset({"name", "alternate_name", "description", "transportation"}),
    "service_at_location": frozenset({"description"}),
    "schedule": frozenset({"description", "attending_type", "notes"}),
    "service_area": frozenset({"name", "description"}),
    "cost_option": frozenset({"option", "amount_description"}),
    "required_document": frozenset({"document"}),
    "accessibility": frozenset({"description", "details"}),
    "phone": frozenset({"description"}),
    "language": frozenset({"name", "note"}),
    "contact": frozenset({"title", "department"}),
    "funding": frozenset({"source"}),
    "taxonomy": frozenset({"description"}),
    "taxonomy_term": frozenset({"name", "description"}),
}

# References the datapackage does not declare as foreign keys.
EXTRA_REFS: dict[tuple[str, str], str] = {
    ("organization", "parent_organization_id"): "organization",
    ("taxonomy_term", "parent_id"): "taxonomy_term",
}

# HSDS fields whose model attribute has another name (the model's `version` is the row version).
COLUMN_NAMES: dict[tuple[str, str], str] = {("taxonomy", "version"): "version_label"}

# Fields without which a row means nothing: missing or broken, the row is rejected. Other required
# fields of the standard are often empty in real exports; those rows are kept with a warning.
ESSENTIAL: dict[str, frozenset[str]] = {
    "taxonomy": frozenset({"name"}),
    "taxonomy_term": frozenset({"name"}),
    "organization": frozenset({"name"}),
    "organization_identifier": frozenset({"organization_id", "identifier"}),
    "program": frozenset({"organization_id", "name"}),
    "service": frozenset({"organization_id", "name"}),
    "service_at_location": frozenset({"service_id", "location_id"}),
    "phone": frozenset({"number"}),
    "cost_option": frozenset({"service_id"}),
    "attribute": frozenset({"link_id", "taxonomy_term_id"}),
}

# Tables whose rows are details of another row (its hours, languages, phones, a link to a term...). Real
# exports often leave their ids empty, or repeat the owner's id on each row: such a row gets an id derived
# from its content, and a repeated id on a row that says something else is kept as another fact. The other
# tables' rows are what others point to: without their own id, they cannot be found again.
DETAIL_TABLES: frozenset[str] = frozenset(
    {
        "service_at_location",
        "address",
        "contact",
        "phone",
        "schedule",
        "service_area",
        "language",
        "accessibility",
        "cost_option",
        "required_document",
        "funding",
        "attribute",
        "organization_identifier",
        "metadata",
    }
)

ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("service", "status"): ("active", "inactive", "defunct", "temporarily closed"),
    ("location", "location_type"): ("physical", "postal", "virtual"),
    ("schedule", "freq"): ("WEEKLY", "MONTHLY"),
    ("schedule", "wkst"): DAYS,
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    column: str
    kind: Kind
    required: bool
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    resource: str
    path: str
    model: type[Base]
    fields: tuple[FieldSpec, ...]
    schema: dict[str, object] = field(repr=False, hash=False, compare=False)

    @property
    def field_names(self) -> list[str]:
        """Every HSDS column of the table, in the standard's order (including `id`)."""
        return ["id", *(f.name for f in self.fields)]

    def get(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def translatable(self) -> frozenset[str]:
        return TRANSLATABLE.get(self.resource, frozenset())

    @property
    def essential(self) -> frozenset[str]:
        return ESSENTIAL.get(self.resource, frozenset())


_TYPES: dict[str, Kind] = {
    "string": "string",
    "number": "number",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "integer": "number",
}


@cache
def datapackage() -> dict[str, object]:
    return json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


@cache
def tables() -> dict[str, TableSpec]:
    """Every HSDS table, in import order."""
    resources = {r["name"]: r for r in datapackage()["resources"]}  # type: ignore[index, union-attr]
    specs: dict[str, TableSpec] = {}
    for name in ORDER:
        resource = resources[name]
        schema = resource["schema"]
        refs = {fk["fields"]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
        fields = []
        for raw in schema["fields"]:
            if raw["name"] == "id":
                continue
            fname = raw["name"]
            kind: Kind = (
                "text" if fname in TRANSLATABLE.get(name, ()) else _TYPES.get(raw.get("type"), "string")
            )
            fields.append(
                FieldSpec(
                    name=fname,
                    column=COLUMN_NAMES.get((name, fname), fname),
                    kind=kind,
                    required=bool(raw.get("constraints", {}).get("required")),
                    ref=refs.get(fname) or EXTRA_REFS.get((name, fname)),
                )
            )
        specs[name] = TableSpec(
            resource=name, path=resource["path"], model=MODELS[name], fields=tuple(fields), schema=resource
        )
    return specs


def table_for_file(file_name: str) -> TableSpec | None:
    for spec in tables().values():
        if spec.path == file_name:
            return spec
    return None
