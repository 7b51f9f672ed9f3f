"""A whole database to one file and back: SQLite's online backup API (a consistent copy while the site
serves), PostgreSQL's pg_dump and pg_restore (custom format, owners left out). The data key that encrypts
clients' personal data is never in a backup: keep it apart, and restore with the same key.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

# A table-of-contents line of `pg_restore --list`: "3; 3079 16385 EXTENSION - cube", or its comment.
EXTENSION_ENTRY = re.compile(r"^\d+; \d+ \d+ (EXTENSION|COMMENT - EXTENSION) ")


class BackupError(Exception):
    """The backup or the restore could not be made; the message says why (never a password)."""


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def _libpq_url(database_url: str) -> str:
    """pg_dump takes a libpq address: the SQLAlchemy driver name left out."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (PostgreSQL's client programs)")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{Path(command[0]).name}: {last}")


def backup(database_url: str, out: Path) -> None:
    """Write the database to `out` (a file), whole and consistent."""
    backend = make_url(database_url).get_backend_name()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")  # never a half-written backup under the real name
    if backend == "sqlite":
        source = sqlite3.connect(_sqlite_path(database_url))
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(partial),
                _libpq_url(database_url),
            ]
        )
    partial.replace(out)


def restore(database_url: str, source_file: Path) -> None:
    """Replace the database's content with the backup `source_file`."""
    if not source_file.is_file():
        raise BackupError(f"{source_file}: no such file")
    backend = make_url(database_url).get_backend_name()
    if backend == "sqlite":
        try:
            source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source_file}: not a SQLite backup ({error})") from None
        target = sqlite3.connect(_sqlite_path(database_url))
        try:
            source.backup(target)  # page by page into the live file, under SQLite's own locks
        finally:
            target.close()
            source.close()
        return
    restore_tool = _tool("pg_restore")
    with tempfile.TemporaryDirectory(prefix="carrefour-restore-") as folder:
        contents = Path(folder) / "contents.list"
        contents.write_text(_without_extensions(_listed(restore_tool, source_file)), encoding="utf-8")
        _run(
            [
                restore_tool,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--use-list",
                str(contents),
                "--dbname",
                _libpq_url(database_url),
                str(source_file),
            ]
        )


def _listed(restore_tool: str, source_file: Path) -> str:
    """The backup's table of contents (pg_restore refuses a file that is no custom-format dump)."""
    done = subprocess.run(
        [restore_tool, "--list", str(source_file)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{source_file}: not a PostgreSQL backup ({last})")
    return done.stdout


def _without_extensions(contents: str) -> str:
    """The contents without the extensions and their comments: they belong to the database (created once by
    its owner or a superuser, `deploy/postgres-init.sql`), and dropping or creating them needs that owner, so
    the application's own role could not restore a backup that carried them."""
    kept = [line for line in contents.splitlines() if not EXTENSION_ENTRY.match(line)]
    return "\n".join(kept) + "\n"
