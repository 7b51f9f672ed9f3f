"""Small helpers shared by the tests."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select

from app.web.extensions import db


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that nothing changed."""
    with app.app_context():
        return {
            table.name: sorted(
                (tuple(str(v) for v in row) for row in db.session.execute(select(table))), key=repr
            )
            for table in db.metadata.sorted_tables
        }


def copy_tree(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def invoke(app: Flask, *args: str) -> Any:
    """Run a `carrefour` command against `app`; the result has `output` (stdout and stderr) and
    `exit_code`."""
    from app.main import cli  # the `carrefour` group itself: the factory's commands and the plugins (bench)

    return app.test_cli_runner().invoke(cli, args=list(args), catch_exceptions=False)
