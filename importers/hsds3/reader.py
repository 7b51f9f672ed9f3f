"""Finding and reading HSDS 3.0 data: a CSV datapackage (folder or .zip) or a JSON list of services.

Both forms come out the same way: for each HSDS table, its column names and a stream of raw rows that
remember the file and line (or JSON path) they came from. CSV files are streamed, never loaded whole.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from app.core.i18n import LOCALES
from importers.csvfiles import (
    Opener,
    csv_rows,
    inspect_file,
    member_named,
    members,
    misplaced_problem,
    read_header,
)
from importers.dataset import Dataset, RawRow, SourceTable
from importers.errors import FatalImportError, Problem
from importers.hsds3.nesting import TRANSLATIONS
from importers.hsds3.spec import TableSpec, table_for_file, tables


def open_dataset(path: Path) -> Dataset:
    """Recognize the form of `path` and prepare its tables; raise FatalImportError when it is not HSDS."""
    if not path.exists():
        raise FatalImportError(Problem("unreadable", str(path), params={"reason": "no such file or folder"}))
    if path.is_dir():
        return _folder_dataset(path)
    if zipfile.is_zipfile(path):
        return _zip_dataset(path)
    if path.suffix.lower() == ".json":
        return _json_dataset(path)
    if path.suffix.lower() == ".csv":
        return _folder_dataset(path.parent, only=path.name)
    raise FatalImportError(Problem("not_hsds", str(path)))


# --- CSV datapackage -------------------------------------------------------------------------------------


def _folder_dataset(folder: Path, only: str | None = None) -> Dataset:
    files = members(folder)
    return _package_dataset(label=files.label, names=files.names, opener=files.open, only=only)


def _zip_dataset(path: Path) -> Dataset:
    files = members(path)
    dataset = _package_dataset(label=files.label, names=files.names, opener=files.open)
    dataset.closers.extend(files.closers)
    return dataset


def _package_dataset(
    label: str, names: list[str], opener: Callable[[str], Opener], only: str | None = None
) -> Dataset:
    dataset = Dataset(form="csv")
    descriptors = sorted((n for n in names if PurePosixPath(n).name == "datapackage.json"), key=len)
    if descriptors:
        base = str(PurePosixPath(descriptors[0]).parent)
        base = "" if base == "." else base + "/"
        resources = _descriptor_resources(opener, descriptors[0], dataset)
        listed: list[tuple[TableSpec, str]] = []
        moved: list[tuple[str, str]] = []  # (path listed, file found by its name)
        for resource in resources:
            resource_path = resource.get("path") if isinstance(resource, dict) else None
            if not isinstance(resource_path, str):
                continue
            spec = tables().get(str(resource.get("name"))) or table_for_file(
                PurePosixPath(resource_path).name
            )
            if spec is None:
                continue
            member = base + resource_path
            if member not in names:
                found = member_named(names, resource_path)
                if found is None:
                    raise FatalImportError(
                        Problem("missing_file", "datapackage.json", params={"value": resource_path})
                    )
                moved.append((resource_path, found))
                member = found
            listed.append((spec, member))
        if moved:
            dataset.problems.append(misplaced_problem(moved))
    if not descriptors or not listed:
        # No descriptor: take the files that carry HSDS names (agencies often zip the CSVs alone).
        listed = [(spec, n) for n in names if (spec := table_for_file(PurePosixPath(n).name))]
        if only:
            listed = [(spec, n) for spec, n in listed if PurePosixPath(n).name == only]
    if not listed:
        raise FatalImportError(Problem("not_hsds", label))
    if not only:
        dataset.problems.extend(_unread_files(names, {member for _, member in listed}))
    for spec, member in listed:
        file_label = PurePosixPath(member).name
        digest, encoding = inspect_file(opener(member), file_label)
        dataset.files[file_label] = digest
        columns, delimiter = read_header(opener(member), encoding, file_label)
        dataset.tables[spec.resource] = SourceTable(
            spec=spec,
            file=file_label,
            columns=columns,
            rows=csv_rows(opener(member), encoding, delimiter, columns, file_label),
        )
    return dataset


def _unread_files(names: list[str], read: set[str]) -> list[Problem]:
    """A CSV file of the package that is no HSDS table (`service_at_locations.csv` for
    `service_at_location.csv`) is said, with the table file its name is closest to: it would otherwise be
    lost without a word."""
    files = [spec.path for spec in tables().values()]
    problems = []
    for name in names:
        file_name = PurePosixPath(name).name
        if name in read or not file_name.lower().endswith(".csv") or table_for_file(file_name):
            continue
        close = difflib.get_close_matches(file_name.lower(), files, n=1, cutoff=0.75)
        if close:
            problems.append(Problem("unknown_file", file_name, params={"found": close[0]}))
        else:
            problems.append(Problem("unknown_file_plain", file_name))
    return problems


def _descriptor_resources(opener: Callable[[str], Opener], member: str, dataset: Dataset) -> list[Any]:
    """The resources a datapackage.json lists. An unreadable descriptor (a symbolic link checked out as a
    plain file is a common case) is reported, and the CSV files are then recognized by their names."""
    try:
        with opener(member)() as handle:
            descriptor = json.loads(handle.read().decode("utf-8-sig"))
        resources = descriptor["resources"]
        if not isinstance(resources, list):
            raise TypeError("'resources' is not a list")
        return resources
    except (ValueError, KeyError, TypeError, OSError) as exc:
        dataset.problems.append(Problem("bad_descriptor", "datapackage.json", params={"reason": str(exc)}))
        return []


# --- JSON list of services -------------------------------------------------------------------------------

# Where each nested list or object of a full service lands: key -> (table, the foreign key it implies).
NESTED: dict[str, dict[str, tuple[str, str | None]]] = {
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_areas": ("service_area", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "languages": ("language", "service_id"),
        "funding": ("funding", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "required_documents": ("required_document", "service_id"),
        "contacts": ("contact", "service_id"),
        "organization": ("organization", None),
        "program": ("program", "organization_id"),
    },
    "organization": {
        "funding": ("funding", "organization_id"),
        "contacts": ("contact", "organization_id"),
        "phones": ("phone", "organization_id"),
        "locations": ("location", "organization_id"),
        "programs": ("program", "organization_id"),
        "organization_identifiers": ("organization_identifier", "organization_id"),
    },
    "service_at_location": {
        "contacts": ("contact", "service_at_location_id"),
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
        "location": ("location", None),
    },
    "location": {
        "addresses": ("address", "location_id"),
        "contacts": ("contact", "location_id"),
        "accessibility": ("accessibility", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
        "languages": ("language", "location_id"),
    },
    "contact": {"phones": ("phone", "contact_id")},
    "phone": {"languages": ("language", "phone_id")},
}

# After a nested object is read, the parent points to it: service.organization -> service.organization_id.
_POINTS_TO = {
    ("service", "organization"): "organization_id",
    ("service", "program"): "program_id",
    ("service_at_location", "location"): "location_id",
}


def _json_dataset(path: Path) -> Dataset:
    label = path.name
    try:
        blob = path.read_bytes()
        document = json.loads(blob.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FatalImportError(Problem("unreadable", label, params={"reason": str(exc)})) from None
    except json.JSONDecodeError as exc:
        raise FatalImportError(
            Problem("bad_json", label, line=exc.lineno, params={"reason": exc.msg})
        ) from None
    if isinstance(document, dict):
        document = document.get("contents", [document])  # a paginated API answer, or one service
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise FatalImportError(Problem("not_hsds", label))
    collected: dict[str, dict[str, RawRow]] = {name: {} for name in tables()}
    for index, service in enumerate(document):
        _flatten("service", service, f"[{index}]", label, collected, parent=None)
    dataset = Dataset(form="json", files={label: hashlib.sha256(blob).hexdigest()})
    for resource, rows in collected.items():
        if not rows:
            continue
        spec = tables()[resource]
        columns = list(dict.fromkeys(key for row in rows.values() for key in row.data))
        dataset.tables[resource] = SourceTable(
            spec=spec, file=label, columns=columns, rows=_memory_rows(list(rows.values()))
        )
    return dataset


def _memory_rows(rows: list[RawRow]) -> Callable[[], Iterator[RawRow]]:
    return lambda: iter(rows)


def _flatten(
    resource: str,
    obj: dict[str, Any],
    where: str,
    label: str,
    collected: dict[str, dict[str, RawRow]],
    parent: tuple[str, str, Any] | None,
) -> None:
    """Add `obj` as a row of `resource` and recurse into what it holds."""
    data = _own_fields(resource, obj)
    if parent is not None:
        data.setdefault(parent[1], parent[2])
    own_id = obj.get("id")
    for key, (child, fk) in NESTED.get(resource, {}).items():
        value = obj.get(key)
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for position, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            child_where = f"{where}.{key}" + (f"[{position}]" if isinstance(value, list) else "")
            parent_value = own_id
            if (resource, key) == ("service", "program"):  # a service's program belongs to its organization
                organization = obj.get("organization")
                parent_value = obj.get("organization_id") or (
                    organization.get("id") if isinstance(organization, dict) else None
                )
            _flatten(child, item, child_where, label, collected, (resource, fk, parent_value) if fk else None)
            if (resource, key) in _POINTS_TO and item.get("id") is not None:
                data.setdefault(_POINTS_TO[(resource, key)], item.get("id"))
    for position, attribute in enumerate(obj.get("attributes") or []):
        if isinstance(attribute, dict):
            _flatten_attribute(
                resource, own_id, attribute, f"{where}.attributes[{position}]", label, collected
            )
    for position, entry in enumerate(obj.get("metadata") or []):
        if isinstance(entry, dict):
            row = {k: v for k, v in entry.items() if not isinstance(v, list | dict)}
            row.setdefault("resource_id", own_id)
            row.setdefault("resource_type", resource)
            _collect(collected, "metadata", row, label, f"{where}.metadata[{position}]")
    _collect(collected, resource, data, label, where)


def _own_fields(resource: str, obj: dict[str, Any]) -> dict[str, Any]:
    """An object's own fields, as a row. The Carrefour profile's `translations` (`{"fr": {"name": ...},
    "en": {...}}`, every language the row stores) become the `name_fr`, `name_en` columns a bilingual CSV
    has, and replace the plain field they give, which holds one language or the other's text in its place."""
    data = {k: v for k, v in obj.items() if not isinstance(v, list | dict)}
    given = obj.get(TRANSLATIONS)
    if not isinstance(given, dict):
        return data
    translatable = tables()[resource].translatable
    for locale, texts in given.items():
        if locale not in LOCALES or not isinstance(texts, dict):
            continue
        for name, text in texts.items():
            if name in translatable and isinstance(text, str):
                data.pop(name, None)
                data[f"{name}_{locale}"] = text
    return data


