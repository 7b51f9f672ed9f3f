"""The embedded index's files and each thread's connection to the one in service.

`current` names the file searches read. A rebuild writes a new file and then points `current` at it (an
atomic rename), so searches keep answering from the old file until the new one is complete; each thread's
connection is opened again on the new file at its next search. A file of another layout is never read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from indexer.engines.base import EngineUnavailable
from indexer.engines.embedded.store import FORMAT, SCHEMA, open_index


class IndexFiles:
    """The index files of one folder, and a connection per thread to the current one."""

    def __init__(self, folder: Path, on_swap: Callable[[], None]) -> None:
        self.folder = folder
        self.pointer = folder / "current"
        self.local = threading.local()
        self.on_swap = on_swap  # what the engine keeps of the file in service goes with it
        self._lock = threading.Lock()

    def forget(self) -> None:
        """Drop the connections this process inherited (a forked server worker): SQLite connections must
        not cross a fork; each worker opens its own (its locks are its own)."""
        self.local = threading.local()

    def current(self) -> Path | None:
        try:
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.folder / name
        return path if path.exists() else None

    def connect(self, write: bool = False) -> sqlite3.Connection:
        """A connection per thread to the current index file (reopened after a swap)."""
        path = self.current()
        if path is None:
            if not write:
                raise EngineUnavailable("the embedded index has not been built yet (carrefour index)")
            path = self._create_empty()
        cached = getattr(self.local, "connection", None)
        if cached is not None and self.local.path == path:
            return cached
        if cached is not None:
            cached.close()
        connection = open_index(path)
        _check_format(connection, path)
        self.local.connection, self.local.path = connection, path
        return connection

    def connected_path(self) -> Path:
        """The file this thread's connection reads (the thread has connected)."""
        return self.local.path  # type: ignore[no-any-return]

    def new_file(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f"index-{time.time_ns()}.sqlite"

    def point_to(self, path: Path) -> None:
        temporary = self.pointer.with_suffix(".tmp")
        temporary.write_text(path.name + "\n", encoding="utf-8")
        os.replace(temporary, self.pointer)  # atomic: readers see the old file or the new one
        self.on_swap()
        for old in self.folder.glob("index-*.sqlite"):
            if old != path:
                remove_index_file(old)

    def _create_empty(self) -> Path:
        with self._lock:
            existing = self.current()
            if existing is not None:
                return existing
            path = self.new_file()
            connection = open_index(path)
            connection.executescript(SCHEMA)
            connection.execute("INSERT INTO meta VALUES('format', ?)", (FORMAT,))
            connection.commit()
            connection.close()
            self.point_to(path)
            return path


def remove_index_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _check_format(connection: sqlite3.Connection, path: Path) -> None:
    found = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if found is None or found[0] != FORMAT:
        connection.close()
        raise EngineUnavailable(f"the embedded index {path.name} was built by an earlier version: rebuild it")
