"""Reading an Open Referral HSDS 1.x or 2.0 CSV datapackage (a folder or a .zip, with or without
`datapackage.json`) as HSDS 3.0 tables.

Each HSDS 3.0 table streams from the old files that feed it, one old row at a time (`rows.py`); its rows
keep the old file's name and line, so every reject and warning points where the user can look. Before the
run, one pass over a few files gathers what rows of one file need of another, in small maps: which services
exist, the eligibility and payments HSDS 3.0 keeps on the service, which old rows belong to which service,
which ids name taxonomy terms. Every file's columns are checked first: a missing required column is fatal
before anything is written.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from importers.csvfiles import (
    CsvFile,
    Members,
    column_name,
    member_named,
    members,
    misplaced_problem,
    open_csv,
)
from importers.dataset import Dataset, RawRow, SourceTable
from importers.errors import FatalImportError, Problem
from importers.hsds2 import rows
from importers.hsds2.context import Hsds2Context, build_context
from importers.hsds2.rows import Mapper, passthrough, split_locale
from importers.hsds3.spec import DETAIL_TABLES, table_for_file, tables


@dataclass(frozen=True, slots=True)
class OldFile:
    """One file of HSDS 1.x or 2.0: its usual name, other spellings, the columns its rows cannot do without
    (each a choice of names; the first is the one named when none is there), and the old columns read
    though HSDS 3.0 does not name them (any other column is reported, then ignored)."""

    name: str
    required: tuple[tuple[str, ...], ...]
    known: frozenset[str]
    aliases: tuple[str, ...] = ()


def _old(name: str, required: str = "id", known: str = "", aliases: str = "") -> OldFile:
    choices = tuple(tuple(choice.split("|")) for choice in required.split())
    return OldFile(name, choices, frozenset(known.split()), tuple(aliases.split()))


FILES: dict[str, OldFile] = {
    old.name: old
    for old in (
        _old("organizations.csv", "id name", "url"),
        _old("programs.csv", "id organization_id name"),
        _old("services.csv", "id organization_id name", "fees"),
        _old("locations.csv"),
        # Rows of the files below are details of another row: without an id, theirs is derived from them.
        _old("services_at_location.csv", "service_id location_id", aliases="service_at_location.csv"),
        _old("physical_addresses.csv", "", "address_3 address_4"),
        _old("postal_addresses.csv", "", "address_3 address_4"),
        _old("phones.csv", "number", "language department"),
        _old("contacts.csv", ""),
        _old("funding.csv", ""),
        _old("service_area.csv", "", "service_area", aliases="service_areas.csv"),
        _old("required_documents.csv", ""),
        _old("regular_schedules.csv", "weekday|byday", "weekday original_text"),
        _old("schedules.csv", "", "original_text", aliases="schedule.csv"),
        _old("holiday_schedules.csv", "start_date", "closed start_date end_date"),
        _old("eligibility.csv", "service_id", "service_id eligibility minimum_age maximum_age"),
        _old("payments_accepted.csv", "service_id payment", "service_id payment"),
        _old("languages.csv", "language|code|name", "language", aliases="language.csv"),
        _old("accessibility_for_disabilities.csv", "", "accessibility"),
        _old("service_attributes.csv", "service_id taxonomy_term_id", "service_id"),
        _old(
            "services_taxonomy.csv",
            "service_id taxonomy_id",
            "service_id taxonomy_id taxonomy_detail",
            aliases="service_taxonomy.csv",
        ),
        _old("other_attributes.csv", "link_id taxonomy_term_id", "link_type"),
        _old("taxonomy.csv", "id name", "vocabulary parent_name"),
        _old("taxonomy_terms.csv", "id term|name", "term", aliases="taxonomy_term.csv"),
        _old("metadata.csv", ""),
        _old("meta_table_descriptions.csv", aliases="meta_table_description.csv"),
    )
}

# Every HSDS 3.0 table and the old files that feed it, in order.
PLANS: dict[str, tuple[tuple[str, Mapper], ...]] = {
    "taxonomy_term": (("taxonomy.csv", rows.taxonomy_term), ("taxonomy_terms.csv", rows.taxonomy_term)),
    "organization": (("organizations.csv", rows.organization),),
    "program": (("programs.csv", rows.program),),
    "service": (("services.csv", rows.service),),
    "location": (("locations.csv", rows.location),),
    "service_at_location": (("services_at_location.csv", rows.service_at_location),),
    "address": (
        ("physical_addresses.csv", rows.physical_address),
        ("postal_addresses.csv", rows.postal_address),
    ),
    "contact": (("contacts.csv", rows.contact),),
    "phone": (("phones.csv", rows.phone),),
    "schedule": (
        ("regular_schedules.csv", rows.regular_schedule),
        ("schedules.csv", rows.regular_schedule),
        ("holiday_schedules.csv", rows.holiday_schedule),
    ),
    "service_area": (("service_area.csv", rows.service_area),),
    "language": (("languages.csv", rows.language), ("phones.csv", rows.phone_languages)),
    "accessibility": (("accessibility_for_disabilities.csv", rows.accessibility),),
    "required_document": (("required_documents.csv", rows.required_document),),
    "funding": (("funding.csv", rows.funding),),
    "attribute": (
        ("service_attributes.csv", rows.service_attribute),
        ("services_taxonomy.csv", rows.service_attribute),
        ("other_attributes.csv", rows.other_attribute),
        ("eligibility.csv", rows.eligibility_terms),
        ("accessibility_for_disabilities.csv", rows.accessibility_features),
    ),
    "metadata": (("metadata.csv", passthrough("metadata")),),
    "meta_table_description": (("meta_table_descriptions.csv", passthrough("meta_table_description")),),
}

# Resource names of the HSDS 1.x/2.0 datapackages, for files a descriptor lists under another path.
_RESOURCES = {
    "organization": "organizations.csv",
    "program": "programs.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "services_at_location.csv",
    "physical_address": "physical_addresses.csv",
    "postal_address": "postal_addresses.csv",
    "phone": "phones.csv",
    "contact": "contacts.csv",
    "funding": "funding.csv",
    "service_area": "service_area.csv",
    "required_document": "required_documents.csv",
    "regular_schedule": "regular_schedules.csv",
    "schedule": "schedules.csv",
    "holiday_schedule": "holiday_schedules.csv",
    "eligibility": "eligibility.csv",
    "payment_accepted": "payments_accepted.csv",
    "language": "languages.csv",
    "accessibility_for_disabilities": "accessibility_for_disabilities.csv",
    "service_attribute": "service_attributes.csv",
    "services_taxonomy": "services_taxonomy.csv",
    "other_attribute": "other_attributes.csv",
    "taxonomy": "taxonomy.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "metadata": "metadata.csv",
    "meta_table_description": "meta_table_descriptions.csv",
}
# Resources only HSDS 1.x and 2.0 have: a descriptor listing one is an old package.
OLD_RESOURCES = frozenset(
    {
        "physical_address",
        "postal_address",
        "regular_schedule",
        "holiday_schedule",
        "eligibility",
        "payment_accepted",
        "accessibility_for_disabilities",
        "service_attribute",
        "services_taxonomy",
        "other_attribute",
    }
)


# --- recognizing ---------------------------------------------------------------------------------------


def descriptor_is_old(path: Path) -> bool:
    """Whether the `datapackage.json` at `path` (a folder or a .zip) says HSDS 1.x or 2.0: its version, or
    a resource only those versions have."""
    if not path.exists() or (path.is_file() and not zipfile.is_zipfile(path)):
        return False
    files = members(path)
    try:
        member = _descriptor_member(files)
        descriptor = _read_json(files, member) if member else None
    except (ValueError, OSError):
        return False  # unreadable (a symbolic link checked out as text is common): the file names decide
    finally:
        for close in files.closers:
            close()
    if not isinstance(descriptor, dict):
        return False
    version = str(descriptor.get("version") or "")
    resources = descriptor.get("resources")
    names = (
        {r.get("name") for r in resources if isinstance(r, dict)} if isinstance(resources, list) else set()
    )
    return version.startswith(("1.", "2.")) or bool(names & OLD_RESOURCES)


def _descriptor_member(files: Members) -> str | None:
    found = sorted((n for n in files.names if PurePosixPath(n).name == "datapackage.json"), key=len)
    return found[0] if found else None


def _read_json(files: Members, member: str) -> Any:
    with files.open(member)() as handle:
        return json.loads(handle.read().decode("utf-8-sig"))


# --- opening -------------------------------------------------------------------------------------------


def open_dataset(path: Path) -> Dataset:
    """Prepare the HSDS 3.0 tables of an old package. A file that cannot be read, or lacks a column its rows
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
    dataset = Dataset(form="hsds2", closers=files.closers)
    found = _find_files(files, dataset)
    if not found:
        raise FatalImportError(Problem("not_hsds2", files.label))
    sources = {
        name: open_csv(files.open(member), PurePosixPath(member).name) for name, member in found.items()
    }
    _check_columns(sources)
    dataset.files = {source.label: source.digest for source in sources.values()}
    dataset.problems.extend(_unknown_columns(sources))
    ctx = build_context(sources, dataset.problems)
    for resource, feeding in _plans(sources).items():
        spec = tables()[resource]
        dataset.tables[resource] = SourceTable(
            spec=spec,
            file=feeding[0][0].label,
            columns=_columns(resource, feeding, ctx),
            rows=_stream(feeding, ctx),
        )
    return dataset


