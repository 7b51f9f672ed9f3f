"""What the crosswalk found, carried by an export: links to the core taxonomy's own terms.

An imported term read as a core term by the crosswalk (AIRS `BD-1800.2000` is the core `needs` term
`food-bank`) keeps its own code and taxonomy, so a consumer without Carrefour's crosswalk would not know
what it means. The export adds, beside each row's own attributes, one attribute per core term its terms
were read as, pointing to that core term (taxonomy `needs`, `features`, ... and its code). Its id is derived
from the row and the core term, so every export writes the same one, and a row that already links to that
core term gets none: the export of a re-imported export is the same files.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import CORE_TAXONOMIES, Attribute, Taxonomy, TaxonomyTerm
from app.core.taxonomy import CORE_SOURCE, NAMESPACE, term_id


@dataclass(frozen=True, slots=True)
class _Link:
    entity: str
    link_id: str
    core_key: str


def crosswalk_link_id(entity: str, link_id: str, core_key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"crosswalk/attribute/{entity}/{link_id}/{core_key}"))


def crosswalk_attributes(session: Session) -> list[dict[str, object]]:
    """Attribute rows (as the attribute table holds them) linking rows to the core terms the crosswalk read
    their terms as, sorted by id; none where the row already links to that core term."""
    names = {row_id: name for row_id, name in session.execute(select(Taxonomy.id, Taxonomy.name))}
    found: set[_Link] = set()
    known: set[_Link] = set()
    rows = session.execute(
        select(
            Attribute.link_entity,
            Attribute.link_id,
            TaxonomyTerm.core_key,
            TaxonomyTerm.data_source,
            TaxonomyTerm.code,
            TaxonomyTerm.taxonomy,
            TaxonomyTerm.taxonomy_id,
        )
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(TaxonomyTerm.core_key.is_not(None))
    )
    for entity, link_id, core_key, source, code, taxonomy, taxonomy_id in rows:
        link = _Link(entity, link_id, core_key)
        written = (taxonomy, names.get(taxonomy_id) if taxonomy_id else None)
        if source == CORE_SOURCE or _says_itself(core_key, code, written):
            known.add(link)
        else:
            found.add(link)
    extra = [_row(link) for link in found - known]
    return sorted(extra, key=lambda row: str(row["id"]))


def _says_itself(core_key: str, code: str | None, taxonomies: tuple[str | None, ...]) -> bool:
    """Whether a term is written as the core term it is (taxonomy `needs`, code `food-bank`), as the
    loader reads it without the crosswalk."""
    return any(
        name and name.strip().lower() in CORE_TAXONOMIES and f"{name.strip().lower()}:{code}" == core_key
        for name in taxonomies
    )


def _row(link: _Link) -> dict[str, object]:
    taxonomy, code = link.core_key.split(":", 1)
    return {
        "id": crosswalk_link_id(link.entity, link.link_id, link.core_key),
        "link_id": link.link_id,
        "taxonomy_term_id": term_id(taxonomy, code),
        "link_type": None,
        "link_entity": link.entity,
        "value": None,
        "lang": "en",
    }
