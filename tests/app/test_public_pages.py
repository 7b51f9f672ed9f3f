"""The public pages through the Flask test client, in both languages, with filters and odd inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from app.core.taxonomy import core_terms
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build

WEEK = "MO,TU,WE,TH,FR,SA,SU"


@pytest.fixture
def site(app: Flask, tmp_path: Path) -> Flask:
    specs = [
        Spec(
            "food",
            name="Banque alimentaire du Plateau",
            description="Paniers d'épicerie chaque semaine",
            costs=(0,),
            location_features=("wheelchair-accessible",),
            languages=("fr", "es"),
            hours=(("MO,TU,WE,TH,FR", "09:00", "17:00"),),
            documents=("proof-of-address",),
            min_age=18,
        ),
        Spec("meals", categories=("meals",), name="Soupe populaire", lat=HOME[0] + 0.02, costs=(5,)),
        Spec(
            "line",
            categories=("crisis-line",),
            name="Ligne d'écoute",
            remote=True,
            hours=((WEEK, "00:00", "23:59"),),
        ),
        Spec("far", name="Banque alimentaire lointaine", lat=HOME[0] + 0.3),
    ] + [
        Spec(f"extra-{i}", categories=("clothing",), name=f"Friperie {i}", lat=HOME[0] + 0.001 * i)
        for i in range(25)
    ]
    folder = build(tmp_path / "site", specs)
    (folder / "phones.csv").write_text(
        "id,service_id,number,type\np1,svc-line,1-866-555-0199,voice\np2,svc-food,514-555-0123,voice\n",
        encoding="utf-8",
    )
    (folder / "addresses.csv").write_text(
        "id,location_id,address_1,city,state_province,postal_code,country,address_type\n"
        "ad1,loc-food-0,175 rue Sainte-Catherine Ouest,Montréal,QC,H2X 1Z8,CA,physical\n",
        encoding="utf-8",
    )
    assert invoke(app, "import", str(folder), "--lang", "fr", "--source", "site").exit_code == 0
    return app


def test_home_in_both_languages(site: Flask) -> None:
    client = site.test_client()
    french = client.get("/fr/").get_data(as_text=True)
    assert "Trouver de l'aide près de chez vous" in french and "Alimentation" in french
    families = {t.code for t in core_terms() if t.taxonomy == "needs" and t.parent is None}
    assert set(re.findall(r'/fr/search\?category=([a-z-]+)"', french)) == families
    # Crisis lines always visible: dialled as E.164, shown as people write them.
    assert 'href="tel:+18665550199"><strong>1-866-555-0199<' in french and "911" in french
    english = client.get("/en/").get_data(as_text=True)
    assert "Find help near you" in english and "Childcare" in english


def test_search_finds_and_shows_the_facts(site: Flask) -> None:
    page = site.test_client().get("/fr/search?q=banque+alimentaire").get_data(as_text=True)
    assert "2 résultats" in page
    assert "Banque alimentaire du Plateau" in page and "Gratuit" in page and "ES · FR" in page
    assert 'href="tel:+15145550123">514-555-0123<' in page


def test_search_near_a_point_shows_distances_nearest_first(site: Flask) -> None:
    page = (
        site.test_client()
        .get(f"/en/search?category=food&near={HOME[0]},{HOME[1]}&radius=5")
        .get_data(as_text=True)
    )
    assert "Banque alimentaire lointaine" not in page  # 33 km away
    names = re.findall(r'<h3><a href="[^"]+"[^>]*>([^<]+)</a>', page)
    assert names[:2] == ["Banque alimentaire du Plateau", "Soupe populaire"]
    assert "0.0 km" in page and "within 5 km" in page


def test_filters_and_facet_counts(site: Flask) -> None:
    client = site.test_client()
    page = client.get("/en/search?category=food").get_data(as_text=True)
    assert re.search(r'Food <span class="count">\(3\)</span>', page)
    assert re.search(r'Free <span class="count">\(1\)</span>', page)
    free = client.get("/en/search?category=food&free=1").get_data(as_text=True)
    assert "1 result" in free and "Banque alimentaire du Plateau" in free
    wheelchair = client.get("/en/search?wheelchair=1").get_data(as_text=True)
    assert "1 result" in wheelchair
    spanish = client.get("/en/search?language=es").get_data(as_text=True)
    assert "1 result" in spanish and "Spanish" in spanish
    young = client.get("/en/search?q=plateau&age=12").get_data(as_text=True)
    assert "0 results" in young  # the Plateau food bank is for adults


def test_pagination(site: Flask) -> None:
    client = site.test_client()
    first = client.get("/fr/search?category=clothing").get_data(as_text=True)
    assert "25 résultats" in first and "Page 1 sur 2" in first and 'rel="next"' in first
    second = client.get("/fr/search?category=clothing&page=2").get_data(as_text=True)
    assert second.count('class="card"') == 5 and 'rel="prev"' in second


def test_nothing_found_offers_a_wider_radius_and_the_family(site: Flask) -> None:
    page = (
        site.test_client()
        .get(f"/en/search?category=food-bank&q=zzzz&near={HOME[0] + 0.3},{HOME[1] + 0.3}&radius=1")
        .get_data(as_text=True)
    )
    assert "Nothing found" in page
    assert "Search within 2 km" in page and "Search all of “Food”" in page and "without the words" in page


def test_content_in_the_other_language_is_marked(site: Flask) -> None:
    page = site.test_client().get("/en/search?q=soupe").get_data(as_text=True)
    assert '<a href="/en/services/' in page and 'lang="fr"' in page and "(in French)" in page


def test_service_page_shows_every_fact(site: Flask) -> None:
    client = site.test_client()
    page = client.get("/en/services/svc-food").get_data(as_text=True)  # the id as imported works
    assert "Banque alimentaire du Plateau" in page
    assert "Ages 18 and over" in page and "Proof of address" in page
    assert "Free of charge" in page and "Spanish" in page
    assert 'href="tel:+15145550123">514-555-0123<' in page and "openstreetmap.org/directions" in page
    assert "Monday" in page and "09:00–17:00" in page and "Wheelchair accessible" in page
    assert "Information last verified on 2026-10-01" in page and "print.css" in page
    french = client.get("/fr/services/svc-food").get_data(as_text=True)
    assert "lundi" in french and "18 ans et plus" in french
    assert client.get("/fr/services/nope").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "radius=abc&near=H2X",
        "age=-5",
        "age=abc",
        "page=xyz",
        "page=-1",
        "page=99999",
        "category=pizza",
        "q=" + "x" * 5000,
        "language=%3Cscript%3E",
        "open_now=maybe",
        "near=%00%01",
        "q=%22%27%3C%3E*(OR)",
    ],
)
def test_odd_inputs_never_fail(site: Flask, query: str) -> None:
    response = site.test_client().get(f"/fr/search?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).replace("<script src", "")


def test_unplaceable_location_is_said(site: Flask) -> None:
    page = site.test_client().get("/en/search?near=Nowhere+Lane&q=banque").get_data(as_text=True)
    assert "We could not place “Nowhere Lane”" in page


def test_pages_are_safe_and_light(site: Flask) -> None:
    client = site.test_client()
    for url in ("/fr/", "/en/search?q=banque", "/fr/services/svc-food"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline scripts
        assert not re.search(r"\son[a-z]+=", html) and ' style="' not in html
        assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        weight = len(response.data) + sum(len(client.get(a).data) for a in assets)
        assert weight < 150_000, (url, weight)


def test_error_pages_in_both_languages(site: Flask) -> None:
    @site.get("/fr/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    client = site.test_client()
    response = client.get("/fr/boom")
    assert response.status_code == 500 and "Une erreur s'est produite" in response.get_data(as_text=True)
    assert "Page not found" in client.get("/en/nothing/here").get_data(as_text=True)
