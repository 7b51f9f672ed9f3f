"""The plain directory pages: language in the URL, fallback text marked, errors in both languages."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.hours import LOCAL
from tests.helpers import invoke
from tests.hours_cases import CASES, SERVICES, case_id, moment
from tests.importers.test_hsds3_import import _tiny_package
from tests.matching.builder import Spec, build


@pytest.fixture
def loaded(app: Flask, tmp_path: Path) -> Flask:
    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Moisson Est", "name": "Banque alimentaire", "description": "Paniers d'épicerie"},
    )
    assert invoke(app, "import", str(folder), "--lang", "fr").exit_code == 0
    return app


@pytest.mark.parametrize(
    ("header", "target"), [("fr-CA,fr;q=0.9", "/fr/"), ("en-US,en;q=0.8", "/en/"), ("de", "/fr/")]
)
def test_root_redirects_by_accept_language(app: Flask, header: str, target: str) -> None:
    response = app.test_client().get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(target)


def test_listing_in_both_languages_marks_text_shown_in_the_other(loaded: Flask) -> None:
    client = loaded.test_client()
    french = client.get("/fr/services/").get_data(as_text=True)
    assert "Banque alimentaire" in french and "Moisson Est" in french
    assert "1 service dans le répertoire" in french
    english = client.get("/en/services/").get_data(as_text=True)
    assert "Banque alimentaire" in english
    assert 'lang="fr"' in english and "(in French)" in english
    assert 'href="/fr/services/"' in english  # the language switch keeps the page


def test_unknown_language_and_page_are_404_in_the_right_language(app: Flask) -> None:
    client = app.test_client()
    response = client.get("/de/")
    assert response.status_code == 404
    english = client.get("/en/nowhere").get_data(as_text=True)
    assert "Page not found" in english
    french = client.get("/fr/nulle-part").get_data(as_text=True)
    assert "Page introuvable" in french


def test_listing_sorts_names_as_people_read_them_active_first(app: Flask, tmp_path: Path) -> None:
    from app.core.models import Service
    from app.directory.queries import list_services
    from app.web.extensions import db

    for n, name in enumerate(["zèbre", "École du quartier", "Dépannage", "éducation", "Aide"]):
        folder = _tiny_package(tmp_path / f"pkg{n}", {"org": f"Org {n}", "name": name, "description": ""})
        assert invoke(app, "import", str(folder), "--lang", "fr", "--source", f"s{n}").exit_code == 0
    with app.app_context():
        closed = db.session.scalars(select(Service).where(Service.name["fr"].as_string() == "Aide")).one()
        closed.status = "inactive"
        db.session.commit()
        first, total = list_services(db.session, "fr", page=1, per_page=3)
        second, _ = list_services(db.session, "fr", page=2, per_page=3)
    assert total == 5
    names = [item.name.text for item in first + second]
    assert names == ["Dépannage", "École du quartier", "éducation", "zèbre", "Aide"]
    page = app.test_client().get("/fr/services/?page=1").get_data(as_text=True)  # 50 a page: one page
    assert f'href="/fr/services/{first[0].id}"' in page


def test_listing_pages_link_to_each_other(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.directory.routes.LIST_PER_PAGE", 2)
    for n in range(5):
        folder = _tiny_package(
            tmp_path / f"pkg{n}", {"org": f"Org {n}", "name": f"Service {n}", "description": ""}
        )
        assert invoke(app, "import", str(folder), "--lang", "en", "--source", f"s{n}").exit_code == 0
    client = app.test_client()
    middle = client.get("/en/services/?page=2").get_data(as_text=True)
    assert 'href="/en/services/?page=1"' in middle and 'href="/en/services/?page=3"' in middle
    assert "Service 2" in middle and "Service 3" in middle and "Service 1" not in middle


@pytest.mark.parametrize("page", ["abc", "-3", "0", "99999", "1e9"])
def test_odd_page_numbers_never_fail(loaded: Flask, page: str) -> None:
    response = loaded.test_client().get(f"/fr/services/?page={page}")
    assert response.status_code == 200


# --- hours across the changes of time --------------------------------------------------------------------


def _cards_by_name(page: str) -> dict[str, str]:
    """Each result card's text, by the service name in its heading."""
    found = {}
    for card in page.split('<li class="card">')[1:]:
        name = re.search(r"<h3><a [^>]*>([^<]+)</a>", card)
        assert name is not None
        found[name.group(1)] = card.split("</ul>", 1)[0]
    return found


@pytest.mark.parametrize(("when", "open_services"), CASES, ids=[case_id(c) for c in CASES])
def test_pages_say_open_or_closed_in_the_moments_season(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str, open_services: frozenset[str]
) -> None:
    """Hours in UTC or at a fixed UTC−5 move on the local clock with daylight saving time, local hours do
    not (tests/hours_cases.py): the open-now filter, the result cards and the service page all say so."""
    folder = build(tmp_path / "pkg", [Spec(key, hours=(SERVICES[key],)) for key in SERVICES])
    assert invoke(app, "import", str(folder), "--lang", "en", "--source", "test").exit_code == 0
    monkeypatch.setattr("app.directory.routes.local_now", lambda: moment(when).astimezone(LOCAL))
    client = app.test_client()
    names = {key: f"Service {key}" for key in SERVICES}
    filtered = _cards_by_name(client.get("/en/search?open_now=1").get_data(as_text=True))
    assert set(filtered) == {names[key] for key in open_services}
    cards = _cards_by_name(client.get("/en/search").get_data(as_text=True))
    assert {key for key in SERVICES if "Open now" in cards[names[key]]} == set(open_services)
    assert {key for key in SERVICES if "Closed now" in cards[names[key]]} == set(SERVICES) - open_services
    daylight = bool(moment(when).astimezone(LOCAL).dst())
    for key in SERVICES:
        page = client.get(f"/en/services/svc-{key}").get_data(as_text=True)
        said = "Open now" if key in open_services else "Closed now"
        assert f">{said}</p>" in page, (key, said)
        weekday_hours = {
            "utc": "10:00–18:00" if daylight else "09:00–17:00",
            "minus5": "14:00–18:00" if daylight else "13:00–17:00",
            "local": "09:00–17:00",
        }[key]
        assert f'<th scope="row">Monday</th><td>{weekday_hours}</td>' in page


def _switch_link(page: str) -> str:
    found = re.search(r'<a href="([^"]*)" lang="(?:fr|en)" hreflang=', page)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_language_switch_keeps_the_search_not_the_raw_query_string(loaded: Flask) -> None:
    """A 100 KB query string made a 123 KB page: the switch link copied it whole."""
    client = loaded.test_client()
    words = "pain " * 20_000
    query = {
        "q": words,
        "junk": "x" * 50_000,
        "category": ["food-bank", "pizza"],
        "radius": "1e9",
        "page": "2",
    }
    page = client.get("/en/search", query_string=query).get_data(as_text=True)
    assert len(page) < 40_000
    link = _switch_link(page)
    assert link.startswith("/fr/search?") and len(link) < 500
    kept = parse_qs(urlsplit(link).query)
    assert kept == {"q": [" ".join(words.split())[:200]], "category": ["food-bank"], "page": ["2"]}
    listing = client.get("/en/services/", query_string={"page": "3", "junk": "x" * 50_000})
    assert _switch_link(listing.get_data(as_text=True)) == "/fr/services/?page=3"
    missing_page = client.get("/fr/nowhere", query_string={"junk": "x" * 50_000}).get_data(as_text=True)
    assert _switch_link(missing_page) == "/en/"