def _flatten_attribute(
    owner: str,
    owner_id: Any,
    attribute: dict[str, Any],
    where: str,
    label: str,
    collected: dict[str, dict[str, RawRow]],
) -> None:
    row = _own_fields("attribute", attribute)
    # Nesting says what the attribute is attached to, whatever its own link fields say.
    row["link_id"] = owner_id
    row["link_entity"] = owner
    term = attribute.get("taxonomy_term")
    if isinstance(term, dict):
        term_row = _own_fields("taxonomy_term", term)
        detail = term.get("taxonomy_detail")
        if isinstance(detail, dict):
            _collect(
                collected,
                "taxonomy",
                _own_fields("taxonomy", detail),
                label,
                f"{where}.taxonomy_term.taxonomy_detail",
            )
            term_row.setdefault("taxonomy_id", detail.get("id"))
        _collect(collected, "taxonomy_term", term_row, label, f"{where}.taxonomy_term")
        row.setdefault("taxonomy_term_id", term.get("id"))
    _collect(collected, "attribute", row, label, where)


def _collect(
    collected: dict[str, dict[str, RawRow]], resource: str, data: dict[str, Any], label: str, where: str
) -> None:
    """Keep one row per id: the same organization or phone nested in several services is one row."""
    key = str(data.get("id")) if data.get("id") is not None else f"#{where}"
    known = collected[resource].get(key)
    if known is None:
        collected[resource][key] = RawRow(data=dict(data), file=label, line=where)
        return
    for column, value in data.items():
        if known.data.get(column) in (None, "") and value not in (None, ""):
            known.data[column] = value
