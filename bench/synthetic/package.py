"""What a synthetic datapackage looks like and how it is written: shared by the demo, the benchmark and the
demo's checker.

The official HSDS 3.0 datapackage fixes the files, the column order and the constraints; Carrefour adds one
`<field>_en` column per translatable text field, beside the French HSDS column. Rows are streamed to their
files: a package of any size is written in flat memory.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import IO, Any

from app.data import HSDS_DATAPACKAGE

Row = dict[str, str]

# The resources written, in the order they are written and listed.
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


@cache
def load_official() -> dict[str, dict[str, Any]]:
    """Official resources by name (`organization`, ...)."""
    with HSDS_DATAPACKAGE.open(encoding="utf-8") as handle:
        package = json.load(handle)
    return {resource["name"]: resource for resource in package["resources"]}


@cache
def translatable() -> dict[str, tuple[str, ...]]:
    """Resource name -> its translatable fields, carried as `<field>_en`, in the standard's field order (the
    importer's list is the one truth)."""
    from importers.hsds3.spec import TRANSLATABLE as FIELDS
    from importers.hsds3.spec import tables

    return {name: tuple(f.name for f in tables()[name].fields if f.name in FIELDS[name]) for name in FIELDS}


def official_fields(resource: dict[str, Any]) -> list[str]:
    return [field["name"] for field in resource["schema"]["fields"]]


def en_columns(resource_name: str, fields: list[str]) -> list[str]:
    """The `_en` columns of a resource, in the order of their field in the official schema."""
    wanted = set(translatable().get(resource_name, ()))
    return [f"{name}_en" for name in fields if name in wanted]


def header(resource: dict[str, Any]) -> list[str]:
    fields = official_fields(resource)
    return fields + en_columns(resource["name"], fields)


def file_name(resource: str) -> str:
    return str(load_official()[resource]["path"])


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        head = next(reader)
        rows = [dict(zip(head, row, strict=True)) for row in reader]
    return head, rows


def make_id(prefix: str, table: str, key: str) -> str:
    """A stable uuid5 from the package's prefix, the table's file stem and the row's key."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{prefix}/{table}/{key}"))


Headers = dict[str, list[str]]


def full_headers() -> Headers:
    """Every resource with every official column and its `_en` columns: the whole of HSDS 3.0."""
    return {name: header(load_official()[name]) for name in RESOURCES}


class PackageWriter:
    """One open CSV writer per resource, the header written first; rows go straight to disk and are
    counted. Leaving the block writes `datapackage.json` with `about` (name, title, licences...).

    `headers` (default: `full_headers()`) says which resources are written and with which columns; a row
    holding a column its resource does not list is refused, so no value is ever dropped unnoticed."""

    def __init__(self, out: Path, about: dict[str, Any], headers: Headers | None = None) -> None:
        self.out = out
        self.about = about
        self.official = load_official()
        self.headers = headers or full_headers()
        unknown = {n: sorted(set(c) - set(header(self.official[n]))) for n, c in self.headers.items()}
        if any(unknown.values()):
            raise ValueError(f"columns HSDS 3.0 does not have: {unknown}")
        self.counts: dict[str, int] = dict.fromkeys(self.headers, 0)
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> PackageWriter:
        self.out.mkdir(parents=True, exist_ok=True)
        for name in self.headers:
            path = self.out / self.official[name]["path"]
            handle: IO[str] = self._stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writerow(self.headers[name])
            self._writers[name] = writer
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()
        if exc[0] is None:
            package = descriptor(self.official, self.about, self.headers)
            (self.out / "datapackage.json").write_text(
                json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )

    def write(self, resource: str, rows: Iterable[Row]) -> None:
        head, writer = self.headers[resource], self._writers[resource]
        for row in rows:
            if len(row) > len(head):
                raise ValueError(f"{resource}: columns not written: {sorted(set(row) - set(head))}")
            writer.writerow([row.get(column, "") for column in head])
            self.counts[resource] += 1


def descriptor(
    official: dict[str, dict[str, Any]], about: dict[str, Any], headers: Headers
) -> dict[str, Any]:
    """The package's `datapackage.json`: `about`, then every resource written with the official schema of
    its columns (and the `_en` columns)."""
    resources = []
    for name, columns in headers.items():
        resource = official[name]
        written = set(columns)
        fields = []
        for source in resource["schema"]["fields"]:
            if source["name"] not in written:
                continue
            kept = {k: source[k] for k in ("name", "type", "format", "constraints") if k in source}
            if source["type"] == "time":
                kept["format"] = "%H:%M"  # HH:MM is written; Table Schema's default time wants seconds
            fields.append(kept)
        field_names = [f["name"] for f in resource["schema"]["fields"]]
        fields += [{"name": c, "type": "string"} for c in en_columns(name, field_names) if c in written]
        schema: dict[str, Any] = {"fields": fields, "primaryKey": resource["schema"]["primaryKey"]}
        if resource["schema"].get("foreignKeys"):
            schema["foreignKeys"] = resource["schema"]["foreignKeys"]
        resources.append(
            {
                "name": name,
                "path": resource["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {**about, "resources": resources}
