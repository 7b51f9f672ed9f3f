"""Making a referral and moving it: with its consent, its response target in business days, the messages it
will send (planned as `ReferralNotice` rows for `carrefour notify`), and one event per change. The caller
commits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.hours import LOCAL
from app.core.models import Organization, Service
from app.core.models.accounts import AGENCY, Membership, UserAccount
from app.core.models.casework import Client
from app.core.models.referrals import Consent, Referral, ReferralEvent, ReferralNotice
from app.core.referrals.calendar import add_business_days
from app.core.referrals.consent import CURRENT_WORDING, ConsentTerms
from app.core.referrals.status import ENDED, check_transition

RESPONSE_DAYS = 2  # business days for the agency's first answer (CARREFOUR_REFERRAL_RESPONSE_DAYS)
SECOND_REMINDER_DAYS = 2  # business days after the first reminder; no answer then flags the referral
CHECK_IN_DAYS = 7  # calendar days after sending, the client is asked "did you get help?"
NOTE_LENGTH = 1000


class ReferralError(ValueError):
    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code, self.field = code, field


def recipient(session: Session, service: Service) -> tuple[str | None, str]:
    """Where the referral goes and in which language: the agency's account when it has one (the first
    active agency member of the organization), else the service's e-mail, else the organization's."""
    member = session.scalars(
        select(UserAccount)
        .join(Membership, Membership.user_id == UserAccount.id)
        .where(
            Membership.role == AGENCY,
            Membership.organization_id == service.organization_id,
            UserAccount.active.is_(True),
        )
        .order_by(UserAccount.id)
    ).first()
    organization = session.get(Organization, service.organization_id)
    locale = (organization.lang if organization is not None else None) or service.lang or "fr"
    if member is not None:
        return member.email, member.locale or locale
    email = service.email or (organization.email if organization is not None else None)
    return (email or None), locale


def _local(moment: datetime) -> datetime:
    return (
        moment.replace(tzinfo=None)
        if moment.tzinfo is None
        else moment.astimezone(LOCAL).replace(tzinfo=None)
    )


def create_referral(
    session: Session,
    actor: UserAccount,
    client: Client,
    service_id: str,
    terms: ConsentTerms,
    *,
    now: datetime,
    need: str | None = None,
    note: str | None = None,
    response_days: int = RESPONSE_DAYS,
) -> Referral:
    service = session.get(Service, service_id)
    if service is None:
        raise ReferralError("unknown_service", "service_id")
    email, locale = recipient(session, service)
    if email is None:
        raise ReferralError("no_recipient", "service_id")
    text = (note or "").strip() or None
    if text and len(text) > NOTE_LENGTH:
        raise ReferralError("note_too_long", "note")
    sent = _local(now)
    respond_by = add_business_days(sent, response_days)
    referral = Referral(
        client_id=client.id,
        team_id=client.team_id,
        service_id=service.id,
        organization_id=service.organization_id,
        need=need,
        status="requested",
        note=text,
        recipient_email=email,
        recipient_locale=locale if locale in ("fr", "en") else "fr",
        created_by=actor.id,
        created_at=sent,
        respond_by=respond_by,
        follow_up_on=(sent + timedelta(days=CHECK_IN_DAYS)).date(),
    )
    referral.consent = Consent(
        organization_id=service.organization_id,
        facts=list(terms.facts),
        valid_until=terms.valid_until,
        wording_version=CURRENT_WORDING,
        method=terms.method,
        attested_by=actor.id,
    )
    referral.events.append(
        ReferralEvent(to_status="requested", actor_id=actor.id, actor_kind="user", at=sent)
    )
    referral.notices.append(ReferralNotice(kind="referral", due_at=sent))
    referral.notices.append(ReferralNotice(kind="reminder-1", due_at=respond_by))
    referral.notices.append(
        ReferralNotice(kind="reminder-2", due_at=add_business_days(respond_by, SECOND_REMINDER_DAYS))
    )
    if client.contact_preference != "none" and client.contact:
        referral.notices.append(ReferralNotice(kind="check-in", due_at=sent + timedelta(days=CHECK_IN_DAYS)))
    session.add(referral)
    session.flush()
    audit.record(session, actor, "referral.create", "referral", referral.id, team_id=client.team_id)
    return referral


def change_status(
    session: Session,
    referral: Referral,
    target: str,
    *,
    now: datetime,
    outcome: str | None = None,
    actor: UserAccount | None = None,
    actor_kind: str = "user",
) -> None:
    """Move the referral through the state machine (TransitionError when it may not), recording who and
    when; the agency's first answer is timed; an ended referral sends no more reminders."""
    check_transition(referral.status, target, outcome)
    moment = _local(now)
    referral.events.append(
        ReferralEvent(
            from_status=referral.status,
            to_status=target,
            outcome=outcome,
            actor_id=actor.id if actor is not None else None,
            actor_kind=actor_kind,
            at=moment,
        )
    )
    referral.status, referral.outcome = target, outcome
    if actor_kind == "agency-link" or (actor is not None and actor_kind == "agency"):
        referral.first_answer_at = referral.first_answer_at or moment
    if target in ENDED:
        referral.closed_at = moment
    if target != "requested":
        _drop_unsent(referral, ("reminder-1", "reminder-2"))
    session.flush()
    audit.record(
        session,
        actor,
        "referral.status",
        "referral",
        referral.id,
        team_id=referral.team_id,
        detail={"to": target, "outcome": outcome, "by": actor_kind},
    )


