"""The search a person asks for (words, a place by name, filters, an order), as one query: built the same
way for the public page and for `carrefour search`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.core.geo import Place, place
from indexer.query import SearchQuery


def asked_query(
    session: Session,
    *,
    text: str,
    lang: str,
    near: str | None = None,
    radius_km: float | None = None,
    categories: Sequence[str] = (),
    languages: Sequence[str] = (),
    features: Sequence[str] = (),
    age: int | None = None,
    open_at: datetime | None = None,
    nearest: bool = False,
    page: int = 1,
    page_size: int = 20,
) -> tuple[SearchQuery, Place | None]:
    """The query, and where `near` was placed (None when it was not given or could not be placed: the
    query then has no point and no radius, and the caller says so)."""
    query = SearchQuery(
        text=text,
        lang=lang,
        categories=list(categories),
        languages=list(languages),
        features=list(features),
        age=age,
        open_at=open_at,
        sort="distance" if nearest else "relevance",
        page=max(page, 1),
        page_size=page_size,
    )
    located = place(session, near) if near else None
    if located is not None:
        query.lat, query.lon, query.radius_km = located.lat, located.lon, radius_km
    return query, located
