"""Where every document of the embedded index is, its status and its facet values, in arrays: documents
near a point are found, ordered and counted without reading each one's row.

Reading the rows was most of what a words-and-place search cost at 100,000 services: a common word is in
thousands of documents, each looked up by its rowid in the `docs` table for its coordinates, when a few
hundred are near. The arrays (a few MB) are read once per connection and read again when the file changes,
from another connection (`PRAGMA data_version`) or from this one (`total_changes`). Words or categories in a
circle with nothing else asked are answered from them alone (`circle`); with other filters they narrow the
candidates (`near`) and SQLite checks every condition on the rows they let through.
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from app.core.geo import EARTH_KM
from indexer.engines.relevance import fresh_factor

KM_PER_DEGREE = math.pi * EARTH_KM / 180


@dataclass(frozen=True, slots=True)
class Places:
    lat: NDArray[np.float64]  # by rowid; NaN where the document has no coordinates (or no row)
    lon: NDArray[np.float64]
    remote: NDArray[np.bool_]
    active: NDArray[np.bool_]
    # Facet values ("cat:food", "lang:fr"...) by rowid, compressed rows: those of rowid r are
    # tag_names[i] for i in tags[starts[r]:starts[r + 1]] (a few MB where a table would take tens).
    starts: NDArray[np.int64]
    tags: NDArray[np.int32]
    tag_names: list[str]
    tag_index: dict[str, int]  # a value's position in tag_names
    # The other way round: the rowids having value v are tagged_rows[tagged_starts[v]:tagged_starts[v + 1]].
    tagged_starts: NDArray[np.int64]
    tagged_rows: NDArray[np.int64]
    stamp: tuple[int, int]  # (data_version, total_changes) when read
    fresh: NDArray[np.float64]  # by rowid: the freshness date's ordinal; NaN where unknown
    # By rowid: the first rowid of the document's service (its documents share it; -1 where no row), so
    # services are counted and told apart without reading their ids (`service_page`).
    service_of: NDArray[np.int64]

    @classmethod
    def read(cls, connection: sqlite3.Connection) -> Places:
        """Streamed row by row into compact arrays: no list of every row is ever held (a worker's memory
        would keep the high-water mark)."""
        stamp = _stamp(connection)
        size = int(connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM docs").fetchone()[0])
        lat = np.full(size, np.nan)
        lon = np.full(size, np.nan)
        remote = np.zeros(size, dtype=bool)
        active = np.zeros(size, dtype=bool)
        fresh = np.full(size, np.nan)
        service_of = np.full(size, -1, dtype=np.int64)
        counts = np.zeros(size + 1, dtype=np.int64)
        tags = array("i")
        columns: dict[str, int] = {}
        for rowid, row_lat, row_lon, row_remote, status, facets, row_fresh in connection.execute(
            "SELECT rowid, lat, lon, remote, status, facets, fresh FROM docs ORDER BY rowid"
        ):
            if row_fresh is not None:
                fresh[rowid] = row_fresh
            if row_lat is not None and row_lon is not None:
                lat[rowid], lon[rowid] = row_lat, row_lon
            remote[rowid] = row_remote == 1
            active[rowid] = status == "active"
            values = facets.split()
            counts[rowid + 1] = len(values)
            tags.extend(columns.setdefault(value, len(columns)) for value in values)
        # Each document's service as the first rowid of its documents: SQLite groups them (numbers only
        # reach Python, never a dict of every service id).
        for rowid, first in connection.execute(
            "SELECT rowid, min(rowid) OVER (PARTITION BY service_id) FROM docs"
        ):
            service_of[rowid] = first
        values_of = np.frombuffer(tags, dtype=np.int32)
        starts = np.cumsum(counts)
        rows_of = np.repeat(np.arange(size, dtype=np.int64), np.diff(starts))
        by_value = np.argsort(values_of, kind="stable")
        tagged_starts = np.concatenate(([0], np.cumsum(np.bincount(values_of, minlength=len(columns)))))
        return cls(
            lat,
            lon,
            remote,
            active,
            starts,
            values_of,
            list(columns),
            columns,
            tagged_starts,
            rows_of[by_value],
            stamp,
            fresh,
            service_of,
        )

    def fresh_factor(self, rowids: NDArray[np.int64], today: int) -> NDArray[np.float64]:
        """The freshness factor of each of `rowids` (`relevance.fresh_factor`); 1 for a row newer than the
        arrays."""
        known = rowids < self.fresh.shape[0]
        days = np.full(rowids.shape[0], np.nan)
        days[known] = self.fresh[rowids[known]]
        return fresh_factor(days, today)

    def rows_tagged(self, values: list[str]) -> NDArray[np.int64]:
        """The rowids having any of `values` ("cat:food"...), in rowid order."""
        index = self.tag_index
        found = [
            self.tagged_rows[self.tagged_starts[index[v]] : self.tagged_starts[index[v] + 1]]
            for v in values
            if v in index
        ]
        if len(found) == 1:
            return found[0]  # one value's rows are already in rowid order
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)

    def tag_counts(self, rowids: list[int]) -> dict[str, int] | None:
        """How many of `rowids` have each facet value; None when one is newer than the arrays."""
        if not rowids:
            return {}
        ids = np.array(rowids, dtype=np.int64)
        if int(ids.max()) >= self.lat.shape[0]:
            return None
        first, lengths = self.starts[ids], self.starts[ids + 1] - self.starts[ids]
        # The positions of every selected row's values, in one vector: each row's run of positions.
        offsets = np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        counted = np.bincount(self.tags[offsets], minlength=len(self.tag_names))
        return {self.tag_names[i]: int(counted[i]) for i in np.flatnonzero(counted)}

    def current(self, connection: sqlite3.Connection) -> bool:
        return self.stamp == _stamp(connection)

    def near(
        self,
        rowids: NDArray[np.int64],
        lat: float,
        lon: float,
        within_km: float,
        keep_unplaced: bool,
        keep_remote: bool,
    ) -> NDArray[np.int64]:
        """The `rowids` that can be within `within_km` of the point (measured flat: the caller widens the
        radius by the flat measure's error), those without coordinates when `keep_unplaced`, the remote
        ones when `keep_remote`, and any rowid written since the arrays were read (SQLite decides)."""
        known = rowids < self.lat.shape[0]
        ids = rowids[known]
        row_lat, row_lon = self.lat[ids], self.lon[ids]
        squeeze = math.cos(math.radians(lat)) ** 2
        with np.errstate(invalid="ignore"):  # NaN compares False: the unplaced are kept below if asked
            flat = (row_lat - lat) ** 2 + (row_lon - lon) ** 2 * squeeze
            keep = flat <= (within_km / KM_PER_DEGREE) ** 2
        if keep_unplaced:
            keep |= np.isnan(row_lat)
        if keep_remote:
            keep |= self.remote[ids]
        return np.concatenate([ids[keep], rowids[~known]])

    def circle(
        self,
        rowids: NDArray[np.int64],
        lat: float,
        lon: float,
        radius_km: float,
        *,
        include_inactive: bool,
        keep_unplaced: bool,
        keep_remote: bool,
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
        """The whole answer of a nearest-first search that only asks for words in a circle: the `rowids`
        whose place is within `radius_km` (great-circle distance), nearest first (rowid parting equal
        distances), then those without a place that are wanted (distance NaN): remote ones when
        `keep_remote`, the others when `keep_unplaced`. None when a rowid is newer than the arrays."""
        if rowids.size and int(rowids.max()) >= self.lat.shape[0]:
            return None
        ids = rowids if include_inactive else rowids[self.active[rowids]]
        row_lat, row_lon = self.lat[ids], self.lon[ids]
        distance = haversine_km(lat, lon, row_lat, row_lon)
        placed = ~np.isnan(row_lat)
        with np.errstate(invalid="ignore"):
            keep = placed & (distance <= radius_km)
        remote = self.remote[ids]
        keep |= ~placed & ((remote & keep_remote) | (~remote & keep_unplaced))
        ids, distance = ids[keep], distance[keep]
        order = np.lexsort((ids, np.where(np.isnan(distance), np.inf, distance)))
        return ids[order], distance[order]


def haversine_km(
    lat: float, lon: float, lats: NDArray[np.float64], lons: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Great-circle distances from one point to many (NaN where a place is unknown)."""
    phi1, phi2 = math.radians(lat), np.radians(lats)
    half_phi, half_lambda = np.radians(lats - lat) / 2, np.radians(lons - lon) / 2
    a = np.sin(half_phi) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(half_lambda) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))  # type: ignore[no-any-return]


def _stamp(connection: sqlite3.Connection) -> tuple[int, int]:
    return int(connection.execute("PRAGMA data_version").fetchone()[0]), connection.total_changes
