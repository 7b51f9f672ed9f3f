"""API keys: made by administrators, given once, checked by their SHA-256.

A key is 32 random bytes, so a fast hash is enough to store it safely (argon2 is for passwords people
choose; it would cost every API request tens of milliseconds). Keys are compared by digest lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from limits import parse_many
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models.api_keys import ApiKey
from app.core.orm import utcnow

PREFIX = "crf_"
DEFAULT_KEY_LIMIT = "20000/minute"
# Last use is written at most this often, so a busy key does not write on every request.
_USE_PRECISION = timedelta(minutes=5)


class ApiKeyError(ValueError):
    """A key's name or limit cannot be used; the message says which."""


@dataclass(frozen=True, slots=True)
class NewKey:
    key: ApiKey
    secret: str  # shown once, never stored


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(
    session: Session, name: str, rate_limit: str = DEFAULT_KEY_LIMIT, by: int | None = None
) -> NewKey:
    name = (name or "").strip()
    if not name:
        raise ApiKeyError("name")
    try:
        parse_many(rate_limit)
    except ValueError:
        raise ApiKeyError("rate_limit") from None
    secret = PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        prefix=secret[: len(PREFIX) + 6],
        digest=digest_of(secret),
        name=name[:200],
        rate_limit=rate_limit,
        created_by=by,
    )
    session.add(key)
    session.flush()
    return NewKey(key, secret)


def revoke_key(session: Session, key_id: int) -> bool:
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = utcnow()
    return True


def find_key(session: Session, secret: str) -> ApiKey | None:
    """The live key `secret` is, or None; notes its use (at most every few minutes)."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    key = session.scalar(select(ApiKey).where(ApiKey.digest == digest_of(secret)))
    if key is None or key.revoked_at is not None:
        return None
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > _USE_PRECISION:
        key.last_used_at = now
        session.commit()
    return key


def keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at.desc(), ApiKey.id.desc())))
