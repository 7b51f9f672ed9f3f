"""What must work on the demo (the search issue), through the search service."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.facts import service_facts
from app.models import Service
from indexer.engines.embedded import haversine_km
from indexer.query import SearchQuery
from indexer.search import search_service


def _tagged(app: Flask, code: str) -> set[str]:
    with app.app_context():
        services = db.session.scalars(select(Service).where(Service.status == "active")).all()
        facts = service_facts(db.session, [s.id for s in services])
        return {s.id for s in services if code in facts[s.id].needs}


def _found(app: Flask, text: str, lang: str) -> set[str]:
    with app.app_context():
        result = search_service(app).search(SearchQuery(text=text, lang=lang, page_size=200))
        return {hit.service_id for hit in result.hits}


@pytest.mark.parametrize(
    ("text", "lang"),
    [("banque alimentaire", "fr"), ("food bank", "en"), ("banque alimentaire", "en"), ("food bank", "fr")],
)
def test_food_banks_in_both_languages(demo_app: Flask, text: str, lang: str) -> None:
    food_banks = _tagged(demo_app, "food-bank")
    found = _found(demo_app, text, lang)
    assert food_banks <= found  # every food bank, including those written in one language only
    with demo_app.app_context():
        one_language = [
            s
            for s in db.session.scalars(select(Service).where(Service.id.in_(food_banks)))
            if not (s.name.get("fr") and s.name.get("en"))
        ]
    assert all(s.id in found for s in one_language)


def test_accents_do_not_matter(demo_app: Flask) -> None:
    assert _found(demo_app, "hebergement", "fr") == _found(demo_app, "hébergement", "fr")
    assert _tagged(demo_app, "emergency-shelter") <= _found(demo_app, "hebergement", "fr")


def test_a_typo_still_finds_dentists(demo_app: Flask) -> None:
    dentists = _tagged(demo_app, "dental-care")
    assert dentists and dentists <= _found(demo_app, "dentsite", "fr")


@pytest.mark.parametrize(("text", "lang"), [("garderie", "fr"), ("CPE", "fr"), ("daycare", "en")])
def test_daycares_by_any_name(demo_app: Flask, text: str, lang: str) -> None:
    daycares = _tagged(demo_app, "daycare")
    assert daycares and daycares <= _found(demo_app, text, lang)


def test_radius_returns_only_what_is_inside_nearest_first(demo_app: Flask) -> None:
    from indexer.documents import build_documents

    centre = (45.5088, -73.5617)
    with demo_app.app_context():
        result = search_service(demo_app).search(
            SearchQuery(lat=centre[0], lon=centre[1], radius_km=3, page_size=500)
        )
        documents = list(build_documents(db.session))
    assert result.total > 0
    distances = [hit.distance_km for hit in result.hits]
    assert all(d is not None and d <= 3 for d in distances)
    assert distances == sorted(distances)
    inside = {
        d.id
        for d in documents
        if d.status == "active"
        and not d.remote
        and d.latitude is not None
        and haversine_km(centre[0], centre[1], d.latitude, d.longitude) <= 3
    }  # type: ignore[arg-type]
    assert {hit.doc_id for hit in result.hits} == inside
