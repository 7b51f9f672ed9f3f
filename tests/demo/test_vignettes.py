"""Vignettes: a few realistic clients with several needs, matched end to end on the demo directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator
from sqlalchemy import select

from app.core.facts import location_features, service_facts
from app.core.models import Service, ServiceAtLocation
from app.web.extensions import db

RESULT_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "app" / "data" / "match-result.schema.json").read_text(
        encoding="utf-8"
    )
)


def match(app: Flask, profile: dict[str, Any]) -> dict[str, Any]:
    response = app.test_client().post("/api/v1/match", json=profile)
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    assert not list(Draft202012Validator(RESULT_SCHEMA).iter_errors(answer))
    return answer


def services_of(app: Flask, need: dict[str, Any]) -> list[Service]:
    ids = [s["service_id"] for s in need["suggestions"]]
    with app.app_context():
        found = {
            s.source_id: s for s in db.session.scalars(select(Service).where(Service.source_id.in_(ids)))
        }
        for service in found.values():
            db.session.expunge(service)
    return [found[i] for i in ids]


def test_a_refugee_mother_with_two_children(demo_app: Flask) -> None:
    answer = match(
        demo_app,
        {
            "locale": "fr",
            "location": {"lat": 45.5300, "lon": -73.6250},  # Parc-Extension
            "client": {
                "age": 34,
                "gender": "woman",
                "languages": ["ar", "fr"],
                "situations": ["refugee", "parent", "low-income"],
                "documents": ["immigration-papers"],
                "children_ages": [4, 9],
            },
            "needs": [
                {"category": "food-bank", "urgency": "high"},
                {"category": "daycare"},
                {"category": "language-classes"},
            ],
        },
    )
    food, daycare, classes = answer["needs"]
    assert [n["category"] for n in answer["needs"]] == ["food-bank", "daycare", "language-classes"]
    assert food["suggestions"] and daycare["suggestions"] and classes["suggestions"]
    for service in services_of(demo_app, daycare):
        low = service.minimum_age if service.minimum_age is not None else 0
        high = service.maximum_age if service.maximum_age is not None else 99
        assert low <= 4 <= high or low <= 9 <= high  # one child fitting is enough
    with demo_app.app_context():
        for need in answer["needs"]:
            for service in services_of(demo_app, need):
                gender = service_facts(db.session, [service.id])[service.id].eligibility.get("gender")
                assert gender is None or "women" in gender
    texts = [r["text"] for n in answer["needs"] for s in n["suggestions"] for r in s["reasons"]]
    assert any(t.startswith(("Offre", "à ")) for t in texts)  # the reasons are in French


def test_a_homeless_man_in_a_wheelchair_tonight(demo_app: Flask) -> None:
    answer = match(
        demo_app,
        {
            "locale": "en",
            "location": {"lat": 45.5088, "lon": -73.5617},  # downtown
            "client": {
                "age": 52,
                "gender": "man",
                "situations": ["homeless", "low-income"],
                "wheelchair": True,
            },
            "constraints": {"open_now": True, "at": "2026-11-23T22:00:00"},
            "needs": [
                {"category": "emergency-shelter", "urgency": "crisis"},
                {"category": "meals"},
                {"category": "medical-care"},
            ],
        },
    )
    assert answer["location"] == {"lat": 45.5088, "lon": -73.5617, "source": "coordinates"}
    with demo_app.app_context():
        for need in answer["needs"]:
            for suggestion in need["suggestions"]:
                service = db.session.scalars(
                    select(Service).where(Service.source_id == suggestion["service_id"])
                ).one()
                facts = service_facts(db.session, [service.id])[service.id]
                gender = facts.eligibility.get("gender")
                assert gender is None or "men" in gender
                sal = db.session.scalars(
                    select(ServiceAtLocation).where(
                        ServiceAtLocation.source_id == suggestion["service_at_location_id"]
                    )
                ).first()
                remote = "virtual" in facts.features or (
                    sal is not None and sal.location.location_type == "virtual"
                )
                if not remote:
                    place = (
                        location_features(db.session, [sal.location_id])[sal.location_id] if sal else set()
                    )
                    assert "wheelchair-accessible" in facts.features | place
    assert answer["needs"][0]["excluded_count"] > 0  # women's shelters, closed places, stairs


def test_a_young_person_close_to_home(demo_app: Flask) -> None:
    answer = match(
        demo_app,
        {
            "locale": "en",
            "location": {"postal_code": "H2W 1S4"},
            "max_distance_km": 5,
            "client": {
                "age": 17,
                "gender": "gender-diverse",
                "situations": ["lgbtq", "student"],
                "languages": ["en"],
            },
            "needs": [
                {"category": "mental-health", "urgency": "high"},
                {"category": "housing-search"},
                {"category": "peer-support", "note": "LGBTQ"},
            ],
            "limit": 3,
        },
    )
    assert answer["location"]["source"] in ("known-postal-code", "postal-code-area")
    for need in answer["needs"]:
        assert len(need["suggestions"]) <= 3
        for suggestion in need["suggestions"]:
            assert suggestion["distance_km"] is None or suggestion["distance_km"] <= 5
    assert any(n["suggestions"] for n in answer["needs"])


def test_an_address_that_cannot_be_placed(demo_app: Flask) -> None:
    answer = match(
        demo_app, {"location": {"address": "quelque part"}, "needs": [{"category": "food"}], "locale": "fr"}
    )
    assert answer["location"] is None
    assert any("impossible de situer" in w for w in answer["warnings"])
    assert answer["needs"][0]["suggestions"]  # not placed: no distance rule, still suggestions