def withdraw_consent(
    session: Session, actor: UserAccount | None, referral: Referral, *, now: datetime
) -> None:
    """The client withdrew consent for this recipient: its links stop working at once (they check the
    consent), nothing more is sent to it, and the referral says so."""
    if referral.consent.withdrawn_at is not None:
        return
    moment = _local(now)
    referral.consent.withdrawn_at = moment
    referral.consent.withdrawn_by = actor.id if actor is not None else None
    referral.events.append(
        ReferralEvent(
            from_status=referral.status,
            to_status=referral.status,
            actor_id=referral.consent.withdrawn_by,
            actor_kind="user" if actor is not None else "client-link",
            detail={"consent": "withdrawn"},
            at=moment,
        )
    )
    _drop_unsent(referral, ("referral", "reminder-1", "reminder-2"))
    session.flush()
    audit.record(
        session, actor, "referral.consent_withdrawn", "referral", referral.id, team_id=referral.team_id
    )


def _drop_unsent(referral: Referral, kinds: tuple[str, ...]) -> None:
    for notice in [n for n in referral.notices if n.kind in kinds and n.sent_at is None]:
        referral.notices.remove(notice)


CHECK_IN_ANSWERS = ("got-help", "not-yet", "no-help")


def record_check_in(session: Session, referral: Referral, answer: str, *, now: datetime) -> None:
    """The client's answer to "did you get help?": kept as an event; "got help" also completes a referral the
    agency accepted (the loop closes from the client's end)."""
    if answer not in CHECK_IN_ANSWERS:
        raise ReferralError("bad_answer", "answer")
    if answer == "got-help" and referral.status in ("accepted", "in-progress", "on-hold"):
        change_status(session, referral, "completed", now=now, outcome="got-help", actor_kind="client-link")
        referral.events[-1].detail = {"check_in": answer}
    else:
        referral.events.append(
            ReferralEvent(
                from_status=referral.status,
                to_status=referral.status,
                actor_kind="client-link",
                detail={"check_in": answer},
                at=_local(now),
            )
        )
    session.flush()
    audit.record(
        session,
        None,
        "referral.check_in",
        "referral",
        referral.id,
        team_id=referral.team_id,
        detail={"answer": answer},
    )


def agency_answer(
    session: Session, referral: Referral, target: str, *, now: datetime, outcome: str | None = None
) -> None:
    """What an agency records through its link; an outcome recorded before any acceptance implies it."""
    if target in ("in-progress", "on-hold", "completed") and referral.status in ("requested", "received"):
        change_status(session, referral, "accepted", now=now, actor_kind="agency-link")
    change_status(session, referral, target, now=now, outcome=outcome, actor_kind="agency-link")
