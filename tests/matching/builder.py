"""Writes small HSDS 3.0 packages for matcher tests: each service described by the facts a test needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.core.taxonomy import core_terms
from tests.helpers import write_csv

HOME = (45.5088, -73.5617)  # the client's usual place in these tests (Place des Arts)


@dataclass
class Spec:
    key: str
    categories: tuple[str, ...] = ("food-bank",)
    org: str = ""
    lat: float | None = HOME[0]
    lon: float | None = HOME[1]
    remote: bool = False
    status: str = "active"
    min_age: int | None = None
    max_age: int | None = None
    eligibility: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    location_features: tuple[str, ...] = ()
    hours: tuple[
        tuple[str, str, str] | tuple[str, str, str, float | None], ...
    ] = ()  # byday, opens, closes[, tz]
    costs: tuple[float, ...] = ()
    languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    area: dict | None = None
    assured: str = "2026-10-01"
    name: str = ""
    description: str = ""
    extra_places: tuple[tuple[float, float, tuple[str, ...]], ...] = field(default=())


def square(lat: float, lon: float, half: float = 0.01) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half],
            ]
        ],
    }


def build(folder: Path, specs: list[Spec]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    terms = [
        {
            "id": f"t-{t.taxonomy}-{t.code}",
            "code": t.code,
            "name": t.label_en,
            "description": t.label_en,
            "taxonomy": t.taxonomy,
            "parent_id": f"t-{t.taxonomy}-{t.parent}" if t.parent else "",
        }
        for t in core_terms()
    ]
    orgs, services, locations, sals, schedules, attributes, costs, languages, _documents, areas = (
        [] for _ in range(10)
    )
    for spec in specs:
        org = spec.org or f"org-{spec.key}"
        if all(o["id"] != org for o in orgs):
            orgs.append({"id": org, "name": f"Organization {org}", "description": "Community organization"})
        sid = f"svc-{spec.key}"
        services.append(
            {
                "id": sid,
                "organization_id": org,
                "name": spec.name or f"Service {spec.key}",
                "description": spec.description or f"Help number {spec.key}",
                "status": spec.status,
                "minimum_age": "" if spec.min_age is None else str(spec.min_age),
                "maximum_age": "" if spec.max_age is None else str(spec.max_age),
                "assured_date": spec.assured,
            }
        )
        places = [(spec.lat, spec.lon, spec.location_features), *list(spec.extra_places)]
        for index, (lat, lon, place_features) in enumerate(places):
            lid = f"loc-{spec.key}-{index}"
            locations.append(
                {
                    "id": lid,
                    "location_type": "virtual" if spec.remote else "physical",
                    "name": f"Place {spec.key} {index}",
                    "latitude": "" if spec.remote or lat is None else str(lat),
                    "longitude": "" if spec.remote or lon is None else str(lon),
                }
            )
            sals.append({"id": f"sal-{spec.key}-{index}", "service_id": sid, "location_id": lid})
            for feature in place_features:
                attributes.append(
                    {
                        "id": f"a-{lid}-{feature}",
                        "link_id": lid,
                        "link_entity": "location",
                        "taxonomy_term_id": f"t-features-{feature}",
                    }
                )
        for code in spec.categories:
            attributes.append(
                {
                    "id": f"a-{sid}-{code}",
                    "link_id": sid,
                    "link_entity": "service",
                    "taxonomy_term_id": f"t-needs-{code}",
                }
            )
        for code in spec.eligibility:
            attributes.append(
                {
                    "id": f"a-{sid}-{code}",
                    "link_id": sid,
                    "link_entity": "service",
                    "taxonomy_term_id": f"t-eligibility-{code}",
                }
            )
        for code in spec.features:
            attributes.append(
                {
                    "id": f"a-{sid}-{code}",
                    "link_id": sid,
                    "link_entity": "service",
                    "taxonomy_term_id": f"t-features-{code}",
                }
            )
        for code in spec.documents:
            attributes.append(
                {
                    "id": f"a-{sid}-{code}",
                    "link_id": sid,
                    "link_entity": "service",
                    "taxonomy_term_id": f"t-documents-{code}",
                }
            )
        for index, (byday, opens, closes, *timezone) in enumerate(spec.hours):
            schedules.append(
                {
                    "id": f"h-{sid}-{index}",
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": byday,
                    "opens_at": opens,
                    "closes_at": closes,
                    "timezone": "" if not timezone or timezone[0] is None else str(timezone[0]),
                }
            )
        for index, amount in enumerate(spec.costs):
            costs.append(
                {"id": f"c-{sid}-{index}", "service_id": sid, "amount": str(amount), "currency": "CAD"}
            )
        for code in spec.languages:
            languages.append({"id": f"l-{sid}-{code}", "service_id": sid, "code": code, "name": code})
        if spec.area is not None:
            areas.append(
                {
                    "id": f"area-{sid}",
                    "service_id": sid,
                    "name": "Area",
                    "extent": json.dumps(spec.area),
                    "extent_type": "geojson",
                }
            )
    write_csv(folder / "taxonomy_terms.csv", terms)
    write_csv(folder / "organizations.csv", orgs)
    write_csv(folder / "services.csv", services)
    write_csv(folder / "locations.csv", locations)
    write_csv(folder / "service_at_location.csv", sals)
    for name, rows, columns in (
        (
            "schedules.csv",
            schedules,
            ["id", "service_id", "freq", "byday", "opens_at", "closes_at", "timezone"],
        ),
        ("attributes.csv", attributes, ["id", "link_id", "link_entity", "taxonomy_term_id"]),
        ("cost_options.csv", costs, ["id", "service_id", "amount", "currency"]),
        ("languages.csv", languages, ["id", "service_id", "code", "name"]),
        ("service_areas.csv", areas, ["id", "service_id", "name", "extent", "extent_type"]),
    ):
        write_csv(folder / name, rows, columns)
    return folder
