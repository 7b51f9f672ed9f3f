"""A results page draws its cards from the search documents; they must say what the database says."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from flask import Flask

from app.core.hours import LOCAL
from app.directory.queries import cards
from app.web.extensions import db
from app.web.search import search_service
from indexer.query import SearchQuery

QUERIES = [
    SearchQuery(text="banque alimentaire", lang="fr", page_size=50),
    SearchQuery(text="food", lang="en", page_size=50),
    SearchQuery(lang="en", lat=45.52, lon=-73.58, radius_km=4, page_size=50),
    SearchQuery(text="aide", lang="fr", features=["free"], page_size=50),
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
