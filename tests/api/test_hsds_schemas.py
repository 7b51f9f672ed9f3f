"""Every answer of the HSDS API, for the whole demo directory in French and in English, validates against the
response schema the served OpenAPI document gives for it, its `$ref`s resolved from this server alone: every
page of every list (and its ndjson stream), every record, the errors and redirects. List items and records
also validate against the official schemas shipped in the project (compiled/*.json and the table schemas),
so a mistake in the document's rewriting cannot hide a bad record."""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import delete

from app.core.models import IdRedirect, MergeRecord
from app.data import compiled_schema, hsds_schema
from app.web.extensions import db

HOST = "http://localhost"
OPENAPI_URL = f"{HOST}/api/hsds/openapi.json"
OFFICIAL_PREFIX = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
LANGS = ("fr", "en")
PER_PAGE = 100

# Every list form the document defines, walked page by page.
LISTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("/services", {}),
    ("/services", {"full": "true"}),
    ("/services", {"minimal": "true"}),
    ("/organizations", {}),
    ("/organizations", {"full": "true"}),
    ("/organizations", {"full_service": "true"}),
    ("/service_at_locations", {}),
    ("/service_at_locations", {"full": "true"}),
    ("/taxonomies", {}),
    ("/taxonomy_terms", {}),
)
# The official schema (shipped in app/data) each list's items must match, beside the served document.
LIST_OFFICIAL = {
    "/services": "compiled/service_list",
    "/services?full=true": "compiled/service",
    "/services?minimal=true": "minimal",
    "/organizations": "compiled/organization_list",
    "/organizations?full=true": "compiled/organization",
    "/organizations?full_service=true": "compiled/organization",
    "/service_at_locations": "compiled/service_at_location_list",
    "/service_at_locations?full=true": "compiled/service_at_location",
    "/taxonomies": "taxonomy",
    "/taxonomy_terms": "taxonomy_term",
}
# Every record form, for each id its list gave, and the official schema the record must also match.
RECORDS: tuple[tuple[str, str, dict[str, str], str], ...] = (
    ("/services", "/services/{id}", {}, "compiled/service"),
    ("/organizations", "/organizations/{id}", {}, "compiled/organization"),
    ("/organizations", "/organizations/{id}", {"full_service": "true"}, "compiled/organization"),
    ("/service_at_locations", "/service_at_locations/{id}", {}, "compiled/service_at_location"),
    ("/taxonomies", "/taxonomies/{id}", {}, "taxonomy"),
    ("/taxonomy_terms", "/taxonomy_terms/{id}", {}, "taxonomy_term"),
)
MAX_REPORTED = 8  # errors shown per failing test: enough to see the pattern


# --- formats ------------------------------------------------------------------------------------------------

# jsonschema checks `date-time` and `uri` only with optional packages the project does not install; without
# them a malformed date or address would pass unseen, so the two checks the HSDS schemas use are written here.
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))  # raises on a day or hour out of range
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_URI.fullmatch(value)) and not re.search(r"%(?![0-9A-Fa-f]{2})", value)


def format_checker() -> FormatChecker:
    checker = FormatChecker(Draft202012Validator.FORMAT_CHECKER.checkers)
    if "date-time" not in checker.checkers:
        checker.checks("date-time", raises=ValueError)(_is_date_time)
    if "uri" not in checker.checkers:
        checker.checks("uri", raises=ValueError)(_is_uri)
    return checker


def test_the_format_checks_refuse_what_they_should() -> None:
    checker = format_checker()
    for good, fmt in (("2026-01-31T12:00:00Z", "date-time"), ("https://exemple.org/a?b=%C3%A9", "uri")):
        assert checker.conforms(good, fmt), good
    for bad, fmt in (
        ("2026-01-31", "date-time"),
        ("2026-13-31T12:00:00Z", "date-time"),
        ("2026-01-31T12:00:00", "date-time"),
        ("www.exemple.org", "uri"),
        ("https://exemple.org/café", "uri"),
        ("https://exemple.org/a b", "uri"),
    ):
        assert not checker.conforms(bad, fmt), bad


# --- the document and its schemas, from this server alone ---------------------------------------------------


@pytest.fixture(scope="module")
def api(demo_app: Flask) -> FlaskClient:
    demo_app.config["CARREFOUR_API_RATE_LIMIT"] = "1000000/minute"  # a full walk is thousands of requests
    client = demo_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    return client


