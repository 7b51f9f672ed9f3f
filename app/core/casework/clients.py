"""A team's clients: who may see one, the caseload, creating one (with the duplicate check), the record's
notes, interactions and plan. Plain functions over a session; the caller commits.

Names are encrypted at rest, so the caseload is searched in Python over the team's decrypted names: a team
holds hundreds of clients, not millions, and nothing personal ever reaches an index or a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.accounts import audit
from app.core.accounts.roles import Powers
from app.core.geo import postal_code_parts
from app.core.models.accounts import UserAccount
from app.core.models.casework import (
    CONTACT_PREFERENCES,
    GOAL_OWNERS,
    INTERACTION_KINDS,
    ActionPlan,
    Client,
    ClientNote,
    Interaction,
    PlanGoal,
)
from app.core.orm import utcnow
from app.core.text import comparable_text, comparable_words

NAME_LENGTH = 80
NOTE_LENGTH = 4000
SHORT_NOTE_LENGTH = 500
REVIEW_AT_MOST = timedelta(days=366)  # social-work practice: a plan is reviewed at least once a year
REVIEW_SOON = timedelta(days=30)  # the caseload says "due" this long before the date
SAME_NAME = 85  # rapidfuzz token-sort ratio (0-100) from which two names may be one person
SAME_NAME_WITHOUT_BIRTH = 95  # ... when the birth date or year is not known on both sides
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class CaseworkError(ValueError):
    """Refused input: `code` says what, `field` which field (the page shows it there)."""

    def __init__(self, code: str, field: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


class ClientNotFound(LookupError):
    """No such client for this person: absent, of another team, or closed and purged (one answer: 404)."""


@dataclass(slots=True)
class ClientFields:
    display_name: str
    birth_year: int | None = None
    birth_date: date | None = None
    preferred_language: str = "fr"
    languages: list[str] = field(default_factory=list)
    contact_preference: str = "none"
    contact: str | None = None
    postal_code: str | None = None


def check_fields(fields: ClientFields, today: date) -> ClientFields:
    """The fields cleaned, or CaseworkError naming the first wrong one."""
    name = " ".join(fields.display_name.split())
    if not name:
        raise CaseworkError("name_needed", "display_name")
    if len(name) > NAME_LENGTH:
        raise CaseworkError("too_long", "display_name", most=NAME_LENGTH)
    year = fields.birth_year
    if fields.birth_date is not None:
        if fields.birth_date > today or fields.birth_date.year < today.year - 130:
            raise CaseworkError("bad_birth_date", "birth_date")
        if year is not None and year != fields.birth_date.year:
            raise CaseworkError("year_and_date_differ", "birth_year")
        year = fields.birth_date.year
    if year is not None and not today.year - 130 <= year <= today.year:
        raise CaseworkError("bad_birth_year", "birth_year")
    languages = list(dict.fromkeys(code.strip().lower() for code in fields.languages if code.strip()))
    if any(not _LANGUAGE.match(code) for code in languages):
        raise CaseworkError("bad_language", "languages")
    if fields.preferred_language not in ("fr", "en"):
        raise CaseworkError("bad_language", "preferred_language")
    if fields.contact_preference not in CONTACT_PREFERENCES:
        raise CaseworkError("bad_choice", "contact_preference")
    contact = (fields.contact or "").strip() or None
    if fields.contact_preference == "none":
        contact = None  # "do not contact": nothing to keep
    elif contact is None:
        raise CaseworkError("contact_needed", "contact")
    elif fields.contact_preference == "email" and not _EMAIL.match(contact):
        raise CaseworkError("bad_email", "contact")
    elif fields.contact_preference in ("phone", "text") and len(re.sub(r"\D", "", contact)) < 7:
        raise CaseworkError("bad_phone", "contact")
    postal = (fields.postal_code or "").strip() or None
    if postal is not None:
        parts = postal_code_parts(postal)
        if parts is None:
            raise CaseworkError("bad_postal_code", "postal_code")
        postal = " ".join(part for part in parts if part)
    return ClientFields(
        name,
        year,
        fields.birth_date,
        fields.preferred_language,
        languages,
        fields.contact_preference,
        contact,
        postal,
    )


def team_clients(session: Session, team_ids: frozenset[int] | set[int]) -> list[Client]:
    if not team_ids:
        return []
    return list(
        session.scalars(
            select(Client)
            .where(Client.team_id.in_(team_ids), Client.closed_at.is_(None))
            .options(selectinload(Client.plan), selectinload(Client.goals))
            .order_by(Client.id)
        )
    )


def _initials(name: str) -> str:
    return "".join(word[0] for word in comparable_words(name).split() if word)


def name_matches(name: str, query: str) -> bool:
    """A caseload search: every word of the query starts a word of the name, or the query is the initials."""
    wanted = comparable_words(query).split()
    if not wanted:
        return True
    words = comparable_words(name).split()
    if all(any(word.startswith(part) for word in words) for part in wanted):
        return True
    compact = "".join(wanted)
    return len(wanted) == 1 and len(compact) >= 2 and _initials(name) == compact


def review_state(client: Client, today: date) -> str:
    """What the caseload says of the plan: no-plan, overdue, due (within 30 days) or ok."""
    if client.plan is None:
        return "no-plan"
    if client.plan.review_on < today:
        return "overdue"
    if client.plan.review_on <= today + REVIEW_SOON:
        return "due"
    return "ok"


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    client: Client
    review: str  # review_state
    goals_due: int  # goals not done whose date has come


def caseload(session: Session, team_ids: frozenset[int], query: str | None, today: date) -> list[CaseloadRow]:
    """The team's open clients found by name or initials; what is overdue first, then the soonest review."""
    rows = [
        CaseloadRow(
            client,
            review_state(client, today),
            sum(1 for goal in client.goals if not goal.done and goal.due_on and goal.due_on <= today),
        )
        for client in team_clients(session, team_ids)
        if name_matches(client.display_name, query or "")
    ]
    order = {"overdue": 0, "no-plan": 1, "due": 2, "ok": 3}
    return sorted(
        rows,
        key=lambda row: (
            order[row.review],
            row.client.plan.review_on if row.client.plan else date.max,
            comparable_text(row.client.display_name),
        ),
    )


