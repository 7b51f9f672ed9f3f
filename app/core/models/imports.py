"""Records of import runs and the rows they could not take (the quarantine)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import Base, utcnow


class ImportRun(Base):
    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data_source: Mapped[str] = mapped_column(String(100), index=True)
    format: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(2))
    path: Mapped[str] = mapped_column(Text)
    # {file name: sha256}
    files: Mapped[dict[str, Any]]
    # {table: {"read": n, "created": n, "updated": n, "unchanged": n, "rejected": n}}
    counts: Mapped[dict[str, Any]]
    warnings: Mapped[dict[str, Any]]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    rejects: Mapped[list[ImportReject]] = relationship(back_populates="run", cascade="all, delete-orphan")


class ImportReject(Base):
    __tablename__ = "import_reject"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id", ondelete="CASCADE"), index=True)
    file: Mapped[str] = mapped_column(String(512))
    line: Mapped[str] = mapped_column(String(255))
    column: Mapped[str | None] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict[str, Any]]

    run: Mapped[ImportRun] = relationship(back_populates="rejects")


class GeocodeCache(Base):
    """Every geocoder answer, found or not, so no address is sent twice."""

    __tablename__ = "geocode_cache"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query: Mapped[str] = mapped_column(String(512), unique=True)
    provider: Mapped[str] = mapped_column(String(64))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
