"""Property: over random need profiles on the demo directory, no suggestion ever breaks a hard rule.

The rules are checked here from the database on their own terms (facts, hours, areas), not through the
matcher's code paths, so a bug in the matcher cannot hide itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, shape
from sqlalchemy import select

from app.core.facts import location_features, service_facts
from app.core.geo import haversine_km
from app.core.hours import LOCAL, ScheduleRule, is_open, weekly_intervals
from app.core.models import Service, ServiceAtLocation
from app.core.taxonomy import core_terms
from app.matching.matcher import Matcher
from app.matching.profile import GENDER_CODES, parse_profile
from app.web.extensions import db
from app.web.search import search_service

NEEDS = sorted(t.code for t in core_terms() if t.taxonomy == "needs")
SITUATIONS = sorted(t.code for t in core_terms() if t.taxonomy == "eligibility" and t.group == "situation")
DOCUMENTS = sorted(t.code for t in core_terms() if t.taxonomy == "documents")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Flask]:
    from app.demo.load import load_demo
    from app.web.search import embedded_engine
    from indexer.sync import rebuild
    from tests.conftest import _sqlite_app

    app = _sqlite_app(tmp_path_factory.mktemp("demo-props"), sqlite_template)
    with app.app_context():
        load_demo(db.session)
        rebuild(db.session, embedded_engine(app))
        db.session.commit()
    yield app


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


profiles = st.fixed_dictionaries(
    {
        "needs": st.lists(
            st.fixed_dictionaries(
                {"category": st.sampled_from(NEEDS)},
                optional={"urgency": st.sampled_from(["crisis", "high", "medium", "low"])},
            ),
            min_size=1,
            max_size=3,
        )
    },
    optional={
        "location": st.fixed_dictionaries({"lat": st.floats(45.42, 45.68), "lon": st.floats(-73.95, -73.48)}),
        "max_distance_km": st.floats(0.5, 30),
        "client": st.fixed_dictionaries(
            {},
            optional={
                "age": st.integers(0, 100),
                "gender": st.sampled_from(["man", "woman", "gender-diverse"]),
                "situations": st.lists(st.sampled_from(SITUATIONS), unique=True, max_size=3),
                "documents": st.lists(st.sampled_from(DOCUMENTS), unique=True, max_size=3),
                "children_ages": st.lists(st.integers(0, 17), min_size=1, max_size=3),
                "wheelchair": st.booleans(),
                "languages": st.lists(
                    st.sampled_from(["fr", "en", "es", "ar", "zh"]), unique=True, min_size=1, max_size=2
                ),
            },
        ),
        "constraints": st.fixed_dictionaries(
            {},
            optional={
                "free_only": st.booleans(),
                "open_now": st.booleans(),
                "at": st.integers(0, 7 * 24 * 60 - 1).map(
                    lambda m: (datetime(2026, 11, 23, tzinfo=LOCAL) + timedelta(minutes=m)).isoformat()
                ),
            },
        ),
        "limit": st.integers(1, 10),
    },
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=profiles)
def test_no_suggestion_breaks_a_hard_rule(demo: Flask, data: dict[str, Any]) -> None:
    with demo.app_context():
        profile = parse_profile(data)
        answer = Matcher(db.session, search_service(demo)).match(profile)
        client = data.get("client", {})
        constraints = data.get("constraints", {})
        at = profile.at or datetime.now(LOCAL)
        for need, result in zip(profile.needs, answer["needs"], strict=True):
            assert len(result["suggestions"]) <= profile.limit
            for suggestion in result["suggestions"]:
                service = db.session.scalars(
                    select(Service).where(
                        Service.source_id == suggestion["service_id"], Service.data_source == "demo"
                    )
                ).one()
                _check(service, suggestion, need, client, constraints, data, at)


def _check(
    service: Service,
    suggestion: dict[str, Any],
    need: Any,
    client: dict[str, Any],
    constraints: dict[str, Any],
    data: dict[str, Any],
    at: datetime,
) -> None:
    assert service.status == "active"
    facts = service_facts(db.session, [service.id])[service.id]
    ages = (
        client.get("children_ages")
        if need.person == "child"
        else ([client["age"]] if "age" in client else None)
    )
    if ages is not None and (service.minimum_age is not None or service.maximum_age is not None):
        low = service.minimum_age if service.minimum_age is not None else -1
        high = service.maximum_age if service.maximum_age is not None else 999
        assert any(low <= age <= high for age in ages), "age"
    for group, codes in facts.eligibility.items():
        if group == "gender" and "gender" in client:
            assert GENDER_CODES[client["gender"]] in codes, "gender"
        if group != "gender" and "situations" in client:
            assert set(codes) & set(client["situations"]), "situation"
    location = data.get("location")
    if location and service.service_areas:
        areas = []
        for area in service.service_areas:
            try:
                areas.append(shape(json.loads(area.extent or "")))
            except (ValueError, TypeError, AttributeError, KeyError):
                continue
        if areas:
            assert any(a.buffer(1e-9).covers(Point(location["lon"], location["lat"])) for a in areas), "area"
    sal = (
        db.session.scalars(
            select(ServiceAtLocation).where(
                ServiceAtLocation.source_id == suggestion["service_at_location_id"],
                ServiceAtLocation.data_source == "demo",
            )
        ).first()
        if suggestion["service_at_location_id"]
        else None
    )
    place = sal.location if sal else None
    remote = "virtual" in facts.features or (place is not None and place.location_type == "virtual")
    features = facts.features | (location_features(db.session, [place.id])[place.id] if place else set())
    if client.get("wheelchair") and not remote:
        assert "wheelchair-accessible" in features, "wheelchair"
    if constraints.get("open_now"):
        rules = [
            ScheduleRule(s.byday, s.opens_at, s.closes_at, s.freq, s.timezone, s.valid_from, s.valid_to)
            for s in (
                sal.schedules
                if sal and sal.schedules
                else [x for x in service.schedules if x.service_at_location_id is None]
                or (place.schedules if place else [])
            )
        ]
        # the hours of `at`'s season (an offset is fixed all year; local time follows daylight saving)
        intervals = weekly_intervals(rules, daylight=bool(at.astimezone(LOCAL).dst()))
        if intervals:
            assert is_open(intervals, at), "open now"
    if constraints.get("free_only"):
        amounts = [c.amount for c in service.cost_options]
        paid = (
            bool(amounts) and all(a is not None and a > 0 for a in amounts) and "free" not in facts.features
        )
        assert not paid, "free only"
    if (
        location
        and "max_distance_km" in data
        and not remote
        and place is not None
        and place.latitude is not None
    ):
        distance = haversine_km(location["lat"], location["lon"], place.latitude, place.longitude)
        assert distance <= data["max_distance_km"] + 1e-6, "distance"