def get_json(api: FlaskClient, url: str, **query: str) -> tuple[int, Any]:
    response = api.get(url.removeprefix(HOST), query_string=query or None)
    assert response.mimetype == "application/json", (url, query, response.get_data(as_text=True)[:300])
    return response.status_code, json.loads(response.get_data(as_text=True))


@dataclass(frozen=True)
class Served:
    document: dict[str, Any]
    registry: Registry[Any]
    checker: FormatChecker

    def validator(
        self, path: str, status: str = "200", media_type: str = "application/json"
    ) -> Draft202012Validator:
        """The validator of the schema the document gives for a GET of `path` answering `status`."""
        responses = self.document["paths"][path]["get"]["responses"]
        assert status in responses, (
            f"{path}: {status} is not among the documented answers {sorted(responses)}"
        )
        assert media_type in responses[status]["content"], f"{path}: {status} as {media_type} is undocumented"
        pointer = "/".join(
            p.replace("~", "~0").replace("/", "~1")
            for p in ("paths", path, "get", "responses", status, "content", media_type, "schema")
        )
        return Draft202012Validator(
            {"$ref": f"{OPENAPI_URL}#/{pointer}"}, registry=self.registry, format_checker=self.checker
        )


@pytest.fixture(scope="module")
def served(api: FlaskClient) -> Served:
    status, document = get_json(api, OPENAPI_URL)
    assert status == 200

    @cache
    def retrieve(uri: str) -> Resource[Any]:
        # Every schema the document names must be served here: nothing is fetched from elsewhere.
        if urlsplit(uri).netloc != urlsplit(HOST).netloc:
            raise NoSuchResource(ref=uri)
        code, contents = get_json(api, uri)
        if code != 200:
            raise NoSuchResource(ref=uri)
        return DRAFT202012.create_resource(contents)

    openapi = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(OPENAPI_URL, openapi)  # type: ignore[call-arg]
    return Served(document, registry, format_checker())


@cache
def official_validator(name: str) -> Draft202012Validator:
    """The official schema `name` (`compiled/service`, a table schema such as `taxonomy`, or `minimal`), read
    from the copies shipped in the project, its `$ref`s resolved at their official addresses from them too."""
    if name == "minimal":  # the API reference's minimal service: its id and last change, nothing else
        service = compiled_schema("service")["properties"]
        schema: dict[str, Any] = {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {key: service[key] for key in ("id", "last_modified")},
        }
    elif name.startswith("compiled/"):
        schema = compiled_schema(name.removeprefix("compiled/"))
    else:
        schema = hsds_schema(name)

    def shipped(uri: str) -> Resource[Any]:
        if not uri.startswith(OFFICIAL_PREFIX):
            raise NoSuchResource(ref=uri)
        return DRAFT202012.create_resource(
            hsds_schema(uri.removeprefix(OFFICIAL_PREFIX).removesuffix(".json"))
        )

    registry: Registry[Any] = Registry(retrieve=shipped)  # type: ignore[call-arg]
    return Draft202012Validator(
        {"$id": f"{OFFICIAL_PREFIX}{name}.json", **schema}, registry=registry, format_checker=format_checker()
    )


def problems(validator: Draft202012Validator, instance: Any, where: str) -> list[str]:
    errors = list(validator.iter_errors(instance))
    if not errors:
        return []
    best: ValidationError = best_match(errors)  # type: ignore[assignment]
    location = "/".join(str(p) for p in best.absolute_path)
    return [f"{where} at /{location}: {best.message[:300]}"]


def report(found: list[str], checked: int) -> None:
    assert not found, f"{len(found)} of {checked} answers do not validate:\n" + "\n".join(
        found[:MAX_REPORTED]
    )


# --- the walk -----------------------------------------------------------------------------------------------


def list_label(path: str, params: dict[str, str]) -> str:
    return path + "".join(f"?{k}={v}" for k, v in params.items())


@dataclass
class Walk:
    """Every page of every list, in both languages; the ids each list gave."""

    pages: dict[tuple[str, str], list[tuple[str, Any]]]
    ids: dict[str, list[str]]


