"""Opening hours as the contract reads them: local time, offsets, midnight crossings, always open."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.core.hours import (
    LOCAL,
    ScheduleRule,
    always_open,
    day_hours,
    is_open,
    weekly_hours,
    weekly_intervals,
)
from tests.hours_cases import CASES, SERVICES, case_id, moment, rule

WEEKDAYS = "MO,TU,WE,TH,FR"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL)


@pytest.mark.parametrize(
    ("rule", "moment", "expected"),
    [
        (ScheduleRule(WEEKDAYS, "09:00", "17:00"), "2026-11-23T10:00", True),  # Monday
        (ScheduleRule(WEEKDAYS, "09:00", "17:00"), "2026-11-23T17:00", False),  # closes at 17:00
        (ScheduleRule(WEEKDAYS, "09:00:00", "17:00:00"), "2026-11-23T08:59", False),
        (ScheduleRule(WEEKDAYS, "09:00", "17:00"), "2026-11-22T10:00", False),  # Sunday
        (ScheduleRule("SA", "19:00", "08:00"), "2026-11-22T07:30", True),  # Saturday night into Sunday
        (ScheduleRule("SU", "19:00", "08:00"), "2026-11-23T07:59", True),  # Sunday night into Monday
        (ScheduleRule("SU", "19:00", "08:00"), "2026-11-23T08:00", False),
        (ScheduleRule(None, "10:00", "12:00"), "2026-11-25T11:00", True),  # no byday: every day
        (ScheduleRule(WEEKDAYS, "14:00Z", "22:00Z"), "2026-11-23T09:30", True),  # 14:00 UTC = 09:00 EST
        (ScheduleRule(WEEKDAYS, "14:00Z", "22:00Z"), "2026-11-23T08:30", False),
        (ScheduleRule(WEEKDAYS, "09:00-05:00", "17:00-05:00"), "2026-11-23T16:59", True),
        (ScheduleRule(WEEKDAYS, "09:00", "23:59"), "2026-11-23T23:59", True),  # 23:59 = end of day
        (ScheduleRule(WEEKDAYS, "09:00", "17:00", freq="MONTHLY"), "2026-11-23T10:00", False),
    ],
)
def test_open_at(rule: ScheduleRule, moment: str, expected: bool) -> None:
    assert is_open(weekly_intervals([rule], at(moment)), at(moment)) is expected


@pytest.mark.parametrize(("when", "open_services"), CASES, ids=[case_id(c) for c in CASES])
def test_an_offset_is_fixed_all_year_and_local_hours_follow_the_clock(
    when: str, open_services: frozenset[str]
) -> None:
    """Both seasons' hours at once, whatever today is: the moment's season picks its own."""
    found = {key for key in SERVICES if is_open(weekly_hours([rule(key)]).at(moment(when)), moment(when))}
    assert found == open_services


def test_the_seasons_differ_only_for_offset_hours() -> None:
    utc, local = weekly_hours([rule("utc")]), weekly_hours([rule("local")])
    assert day_hours(utc.standard, 0) == [("09:00", "17:00")] and day_hours(utc.daylight, 0) == [
        ("10:00", "18:00")
    ]
    assert local.standard == local.daylight


def test_always_open_and_its_opposite() -> None:
    assert always_open(weekly_intervals([ScheduleRule("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]))
    assert not always_open(weekly_intervals([ScheduleRule(WEEKDAYS, "00:00", "23:59")]))


def test_seasonal_rules_apply_only_in_their_dates() -> None:
    summer = ScheduleRule(WEEKDAYS, "09:00", "17:00", valid_from=date(2026, 6, 1), valid_to=date(2026, 8, 31))
    assert is_open(weekly_intervals([summer], at("2026-07-06T10:00")), at("2026-07-06T10:00"))
    assert not is_open(weekly_intervals([summer], at("2026-11-23T10:00")), at("2026-11-23T10:00"))


def test_day_hours_for_display() -> None:
    intervals = weekly_intervals([ScheduleRule("MO", "09:00", "12:00"), ScheduleRule("MO", "13:00", "16:30")])
    assert day_hours(intervals, 0) == [("09:00", "12:00"), ("13:00", "16:30")]
    assert day_hours(intervals, 1) == []


def test_the_hour_lived_twice_in_november_is_told_apart() -> None:
    """01:30 comes twice on 2026-11-01 (EDT, then EST): an hour written in UTC is open at one only."""
    early_sunday = weekly_hours([ScheduleRule("SU", "05:00Z", "06:00Z")])
    first, second = (
        datetime.fromisoformat("2026-11-01T05:30+00:00"),
        datetime.fromisoformat("2026-11-01T06:30+00:00"),
    )
    assert first.astimezone(LOCAL).strftime("%H:%M") == second.astimezone(LOCAL).strftime("%H:%M") == "01:30"
    assert is_open(early_sunday.at(first), first)
    assert not is_open(early_sunday.at(second), second)
