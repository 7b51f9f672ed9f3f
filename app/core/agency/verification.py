"""Verification: an agency says a section of its listings (hours, eligibility, contacts) is still accurate, in
one click; the directory reminds it when a cycle runs out, tells staff when it does not answer, and every page
says how fresh a listing is.

**The cycle.** An organization's cycle counts from its last complete verification: the oldest of the latest
confirmations of its three sections (a published agency change to a section counts as its confirmation,
`proposals._verify_sections`); a section never confirmed counts from when the organization's claim was first
approved, else from when the organization was created. A cycle lasts the organization's `cycle_months`
(`OrganizationStanding`, set by staff) or the directory's default (`CARREFOUR_VERIFICATION_MONTHS`, 12).

**Upkeep notices** (`carrefour notify`, each once per organization, kind and cycle: `UpkeepNotice`): a
reminder a month before the cycle ends (at 11 months of 12), a second when it ends (12), and an escalation to
the directory's staff a month after (13), which marks the organization `unresponsive` and flags its services
for caseworkers. Each step waits at least a month after the one before it, so an organization found long
overdue (the first run) is still reminded twice before staff hear of it. Only organizations with agency
members (someone to remind) are followed. Confirming a section clears `unresponsive`; confirming the oldest
one restarts the cycle, and the e-mailed links of the old cycle stop working.

**Freshness** of a service: its HSDS `assured_date` when set (by a confirmation here, or as imported), else
its organization's last verification, else the day an import last updated it; with who said so. Nothing
here commits.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.accounts.links import LinkError, check_state, fingerprint, make_token, read_token
from app.core.changes import record_changes
from app.core.hours import LOCAL
from app.core.i18n import gettext as _
from app.core.i18n import ngettext
from app.core.models import Organization, Service
from app.core.models.accounts import ADMIN, AGENCY, Membership, UserAccount
from app.core.models.agency import (
    CLAIM_APPROVED,
    SECTIONS,
    OrganizationClaim,
    OrganizationStanding,
    UpkeepNotice,
    Verification,
)
from app.core.orm import utcnow

DEFAULT_CYCLE_MONTHS = 12
CYCLE_MONTHS_RANGE = (3, 60)  # what staff and the setting may choose
FIRST_REMINDER, SECOND_REMINDER, ESCALATION = "reminder-1", "reminder-2", "escalation"
KINDS = (FIRST_REMINDER, SECOND_REMINDER, ESCALATION)
LINK_PURPOSE = "verification"
LINK_DAYS = 120  # a reminder's link works this long, and only while its cycle is the current one
BATCH = 500

# Who said a listing is accurate: the agency, Carrefour staff, the source it was imported from (its own
# assured_date), or no one (only the import's date).
BY_AGENCY, BY_STAFF, BY_SOURCE, IMPORTED = "agency", "staff", "source", "import"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day: 31 January + 1 = 28 or 29
    February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def local_day(moment: datetime) -> date:
    """The Montréal calendar day of a stored (naive UTC) timestamp."""
    return moment.replace(tzinfo=UTC).astimezone(LOCAL).date()


def _batches(ids: Iterable[str]) -> Iterable[list[str]]:
    items = list(dict.fromkeys(ids))
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


# --- the state of an organization --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionState:
    section: str
    verified_at: datetime | None  # naive UTC; None: never confirmed
    verified_by: str | None  # the person's name or e-mail, None when unknown
    by_staff: bool = False

    @property
    def verified_on(self) -> date | None:
        return local_day(self.verified_at) if self.verified_at else None


@dataclass(frozen=True, slots=True)
class VerificationState:
    organization_id: str
    sections: tuple[SectionState, ...]
    cycle_start: date
    cycle_months: int
    today: date
    trusted: bool = False
    unresponsive: bool = False
    custom_cycle: bool = False  # staff set this organization's cycle

    @property
    def due_on(self) -> date:
        return add_months(self.cycle_start, self.cycle_months)

    @property
    def overdue(self) -> bool:
        return self.today > self.due_on

    @property
    def due_soon(self) -> bool:
        """Within the month before the due date (when the first reminder goes)."""
        return not self.overdue and self.today >= add_months(self.cycle_start, self.cycle_months - 1)

    @property
    def cycle(self) -> str:
        """The key of the cycle (its start): upkeep notices and links belong to one."""
        return self.cycle_start.isoformat()

    def section(self, name: str) -> SectionState:
        return next(s for s in self.sections if s.section == name)


def _start_days(session: Session, organization_ids: list[str]) -> dict[str, date]:
    """When each organization came under the directory's care: its first approved claim, else its creation."""
    found = {
        oid: local_day(created)
        for oid, created in session.execute(
            select(Organization.id, Organization.created_at).where(Organization.id.in_(organization_ids))
        ).all()
    }
    for oid, decided in session.execute(
        select(OrganizationClaim.organization_id, OrganizationClaim.decided_at)
        .where(
            OrganizationClaim.organization_id.in_(organization_ids),
            OrganizationClaim.status == CLAIM_APPROVED,
            OrganizationClaim.decided_at.is_not(None),
        )
        .order_by(OrganizationClaim.decided_at.desc())
    ).all():
        found[oid] = local_day(decided)  # the earliest comes last and stays
    return found