def _find_files(files: Members, dataset: Dataset) -> dict[str, str]:
    """Old file name (as FILES spells it, or an HSDS 3.0 file name) -> its member, the least deep one when
    several. A descriptor may list files under other paths; those it lists and lack are reported."""
    spellings = {alias: old.name for old in FILES.values() for alias in (old.name, *old.aliases)}
    found: dict[str, str] = {}
    for member in sorted(files.names, key=lambda n: (n.count("/"), n)):
        base = column_name(PurePosixPath(member).name)
        if PurePosixPath(member).name.startswith("._"):
            continue  # macOS keeps these beside the real files in archives
        name = spellings.get(base) or (base if table_for_file(base) else None)
        if name is not None:
            found.setdefault(name, member)
    descriptor = _descriptor_member(files)
    if descriptor is not None:
        found.update(_listed_files(files, descriptor, found, dataset))
    return found


def _listed_files(files: Members, descriptor: str, found: dict[str, str], dataset: Dataset) -> dict[str, str]:
    """The files the descriptor lists under paths other than their usual names."""
    try:
        resources = _read_json(files, descriptor)["resources"]
        if not isinstance(resources, list):
            raise TypeError("'resources' is not a list")
    except (ValueError, KeyError, TypeError, OSError) as exc:
        dataset.problems.append(Problem("bad_descriptor", "datapackage.json", params={"reason": str(exc)}))
        return {}
    base = str(PurePosixPath(descriptor).parent)
    prefix = "" if base == "." else base + "/"
    listed: dict[str, str] = {}
    moved: list[tuple[str, str]] = []  # (path listed, file found by its name)
    for resource in resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        member = prefix + resource["path"]
        if member not in files.names:
            elsewhere = member_named(files.names, resource["path"])
            if elsewhere is None:
                dataset.problems.append(
                    Problem("missing_file", "datapackage.json", params={"value": resource["path"]})
                )
                continue
            moved.append((resource["path"], elsewhere))
            member = elsewhere
        name = _RESOURCES.get(str(resource.get("name")))
        if name is not None and member not in found.values():
            listed.setdefault(name, member)
    if moved:
        dataset.problems.append(misplaced_problem(moved))
    return listed


