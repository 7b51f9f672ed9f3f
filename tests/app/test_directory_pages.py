"""The plain directory pages: language in the URL, fallback text marked, errors in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.helpers import invoke
from tests.importers.test_hsds3_import import _tiny_package


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
    from app.directory.queries import list_services
    from app.extensions import db
    from app.models import Service

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
