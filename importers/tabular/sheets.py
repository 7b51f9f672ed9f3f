"""One sheet of an agency spreadsheet, CSV or XLSX, as its header and a stream of rows keyed by column.

CSV goes through importers.csvfiles (encodings, delimiters, streaming); XLSX through openpyxl in read-only
mode, which streams the sheet too. Every row remembers its row number as the spreadsheet shows it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from importers.csvfiles import Opener, csv_rows, inspect_file, read_header
from importers.dataset import RawRow
from importers.errors import FatalImportError, Problem
from importers.tabular.mapping import LoadedMapping

CSV_SUFFIXES = (".csv", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(slots=True)
class Sheet:
    file_name: str
    label: str  # where rows are, as the user finds them: "services.csv", "services.xlsx/Services"
    digest: str  # sha256 of the file
    headers: list[str]  # as written
    rows: Callable[[], Iterator[RawRow]]  # data keyed by header_key; a fresh stream on each call

    @property
    def keys(self) -> list[str]:
        return [header_key(h) for h in self.headers]


def header_key(name: object) -> str:
    """A column whatever its case and spacing: "Code  postal", "code_postal" -> "code postal"."""
    return " ".join(str(name).replace("\ufeff", "").replace("_", " ").split()).casefold()


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES + XLSX_SUFFIXES and not path.name.startswith(("~$", "."))


def find_spreadsheet(path: Path) -> Path:
    """The spreadsheet itself, or the one spreadsheet of a folder."""
    if not path.exists():
        raise FatalImportError(Problem("unreadable", str(path), params={"reason": "no such file or folder"}))
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_file() and is_spreadsheet(p))
        if len(found) == 1:
            return found[0]
        names = ", ".join(p.name for p in found) or "-"
        raise FatalImportError(Problem("no_spreadsheet", path.name, params={"found": names}))
    if not is_spreadsheet(path):
        raise FatalImportError(Problem("no_spreadsheet", path.name, params={"found": path.name}))
    return path


def open_sheet(path: Path, mapping: LoadedMapping) -> Sheet:
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _xlsx_sheet(path, mapping)
    return _csv_sheet(path, mapping.spec.header_row)


# --- CSV -------------------------------------------------------------------------------------------------


def _csv_sheet(path: Path, header_row: int) -> Sheet:
    label = path.name
    digest, encoding = inspect_file(_opener(path), label)
    # Lines above the header (a title, a date) are skipped before csvfiles sees the file.
    opener = _after_lines(_opener(path), header_row - 1)
    keys, delimiter = read_header(opener, encoding, label)
    headers = _written_header(opener, encoding, delimiter)
    rows = csv_rows(opener, encoding, delimiter, [header_key(k) for k in keys], label)
    return Sheet(label, label, digest, headers, _shifted(rows, header_row - 1))


def _opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def _after_lines(opener: Opener, skip: int) -> Opener:
    def skipped() -> IO[bytes]:
        handle = opener()
        for _ in range(skip):
            handle.readline()
        return handle

    return skipped


def _written_header(opener: Opener, encoding: str, delimiter: str) -> list[str]:
    """The header as the agency wrote it (csvfiles gives it normalized), for messages."""
    with opener() as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        line = text.readline()
    return [name.strip().lstrip("\ufeff").strip() for name in next(csv.reader([line], delimiter=delimiter))]


def _shifted(rows: Callable[[], Iterator[RawRow]], offset: int) -> Callable[[], Iterator[RawRow]]:
    def shifted() -> Iterator[RawRow]:
        for row in rows():
            row.data.pop("__extra__", None)  # cells beyond the header have no column to map
            if offset:
                row.line = int(row.line) + offset
            yield row

    return shifted


# --- XLSX ------------------------------------------------------------------------------------------------


def _xlsx_sheet(path: Path, mapping: LoadedMapping) -> Sheet:
    header_row = mapping.spec.header_row
    workbook = _workbook(path)
    try:
        name = _sheet_name(workbook.sheetnames, path, mapping)
        found = next(workbook[name].iter_rows(min_row=header_row, max_row=header_row, values_only=True), None)
    finally:
        workbook.close()
    headers = [cell_text(v) for v in found or ()]
    while headers and not headers[-1]:
        headers.pop()
    label = f"{path.name}/{name}"
    if not any(headers):
        reason = "the header row is empty"
        raise FatalImportError(Problem("unreadable", label, header_row, params={"reason": reason}))
    return Sheet(path.name, label, _sha256(path), headers, _xlsx_rows(path, name, header_row, headers, label))


def _workbook(path: Path) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, InvalidFileException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise FatalImportError(Problem("unreadable", path.name, params={"reason": reason})) from None


def _sheet_name(names: list[str], path: Path, mapping: LoadedMapping) -> str:
    wanted = mapping.spec.sheet
    if wanted is None:
        return names[0]
    # Case and spacing as in column names: "services " finds "Services".
    found = next((n for n in names if header_key(n) == header_key(wanted)), None)
    if found is None:
        raise mapping.fatal("no_sheet", ("sheet",), value=wanted, workbook=path.name, sheets=", ".join(names))
    return found


def _xlsx_rows(
    path: Path, name: str, header_row: int, headers: list[str], label: str
) -> Callable[[], Iterator[RawRow]]:
    keys = [header_key(h) for h in headers]

    def rows() -> Iterator[RawRow]:
        workbook = _workbook(path)
        try:
            cells = workbook[name].iter_rows(min_row=header_row + 1, values_only=True)
            for number, values in enumerate(cells, start=header_row + 1):
                texts = [cell_text(v) for v in values[: len(keys)]]
                if any(t.strip() for t in texts):
                    yield RawRow(dict(zip(keys, texts, strict=False)), label, number)
        finally:
            workbook.close()

    return rows


def cell_text(value: object) -> str:
    """A cell as text the loader reads: whole numbers without ".0" (phone numbers typed as numbers),
    dates as ISO dates, times as HH:MM."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
