"""Declarative base, column types and the mixin every directory row shares (models import from here)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, registry

# Stable constraint names, so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Text in several languages: {"fr": "...", "en": "..."}; JSONB on PostgreSQL for cheaper reads.
I18nJSON = JSON().with_variant(JSONB(), "postgresql")

ID_LENGTH = 36


def utcnow() -> datetime:
    """Naive UTC now: SQLite keeps no time zone, so every timestamp is stored as UTC without one."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    # One registry carrying both the naming convention and the type map (Flask-SQLAlchemy subclasses this).
    registry = registry(
        metadata=MetaData(naming_convention=NAMING),
        type_annotation_map={dict[str, str]: I18nJSON, dict[str, Any]: JSON, datetime: DateTime()},
    )


class Tracked:
    """Provenance, timestamps, optimistic version and original locale of a directory row.

    `data_source` + `source_id` say where the row came from and under which id, so a re-import of the same
    source updates the row instead of adding a copy. `version` is checked on every ORM update, so two
    editors cannot overwrite each other silently. `lang` is the locale the row's text was first written in.
    """

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    data_source: Mapped[str] = mapped_column(String(100), index=True)
    source_id: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(2), default="fr")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (UniqueConstraint("data_source", "source_id", name=f"uq_{cls.__tablename__}_source"),)