@pytest.fixture(scope="module")
def walk(api: FlaskClient) -> Walk:
    pages: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    ids: dict[str, list[str]] = {}
    for path, params in LISTS:
        for lang in LANGS:
            label = list_label(path, params)
            pages[(label, lang)] = got = list(_pages(api, path, params, lang))
            items = [item for _, page in got for item in page["contents"]]
            walked = [item["id"] for item in items]
            assert len(walked) == len(set(walked)) == got[0][1]["total_items"], f"{label} {lang}: walk"
            ids.setdefault(path, walked)
            assert set(walked) == set(ids[path]), f"{label} {lang} lists other records than {path}"
    assert all(ids.values()), "the demo directory has a record of every kind"
    return Walk(pages, ids)


def _pages(api: FlaskClient, path: str, params: dict[str, str], lang: str) -> Iterator[tuple[str, Any]]:
    page = 1
    while True:
        query = {**params, "lang": lang, "page": str(page), "per_page": str(PER_PAGE)}
        status, answer = get_json(api, f"/api/hsds{path}", **query)
        assert status == 200, (path, query, answer)
        yield f"{path} {query}", answer
        if answer["last_page"]:
            return
        page += 1


# --- the tests ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_root_validates(api: FlaskClient, served: Served, lang: str) -> None:
    status, answer = get_json(api, "/api/hsds/", lang=lang)
    assert status == 200
    report(problems(served.validator("/"), answer, "/"), 1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("path", "params"), LISTS, ids=[list_label(p, q) for p, q in LISTS])
