"""schemathesis reads the OpenAPI document the HSDS API serves and tries every operation with requests it
generates from it: valid ones must answer what the document promises (a documented status and content
type, a body matching its schema) and never a 5xx; invalid ones (a parameter of the wrong type, out of its
range, empty or not among its values) must be refused with a documented 4xx JSON answer, never a 5xx.

The document's `$ref`s are absolute addresses built from the request's host, so the demo directory is
served on a real local port and schemathesis reads the document and its schemas from there: nothing
leaves the machine. Generation is bounded and deterministic, and writes no example database.

Each operation runs as a Hypothesis test over `operation.as_strategy()`: schemathesis's own pytest loader
(`schemathesis.pytest.from_fixture`) sets a node attribute (`_nodeid`) that pytest 9.2 no longer has.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from werkzeug.serving import make_server

from app.api.hsds.openapi import openapi_document

MAX_EXAMPLES = 25
# What every answer must satisfy; an invalid request must moreover be refused (negative_data_rejection).
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]
# Every path the document describes (each a GET), known without a server: the document is built from the
# official one shipped in the project.
PATHS = sorted(openapi_document("http://127.0.0.1/api/hsds")["paths"])
RECORD_KINDS = ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms")
BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module")
def served(demo_app: Flask) -> Iterator[str]:
    """The demo directory answering on a free local port, for as long as the module's tests run."""
    demo_app.config["CARREFOUR_API_RATE_LIMIT"] = "1000000/minute"
    server = make_server("127.0.0.1", 0, demo_app)
    thread = threading.Thread(target=server.serve_forever, name="hsds-api", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="module")
def api_schema(served: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{served}/api/hsds/openapi.json")
    assert schema.get_base_url() == f"{served}/api/hsds"  # the document names this server
    schema.config.checks.update(included_check_names=[*CHECKS, "negative_data_rejection"])
    return schema


@pytest.fixture(scope="module")
def known_ids(served: str) -> dict[str, list[str]]:
    """Some ids of each kind, from the lists. A generated id is never a record's: half the cases of a record
    address ask for one that exists instead, so its answer is checked too, not only the 404."""
    found = {}
    for kind in RECORD_KINDS:
        answer = requests.get(f"{served}/api/hsds/{kind}", params={"per_page": 25}, timeout=30).json()
        found[f"/{kind}/{{id}}"] = [item["id"] for item in answer["contents"]]
        assert found[f"/{kind}/{{id}}"], f"the demo directory has {kind}"
    return found


def run(schema: schemathesis.BaseSchema, path: str, mode: GenerationMode, ids: dict[str, list[str]]) -> None:
    operation = schema[path]["GET"]
    cases = operation.as_strategy(generation_mode=mode)
    if path in ids:
        existing = st.sampled_from(ids[path]).flatmap(
            lambda record_id: operation.as_strategy(generation_mode=mode, path_parameters={"id": record_id})
        )
        cases = st.one_of(cases, existing)

    @BOUNDED
    @given(case=cases)
    def examples(case: schemathesis.Case) -> None:
        # negative_data_rejection wants a 4xx only where the invalid value reaches the wire (an empty
        # array, say, is no parameter at all); every refusal is JSON, whatever the mode.
        response = case.call_and_validate()
        assert response.status_code < 500, case.as_curl_command()
        if response.status_code >= 400:
            assert response.headers.get("content-type", [""])[0] == "application/json", case.as_curl_command()

    examples()


@pytest.mark.parametrize("path", PATHS)
def test_valid_requests_get_what_the_document_promises(
    api_schema: schemathesis.BaseSchema, known_ids: dict[str, list[str]], path: str
) -> None:
    run(api_schema, path, GenerationMode.POSITIVE, known_ids)


@pytest.mark.parametrize("path", PATHS)
def test_invalid_requests_are_refused_with_a_documented_4xx(
    api_schema: schemathesis.BaseSchema, known_ids: dict[str, list[str]], path: str
) -> None:
    run(api_schema, path, GenerationMode.NEGATIVE, known_ids)
