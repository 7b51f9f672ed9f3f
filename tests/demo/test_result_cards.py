"""A results page draws its cards from the search documents; they must say what the database says."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import cost_status, schedule_rules, service_facts
from app.core.hours import LOCAL, day_hours, is_open, on_daylight_time, weekly_intervals
from app.core.i18n import LOCALES
from app.core.models import Service, ServiceAtLocation
from app.directory.queries import cards
from app.web.extensions import db
from app.web.search import search_service
from indexer.query import Hit, SearchQuery

QUERIES = [
    SearchQuery(text="banque alimentaire", lang="fr", page_size=50),
    SearchQuery(text="food", lang="en", page_size=50),
    SearchQuery(lang="en", lat=45.52, lon=-73.58, radius_km=4, page_size=50),
    SearchQuery(text="aide", lang="fr", features=["free"], page_size=50),
]
MOMENTS = [
    datetime(2026, 11, 23, 10, 30, tzinfo=LOCAL),  # a Monday morning, standard time
    datetime(2026, 7, 5, 23, 45, tzinfo=LOCAL),  # a Sunday night, daylight saving time
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.lang}:{q.text or 'near'}")
def test_cards_from_the_index_match_cards_from_the_database(demo_app: Flask, query: SearchQuery) -> None:
    now = datetime(2026, 11, 23, 10, 30, tzinfo=LOCAL)  # a Monday morning
    with demo_app.app_context():
        hits = search_service(demo_app).search(query).hits
        assert hits, "the query finds services"
        from_index = cards(db.session, hits, query.lang, now)
        from_database = cards(db.session, [replace(hit, payload=None) for hit in hits], query.lang, now)
    assert len(from_index) == len(from_database) == len(hits)
    for indexed, stored in zip(from_index, from_database, strict=True):
        # The index also lists the languages of the place; everything the database lists is there.
        assert set(stored.languages) <= set(indexed.languages)
        assert replace(indexed, languages=[]) == replace(stored, languages=[])


def _every_hit(app: Flask) -> list[Hit]:
    query = SearchQuery(lang="fr", include_inactive=True, page_size=10_000, facets=False)
    result = search_service(app).search(query)
    assert result.total == len(result.hits) > 0
    assert all(hit.payload is not None for hit in result.hits), "the engine hands the stored document back"
    return result.hits


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.strftime("%a-%b"))
def test_every_card_reads_the_same_from_the_stored_document_and_from_the_database(
    demo_app: Flask, moment: datetime
) -> None:
    with demo_app.app_context():
        hits = _every_hit(demo_app)
        for locale in LOCALES:
            from_index = cards(db.session, hits, locale, moment)
            from_database = cards(db.session, [replace(hit, payload=None) for hit in hits], locale, moment)
            assert len(from_index) == len(hits)
            for indexed, stored in zip(from_index, from_database, strict=True):
                assert indexed == stored, indexed.service_id


def test_cards_say_what_the_database_says(demo_app: Flask) -> None:
    """The facts a card shows, read from the rows: the languages of the service and of the place, free
    from the service's costs and features, remote when the service is virtual or its place is, the hours of
    the most specific schedule."""
    now = MOMENTS[0]
    with demo_app.app_context():
        hits = _every_hit(demo_app)
        found = cards(db.session, [replace(hit, payload=None) for hit in hits], "en", now)
        services = {s.id: s for s in db.session.scalars(select(Service))}
        sals = {sal.id: sal for sal in db.session.scalars(select(ServiceAtLocation))}
        facts = service_facts(db.session, list(services))
        seen: set[tuple[str, object]] = set()
        for hit, card in zip(hits, found, strict=True):
            service, features = services[hit.service_id], facts[hit.service_id].features
            sal = sals[hit.service_at_location_id] if hit.service_at_location_id else None
            location = sal.location if sal else None
            own = {lang.code.lower()[:3] for lang in service.languages if lang.code}
            place = {lang.code.lower()[:3] for lang in (location.languages if location else []) if lang.code}
            assert card.languages == sorted(own | place)
            assert card.free == cost_status(service, features)
            virtual_place = location is not None and location.location_type == "virtual"
            assert card.remote == ("virtual" in features or virtual_place)
            intervals = weekly_intervals(schedule_rules(service, sal), daylight=on_daylight_time(now))
            assert card.open_now == (is_open(intervals, now) if intervals else None)
            assert card.today == (day_hours(intervals, now.weekday()) if intervals else [])
            seen |= {("remote", card.remote), ("free", card.free), ("open", card.open_now)}
    # Every value of these facts is on some card of the demo.
    assert seen == {(fact, value) for fact in ("free", "open") for value in (True, False, None)} | {
        ("remote", True),
        ("remote", False),
    }
