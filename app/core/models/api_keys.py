"""Keys for the HSDS API's higher rate limits: only a hash of each key is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.orm import Base, utcnow


class ApiKey(Base):
    """A key an administrator made for a partner (a 211, an app): its SHA-256, never the key itself."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The first characters of the key, shown in lists so a key can be recognised without being stored.
    prefix: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # who it is for
    rate_limit: Mapped[str] = mapped_column(String(64))  # Flask-Limiter's notation: "10000/minute"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
