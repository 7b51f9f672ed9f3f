"""Links between duplicates recorded, and a person's decisions on them.

Links (`app.core.models.DuplicateLink`) never delete or merge rows: both keep their source and source id. Sure
pairs are linked, doubtful ones wait for a person (`carrefour dedupe --confirm/--reject`). Re-recording
changes nothing when nothing changed; a pair a person rejected stays rejected. A service on the duplicate
side of a linked pair is left out of search, and the services whose visibility changed get change-log rows
in the same transaction, so the index follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.core.changes import record_changes
from app.core.models import DuplicateLink, Organization, Service
from app.core.models.duplicates import CONFIRMED, REJECTED, hidden_service_ids
from app.core.orm import utcnow
from importers.dedupe_pairs import Candidate, stored_links
from importers.dedupe_records import label


class DedupeError(Exception):
    """A pair that does not exist was named."""


@dataclass(slots=True)
class KindCounts:
    sure: int = 0
    review: int = 0
    confirmed: int = 0
    rejected: int = 0  # rejected pairs found again and left alone
    created: int = 0
    updated: int = 0
    removed: int = 0  # automatic links the data no longer supports


def _link_values(candidate: Candidate, status: str) -> dict[str, Any]:
    return {
        "canonical_id": candidate.canonical.id,
        "duplicate_id": candidate.duplicate.id,
        "score": candidate.scored.score,
        "reasons": [reason.as_dict() for reason in candidate.scored.reasons],
        "status": status,
    }


def sync_links(session: Session, kind: str, candidates: list[Candidate], counts: KindCounts) -> None:
    links = stored_links(session, kind)
    for candidate in candidates:
        link = links.get(candidate.key)
        status = candidate.status
        if status == REJECTED:
            counts.rejected += 1
            continue
        if status is None:
            if link is not None:  # an automatic link the data no longer supports
                session.delete(link)
                counts.removed += 1
            continue
        setattr(counts, status, getattr(counts, status) + 1)
        values = _link_values(candidate, status)
        if link is not None and link.status == CONFIRMED:
            # A person chose which side is kept (a confirmation, a merge): the scores never swap it.
            values["canonical_id"], values["duplicate_id"] = link.canonical_id, link.duplicate_id
        if link is None:
            session.add(DuplicateLink(kind=kind, pair_key=candidate.key, **values))
            counts.created += 1
        elif any(getattr(link, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(link, name, value)
            link.updated_at = utcnow()
            counts.updated += 1
    # Links of a pair whose row is gone: automatic ones go; a person's decision stays, should the row return.
    assessed = {candidate.key for candidate in candidates}
    for key, link in links.items():
        if key not in assessed and link.status not in (CONFIRMED, REJECTED):
            session.delete(link)
            counts.removed += 1


def follow_visibility(session: Session, hidden_before: set[str]) -> tuple[int, int]:
    """Change-log rows for the services that became hidden or visible; (hidden now, changed)."""
    session.flush()
    hidden_after = hidden_service_ids(session)
    changed = hidden_before ^ hidden_after
    record_changes(session, changed, "dedupe")
    return len(hidden_after), len(changed)


def decide(session: Session, link_id: int, confirm: bool) -> DuplicateLink:
    """A person's answer on a pair: the same (confirmed: linked) or not (rejected: never proposed again)."""
    link = session.get(DuplicateLink, link_id)
    if link is None:
        raise DedupeError(link_id)
    hidden_before = hidden_service_ids(session)
    link.status = CONFIRMED if confirm else REJECTED
    link.decided_at = link.updated_at = utcnow()
    follow_visibility(session, hidden_before)
    return link


def link_labels(session: Session, link: DuplicateLink) -> tuple[str, str]:
    """The names of the kept and the duplicate record of a link, for people."""
    model = Organization if link.kind == "organization" else Service
    labels = []
    for row_id in (link.canonical_id, link.duplicate_id):
        row = session.get(model, row_id)
        labels.append(f"{label(row.name, row.lang)} ({row.data_source}: {row.source_id})" if row else row_id)
    return labels[0], labels[1]
