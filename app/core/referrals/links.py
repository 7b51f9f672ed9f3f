"""The links an agency or a client answers a referral with, without signing in: signed (itsdangerous),
expiring, single-purpose, single-use. A link names its referral, what it does and for whom; it stops working
when it expires, when it is used (a replay is refused), and at once when the client withdraws consent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.models.referrals import Referral, UsedLink
from app.core.referrals.consent import in_force

# What a link does: the agency accepts, declines (with a reason) or records the outcome; the client answers
# the check-in.
PURPOSES = ("accept", "decline", "outcome", "check-in")
LINK_DAYS = 30


class LinkRefused(ValueError):
    """`code`: tampered, expired, used, withdrawn, ended, unknown."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class LinkClaim:
    referral_id: int
    purpose: str
    nonce: str


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="carrefour-referral-link")


def make_token(secret: str, referral_id: int, purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return _serializer(secret).dumps({"r": referral_id, "p": purpose, "n": secrets.token_urlsafe(16)})


def read_token(secret: str, token: str, purpose: str) -> LinkClaim:
    """What the link claims, if it is genuine, fresh and for this purpose (LinkRefused otherwise)."""
    try:
        data = _serializer(secret).loads(token, max_age=LINK_DAYS * 86400)
    except SignatureExpired:
        raise LinkRefused("expired") from None
    except BadSignature:
        raise LinkRefused("tampered") from None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("r"), int):
        raise LinkRefused("tampered")
    return LinkClaim(int(data["r"]), purpose, str(data.get("n", "")))


def open_link(
    session: Session, secret: str, token: str, purpose: str, today: date
) -> tuple[Referral, LinkClaim]:
    """The referral a link may act on now: not used before, consent in force (for the agency's links)."""
    claim = read_token(secret, token, purpose)
    referral = session.get(Referral, claim.referral_id)
    if referral is None:
        raise LinkRefused("unknown")
    if session.query(UsedLink).filter_by(nonce=claim.nonce).first() is not None:
        raise LinkRefused("used")
    if purpose != "check-in" and not in_force(referral.consent, today):
        raise LinkRefused("withdrawn")
    return referral, claim


def spend(session: Session, claim: LinkClaim) -> None:
    """Mark the link used, in the caller's transaction; a second use at the same instant fails here."""
    session.add(UsedLink(nonce=claim.nonce))
    try:
        session.flush()
    except IntegrityError:
        raise LinkRefused("used") from None
