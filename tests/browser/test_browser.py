"""What a person sees in a real browser: search in French and English, filter, open a service, switch
language; and no serious or critical accessibility violation on the home, results and service pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.browser.conftest import axe_violations, screenshot, serve
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    from tests.conftest import _sqlite_app

    folder = tmp_path_factory.mktemp("browser")
    app: Flask = _sqlite_app(folder / "db", sqlite_template)
    specs = [
        Spec(
            "food",
            name="Banque alimentaire du Plateau",
            description="Paniers d'épicerie chaque semaine",
            costs=(0,),
            location_features=("wheelchair-accessible",),
            languages=("fr", "es"),
            hours=(("MO,TU,WE,TH,FR", "09:00", "17:00"),),
        ),
        Spec("meals", categories=("meals",), name="Soupe populaire", lat=HOME[0] + 0.02, costs=(5,)),
        Spec(
            "shelter",
            categories=("emergency-shelter",),
            name="Hébergement d'urgence Le Phare",
            lat=HOME[0] + 0.01,
        ),
    ]
    package = build(folder / "pkg", specs)
    assert invoke(app, "import", str(package), "--lang", "fr", "--source", "site").exit_code == 0
    base, server = serve(app)
    yield base
    server.shutdown()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-CA")
    yield context.new_page()
    context.close()


def test_search_filter_open_and_switch_language(page: Any, site: str) -> None:
    page.goto(f"{site}/")
    assert page.url.endswith("/fr/")
    page.get_by_label("De quoi avez-vous besoin?").fill("banque alimentaire")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/fr/search?**")
    assert page.get_by_role("heading", name="1 résultat").is_visible()
    screenshot(page, "fr-results")
    page.get_by_label("Gratuit").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    assert "free=1" in page.url
    page.get_by_role("link", name="Banque alimentaire du Plateau").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Banque alimentaire du Plateau"
    assert page.get_by_text("Accessible en fauteuil roulant").first.is_visible()
    screenshot(page, "fr-service")
    page.get_by_role("link", name="English").click()
    assert "/en/services/" in page.url
    assert page.get_by_role("heading", name="Who can use it").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "en-service")


def test_english_search_finds_french_only_text(page: Any, site: str) -> None:
    page.goto(f"{site}/en/")
    page.get_by_label("What do you need?").fill("shelter")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Hébergement d'urgence Le Phare").is_visible()
    assert page.get_by_text("(in French)").first.is_visible()
    screenshot(page, "en-results")


def test_works_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/fr/search?q=soupe")
    assert page.get_by_role("link", name="Soupe populaire").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path", ["/fr/", "/en/search?q=banque", "/fr/search?category=food", "/en/services/svc-food"]
)
def test_no_serious_accessibility_violation(browser: Any, site: str, path: str) -> None:
    context = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = context.new_page()
    page.goto(f"{site}{path}")
    violations = axe_violations(page)
    context.close()
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