def possible_duplicates(
    session: Session, team_ids: frozenset[int] | set[int], fields: ClientFields
) -> list[Client]:
    """Clients of these teams who may be the same person: a close name (rapidfuzz, accents and order of the
    words aside) and the same birth date (or year, when only a year is known); a very close name when the
    birth is not known on both sides."""
    name = comparable_words(fields.display_name)
    found = []
    for client in team_clients(session, team_ids):
        score = fuzz.token_sort_ratio(name, comparable_words(client.display_name))
        if fields.birth_date is not None and client.birth_date:
            same_birth: bool | None = client.birth_date == fields.birth_date.isoformat()
        elif fields.birth_year is not None and client.birth_year is not None:
            same_birth = client.birth_year == fields.birth_year
        else:
            same_birth = None
        if (same_birth and score >= SAME_NAME) or (same_birth is None and score >= SAME_NAME_WITHOUT_BIRTH):
            found.append(client)
    return found


def create_client(
    session: Session, actor: UserAccount, team_id: int, fields: ClientFields, address: str | None = None
) -> Client:
    client = Client(
        team_id=team_id,
        display_name=fields.display_name,
        birth_year=fields.birth_year,
        birth_date=fields.birth_date.isoformat() if fields.birth_date else None,
        preferred_language=fields.preferred_language,
        languages=fields.languages,
        contact_preference=fields.contact_preference,
        contact=fields.contact,
        postal_code=fields.postal_code,
        created_by=actor.id,
    )
    session.add(client)
    session.flush()
    audit.record(session, actor, "client.create", "client", client.id, address=address, team_id=team_id)
    return client


def update_client(
    session: Session, actor: UserAccount, client: Client, fields: ClientFields, address: str | None = None
) -> None:
    client.display_name = fields.display_name
    client.birth_year = fields.birth_year
    client.birth_date = fields.birth_date.isoformat() if fields.birth_date else None
    client.preferred_language = fields.preferred_language
    client.languages = fields.languages
    client.contact_preference = fields.contact_preference
    client.contact = fields.contact
    client.postal_code = fields.postal_code
    audit.record(
        session, actor, "client.update", "client", client.id, address=address, team_id=client.team_id
    )


def get_client(session: Session, powers: Powers, client_id: int, *, break_glass: bool = False) -> Client:
    """The client if this person may see it: their team's, or any for an admin who broke the glass."""
    client = session.get(Client, client_id)
    if client is None or client.closed_at is not None:
        raise ClientNotFound(client_id)
    if powers.works_in(client.team_id) or (break_glass and powers.admin):
        return client
    raise ClientNotFound(client_id)


def record_view(
    session: Session, actor: UserAccount, client: Client, address: str | None, *, what: str = "record"
) -> None:
    """Every view of a client's personal data is an audit event (who, which client, when, from where)."""
    audit.record(
        session,
        actor,
        "client.view",
        "client",
        client.id,
        address=address,
        team_id=client.team_id,
        detail={"page": what},
    )


def break_glass(
    session: Session, actor: UserAccount, client: Client, reason: str, address: str | None
) -> None:
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise CaseworkError("reason_needed", "reason")
    # The reason says why, never who the client is: it is written by the admin, kept short.
    audit.record(
        session,
        actor,
        "client.break_glass",
        "client",
        client.id,
        address=address,
        team_id=client.team_id,
        detail={"reason": reason[:300]},
    )


