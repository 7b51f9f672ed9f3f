"""Weekly opening hours: HSDS schedules turned into intervals of the week, and "is it open at T?".

Times are local to America/Toronto (daylight saving time applied) unless the schedule carries an offset
(`09:00-05:00`, `14:00Z`) or a `timezone` number (hours from UTC): an offset is fixed all year, so its hours
fall one hour later on the local clock in summer (EDT, UTC−4) than in winter (EST, UTC−5). A week's hours
are therefore two interval sets, one per season, and the moment asked picks its season. `closes_at` earlier
than `opens_at` crosses midnight; `23:59` means the end of the day; 00:00–23:59 every day is always open. A
week is 0..10080 minutes from Monday 00:00 local time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("America/Toronto")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEK = 7 * 24 * 60
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Interval:
    """[start, end) in minutes of the local week; end may pass WEEK (Sunday night into Monday)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ScheduleRule:
    """What the evaluator needs of one HSDS schedule row."""

    byday: str | None
    opens_at: str | None
    closes_at: str | None
    freq: str | None = "WEEKLY"
    timezone: float | None = None
    valid_from: date | None = None
    valid_to: date | None = None


def _minutes(value: str, closing: bool) -> tuple[int, int | None] | None:
    """Minutes after midnight and the offset in minutes from UTC written with it (None: local time)."""
    match = _TIME.match(value.strip())
    if not match:
        return None
    hours, minutes, _seconds, offset = match.groups()
    total = int(hours) * 60 + int(minutes)
    if closing and total in (23 * 60 + 59, 24 * 60):
        total = 24 * 60  # end of day
    if total > 24 * 60:
        return None
    offset_minutes: int | None = None
    if offset:
        if offset.upper() == "Z":
            offset_minutes = 0
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            offset_minutes = sign * (int(digits[:2]) * 60 + int(digits[2:4]))
    return total, offset_minutes


def _season_offset(month: int) -> int:
    offset = datetime(2026, month, 15, 12, tzinfo=LOCAL).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


# Toronto's offset from UTC in minutes: on standard time (EST) and on daylight saving time (EDT).
STANDARD_OFFSET, DAYLIGHT_OFFSET = _season_offset(1), _season_offset(7)


def on_daylight_time(moment: datetime) -> bool:
    """True when Toronto is on daylight saving time at `moment` (a naive moment is local time)."""
    local = moment.replace(tzinfo=LOCAL) if moment.tzinfo is None else moment.astimezone(LOCAL)
    return bool(local.dst())


def _local_shift(offset_minutes: int | None, daylight: bool) -> int:
    """Minutes to add to a time written with an offset to get local Toronto time in that season (0 for
    local times, which follow the clock whatever the season)."""
    if offset_minutes is None:
        return 0
    return (DAYLIGHT_OFFSET if daylight else STANDARD_OFFSET) - offset_minutes


def weekly_intervals(
    rules: Iterable[ScheduleRule], at: datetime | None = None, *, daylight: bool | None = None
) -> list[Interval]:
    """The week's open intervals of the rules in force on the date of `at` (all rules when None), as the
    local clock reads them in the season of `at` (default now), or on daylight time when `daylight`."""
    reference = at or datetime.now(LOCAL)
    today = reference.astimezone(LOCAL).date()
    in_daylight = on_daylight_time(reference) if daylight is None else daylight
    intervals: list[Interval] = []
    for rule in rules:
        if (rule.freq or "WEEKLY").upper() != "WEEKLY" or not rule.opens_at or not rule.closes_at:
            continue
        if at is not None and (
            (rule.valid_from and today < rule.valid_from) or (rule.valid_to and today > rule.valid_to)
        ):
            continue
        opening, closing = _minutes(rule.opens_at, False), _minutes(rule.closes_at, True)
        if opening is None or closing is None:
            continue
        offset = (
            opening[1]
            if opening[1] is not None
            else (int(rule.timezone * 60) if rule.timezone is not None else None)
        )
        shift = _local_shift(offset, in_daylight)
        start_minute, end_minute = opening[0] + shift, closing[0] + shift
        if end_minute <= start_minute:
            end_minute += 24 * 60  # closes after midnight
        days = [d.strip().upper()[-2:] for d in (rule.byday or ",".join(DAYS)).split(",") if d.strip()]
        for day in days:
            if day in DAYS:
                base = DAYS.index(day) * 24 * 60
                intervals.append(
                    Interval(
                        (base + start_minute) % WEEK,
                        (base + start_minute) % WEEK + (end_minute - start_minute),
                    )
                )
    return merge(intervals)


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """A week's open intervals in both seasons: they differ only when some rule carries an offset."""

    standard: list[Interval]  # while Toronto is on standard time (EST)
    daylight: list[Interval]  # while it is on daylight saving time (EDT)

    def at(self, moment: datetime) -> list[Interval]:
        """The intervals the local clock reads at `moment`."""
        return self.daylight if on_daylight_time(moment) else self.standard

    def always_open(self) -> bool:
        return bool(self.standard) and always_open(self.standard) and always_open(self.daylight)

    def __bool__(self) -> bool:
        return bool(self.standard or self.daylight)


