"""The contract every search engine keeps, run against each engine present.

The embedded engine always runs; Meilisearch runs where `MEILI_URL` points at a live server (no server
package exists for these machines, so the tier skips, saying so, when it is unset).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.core.geo import haversine_km
from app.core.hours import LOCAL, ScheduleRule
from indexer.documents import SearchDocument, schedule_fields
from indexer.engines.embedded import EmbeddedEngine
from indexer.query import SearchQuery
from tests.hours_cases import CASES, SERVICES, case_id, moment, rule

CENTRE = (45.5088, -73.5617)  # Place des Arts


def doc(
    key: str,
    name_fr: str,
    name_en: str,
    *,
    categories: list[str],
    lat: float | None = None,
    lon: float | None = None,
    description_fr: str = "",
    description_en: str = "",
    remote: bool = False,
    languages: tuple[str, ...] = ("fr",),
    features: tuple[str, ...] = (),
    free: bool | None = None,
    min_age: float | None = None,
    max_age: float | None = None,
    status: str = "active",
    hours: list[ScheduleRule] | None = None,
) -> SearchDocument:
    return SearchDocument(
        id=f"doc-{key}",
        service_id=f"svc-{key}",
        service_source_id=f"src-{key}",
        service_at_location_id=f"sal-{key}",
        location_id=f"loc-{key}",
        service_at_location_source_id=f"sal-{key}",
        organization_id=f"org-{key}",
        name={"fr": name_fr, "en": name_en},
        organization={"fr": "Organisme", "en": "Organisme"},
        description={"fr": description_fr or description_en, "en": description_en or description_fr},
        keywords={"fr": "", "en": ""},
        name_locale="fr",
        categories=categories,
        exact_categories=categories,
        eligibility={},
        min_age=min_age,
        max_age=max_age,
        features=list(features),
        languages=list(languages),
        free=free,
        latitude=lat,
        longitude=lon,
        remote=remote,
        **schedule_fields(hours or []),  # as the index builds them: both seasons' hours
        status=status,
    )


DOCS = [
    doc(
        "food",
        "Banque alimentaire du Plateau",
        "Plateau Food Bank",
        categories=["food", "food-bank"],
        lat=45.5200,
        lon=-73.5800,
        description_fr="Paniers d'épicerie chaque semaine",
        free=True,
        hours=[ScheduleRule("MO,TU,WE,TH,FR", "09:00", "17:00")],
        features=("wheelchair-accessible",),
    ),
    doc(
        "food-fr-only",
        "Dépannage alimentaire Centre-Sud",
        "",
        categories=["food", "food-bank"],
        lat=45.5150,
        lon=-73.5550,
        description_fr="Aide alimentaire d'urgence",
        languages=("fr", "es"),
    ),
    doc(
        "shelter",
        "Hébergement d'urgence Le Phare",
        "Le Phare Emergency Shelter",
        categories=["shelter", "emergency-shelter"],
        lat=45.5100,
        lon=-73.5650,
        min_age=18,
        hours=[ScheduleRule("MO,TU,WE,TH,FR,SA,SU", "19:00", "08:00")],
        features=("walk-in",),
    ),
    doc(
        "dentist",
        "Clinique dentaire communautaire",
        "Community Dental Clinic",
        categories=["health", "dental-care"],
        lat=45.5600,
        lon=-73.6000,
        description_fr="Un dentiste voit les patients à faible revenu",
        free=False,
    ),
    doc(
        "daycare",
        "CPE Les Petits Explorateurs",
        "Les Petits Explorateurs Daycare",
        categories=["childcare", "daycare"],
        lat=45.4800,
        lon=-73.5800,
        max_age=5,
        min_age=0,
    ),
    doc(
        "line",
        "Ligne d'écoute 24/7",
        "24/7 Helpline",
        categories=["crisis", "crisis-line"],
        remote=True,
        languages=("fr", "en"),
        hours=[ScheduleRule("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")],
    ),
    doc(
        "unplaced",
        "Clinique juridique du quartier",
        "Neighbourhood Legal Clinic",
        categories=["legal", "legal-aid"],
    ),
    doc(
        "closed",
        "Banque alimentaire fermée",
        "Closed food bank",
        categories=["food", "food-bank"],
        lat=45.5090,
        lon=-73.5620,
        status="inactive",
    ),
]


def _meili_engine() -> object:
    url = os.environ.get("MEILI_URL")
    if not url:
        pytest.skip("Meilisearch tier: MEILI_URL is not set (no Meilisearch server on this machine)")
    from indexer.engines.meili import MeiliEngine

    return MeiliEngine(url, os.environ.get("MEILI_MASTER_KEY"), index_uid=f"carrefour-test-{time.time_ns()}")


def _postgres_engine(request: pytest.FixtureRequest) -> object:
    from sqlalchemy import create_engine

    from indexer.engines.postgres import PostgresEngine
    from indexer.engines.postgres.schema import install

    database = create_engine(request.getfixturevalue("pg_ready"))
    with database.begin() as connection:
        install(connection)
    request.addfinalizer(database.dispose)
    return PostgresEngine(database)


def _built(
    kind: str, tmp_path: Path, docs: list[SearchDocument], request: pytest.FixtureRequest
) -> Iterator[object]:
    if kind == "embedded":
        built = EmbeddedEngine(tmp_path / "search")
    elif kind == "postgres":
        built = _postgres_engine(request)
    else:
        built = _meili_engine()
    built.rebuild(docs)  # type: ignore[attr-defined]
    yield built
    if kind == "meilisearch":
        built.client.delete_index(built.index_uid)  # type: ignore[attr-defined]


ENGINES = ["embedded", "postgres", "meilisearch"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    yield from _built(request.param, tmp_path, DOCS, request)


@pytest.fixture(params=ENGINES)
def seasonal_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """Three weekday services: hours in UTC, at a fixed UTC−5, and in local time (tests/hours_cases.py)."""
    docs = [
        doc(key, f"Service {key}", f"Service {key}", categories=["food"], hours=[rule(key)])
        for key in SERVICES
    ]
    yield from _built(request.param, tmp_path, docs, request)


def ids(result: object) -> list[str]:
    return [hit.service_source_id for hit in result.hits]  # type: ignore[attr-defined]


def search(engine: object, **kwargs: object) -> object:
    return engine.search(SearchQuery(**kwargs))  # type: ignore[attr-defined, arg-type]


def test_words_find_services_in_both_languages(engine: object) -> None:
    assert "src-food" in ids(search(engine, text="banque alimentaire"))
    assert "src-food" in ids(search(engine, text="food bank", lang="en"))


def test_text_in_one_language_is_found_in_the_other(engine: object) -> None:
    assert "src-food-fr-only" in ids(search(engine, text="dépannage", lang="en"))


def test_accents_and_case_are_ignored(engine: object) -> None:
    assert ids(search(engine, text="HEBERGEMENT")) == ["src-shelter"]


def test_prefixes_match(engine: object) -> None:
    assert "src-shelter" in ids(search(engine, text="héberg"))


def test_one_typo_is_tolerated_in_long_words(engine: object) -> None:
    assert "src-dentist" in ids(search(engine, text="dentsite"))


def test_inactive_services_are_not_found(engine: object) -> None:
    assert "src-closed" not in ids(search(engine, text="banque alimentaire"))
    assert "src-closed" in ids(search(engine, text="banque alimentaire", include_inactive=True))


def test_radius_returns_only_what_is_inside_nearest_first(engine: object) -> None:
    result = search(engine, lat=CENTRE[0], lon=CENTRE[1], radius_km=3)
    found = result.hits  # type: ignore[attr-defined]
    assert found, "something is within 3 km"
    distances = [hit.distance_km for hit in found]
    assert all(d is not None and d <= 3 for d in distances)
    assert distances == sorted(distances)
    inside = {
        d.service_source_id
        for d in DOCS
        if d.latitude is not None
        and d.status == "active"
        and haversine_km(CENTRE[0], CENTRE[1], d.latitude, d.longitude) <= 3
    }  # type: ignore[arg-type]
    assert set(ids(result)) == inside


def test_category_family_includes_its_children(engine: object) -> None:
    assert set(ids(search(engine, categories=["food"]))) == {"src-food", "src-food-fr-only"}
    assert ids(search(engine, categories=["dental-care"])) == ["src-dentist"]


def test_filters_on_language_feature_age_and_cost(engine: object) -> None:
    assert ids(search(engine, languages=["es"])) == ["src-food-fr-only"]
    assert ids(search(engine, features=["wheelchair"])) == ["src-food"]
    assert ids(search(engine, features=["free"])) == ["src-food"]
    assert "src-daycare" not in ids(search(engine, age=30))
    assert "src-shelter" not in ids(search(engine, age=16))
    assert "src-dentist" in ids(search(engine, age=16))  # no age limits: never excluded


def test_open_at_a_moment(engine: object) -> None:
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL)
    sunday_three_am = datetime(2026, 11, 22, 3, 0, tzinfo=LOCAL)
    assert "src-food" in ids(search(engine, open_at=monday_ten))
    assert "src-shelter" not in ids(search(engine, open_at=monday_ten))
    assert set(ids(search(engine, open_at=sunday_three_am))) == {"src-shelter", "src-line"}


@pytest.mark.parametrize(("when", "open_services"), CASES, ids=[case_id(c) for c in CASES])
def test_open_at_reads_the_hours_of_the_moments_season(
    seasonal_engine: object, when: str, open_services: frozenset[str]
) -> None:
    """An offset is fixed all year and local time follows daylight saving time, before and after both
    changes of time, whatever the day the index was built."""
    found = ids(search(seasonal_engine, open_at=moment(when)))
    assert set(found) == {f"src-{key}" for key in open_services}


def test_facets_count_the_matching_documents(engine: object) -> None:
    result = search(engine, categories=["food"])
    assert result.facets["categories"]["food-bank"] == 2  # type: ignore[attr-defined]
    assert result.facets["languages"]["es"] == 1  # type: ignore[attr-defined]
    assert result.total == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 5},
        {"text": "alimentaire", "lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 5},
        {"text": "aide", "lat": CENTRE[0], "lon": CENTRE[1]},
        {"text": "aide"},
        {"categories": ["food"], "lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 20},
    ],
    ids=["near", "text-near", "text-sorted-by-distance", "text", "category-near"],
)
def test_facets_are_the_counts_over_every_match(engine: object, kwargs: dict[str, object]) -> None:
    """Whichever way the engine reads the matches, the facets count them all, not the page alone."""
    whole = search(engine, page_size=100, **kwargs)
    found = {d.service_source_id: d for d in DOCS if d.service_source_id in set(ids(whole))}
    expected: dict[str, dict[str, int]] = {"categories": {}, "languages": {}, "features": {}}
    for d in found.values():
        for name, values in (
            ("categories", d.categories),
            ("languages", d.languages),
            ("features", [*d.features, *(["free"] if d.free else [])]),
        ):
            for value in values:
                expected[name][value] = expected[name].get(value, 0) + 1
    assert found and search(engine, page_size=1, **kwargs).facets == expected  # type: ignore[attr-defined]


def test_pages(engine: object) -> None:
    first = search(engine, page=1, page_size=2)
    second = search(engine, page=2, page_size=2)
    assert first.total == second.total == 7  # type: ignore[attr-defined]
    assert not set(ids(first)) & set(ids(second))


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"text": "aide"}, {"text": "food", "lang": "en"}, {"lat": CENTRE[0], "lon": CENTRE[1]}],
    ids=["all", "text-fr", "text-en", "near"],
)
def test_without_facets_the_same_pages_come_back(engine: object, kwargs: dict[str, object]) -> None:
    """Asking for no facets (the matcher, scripts) must not change which services come back, in what order."""
    for page in (1, 2, 3):
        with_facets = search(engine, page=page, page_size=2, **kwargs)
        without = search(engine, page=page, page_size=2, facets=False, **kwargs)
        assert ids(without) == ids(with_facets)
        assert without.total == with_facets.total  # type: ignore[attr-defined]
        assert not any(without.facets.values())  # type: ignore[attr-defined]


def test_updates_and_deletes(engine: object) -> None:
    changed = doc(
        "food",
        "Banque alimentaire du Mile End",
        "Mile End Food Bank",
        categories=["food", "food-bank"],
        lat=45.52,
        lon=-73.60,
    )
    engine.delete_services(["svc-food"])  # type: ignore[attr-defined]
    engine.index([changed])  # type: ignore[attr-defined]
    assert ids(search(engine, text="Mile End")) == ["src-food"]
    assert "src-food" not in ids(search(engine, text="Plateau"))
    engine.delete_services(["svc-food"])  # type: ignore[attr-defined]
    assert "src-food" not in ids(search(engine, text="banque alimentaire"))
    assert engine.versions()["svc-shelter"] == 1  # type: ignore[attr-defined]


def test_places_at_the_same_distance_are_ordered_by_relevance(engine: object) -> None:
    """Several services at one address: nearest first cannot part them, the words must."""
    hub = {"lat": 45.60, "lon": -73.50, "categories": ["education", "tutoring"]}
    engine.index(  # type: ignore[attr-defined]
        [
            doc("a-centre", "Centre communautaire", "Community centre", description_fr="devoirs", **hub),
            doc("b-devoirs", "Aide aux devoirs Le Pont", "Le Pont Homework Help", **hub),
        ]
    )
    result = search(engine, text="devoirs", lat=45.60, lon=-73.50, radius_km=1)
    assert ids(result) == ["src-b-devoirs", "src-a-centre"]
    assert result.hits[0].score > result.hits[1].score  # type: ignore[attr-defined]


def test_unplaced_places_and_remote_services_on_request(engine: object) -> None:
    """The matcher's questions: places within a radius plus those whose coordinates are unknown; or remote
    services alone."""
    near = {"lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 0.5}
    plain = set(ids(search(engine, **near)))
    wide = search(engine, **near, include_remote=True, include_unplaced=True, page_size=50)
    assert "src-unplaced" not in plain and "src-line" not in plain
    assert plain | {"src-unplaced", "src-line"} <= set(ids(wide))
    assert all(hit.distance_km is None or hit.distance_km <= 0.5 for hit in wide.hits)  # type: ignore[attr-defined]
    remote = search(engine, remote_only=True, page_size=50)
    assert ids(remote) == ["src-line"]
    assert all(hit.distance_km is None for hit in remote.hits)  # type: ignore[attr-defined]


def test_an_index_of_an_earlier_layout_is_not_read_until_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    stored = engine._current_file()
    assert stored is not None
    with sqlite3.connect(stored) as connection:
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
    fresh = EmbeddedEngine(tmp_path / "search")  # a new process opening the old file
    health = fresh.health()
    assert not health.ok and "earlier version" in health.detail
    fresh.rebuild(DOCS)
    assert fresh.health().ok and ids(fresh.search(SearchQuery(text="phare")))


@pytest.mark.parametrize("radius", [0.3, 2.0, 6.0, 25.0])
@pytest.mark.parametrize("category", ["food", "health", "crisis", "legal"])
def test_category_near_a_point_finds_exactly_what_is_in_the_circle(
    engine: object, radius: float, category: str
) -> None:
    """Whatever the engine does to answer fast (cells, boxes), the answer is the circle's content."""
    for centre in (CENTRE, (45.5401, -73.6100), (45.4999, -73.5601)):
        result = search(
            engine, lat=centre[0], lon=centre[1], radius_km=radius, categories=[category], page_size=50
        )
        expected = {
            d.service_source_id
            for d in DOCS
            if category in d.categories
            and d.status == "active"
            and d.latitude is not None
            and d.longitude is not None
            and not d.remote
            and haversine_km(centre[0], centre[1], d.latitude, d.longitude) <= radius
        }
        assert set(ids(result)) == expected, (centre, radius, category)
        wide = search(
            engine,
            lat=centre[0],
            lon=centre[1],
            radius_km=radius,
            categories=[category],
            include_remote=True,
            include_unplaced=True,
            page_size=50,
        )
        extra = {
            d.service_source_id
            for d in DOCS
            if category in d.categories and d.status == "active" and (d.remote or d.latitude is None)
        }
        assert set(ids(wide)) == expected | extra, (centre, radius, category)


