"""Can Carrefour write where it must? Checked before a command writes anything, so that a read-only database
file, database folder or instance folder is said in one line naming the path, and nothing has changed.

`os.access` answers for the effective user: for root too, it refuses what cannot be written whatever the
permissions (an immutable file, a read-only mount).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url


class NotWritable(Exception):
    """A file or folder Carrefour must write cannot be written; nothing has been changed."""

    INSTANCE, DATABASE_FILE, DATABASE_FOLDER = "instance", "database_file", "database_folder"

    def __init__(self, what: str, path: Path) -> None:
        super().__init__(f"{what} not writable: {path}")
        self.what, self.path = what, path


def check_folder_writable(folder: Path, what: str) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NotWritable(what, folder)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL; None for another database or one in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    database = parsed.database
    if database.startswith("file:"):  # a URI filename (`?uri=true`)
        database = urlsplit(database).path
    return Path(database).expanduser().absolute()


def check_database_writable(url: str) -> None:
    """NotWritable when SQLite could not write this database: the file (or its -wal, -shm files) read-only,
    or opened read-only (`mode=ro`), or its folder, where SQLite writes its journal, not writable."""
    path = sqlite_file(url)
    if path is None:
        return  # PostgreSQL refuses with its own message, naming the role and the table
    if make_url(url).query.get("mode") == "ro":
        raise NotWritable(NotWritable.DATABASE_FILE, path)
    for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if existing.exists() and not os.access(existing, os.W_OK):
            raise NotWritable(NotWritable.DATABASE_FILE, path)
    check_folder_writable(path.parent, NotWritable.DATABASE_FOLDER)


def is_read_only_failure(error: BaseException) -> bool:
    """SQLite refused a write half-way (a case the checks could not see coming)."""
    return "readonly database" in str(getattr(error, "orig", error))


def describe(error: NotWritable, locale: str) -> str:
    """The one-line message, in `locale`. Read from the message catalogue's source: it may be said before
    the application (and its compiled catalogues) exists."""
    from app.core.i18n import source_gettext

    gettext = source_gettext(locale)
    messages = {
        NotWritable.INSTANCE: gettext(
            "cannot write in the instance folder %(path)s (CARREFOUR_INSTANCE); nothing was changed"
        ),
        NotWritable.DATABASE_FILE: gettext(
            "cannot write the database file %(path)s (read-only); nothing was changed"
        ),
        NotWritable.DATABASE_FOLDER: gettext(
            "cannot write in the database folder %(path)s (SQLite keeps its journal there); "
            "nothing was changed"
        ),
    }
    return messages[error.what] % {"path": str(error.path)}
