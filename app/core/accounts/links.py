"""Signed, expiring, single-purpose links (itsdangerous).

A link's token names its purpose (a reset token is no invitation), carries what it is for, and a
fingerprint of the state it was made for: once that state changes (the password is set, the referral is
answered, consent is withdrawn) the fingerprint no longer matches and the link stops working, so a link
works once without a table of used tokens.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

LinkProblem = Literal["expired", "invalid", "used"]


class LinkError(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem)
        self.problem: LinkProblem = problem


def fingerprint(*parts: object) -> str:
    """A short digest of the state a link is valid for."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


def _serializer(secret: str, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"carrefour-link:{purpose}")


def make_token(secret: str, purpose: str, payload: dict[str, Any], state: str) -> str:
    return _serializer(secret, purpose).dumps({**payload, "fp": state})


def read_token(secret: str, purpose: str, token: str, max_age_seconds: int) -> dict[str, Any]:
    """The payload of a valid token of this purpose; LinkError("expired"|"invalid") otherwise. The caller
    checks the fingerprint against the current state with `check_state`."""
    try:
        payload = _serializer(secret, purpose).loads(token, max_age=max_age_seconds)
    except SignatureExpired:
        raise LinkError("expired") from None
    except BadSignature:
        raise LinkError("invalid") from None
    if not isinstance(payload, dict) or "fp" not in payload:
        raise LinkError("invalid")
    return payload


def check_state(payload: dict[str, Any], state: str) -> None:
    """LinkError("used") when the state the link was made for has changed since."""
    if not hmac.compare_digest(str(payload.get("fp", "")), state):
        raise LinkError("used")
