"""The list a client takes away, and the resource sheets of outreach: what each service asks of a person,
read from the directory's HSDS facts, in the person's language (no Flask here; the page renders it).

For each service: its name and organization, what to do next (walk in, call first, by appointment, online),
the hours in words, the address, a phone, the documents to bring, the website. Then the lines that are
always printed last: 911, 211, the directory's crisis lines and its food lines by phone.

What to do next comes from the facts an import linked to the core taxonomy (`features:walk-in`,
`features:appointment-required`, `features:virtual`) and from where the service is given (a virtual
location); when they say nothing, the person is told to call first. The service's own words on how to apply
(`application_process`) are printed beside it, never parsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.display import SPOKEN, address_line, phone_display, phone_link
from app.core.facts import ServiceFacts, location_features, schedule_rules, service_facts
from app.core.hours import (
    DAYS,
    Interval,
    always_open,
    day_hours,
    local_now,
    on_daylight_time,
    weekly_intervals,
)
from app.core.i18n import Localized, day_name, force_locale, localized, text_of
from app.core.i18n import gettext as _
from app.core.models import (
    Attribute,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from app.core.taxonomy import needs_children, term_label
from app.core.text import comparable_text

# What to do next, most certain first.
WALK_IN, APPOINTMENT, CALL_FIRST, ONLINE = "walk-in", "appointment", "call-first", "online"
NEXT_STEPS = (WALK_IN, APPOINTMENT, CALL_FIRST, ONLINE)


@dataclass(frozen=True, slots=True)
class PhoneLine:
    """A number as people read it and as a `tel:` link dials it."""

    shown: str
    dial: str
    extension: str | None = None


@dataclass(slots=True)
class TakeawayEntry:
    service_id: str
    name: Localized
    organization: Localized | None
    next_step: str  # one of NEXT_STEPS
    next_step_text: str  # what to do, in words, in the entry's locale
    how: Localized | None  # the service's own words on how to apply
    hours: list[str]  # one line per group of days, in words; empty when unknown
    hours_known: bool
    always_open: bool
    place_name: Localized | None
    address: str | None
    remote: bool  # given by phone or online (no place to go)
    phone: PhoneLine | None
    documents: list[Localized | str]  # to bring: the service's own words, else the core documents' labels
    website: str | None
    alert: Localized | None  # a notice the service publishes (closed for the holidays...)
    active: bool  # False: not offered at the moment (the page says so)
    distance_km: float | None = None  # set by the caller that knows where the person is
    needs: list[str] = field(default_factory=list)  # core needs codes the service is tagged with


@dataclass(frozen=True, slots=True)
class HelpLine:
    name: str
    phone: PhoneLine
    note: str  # what it is for, in words
    kind: str  # emergency, referral, crisis, food


def takeaway_entries(
    session: Session,
    service_ids_in_order: Sequence[str],
    locale: str,
    *,
    places: Mapping[str, str | None] | None = None,
    now: datetime | None = None,
) -> list[TakeawayEntry]:
    """One entry per service, in the order given (unknown ids are left out). `places` names, per service,
    the service-at-location to print (the one the matcher or the search found nearest); without it, the
    first place in person. Hours are those of the season of `now` (default: now)."""
    ids = list(dict.fromkeys(service_ids_in_order))
    if not ids:
        return []
    moment = now or local_now()
    loaded = {
        service.id: service
        for service in session.scalars(
            select(Service)
            .where(Service.id.in_(ids))
            .options(
                selectinload(Service.organization).selectinload(Organization.phones),
                selectinload(Service.phones),
                selectinload(Service.schedules),
                selectinload(Service.required_documents),
                selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.schedules),
                selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.phones),
                selectinload(Service.service_at_locations)
                .selectinload(ServiceAtLocation.location)
                .selectinload(Location.addresses),
                selectinload(Service.service_at_locations)
                .selectinload(ServiceAtLocation.location)
                .selectinload(Location.phones),
                selectinload(Service.service_at_locations)
                .selectinload(ServiceAtLocation.location)
                .selectinload(Location.schedules),
            )
        )
    }
    facts = service_facts(session, loaded)
    location_ids = [sal.location_id for s in loaded.values() for sal in s.service_at_locations]
    features_at = location_features(session, location_ids)
    with force_locale(locale):
        return [
            _entry(service, facts[service.id], features_at, (places or {}).get(service.id), locale, moment)
            for service_id in ids
            if (service := loaded.get(service_id)) is not None
        ]


def _entry(
    service: Service,
    facts: ServiceFacts,
    features_at: Mapping[str, set[str]],
    sal_id: str | None,
    locale: str,
    now: datetime,
) -> TakeawayEntry:
    sal = _place(service, sal_id)
    location = sal.location if sal is not None else None
    features = facts.features | (features_at.get(location.id, set()) if location is not None else set())
    # A virtual place is remote; a service with no place at all only when its facts say so (otherwise the
    # place is unknown, and the person is told to call, never that it is by phone).
    remote = (location.location_type == "virtual") if location is not None else "virtual" in features
    phone = _phone(service, sal, location)
    website = service.url or (service.organization.website if service.organization else None)
    has_phone, has_website = phone is not None, bool(website)
    step = next_step(
        features, remote=remote, has_place=location is not None, has_phone=has_phone, has_website=has_website
    )
    intervals = weekly_intervals(schedule_rules(service, sal), daylight=on_daylight_time(now))
    documents: list[Localized | str] = [
        d for d in (localized(r.document, locale) for r in service.required_documents) if d
    ]
    if not documents:
        documents = [term_label("documents", code, locale) for code in sorted(facts.documents)]
    return TakeawayEntry(
        service_id=service.id,
        name=localized(service.name, locale) or Localized(service.source_id, locale, True),
        organization=localized(service.organization.name, locale) if service.organization else None,
        next_step=step,
        next_step_text=next_step_text(step, remote=remote, has_phone=has_phone, has_website=has_website),
        how=localized(service.application_process, locale),
        hours=hours_in_words(intervals, locale) if intervals else [],
        hours_known=bool(intervals),
        always_open=bool(intervals) and always_open(intervals),
        place_name=localized(location.name, locale) if location is not None and not remote else None,
        address=None if remote else address_line(location),
        remote=remote,
        phone=phone,
        documents=documents,
        website=website,
        alert=localized(service.alert, locale),
        active=service.status == "active",
        needs=sorted(facts.needs),
    )


def _place(service: Service, sal_id: str | None) -> ServiceAtLocation | None:
    """The place asked for, else the first place in person, else the first place."""
    links = [sal for sal in service.service_at_locations if sal.location is not None]
    chosen = next((sal for sal in links if sal.id == sal_id), None)
    if chosen is not None:
        return chosen
    in_person = [sal for sal in links if sal.location.location_type != "virtual"]
    return (in_person or links or [None])[0]


def _phone(service: Service, sal: ServiceAtLocation | None, location: Location | None) -> PhoneLine | None:
    """The number to call: the service's at this place, its own, the place's, then the organization's own
    (not one of its other services' or places'). Only a line a person can call: a fax or a text line printed
    under "call" would send them nowhere, so the next group's voice line wins over them."""
    here = location.id if location is not None else None
    groups: list[Iterable[Phone]] = [
        sal.phones if sal is not None else [],
        [p for p in service.phones if p.service_at_location_id is None and p.location_id in (None, here)],
        [p for p in location.phones if p.service_id is None] if location is not None else [],
        [
            p
            for p in (service.organization.phones if service.organization else [])
            if p.service_id is None and p.service_at_location_id is None and p.location_id in (None, here)
        ],
    ]
    for group in groups:
        spoken = [p for p in group if _callable(p)]
        if spoken:
            return _line(spoken[0].number, spoken[0].extension)
    return None


