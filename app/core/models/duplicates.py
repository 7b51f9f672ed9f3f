"""Links between two organizations or two services that describe the same thing (found by `importers.dedupe`).

Neither row is deleted or merged: each keeps its own `data_source` + `source_id`, so every source's
provenance stays and a re-import still updates its own row. A link only says which row is shown
(`canonical_id`) and which one stands behind it (`duplicate_id`). A service on the duplicate side of a
`sure` or `confirmed` link is left out of search documents, so the public sees it once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.orm import ID_LENGTH, Base, utcnow

KINDS = ("organization", "service")

# sure: linked by the scores alone; review: waiting for a person; confirmed / rejected: a person decided.
SURE, REVIEW, CONFIRMED, REJECTED = "sure", "review", "confirmed", "rejected"
STATUSES = (SURE, REVIEW, CONFIRMED, REJECTED)
LINKED = (SURE, CONFIRMED)  # the statuses that hide the duplicate side


def pair_key(first_id: str, second_id: str) -> str:
    """The same key whichever row is kept, so a pair has one link even when the kept side changes."""
    return "|".join(sorted((first_id, second_id)))


class DuplicateLink(Base):
    __tablename__ = "duplicate_link"
    __table_args__ = (UniqueConstraint("kind", "pair_key", name="uq_duplicate_link_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    pair_key: Mapped[str] = mapped_column(String(2 * ID_LENGTH + 1))
    canonical_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    duplicate_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    score: Mapped[int] = mapped_column(Integer)
    # [{"code": "same_phone", "value": "+1 514 555 0101", "points": 25}, ...]: rendered in the reader's
    # language when printed, so the stored reasons do not depend on who ran the command.
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]


def hidden_service_ids(session: Session) -> set[str]:
    """Services on the duplicate side of a linked pair: search shows their kept twin instead."""
    return set(
        session.scalars(
            select(DuplicateLink.duplicate_id).where(
                DuplicateLink.kind == "service", DuplicateLink.status.in_(LINKED)
            )
        )
    )
