"""Progress of long work (imports, rebuilds, exports, dedupe), told to whoever watches.

Domain functions take a `Progress` and report through it; they never draw anything. The commands pass a
terminal bar when their output is a terminal, and `SILENT` otherwise (CI, cron, pipes), so reports and logs
stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")


class Task(Protocol):
    def advance(self, amount: int = 1) -> None: ...

    def done(self) -> None: ...


class Progress(Protocol):
    watched: bool  # False: nobody looks, so nothing costly (counting rows ahead) is worth doing for it

    def task(self, label: str, total: int | None = None) -> Task: ...


class _SilentTask:
    def advance(self, amount: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class _Silent:
    watched = False

    def task(self, label: str, total: int | None = None) -> Task:
        return _SilentTask()


SILENT: Progress = _Silent()


def tracked(items: Iterable[T], progress: Progress, label: str, total: int | None = None) -> Iterator[T]:
    """The items, one step of a task each, the task done when they are."""
    task = progress.task(label, total)
    try:
        for item in items:
            yield item
            task.advance()
    finally:
        task.done()