def _callable(phone: Phone) -> bool:
    return (phone.type or "voice") in SPOKEN and phone.type != "text"


def _line(number: str, extension: float | None = None) -> PhoneLine:
    ext = None if extension is None else str(int(extension))
    return PhoneLine(phone_display(number), phone_link(number), ext)


def next_step(
    features: set[str], *, remote: bool, has_phone: bool, has_website: bool, has_place: bool = True
) -> str:
    """What the person does first, from the service's facts: an appointment asked for wins over a walk-in
    (a service tagged both takes people on appointment, and some without); walking in needs a place to walk
    to; a service given only by phone or online is called when it has a number, else reached online;
    nothing known: call first."""
    if "appointment-required" in features:
        return APPOINTMENT
    if "walk-in" in features and not remote and has_place:
        return WALK_IN
    if remote and not has_phone and has_website:
        return ONLINE
    if not has_phone and has_website and "virtual" in features:
        return ONLINE
    return CALL_FIRST


def next_step_text(step: str, *, remote: bool, has_phone: bool, has_website: bool = False) -> str:
    """The next step in words, in the locale of the moment (the caller forces the person's). Never points
    to a number or a website the entry does not have."""
    if step == WALK_IN:
        return _("Walk in during opening hours: no appointment needed.")
    if step == APPOINTMENT:
        if has_phone:
            return _("By appointment: call to book one.")
        if has_website:
            return _("By appointment: book one through the website.")
        return _("By appointment: contact them to book one.")
    if step == ONLINE:
        return _("Online: start on the website.")
    if remote and has_phone:
        return _("By phone: call the number below.")
    if has_phone:
        return _("Call first to check that they can help you.")
    return _("Check with them first that they can help you.")


# --- hours in words ---------------------------------------------------------------------------------------