def visible_notes(client: Client, user_id: int) -> list[ClientNote]:
    """Shared notes, and the private ones of this person only."""
    return [note for note in client.notes if note.shared or note.author_id == user_id]


def add_note(session: Session, actor: UserAccount, client: Client, body: str, shared: bool) -> ClientNote:
    body = body.strip()
    if not body:
        raise CaseworkError("note_needed", "body")
    if len(body) > NOTE_LENGTH:
        raise CaseworkError("too_long", "body", most=NOTE_LENGTH)
    note = ClientNote(client=client, author_id=actor.id, body=body, shared=shared)
    session.add(note)
    session.flush()
    audit.record(session, actor, "client.note", "client", client.id, team_id=client.team_id)
    return note


def add_interaction(
    session: Session, actor: UserAccount, client: Client, on: date, kind: str, note: str | None, today: date
) -> Interaction:
    if kind not in INTERACTION_KINDS:
        raise CaseworkError("bad_choice", "kind")
    if on > today:
        raise CaseworkError("in_the_future", "on")
    text = (note or "").strip() or None
    if text and len(text) > SHORT_NOTE_LENGTH:
        raise CaseworkError("too_long", "note", most=SHORT_NOTE_LENGTH)
    interaction = Interaction(client=client, author_id=actor.id, on=on, kind=kind, note=text)
    session.add(interaction)
    if client.last_contact_on is None or on > client.last_contact_on:
        client.last_contact_on = on
    session.flush()
    audit.record(session, actor, "client.interaction", "client", client.id, team_id=client.team_id)
    return interaction


def set_review(session: Session, actor: UserAccount, client: Client, review_on: date, today: date) -> None:
    if review_on < today:
        raise CaseworkError("in_the_past", "review_on")
    if review_on > today + REVIEW_AT_MOST:
        raise CaseworkError("review_too_far", "review_on")
    if client.plan is None:
        client.plan = ActionPlan(review_on=review_on, updated_by=actor.id)
    else:
        client.plan.review_on, client.plan.updated_by = review_on, actor.id
    session.flush()
    audit.record(session, actor, "client.plan", "client", client.id, team_id=client.team_id)


def add_goal(
    session: Session, actor: UserAccount, client: Client, goal: str, owner: str, due_on: date | None
) -> PlanGoal:
    text = goal.strip()
    if not text:
        raise CaseworkError("goal_needed", "goal")
    if len(text) > SHORT_NOTE_LENGTH:
        raise CaseworkError("too_long", "goal", most=SHORT_NOTE_LENGTH)
    if owner not in GOAL_OWNERS:
        raise CaseworkError("bad_choice", "owner")
    item = PlanGoal(client=client, goal=text, owner=owner, due_on=due_on)
    session.add(item)
    session.flush()
    audit.record(session, actor, "client.plan", "client", client.id, team_id=client.team_id)
    return item


def set_goal_done(session: Session, actor: UserAccount, client: Client, goal_id: int, done: bool) -> None:
    goal = next((goal for goal in client.goals if goal.id == goal_id), None)
    if goal is None:
        raise ClientNotFound(goal_id)
    goal.done = done
    audit.record(session, actor, "client.plan", "client", client.id, team_id=client.team_id)


def close_client(session: Session, actor: UserAccount, client: Client, address: str | None = None) -> None:
    """The file closed: gone from the workspace at once, deleted for good after the retention period."""
    client.closed_at = utcnow()
    audit.record(session, actor, "client.close", "client", client.id, address=address, team_id=client.team_id)


@dataclass(frozen=True, slots=True)
class RetentionPlan:
    files: int  # closed client files whose time is up: deleted, with everything attached
    referrals: int  # their referrals: kept for the team's outcome figures, without the client or the note


def retention(session: Session, now: datetime, retention_days: int, *, apply: bool) -> RetentionPlan:
    """What the end of retention removes now (`apply` False: only counted). Files closed more than
    `retention_days` ago are deleted with their notes, interactions, plan, assessments and list; their
    referrals lose the client and the note. The audit log keeps that it happened, never who it was."""
    from app.core.models.referrals import Referral  # the referrals sit above the clients

    limit = now - timedelta(days=retention_days)
    expired = list(
        session.scalars(select(Client).where(Client.closed_at.is_not(None), Client.closed_at < limit))
    )
    ids = [client.id for client in expired]
    referrals = list(session.scalars(select(Referral).where(Referral.client_id.in_(ids)))) if ids else []
    if apply and expired:
        for referral in referrals:
            referral.client_id, referral.note = None, None
        for client in expired:
            session.delete(client)
        session.flush()
        audit.record(
            session,
            None,
            "client.purge",
            "client",
            None,
            detail={"files": len(expired), "referrals": len(referrals)},
        )
    return RetentionPlan(len(expired), len(referrals))
