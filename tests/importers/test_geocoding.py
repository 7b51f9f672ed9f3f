"""Placing imported locations: known addresses, the configured geocoder (a fake geopy geocoder here:
never the network) and its cache, retries with back-off, an unreachable or misconfigured geocoder, and
coordinates far from the source's region."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from flask import Flask
from geopy.exc import GeocoderQuotaExceeded, GeocoderRateLimited, GeocoderTimedOut
from sqlalchemy import event, func, select

from app.core.geo import GeocoderSettings, GeocoderUnavailable, cached_geocode, online_geocoder, place
from app.core.models import GeocodeCache, Location
from app.web.extensions import db
from tests.helpers import invoke, write_csv


def _package(folder: Path, locations: list[dict[str, str]], addresses: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "organizations.csv", [{"id": "o", "name": "Org", "description": "x"}])
    write_csv(folder / "locations.csv", locations, ["id", "location_type", "name", "latitude", "longitude"])
    write_csv(
        folder / "addresses.csv",
        addresses,
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    )
    return folder


def _address(key: str, street: str, postal: str) -> dict[str, str]:
    return {
        "id": f"ad-{key}",
        "location_id": key,
        "address_1": street,
        "city": "Montréal",
        "state_province": "QC",
        "postal_code": postal,
        "country": "CA",
        "address_type": "physical",
    }


def test_an_address_already_in_the_directory_places_a_location(app: Flask, tmp_path: Path) -> None:
    first = _package(
        tmp_path / "a",
        [{"id": "l1", "location_type": "physical", "name": "A", "latitude": "45.51", "longitude": "-73.56"}],
        [_address("l1", "100 rue Ontario Est", "H2X 1H1")],
    )
    second = _package(
        tmp_path / "b",
        [
            {"id": "l2", "location_type": "physical", "name": "B"},
            {"id": "l3", "location_type": "physical", "name": "C"},
        ],
        [_address("l2", "100 RUE ONTARIO EST", "h2x 1h1"), _address("l3", "9 chemin Inconnu", "")],
    )
    invoke(app, "import", str(first), "--source", "a", "--lang", "fr")
    result = invoke(app, "import", str(second), "--source", "b", "--lang", "fr")
    assert result.exit_code == 0
    assert "placed at 45.51, -73.56 from an address or postal code already in the directory" in result.output
    assert "locations.csv:id=l3: could not place '9 chemin Inconnu, Montréal'" in result.output
    with app.app_context():
        placed = db.session.scalars(select(Location).where(Location.source_id == "l2")).one()
        assert (placed.latitude, placed.longitude) == (45.51, -73.56)


def test_an_unreachable_geocoder_never_fails_an_import(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARREFOUR_GEOCODER", "nominatim")
    monkeypatch.setenv("CARREFOUR_GEOCODER_DOMAIN", "127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("CARREFOUR_GEOCODER_MIN_DELAY", "0")
    monkeypatch.setenv("CARREFOUR_GEOCODER_BACKOFF", "0")
    folder = _package(
        tmp_path / "p",
        [{"id": "l1", "location_type": "physical", "name": "A"}],
        [_address("l1", "4200 rue Nulle-Part", "H1A 0A0")],
    )
    result = invoke(app, "import", str(folder), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "the geocoder did not answer" in result.output
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(GeocodeCache)) == 0
        )  # failures are not cached


def test_the_cache_answers_twice_without_asking_twice(app: Flask) -> None:
    calls: list[str] = []

    def lookup(query: str) -> tuple[float, float] | None:
        calls.append(query)
        return (45.5, -73.6) if "Ontario" in query else None

    with app.app_context():
        assert cached_geocode(db.session, "100 rue Ontario, Montréal", "fake", lookup) == (45.5, -73.6)
        assert cached_geocode(db.session, "100  RUE ONTARIO, Montréal", "fake", lookup) == (45.5, -73.6)
        assert cached_geocode(db.session, "nowhere", "fake", lookup) is None
        assert cached_geocode(db.session, "nowhere", "fake", lookup) is None
        assert calls == ["100 rue Ontario, Montréal", "nowhere"]

        def down(query: str) -> tuple[float, float] | None:
            raise GeocoderUnavailable(query)

        with pytest.raises(GeocoderUnavailable):
            cached_geocode(db.session, "elsewhere", "fake", down)


def test_coordinates_far_from_the_region_are_cleared(app: Flask, tmp_path: Path) -> None:
    locations = [
        {
            "id": f"l{i}",
            "location_type": "physical",
            "name": str(i),
            "latitude": str(45.5 + i / 100),
            "longitude": "-73.6",
        }
        for i in range(6)
    ]
    locations.append(
        {"id": "swapped", "location_type": "physical", "name": "x", "latitude": "45.5", "longitude": "73.6"}
    )  # the sign of the longitude was lost
    result = invoke(app, "import", str(_package(tmp_path / "p", locations, [])), "--lang", "fr")
    assert "far from this source's other places" in result.output
    with app.app_context():
        swapped = db.session.scalars(select(Location).where(Location.source_id == "swapped")).one()
        assert swapped.latitude is None


def test_places_for_search_and_matching(app: Flask) -> None:
    with app.app_context():
        assert place(db.session, "45.5, -73.6").source == "coordinates"  # type: ignore[union-attr]
        area = place(db.session, "h2x")
        assert area is not None and area.approximate and abs(area.lat - 45.51) < 0.05
        assert place(db.session, "Z9Z") is None and place(db.session, "nowhere at all") is None
    assert GeocoderSettings.from_environment() is None


class FakeGeocoder:
    """A geopy geocoder class as geopy builds one from the environment's settings; it answers from a
    table of streets and records every question it is asked."""

    answers: ClassVar[dict[str, tuple[float, float]]] = {}
    calls: ClassVar[list[str]] = []

    def __init__(self, user_agent: str, timeout: int, **options: Any) -> None:
        self.user_agent = user_agent

    def geocode(self, query: str, **options: Any) -> SimpleNamespace | None:
        FakeGeocoder.calls.append(query)
        for street, (lat, lon) in self.answers.items():
            if street in query:
                return SimpleNamespace(latitude=lat, longitude=lon)
        return None


@pytest.fixture
def fake_geocoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeGeocoder]]:
    from geopy.geocoders import SERVICE_TO_GEOCODER

    monkeypatch.setitem(SERVICE_TO_GEOCODER, "fake", FakeGeocoder)
    monkeypatch.setenv("CARREFOUR_GEOCODER", "fake")
    monkeypatch.setenv("CARREFOUR_GEOCODER_MIN_DELAY", "0")
    FakeGeocoder.answers = {"rue Ontario": (45.53, -73.55), "rue de Rivoli": (48.86, 2.35)}
    FakeGeocoder.calls = []
    yield FakeGeocoder


def test_the_configured_geocoder_places_and_no_address_is_asked_twice(
    app: Flask, tmp_path: Path, fake_geocoder: type[FakeGeocoder]
) -> None:
    addresses = [
        _address("l1", "4200 rue Ontario Est", "H1V 1K5"),
        _address("l2", "1 rue Inconnue", "H2X 1Y4"),
    ]
    locations = [{"id": key, "location_type": "physical", "name": key} for key in ("l1", "l2")]
    first = invoke(app, "import", str(_package(tmp_path / "a", locations, addresses)), "--source", "a")
    assert "locations.csv:id=l1: placed at 45.53, -73.55 by the geocoder" in first.output
    assert "locations.csv:id=l2: could not place '1 rue Inconnue, Montréal, H2X 1Y4'" in first.output
    second = invoke(app, "import", str(_package(tmp_path / "b", locations, addresses)), "--source", "b")
    assert "from an address or postal code already in the directory" in second.output  # l1, from a
    assert "could not place '1 rue Inconnue" in second.output  # the cache's "not found", not a new call
    assert sorted(fake_geocoder.calls) == [
        "1 rue Inconnue, Montréal, QC, H2X 1Y4, CA",
        "4200 rue Ontario Est, Montréal, QC, H1V 1K5, CA",
    ]
    with app.app_context():
        placed = db.session.scalars(select(Location).where(Location.source_id == "l1")).all()
        assert [(p.latitude, p.longitude) for p in placed] == [(45.53, -73.55), (45.53, -73.55)]
        assert db.session.scalar(select(func.count()).select_from(GeocodeCache)) == 2


class Flaky:
    """Times out, or is rate limited, a number of times before it answers."""

    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.calls = 0

    def geocode(self, query: str, **options: Any) -> SimpleNamespace:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return SimpleNamespace(latitude=45.5, longitude=-73.6)


def test_the_geocoder_is_tried_again_with_back_off_then_given_up() -> None:
    settings = GeocoderSettings("fake", min_delay=0, retries=2, backoff=0.5)
    waits: list[float] = []
    flaky = Flaky([GeocoderTimedOut("slow"), GeocoderRateLimited("busy", retry_after=7)])
    assert online_geocoder(settings, flaky, waits.append)("x") == (45.5, -73.6)
    assert waits == [0.5, 7.0] and flaky.calls == 3  # the back-off, then the service's own wait
    waits.clear()
    down = Flaky([GeocoderTimedOut("slow")] * 3)
    with pytest.raises(GeocoderUnavailable):
        online_geocoder(settings, down, waits.append)("x")
    assert waits == [0.5, 1.0] and down.calls == 3  # doubled each time, three tries in all
    refused = Flaky([GeocoderQuotaExceeded("no more today")])
    with pytest.raises(GeocoderUnavailable):
        online_geocoder(settings, refused, waits.append)("x")
    assert refused.calls == 1  # not worth trying again


def test_a_misconfigured_geocoder_never_fails_an_import(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARREFOUR_GEOCODER", "no-such-service")
    folder = _package(
        tmp_path / "p",
        [{"id": "l1", "location_type": "physical", "name": "A"}],
        [_address("l1", "4200 rue Nulle-Part", "H1A 0A0")],
    )
    result = invoke(app, "import", str(folder), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "the geocoder 'no-such-service' cannot be used (Unknown geocoder" in result.output
    assert "could not place '4200 rue Nulle-Part" in result.output
    monkeypatch.setenv("CARREFOUR_GEOCODER", "nominatim")
    monkeypatch.setenv("CARREFOUR_GEOCODER_RETRIES", "beaucoup")
    result = invoke(app, "import", str(folder), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "(CARREFOUR_GEOCODER_RETRIES='beaucoup' is not a number)" in result.output


def test_a_geocoder_answer_outside_the_region_is_not_used(
    app: Flask, tmp_path: Path, fake_geocoder: type[FakeGeocoder]
) -> None:
    locations = [
        {"id": f"l{i}", "location_type": "physical", "name": str(i), "latitude": str(45.5 + i / 100)}
        | {"longitude": "-73.6"}
        for i in range(5)
    ]
    locations.append({"id": "homonym", "location_type": "physical", "name": "x"})
    result = invoke(
        app,
        "import",
        str(_package(tmp_path / "p", locations, [_address("homonym", "12 rue de Rivoli", "")])),
        "--lang",
        "fr",
    )
    assert (
        "the geocoder placed '12 rue de Rivoli, Montréal' at 48.86, 2.35, outside this source's region"
        in (result.output)
    )
    with app.app_context():
        kept = db.session.scalars(select(Location).where(Location.source_id == "homonym")).one()
        assert kept.latitude is None  # kept, unplaced


def test_a_place_without_coordinates_or_address_is_flagged(app: Flask, tmp_path: Path) -> None:
    locations = [
        {"id": "bare", "location_type": "physical", "name": "Nowhere"},
        {"id": "online", "location_type": "virtual", "name": "Online"},
    ]
    result = invoke(app, "import", str(_package(tmp_path / "p", locations, [])), "--lang", "fr")
    assert (
        "locations.csv:id=bare: no coordinates and no address: the location cannot be placed" in result.output
    )
    assert "id=online" not in result.output  # a virtual place needs none


def test_large_runs_are_placed_in_batches(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run of more than 500 locations never puts all their ids in one statement (SQLite limits them)."""
    import importers.run
    from importers.placing import BATCH, place_locations

    known = _package(
        tmp_path / "known",
        [{"id": "k", "location_type": "physical", "name": "K", "latitude": "45.51", "longitude": "-73.56"}],
        [_address("k", "100 rue Ontario Est", "H2X 1H1")],
    )
    invoke(app, "import", str(known), "--source", "known", "--lang", "fr")
    count = 2 * BATCH + 1
    locations = [{"id": f"l{i}", "location_type": "physical", "name": str(i)} for i in range(count)]
    addresses = [_address(f"l{i}", "100 rue Ontario Est", "H2X 1H1") | {"id": f"a{i}"} for i in range(count)]
    widest: list[int] = [0]

    def watched(*args: Any, **kwargs: Any) -> None:
        def count_parameters(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
            if isinstance(parameters, list | tuple) and not rest[-1]:  # executemany counts per row
                widest[0] = max(widest[0], len(parameters))

        # Called inside the command's app context: the run's session, uncommitted rows and all.
        event.listen(db.engine, "before_cursor_execute", count_parameters)
        try:
            place_locations(*args, **kwargs)
        finally:
            event.remove(db.engine, "before_cursor_execute", count_parameters)

    monkeypatch.setattr(importers.run, "place_locations", watched)
    result = invoke(app, "import", str(_package(tmp_path / "many", locations, addresses)), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert 0 < widest[0] <= BATCH + 5
    with app.app_context():
        placed = db.session.scalar(
            select(func.count()).select_from(Location).where(Location.latitude == 45.51)
        )
        assert placed == count + 1
