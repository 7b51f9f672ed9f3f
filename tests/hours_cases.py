"""Three weekday services and moments on both sides of both changes of time (2026-03-08 and 2026-11-01), with
which of them is open at each: what the matcher, open-now search and the pages must all answer.

An offset is fixed all year (HSDS): `14:00Z`-`22:00Z` is 09:00-17:00 on the local clock in winter (EST,
UTC−5) and 10:00-18:00 in summer (EDT, UTC−4); `13:00`-`17:00` at `timezone=-5` is 13:00-17:00 in winter and
14:00-18:00 in summer. Local hours follow daylight saving time: `09:00`-`17:00` is that on the clock all year.
Each season has moments where a service is open that the other season's hours call closed, and the reverse,
so whatever day the tests run (and the index is built) some of them fail when one season's hours are used
for both.
"""

from __future__ import annotations

from datetime import datetime

from app.core.hours import ScheduleRule

WEEKDAYS = "MO,TU,WE,TH,FR"
# key: (byday, opens_at, closes_at, timezone)
SERVICES: dict[str, tuple[str, str, str, float | None]] = {
    "utc": (WEEKDAYS, "14:00Z", "22:00Z", None),
    "minus5": (WEEKDAYS, "13:00", "17:00", -5.0),
    "local": (WEEKDAYS, "09:00", "17:00", None),
}

# (moment with its offset, the services open then)
CASES: list[tuple[str, frozenset[str]]] = [
    # Friday before the spring change: EST
    ("2026-03-06T16:30:00-05:00", frozenset({"utc", "minus5", "local"})),
    ("2026-03-06T09:30:00-05:00", frozenset({"utc", "local"})),
    # Monday after the spring change: EDT
    ("2026-03-09T17:30:00-04:00", frozenset({"utc", "minus5"})),
    ("2026-03-09T13:30:00-04:00", frozenset({"utc", "local"})),
    ("2026-03-09T09:30:00-04:00", frozenset({"local"})),
    # July (the case: 21:30Z, 17:30 EDT)
    ("2026-07-15T21:30:00+00:00", frozenset({"utc", "minus5"})),
    # Friday before the autumn change: EDT
    ("2026-10-30T17:30:00-04:00", frozenset({"utc", "minus5"})),
    ("2026-10-30T09:30:00-04:00", frozenset({"local"})),
    # Monday after the autumn change: EST
    ("2026-11-02T17:30:00-05:00", frozenset()),
    ("2026-11-02T13:30:00-05:00", frozenset({"utc", "minus5", "local"})),
    ("2026-11-02T09:30:00-05:00", frozenset({"utc", "local"})),
]


def rule(key: str) -> ScheduleRule:
    byday, opens, closes, timezone = SERVICES[key]
    return ScheduleRule(byday, opens, closes, timezone=timezone)


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def case_id(case: tuple[str, frozenset[str]]) -> str:
    return case[0]
