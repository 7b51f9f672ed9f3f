"""Structured logs: one JSON access line per request naming the route (never the address asked for), the
request's id on every record written while it is served and in the `X-Request-Id` answer, a safe incoming id
kept and any other replaced; the text format and the level from the environment."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, Response, current_app, stream_with_context
from sqlalchemy import text

from app.core.settings import load_settings
from app.web.extensions import db
from tests.accounts.people import PASSWORD, add_people, sign_in
from tests.log_capture import logs_as_served

NEW_ID = re.compile(r"[0-9a-f]{32}")

SOMEONE = "Mireille Tremblay"

Lines = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def json_lines(app: Flask) -> Iterator[Lines]:
    """The app's logs as `carrefour serve` writes them (its JSON handler on the root logger), read back as
    one parsed object a line; a line that is not JSON fails the test."""
    with logs_as_served(app, "json") as stream:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]


def access_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if line["logger"] == "app.access"]


def add_a_noisy_route(app: Flask) -> None:
    """A view that logs through the app's logger and a library's, as views and libraries do."""

    def noisy() -> str:
        current_app.logger.info("the view works")
        logging.getLogger("some.library").warning("a library says something")
        return "done"

    app.add_url_rule("/test/noisy", "noisy", noisy)


def test_a_request_writes_one_json_access_line_and_its_id_is_on_every_record(
    app: Flask, json_lines: Lines
) -> None:
    add_a_noisy_route(app)
    answer = app.test_client().get("/test/noisy")
    assert answer.status_code == 200 and answer.get_data(as_text=True) == "done"
    request_id = answer.headers["X-Request-Id"]
    assert NEW_ID.fullmatch(request_id)
    lines = json_lines()
    assert {line["message"] for line in lines if line["logger"] != "app.access"} == {
        "the view works",
        "a library says something",
    }
    assert all(line["request_id"] == request_id for line in lines)
    [access] = access_lines(lines)
    assert access["level"] == "INFO" and access["time"].startswith("20")
    assert access["method"] == "GET" and access["endpoint"] == "noisy" and access["status"] == 200
    assert isinstance(access["duration_ms"], float) and 0 <= access["duration_ms"] < 10_000
    assert access["bytes"] == len(b"done")
    # A record written outside any request carries no id (the previous request's is gone).
    logging.getLogger("app.factory").warning("between requests")
    assert "request_id" not in json_lines()[-1]


def test_each_request_has_its_own_id(app: Flask, json_lines: Lines) -> None:
    client = app.test_client()
    ids = [client.get("/healthz", buffered=True).headers["X-Request-Id"] for _ in range(3)]
    assert len(set(ids)) == 3
    assert [line["request_id"] for line in access_lines(json_lines())] == ids


@pytest.mark.parametrize(
    "incoming", ["abc-123", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "Root.1-5e1b_4c2a", "a" * 64]
)
def test_a_safe_incoming_request_id_is_kept(app: Flask, json_lines: Lines, incoming: str) -> None:
    # buffered: the body read whole, as a server sends it (the access line is written at its end)
    answer = app.test_client().get("/healthz", headers={"X-Request-Id": incoming}, buffered=True)
    assert answer.headers["X-Request-Id"] == incoming
    assert [line["request_id"] for line in access_lines(json_lines())] == [incoming]


@pytest.mark.parametrize(
    "incoming",
    [
        "a" * 65,  # too long
        "two words",
        "someone@example.org",
        "id;drop",
        "/en/search?q=food",
        "-starts-with-a-dash",
        "é" * 8,
    ],
)
def test_an_unsafe_incoming_request_id_is_replaced(app: Flask, json_lines: Lines, incoming: str) -> None:
    answer = app.test_client().get("/healthz", headers={"X-Request-Id": incoming}, buffered=True)
    replaced = answer.headers["X-Request-Id"]
    assert NEW_ID.fullmatch(replaced) and answer.headers.getlist("X-Request-Id") == [replaced]
    lines = json_lines()
    assert [line["request_id"] for line in access_lines(lines)] == [replaced]
    assert incoming not in json.dumps(lines, ensure_ascii=False)


def test_the_access_line_names_the_route_never_the_address_nor_what_was_typed(
    app: Flask, json_lines: Lines
) -> None:
    add_people(app)
    client = app.test_client()
    client.get("/en/search?q=winter+boots+for+Mireille&near=H2X+1Y4", buffered=True)
    client.get("/en/casework/clients/4242", buffered=True)  # not signed in: sent to the sign-in page
    client.get("/en/no-such-page-about-Mireille", buffered=True)
    sign_in(client, "caseworker@example.org").close()
    client.get("/en/casework/?q=Mireille", buffered=True)
    profile = {"needs": [{"category": "food-bank"}], "client": {"age": 71}}
    client.post("/api/v1/match", json=profile, buffered=True)
    lines = json_lines()
    routes = [(line["method"], line["endpoint"], line["status"]) for line in access_lines(lines)]
    assert ("GET", "directory.search", 200) in routes
    assert ("GET", "casework.client", 302) in routes
    assert ("GET", None, 404) in routes
    assert ("POST", "accounts.sign_in", 302) in routes
    assert ("GET", "casework.caseload", 200) in routes
    assert ("POST", "api.match", 503) in routes  # no search index in this test: still one line
    written = json.dumps(lines, ensure_ascii=False)
    typed = ["winter", "boots", "Mireille", "H2X", "4242", "q=", "?", "caseworker@example.org", PASSWORD]
    assert [word for word in typed if word in written] == []


def test_a_streamed_answer_is_counted_to_its_last_byte(app: Flask, json_lines: Lines) -> None:
    chunks = [b"x" * 1000, b"y" * 500, b"z"]

    def streamed() -> Response:
        def parts() -> Iterator[bytes]:
            for chunk in chunks:
                current_app.logger.info("a chunk")  # the request's id while its answer streams
                yield chunk

        return Response(stream_with_context(parts()), mimetype="application/octet-stream")

    app.add_url_rule("/test/stream", "stream", streamed)
    answer = app.test_client().get("/test/stream")
    assert answer.get_data() == b"".join(chunks)
    lines = json_lines()
    request_id = answer.headers["X-Request-Id"]
    assert [line["message"] for line in lines if line["logger"] != "app.access"] == ["a chunk"] * 3
    assert {line["request_id"] for line in lines} == {request_id}
    [access] = access_lines(lines)
    assert access["bytes"] == 1501 and access["endpoint"] == "stream"


def test_a_view_that_fails_is_logged_with_its_route_and_its_id(app: Flask, json_lines: Lines) -> None:
    def broken(client_id: int) -> str:
        raise RuntimeError("the disk is on fire")

    app.add_url_rule("/test/clients/<int:client_id>/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the handler answers
    answer = app.test_client().get("/test/clients/4242/broken", buffered=True)
    assert answer.status_code == 500
    lines = json_lines()
    [error] = [line for line in lines if line["level"] == "ERROR"]
    assert error["message"] == "unhandled error in broken" and "RuntimeError" in error["exc_info"]
    assert error["request_id"] == answer.headers["X-Request-Id"]
    assert access_lines(lines)[0]["status"] == 500
    assert "4242" not in json.dumps(lines)


def test_a_database_error_is_logged_without_the_values_of_its_statement(
    app: Flask, json_lines: Lines
) -> None:
    def lookup() -> str:
        statement = text("SELECT id FROM no_such_table WHERE name = :name")
        db.session.execute(statement, {"name": SOMEONE})  # (the traceback quotes this line, not the value)
        return "never"

    app.add_url_rule("/test/lookup", "lookup", lookup)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/test/lookup", buffered=True).status_code == 500
    [error] = [line for line in json_lines() if line["level"] == "ERROR"]
    assert "no_such_table" in error["exc_info"]  # the statement, to find the fault; never its values
    assert SOMEONE not in error["exc_info"] and "parameters hidden" in error["exc_info"]


def test_the_text_format_and_the_level_come_from_the_environment(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import _sqlite_app

    monkeypatch.setenv("CARREFOUR_LOG_FORMAT", "Text")
    monkeypatch.setenv("CARREFOUR_LOG_LEVEL", "warning")
    app = _sqlite_app(tmp_path, sqlite_template)
    add_a_noisy_route(app)
    with logs_as_served(app, "json") as stream:  # the setting wins over the command's default
        request_id = app.test_client().get("/test/noisy").headers["X-Request-Id"]
    [line] = stream.getvalue().splitlines()  # WARNING: the view's INFO and the access line are below it
    assert re.fullmatch(rf"\S+ \S+ WARNING some\.library \[{request_id}\] a library says something", line)


def test_the_access_line_in_text_says_the_same(app: Flask) -> None:
    with logs_as_served(app, "text") as stream:
        request_id = app.test_client().get("/healthz?probe=1", buffered=True).headers["X-Request-Id"]
    [line] = stream.getvalue().splitlines()
    assert re.fullmatch(
        rf"\S+ \S+ INFO app\.access \[{request_id}\] GET health\.\w+ 200 [\d.]+ ms \d+ bytes", line
    )


def test_log_settings_default_and_accept_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.log_format is None and settings.log_level == "INFO"
    monkeypatch.setenv("CARREFOUR_LOG_FORMAT", " JSON ")
    monkeypatch.setenv("CARREFOUR_LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.log_format == "json" and settings.log_level == "DEBUG"
