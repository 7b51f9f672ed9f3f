"""What each thread keeps between searches while the index stays the same: its arrays of places (`Places`)
and the rowids of the full-text expressions asked lately.

The commonest words are asked again and again, and a long document list costs milliseconds to read
(relevance with a place reads one per field and word); the arrays cost a full read of the `docs` table. Both
are read again when the file changes (another connection wrote, or this one did, or a rebuild swapped it).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from indexer.engines.embedded.places import Places
from indexer.engines.relevance import RowidsOf

KEPT_ROWIDS = 1_000_000  # rowids kept by full-text expression, per thread (8 MB at most)


class ThreadCache:
    def __init__(self) -> None:
        self._local = threading.local()

    def forget(self) -> None:
        """Drop what this process inherited (a forked server worker reads its own)."""
        self._local = threading.local()

    def places(self, connection: sqlite3.Connection) -> Places:
        """The arrays of places and facet values of the index this connection reads, read again when it
        changed (and with them, the rowids kept by full-text expression)."""
        places = getattr(self._local, "places", None)
        if places is None or places[0] is not connection or not places[1].current(connection):
            places = self._local.places = (connection, Places.read(connection))
            self._local.expressions = KeptRowids()
        return places[1]  # type: ignore[no-any-return]

    def rowids_of(self, connection: sqlite3.Connection) -> RowidsOf:
        """The rowids holding a full-text expression, kept for the next searches while the index is the
        same."""
        self.places(connection)  # the kept rowids are those of the index as it is now
        kept: KeptRowids = self._local.expressions
        return lambda expression: kept.get(expression, lambda: word_rowids(connection, expression))


class KeptRowids:
    """Rowids by full-text expression, the most recently asked kept (at most `KEPT_ROWIDS` in all)."""

    def __init__(self) -> None:
        self.found: dict[str, NDArray[np.int64]] = {}
        self.size = 0

    def get(self, expression: str, read: Callable[[], NDArray[np.int64]]) -> NDArray[np.int64]:
        found = self.found.pop(expression, None)
        if found is None:
            found = read()
            self.size += found.shape[0]
            while self.found and self.size > KEPT_ROWIDS:
                self.size -= self.found.pop(next(iter(self.found))).shape[0]  # the least recently asked
        self.found[expression] = found
        return found


def word_rowids(connection: sqlite3.Connection, match: str) -> NDArray[np.int64]:
    """The rowids of the documents holding the words: the full-text index alone, no row read."""
    listed = connection.execute("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (match,))
    text = listed.fetchone()[0]
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.empty(0, dtype=np.int64)
