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
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.models import CORE_TAXONOMIES, Attribute, Taxonomy, TaxonomyTerm
from app.core.taxonomy import CORE_SOURCE, NAMESPACE, term_id
from importers.hsds3.batching import batched


@dataclass(frozen=True, slots=True)
class _Link:
    entity: str
    link_id: str
    core_key: str


def crosswalk_link_id(entity: str, link_id: str, core_key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"crosswalk/attribute/{entity}/{link_id}/{core_key}"))


# What the crosswalk reads of an attribute's term, beside the attribute (`with_term_facts`).
TERM_FACTS = ("term_core_key", "term_data_source", "term_code", "term_taxonomy", "term_taxonomy_name")


def with_term_facts(statement: Select[Any]) -> Select[Any]:
    """A statement on the attribute table, with the TERM_FACTS of each attribute's term (None without one)."""
    return (
        statement.add_columns(
            TaxonomyTerm.core_key.label(TERM_FACTS[0]),
            TaxonomyTerm.data_source.label(TERM_FACTS[1]),
            TaxonomyTerm.code.label(TERM_FACTS[2]),
            TaxonomyTerm.taxonomy.label(TERM_FACTS[3]),
            Taxonomy.name.label(TERM_FACTS[4]),
        )
        .outerjoin(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .outerjoin(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
    )


def crosswalk_attributes(
    session: Session, link_ids: Collection[str] | None = None
) -> list[dict[str, object]]:
    """Attribute rows (as the attribute table holds them) linking rows to the core terms the crosswalk read
    their terms as, sorted by id; none where the row already links to that core term. With `link_ids`, only
    those rows' links (the same rows as without, filtered), read in batches (`batching.py`)."""
    statement = with_term_facts(select(Attribute.link_entity, Attribute.link_id)).where(
        TaxonomyTerm.core_key.is_not(None)
    )
    if link_ids is None:
        return core_links(session.execute(statement))
    return core_links(
        chain.from_iterable(
            session.execute(statement.where(Attribute.link_id.in_(batch))) for batch in batched(link_ids)
        )
    )


def core_links(attributes: Iterable[Sequence[Any]]) -> list[dict[str, object]]:
    """`crosswalk_attributes` for the attributes given as (link_entity, link_id, *TERM_FACTS), every
    attribute of each link_id among them."""
    found: set[_Link] = set()
    known: set[_Link] = set()
    for entity, link_id, core_key, source, code, taxonomy, taxonomy_name in attributes:
        if core_key is None:
            continue
        link = _Link(entity, link_id, core_key)
        if source == CORE_SOURCE or _says_itself(core_key, code, (taxonomy, taxonomy_name)):
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
