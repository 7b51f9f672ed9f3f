"""The HSDS API's rate limit: per address, or per API key (header `X-API-Key`) with the key's own limit.

An unknown or revoked key is counted as its address (the limit is never lifted by a wrong key).
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from app.core.api_keys import find_key
from app.web.extensions import db

HEADER = "X-API-Key"


def _key_limit() -> tuple[int, str] | None:
    if "_api_key" not in g:
        secret = request.headers.get(HEADER, "").strip()
        key = find_key(db.session, secret) if secret else None
        g._api_key = (key.id, key.rate_limit) if key is not None else None
    return g._api_key  # type: ignore[no-any-return]


def client_key() -> str:
    found = _key_limit()
    return f"key:{found[0]}" if found else f"address:{get_remote_address()}"


def api_limit() -> str:
    found = _key_limit()
    return found[1] if found else str(current_app.config["CARREFOUR_API_RATE_LIMIT"])
