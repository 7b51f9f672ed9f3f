"""What a caseworker reads under "not suggested": each service of the need near the client that a hard rule
excluded, with the rule and its detail in the client's language, nearest first; and when each listing was
last verified."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker

from app.core.geo import haversine_km
from app.matching.matcher import NOT_SUGGESTED, Matcher
from app.matching.profile import parse_profile
from app.web.extensions import db
from app.web.search import search_service
from tests.helpers import invoke
from tests.matching.builder import HOME, Spec, build, square

RESULT_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "app" / "data" / "match-result.schema.json").read_text(
        encoding="utf-8"
    )
)
VALIDATOR = Draft202012Validator(RESULT_SCHEMA, format_checker=FormatChecker())
MONDAY_10 = "2026-11-23T10:00:00"
FAR = HOME[0] + 0.2  # about 22 km north of the client

Run = Callable[..., dict[str, Any]]


def valid(answer: dict[str, Any]) -> dict[str, Any]:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(answer)]
    assert not errors, errors
    return answer


@pytest.fixture
def directory(app: Flask, tmp_path: Path) -> Callable[[list[Spec]], Run]:
    """Load services, then return a function that matches a profile against them."""

    def load(specs: list[Spec]) -> Run:
        folder = build(tmp_path / f"pkg-{len(list(tmp_path.iterdir()))}", specs)
        result = invoke(app, "import", str(folder), "--lang", "en", "--source", "test")
        assert result.exit_code == 0, result.output

        def run(**profile: Any) -> dict[str, Any]:
            profile.setdefault("needs", [{"category": "food-bank"}])
            profile.setdefault("location", {"lat": HOME[0], "lon": HOME[1]})
            profile.setdefault("locale", "en")
            with app.app_context():
                return valid(Matcher(db.session, search_service()).match(parse_profile(profile)))

        return run

    return load


def not_suggested(answer: dict[str, Any], need: int = 0) -> dict[str, dict[str, Any]]:
    return {item["service_id"]: item for item in answer["needs"][need]["not_suggested"]}


def suggested(answer: dict[str, Any], need: int = 0) -> list[str]:
    return [s["service_id"] for s in answer["needs"][need]["suggestions"]]


# --- each rule, said in French and in English --------------------------------------------------------------


@dataclass
class Case:
    rule: str
    excluded: Spec
    profile: dict[str, Any]
    english: str
    french: str
    eligible: Spec = field(default_factory=lambda: Spec("ok"))


def _far_km() -> float:
    return haversine_km(HOME[0], HOME[1], FAR, HOME[1])


CASES = [
    Case(
        "inactive",
        Spec("closed", status="temporarily closed"),
        {},
        "Not active: temporarily closed",
        "Pas en activité : fermé temporairement",
    ),
    Case(
        "age",
        Spec("young-adults", min_age=18, max_age=30),
        {"client": {"age": 45}},
        "For ages 18 to 30; the client is 45",
        "Pour les 18 à 30 ans ; la personne a 45 ans",
    ),
    Case(
        "age",
        Spec("seniors", min_age=65),
        {"client": {"age": 40}},
        "For ages 65 and over; the client is 40",
        "Pour les 65 ans et plus ; la personne a 40 ans",
    ),
    Case(
        "age",
        Spec("youth", max_age=17),
        {"client": {"age": 40}},
        "For ages up to 17; the client is 40",
        "Pour les 17 ans et moins ; la personne a 40 ans",
    ),
    Case(
        "child_age",
        Spec("cpe", categories=("daycare",), min_age=0, max_age=5),
        {"needs": [{"category": "daycare"}], "client": {"age": 34, "children_ages": [9, 12]}},
        "For children aged 0 to 5; children's ages: 9, 12",
        "Pour les enfants de 0 à 5 ans ; âge des enfants : 9, 12",
        eligible=Spec("ok", categories=("daycare",)),
    ),
    Case(
        "gender",
        Spec("women", eligibility=("women",)),
        {"client": {"gender": "man"}},
        "Restricted to: Women",
        "Réservé à : Femmes",
    ),
    Case(
        "situation",
        Spec("parents", eligibility=("parent",)),
        {"client": {"situations": ["low-income"]}},
        "Restricted to: Parents and expectant parents",
        "Réservé à : Parents et futurs parents",
    ),
    Case(
        "service_area",
        Spec("elsewhere", area=square(45.60, -73.70)),
        {},
        "The client's place is outside its service area (Area)",
        "Le lieu de la personne est hors du territoire desservi (Area)",
    ),
    Case(
        "wheelchair",
        Spec("stairs"),
        {"client": {"wheelchair": True}},
        "Wheelchair access not known at this place",
        "Accès en fauteuil roulant non confirmé à cet endroit",
        eligible=Spec("ok", location_features=("wheelchair-accessible",)),
    ),
    Case(
        "max_distance",
        Spec("far", lat=FAR),
        {"max_distance_km": 5},
        f"{_far_km():.1f} km away, beyond the 5 km asked for",
        f"à {_far_km():.1f} km, au-delà des 5 km demandés",
    ),
    Case(
        "open_now",
        Spec("saturdays", hours=(("SA", "09:00", "17:00"),)),
        {"constraints": {"open_now": True, "at": MONDAY_10}},
        "Closed at the time asked (2026-11-23 10:00)",
        "Fermé au moment demandé (2026-11-23 10:00)",
    ),
    Case(
        "free_only",
        Spec("paid", costs=(5.0,)),
        {"constraints": {"free_only": True}},
        "Charges a fee (only free services were asked for)",
        "Payant (seuls les services gratuits étaient demandés)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.excluded.key}" for c in CASES])
def test_each_rule_shows_the_excluded_service_with_why(
    directory: Callable[[list[Spec]], Run], case: Case
) -> None:
    run = directory([case.eligible, case.excluded])
    for locale, text in (("en", case.english), ("fr", case.french)):
        answer = run(locale=locale, **case.profile)
        need = answer["needs"][0]
        assert suggested(answer) == ["svc-ok"]
        item = not_suggested(answer)[f"svc-{case.excluded.key}"]
        assert (item["rule"], item["text"]) == (case.rule, text), locale
        assert item["name"] == f"Service {case.excluded.key}"
        assert item["organization"] == f"Organization org-{case.excluded.key}"
        assert item["service_at_location_id"] == f"sal-{case.excluded.key}-0"
        assert need["excluded_count"] == len(need["not_suggested"]) == 1


def test_nothing_excluded_means_an_empty_section(directory: Callable[[list[Spec]], Run]) -> None:
    answer = directory([Spec("one"), Spec("two")])()
    assert answer["needs"][0]["not_suggested"] == [] and answer["needs"][0]["excluded_count"] == 0


# --- only the need's services, the nearest, counted all ------------------------------------------------


def test_a_service_for_another_need_never_appears(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("bank", status="inactive"),
            Spec("shelter", categories=("emergency-shelter",), status="inactive"),
            Spec("meals", categories=("meals",), eligibility=("women",)),  # a sibling of food-bank
            Spec("jobs", categories=("job-search",), min_age=18, max_age=25),
        ]
    )
    answer = run(client={"gender": "man", "age": 40})
    assert set(not_suggested(answer)) == {"svc-bank"} and answer["needs"][0]["excluded_count"] == 1
    # Asked for, the shelter is this need's and is said; the food bank is not.
    answer = run(needs=[{"category": "emergency-shelter"}, {"category": "job-search"}], client={"age": 40})
    assert set(not_suggested(answer, 0)) == {"svc-shelter"}
    assert set(not_suggested(answer, 1)) == {"svc-jobs"}
    assert not_suggested(answer, 1)["svc-jobs"]["rule"] == "age"


def test_nearest_first_at_most_the_limit_all_counted(directory: Callable[[list[Spec]], Run]) -> None:
    total = NOT_SUGGESTED + 5
    specs = [Spec(f"closed-{n:02d}", status="inactive", lat=HOME[0] + 0.002 * n) for n in range(total, 0, -1)]
    answer = directory([*specs, Spec("line", remote=True, status="inactive")])()
    need = answer["needs"][0]
    listed = need["not_suggested"]
    assert need["excluded_count"] == total + 1  # every excluded service, beyond the ones listed
    assert (
        len(listed)
        == NOT_SUGGESTED
        == RESULT_SCHEMA["properties"]["needs"]["items"]["properties"]["not_suggested"]["maxItems"]
    )
    nearest = [f"svc-closed-{n:02d}" for n in range(1, NOT_SUGGESTED + 1)]
    assert [item["service_id"] for item in listed] == nearest
    distances = [item["distance_km"] for item in listed]
    assert distances == sorted(distances) and distances[0] < 0.3
    # Fewer than the limit: the service by phone, which no distance concerns, comes last.
    shelters = ("emergency-shelter",)  # another need: the same database holds the food banks above
    answer = directory(
        [
            Spec("near", categories=shelters, status="inactive"),
            Spec("phone", categories=shelters, remote=True, status="inactive"),
        ]
    )(needs=[{"category": "emergency-shelter"}])
    assert [(i["service_id"], i["distance_km"]) for i in answer["needs"][0]["not_suggested"]] == [
        ("svc-near", 0.0),
        ("svc-phone", None),
    ]


def test_a_service_excluded_at_every_place_is_shown_at_its_nearest(
    directory: Callable[[list[Spec]], Run],
) -> None:
    run = directory(
        [
            Spec("ok", location_features=("wheelchair-accessible",)),
            Spec(
                "two-places",
                lat=HOME[0] + 0.3,
                extra_places=((HOME[0] + 0.01, HOME[1], ()),),  # the near place has stairs
            ),
        ]
    )
    answer = run(client={"wheelchair": True}, max_distance_km=10)
    item = not_suggested(answer)["svc-two-places"]
    assert item["service_at_location_id"] == "sal-two-places-1"
    assert item["rule"] == "wheelchair" and 1.0 < item["distance_km"] < 1.2
    assert answer["needs"][0]["excluded_count"] == 1
    # One place that passes is enough: the service is suggested, never said to be excluded.
    run = directory(
        [
            Spec(
                "two-places",
                lat=HOME[0] + 0.3,
                extra_places=((HOME[0] + 0.01, HOME[1], ("wheelchair-accessible",)),),
            )
        ]
    )
    answer = run(client={"wheelchair": True}, max_distance_km=10)
    assert "svc-two-places" in suggested(answer) and not_suggested(answer) == {}


# --- staleness -----------------------------------------------------------------------------------------


def test_each_listing_says_when_it_was_last_verified(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("fresh", assured="2026-10-01"),
            Spec("never", assured=""),
            Spec("closed", status="inactive", assured="2024-03-15"),
        ]
    )
    answer = run(constraints={"at": MONDAY_10})
    verified = {s["service_id"]: s["last_verified"] for s in answer["needs"][0]["suggestions"]}
    assert verified == {"svc-fresh": "2026-10-01", "svc-never": None}
    never = next(s for s in answer["needs"][0]["suggestions"] if s["service_id"] == "svc-never")
    assert "information not verified in the last 12 months" in never["warnings"]
    assert not_suggested(answer)["svc-closed"]["last_verified"] == "2024-03-15"


# --- the two doors ------------------------------------------------------------------------------------


def test_api_and_cli_carry_the_new_fields(
    directory: Callable[[list[Spec]], Run], app: Flask, tmp_path: Path
) -> None:
    directory([Spec("ok", assured="2026-09-30"), Spec("women", eligibility=("women",))])
    profile = {
        "needs": [{"category": "food-bank"}],
        "location": {"lat": HOME[0], "lon": HOME[1]},
        "client": {"gender": "man"},
        "locale": "fr",
    }
    response = app.test_client().post("/api/v1/match", json=profile)
    assert response.status_code == 200
    answer = valid(response.get_json())
    assert answer["needs"][0]["suggestions"][0]["last_verified"] == "2026-09-30"
    assert answer["needs"][0]["not_suggested"] == [
        {
            "service_id": "svc-women",
            "service_at_location_id": "sal-women-0",
            "name": "Service women",
            "organization": "Organization org-women",
            "distance_km": 0.0,
            "rule": "gender",
            "text": "Réservé à : Femmes",
            "last_verified": "2026-10-01",
        }
    ]
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({**profile, "locale": "en"}), encoding="utf-8")
    result = invoke(app, "match", str(path))
    assert result.exit_code == 0, result.output
    printed = valid(json.loads(result.output))
    assert printed["needs"][0]["not_suggested"][0]["text"] == "Restricted to: Women"
    assert printed["needs"][0]["suggestions"][0]["last_verified"] == "2026-09-30"
