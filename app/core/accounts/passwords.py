"""Password hashes: argon2id through argon2-cffi, with a rehash when the parameters change."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 takes any length; a bound keeps one request's work bounded

_hasher = PasswordHasher()  # the library's defaults follow RFC 9106's recommended profile
# Checked against when the account is unknown or has no password yet, so both take as long as a real check
# and the answer's timing does not tell whether an e-mail has an account.
_DUMMY = _hasher.hash("not a password anyone has")


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    new_hash: str | None = None  # set when the stored hash used older parameters: store this one instead


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> Verdict:
    """Whether `password` matches `stored`; an account without a hash never matches."""
    if len(password) > MAX_LENGTH:
        return Verdict(False)
    try:
        _hasher.verify(stored or _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return Verdict(False)
    if stored is None:
        return Verdict(False)
    return Verdict(True, _hasher.hash(password) if _hasher.check_needs_rehash(stored) else None)


def password_problem(password: str, email: str) -> str | None:
    """Why a new password is refused (a message id of `PASSWORD_PROBLEMS`), or None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if password.strip().casefold() == email.strip().casefold():
        return "is_email"
    if len(set(password)) < 4:
        return "too_simple"
    return None
