"""What every reader hands the loader: HSDS 3.0 tables whose raw rows remember where they came from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from importers.errors import Problem
from importers.hsds3.spec import TableSpec


@dataclass(slots=True)
class RawRow:
    data: dict[str, Any]  # HSDS 3.0 column name -> the value as found
    file: str  # the file (or sheet) the row came from, as the user knows it
    line: int | str  # its line, or a JSON path


@dataclass(slots=True)
class SourceTable:
    spec: TableSpec
    file: str
    columns: list[str]
    rows: Callable[[], Iterator[RawRow]]  # a fresh stream on each call


@dataclass(slots=True)
class Dataset:
    form: str  # "csv" or "json" for HSDS 3.0; other readers name their own format
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    tables: dict[str, SourceTable] = field(default_factory=dict)
    closers: list[Callable[[], None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # warnings about the package as a whole

    def close(self) -> None:
        for close in self.closers:
            close()
