"""The admin pages in a real browser: an admin adds a caseworker from the form (the invitation link shown,
e-mail being unset), finds the event in the audit log; no serious accessibility violation on the pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.accounts.people import PASSWORD, add_people
from tests.browser.conftest import axe_violations, serve


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    from tests.conftest import _sqlite_app

    app: Flask = _sqlite_app(tmp_path_factory.mktemp("admin") / "db", sqlite_template)
    add_people(app)
    base, server = serve(app)
    yield base
    server.shutdown()


def _signed_in_admin(browser: Any, site: str, **context: Any) -> tuple[Any, Any]:
    opened = browser.new_context(**context)
    page = opened.new_page()
    page.goto(f"{site}/en/signin")
    page.get_by_label("E-mail").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/account")
    return opened, page


def test_an_admin_adds_a_caseworker_and_finds_it_in_the_log(browser: Any, site: str) -> None:
    context, page = _signed_in_admin(browser, site)
    page.goto(f"{site}/fr/admin/users")
    page.get_by_label("Courriel").fill("nouvelle@example.org")
    page.get_by_label("Rôle").select_option("caseworker")
    page.get_by_label("Équipe (superviseur, intervenant)").fill("Équipe Sud")
    page.get_by_role("button", name="Ajouter et envoyer l'invitation").click()
    assert "/password/invite/" in page.content()  # e-mail unset: the page hands the link over
    assert page.get_by_role("cell", name="nouvelle@example.org").is_visible()
    page.goto(f"{site}/fr/admin/audit")
    assert page.get_by_role("cell", name="user.create", exact=True).first.is_visible()
    context.close()


@pytest.mark.parametrize("path", ["/fr/admin/users", "/en/admin/audit"])
def test_no_serious_accessibility_violation_on_the_admin_pages(browser: Any, site: str, path: str) -> None:
    context, page = _signed_in_admin(browser, site, bypass_csp=True)  # axe-core is injected as a script
    page.goto(f"{site}{path}")
    violations = axe_violations(page)
    context.close()
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
