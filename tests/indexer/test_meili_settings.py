"""Meilisearch: the settings Carrefour sends and the filters it builds, checked without a server."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from app.core.hours import LOCAL, ScheduleRule, weekly_intervals
from indexer.engines.meili import build_filter, index_settings, open_slots, search_params, synonyms, to_meili
from indexer.query import SearchQuery
from tests.hours_cases import CASES, SERVICES, case_id, moment, rule
from tests.indexer.test_engine_contract import DOCS, doc


def test_settings_declare_what_search_needs() -> None:
    settings = index_settings()
    assert settings["searchableAttributes"][:2] == ["name_fr", "name_en"]  # names rank first
    assert {"categories", "languages", "features", "_geo", "open_slots", "status"} <= set(
        settings["filterableAttributes"]
    )
    assert "_geo" in settings["sortableAttributes"]
    locales = {tuple(rule["locales"]) for rule in settings["localizedAttributes"]}
    assert locales == {("fra",), ("eng",)}
    assert settings["typoTolerance"]["minWordSizeForTypos"]["oneTypo"] == 5


def test_synonyms_go_both_ways() -> None:
    table = synonyms()
    assert "food bank" in table["banque alimentaire"]
    assert "banque alimentaire" in table["food bank"]
    assert "daycare" in table["cpe"]


def test_filter_for_a_full_query() -> None:
    query = SearchQuery(
        lat=45.5,
        lon=-73.6,
        radius_km=3,
        categories=["food"],
        languages=["ES"],
        features=["wheelchair", "free"],
        age=30,
        open_at=datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL),
    )
    assert build_filter(query) == [
        'status = "active"',
        "_geoRadius(45.5, -73.6, 3000)",
        'categories IN ["food"]',
        'languages IN ["es"]',
        'features = "free"',
        'features = "wheelchair-accessible"',
        "(min_age IS NULL OR min_age <= 30)",
        "(max_age IS NULL OR max_age >= 30)",
        "(always_open = true OR open_slots = 40)",  # Monday 10:00 = minute 600 = slot 40
    ]


def test_filter_without_radius_keeps_remote_services_and_quotes_values() -> None:
    assert build_filter(SearchQuery(categories=['a"b'])) == ['status = "active"', 'categories IN ["a\\"b"]']
    with_remote = build_filter(SearchQuery(lat=45.5, lon=-73.6, radius_km=2, include_remote=True))
    assert with_remote[1] == "(remote = true OR _geoRadius(45.5, -73.6, 2000))"


def test_filter_for_the_matcher_keeps_unplaced_places_or_asks_for_remote_only() -> None:
    wide = build_filter(
        SearchQuery(lat=45.5, lon=-73.6, radius_km=10, include_remote=True, include_unplaced=True)
    )
    assert wide[1] == (
        "(remote = true OR _geoRadius(45.5, -73.6, 10000) OR (remote = false AND placed = false))"
    )
    assert (
        build_filter(SearchQuery(lat=45.5, lon=-73.6, radius_km=10, remote_only=True))[1] == "remote = true"
    )


def test_search_params_sort_by_distance_when_nearest_first_or_a_point_alone() -> None:
    nearest = SearchQuery(text="x", lat=45.5, lon=-73.6, lang="en", sort="distance", page=2, page_size=10)
    params = search_params(nearest)
    assert params["sort"] == ["_geoPoint(45.5, -73.6):asc"]
    assert params["locales"] == ["eng"] and params["page"] == 2 and params["hitsPerPage"] == 10
    assert search_params(SearchQuery(lat=45.5, lon=-73.6))["sort"] == ["_geoPoint(45.5, -73.6):asc"]
    assert "sort" not in search_params(SearchQuery(text="x"))


def test_search_params_with_words_and_a_point_read_the_window_to_weigh() -> None:
    params = search_params(SearchQuery(text="x", lat=45.5, lon=-73.6, page=2, page_size=10))
    assert "sort" not in params and params["page"] == 1 and params["hitsPerPage"] == 200
    beyond = search_params(SearchQuery(text="x", lat=45.5, lon=-73.6, page=30, page_size=10))
    assert beyond["page"] == 30 and beyond["hitsPerPage"] == 10  # past the window: Meilisearch's order


def test_open_slots_are_whole_quarter_hours_inside_the_hours() -> None:
    intervals = weekly_intervals([ScheduleRule("MO", "09:10", "10:00")])
    assert open_slots([[i.start, i.end] for i in intervals]) == [37, 38, 39]  # 09:15, 09:30, 09:45


@pytest.mark.parametrize(("when", "open_services"), CASES, ids=[case_id(c) for c in CASES])
def test_open_at_filters_the_slots_of_the_moments_season(when: str, open_services: frozenset[str]) -> None:
    """The filter Meilisearch would apply, applied here to the records Carrefour sends it."""
    records = {key: to_meili(doc(key, key, key, categories=["food"], hours=[rule(key)])) for key in SERVICES}
    clause = build_filter(SearchQuery(open_at=moment(when)))[-1]
    found = re.fullmatch(r"\(always_open = true OR (\w+) = (\d+)\)", clause)
    assert found is not None, clause
    attribute, slot = found.group(1), int(found.group(2))
    assert attribute in index_settings()["filterableAttributes"]
    assert {key for key, record in records.items() if slot in record[attribute]} == open_services


def test_documents_carry_geo_only_for_in_person_places() -> None:
    records = {d.service_source_id: to_meili(d) for d in DOCS}
    assert records["src-food"]["_geo"] == {"lat": 45.52, "lng": -73.58}
    assert "_geo" not in records["src-line"]
    assert "free" in records["src-food"]["features"]