def clock_in_words(clock: str, locale: str) -> str:
    """ "09:30" as people write it: "9 h 30" in French, "9:30 a.m." in English; noon, midnight."""
    hours, minutes = (int(part) for part in clock.split(":"))
    if hours in (0, 24) and minutes == 0:
        return "minuit" if locale == "fr" else "midnight"
    if locale == "fr":
        return f"{hours} h" if minutes == 0 else f"{hours} h {minutes:02d}"
    if hours == 12 and minutes == 0:
        return "noon"
    suffix = "a.m." if hours < 12 else "p.m."
    twelve = hours % 12 or 12
    return f"{twelve} {suffix}" if minutes == 0 else f"{twelve}:{minutes:02d} {suffix}"


def _days_in_words(indexes: list[int], locale: str) -> str:
    """Days of the week as one phrase: consecutive runs of three or more as a range."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts: list[str] = []
    for run in runs:
        first, last = day_name(DAYS[run[0]], locale), day_name(DAYS[run[-1]], locale)
        if len(run) >= 3:
            parts.append(f"du {first} au {last}" if locale == "fr" else f"{first} to {last}")
        else:
            parts.extend(day_name(DAYS[i], locale) for i in run)
    joined = _and_list(parts, locale)
    return joined[:1].upper() + joined[1:]


def _and_list(parts: list[str], locale: str) -> str:
    word = " et " if locale == "fr" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


def hours_in_words(intervals: Sequence[Interval], locale: str) -> list[str]:
    """The week as lines of words ("Du lundi au vendredi : 9 h à 12 h et 13 h à 16 h"), the days with the same
    hours together, Monday first; one line for a service always open."""
    spans = list(intervals)
    if spans and always_open(spans):
        return [
            "Ouvert 24 heures sur 24, 7 jours sur 7"
            if locale == "fr"
            else "Open 24 hours a day, 7 days a week"
        ]
    by_hours: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for index in range(len(DAYS)):
        slots = tuple(day_hours(spans, index))
        if slots:
            by_hours.setdefault(slots, []).append(index)
    to = " à " if locale == "fr" else " to "
    colon = " : " if locale == "fr" else ": "
    lines = []
    for slots, days in by_hours.items():
        times = _and_list(
            [clock_in_words(a, locale) + to + clock_in_words(b, locale) for a, b in slots], locale
        )
        lines.append(_days_in_words(days, locale) + colon + times)
    return lines


# --- the lines printed last -------------------------------------------------------------------------------

FOOD_FAMILY = "food"


def help_lines(
    session: Session, locale: str, *, crisis_limit: int = 4, food_limit: int = 2
) -> list[HelpLine]:
    """911, 211, then the directory's crisis lines (services tagged `needs:crisis-line`) and its food lines
    (food services given by phone), one number per name, in the person's language. Always printed last."""
    with force_locale(locale):
        lines = [
            HelpLine("911", _line("911"), _("Emergencies: police, ambulance, fire."), "emergency"),
            HelpLine(
                "211",
                _line("211"),
                _("Information and referral every day: food, housing and any other need."),
                "referral",
            ),
        ]
        for name, phone in _tagged_lines(session, ["crisis-line"], locale, crisis_limit, remote_only=False):
            lines.append(HelpLine(name, phone, _("Crisis and help line."), "crisis"))
        food = [FOOD_FAMILY, *needs_children(FOOD_FAMILY)]
        for name, phone in _tagged_lines(session, food, locale, food_limit, remote_only=True):
            lines.append(HelpLine(name, phone, _("Food help by phone."), "food"))
    # A number printed once: the directory's own "211" listing, or a line tagged both crisis and food.
    printed: dict[str, HelpLine] = {}
    for line in lines:
        printed.setdefault(line.phone.dial, line)
    return list(printed.values())


def _tagged_lines(
    session: Session, codes: list[str], locale: str, limit: int, *, remote_only: bool
) -> list[tuple[str, PhoneLine]]:
    """(name, phone) of active services tagged with any of these needs, one per name (the first number, by
    service id), by name; with `remote_only`, only those given by phone (a virtual place, or the feature)."""
    tagged = set(
        session.scalars(
            select(Attribute.link_id)
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(
                Attribute.link_entity == "service",
                TaxonomyTerm.core_key.in_([f"needs:{code}" for code in codes]),
            )
        )
    )
    if not tagged:
        return []
    services = session.scalars(
        select(Service)
        .where(Service.id.in_(sorted(tagged)), Service.status == "active")
        .options(
            selectinload(Service.phones),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
        )
        .order_by(Service.id)
    ).all()
    virtual = service_facts(session, [s.id for s in services]) if remote_only else {}
    found: dict[str, PhoneLine] = {}
    for service in services:
        spoken = [p for p in service.phones if _callable(p)]
        if not spoken:
            continue
        if remote_only and not (
            "virtual" in virtual[service.id].features
            or any(
                sal.location and sal.location.location_type == "virtual"
                for sal in service.service_at_locations
            )
        ):
            continue
        name = text_of(service.name, locale, service.source_id)
        found.setdefault(name, _line(spoken[0].number, spoken[0].extension))
    return sorted(found.items(), key=lambda item: comparable_text(item[0]))[:limit]
