"""Services named by the directory's id or by the id they were imported with: the public page's address,
the matcher and the search results (which say the latter) all come through here, by index."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.models import Service


def resolve_service_ids(session: Session, any_ids: list[str]) -> dict[str, str]:
    """{id given: the directory's id} for every id that names a service, in one query (by index)."""
    wanted = list(dict.fromkeys(any_ids))
    if not wanted:
        return {}
    found: dict[str, str] = {}
    rows = session.execute(
        select(Service.id, Service.source_id).where(
            or_(Service.id.in_(wanted), Service.source_id.in_(wanted))
        )
    ).all()
    for service_id, source_id in rows:
        found.setdefault(source_id, service_id)
    for service_id, _source_id in rows:
        found[service_id] = service_id  # an exact directory id wins over another service's import id
    return {key: found[key] for key in wanted if key in found}