def _people(session: Session, user_ids: Iterable[int]) -> dict[int, UserAccount]:
    ids = sorted({uid for uid in user_ids if uid is not None})
    if not ids:
        return {}
    return {
        user.id: user
        for user in session.scalars(
            select(UserAccount).where(UserAccount.id.in_(ids)).options(selectinload(UserAccount.memberships))
        )
    }


def _is_staff_for(user: UserAccount | None, organization_id: str) -> bool:
    """Staff, not the agency: an administrator who is no agency member of this organization."""
    if user is None:
        return False
    keeps = any(m.role == AGENCY and m.organization_id == organization_id for m in user.memberships)
    return not keeps and any(m.role == ADMIN for m in user.memberships)


def _who(user: UserAccount | None) -> str | None:
    return (user.display_name or user.email) if user is not None else None


def verification_states(
    session: Session, organization_ids: Iterable[str], today: date, default_months: int = DEFAULT_CYCLE_MONTHS
) -> dict[str, VerificationState]:
    """The state of each organization (those that exist), in a few queries per batch of 500."""
    states: dict[str, VerificationState] = {}
    for batch in _batches(organization_ids):
        starts = _start_days(session, batch)
        latest: dict[tuple[str, str], Verification] = {}
        for row in session.scalars(
            select(Verification)
            .where(Verification.organization_id.in_(batch))
            .order_by(Verification.verified_at, Verification.id)
        ):
            latest[(row.organization_id, row.section)] = row
        people = _people(session, (row.verified_by for row in latest.values() if row.verified_by))
        standings = {
            s.organization_id: s
            for s in session.scalars(
                select(OrganizationStanding).where(OrganizationStanding.organization_id.in_(batch))
            )
        }
        for oid in batch:
            if oid not in starts:
                continue
            sections = []
            for name in SECTIONS:
                row = latest.get((oid, name))
                user = people.get(row.verified_by) if row is not None and row.verified_by else None
                sections.append(
                    SectionState(
                        name,
                        row.verified_at if row else None,
                        _who(user),
                        _is_staff_for(user, oid),
                    )
                )
            begin = min(s.verified_on or starts[oid] for s in sections)
            standing = standings.get(oid)
            months = standing.cycle_months if standing and standing.cycle_months else default_months
            states[oid] = VerificationState(
                organization_id=oid,
                sections=tuple(sections),
                cycle_start=begin,
                cycle_months=months,
                today=today,
                trusted=bool(standing and standing.trusted),
                unresponsive=bool(standing and standing.unresponsive),
                custom_cycle=bool(standing and standing.cycle_months),
            )
    return states


def verification_state(
    session: Session, organization_id: str, today: date, default_months: int = DEFAULT_CYCLE_MONTHS
) -> VerificationState | None:
    return verification_states(session, [organization_id], today, default_months).get(organization_id)


# --- confirming ---------------------------------------------------------------------------------------


