"""The change log: every change to the directory names the services whose search documents it touches.

Rows are written in the same transaction as the change, and stay pending until the indexer applies them,
so nothing is lost when a search engine is down.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import ID_LENGTH, Base, utcnow


class ChangeLog(Base):
    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    reason: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # modified_after reads it
    applied_at: Mapped[datetime | None] = mapped_column(index=True)
