"""The HSDS 3.0 API as a partner reads it: paging, filters, languages, conditional requests, errors and
limits."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from app.core.geo import haversine_km
from app.core.i18n import text_of
from app.core.models import Address, Attribute, Location, Service, ServiceAtLocation
from app.core.orm import utcnow
from app.web.extensions import db

_address = iter(range(1, 250))


@pytest.fixture
def api(demo_app: Flask) -> FlaskClient:
    """A client of its own address, so one test's requests never count against another's limit."""
    client = demo_app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.0.0.{next(_address)}"
    return client


def body(response: TestResponse) -> Any:
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:300]
    return json.loads(response.get_data(as_text=True))


def error_field(response: TestResponse, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    errors = body(response)["errors"]
    assert errors and errors[0]["message"]
    return str(errors[0]["field"])


def visible_service_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Service)) or 0


def walk(api: FlaskClient, path: str, per_page: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        answer = body(api.get(path, query_string={**params, "page": page, "per_page": per_page}))
        items.extend(answer["contents"])
        if answer["last_page"]:
            return items
        page += 1


# --- the description ----------------------------------------------------------------------------------------


def test_root_says_version_profile_and_openapi_and_both_answer(api: FlaskClient) -> None:
    answer = body(api.get("/api/hsds/"))
    assert answer["version"] == "3.0"
    for key in ("profile", "openapi_url"):
        assert answer[key].startswith("http://localhost/api/hsds/")
        assert api.get(answer[key].removeprefix("http://localhost")).status_code == 200


def test_the_openapi_document_is_the_official_one_corrected_and_its_refs_resolve_here(
    api: FlaskClient,
) -> None:
    document = body(api.get("/api/hsds/openapi.json"))
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert set(paths) >= {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }
    sal = paths["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert sal["schema"]["$ref"].endswith("/schema/compiled/service_at_location.json")  # the erratum
    assert all(isinstance(p, dict) for p in paths["/taxonomy_terms"]["get"]["parameters"])
    refs = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and not node["$ref"].startswith("#"):
                refs.add(node["$ref"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(document)
    assert refs and not any("githubusercontent" in r for r in refs)
    for ref in refs:
        assert ref.startswith("http://localhost/api/hsds/schema/")
        served = api.get(ref.removeprefix("http://localhost"))
        assert served.status_code == 200, ref
        assert body(served)["type"] == "object"


# --- paging -------------------------------------------------------------------------------------------------


def test_pages_follow_the_spec_and_walk_every_service_once(api: FlaskClient, demo_app: Flask) -> None:
    total = visible_service_count(demo_app)
    first = body(api.get("/api/hsds/services", query_string={"per_page": 7}))
    assert first["total_items"] == total
    assert first["total_pages"] == math.ceil(total / 7)
    assert (first["page_number"], first["size"], first["first_page"], first["empty"]) == (1, 7, True, False)
    items = walk(api, "/api/hsds/services", 7)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == total
    beyond = body(
        api.get("/api/hsds/services", query_string={"per_page": 7, "page": first["total_pages"] + 1})
    )
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "abc"}, "per_page"),
        ({"per_page": "501"}, "per_page"),
        ({"modified_after": "soon"}, "modified_after"),
        ({"full": "perhaps"}, "full"),
        ({"format": "xml"}, "format"),
        ({"lang": "de"}, "lang"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_parameter_is_a_json_400_naming_it(api: FlaskClient, query: dict[str, str], field: str) -> None:
    assert error_field(api.get("/api/hsds/services", query_string=query), 400) == field


def test_bad_parameters_elsewhere_and_unknown_ids(api: FlaskClient) -> None:
    assert error_field(api.get("/api/hsds/taxonomy_terms?top_only=maybe"), 400) == "top_only"
    assert (
        error_field(api.get("/api/hsds/service_at_locations?proximity=far&postcode=H2X"), 400) == "proximity"
    )
    assert error_field(api.get("/api/hsds/service_at_locations?postcode=ZZZZZZ"), 400) == "postcode"
    for kind in ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"):
        assert error_field(api.get(f"/api/hsds/{kind}/no-such-id"), 404) == "id"
    assert api.get("/api/hsds/nothing-here").mimetype == "application/json"


# --- filters ------------------------------------------------------------------------------------------------


def test_organization_and_taxonomy_filters_match_the_directory(api: FlaskClient, demo_app: Flask) -> None:
    with demo_app.app_context():
        organization_id, count = db.session.execute(
            select(Service.organization_id, func.count())
            .group_by(Service.organization_id)
            .order_by(func.count().desc(), Service.organization_id)
        ).first()
        term_id = db.session.scalar(
            select(Attribute.taxonomy_term_id)
            .where(Attribute.link_entity == "service")
            .group_by(Attribute.taxonomy_term_id)
            .order_by(func.count().desc())
        )
        tagged = set(
            db.session.scalars(
                select(Attribute.link_id).where(
                    Attribute.link_entity == "service", Attribute.taxonomy_term_id == term_id
                )
            )
        )
    owned = walk(api, "/api/hsds/services", 50, organization_id=organization_id)
    assert len(owned) == count and {s["organization_id"] for s in owned} == {organization_id}
    found = {s["id"] for s in walk(api, "/api/hsds/services", 50, taxonomy_term_id=term_id)}
    assert tagged <= found  # the term's own services, and those the crosswalk read as it
    both = {
        s["id"]
        for s in walk(
            api, "/api/hsds/services", 50, taxonomy_term_id=term_id, organization_id=organization_id
        )
    }
    assert both == found & {s["id"] for s in owned}


def test_search_is_answered_by_the_engine_and_combines_with_filters(
    api: FlaskClient, demo_app: Flask
) -> None:
    with demo_app.app_context():
        service = db.session.scalars(select(Service).order_by(Service.id)).first()
        assert service is not None
        word = max(text_of(service.name, "fr").split(), key=len)
        organization_id = service.organization_id
    found = body(api.get("/api/hsds/services", query_string={"search": word, "per_page": 500}))
    assert service.id in {s["id"] for s in found["contents"]}
    assert found["total_items"] < visible_service_count(demo_app)
    narrowed = body(
        api.get(
            "/api/hsds/services",
            query_string={"search": word, "organization_id": organization_id, "per_page": 500},
        )
    )
    assert {s["organization_id"] for s in narrowed["contents"]} == {organization_id}
    assert service.id in {s["id"] for s in narrowed["contents"]}
    organizations = body(api.get("/api/hsds/organizations", query_string={"search": word, "per_page": 500}))
    assert organization_id in {o["id"] for o in organizations["contents"]}


def test_postcode_and_proximity_keep_places_within_the_distance(api: FlaskClient, demo_app: Flask) -> None:
    with demo_app.app_context():
        sal_id, postcode, lat, lon = db.session.execute(
            select(ServiceAtLocation.id, Address.postal_code, Location.latitude, Location.longitude)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .join(Address, Address.location_id == Location.id)
            .where(Location.latitude.is_not(None), Address.postal_code.is_not(None))
            .order_by(ServiceAtLocation.id)
        ).first()
    near = walk(api, "/api/hsds/service_at_locations", 100, postcode=postcode, proximity=2000, full="true")
    assert sal_id in {s["id"] for s in near}
    for item in near:
        place = item["location"]
        assert haversine_km(lat, lon, place["latitude"], place["longitude"]) <= 2.0 + 2.0  # the code's centre


def test_minimal_gives_ids_and_modification_times(api: FlaskClient, demo_app: Flask) -> None:
    answer = body(api.get("/api/hsds/services?minimal=true"))
    assert answer["total_items"] == visible_service_count(demo_app) == len(answer["contents"])
    assert all(set(item) == {"id", "last_modified"} for item in answer["contents"])


def test_ndjson_streams_every_result(api: FlaskClient, demo_app: Flask) -> None:
    response = api.get("/api/hsds/services?format=ndjson")
    assert response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == visible_service_count(demo_app)
    assert all(item["id"] and item["name"] for item in lines)


# --- languages and conditional requests ---------------------------------------------------------------------


def _bilingual_service(app: Flask) -> tuple[str, str, str]:
    with app.app_context():
        for service in db.session.scalars(select(Service).order_by(Service.id)):
            names = service.name or {}
            if names.get("fr") and names.get("en") and names["fr"] != names["en"]:
                return service.id, names["fr"], names["en"]
    raise AssertionError("the demo has no service named in both languages")


def test_language_by_parameter_or_header_with_vary_and_distinct_etags(
    api: FlaskClient, demo_app: Flask
) -> None:
    service_id, french, english = _bilingual_service(demo_app)
    path = f"/api/hsds/services/{service_id}"
    fr = api.get(path, query_string={"lang": "fr"})
    en = api.get(path, query_string={"lang": "en"})
    assert body(fr)["name"] == french and body(en)["name"] == english
    assert fr.headers["Content-Language"] == "fr" and en.headers["Content-Language"] == "en"
    assert fr.headers["ETag"] != en.headers["ETag"]
    assert "Accept-Language" not in fr.headers.get("Vary", "")
    by_header = api.get(path, headers={"Accept-Language": "en-CA,en;q=0.9"})
    assert body(by_header)["name"] == english
    assert "Accept-Language" in by_header.headers["Vary"]
    assert 'hreflang="fr"' in by_header.headers["Link"]
    translations = body(en)["translations"]
    assert translations["fr"]["name"] == french and translations["en"]["name"] == english


def test_conditional_requests_answer_304_until_the_record_changes(api: FlaskClient, demo_app: Flask) -> None:
    service_id, _, _ = _bilingual_service(demo_app)
    path = f"/api/hsds/services/{service_id}?lang=fr"
    first = api.get(path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert api.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert api.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    page = api.get("/api/hsds/services?per_page=5")
    assert (
        api.get("/api/hsds/services?per_page=5", headers={"If-None-Match": page.headers["ETag"]}).status_code
        == 304
    )
    with demo_app.app_context():
        service = db.session.get(Service, service_id)
        service.description = {**(service.description or {}), "fr": "Nouvelle description pour le test."}
        db.session.commit()
    changed = api.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert body(changed)["description"] == "Nouvelle description pour le test."


def test_modified_after_brings_what_changed(api: FlaskClient, demo_app: Flask) -> None:
    since = utcnow() + timedelta(seconds=1)
    assert body(api.get("/api/hsds/services", query_string={"modified_after": since.isoformat() + "Z"}))[
        "empty"
    ]
    with demo_app.app_context():
        service_id = db.session.scalars(select(Service.id).order_by(Service.id.desc())).first()
    with time_machine.travel(since + timedelta(seconds=2), tick=True), demo_app.app_context():
        service = db.session.get(Service, service_id)
        service.url = "https://example.org/changed"
        db.session.commit()
    answer = body(
        api.get(
            "/api/hsds/services", query_string={"modified_after": (since + timedelta(seconds=1)).isoformat()}
        )
    )
    assert [s["id"] for s in answer["contents"]] == [service_id]
    assert answer["contents"][0]["last_modified"] >= (since + timedelta(seconds=2)).isoformat()[:19]


# --- the rate limit and keys --------------------------------------------------------------------------------


def test_the_rate_limit_counts_per_address_and_a_key_lifts_it(demo_app: Flask) -> None:
    from app.core.api_keys import create_key, revoke_key

    demo_app.config["CARREFOUR_API_RATE_LIMIT"] = "3/minute"
    try:
        client = demo_app.test_client()
        client.environ_base["REMOTE_ADDR"] = "10.9.9.9"
        assert [client.get("/api/hsds/").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get("/api/hsds/")
        assert error_field(refused, 429) and refused.headers.get("Retry-After")
        with demo_app.app_context():
            made = create_key(db.session, "Partner 211", "10/minute")
            db.session.commit()
            key_id = made.key.id
        keyed = [client.get("/api/hsds/", headers={"X-API-Key": made.secret}).status_code for _ in range(10)]
        assert keyed == [200] * 10
        assert client.get("/api/hsds/", headers={"X-API-Key": made.secret}).status_code == 429
        assert client.get("/api/hsds/", headers={"X-API-Key": "crf_not-a-key"}).status_code == 429
        with demo_app.app_context():
            assert revoke_key(db.session, key_id)
            db.session.commit()
            from app.core.models import ApiKey

            stored = db.session.get(ApiKey, key_id)
            assert made.secret not in (stored.digest, stored.prefix)  # only a hash is kept
        other = demo_app.test_client()
        other.environ_base["REMOTE_ADDR"] = "10.9.9.10"
        assert other.get("/api/hsds/", headers={"X-API-Key": made.secret}).status_code == 200  # its address
    finally:
        demo_app.config["CARREFOUR_API_RATE_LIMIT"] = "1200/minute"
