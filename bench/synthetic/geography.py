"""The one Montréal geography of the synthetic directories: the boroughs and linked cities of the island,
their real boundaries (app/data/montreal-boroughs.geojson) and what `words/montreal.yaml` says of them
(population, neighbourhoods, streets, metro stations, languages, FSAs); and the draws made from them with the
caller's random stream: a borough by population, a point inside it, an address, a postal code."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from app.data import BOROUGHS_GEOJSON
from bench.synthetic.models import BoroughWords, T
from bench.synthetic.text import de, fill
from bench.synthetic.words import WordsError, words

POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # letters Canada Post uses
INSET = 0.0015  # degrees a sampled point keeps from the boundary, so it stays inside after rounding


@dataclass(frozen=True, slots=True)
class Borough:
    name: str
    kind: str  # "borough" or "linked-city", as the boundary file says
    geometry: dict[str, Any]  # the GeoJSON geometry, as published
    shape: BaseGeometry
    inner: BaseGeometry  # shrunk a little (prepared: point tests are fast)
    place: BoroughWords  # what words/montreal.yaml says of it

    @property
    def city(self) -> str:
        """The municipality of a postal address: "Montréal" for the city's boroughs."""
        return self.name if self.kind == "linked-city" else "Montréal"

    @property
    def region(self) -> str:
        """The borough of a Montréal address; empty for a linked city."""
        return "" if self.kind == "linked-city" else self.name

    @property
    def extent(self) -> str:
        """The boundary as compact GeoJSON: a service area's `extent`."""
        return _extent(self.name)

    def area_text(self) -> T:
        """ "Only for residents of the X borough" (or "of the City of X")."""
        sentences = words().sentences.service_area
        template = sentences.linked_city if self.kind == "linked-city" else sentences.borough
        return fill(template, of_name=de(self.name), name=self.name)


@cache
def boroughs() -> dict[str, Borough]:
    """Every borough and linked city, by name in alphabetical order; montreal.yaml must name each one."""
    with BOROUGHS_GEOJSON.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    places = words().montreal.boroughs
    names = {f["properties"]["name"] for f in features}
    missing, unknown = sorted(names - set(places)), sorted(set(places) - names)
    if missing or unknown:
        raise WordsError(
            f"montreal.yaml: boroughs: missing {missing}, not in {BOROUGHS_GEOJSON.name}: {unknown}"
        )
    found: dict[str, Borough] = {}
    for feature in sorted(features, key=lambda f: f["properties"]["name"]):
        props = feature["properties"]
        geom = shape(feature["geometry"])
        inner = geom.buffer(-INSET)
        inner = inner if not inner.is_empty else geom
        shapely.prepare(inner)
        found[props["name"]] = Borough(
            props["name"], props["type"], feature["geometry"], geom, inner, places[props["name"]]
        )
    return found


@cache
def _extent(name: str) -> str:
    return json.dumps(boroughs()[name].geometry, separators=(",", ":"), ensure_ascii=False)


class Geography:
    """Draws from the caller's random stream: the same stream and calls give the same places."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.boroughs = boroughs()
        self.all_fsas = [f for b in self.boroughs.values() for f in b.place.fsas]
        self.peopled = [n for n, b in self.boroughs.items() if b.place.population > 0]
        self.weights = [self.boroughs[n].place.population for n in self.peopled]

    def weighted_borough(self, preferred: Sequence[str] = ()) -> Borough:
        """A borough drawn by population; one of `preferred` seven times in ten when given."""
        if preferred and self.rng.random() < 0.7:
            return self.boroughs[self.rng.choice(list(preferred))]
        return self.boroughs[self.rng.choices(self.peopled, self.weights)[0]]

    def neighbour(self, borough: Borough) -> Borough:
        """A peopled borough touching this one (itself when none does)."""
        near = [
            b
            for b in self.boroughs.values()
            if b is not borough and b.place.population > 0 and b.shape.distance(borough.shape) < 0.005
        ]
        return self.rng.choice(near) if near else borough

    def sample_point(self, borough: Borough) -> tuple[float, float]:
        """(longitude, latitude) inside the borough, rounded to 6 decimals (about 10 cm)."""
        minx, miny, maxx, maxy = borough.inner.bounds
        while True:
            lon, lat = self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy)
            lon, lat = round(lon, 6), round(lat, 6)
            if shapely.contains_xy(borough.inner, lon, lat):
                return lon, lat

    def postal_code(self, borough: Borough, lon: float, lat: float) -> str:
        """The FSA nearest the point among the borough's own (else the island's), plus an invented LDU."""
        candidates = borough.place.fsas or self.all_fsas
        scale = math.cos(math.radians(lat))
        fsa = min(candidates, key=lambda f: (((f[1] - lon) * scale) ** 2 + (f[2] - lat) ** 2, f[0]))[0]
        ldu = f"{self.rng.randint(1, 9)}{self.rng.choice(POSTAL_LETTERS)}{self.rng.randint(0, 9)}"
        return f"{fsa} {ldu}"

    def street_address(self, borough: Borough) -> str:
        street, low, high = self.rng.choice(borough.place.streets)
        return f"{self.rng.randint(low, high)} {street}"
