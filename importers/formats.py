"""The formats `carrefour import` reads. Each one turns its files into HSDS 3.0 tables (a `Dataset` of
`SourceTable`s whose rows remember their own file and line), and the one HSDS 3.0 loader does the rest:
checks, normalization, rejects, writes. A new format is a reader and one entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importers.dataset import Dataset


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What some formats need beyond the files."""

    mapping: Path | None = None  # tabular: the YAML file saying which column holds which field


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    open: Callable[[Path, ImportOptions], Dataset]
    # Whether `--format auto` should pick this format for these files (asked in registry order).
    recognizes: Callable[[Path, ImportOptions], bool]


def _open_ohana(path: Path, options: ImportOptions) -> Dataset:
    from importers.ohana.reader import open_dataset

    return open_dataset(path)


def _is_ohana(path: Path, options: ImportOptions) -> bool:
    from importers.ohana.reader import looks_like_ohana

    return looks_like_ohana(path)


def _open_hsds2(path: Path, options: ImportOptions) -> Dataset:
    from importers.hsds2.reader import open_dataset

    return open_dataset(path)


def _is_hsds2(path: Path, options: ImportOptions) -> bool:
    from importers.detect import looks_like_hsds2

    return looks_like_hsds2(path)


def _open_hsds3(path: Path, options: ImportOptions) -> Dataset:
    from importers.hsds3.reader import open_dataset

    return open_dataset(path)


def _is_hsds3(path: Path, options: ImportOptions) -> bool:
    from importers.detect import looks_like_hsds3

    return looks_like_hsds3(path)


def _open_tabular(path: Path, options: ImportOptions) -> Dataset:
    from importers.tabular.reader import open_dataset

    return open_dataset(path, options.mapping)


def _is_tabular(path: Path, options: ImportOptions) -> bool:
    from importers.tabular.reader import recognizes

    return recognizes(path, options.mapping)


# Detection order: the most specific layouts first, HSDS 3.0 after the older layouts that share some of its
# file names.
REGISTRY: tuple[Format, ...] = (
    # First: Ohana shares file names with HSDS 1.x/2.0 (regular_schedules.csv...); its headers tell it apart.
    Format("ohana", _open_ohana, _is_ohana),
    Format("hsds2", _open_hsds2, _is_hsds2),
    Format("hsds3", _open_hsds3, _is_hsds3),
    # Last: any spreadsheet with a mapping, so it never takes files an HSDS reader knows.
    Format("tabular", _open_tabular, _is_tabular),
)


def format_names() -> list[str]:
    return [fmt.name for fmt in REGISTRY]


def get_format(name: str) -> Format | None:
    return next((fmt for fmt in REGISTRY if fmt.name == name), None)


def detect(path: Path, options: ImportOptions) -> Format | None:
    if not path.exists():
        return None
    return next((fmt for fmt in REGISTRY if fmt.recognizes(path, options)), None)
