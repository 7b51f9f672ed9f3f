"""Words and a place: how well a service matches, weighed with its distance; nearest first on request."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from indexer.engines.embedded import EmbeddedEngine
from indexer.engines.meili import WEIGHED_WINDOW, search_params, weighed
from indexer.engines.relevance import HALF_DISTANCE_KM
from indexer.query import SearchQuery
from tests.indexer.test_engine_contract import doc

HERE = (45.5100, -73.5700)
METRE_IN_LAT = 1 / 111_195


def _comptoir() -> list:  # type: ignore[type-arg]
    """Two services matched only by their organization's name at the door, and a food bank 200 m away."""
    counselling = doc(
        "psy",
        "Soutien psychologique étudiant",
        "Student counselling",
        categories=["health"],
        lat=HERE[0],
        lon=HERE[1],
    )
    jobs = doc(
        "jobs",
        "Premier emploi jeunesse",
        "First job for youth",
        categories=["employment"],
        lat=HERE[0],
        lon=HERE[1],
    )
    for item in (counselling, jobs):
        item.organization = {"fr": "Comptoir alimentaire Rosemont", "en": "Comptoir alimentaire Rosemont"}
    food = doc(
        "food",
        "Dépannage alimentaire",
        "Emergency food",
        categories=["food", "food-bank"],
        lat=HERE[0] + 200 * METRE_IN_LAT,
        lon=HERE[1],
        description_fr="Épicerie et paniers",
    )
    food.organization = {"fr": "Entraide du quartier", "en": "Entraide du quartier"}
    return [counselling, jobs, food]


@pytest.mark.parametrize("filtered", [False, True], ids=["arrays", "sqlite"])
def test_a_food_bank_a_little_farther_comes_before_services_matched_by_their_organization(
    tmp_path: Path, filtered: bool
) -> None:
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(_comptoir())
    query = SearchQuery(text="alimentaire", lat=HERE[0], lon=HERE[1], radius_km=5)
    if filtered:  # a filter sends the search down the SQLite path; the order must be the same
        query = replace(query, languages=["fr"])
    weighed_order = [hit.service_source_id for hit in engine.search(query).hits]
    assert weighed_order[0] == "src-food"
    nearest = [hit.service_source_id for hit in engine.search(replace(query, sort="distance")).hits]
    assert nearest[-1] == "src-food" and set(nearest[:2]) == {"src-psy", "src-jobs"}


def test_between_two_services_matching_alike_the_nearer_comes_first(tmp_path: Path) -> None:
    near = doc(
        "near",
        "Banque alimentaire Est",
        "East food bank",
        categories=["food-bank"],
        lat=HERE[0] + 0.01,
        lon=HERE[1],
    )
    far = doc(
        "far",
        "Banque alimentaire Ouest",
        "West food bank",
        categories=["food-bank"],
        lat=HERE[0] + 0.03,
        lon=HERE[1],
    )
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild([far, near])
    hits = engine.search(SearchQuery(text="banque alimentaire", lat=HERE[0], lon=HERE[1], radius_km=10)).hits
    assert [h.service_source_id for h in hits] == ["src-near", "src-far"]
    assert hits[0].score > hits[1].score > 0  # the weighed score, told


def test_meilisearch_weighs_its_relevance_window_with_distance_the_same_way() -> None:
    query = SearchQuery(text="alimentaire", lat=HERE[0], lon=HERE[1], radius_km=5, page_size=2)
    params = search_params(query)
    assert "sort" not in params and params["hitsPerPage"] == WEIGHED_WINDOW and params["page"] == 1
    assert search_params(replace(query, sort="distance"))["sort"] == [f"_geoPoint({HERE[0]}, {HERE[1]}):asc"]
    raw = [  # Meilisearch's relevance: the organization's name is its last searchable attribute
        {"id": "psy", "_rankingScore": 0.30, "_geo": {"lat": HERE[0], "lng": HERE[1]}},
        {"id": "jobs", "_rankingScore": 0.30, "_geo": {"lat": HERE[0], "lng": HERE[1]}},
        {"id": "food", "_rankingScore": 0.90, "_geo": {"lat": HERE[0] + 200 * METRE_IN_LAT, "lng": HERE[1]}},
        {"id": "phone", "_rankingScore": 0.95},
    ]
    page = weighed(raw, query)
    assert [hit["id"] for hit in page] == ["food", "jobs"]  # placed first, best weighed first, then by id
    assert page[0]["_rankingScore"] == pytest.approx(0.90 * 0.5 ** (0.2 / HALF_DISTANCE_KM), rel=1e-3)
    assert page[0]["_geoDistance"] == pytest.approx(200, rel=1e-3)
    assert [hit["id"] for hit in weighed(raw, replace(query, page=2))] == ["psy", "phone"]
