"""Timing and memory, the same way for every phase: wall time with `time.perf_counter`, percentiles by the
nearest-rank method, memory from the kernel (no third-party package)."""

from __future__ import annotations

import math
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def nearest_rank(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `percent` % of the values at or below
    it (always one of the measured values, never an interpolation)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(milliseconds: list[float]) -> dict[str, Any]:
    return {
        "p50_ms": round(nearest_rank(milliseconds, 50), 3),
        "p95_ms": round(nearest_rank(milliseconds, 95), 3),
        "p99_ms": round(nearest_rank(milliseconds, 99), 3),
        "count": len(milliseconds),
    }


def timed_ms(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def current_rss_mb() -> float:
    """Resident memory of this process now (VmRSS), in MB; 0 where /proc is not there."""
    return process_rss_mb("self")


def process_rss_mb(pid: int | str) -> float:
    """Resident memory of a process now (VmRSS), in MB; 0 where /proc is not there or it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS (MB) of a process and all its descendants, summed; zeros where /proc is not there."""
    rss = pss = 0.0
    for member in [pid, *_descendants(pid)]:
        rss += process_rss_mb(member)
        pss += _pss_mb(member)
    return rss, pss


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    found += [int(child), *_descendants(int(child))]
        except OSError:
            continue
    return found


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    """The process's highest resident memory so far (ru_maxrss: KB on Linux, bytes on macOS), in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Phases:
    """Seconds and memory of each phase, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.memory: dict[str, dict[str, float]] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started
            # ru_maxrss never goes down: it is the peak of the whole run up to the end of this phase.
            self.memory[name] = {"peak_rss_mb": round(peak_rss_mb(), 1), "rss_mb": round(current_rss_mb(), 1)}
