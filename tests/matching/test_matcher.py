"""The matcher's promises: each hard rule excludes (and is counted), unknown facts never exclude, soft
factors order the list, every answer follows the contract's schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jsonschema import Draft202012Validator

from app.matching.matcher import Matcher
from app.matching.profile import ProfileError, parse_profile
from app.web.extensions import db
from app.web.search import search_service
from tests.helpers import invoke
from tests.hours_cases import CASES, SERVICES
from tests.matching.builder import HOME, Spec, build, square

RESULT_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "app" / "data" / "match-result.schema.json").read_text(
        encoding="utf-8"
    )
)
MONDAY_10 = "2026-11-23T10:00:00"
SUNDAY_3AM = "2026-11-22T03:00:00"

Run = Callable[..., dict[str, Any]]


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
                answer = Matcher(db.session, search_service()).match(parse_profile(profile))
            assert not list(Draft202012Validator(RESULT_SCHEMA).iter_errors(answer))
            return answer

        return run

    return load


def suggested(answer: dict[str, Any], need: int = 0) -> list[str]:
    return [s["service_id"] for s in answer["needs"][need]["suggestions"]]


def excluded(answer: dict[str, Any], need: int = 0) -> int:
    return int(answer["needs"][need]["excluded_count"])


# --- hard rules: one test each ---------------------------------------------------------------------------


def test_inactive_services_are_never_suggested(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("open"), Spec("closed", status="temporarily closed")])
    assert suggested(run()) == ["svc-open"]


def test_age_limits_exclude(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("youth", min_age=12, max_age=17), Spec("all")])
    answer = run(client={"age": 30})
    assert suggested(answer) == ["svc-all"] and excluded(answer) == 1
    assert set(suggested(run(client={"age": 17}))) == {"svc-youth", "svc-all"}  # limits are inclusive


def test_childcare_ages_are_the_childrens(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("cpe", categories=("daycare",), min_age=0, max_age=5)])
    needs = [{"category": "daycare"}]
    assert suggested(run(needs=needs, client={"age": 34, "children_ages": [9, 4]})) == ["svc-cpe"]
    answer = run(needs=needs, client={"age": 34, "children_ages": [9]})
    assert suggested(answer) == [] and excluded(answer) == 1 and answer["needs"][0]["unmet"] is True


def test_gender_restrictions_exclude(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [Spec("women", eligibility=("women",)), Spec("men-or-diverse", eligibility=("men", "gender-diverse"))]
    )
    assert suggested(run(client={"gender": "woman"})) == ["svc-women"]
    assert suggested(run(client={"gender": "gender-diverse"})) == ["svc-men-or-diverse"]


def test_situations_and_groups_combine(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("women-homeless", eligibility=("women", "homeless")),
            Spec("newcomer-or-refugee", eligibility=("newcomer", "refugee")),
        ]
    )
    answer = run(client={"gender": "woman", "situations": ["low-income"]})
    assert suggested(answer) == [] and excluded(answer) == 2
    assert suggested(run(client={"gender": "woman", "situations": ["homeless"]})) == ["svc-women-homeless"]
    assert suggested(run(client={"gender": "man", "situations": ["refugee"]})) == ["svc-newcomer-or-refugee"]


def test_service_areas_must_contain_the_client(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("here", area=square(*HOME)), Spec("elsewhere", area=square(45.60, -73.70))])
    answer = run()
    assert suggested(answer) == ["svc-here"] and excluded(answer) == 1


def test_wheelchair_users_are_sent_only_where_access_is_known(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("unknown"),
            Spec("ramp", location_features=("wheelchair-accessible",)),
            Spec("service-level", features=("wheelchair-accessible",)),
            Spec("phone", remote=True),
        ]
    )
    answer = run(client={"wheelchair": True})
    assert set(suggested(answer)) == {"svc-ramp", "svc-service-level", "svc-phone"} and excluded(answer) == 1


def test_open_now_excludes_closed_services(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("weekdays", hours=(("MO,TU,WE,TH,FR", "09:00", "17:00"),)),
            Spec("nights", hours=(("MO,TU,WE,TH,FR,SA,SU", "19:00", "08:00"),)),
        ]
    )
    assert suggested(run(constraints={"open_now": True, "at": MONDAY_10})) == ["svc-weekdays"]
    assert suggested(run(constraints={"open_now": True, "at": SUNDAY_3AM})) == ["svc-nights"]


def test_open_now_reads_offset_hours_in_the_moments_season(directory: Callable[[list[Spec]], Run]) -> None:
    """Hours in UTC or at a fixed UTC−5 move on the local clock with daylight saving time; local hours do
    not (tests/hours_cases.py), on both sides of both changes of time."""
    run = directory([Spec(key, hours=(SERVICES[key],)) for key in SERVICES])
    for when, open_services in CASES:
        answer = run(constraints={"open_now": True, "at": when}, limit=10)
        assert set(suggested(answer)) == {f"svc-{key}" for key in open_services}, when
        assert excluded(answer) == len(SERVICES) - len(open_services), when


def test_free_only_excludes_paid_services(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [Spec("free", costs=(0,)), Spec("paid", costs=(5.0, 10.0)), Spec("feature", features=("free",))]
    )
    answer = run(constraints={"free_only": True})
    assert set(suggested(answer)) == {"svc-free", "svc-feature"} and excluded(answer) == 1


def test_max_distance_is_inclusive_and_spares_remote_services(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [Spec("near", lat=HOME[0] + 0.01), Spec("far", lat=HOME[0] + 0.2), Spec("line", remote=True)]
    )
    answer = run(max_distance_km=2)
    assert set(suggested(answer)) == {"svc-near", "svc-line"} and excluded(answer) == 1


def test_a_service_is_judged_place_by_place(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec(
                "two-places",
                lat=HOME[0] + 0.05,
                extra_places=((HOME[0] + 0.1, HOME[1], ("wheelchair-accessible",)),),
            )
        ]
    )
    answer = run(client={"wheelchair": True})
    suggestion = answer["needs"][0]["suggestions"][0]
    assert suggestion["service_at_location_id"] == "sal-two-places-1"  # the accessible place, farther away


# --- unknown facts never exclude ---------------------------------------------------------------------------


def test_unknown_client_facts_never_exclude(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [Spec("limited", min_age=18, eligibility=("women", "homeless"), area=square(45.60, -73.70))]
    )
    answer = run(location={})
    assert suggested(answer) == ["svc-limited"]
    assert answer["location"] is None
    warnings = " ".join(answer["warnings"])
    assert (
        "age is unknown" in warnings
        and "gender is unknown" in warnings
        and "situation is unknown" in warnings
    )


def test_unplaceable_location_is_said_and_never_guessed(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("area", area=square(45.60, -73.70)), Spec("far", lat=46.8)])
    answer = run(location={"address": "nowhere street that does not exist"}, max_distance_km=1)
    assert answer["location"] is None
    assert set(suggested(answer)) == {"svc-area", "svc-far"}
    assert any("could not place" in w for w in answer["warnings"])


def test_unknown_hours_and_cost_warn_instead_of_excluding(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("known", hours=(("MO", "09:00", "17:00"),), costs=(0,)), Spec("unknown")])
    answer = run(constraints={"open_now": True, "free_only": True, "at": MONDAY_10})
    assert suggested(answer) == ["svc-known", "svc-unknown"]
    unknown = answer["needs"][0]["suggestions"][1]
    assert "hours unknown: call before going" in unknown["warnings"]
    assert "cost unknown: ask about fees" in unknown["warnings"]


def test_postal_code_is_placed_approximately(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("one")])
    answer = run(location={"postal_code": "H2X 9Z9"})
    assert answer["location"]["source"] == "postal-code-area"
    assert any("approximate" in w for w in answer["warnings"])


# --- soft factors order the list ---------------------------------------------------------------------------


def test_exact_category_ranks_above_the_family(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("family", categories=("food",)), Spec("exact", categories=("food-bank",))])
    assert suggested(run()) == ["svc-exact", "svc-family"]
    assert suggested(run(needs=[{"category": "meals"}])) == ["svc-family"]  # the family serves every child


def test_nearer_ranks_higher(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("far", lat=HOME[0] + 0.05), Spec("near", lat=HOME[0] + 0.005)])
    answer = run()
    assert suggested(answer) == ["svc-near", "svc-far"]
    assert answer["needs"][0]["suggestions"][0]["distance_km"] < 1


def test_languages_rank_first_then_other_then_interpretation(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("none"),
            Spec("interp", features=("interpretation",)),
            Spec("other", languages=("es",)),
            Spec("first", languages=("ar",)),
        ]
    )
    assert suggested(run(client={"languages": ["ar", "es"]})) == [
        "svc-first",
        "svc-other",
        "svc-interp",
        "svc-none",
    ]


def test_urgent_needs_favour_open_and_walk_in(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory(
        [
            Spec("closed", hours=(("SA", "09:00", "17:00"),)),
            Spec("open", hours=(("MO", "09:00", "17:00"),)),
            Spec("walk", features=("walk-in",)),
        ]
    )
    answer = run(needs=[{"category": "food-bank", "urgency": "high"}], constraints={"at": MONDAY_10})
    assert suggested(answer)[-1] == "svc-closed"
    calm = run(needs=[{"category": "food-bank", "urgency": "low"}], constraints={"at": MONDAY_10})
    assert {s["score"] for s in calm["needs"][0]["suggestions"]} == {
        calm["needs"][0]["suggestions"][0]["score"]
    }


def test_missing_documents_cost_points_and_warn(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("asks", documents=("photo-id", "proof-of-address")), Spec("easy")])
    answer = run(client={"documents": ["photo-id"]})
    assert suggested(answer) == ["svc-easy", "svc-asks"]  # a penalty, not an exclusion
    assert any("Proof of address" in w for w in answer["needs"][0]["suggestions"][1]["warnings"])


def test_recently_verified_and_free_rank_higher(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("old", assured="2023-01-01"), Spec("fresh")])
    assert suggested(run(constraints={"at": MONDAY_10})) == ["svc-fresh", "svc-old"]
    run = directory([Spec("paid", costs=(5,)), Spec("gratis", costs=(0,))])
    assert suggested(run())[0] == "svc-gratis"


def test_one_organization_does_not_fill_the_list(directory: Callable[[list[Spec]], Run]) -> None:
    specs = [Spec(f"big-{i}", org="big", lat=HOME[0] + 0.001 * i) for i in range(4)]
    specs.append(Spec("small", org="small", lat=HOME[0] + 0.05))
    answer = directory(specs)(limit=3)
    assert "svc-small" in suggested(answer) and len(suggested(answer)) == 3


def test_reasons_are_in_the_profiles_language(directory: Callable[[list[Spec]], Run]) -> None:
    run = directory([Spec("one", costs=(0,))])
    french = run(locale="fr")["needs"][0]["suggestions"][0]["reasons"]
    english = run(locale="en")["needs"][0]["suggestions"][0]["reasons"]
    assert any(r["text"] == "Gratuit" for r in french) and any(r["text"] == "Free of charge" for r in english)
    assert {r["factor"] for r in english} >= {"category", "distance", "cost"}


# --- input and the two doors ---------------------------------------------------------------------


def test_bad_profiles_name_each_field() -> None:
    with pytest.raises(ProfileError) as error:
        parse_profile(
            {
                "needs": [{"category": "pizza"}, {"urgency": "now"}],
                "client": {"age": -1, "x": 1},
                "limit": 100,
            }
        )
    fields = {e.field for e in error.value.errors}
    assert {"needs[1].category", "needs[1].urgency", "client.age", "client.x", "limit"} <= fields
    with pytest.raises(ProfileError) as error:
        parse_profile({"needs": [{"category": "pizza"}], "client": {"situations": ["rich"]}})
    assert {e.field for e in error.value.errors} == {"needs[0].category", "client.situations[0]"}


def test_api_and_cli(directory: Callable[[list[Spec]], Run], app: Flask, tmp_path: Path) -> None:
    directory([Spec("one")])
    client = app.test_client()
    response = client.post("/api/v1/match", json={"needs": [{"category": "food-bank"}], "locale": "fr"})
    assert response.status_code == 200
    assert response.get_json()["needs"][0]["suggestions"][0]["service_id"] == "svc-one"
    bad = client.post("/api/v1/match", json={"needs": []})
    assert bad.status_code == 400 and bad.get_json()["errors"][0]["field"] == "needs"
    assert client.post("/api/v1/match", data="nope", content_type="application/json").status_code == 400
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"needs": [{"category": "food-bank"}]}), encoding="utf-8")
    result = invoke(app, "match", str(profile))
    assert result.exit_code == 0 and json.loads(result.output)["needs"][0]["suggestions"]


# --- candidates: unmet means none eligible, not none near ------------------------------------------------


def test_an_eligible_service_beyond_many_ineligible_ones_is_found(
    directory: Callable[[list[Spec]], Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search gives the matcher a page of the nearest candidates; when too few of them are eligible the
    next pages follow (a page of three here, as a page of 150 is for a directory of 100,000 services)."""
    monkeypatch.setattr("app.matching.weights.CANDIDATES_PER_NEED", 3)
    women_only = [
        Spec(f"women-{n}", eligibility=("women",), lat=HOME[0] + 0.001 * n, lon=HOME[1]) for n in range(1, 8)
    ]
    run = directory([*women_only, Spec("anyone-far", lat=HOME[0] + 0.08, lon=HOME[1])])  # about 9 km
    answer = run(client={"gender": "man"})
    assert suggested(answer) == ["svc-anyone-far"] and answer["needs"][0]["unmet"] is False
    assert excluded(answer) == 7  # every candidate read on the way is counted
    # A client the near ones serve gets them alone: no more pages are read than the limit needs.
    answer = run(client={"gender": "woman"}, limit=2)
    assert suggested(answer) == ["svc-women-1", "svc-women-2"] and excluded(answer) == 0
    # Within the client's maximum distance only: the far service is not suggested, and unmet says so.
    answer = run(client={"gender": "man"}, max_distance_km=5)
    assert suggested(answer) == [] and answer["needs"][0]["unmet"] is True
