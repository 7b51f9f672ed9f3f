"""A caseworker's whole walk in a real browser, and every log record it made (every logger, at DEBUG, in the
server's threads): signing in, searching with words, opening a client's file with a name, an e-mail and a
phone number in a note, finding her again by name, searching by hand, referring her, the agency accepting
from its e-mail's link, the match API. No record holds any of what was typed, nor an address with its query
string or a client's id; every access line is JSON with its request id and route."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.accounts.people import PASSWORD
from tests.browser.conftest import mailing_site, serve
from tests.log_capture import logs_as_served
from tests.matching.builder import Spec
from tests.smtp import Inbox

LINK = re.compile(r"http://\S+/referral/(accept|outcome)/(\S+)")
CASEWORKER = "caseworker@example.org"
SEARCH_WORDS = "winter coats Verdun"
NEAR = "H2X 1Y4"
NAME = "Ophélie Brassard-Nguyen"
EMAIL = "ophelie.brassard@example.net"
PHONE = "514-555-0199"
NOTE = f"Call her at {PHONE} in the evening, about the rent arrears"
BY_HAND = "cheap groceries nearby"
TO_AGENCY = "She prefers Tuesday mornings"
# Records that are not the application's: the test's own web server (werkzeug's request lines; production
# serves with gunicorn, its access log off: tests/app/test_production_logs.py) and its SMTP server.
NOT_OURS = ("werkzeug", "mail.log")


@pytest.fixture
def site(
    tmp_path: Path, sqlite_template: Path, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Flask]]:
    app = mailing_site(
        tmp_path,
        sqlite_template,
        smtp_inbox.environment(),
        monkeypatch,
        [Spec("pantry"), Spec("kitchen", categories=("meals",))],
    )
    app.config["CARREFOUR_LOG_LEVEL"] = "DEBUG"
    base, server = serve(app)
    yield base, app
    server.shutdown()


@pytest.fixture
def json_logs(site: tuple[str, Flask]) -> Iterator[io.StringIO]:
    """The logs as `carrefour serve` writes them (its JSON handler on the root logger, at DEBUG)."""
    with logs_as_served(site[1], "json") as stream:
        yield stream


def walk(page: Any, agency: Any, base: str, smtp_inbox: Inbox) -> tuple[int, list[str]]:
    """The caseworker's walk; the client's id and the tokens of the agency's links."""
    page.goto(f"{base}/en/signin")
    page.get_by_label("E-mail").fill(CASEWORKER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account")

    page.goto(f"{base}/en/search")
    page.get_by_label("What do you need?").fill(SEARCH_WORDS)
    page.get_by_label("Near (postal code or address)").fill(NEAR)
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url("**/search?*")

    page.goto(f"{base}/en/casework/clients/new")
    page.get_by_label("Name or initials").fill(NAME)
    page.get_by_label("How to reach them").select_option("email")
    page.get_by_label("E-mail or phone number").fill(EMAIL)
    page.get_by_label("Postal code (or its first three characters)").fill(NEAR)
    page.get_by_role("button", name="Add the client").click()
    page.wait_for_url(re.compile(r".*/casework/clients/\d+$"))
    client_id = int(page.url.rsplit("/", 1)[1])
    assert page.get_by_role("heading", name=NAME).is_visible()
    page.get_by_label("Note", exact=True).fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    assert page.get_by_text(NOTE).is_visible()

    page.goto(f"{base}/en/casework/")
    page.get_by_label("Find a client by name or initials").fill(NAME)
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/casework/?q=*")
    page.get_by_role("link", name=NAME).click()
    page.wait_for_url(f"**/casework/clients/{client_id}")

    page.get_by_role("link", name="New assessment").click()
    page.locator("#food_worry-often").check()
    page.get_by_role("button", name="Save the assessment").click()
    page.wait_for_url("**/assessments/*")
    page.get_by_role("link", name="See the suggestions for these needs").click()
    page.wait_for_url("**/suggestions")
    page.get_by_label("Search the directory").fill(BY_HAND)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**/suggestions?q=*")
    page.get_by_role("button", name="Add to the list").first.click()
    page.wait_for_url("**/suggestions*")

    page.locator("a[href*='/refer/']").first.click()
    page.wait_for_url("**/refer/**")
    for fact in page.locator("input[name=facts]").all():
        fact.check()
    page.get_by_label("The person agreed out loud; I attest it").check()
    page.get_by_label("Note to the agency (sent only if ticked above)").fill(TO_AGENCY)
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_url("**/casework/referrals/*")

    [message] = smtp_inbox.to("intake@pantry.example.org")
    links = {m.group(1): m.group(0) for m in LINK.finditer(Inbox.text(message))}
    tokens = [m.group(2) for m in LINK.finditer(Inbox.text(message))]
    agency.goto(links["accept"])
    agency.get_by_role("button", name="Accept the referral").click()
    assert agency.get_by_role("heading", name="Thank you: your answer is recorded").is_visible()

    profile = {"needs": [{"category": "food-bank"}], "location": {"postal_code": NEAR}, "client": {"age": 47}}
    answer = page.request.post(
        f"{base}/api/v1/match?client={EMAIL}",
        data=json.dumps(profile),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status == 200, answer.text()
    return client_id, tokens


def test_a_caseworkers_walk_leaves_nothing_personal_in_any_log(
    browser: Any,
    site: tuple[str, Flask],
    smtp_inbox: Inbox,
    json_logs: io.StringIO,
    caplog: pytest.LogCaptureFixture,
) -> None:
    base, _ = site
    caplog.set_level(logging.DEBUG)  # every logger, every level
    context = browser.new_context()
    agency_context = browser.new_context()  # another person, never signed in
    client_id, tokens = walk(context.new_page(), agency_context.new_page(), base, smtp_inbox)
    context.close()
    agency_context.close()

    ours = [r for r in caplog.records if not r.name.startswith(NOT_OURS)]
    assert any(r.name.startswith("app.") for r in ours), "Carrefour logged nothing: this would prove nothing"
    # A record's message, its arguments and every field it carries (what a JSON handler would write).
    written = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__!r}" for r in ours)
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    ours_json = [line for line in lines if not line["logger"].startswith(NOT_OURS)]
    written += "\n" + json.dumps(ours_json, ensure_ascii=False)

    typed = [CASEWORKER, PASSWORD, EMAIL, PHONE, "5145550199", NEAR, "H2X", *tokens]
    typed += SEARCH_WORDS.split() + NAME.replace("-", " ").split() + NOTE.split()[-4:] + BY_HAND.split()
    typed += TO_AGENCY.split()[-2:]
    assert [word for word in typed if word in written] == []
    addresses = ["q=", "?client", f"/clients/{client_id}", "/referral/accept/", "/search?"]
    assert [address for address in addresses if address in written] == []

    access = [line for line in lines if line["logger"] == "app.access"]
    endpoints = {line["endpoint"] for line in access}
    walked = {"accounts.sign_in", "directory.search", "casework.new_client", "casework.add_note"}
    walked |= {"casework.caseload", "casework.suggestions", "casework.send_referral", "api.match"}
    assert walked <= endpoints, walked - endpoints
    assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in access)
    assert len({line["request_id"] for line in access}) == len(access)  # one line, one id, per request
