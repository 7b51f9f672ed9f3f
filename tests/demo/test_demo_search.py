"""What must work on the demo (the search issue), through the search service."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import service_facts
from app.core.geo import haversine_km
from app.core.models import Service
from app.web.extensions import db
from app.web.search import search_service
from indexer.query import SearchQuery


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


def test_with_a_place_food_banks_come_before_services_matched_by_their_organization(demo_app: Flask) -> None:
    from app.core.geo import place

    with demo_app.app_context():
        here = place(db.session, "H2X 1Y4")
        assert here is not None
        query = SearchQuery(text="banque alimentaire", lang="fr", lat=here.lat, lon=here.lon, radius_km=5)
        hits = search_service(demo_app).search(query).hits
        kinds = ["food" in hit.categories for hit in hits]  # tagged in the food family
        # Every food service before any service that only shares an organization's name with the words...
        assert any(kinds) and not all(kinds) and kinds == sorted(kinds, reverse=True)
        # ...and nearest first, on request, is still nearest first.
        nearest = search_service(demo_app).search(replace(query, sort="distance")).hits
        distances = [hit.distance_km for hit in nearest]
        assert distances == sorted(distances) and {h.service_id for h in nearest} == {
            h.service_id for h in hits
        }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_search_page_offers_nearest_first_and_keeps_it(demo_app: Flask, lang: str) -> None:
    import re

    client = demo_app.test_client()
    base = f"/{lang}/search?q=banque+alimentaire&near=H2X+1Y4&radius=5"
    page = client.get(base).get_data(as_text=True)
    link = {"fr": "Plus proches d", "en": "Nearest first"}[lang]
    assert "order=nearest" in page and link in page  # the choice is offered, best match is current
    nearest = client.get(base + "&order=nearest").get_data(as_text=True)
    kms = [float(km) for km in re.findall(r"<li>([0-9]+\.[0-9]) km</li>", nearest)]
    assert kms and kms == sorted(kms)
    # The filters form and the language switch keep the order chosen.
    assert 'name="order" value="nearest"' in nearest
    other = "en" if lang == "fr" else "fr"
    assert re.search(rf'href="/{other}/search\?[^"]*order=nearest', nearest)


def test_the_search_command_orders_nearest_first_on_request(demo_app: Flask) -> None:
    import json

    runner = demo_app.test_cli_runner()
    args = ["search", "banque alimentaire", "--near", "H2X 1Y4", "--radius", "5", "--json"]
    weighed = json.loads(runner.invoke(args=args).output)["hits"]
    nearest = json.loads(runner.invoke(args=[*args, "--order", "nearest"]).output)["hits"]
    distances = [hit["distance_km"] for hit in nearest]
    assert distances == sorted(distances)
    assert [h["service_id"] for h in weighed] != [h["service_id"] for h in nearest]
