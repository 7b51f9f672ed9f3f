"""The core taxonomy (`app/data/taxonomy.csv`, the contract's codes and labels) and its seeding.

`needs` has two levels (family, child); `eligibility` terms carry a group (gender, situation) that says how
restrictions combine; `features` and `documents` are flat.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import Taxonomy, TaxonomyTerm
from app.data import TAXONOMY_CSV

CORE_CSV = TAXONOMY_CSV
CORE_SOURCE = "core"
NAMESPACE = uuid.UUID("6f1c1d2e-8a51-5b8e-9a53-0c5a1e4f2b10")  # Carrefour's own uuid5 namespace


@dataclass(frozen=True, slots=True)
class CoreTerm:
    taxonomy: str
    code: str
    parent: str | None
    group: str | None
    label_en: str
    label_fr: str

    @property
    def key(self) -> str:
        return f"{self.taxonomy}:{self.code}"

    def label(self, locale: str) -> str:
        return self.label_fr if locale == "fr" else self.label_en


@cache
def core_terms() -> tuple[CoreTerm, ...]:
    with CORE_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            CoreTerm(
                taxonomy=row["taxonomy"],
                code=row["code"],
                parent=row["parent"] or None,
                group=row["group"] or None,
                label_en=row["label_en"],
                label_fr=row["label_fr"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def core_index() -> dict[str, CoreTerm]:
    """Core terms by key (`needs:food-bank`)."""
    return {term.key: term for term in core_terms()}


def core_term(taxonomy: str, code: str) -> CoreTerm | None:
    return core_index().get(f"{taxonomy.strip().lower()}:{code.strip()}")


def term_label(taxonomy: str, code: str, locale: str) -> str:
    """A core term's label in `locale`, else the code itself (a code the taxonomy no longer has, say in an
    older index, is still shown as something)."""
    term = core_term(taxonomy, code)
    return term.label(locale) if term else code


def needs_family(code: str) -> str:
    """The family of a needs code (itself when it is a family)."""
    return _families().get(code.strip(), code)


@cache
def _families() -> dict[str, str]:
    # Asked for thousands of times a match: one dictionary lookup.
    return {t.code: t.parent or t.code for t in core_terms() if t.taxonomy == "needs"}


def needs_children(code: str) -> list[str]:
    return [t.code for t in core_terms() if t.taxonomy == "needs" and t.parent == code]


def taxonomy_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"core/taxonomy/{name}"))


def term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"core/taxonomy_term/{taxonomy}/{code}"))


def seed_core_taxonomy(session: Session) -> int:
    """Insert or refresh the core taxonomies and terms; return how many rows changed. Idempotent."""
    changed = 0
    existing_tax = {
        t.id: t for t in session.scalars(select(Taxonomy).where(Taxonomy.data_source == CORE_SOURCE))
    }
    for name in sorted({t.taxonomy for t in core_terms()}):
        row_id = taxonomy_id(name)
        values = {
            "name": name,
            "description": {
                "en": f"Carrefour core taxonomy: {name}",
                "fr": f"Taxonomie de base de Carrefour : {name}",
            },
        }
        changed += _upsert(session, Taxonomy, existing_tax.get(row_id), row_id, name, values)
    existing_terms = {
        t.id: t for t in session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.data_source == CORE_SOURCE))
    }
    # Parents first, so the self reference always points to a row already written.
    for term in sorted(core_terms(), key=lambda t: t.parent is not None):
        row_id = term_id(term.taxonomy, term.code)
        values = {
            "code": term.code,
            "name": {"en": term.label_en, "fr": term.label_fr},
            "description": {"en": term.label_en, "fr": term.label_fr},
            "parent_id": term_id(term.taxonomy, term.parent) if term.parent else None,
            "taxonomy": term.taxonomy,
            "taxonomy_id": taxonomy_id(term.taxonomy),
            "core_key": term.key,
            "term_group": term.group,
        }
        changed += _upsert(session, TaxonomyTerm, existing_terms.get(row_id), row_id, term.key, values)
        session.flush()
    return changed


def seed_and_commit(session: Session) -> int:
    """Load or refresh the core taxonomy and commit it (what `seed`, `db upgrade` and the start of a command
    that needs the directory do); return how many rows changed."""
    changed = seed_core_taxonomy(session)
    session.commit()
    return changed


def _upsert(
    session: Session,
    model: type[Taxonomy] | type[TaxonomyTerm],
    row: object | None,
    row_id: str,
    source_id: str,
    values: dict[str, object],
) -> int:
    if row is None:
        session.add(model(id=row_id, data_source=CORE_SOURCE, source_id=source_id, lang="en", **values))
        return 1
    if all(getattr(row, key) == value for key, value in values.items()):
        return 0
    for key, value in values.items():
        setattr(row, key, value)
    return 1
