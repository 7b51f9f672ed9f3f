"""A caseworker's day in a real browser, in French and in English: sign in, add a client, assess, read the
suggestions, put one on the list, print the list (and get its PDF); axe finds no serious violation on any
page of the walk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.accounts.people import PASSWORD, add_people
from tests.browser.conftest import axe_violations, serve
from tests.helpers import invoke
from tests.matching.builder import Spec, build

WORDS = {
    "fr": {
        "email": "Courriel",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "new": "Nouvelle personne",
        "name": "Nom ou initiales",
        "postal": "Code postal (ou ses trois premiers caractères)",
        "add_client": "Ajouter la personne",
        "assess": "Nouvelle évaluation",
        "often": "Souvent",
        "save": "Enregistrer l'évaluation",
        "see": "Voir les suggestions pour ces besoins",
        "add": "Ajouter à la liste",
        "print": "Imprimer la liste",
    },
    "en": {
        "email": "E-mail",
        "password": "Password",
        "sign_in": "Sign in",
        "new": "New client",
        "name": "Name or initials",
        "postal": "Postal code (or its first three characters)",
        "add_client": "Add the client",
        "assess": "New assessment",
        "often": "Often",
        "save": "Save the assessment",
        "see": "See the suggestions for these needs",
        "add": "Add to the list",
        "print": "Print the list",
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    from tests.conftest import _sqlite_app

    folder = tmp_path_factory.mktemp("casework")
    app: Flask = _sqlite_app(folder / "db", sqlite_template)
    app.config["RATELIMIT_ENABLED"] = False
    add_people(app)
    package = build(folder / "pkg", [Spec("pantry"), Spec("kitchen", categories=("meals",))])
    result = invoke(app, "import", str(package), "--lang", "en", "--source", "walk")
    assert result.exit_code == 0, result.output
    base, server = serve(app)
    yield base
    server.shutdown()


def _checked(page: Any, seen: list[tuple[str, list[Any]]]) -> None:
    seen.append((page.url, axe_violations(page)))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_caseworker_goes_from_sign_in_to_a_printed_list(browser: Any, site: str, lang: str) -> None:
    words = WORDS[lang]
    context = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = context.new_page()
    seen: list[tuple[str, list[Any]]] = []
    page.goto(f"{site}/{lang}/signin")
    page.get_by_label(words["email"]).fill("caseworker@example.org")
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_url("**/account")
    page.goto(f"{site}/{lang}/casework/")
    _checked(page, seen)
    page.get_by_role("link", name=words["new"]).first.click()
    _checked(page, seen)
    name = f"Walk {lang.upper()}"
    page.get_by_label(words["name"]).fill(name)
    page.get_by_label(words["postal"]).fill("H2X 1Y4")
    page.get_by_role("button", name=words["add_client"]).click()
    page.wait_for_url("**/casework/clients/*")
    assert page.get_by_role("heading", name=name).is_visible()
    _checked(page, seen)
    page.get_by_role("link", name=words["assess"]).click()
    _checked(page, seen)
    page.locator("#food_worry-often").check()
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url("**/assessments/*")
    _checked(page, seen)
    page.get_by_role("link", name=words["see"]).click()
    page.wait_for_url("**/suggestions")
    assert page.get_by_text("Service pantry").first.is_visible()
    _checked(page, seen)
    page.get_by_role("button", name=words["add"]).first.click()
    page.wait_for_url("**/suggestions*")
    page.get_by_role("link", name=words["print"]).click()
    page.wait_for_url("**/list")
    assert page.get_by_role("heading", name="Service pantry").first.is_visible()
    assert "911" in page.content()
    _checked(page, seen)
    pdf = page.request.get(page.url + ".pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
    page.goto(f"{site}/{lang}/casework/sheets")  # the outreach sheets' form, no client
    _checked(page, seen)
    context.close()
    problems = [(url, [(v["id"], v["help"]) for v in found]) for url, found in seen if found]
    assert problems == []