class VerificationError(ValueError):
    """`code`: unknown_section, unknown_organization, bad_cycle."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _standing(session: Session, organization_id: str) -> OrganizationStanding:
    standing = session.get(OrganizationStanding, organization_id)
    if standing is None:
        standing = OrganizationStanding(
            organization_id=organization_id, trusted=False, cycle_months=None, unresponsive=False
        )
        session.add(standing)
    return standing


def confirm_section(
    session: Session, organization_id: str, section: str, user: UserAccount | None, today: date
) -> Verification:
    """The organization says `section` is still accurate: a Verification row, and on each of its services
    `assured_date` today and `assurer_email` the person's; it is no longer unresponsive. The services'
    search documents follow (a change-log row each)."""
    if section not in SECTIONS:
        raise VerificationError("unknown_section")
    if session.get(Organization, organization_id) is None:
        raise VerificationError("unknown_organization")
    row = Verification(
        organization_id=organization_id,
        section=section,
        verified_at=utcnow(),
        verified_by=user.id if user else None,
    )
    session.add(row)
    services = list(session.scalars(select(Service).where(Service.organization_id == organization_id)))
    for service in services:
        service.assured_date = today
        if user is not None:
            service.assurer_email = user.email
    standing = session.get(OrganizationStanding, organization_id)
    if standing is not None and standing.unresponsive:
        standing.unresponsive = False
        standing.unresponsive_since = None
    session.flush()
    record_changes(session, [s.id for s in services], f"verification:{organization_id}")
    return row


def set_standing(
    session: Session, organization_id: str, *, trusted: bool, cycle_months: int | None
) -> OrganizationStanding:
    """Staff's choices for an organization: trusted (publishes without review) and its cycle (None: the
    directory's default)."""
    if session.get(Organization, organization_id) is None:
        raise VerificationError("unknown_organization")
    low, high = CYCLE_MONTHS_RANGE
    if cycle_months is not None and not low <= cycle_months <= high:
        raise VerificationError("bad_cycle")
    standing = _standing(session, organization_id)
    standing.trusted = trusted
    standing.cycle_months = cycle_months
    session.flush()
    return standing


# --- the signed link of a reminder --------------------------------------------------------------------


def _state_key(organization_id: str, cycle: str) -> str:
    return fingerprint("verification", organization_id, cycle)


def link_token(secret: str, organization_id: str, user_id: int, cycle: str) -> str:
    """The token of a reminder's link: for one organization and person, while the cycle is `cycle`."""
    return make_token(
        secret, LINK_PURPOSE, {"o": organization_id, "u": user_id}, _state_key(organization_id, cycle)
    )


def open_link(
    session: Session, secret: str, token: str, today: date, default_months: int = DEFAULT_CYCLE_MONTHS
) -> tuple[VerificationState, UserAccount]:
    """The organization's state and the person a link was sent to, if the link is genuine, fresh and of the
    current cycle, and the person still keeps the organization's listings. LinkError("expired", "invalid" or
    "used": the cycle restarted since) otherwise."""
    payload = read_token(secret, LINK_PURPOSE, token, LINK_DAYS * 86400)
    organization_id, user_id = payload.get("o"), payload.get("u")
    if not isinstance(organization_id, str) or not isinstance(user_id, int):
        raise LinkError("invalid")
    state = verification_state(session, organization_id, today, default_months)
    user = session.get(UserAccount, user_id)
    if state is None or user is None or not user.active:
        raise LinkError("invalid")
    if not any(m.role == AGENCY and m.organization_id == organization_id for m in user.memberships):
        raise LinkError("invalid")
    check_state(payload, _state_key(organization_id, state.cycle))
    return state, user


# --- what `carrefour notify` sends ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpkeepDue:
    organization_id: str
    kind: str  # FIRST_REMINDER, SECOND_REMINDER or ESCALATION
    state: VerificationState
    recipients: tuple[UserAccount, ...]  # the agency's members, or the directory's admins for an escalation


@dataclass(frozen=True, slots=True)
class UpkeepReport:
    reminders: int
    escalations: int
    failed: int


def _members(session: Session) -> dict[str, list[UserAccount]]:
    found: dict[str, list[UserAccount]] = defaultdict(list)
    for membership, user in session.execute(
        select(Membership, UserAccount)
        .join(UserAccount, UserAccount.id == Membership.user_id)
        .where(
            Membership.role == AGENCY, Membership.organization_id.is_not(None), UserAccount.active.is_(True)
        )
        .order_by(UserAccount.id)
    ).all():
        found[str(membership.organization_id)].append(user)
    return found