def test_a_rebuild_that_fails_leaves_the_index_in_service(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild(DOCS)
    before = ids(engine.search(SearchQuery(text="phare")))

    def broken() -> Iterator[SearchDocument]:
        yield from DOCS
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        engine.rebuild(broken())
    assert ids(engine.search(SearchQuery(text="phare"))) == before
    assert len(list((tmp_path / "search").glob("index-*.sqlite"))) == 1  # the half-built file is gone


def test_a_page_of_services_counts_services_not_their_places(tmp_path: Path) -> None:
    """The HSDS API's `/services?search=`: the embedded engine pages and counts services, each once however
    many places it has, the same services a search lists, best first."""
    second_place = doc("food", "Banque alimentaire du Plateau", "Plateau Food Bank", categories=["food"])
    second_place.id, second_place.service_at_location_id = "doc-food-2", "sal-food-2"
    engine = EmbeddedEngine(tmp_path / "search")
    engine.rebuild([*DOCS, second_place])
    for text, lang in (("aide", "fr"), ("banque", "fr"), ("food", "en")):
        query = SearchQuery(text=text, lang=lang, include_inactive=True, page_size=1000, facets=False)
        listed = {hit.service_id for hit in engine.search(query).hits}
        assert listed, text
        pages = [engine.service_page(text, offset=o, size=2, include_inactive=True) for o in range(0, 12, 2)]
        found = [sid for page in pages if page for sid in page[0]]
        assert sorted(found) == sorted(listed)  # each service once
        assert {page[1] for page in pages if page} == {len(listed)}
    best = engine.service_page("banque alimentaire", offset=0, size=1, include_inactive=False)
    active = engine.search(SearchQuery(text="banque alimentaire", page_size=1000, facets=False))
    assert best == (["svc-food"], len({hit.service_id for hit in active.hits}))  # named first, closed out
    assert "svc-closed" in {
        h.service_id
        for h in engine.search(
            SearchQuery(text="banque alimentaire", include_inactive=True, page_size=99)
        ).hits
    }
    without = engine.service_page("banque", offset=0, size=10, include_inactive=True, exclude={"svc-food"})
    assert without is not None and "svc-food" not in without[0]
    assert without[1] == engine.service_page("banque", offset=0, size=10, include_inactive=True)[1] - 1  # type: ignore[index]


CONTRACT_QUERIES: list[dict[str, object]] = [
    {"text": "banque alimentaire"},
    {"text": "food bank", "lang": "en"},
    {"text": "dépannage", "lang": "en"},
    {"text": "HEBERGEMENT"},
    {"text": "héberg"},
    {"text": "dentsite"},
    {"text": "banque alimentaire", "include_inactive": True},
    {"lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 3},
    {"categories": ["food"]},
    {"languages": ["es"]},
    {"features": ["wheelchair"]},
    {"features": ["free"]},
    {"age": 16},
    {"open_at": datetime(2026, 11, 22, 3, 0, tzinfo=LOCAL)},
    {"text": "alimentaire", "lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 5},
    {"text": "aide", "lat": CENTRE[0], "lon": CENTRE[1]},
    {"text": "aide"},
    {"categories": ["food"], "lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 20},
    {"lat": CENTRE[0], "lon": CENTRE[1], "radius_km": 0.5, "include_remote": True, "include_unplaced": True},
    {"remote_only": True},
    {},
]


def test_embedded_and_postgresql_give_the_same_hits(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The contract's queries on the contract's documents: the same hits, in the same order, the same totals
    and facets, in both engines."""
    [embedded] = _built("embedded", tmp_path, DOCS, request)
    [postgres] = _built("postgres", tmp_path, DOCS, request)
    for asked in CONTRACT_QUERIES:
        theirs, ours = search(embedded, page_size=50, **asked), search(postgres, page_size=50, **asked)
        assert ids(ours) == ids(theirs), asked
        assert ours.total == theirs.total and ours.facets == theirs.facets, asked  # type: ignore[attr-defined]
