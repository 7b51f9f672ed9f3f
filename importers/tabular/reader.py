"""The `tabular` format: an agency spreadsheet and its mapping, as HSDS 3.0 tables for the one loader.

Each table is a fresh pass over the spreadsheet (the loader reads tables one after the other), so a large
sheet is streamed, never held whole; only ids already given out are remembered, to write each row once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from importers.dataset import Dataset, RawRow, SourceTable
from importers.detect import HSDS2_NAMES
from importers.errors import FatalImportError, Problem
from importers.hsds3.spec import table_for_file, tables
from importers.tabular import MAPPING_NAMES
from importers.tabular.mapping import load_mapping
from importers.tabular.rows import Plan, compile_plan, row_records, source_cells
from importers.tabular.sheets import Sheet, find_spreadsheet, is_spreadsheet, open_sheet


def open_dataset(path: Path, mapping: Path | None) -> Dataset:
    spreadsheet = find_spreadsheet(path)
    mapping_path = mapping or beside(path)
    if mapping_path is None:
        raise FatalImportError(Problem("mapping_needed", path.name, params={"name": MAPPING_NAMES[0]}))
    loaded = load_mapping(mapping_path)
    sheet = open_sheet(spreadsheet, loaded)
    # The agency's own words form a vocabulary named after the spreadsheet (the default source name).
    plan = compile_plan(loaded, sheet, vocabulary=spreadsheet.stem)
    dataset = Dataset(form="tabular", files={sheet.file_name: sheet.digest, loaded.label: loaded.digest})
    for resource, columns in plan.tables().items():
        dataset.tables[resource] = SourceTable(
            spec=tables()[resource],
            file=sheet.label,
            columns=columns,
            rows=_table_rows(plan, sheet, resource),
        )
    return dataset


def recognizes(path: Path, mapping: Path | None) -> bool:
    """A spreadsheet (or a folder holding one) with a mapping given or lying beside it; never files named
    like HSDS tables, which belong to the HSDS readers."""
    candidates = [p for p in path.iterdir() if p.is_file()] if path.is_dir() else [path]
    if any(table_for_file(p.name) or p.name in HSDS2_NAMES for p in candidates):
        return False
    if len([p for p in candidates if is_spreadsheet(p)]) != 1:
        return False
    return mapping is not None or beside(path) is not None


def beside(path: Path) -> Path | None:
    """The mapping that sits beside the spreadsheet (or inside the folder given)."""
    folder = path if path.is_dir() else path.parent
    return next((folder / name for name in MAPPING_NAMES if (folder / name).is_file()), None)


def _table_rows(plan: Plan, sheet: Sheet, resource: str) -> Callable[[], Iterator[RawRow]]:
    if resource == "organization":
        return lambda: _organizations(plan, sheet)
    # A service row seen twice is a real duplicate the loader reports; other rows (an organization's
    # location, a language) come back on every row that names them and are written once.
    unique = not (resource == "service" and plan.spec.rows == "service")

    def rows() -> Iterator[RawRow]:
        seen: set[str] = set()
        for raw in sheet.rows():
            for data in row_records(plan, raw, resource):
                if unique:
                    if data["id"] in seen:
                        continue
                    seen.add(data["id"])
                yield RawRow({**data, **source_cells(plan, raw)}, raw.file, raw.line)

    return rows


def _organizations(plan: Plan, sheet: Sheet) -> Iterator[RawRow]:
    """Organizations by name (or id), once each; a value missing on the first row is taken from a later
    one (a website given on one row of several). Few enough to hold while the sheet is read."""
    found: dict[str, RawRow] = {}
    for raw in sheet.rows():
        for data in row_records(plan, raw, "organization"):
            known = found.get(data["id"])
            if known is None:
                found[data["id"]] = RawRow({**data, **source_cells(plan, raw)}, raw.file, raw.line)
                continue
            for column, value in data.items():
                if known.data.get(column) is None and value is not None:
                    known.data[column] = value
    yield from found.values()
