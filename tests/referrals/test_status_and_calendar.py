"""The referral's one state machine, every pair of statuses tried, and the business days of Québec that the
response target is counted in."""

from __future__ import annotations

from datetime import date, datetime
from itertools import product

import pytest
from flask import Flask
from flask_babel import force_locale

from app.core.referrals.calendar import add_business_days, business_days_between, is_business_day
from app.core.referrals.status import (
    ENDED,
    OUTCOMES,
    OUTCOMES_OF,
    STATUSES,
    TransitionError,
    check_transition,
)

# Written out by hand from FHIR Task's lifecycle as Carrefour uses it: a change to this table is a decision.
LEGAL = {
    ("requested", "received"),
    ("requested", "accepted"),
    ("requested", "rejected"),
    ("requested", "cancelled"),
    ("requested", "failed"),
    ("received", "accepted"),
    ("received", "rejected"),
    ("received", "cancelled"),
    ("received", "failed"),
    ("accepted", "in-progress"),
    ("accepted", "on-hold"),
    ("accepted", "completed"),
    ("accepted", "cancelled"),
    ("accepted", "failed"),
    ("in-progress", "on-hold"),
    ("in-progress", "completed"),
    ("in-progress", "cancelled"),
    ("in-progress", "failed"),
    ("on-hold", "in-progress"),
    ("on-hold", "completed"),
    ("on-hold", "cancelled"),
    ("on-hold", "failed"),
}
FHIR_TASK_STATUSES = {
    "requested",
    "received",
    "accepted",
    "rejected",
    "in-progress",
    "on-hold",
    "completed",
    "cancelled",
    "failed",
}


def test_the_statuses_are_fhir_tasks_and_the_outcomes_the_issues() -> None:
    assert set(STATUSES) == FHIR_TASK_STATUSES
    assert set(OUTCOMES) == {
        "got-help",
        "could-not-contact",
        "not-eligible",
        "no-capacity",
        "no-longer-interested",
        "referred-elsewhere",
    }
    assert {"completed", "rejected", "cancelled", "failed"} == ENDED


@pytest.mark.parametrize(("current", "target"), sorted(product(STATUSES, STATUSES)))
def test_every_transition(current: str, target: str) -> None:
    outcome = sorted(OUTCOMES_OF[target])[0] if target in ENDED else None
    if (current, target) in LEGAL:
        check_transition(current, target, outcome)
    else:
        with pytest.raises(TransitionError) as raised:
            check_transition(current, target, outcome)
        assert raised.value.code == "not_allowed"


def test_an_ending_needs_a_reason_that_fits() -> None:
    with pytest.raises(TransitionError) as raised:
        check_transition("accepted", "completed")
    assert raised.value.code == "outcome_needed"
    with pytest.raises(TransitionError) as raised:
        check_transition("requested", "rejected", "got-help")
    assert raised.value.code == "bad_outcome"
    with pytest.raises(TransitionError) as raised:
        check_transition("requested", "accepted", "got-help")
    assert raised.value.code == "no_outcome_here"
    with pytest.raises(TransitionError) as raised:
        check_transition("requested", "draft")
    assert raised.value.code == "unknown_status"


def test_the_refusal_is_said_in_both_languages(app: Flask) -> None:
    with pytest.raises(TransitionError) as raised:
        check_transition("completed", "in-progress")
    with app.test_request_context("/en/"):
        with force_locale("en"):
            assert raised.value.message == "A referral that is “Completed” cannot become “In progress”."
        with force_locale("fr"):
            assert raised.value.message == "Une référence « Terminée » ne peut pas devenir « En cours »."


def test_quebec_statutory_holidays_are_not_business_days() -> None:
    for day in (
        "2026-01-01",
        "2026-04-03",
        "2026-05-18",
        "2026-06-24",
        "2026-07-01",
        "2026-09-07",
        "2026-10-12",
        "2026-12-25",
    ):
        assert not is_business_day(date.fromisoformat(day)), day
    assert is_business_day(date(2026, 4, 6))  # Easter Monday is not the statutory day in Québec's list
    assert not is_business_day(date(2026, 12, 5))  # a Saturday


def test_the_response_target_skips_weekends_and_holidays() -> None:
    # Sent Thursday before Good Friday at 15:00: Friday is a holiday, then the weekend; 2 business days later
    # is Tuesday.
    assert add_business_days(datetime(2026, 4, 2, 15, 0), 2) == datetime(2026, 4, 7, 15, 0)
    # Sent the Tuesday before Saint-Jean-Baptiste (Wednesday) and Canada Day (the next Wednesday).
    assert add_business_days(datetime(2026, 6, 23, 9, 30), 2) == datetime(2026, 6, 26, 9, 30)
    assert add_business_days(datetime(2026, 12, 24, 10, 0), 2) == datetime(2026, 12, 29, 10, 0)
    assert business_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 2
    assert business_days_between(date(2026, 4, 7), date(2026, 4, 2)) == 0
