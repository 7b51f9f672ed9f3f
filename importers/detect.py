"""Recognizing the format of the files handed to `carrefour import --format auto`."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

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
    }
)


def _names(path: Path) -> set[str]:
    if path.is_dir():
        return {p.name for p in path.rglob("*") if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {PurePosixPath(n).name for n in archive.namelist()}
    return {path.name}


def detect_format(path: Path) -> str | None:
    """The name of the format the files at `path` are in, or None when they are not recognized; older HSDS
    layouts are named even where no reader is registered for them."""
    from importers.formats import ImportOptions, detect

    found = detect(path, ImportOptions())
    if found is not None:
        return found.name
    if path.exists() and _names(path) & HSDS2_NAMES:
        return "hsds2"
    return None


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
