"""Temporary notices on services ("closed for the holidays until 3 January"): added across several services of
an organization at once, shown from their start to their end date and gone by themselves after it (reads
filter by date: nothing to clean up). A notice marked `closed` is a temporary closure: search still finds the
service and shows the closure, the matcher does not suggest it until the closure ends (it lists it among
`not_suggested`, rule `closed`).

Dates are local (Montréal) calendar days; `ends_on` is the last day a notice shows. Nothing here commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import Service
from app.core.models.accounts import UserAccount
from app.core.models.agency import TemporaryNotice

MESSAGE_LENGTH = 300  # characters per language
LONGEST_DAYS = 366  # a notice is temporary: a year at most
BATCH = 500


class NoticeError(Exception):
    """A notice that cannot be added: `errors` lists (field, code) pairs (messages live with the callers).

    Codes: `no_services` (none chosen), `unknown_service` or `other_organization` (a chosen service that is
    not the organization's), `message_needed` (no text in either language), `message_too_long`,
    `dates_needed`, `ends_before_start`, `ends_in_past`, `too_long` (more than LONGEST_DAYS)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(code for _, code in errors))
        self.errors = errors

    @property
    def codes(self) -> set[str]:
        return {code for _, code in self.errors}


@dataclass(frozen=True, slots=True)
class Shown:
    """A notice as pages show it: its text in both languages, whether it closes the service, until when."""

    id: int
    service_id: str
    message: dict[str, str]
    closed: bool
    starts_on: date
    ends_on: date


def _shown(notice: TemporaryNotice) -> Shown:
    return Shown(
        notice.id,
        notice.service_id,
        dict(notice.message or {}),
        notice.closed,
        notice.starts_on,
        notice.ends_on,
    )


def check_notice(
    session: Session,
    organization_id: str,
    service_ids: Collection[str],
    message: dict[str, str],
    starts_on: date | None,
    ends_on: date | None,
    today: date,
) -> list[tuple[str, str]]:
    """Every problem of a notice, as (field, code) pairs; an empty list when it can be added."""
    errors: list[tuple[str, str]] = []
    ids = list(dict.fromkeys(service_ids))
    if not ids:
        errors.append(("services", "no_services"))
    else:
        owners = dict(
            session.execute(select(Service.id, Service.organization_id).where(Service.id.in_(ids))).all()
        )
        if any(sid not in owners for sid in ids):
            errors.append(("services", "unknown_service"))
        elif any(owners[sid] != organization_id for sid in ids):
            errors.append(("services", "other_organization"))
    texts = {locale: (message.get(locale) or "").strip() for locale in ("fr", "en")}
    if not any(texts.values()):
        errors.append(("message", "message_needed"))
    elif any(len(text) > MESSAGE_LENGTH for text in texts.values()):
        errors.append(("message", "message_too_long"))
    if starts_on is None or ends_on is None:
        errors.append(("ends_on" if starts_on else "starts_on", "dates_needed"))
    elif ends_on < starts_on:
        errors.append(("ends_on", "ends_before_start"))
    elif ends_on < today:
        errors.append(("ends_on", "ends_in_past"))
    elif (ends_on - starts_on).days > LONGEST_DAYS:
        errors.append(("ends_on", "too_long"))
    return errors


def add_notices(
    session: Session,
    organization_id: str,
    service_ids: Collection[str],
    *,
    message: dict[str, str],
    closed: bool,
    starts_on: date | None,
    ends_on: date | None,
    author: UserAccount | None,
    today: date,
) -> list[TemporaryNotice]:
    """One notice on each of `service_ids` (all of `organization_id`), in one go: NoticeError with every
    problem otherwise, and nothing added."""
    errors = check_notice(session, organization_id, service_ids, message, starts_on, ends_on, today)
    if errors:
        raise NoticeError(errors)
    assert starts_on is not None and ends_on is not None
    texts = {
        locale: text.strip() for locale, text in message.items() if locale in ("fr", "en") and text.strip()
    }
    notices = [
        TemporaryNotice(
            organization_id=organization_id,
            service_id=service_id,
            message=texts,
            closed=closed,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=author.id if author else None,
        )
        for service_id in dict.fromkeys(service_ids)
    ]
    session.add_all(notices)
    session.flush()
    return notices


def _batches(ids: Iterable[str]) -> Iterable[list[str]]:
    items = list(dict.fromkeys(ids))
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def active_notices(session: Session, service_ids: Iterable[str], on: date) -> dict[str, list[Shown]]:
    """The notices showing on `on` for each of `service_ids` (closures first, then by end date)."""
    found: dict[str, list[Shown]] = defaultdict(list)
    for batch in _batches(service_ids):
        for notice in session.scalars(
            select(TemporaryNotice)
            .where(
                TemporaryNotice.service_id.in_(batch),
                TemporaryNotice.starts_on <= on,
                TemporaryNotice.ends_on >= on,
            )
            .order_by(TemporaryNotice.closed.desc(), TemporaryNotice.ends_on, TemporaryNotice.id)
        ):
            found[notice.service_id].append(_shown(notice))
    return dict(found)


def closures(session: Session, service_ids: Iterable[str], on: date) -> dict[str, Shown]:
    """The closure in force on `on` for each closed one of `service_ids` (the one that ends last)."""
    found: dict[str, Shown] = {}
    closed = closed_service_ids(session, on)  # the few closed that day, in one query (the matcher asks often)
    wanted = [sid for sid in service_ids if sid in closed]
    if not wanted:
        return found
    for sid, notices in active_notices(session, wanted, on).items():
        closing = [n for n in notices if n.closed]
        if closing:
            found[sid] = max(closing, key=lambda n: (n.ends_on, n.id))
    return found


def closed_service_ids(session: Session, on: date, service_ids: Iterable[str] | None = None) -> set[str]:
    """The services (of `service_ids`, or all) temporarily closed on `on`."""
    statement = select(TemporaryNotice.service_id).where(
        TemporaryNotice.closed.is_(True), TemporaryNotice.starts_on <= on, TemporaryNotice.ends_on >= on
    )
    if service_ids is None:
        return set(session.scalars(statement))
    found: set[str] = set()
    for batch in _batches(service_ids):
        found.update(session.scalars(statement.where(TemporaryNotice.service_id.in_(batch))))
    return found


def end_notice(session: Session, notice: TemporaryNotice, today: date) -> None:
    """End a notice early: it no longer shows from `today` on (a notice not yet started never shows)."""
    yesterday = today - timedelta(days=1)
    if notice.ends_on >= today:
        notice.ends_on = yesterday
    if notice.starts_on > notice.ends_on:
        notice.starts_on = notice.ends_on
    session.flush()


def organization_notices(
    session: Session, organization_id: str, today: date, past_limit: int = 50
) -> tuple[list[TemporaryNotice], list[TemporaryNotice]]:
    """An organization's notices: current and upcoming (by start date), and past ones (the latest first)."""
    rows = list(
        session.scalars(
            select(TemporaryNotice)
            .where(TemporaryNotice.organization_id == organization_id)
            .order_by(TemporaryNotice.starts_on, TemporaryNotice.id)
        )
    )
    current = [n for n in rows if n.ends_on >= today]
    past = sorted((n for n in rows if n.ends_on < today), key=lambda n: (n.ends_on, n.id), reverse=True)
    return current, past[:past_limit]