def _required(name: str) -> tuple[tuple[str, ...], ...]:
    if name in FILES:
        return FILES[name].required
    spec = table_for_file(name)  # an HSDS 3.0 file among the old ones: as the HSDS 3.0 reader asks
    if spec is None:
        return (("id",),)
    ids = () if spec.resource in DETAIL_TABLES else (("id",),)
    return (*ids, *((field,) for field in sorted(spec.essential)))


def _check_columns(sources: dict[str, CsvFile]) -> None:
    """A file without a column its rows cannot do without is fatal, named by its file and column. A name
    may also come as its translations (`name_fr`, `name_en`)."""
    for name, source in sources.items():
        present = {split_locale(column)[0] for column in source.columns}
        for choices in _required(name):
            if not present & set(choices):
                raise FatalImportError(Problem("missing_column", source.label, 1, choices[0]))


def _unknown_columns(sources: dict[str, CsvFile]) -> Iterator[Problem]:
    fed = {name: [r for r, plan in PLANS.items() if any(n == name for n, _ in plan)] for name in sources}
    for name, source in sources.items():
        spec = table_for_file(name)
        known = set(FILES[name].known if name in FILES else ()) | {"id"}
        for resource in fed[name] or ([spec.resource] if spec else []):
            known.update(tables()[resource].field_names)
        for column in source.columns:
            if column and split_locale(column)[0] not in known:
                yield Problem("hsds2_unknown_column", source.label, 1, column)


def _plans(sources: dict[str, CsvFile]) -> dict[str, list[tuple[CsvFile, Mapper]]]:
    """The files present for each HSDS 3.0 table; HSDS 3.0 files found among the old ones come last."""
    plans: dict[str, list[tuple[CsvFile, Mapper]]] = {}
    for resource, plan in PLANS.items():
        plans[resource] = [(sources[name], mapper) for name, mapper in plan if name in sources]
    for name, source in sources.items():
        spec = table_for_file(name)
        if name not in FILES and spec is not None:
            plans.setdefault(spec.resource, []).append((source, passthrough(spec.resource)))
    return {resource: plans[resource] for resource in tables() if plans.get(resource)}


def _columns(resource: str, feeding: list[tuple[CsvFile, Mapper]], ctx: Hsds2Context) -> list[str]:
    """Every HSDS 3.0 column, and the translations (`name_en`) the rows will carry: found by mapping each
    file's header as if it were a row. Only translations really there are named, as the loader reads
    `name_fr` instead of `name` for French once it is named."""
    columns = dict.fromkeys(tables()[resource].field_names)
    for source, mapper in feeding:
        probe = {column: "x" for column in source.columns}
        for row in mapper(probe, ctx):
            columns.update(dict.fromkeys(key for key in row if split_locale(key)[1]))
    return list(columns)


def _stream(feeding: list[tuple[CsvFile, Mapper]], ctx: Hsds2Context) -> Callable[[], Iterator[RawRow]]:
    """A fresh stream of HSDS 3.0 rows on each call, each remembering its old file and line."""

    def stream() -> Iterator[RawRow]:
        for source, mapper in feeding:
            for raw in source.rows():
                for data in mapper(raw.data, ctx):
                    yield RawRow(data=data, file=raw.file, line=raw.line)

    return stream
