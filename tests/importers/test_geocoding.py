"""Placing imported locations: known addresses, the geocoder's cache, an unreachable geocoder, and
coordinates far from the source's region."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import GeocodeCache, Location
from importers.geocode import GeocoderSettings, GeocoderUnavailable, cached_geocode, place
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
