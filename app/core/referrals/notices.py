"""What `carrefour notify` sends, chosen here: the notices whose time has come, never one twice. A notice is
marked sent only once the SMTP server took it; a failure counts an attempt and is tried again at the next
run, up to MAX_ATTEMPTS. After the last reminder, a referral still without an answer is flagged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.models.casework import Client
from app.core.models.referrals import Referral, ReferralNotice
from app.core.referrals.consent import in_force
from app.core.referrals.status import ENDED

MAX_ATTEMPTS = 5
TO_AGENCY = ("referral", "reminder-1", "reminder-2")


@dataclass(frozen=True, slots=True)
class NotifyReport:
    sent: int
    failed: int
    skipped: int  # not to be sent any more (ended, consent withdrawn, do not contact)
    flagged: int  # referrals flagged for no answer


def due_notices(session: Session, now: datetime) -> list[ReferralNotice]:
    return list(
        session.scalars(
            select(ReferralNotice)
            .where(
                ReferralNotice.sent_at.is_(None),
                ReferralNotice.due_at <= now,
                ReferralNotice.attempts < MAX_ATTEMPTS,
            )
            .options(selectinload(ReferralNotice.referral).selectinload(Referral.consent))
            .order_by(ReferralNotice.due_at, ReferralNotice.id)
        )
    )


def still_wanted(notice: ReferralNotice, client: Client | None, now: datetime) -> bool:
    """A reminder only while the agency has not answered; nothing to the agency once consent is withdrawn or
    expired; the client's check-in only if they may be contacted (never "do not contact")."""
    referral = notice.referral
    if notice.kind in TO_AGENCY:
        if not in_force(referral.consent, now.date()) or referral.status in ENDED:
            return False
        return notice.kind == "referral" or referral.first_answer_at is None
    if notice.kind == "check-in":
        return client is not None and client.contact_preference == "email" and bool(client.contact)
    return False


def run_notices(
    session: Session,
    now: datetime,
    send: Callable[[ReferralNotice], bool],
    after_each: Callable[[], None] = lambda: None,
) -> NotifyReport:
    """Send what is due (`send` returns True when the server took the message); `after_each` (the caller's
    commit) runs after every notice, so a crash midway never sends one again."""
    sent = failed = skipped = 0
    for notice in due_notices(session, now):
        client = session.get(Client, notice.referral.client_id)
        if not still_wanted(notice, client, now):
            notice.sent_at, notice.last_error = now, "skipped"
            skipped += 1
            after_each()
            continue
        notice.attempts += 1
        if send(notice):
            notice.sent_at, notice.last_error = now, None
            sent += 1
        else:
            notice.last_error = "not sent"
            failed += 1
        session.flush()
        after_each()
    flagged = flag_unanswered(session, now)
    return NotifyReport(sent, failed, skipped, flagged)


def flag_unanswered(session: Session, now: datetime) -> int:
    """Referrals whose last reminder went out and whose target has passed, still without an answer."""
    flagged = 0
    reminded = session.scalars(
        select(Referral)
        .join(ReferralNotice, ReferralNotice.referral_id == Referral.id)
        .where(
            ReferralNotice.kind == "reminder-2",
            ReferralNotice.sent_at.is_not(None),
            ReferralNotice.last_error.is_(None),
            Referral.first_answer_at.is_(None),
            Referral.no_answer.is_(False),
            Referral.respond_by < now,
        )
    )
    for referral in reminded:
        referral.no_answer = True
        flagged += 1
    session.flush()
    return flagged