def test_every_page_of_every_list_validates(
    served: Served, walk: Walk, path: str, params: dict[str, str], lang: str
) -> None:
    label = list_label(path, params)
    validator, official = served.validator(path), official_validator(LIST_OFFICIAL[label])
    pages = walk.pages[(label, lang)]
    found = [p for where, page in pages for p in problems(validator, page, where)]
    for where, page in pages:
        for item in page["contents"]:
            found += problems(official, item, f"{where}: {item['id']} (official {LIST_OFFICIAL[label]})")
    report(found, len(pages))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("listed", "path", "params", "official_name"),
    RECORDS,
    ids=[list_label(p, q) for _, p, q, _ in RECORDS],
)
def test_every_record_validates(
    api: FlaskClient,
    served: Served,
    walk: Walk,
    listed: str,
    path: str,
    params: dict[str, str],
    official_name: str,
    lang: str,
) -> None:
    validator, official = served.validator(path), official_validator(official_name)
    found: list[str] = []
    for record_id in walk.ids[listed]:
        url = "/api/hsds" + path.replace("{id}", record_id)
        status, record = get_json(api, url, **params, lang=lang)
        assert status == 200, (url, record)
        assert record["id"] == record_id
        found += problems(validator, record, url)
        found += problems(official, record, f"{url} (official {official_name})")
    report(found, len(walk.ids[listed]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("path", "params"), LISTS, ids=[list_label(p, q) for p, q in LISTS])
def test_every_list_as_ndjson_validates_and_is_its_pages(
    api: FlaskClient, served: Served, walk: Walk, path: str, params: dict[str, str], lang: str
) -> None:
    """`format=ndjson` streams every item, one a line: each matches the document's application/x-ndjson
    schema, and together they are the items the pages gave, the same in every field."""
    label = list_label(path, params)
    response = api.get(f"/api/hsds{path}", query_string={**params, "lang": lang, "format": "ndjson"})
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    items = [json.loads(line) for line in response.get_data(as_text=True).splitlines() if line]
    validator = served.validator(path, media_type="application/x-ndjson")
    report(
        [p for item in items for p in problems(validator, item, f"{label} ndjson: {item['id']}")], len(items)
    )
    paged = {item["id"]: item for _, page in walk.pages[(label, lang)] for item in page["contents"]}
    assert len(items) == len(paged) and {item["id"]: item for item in items} == paged, label


@pytest.mark.parametrize(
    ("kind", "path"), [("service", "/services/{id}"), ("organization", "/organizations/{id}")]
)
def test_a_merged_id_answers_its_documented_redirect_to_the_kept_record(
    demo_app: Flask, api: FlaskClient, served: Served, walk: Walk, kind: str, path: str
) -> None:
    kept, gone = walk.ids[f"/{kind}s"][0], str(uuid.uuid4())
    with demo_app.app_context():
        merge = MergeRecord(kind=kind, kept_id=kept, merged_id=gone)
        db.session.add(merge)
        db.session.flush()
        db.session.add(IdRedirect(old_id=gone, new_id=kept, kind=kind, merge_id=merge.id))
        db.session.commit()
    try:
        moved = api.get("/api/hsds" + path.replace("{id}", gone), query_string={"lang": "en"})
        assert moved.status_code == 301
        assert "301" in served.document["paths"][path]["get"]["responses"], f"{path}: the 301 is undocumented"
        assert urlsplit(moved.location).path == "/api/hsds" + path.replace("{id}", kept)
        status, record = get_json(api, moved.location)
        assert status == 200 and record["id"] == kept
        report(problems(served.validator(path), record, moved.location), 1)
    finally:
        with demo_app.app_context():
            db.session.execute(delete(IdRedirect).where(IdRedirect.old_id == gone))
            db.session.execute(delete(MergeRecord).where(MergeRecord.merged_id == gone))
            db.session.commit()


def _first(walk: Walk, label: str) -> dict[str, Any]:
    return copy.deepcopy(walk.pages[(label, "fr")][0][1])


def test_the_validators_refuse_a_broken_answer(api: FlaskClient, served: Served, walk: Walk) -> None:
    """A real answer, broken as a careless change could break it, fails both the served document's schema
    and the official one: the checks above cannot pass by accepting anything."""
    breaks: list[tuple[str, str, Callable[[dict[str, Any]], object]]] = [
        ("/services", "/services", lambda item: item.pop("name")),
        ("/services", "/services", lambda item: item.update(id="not-a-uuid")),
        ("/services", "/services", lambda item: item.update(url="www.exemple.org")),
        ("/services?minimal=true", "/services", lambda item: item.update(last_modified="yesterday")),
        ("/services?minimal=true", "/services", lambda item: item.update(colour="blue")),
        ("/organizations", "/organizations", lambda item: item.pop("description")),
        ("/service_at_locations", "/service_at_locations", lambda item: item.update(service_id=7)),
        ("/taxonomy_terms", "/taxonomy_terms", lambda item: item.pop("name")),
    ]
    for label, path, damage in breaks:
        page = _first(walk, label)
        damage(page["contents"][0])
        assert problems(served.validator(path), page, label), f"{label}: the served schema took a broken item"
        official = official_validator(LIST_OFFICIAL[label])
        assert problems(official, page["contents"][0], label), f"{label}: the official schema took it"
    record_id = walk.ids["/services"][0]
    _, record = get_json(api, f"/api/hsds/services/{record_id}")
    record["phones"] = [{"id": str(uuid.uuid4())}]  # a phone without its number
    assert problems(served.validator("/services/{id}"), record, "phone")
    assert problems(official_validator("compiled/service"), record, "phone")
    page = _first(walk, "/services")
    del page["total_items"]
    assert problems(served.validator("/services"), page, "page")


# A wrong parameter for every list, a wrong language and an unknown id for every record.
ERRORS: tuple[tuple[str, str, dict[str, str], str], ...] = (
    *(
        (path, f"/api/hsds{path}", query, "400")
        for path in ("/services", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms")
        for query in ({"page": "-1"}, {"per_page": "abc"}, {"format": "xml"}, {"colour": "blue"})
    ),
    ("/services", "/api/hsds/services", {"modified_after": "soon"}, "400"),
    ("/taxonomy_terms", "/api/hsds/taxonomy_terms", {"top_only": "maybe"}, "400"),
    (
        "/service_at_locations",
        "/api/hsds/service_at_locations",
        {"proximity": "far", "postcode": "H2X"},
        "400",
    ),
    ("/", "/api/hsds/", {"lang": "de"}, "400"),
    *(
        (f"/{kind}/{{id}}", f"/api/hsds/{kind}/{record_id}", query, status)
        for kind in ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms")
        for record_id, query, status in (("no-such-id", {}, "404"), ("no-such-id", {"lang": "de"}, "400"))
    ),
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("path", "url", "query", "status"), ERRORS, ids=[f"{u}-{q}-{s}" for _, u, q, s in ERRORS]
)
def test_error_answers_validate_against_their_documented_schema(
    api: FlaskClient, served: Served, path: str, url: str, query: dict[str, str], status: str, lang: str
) -> None:
    code, answer = get_json(api, url, **{"lang": lang, **query})
    assert str(code) == status, (url, query, answer)
    report(problems(served.validator(path, status), answer, f"{url} {query}"), 1)
