"""The API answers bad input and faults with JSON errors naming what is wrong, never an HTML page, a 500 for
bad input, or numbers JSON does not have; the work a request can ask for is bounded."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from app.core.settings import MAX_BODY_BYTES
from tests.helpers import invoke

PROFILE: dict[str, Any] = {"needs": [{"category": "food-bank"}], "location": {"lat": 45.5, "lon": -73.6}}


def strict_json(response: TestResponse) -> Any:
    """The body as JSON, refusing NaN and Infinity (which Python's reader would accept)."""
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:200]

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(response.get_data(as_text=True), parse_constant=refuse)


def errors(response: TestResponse) -> dict[str, str]:
    return {e["field"]: e["message"] for e in strict_json(response)["errors"]}


def post(
    app: Flask, body: str | bytes, content_type: str = "application/json", **headers: str
) -> TestResponse:
    headers = {"Accept-Language": "en", **headers}  # the API speaks the language asked (default: French)
    return app.test_client().post("/api/v1/match", data=body, content_type=content_type, headers=headers)


def test_deeply_nested_json_is_a_400_not_a_server_error(app: Flask) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    response = post(app, deep)
    assert response.status_code == 400 and "(body)" in errors(response)
    inside = json.dumps({**PROFILE, "client": {"age": 30}}).replace("30", "[" * 50 + "30" + "]" * 50)
    response = post(app, inside)
    assert response.status_code == 400 and any(f.startswith("client.age") for f in errors(response))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"needs": [{"category": "food-bank"}], "location": {"lat": NaN, "lon": -73.6}}', "location.lat"),
        ('{"needs": [{"category": "food-bank"}], "max_distance_km": NaN}', "max_distance_km"),
        ('{"needs": [{"category": "food-bank"}], "max_distance_km": Infinity}', "max_distance_km"),
        (
            '{"needs": [{"category": "food-bank"}], "max_distance_km": 1e999}',
            "max_distance_km",
        ),  # read as inf
    ],
)
def test_numbers_that_are_not_finite_are_refused(app: Flask, body: str, field: str) -> None:
    response = post(app, body)
    assert response.status_code == 400
    assert errors(response) == {field: "must be a finite number"}


def test_a_body_over_the_limit_is_refused_before_it_is_read(app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == MAX_BODY_BYTES
    note = "x" * MAX_BODY_BYTES  # schema-valid but for its length, and larger than any profile
    started = time.perf_counter()
    response = post(app, json.dumps({"needs": [{"category": "food-bank", "note": note}]}))
    assert response.status_code == 413 and "(body)" in errors(response)
    assert time.perf_counter() - started < 2


def test_the_profile_is_held_to_the_contracts_bounds(app: Flask) -> None:
    response = post(app, json.dumps({"needs": [{"category": "food-bank"}] * 21}))
    assert response.status_code == 400 and errors(response) == {"needs": "at most 20 items"}
    response = post(app, json.dumps({"needs": [{"category": "food-bank", "note": "x" * 501}]}))
    assert errors(response) == {"needs[0].note": "at most 500 characters"}


def test_thousands_of_needs_take_no_time_and_get_a_short_answer(app: Flask) -> None:
    needs = [{"category": "pizza"}] * 9_000  # within the size limit; each one wrong too
    started = time.perf_counter()
    response = post(app, json.dumps({"needs": needs}, separators=(",", ":")))
    assert time.perf_counter() - started < 3
    assert response.status_code == 400
    assert len(strict_json(response)["errors"]) <= 50 and len(response.get_data()) < 20_000


def test_a_body_that_is_not_json_is_415_and_bad_json_400(app: Flask) -> None:
    response = post(app, json.dumps(PROFILE), content_type="text/plain")
    assert response.status_code == 415 and "(body)" in errors(response)
    response = post(app, "{")
    assert response.status_code == 400 and "(body)" in errors(response)


def test_unknown_addresses_and_methods_answer_json(app: Flask) -> None:
    client = app.test_client()
    for path in ("/api/v1/nothing", "/api/", "/api/v2/match"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 404 and "(request)" in errors(response), path
    response = client.get("/api/v1/match")
    assert response.status_code == 405 and "(request)" in errors(response)
    assert "POST" in response.headers["Allow"]
    page = client.get("/en/nowhere")  # the public pages keep their page
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_an_unexpected_fault_is_a_json_500(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: Any) -> dict[str, Any]:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("app.api.routes.run_match", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the handler answers
    response = post(app, json.dumps(PROFILE))
    assert response.status_code == 500
    assert "fire" not in response.get_data(as_text=True)
    assert errors(response) == {"(request)": "internal error; it has been logged"}


def test_errors_speak_the_language_asked(app: Flask) -> None:
    response = post(app, json.dumps(PROFILE), content_type="text/plain", **{"Accept-Language": "fr"})
    assert "doit être du JSON" in errors(response)["(body)"]
    response = post(
        app, '{"needs": [{"category": "food-bank"}], "max_distance_km": NaN}', **{"Accept-Language": "fr"}
    )
    assert errors(response) == {"max_distance_km": "doit être un nombre fini"}


def test_a_good_profile_still_matches_and_search_down_is_a_json_503(app: Flask) -> None:
    response = post(app, json.dumps(PROFILE))  # no search index yet
    assert response.status_code == 503 and "(request)" in errors(response)
    assert invoke(app, "index").exit_code == 0
    response = post(app, json.dumps(PROFILE))
    assert response.status_code == 200 and strict_json(response)["needs"][0]["category"] == "food-bank"


def test_the_command_door_refuses_the_same_profiles(app: Flask, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = invoke(app, "match", str(deep))
    assert result.exit_code == 2 and "nested too deeply" in result.output
    not_finite = tmp_path / "nan.json"
    not_finite.write_text('{"needs": [{"category": "food-bank"}], "max_distance_km": NaN}', encoding="utf-8")
    result = invoke(app, "match", str(not_finite))
    assert result.exit_code == 2 and "max_distance_km: must be a finite number" in result.output
