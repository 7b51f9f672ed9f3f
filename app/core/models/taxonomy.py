"""Taxonomies, their terms, and attributes that link any directory row to a term (HSDS 3.0)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import ID_LENGTH, Base, Tracked

I18n = dict[str, str]

CORE_TAXONOMIES = ("needs", "eligibility", "features", "documents")


class Taxonomy(Tracked, Base):
    __tablename__ = "taxonomy"

    # The name identifies the vocabulary (`needs`, `eligibility`, ...), so it is not translated.
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[I18n | None]
    uri: Mapped[str | None] = mapped_column(String(2048))
    version_label: Mapped[str | None] = mapped_column("version_label", String(64))

    terms: Mapped[list[TaxonomyTerm]] = relationship(back_populates="taxonomy_detail")


class TaxonomyTerm(Tracked, Base):
    __tablename__ = "taxonomy_term"

    code: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[I18n]
    description: Mapped[I18n | None]
    parent_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("taxonomy_term.id", ondelete="SET NULL"), index=True
    )
    taxonomy: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    taxonomy_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("taxonomy.id", ondelete="SET NULL"), index=True
    )
    term_uri: Mapped[str | None] = mapped_column(String(2048))
    # "needs:food-bank" when this term is (or is written as) a term of the core taxonomy; None otherwise.
    core_key: Mapped[str | None] = mapped_column(String(128), index=True)
    # The core taxonomy's `group` column (eligibility: gender / situation); not an HSDS field.
    term_group: Mapped[str | None] = mapped_column(String(64))

    taxonomy_detail: Mapped[Taxonomy | None] = relationship(back_populates="terms")
    parent: Mapped[TaxonomyTerm | None] = relationship(remote_side="TaxonomyTerm.id")


class Attribute(Tracked, Base):
    """Links one row of any table (`link_entity` + `link_id`) to a taxonomy term."""

    __tablename__ = "attribute"

    link_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    taxonomy_term_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("taxonomy_term.id", ondelete="CASCADE"), index=True
    )
    link_type: Mapped[str | None] = mapped_column(String(255))
    link_entity: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)

    taxonomy_term: Mapped[TaxonomyTerm] = relationship()