def _admins(session: Session) -> list[UserAccount]:
    return list(
        session.scalars(
            select(UserAccount)
            .join(Membership, Membership.user_id == UserAccount.id)
            .where(Membership.role == ADMIN, UserAccount.active.is_(True))
            .order_by(UserAccount.id)
        ).unique()
    )


def next_step(state: VerificationState, sent: dict[str, datetime]) -> str | None:
    """The kind due now for this state, given what was sent in its cycle ({kind: sent_at}); None when none.
    Each step comes at its own date (a month before the due date, the due date, a month after), and at least
    a month after the step before it was sent."""
    dates = {
        FIRST_REMINDER: add_months(state.cycle_start, state.cycle_months - 1),
        SECOND_REMINDER: state.due_on,
        ESCALATION: add_months(state.cycle_start, state.cycle_months + 1),
    }
    previous: datetime | None = None
    for kind in KINDS:
        if kind in sent:
            previous = sent[kind]
            continue
        day = dates[kind]
        if previous is not None:
            day = max(day, add_months(local_day(previous), 1))
        return kind if state.today >= day else None
    return None


def due_upkeep(session: Session, today: date, default_months: int = DEFAULT_CYCLE_MONTHS) -> list[UpkeepDue]:
    """The reminders and escalations due today, one step per organization at most."""
    members = _members(session)
    states = verification_states(session, members, today, default_months)
    sent: dict[tuple[str, str], dict[str, datetime]] = defaultdict(dict)
    for batch in _batches(states):
        for notice in session.scalars(select(UpkeepNotice).where(UpkeepNotice.organization_id.in_(batch))):
            sent[(notice.organization_id, notice.cycle)][notice.kind] = notice.sent_at
    admins: list[UserAccount] | None = None
    found = []
    for oid in sorted(states):
        state = states[oid]
        kind = next_step(state, sent[(oid, state.cycle)])
        if kind is None:
            continue
        if kind == ESCALATION:
            admins = _admins(session) if admins is None else admins
            recipients = tuple(admins)
        else:
            recipients = tuple(members[oid])
        found.append(UpkeepDue(oid, kind, state, recipients))
    return found


def run_upkeep(
    session: Session,
    today: date,
    send: Callable[[UpkeepDue], bool],
    after_each: Callable[[], None] = lambda: None,
    default_months: int = DEFAULT_CYCLE_MONTHS,
) -> UpkeepReport:
    """Send what is due (`send` returns True when the SMTP server took the message for at least one
    recipient); a step is recorded once sent, so it never goes twice, and is tried again at the next run when
    it could not go. An escalation marks the organization unresponsive at once. `after_each` (the caller's
    commit) runs after every step."""
    reminders = escalations = failed = 0
    for due in due_upkeep(session, today, default_months):
        if due.kind == ESCALATION:
            standing = _standing(session, due.organization_id)
            if not standing.unresponsive:
                standing.unresponsive = True
                standing.unresponsive_since = utcnow()
        delivered = not due.recipients or send(due)
        if delivered:
            session.add(
                UpkeepNotice(
                    organization_id=due.organization_id,
                    kind=due.kind,
                    cycle=due.state.cycle,
                    sent_at=utcnow(),
                )
            )
            if due.kind == ESCALATION:
                escalations += 1
            else:
                reminders += 1
        else:
            failed += 1
        session.flush()
        after_each()
    return UpkeepReport(reminders, escalations, failed)


def unresponsive_organizations(session: Session, organization_ids: Iterable[str] | None = None) -> set[str]:
    statement = select(OrganizationStanding.organization_id).where(
        OrganizationStanding.unresponsive.is_(True)
    )
    if organization_ids is None:
        return set(session.scalars(statement))
    found: set[str] = set()
    for batch in _batches(organization_ids):
        found.update(session.scalars(statement.where(OrganizationStanding.organization_id.in_(batch))))
    return found


