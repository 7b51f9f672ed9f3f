"""What the demo datapackage looks like: shared by the generator and the checker (standard library only).

The official HSDS 3.0 datapackage fixes the files, the column order and the constraints; Carrefour adds one
`<field>_en` column per translatable text field, beside the French HSDS column.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from app.data import BOROUGHS_GEOJSON, HSDS_DATAPACKAGE, TAXONOMY_CSV

DEMO_DIR = Path(__file__).resolve().parent
DATA_DIR = DEMO_DIR / "data"
PROJECT_ROOT = DEMO_DIR.parent.parent

ID_PREFIX = "https://carrefour.example/demo"


def official_datapackage_path() -> Path:
    return HSDS_DATAPACKAGE


def taxonomy_path() -> Path:
    return TAXONOMY_CSV


def boroughs_path() -> Path:
    return BOROUGHS_GEOJSON


# Resource name (as in the official datapackage) -> its translatable fields, carried as `<field>_en`, in the
# standard's field order; the importer's list is the one truth.
def _translatable() -> dict[str, tuple[str, ...]]:
    from importers.hsds3.spec import TRANSLATABLE as FIELDS
    from importers.hsds3.spec import tables

    return {name: tuple(f.name for f in tables()[name].fields if f.name in FIELDS[name]) for name in FIELDS}


TRANSLATABLE: dict[str, tuple[str, ...]] = _translatable()

# The resources the demo ships, in the order they are written and listed.
RESOURCES: tuple[str, ...] = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "program",
    "service",
    "location",
    "service_at_location",
    "address",
    "phone",
    "schedule",
    "service_area",
    "language",
    "cost_option",
    "required_document",
    "accessibility",
    "contact",
    "funding",
    "attribute",
)


def load_official() -> dict[str, dict[str, Any]]:
    """Official resources by name (`organization`, ...)."""
    with official_datapackage_path().open(encoding="utf-8") as handle:
        package = json.load(handle)
    return {resource["name"]: resource for resource in package["resources"]}


def official_fields(resource: dict[str, Any]) -> list[str]:
    return [field["name"] for field in resource["schema"]["fields"]]


def en_columns(resource_name: str, fields: list[str]) -> list[str]:
    """The `_en` columns of a resource, in the order of their field in the official schema."""
    wanted = set(TRANSLATABLE.get(resource_name, ()))
    return [f"{name}_en" for name in fields if name in wanted]


def header(resource: dict[str, Any]) -> list[str]:
    fields = official_fields(resource)
    return fields + en_columns(resource["name"], fields)


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        head = next(reader)
        rows = [dict(zip(head, row, strict=True)) for row in reader]
    return head, rows
