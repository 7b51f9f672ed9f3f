"""Progress bars on a terminal (rich) for the commands; nothing at all when output is not a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as Bars

from app.core.progress import SILENT, Progress, Task


class _BarTask:
    def __init__(self, bars: Bars, task_id: TaskID) -> None:
        self.bars, self.task_id = bars, task_id

    def advance(self, amount: int = 1) -> None:
        self.bars.advance(self.task_id, amount)

    def done(self) -> None:
        task = self.bars.tasks[self.task_id]
        self.bars.update(self.task_id, total=task.completed if task.total is None else task.total)
        self.bars.update(self.task_id, completed=task.total or task.completed)


class TerminalProgress:
    watched = True

    def __init__(self, bars: Bars) -> None:
        self.bars = bars

    def task(self, label: str, total: int | None = None) -> Task:
        return _BarTask(self.bars, self.bars.add_task(str(label), total=total))


def shows_progress(stream: TextIO) -> bool:
    """A person is watching: the stream is a terminal, and this is not CI."""
    return stream.isatty() and not os.environ.get("CI")


@contextmanager
def terminal_progress(stream: TextIO | None = None) -> Iterator[Progress]:
    """Bars on `stream` (standard error) while the block runs, cleared at its end so the final report is the
    same as without them; SILENT when nobody watches."""
    stream = stream or sys.stderr
    if not shows_progress(stream):
        yield SILENT
        return
    bars = Bars(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
    with bars:
        yield TerminalProgress(bars)
