"""Ids in batches for `IN (...)` lists: one statement for a few rows, a few for many, never one per row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T", bound=Any)

# Well under every database's limit on bound parameters (SQLite's default is 32,766; PostgreSQL 65,535),
# and small enough that the planner still reads the index.
BATCH = 500


def batched(values: Iterable[T]) -> Iterator[list[T]]:
    """The distinct values, sorted (the same statements for the same ids), in lists of at most BATCH."""
    ordered = sorted(set(values))
    size = BATCH  # read at call time, so that a test may make it smaller
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
