"""Business days in Québec: Monday to Friday, less the statutory holidays (the `holidays` package's list for
Québec, as the Act respecting labour standards names them: New Year's Day, Good Friday, National Patriots'
Day, Saint-Jean-Baptiste, Canada Day, Labour Day, Thanksgiving, Christmas). A referral's response target is
counted in these days, from the moment it was sent, in Montréal's time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache


@cache
def _holidays(year: int) -> frozenset[date]:
    import holidays  # on the first count, not in every worker (a few MB)

    return frozenset(holidays.country_holidays("CA", subdiv="QC", years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_business_days(moment: datetime, days: int) -> datetime:
    """The same time of day `days` business days later (a moment on a day off counts from the next one)."""
    day = moment.date()
    added = 0
    while added < days:
        day += timedelta(days=1)
        if is_business_day(day):
            added += 1
    return datetime.combine(day, moment.time(), tzinfo=moment.tzinfo)


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end` (0 when `end` is not later)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_business_day(day)
    return count
