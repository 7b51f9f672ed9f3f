"""The sign-in pages in a real browser: a person signs in and out with the keyboard and the form, a wrong
password is said where a screen reader reads it, and no serious accessibility violation on these pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.core.settings import load_settings, smtp_server
from tests.accounts.people import PASSWORD, add_people
from tests.browser.conftest import axe_violations, serve
from tests.smtp import Inbox


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    from tests.conftest import _sqlite_app

    app: Flask = _sqlite_app(tmp_path_factory.mktemp("signin") / "db", sqlite_template)
    add_people(app)
    base, server = serve(app)
    yield base
    server.shutdown()


def test_a_caseworker_signs_in_and_out(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-CA")
    page = context.new_page()
    page.goto(f"{site}/fr/")
    page.get_by_role("link", name="Connexion du personnel").click()
    page.get_by_label("Courriel").fill("caseworker@example.org")
    page.get_by_label("Mot de passe").fill("pas le bon mot de passe")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("alert").inner_text().startswith("Ce courriel et ce mot de passe")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    page.wait_for_url("**/fr/account")
    assert page.get_by_role("heading", name="Votre compte").is_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/fr/")
    assert page.get_by_role("link", name="Connexion du personnel").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path", ["/fr/signin", "/en/signin", "/fr/password/forgot", "/en/password/reset/not-a-token"]
)
def test_no_serious_accessibility_violation_on_the_sign_in_pages(browser: Any, site: str, path: str) -> None:
    context = browser.new_context(bypass_csp=True)  # axe-core is injected as a script
    page = context.new_page()
    page.goto(f"{site}{path}")
    violations = axe_violations(page)
    context.close()
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_a_forgotten_password_is_reset_from_the_link_in_the_email(
    browser: Any, app: Flask, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in smtp_inbox.environment().items():
        monkeypatch.setenv(name, value)
    app.config["CARREFOUR_SMTP"] = smtp_server(load_settings())
    add_people(app)
    base, server = serve(app)
    context = browser.new_context(locale="fr-CA")
    page = context.new_page()
    try:
        page.goto(f"{base}/fr/signin")
        page.get_by_role("link", name="Mot de passe oublié?").click()
        page.get_by_label("Courriel").fill("agency@example.org")
        page.get_by_role("button", name="Envoyer le lien").click()
        assert "est en route" in page.get_by_role("status").inner_text()
        [message] = smtp_inbox.to("agency@example.org")
        link = re.search(r"http://\S+", Inbox.text(message)).group(0)  # type: ignore[union-attr]
        page.goto(base + link[link.index("/fr/") :])
        page.get_by_label("Nouveau mot de passe").fill("une nouvelle phrase de passe")
        page.get_by_label("Le même mot de passe, encore une fois").fill("une nouvelle phrase de passe")
        page.get_by_role("button", name="Enregistrer le mot de passe").click()
        page.wait_for_url("**/fr/account")
        assert page.get_by_role("heading", name="Votre compte").is_visible()
    finally:
        context.close()
        server.shutdown()
