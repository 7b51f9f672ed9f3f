"""Signing in: the password checked, failures counted per e-mail and per address, a pause after too many.

Failures count per e-mail typed whether or not it has an account, and a disabled account fails like a wrong
password: no answer, and no lockout, tells anyone whether an address has an account.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.accounts.passwords import verify_password
from app.core.accounts.users import find_user
from app.core.models.accounts import SignInFailure, UserAccount
from app.core.orm import utcnow

WINDOW = timedelta(minutes=15)
PER_EMAIL = 5  # failures within WINDOW that pause sign-in for an e-mail
PER_ADDRESS = 20  # ... and for an address (someone trying many e-mails)

Outcome = Literal["ok", "refused", "paused"]


@dataclass(frozen=True, slots=True)
class SignIn:
    outcome: Outcome
    user: UserAccount | None = None


def _key(secret: str, kind: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _recent(session: Session, column: object, key: str) -> int:
    since = utcnow() - WINDOW
    return (
        session.scalar(
            select(func.count()).select_from(SignInFailure).where(column == key, SignInFailure.at >= since)  # type: ignore[arg-type]
        )
        or 0
    )


def sign_in(session: Session, secret: str, email: str, password: str, address: str) -> SignIn:
    """Check an e-mail and password typed on the sign-in page, from `address`."""
    email_key = _key(secret, "email", email.strip().lower())
    address_key = _key(secret, "address", address or "-")
    if (
        _recent(session, SignInFailure.email_key, email_key) >= PER_EMAIL
        or _recent(session, SignInFailure.address_key, address_key) >= PER_ADDRESS
    ):
        return SignIn("paused")
    user = find_user(session, email)
    verdict = verify_password(user.password_hash if user else None, password)
    if user is None or not user.active or not verdict.ok:
        session.add(SignInFailure(email_key=email_key, address_key=address_key))
        if user is not None:
            audit.record(session, None, "signin.failed", "user", user.id, address=address)
        session.flush()
        return SignIn("refused")
    if verdict.new_hash:
        user.password_hash = verdict.new_hash  # same password, today's parameters
    user.last_sign_in_at = utcnow()
    session.execute(delete(SignInFailure).where(SignInFailure.email_key == email_key))
    audit.record(session, user, "signin", "user", user.id, address=address)
    return SignIn("ok", user)


def forget_old_failures(session: Session) -> int:
    """Failures older than the window tell nothing any more."""
    result = session.execute(delete(SignInFailure).where(SignInFailure.at < utcnow() - WINDOW))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
