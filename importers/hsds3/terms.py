"""Taxonomy terms of other vocabularies read as core terms, and those of a source that stay its own.

A term is linked to a core term (`core_key`, `term_group`) when it is written in the core taxonomy or when
the crosswalk (`importers.crosswalk`: AIRS/211 codes, Open Eligibility, an agency's words) reads it as one;
the terms left over are listed in the run report, most used first, as what a crosswalk entry could add.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import CORE_TAXONOMIES, Attribute, TaxonomyTerm
from app.core.taxonomy import core_term
from importers.crosswalk import crosswalk
from importers.dataset import RawRow
from importers.hsds3.context import ImportContext, TableScope
from importers.hsds3.spec import tables


def core_link(scope: TableScope, values: dict[str, Any], raw: RawRow) -> dict[str, Any]:
    """A term is a core term when its taxonomy (column, or its taxonomies row) and code say so, or when
    the crosswalk reads its code (AIRS/211) or its name (Open Eligibility, an agency's words) as one."""
    ctx = scope.ctx
    names = [str(values.get("taxonomy") or "")]
    if values.get("taxonomy_id"):
        names.append(ctx.taxonomy_names.get(values["taxonomy_id"]) or _taxonomy_name(ctx, values))
    code = str(values.get("code") or "")
    for name in names:
        if name.strip().lower() in CORE_TAXONOMIES and (term := core_term(name, code)):
            return {"core_key": term.key, "term_group": term.group}
    labels = tuple(text for text in (values.get("name") or {}).values() if text)
    found = crosswalk().match(code, labels, " ".join(names))
    if found is None:
        return {"core_key": None, "term_group": None}
    ctx.report.note("term_crosswalk")
    if found.how == "fuzzy":  # a near spelling: said, so that someone can check it
        scope.warn(raw, "term_fuzzy", "name", value=labels[0], target=found.matched, key=found.term.key)
    return {"core_key": found.term.key, "term_group": found.term.group}


def _taxonomy_name(ctx: ImportContext, values: dict[str, Any]) -> str:
    table = tables()["taxonomy"].model.__table__
    name = ctx.session.scalar(select(table.c.name).where(table.c.id == values["taxonomy_id"]))
    ctx.taxonomy_names[values["taxonomy_id"]] = name or ""
    return name or ""


def unmapped_terms(session: Session, source: str, lang: str) -> list[tuple[str, int]]:
    """The source's terms that are no core term (kept as imported), with how many attributes use each:
    what a crosswalk entry would turn into facts, most used first."""
    uses: dict[str, int] = {}
    rows = session.execute(
        select(TaxonomyTerm.code, TaxonomyTerm.name, func.count(Attribute.id))
        .outerjoin(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
        .where(TaxonomyTerm.data_source == source, TaxonomyTerm.core_key.is_(None))
        .group_by(TaxonomyTerm.id)
    )
    for code, name, count in rows:
        text = (name or {}).get(lang) or next(iter((name or {}).values()), "")
        label = f"{text} [{code}]" if code and code != text else text or str(code)
        uses[label] = uses.get(label, 0) + count
    return sorted(uses.items(), key=lambda item: (-item[1], item[0]))