def weekly_hours(rules: Iterable[ScheduleRule]) -> WeeklyHours:
    """Every weekly rule's intervals, in each season (what an index keeps, whatever the day it is built)."""
    listed = list(rules)
    return WeeklyHours(weekly_intervals(listed, daylight=False), weekly_intervals(listed, daylight=True))


def hours_from_lists(
    standard: Sequence[Sequence[int]], daylight: Sequence[Sequence[int]] | None
) -> WeeklyHours:
    """Hours as a search document stores them (`[[start, end], ...]`; no daylight list: the same)."""
    winter = [Interval(start, end) for start, end in standard]
    summer = winter if daylight is None else [Interval(start, end) for start, end in daylight]
    return WeeklyHours(winter, summer)


def merge(intervals: Sequence[Interval]) -> list[Interval]:
    ordered = sorted(intervals, key=lambda i: (i.start, i.end))
    merged: list[Interval] = []
    for interval in ordered:
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return merged


def minute_of_week(moment: datetime) -> int:
    """Minutes since Monday 00:00 local time (a naive moment is taken as local time)."""
    local = moment.replace(tzinfo=LOCAL) if moment.tzinfo is None else moment.astimezone(LOCAL)
    return local.weekday() * 24 * 60 + local.hour * 60 + local.minute


def is_open(intervals: Sequence[Interval], moment: datetime) -> bool:
    minute = minute_of_week(moment)
    return any(i.start <= minute < i.end or i.start <= minute + WEEK < i.end for i in intervals)


def always_open(intervals: Sequence[Interval]) -> bool:
    """Open the whole week (00:00–23:59 every day)."""
    covered = 0
    for interval in merge(intervals):
        covered += min(interval.end, WEEK) - interval.start
        if interval.end > WEEK:
            covered += interval.end - WEEK
    return covered >= WEEK


def local_now() -> datetime:
    """Now, in local time (the pages' clock)."""
    return datetime.now(LOCAL)


def parse_moment(value: str | None, default: datetime | None = None) -> datetime:
    """An ISO 8601 moment; without an offset it is local time. Absent: now."""
    if not value:
        return default or datetime.now(LOCAL)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.replace(tzinfo=LOCAL) if moment.tzinfo is None else moment


def day_hours(intervals: Sequence[Interval], day_index: int) -> list[tuple[str, str]]:
    """The opening hours of one weekday (0 = Monday) as ("09:00", "17:00") pairs, for display."""
    start_of_day, end_of_day = day_index * 1440, (day_index + 1) * 1440
    result = []
    for interval in intervals:
        for shift in (0, WEEK, -WEEK):
            start, end = interval.start + shift, interval.end + shift
            if start < end_of_day and end > start_of_day and start >= start_of_day:
                result.append((_clock(start - start_of_day), _clock(min(end - start_of_day, 10**6))))
    return result


def _clock(minutes: int) -> str:
    minutes_in_day = minutes % 1440 if minutes != 1440 else 1440
    if minutes_in_day == 1440:
        return "24:00"
    return f"{minutes_in_day // 60:02d}:{minutes_in_day % 60:02d}"


__all__ = [
    "DAYLIGHT_OFFSET",
    "DAYS",
    "LOCAL",
    "STANDARD_OFFSET",
    "Interval",
    "ScheduleRule",
    "WeeklyHours",
    "always_open",
    "day_hours",
    "hours_from_lists",
    "is_open",
    "local_now",
    "merge",
    "minute_of_week",
    "on_daylight_time",
    "parse_moment",
    "weekly_hours",
    "weekly_intervals",
]
