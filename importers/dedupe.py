"""Organizations and services listed twice (by two sources, or twice by one): found, scored, linked.

The steps live in their own modules: records read from the database (`dedupe_records`), candidate pairs
found by blocking and scored (`dedupe_pairs`, with `dedupe_scoring`), links recorded and decided
(`dedupe_links`); `dedupe_report` puts them in words. Here are the two runs `carrefour dedupe` makes: the
read-only report of candidate pairs, and the run that records links. Links never delete or merge rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.core.models.duplicates import KINDS, REJECTED, hidden_service_ids
from app.core.progress import SILENT, Progress
from importers.dedupe_links import DedupeError, KindCounts, decide, follow_visibility, link_labels, sync_links
from importers.dedupe_pairs import Candidate, DedupeStats, assess, assess_all, candidate_pairs
from importers.dedupe_records import load_records

__all__ = [
    "Candidate",
    "DedupeError",
    "DedupeResult",
    "DedupeStats",
    "KindCounts",
    "assess",
    "candidate_pairs",
    "decide",
    "link_labels",
    "load_records",
    "report",
    "run_dedupe",
]


@dataclass(slots=True)
class DedupeResult:
    counts: dict[str, KindCounts] = field(default_factory=dict)
    stats: dict[str, DedupeStats] = field(default_factory=dict)
    hidden: int = 0  # services hidden from search as duplicates, after the run
    changed: int = 0  # services whose search documents change with this run


def report(
    session: Session,
    kinds: Sequence[str] = KINDS,
    min_score: int | None = None,
    progress: Progress = SILENT,
) -> tuple[list[Candidate], dict[str, DedupeStats]]:
    """Candidate pairs with their scores and reasons, best first; reads only. Rejected pairs are left out."""
    shown: list[Candidate] = []
    stats: dict[str, DedupeStats] = {}
    for kind, candidates, kind_stats in assess_all(session, kinds, min_score, progress):
        stats[kind] = kind_stats
        for candidate in candidates:
            if candidate.status == REJECTED or (min_score is not None and candidate.scored.score < min_score):
                continue
            if candidate.status is not None or min_score is not None:
                shown.append(candidate)
    shown.sort(key=lambda c: (KINDS.index(c.kind), -c.scored.score, c.canonical.label, c.duplicate.label))
    return shown, stats


def run_dedupe(session: Session, kinds: Sequence[str] = KINDS, progress: Progress = SILENT) -> DedupeResult:
    """Record links: sure pairs linked, doubtful ones to review; the caller commits."""
    result = DedupeResult()
    hidden_before = hidden_service_ids(session)
    for kind, candidates, stats in assess_all(session, kinds, progress=progress):
        result.stats[kind] = stats
        result.counts[kind] = KindCounts()
        sync_links(session, kind, candidates, result.counts[kind])
        session.flush()
    result.hidden, result.changed = follow_visibility(session, hidden_before)
    return result
