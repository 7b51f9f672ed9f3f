"""Placeholder organizations: stand-ins for organization ids that services point to and the files lack.

Real exports often list services whose organization is not in `organizations.csv`. Rejecting them would hide
the services from the public; each is kept instead under one placeholder organization per missing id, with
that id as its source id and a name that says what it is ("Organisme à confirmer (id 812)"). The mark
(`Organization.placeholder`) is shown by the run report and by `carrefour dedupe --report`; an import of the
same source that brings the organization with that id replaces the placeholder's values and clears it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.core.i18n import text_of
from app.core.models import Organization, Service
from app.core.orm import utcnow
from importers.hsds3.ids import canonical_id, derived_id

# Stored text, in both languages, as the readers' own words are (not messages: they live in the data).
_NAME = {"fr": "Organisme à confirmer (id {id})", "en": "Organization to be confirmed (id {id})"}
_DESCRIPTION = {
    "fr": "Des services de la source « {source} » renvoient à l'organisme {id}, absent de ses fichiers : à "
    "confirmer.",
    "en": "Services of the source “{source}” point to organization {id}, which its files lack: to be "
    "confirmed.",
}


def placeholder_name(source_id: str) -> dict[str, str]:
    return {locale: text.format(id=source_id) for locale, text in _NAME.items()}


def placeholder_description(source: str, source_id: str) -> dict[str, str]:
    # HSDS 3.0 requires an organization's description: an export of the placeholder stays valid.
    return {locale: text.format(id=source_id, source=source) for locale, text in _DESCRIPTION.items()}


def create_placeholder(session: Session, source: str, source_id: str, lang: str) -> str:
    """Insert the placeholder of `source_id` for `source`; return its Carrefour id (the one the real
    organization gets when it comes, so nothing that points to it has to change)."""
    row_id = canonical_id(source_id) or derived_id(source, "organization", source_id)
    now = utcnow()
    session.execute(
        insert(Organization.__table__).values(
            id=row_id,
            data_source=source,
            source_id=source_id,
            lang=lang,
            name=placeholder_name(source_id),
            description=placeholder_description(source, source_id),
            placeholder=True,
            created_at=now,
            updated_at=now,
            version=1,
        )
    )
    return row_id


def placeholder_ids(session: Session) -> set[str]:
    return set(session.scalars(select(Organization.id).where(Organization.placeholder.is_(True))))


@dataclass(frozen=True, slots=True)
class Placeholder:
    id: str
    name: str
    source: str
    source_id: str
    services: int  # services kept under it

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "source_id": self.source_id,
            "services": self.services,
        }


def list_placeholders(session: Session, locale: str) -> list[Placeholder]:
    """Every placeholder organization still waiting for its real organization, by source and source id."""
    services = func.count(Service.id)
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.data_source, Organization.source_id, services)
        .outerjoin(Service, Service.organization_id == Organization.id)
        .where(Organization.placeholder.is_(True))
        .group_by(Organization.id)
        .order_by(Organization.data_source, Organization.source_id)
    )
    return [
        Placeholder(row_id, text_of(name, locale), source, source_id, count)
        for row_id, name, source, source_id, count in rows
    ]
