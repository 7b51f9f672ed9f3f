"""Reading the CSV files agencies send: UTF-8 with or without BOM, else cp1252; comma, semicolon, tab or
pipe delimiters; quoted newlines; streamed, never loaded whole. Also folders and .zip archives of them."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from importers.dataset import RawRow
from importers.errors import FatalImportError, Problem

csv.field_size_limit(16 * 1024 * 1024)  # GeoJSON extents can be large cells

Opener = Callable[[], IO[bytes]]


@dataclass(slots=True)
class Members:
    """The files of a folder or a .zip archive, each opened on demand."""

    label: str
    names: list[str]  # paths inside, with forward slashes
    open: Callable[[str], Opener]
    closers: list[Callable[[], None]] = field(default_factory=list)


def members(path: Path) -> Members:
    """The files of a folder, of a .zip archive, or the single file itself."""
    if path.is_dir():
        found = {p.relative_to(path).as_posix(): p for p in path.rglob("*") if p.is_file()}
        return Members(path.name, list(found), lambda name: lambda: found[name].open("rb"))
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        return Members(path.name, names, lambda name: lambda: archive.open(name), [archive.close])
    return Members(path.name, [path.name], lambda name: lambda: path.open("rb"))


def member_named(names: list[str], path: str) -> str | None:
    """The file a descriptor lists at `path` when it is not there: the least deep one with that name (real
    exports list `services.csv` and ship `data/services.csv`)."""
    wanted = PurePosixPath(path).name
    found = sorted((n for n in names if PurePosixPath(n).name == wanted), key=lambda n: (n.count("/"), n))
    return found[0] if found else None


def misplaced_problem(moved: list[tuple[str, str]]) -> Problem:
    """One warning for every file a descriptor lists where it is not (said once, not once per file)."""
    listed, member = moved[0]
    return Problem(
        "descriptor_paths", "datapackage.json", params={"num": len(moved), "value": listed, "found": member}
    )


@dataclass(slots=True)
class CsvFile:
    label: str
    digest: str  # sha256 of the bytes
    encoding: str
    delimiter: str
    columns: list[str]  # normalized: stripped, lower case, spaces as underscores
    rows: Callable[[], Iterator[RawRow]]


def open_csv(open_bytes: Opener, label: str) -> CsvFile:
    """Inspect a CSV file (hash, encoding, delimiter, header) and prepare a stream of its rows."""
    digest, encoding = inspect_file(open_bytes, label)
    columns, delimiter = read_header(open_bytes, encoding, label)
    return CsvFile(
        label, digest, encoding, delimiter, columns, csv_rows(open_bytes, encoding, delimiter, columns, label)
    )


def inspect_file(open_bytes: Opener, label: str) -> tuple[str, str]:
    """One pass over the file: its sha256 and its encoding (UTF-8, with or without BOM, else cp1252)."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    try:
        with open_bytes() as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
            if utf8:
                with suppress(UnicodeDecodeError):
                    decoder.decode(b"", final=True)
    except OSError as exc:
        raise FatalImportError(
            Problem("unreadable", label, params={"reason": exc.strerror or str(exc)})
        ) from None
    return digest.hexdigest(), "utf-8-sig" if utf8 else "cp1252"


def read_header(open_bytes: Opener, encoding: str, label: str) -> tuple[list[str], str]:
    with open_bytes() as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        first = text.readline()
    if not first.strip():
        raise FatalImportError(Problem("unreadable", label, line=1, params={"reason": "the file is empty"}))
    delimiter = max((",", ";", "\t", "|"), key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    return [column_name(name) for name in header], delimiter


def column_name(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower().replace(" ", "_")


def csv_rows(
    open_bytes: Opener,
    encoding: str,
    delimiter: str,
    columns: list[str],
    label: str,
) -> Callable[[], Iterator[RawRow]]:
    def rows() -> Iterator[RawRow]:
        with open_bytes() as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            reader = csv.reader(text, delimiter=delimiter)
            next(reader, None)
            line = reader.line_num + 1
            try:
                for values in reader:
                    start, line = line, reader.line_num + 1
                    if not any(v.strip() for v in values):
                        continue
                    data = dict(zip(columns, values, strict=False))
                    if len(values) > len(columns):
                        data["__extra__"] = values[len(columns) :]
                    yield RawRow(data=data, file=label, line=start)
            except csv.Error as exc:
                raise FatalImportError(
                    Problem("unreadable", label, line, params={"reason": str(exc)})
                ) from None

    return rows
