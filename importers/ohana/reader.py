"""Reading an Ohana API CSV export (a folder or a .zip of `organizations.csv`, `locations.csv`,
`services.csv`, `addresses.csv`, ...) as HSDS 3.0 tables.

Each HSDS table streams from the Ohana files that feed it, one Ohana row at a time; its rows keep the Ohana
file name and line, so every reject and warning points where the user can look. Only small maps are held:
which organization each location belongs to (an Ohana service belongs to a location, an HSDS one to an
organization), and the codes `taxonomy.csv` names.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from importers.csvfiles import CsvFile, Members, Opener, column_name, members, open_csv, read_header
from importers.dataset import Dataset, RawRow, SourceTable
from importers.errors import FatalImportError, Problem
from importers.hsds3.spec import tables
from importers.ohana import rows
from importers.ohana.rows import Mapper, OhanaContext

# Every Ohana file read, and the columns without which its rows mean nothing. Addresses, phones, contacts
# and hours are details of another row: without an id, theirs is derived from them (by the loader).
REQUIRED: dict[str, tuple[str, ...]] = {
    "organizations.csv": ("id", "name"),
    "programs.csv": ("id", "organization_id", "name"),
    "locations.csv": ("id", "organization_id"),
    "services.csv": ("id", "location_id", "name"),
    "addresses.csv": ("location_id",),
    "mail_addresses.csv": ("location_id",),
    "phones.csv": ("number",),
    "contacts.csv": (),
    "regular_schedules.csv": ("weekday",),
    "holiday_schedules.csv": ("start_date",),
    "taxonomy.csv": ("taxonomy_id", "name"),
}


@dataclass(frozen=True, slots=True)
class TablePlan:
    """One HSDS table: the Ohana files that feed it, in order, and the HSDS columns its rows may hold."""

    resource: str
    sources: tuple[tuple[str, Mapper], ...]
    columns: tuple[str, ...]


def _columns(names: str) -> tuple[str, ...]:
    return tuple(names.split())


_TEXT = ("name", "alternate_name", "description")
PLANS: tuple[TablePlan, ...] = (
    TablePlan(
        "taxonomy_term",
        (("taxonomy.csv", rows.category_term), ("services.csv", rows.service_terms)),
        ("id", "taxonomy", "code", "name", "description", "parent_id"),
    ),
    TablePlan(
        "organization",
        (("organizations.csv", rows.organization),),
        ("id", *_TEXT, "email", "website", "legal_status", "tax_status", "tax_id", "year_incorporated"),
    ),
    TablePlan("program", (("programs.csv", rows.program),), ("id", "organization_id", *_TEXT)),
    TablePlan(
        "service",
        (("services.csv", rows.service),),
        _columns(
            "id organization_id program_id name alternate_name description url email status"
            " interpretation_services application_process fees_description wait_time"
            " eligibility_description minimum_age maximum_age"
        ),
    ),
    TablePlan(
        "location",
        (("locations.csv", rows.location),),
        ("id", "organization_id", "location_type", *_TEXT, "transportation", "latitude", "longitude", "url"),
    ),
    TablePlan(
        "service_at_location",
        (("services.csv", rows.service_at_location),),
        ("id", "service_id", "location_id"),
    ),
    TablePlan(
        "address",
        (("addresses.csv", rows.physical_address), ("mail_addresses.csv", rows.postal_address)),
        _columns(
            "id location_id address_type attention address_1 address_2 city state_province postal_code"
            " country"
        ),
    ),
    TablePlan(
        "contact",
        (("contacts.csv", rows.contact), ("locations.csv", rows.location_contact)),
        ("id", "organization_id", "service_id", "location_id", "name", "title", "department", "email"),
    ),
    TablePlan(
        "phone",
        (("phones.csv", rows.phone),),
        _columns("id location_id service_id organization_id contact_id number extension type description"),
    ),
    TablePlan(
        "schedule",
        (("regular_schedules.csv", rows.regular_schedule), ("holiday_schedules.csv", rows.holiday_schedule)),
        _columns(
            "id service_id location_id freq byday bymonthday opens_at closes_at valid_from valid_to"
            " description_en description_fr notes"
        ),
    ),
    TablePlan("service_area", (("services.csv", rows.service_areas),), ("id", "service_id", "name")),
    TablePlan(
        "language",
        (("services.csv", rows.service_languages), ("locations.csv", rows.location_languages)),
        ("id", "service_id", "location_id", "name", "code"),
    ),
    TablePlan(
        "accessibility",
        (("locations.csv", rows.location_accessibility),),
        ("id", "location_id", "description_en", "description_fr", "details"),
    ),
    TablePlan(
        "required_document",
        (("services.csv", rows.required_documents),),
        ("id", "service_id", "document"),
    ),
    TablePlan(
        "funding",
        (("organizations.csv", rows.organization_funding), ("services.csv", rows.service_funding)),
        ("id", "organization_id", "service_id", "source"),
    ),
    TablePlan(
        "attribute",
        (("services.csv", rows.service_attributes), ("locations.csv", rows.location_attributes)),
        ("id", "link_id", "link_entity", "taxonomy_term_id"),
    ),
)


# --- recognizing ---------------------------------------------------------------------------------------


def looks_like_ohana(path: Path) -> bool:
    """An Ohana export: `locations.csv`, and services that belong to locations (a `services.csv` with a
    `location_id` column and no `organization_id`, which every HSDS version has) or Ohana's own
    `mail_addresses.csv`. File names alone are not enough: HSDS 1.x and 2.0 share several of them."""
    if not path.exists() or (path.is_file() and not zipfile.is_zipfile(path)):
        return False
    files = members(path)
    try:
        found = _ohana_members(files.names)
        if "locations.csv" not in found:
            return False
        services = _header(files.open(found["services.csv"])) if "services.csv" in found else set()
        if "location_id" in services and "organization_id" not in services:
            return True
        mail = _header(files.open(found["mail_addresses.csv"])) if "mail_addresses.csv" in found else set()
        return not services and "location_id" in mail
    finally:
        for close in files.closers:
            close()


def _header(opener: Opener) -> set[str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return set(read_header(opener, encoding, "")[0])
        except UnicodeDecodeError:
            continue
        except (FatalImportError, OSError):
            return set()
    return set()


def _ohana_members(names: list[str]) -> dict[str, str]:
    """Ohana file name -> its path in the folder or archive (the least deep one when several)."""
    found: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.count("/"), n)):
        base = column_name(PurePosixPath(name).name)
        if base in REQUIRED and not PurePosixPath(name).name.startswith("._"):
            found.setdefault(base, name)
    return found


# --- opening ---------------------------------------------------------------------------------------------


def open_dataset(path: Path) -> Dataset:
    """Prepare the HSDS tables of an Ohana export. A file that cannot be read, or lacks a column its rows
    cannot do without, raises FatalImportError here, before anything is written."""
    if not path.exists():
        raise FatalImportError(Problem("unreadable", str(path), params={"reason": "no such file or folder"}))
    files = members(path)
    try:
        return _dataset(files)
    except BaseException:
        for close in files.closers:
            close()
        raise


def _dataset(files: Members) -> Dataset:
    found = _ohana_members(files.names)
    if "locations.csv" not in found:
        raise FatalImportError(Problem("missing_ohana_file", files.label, params={"value": "locations.csv"}))
    sources = {name: open_csv(files.open(member), name) for name, member in found.items()}
    for name, source in sources.items():
        missing = next((c for c in REQUIRED[name] if c not in source.columns), None)
        if missing is not None:
            raise FatalImportError(Problem("missing_column", name, 1, missing))
    ctx = OhanaContext(
        location_owner=_location_owners(sources["locations.csv"]),
        category_codes=_category_codes(sources.get("taxonomy.csv")),
    )
    dataset = Dataset(form="ohana", files={n: s.digest for n, s in sources.items()}, closers=files.closers)
    dataset.problems.extend(_orphan_services(sources.get("services.csv"), ctx))
    specs = tables()
    for plan in PLANS:
        feeding = [(sources[name], mapper) for name, mapper in plan.sources if name in sources]
        if feeding:
            dataset.tables[plan.resource] = SourceTable(
                spec=specs[plan.resource],
                file=feeding[0][0].label,
                columns=list(plan.columns),
                rows=_stream(feeding, ctx, unique=plan.resource == "taxonomy_term"),
            )
    return dataset


def _stream(
    feeding: list[tuple[CsvFile, Mapper]], ctx: OhanaContext, unique: bool
) -> Callable[[], Iterator[RawRow]]:
    """A fresh stream of HSDS rows on each call, each remembering its Ohana file and line. Terms many
    services share are given once (`unique`)."""

    def stream() -> Iterator[RawRow]:
        given: set[str] = set()
        for source, mapper in feeding:
            for raw in source.rows():
                for data in mapper(raw.data, ctx):
                    if unique:
                        if data["id"] in given:
                            continue
                        given.add(data["id"])
                    yield RawRow(data=data, file=raw.file, line=raw.line)

    return stream


def _location_owners(locations: CsvFile) -> dict[str, str | None]:
    owners: dict[str, str | None] = {}
    for raw in locations.rows():
        location_id = rows.cell(raw.data, "id")
        if location_id is not None:
            owners.setdefault(location_id, rows.cell(raw.data, "organization_id"))
    return owners


def _category_codes(taxonomy: CsvFile | None) -> set[str]:
    """The codes taxonomy.csv names (its rows become terms with their names and parents)."""
    codes = (rows.cell(raw.data, "taxonomy_id") for raw in taxonomy.rows()) if taxonomy else ()
    return {code for code in codes if code}


def _orphan_services(services: CsvFile | None, ctx: OhanaContext) -> Iterator[Problem]:
    """Services whose location is not in locations.csv: said here in Ohana's terms, since the loader can
    only say the service has no organization (it has one through its location)."""
    for raw in services.rows() if services else ():
        location_id = rows.cell(raw.data, "location_id")
        if location_id is None:
            yield Problem("missing_required", raw.file, raw.line, "location_id")
        elif location_id not in ctx.location_owner:
            params = {"value": location_id, "target": "location"}
            yield Problem("broken_reference", raw.file, raw.line, "location_id", params)