def unresponsive_services(session: Session, service_ids: Iterable[str]) -> set[str]:
    """Those of `service_ids` whose organization stopped answering its verification reminders."""
    owners: dict[str, str] = {}
    for batch in _batches(service_ids):
        owners.update(
            session.execute(select(Service.id, Service.organization_id).where(Service.id.in_(batch))).all()
        )
    flagged = unresponsive_organizations(session, set(owners.values()))
    return {sid for sid, oid in owners.items() if oid in flagged}


# --- freshness ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Freshness:
    """How fresh a listing is: since when (`on`), and by whom (`by`: BY_AGENCY, BY_STAFF, BY_SOURCE, or
    IMPORTED when no one verified it), with the source it came from."""

    on: date
    by: str
    source: str

    @property
    def verified(self) -> bool:
        return self.by != IMPORTED

    def age_days(self, today: date) -> int:
        return max((today - self.on).days, 0)


def freshness(session: Session, service_ids: Iterable[str]) -> dict[str, Freshness]:
    """The freshness of each service (those that exist), a few queries per batch of 500: its assured date
    (by the person whose e-mail it carries, else by its source), else its organization's last
    verification, else its last update by an import."""
    found: dict[str, Freshness] = {}
    for batch in _batches(service_ids):
        rows = session.execute(
            select(
                Service.id,
                Service.organization_id,
                Service.assured_date,
                Service.assurer_email,
                Service.data_source,
                Service.updated_at,
            ).where(Service.id.in_(batch))
        ).all()
        organizations = sorted({row[1] for row in rows})
        last: dict[str, Verification] = {}
        for verification in session.scalars(
            select(Verification)
            .where(Verification.organization_id.in_(organizations))
            .order_by(Verification.verified_at, Verification.id)
        ):
            last[verification.organization_id] = verification
        emails = sorted({(row[3] or "").strip().lower() for row in rows if row[3]})
        by_email = (
            {
                user.email: user
                for user in session.scalars(
                    select(UserAccount)
                    .where(UserAccount.email.in_(emails))
                    .options(selectinload(UserAccount.memberships))
                )
            }
            if emails
            else {}
        )
        people = _people(session, (v.verified_by for v in last.values() if v.verified_by))
        for sid, oid, assured, assurer, source, updated in rows:
            if assured is not None:
                user = by_email.get((assurer or "").strip().lower())
                by = BY_SOURCE if user is None else (BY_STAFF if _is_staff_for(user, oid) else BY_AGENCY)
                found[sid] = Freshness(assured, by, source)
            elif oid in last:
                verification = last[oid]
                user = people.get(verification.verified_by) if verification.verified_by else None
                by = BY_STAFF if _is_staff_for(user, oid) else BY_AGENCY
                found[sid] = Freshness(local_day(verification.verified_at), by, source)
            else:
                found[sid] = Freshness(local_day(updated), IMPORTED, source)
    return found


@dataclass(frozen=True, slots=True)
class Ago:
    """ "3 months ago", in the locale of the moment it is shown."""

    days: int

    def __str__(self) -> str:
        days = self.days
        if days <= 0:
            return _("today")
        if days == 1:
            return _("yesterday")
        if days < 31:
            return ngettext("%(num)d day ago", "%(num)d days ago", days)
        if days < 365:
            months = max(days // 30, 1)
            return ngettext("%(num)d month ago", "%(num)d months ago", months)
        years = days // 365
        return ngettext("%(num)d year ago", "%(num)d years ago", years)


def freshness_text(fresh: Freshness, today: date) -> str:
    """ "Verified 3 months ago by the agency", in the current locale."""
    ago = Ago(fresh.age_days(today))
    if fresh.by == BY_AGENCY:
        return _("Verified %(ago)s by the agency", ago=str(ago))
    if fresh.by == BY_STAFF:
        return _("Verified %(ago)s by Carrefour staff", ago=str(ago))
    if fresh.by == BY_SOURCE:
        return _(
            "Verified on %(date)s according to %(source)s", date=fresh.on.isoformat(), source=fresh.source
        )
    return _("Imported from %(source)s on %(date)s", source=fresh.source, date=fresh.on.isoformat())


def organization_services(session: Session, organization_id: str) -> Sequence[Service]:
    return session.scalars(
        select(Service).where(Service.organization_id == organization_id).order_by(Service.id)
    ).all()
