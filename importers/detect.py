"""Recognizing the format of the files handed to `carrefour import --format auto`."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importers.formats import ImportOptions

# File names that only older Open Referral versions (1.x, 2.0) use.
HSDS2_NAMES = frozenset(
    {
        "services_at_location.csv",
        "physical_addresses.csv",
        "postal_addresses.csv",
        "regular_schedules.csv",
        "holiday_schedules.csv",
        "eligibility.csv",
        "accessibility_for_disabilities.csv",
        "payments_accepted.csv",
        "service_attributes.csv",
        "services_taxonomy.csv",
        "service_taxonomy.csv",
        "other_attributes.csv",
        "service_area.csv",
        "language.csv",
        "taxonomy.csv",
        "meta_table_description.csv",
    }
)


def _names(path: Path) -> set[str]:
    if path.is_dir():
        return {p.name for p in path.rglob("*") if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {PurePosixPath(n).name for n in archive.namelist()}
    return {path.name}


def detect_format(path: Path, options: ImportOptions | None = None) -> str | None:
    """The name of the format the files at `path` are in, or None when they are not recognized."""
    from importers.formats import ImportOptions, detect

    found = detect(path, options or ImportOptions())
    return found.name if found is not None else None


def looks_like_hsds2(path: Path) -> bool:
    """Files named as only HSDS 1.x and 2.0 name them, or a `datapackage.json` that says it is one of those
    versions (2.0 shares most of its file names with 3.0)."""
    if not path.exists():
        return False
    names = {name.lower() for name in _names(path)}
    if names & HSDS2_NAMES:
        return True
    from importers.hsds2.reader import descriptor_is_old

    return "datapackage.json" in names and descriptor_is_old(path)


def looks_like_hsds3(path: Path) -> bool:
    """A JSON file, a datapackage, or CSV files named like HSDS 3.0 tables (and none only older versions
    use)."""
    if path.is_file() and path.suffix.lower() == ".json":
        return True
    names = _names(path)
    if names & HSDS2_NAMES:
        return False
    from importers.hsds3.spec import table_for_file

    return "datapackage.json" in names or any(table_for_file(name) for name in names)
