"""Where the generated services are: the boroughs and linked cities of the island of Montréal, weighted by
population, with points drawn inside their real boundaries when the shared GeoJSON is there (else inside
their bounding boxes), always within the benchmark's region."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from app.data import BOROUGHS_GEOJSON

# The benchmark's region (south, north, west, east): every generated point falls inside it.
REGION = (45.40, 45.70, -73.97, -73.47)


@dataclass(frozen=True, slots=True)
class Borough:
    name: str
    city: str  # the municipality of a postal address ("Montréal" for the city's boroughs)
    population: int  # thousands, 2021 census, rounded: how often the borough is drawn
    bounds: tuple[float, float, float, float]  # south, north, west, east
    fsas: tuple[str, ...]  # forward sortation areas (first three characters of postal codes)
    neighbourhoods: tuple[str, ...]


def _b(
    name: str, population: int, bounds: tuple[float, float, float, float], fsas: str, *hoods: str
) -> Borough:
    linked = name in _LINKED_CITIES
    return Borough(
        name, name if linked else "Montréal", population, bounds, tuple(fsas.split()), hoods or (name,)
    )


_LINKED_CITIES = frozenset(
    {
        "Baie-D'Urfé",
        "Beaconsfield",
        "Côte-Saint-Luc",
        "Dollard-Des Ormeaux",
        "Dorval",
        "Hampstead",
        "Kirkland",
        "Mont-Royal",
        "Montréal-Est",
        "Montréal-Ouest",
        "Pointe-Claire",
        "Sainte-Anne-de-Bellevue",
        "Senneville",
        "Westmount",
    }
)

BOROUGHS: tuple[Borough, ...] = (
    _b(
        "Ahuntsic-Cartierville",
        134,
        (45.506, 45.584, -73.764, -73.622),
        "H2C H2M H2N H3L H3M H4J H4K",
        "Ahuntsic",
        "Cartierville",
        "Bordeaux",
        "Sault-au-Récollet",
    ),
    _b("Anjou", 42, (45.590, 45.634, -73.603, -73.535), "H1J H1K"),
    _b("Baie-D'Urfé", 4, (45.398, 45.435, -73.934, -73.893), "H9X"),
    _b("Beaconsfield", 19, (45.385, 45.446, -73.901, -73.816), "H9W"),
    _b("Côte-Saint-Luc", 34, (45.453, 45.493, -73.687, -73.630), "H4V H4W"),
    _b(
        "Côte-des-Neiges-Notre-Dame-de-Grâce",
        166,
        (45.451, 45.517, -73.677, -73.594),
        "H3S H3T H3V H3W H4A H4B",
        "Côte-des-Neiges",
        "Notre-Dame-de-Grâce",
        "Snowdon",
    ),
    _b("Dollard-Des Ormeaux", 49, (45.463, 45.506, -73.857, -73.768), "H9A H9B H9G"),
    _b("Dorval", 19, (45.419, 45.494, -73.795, -73.708), "H9P H9S"),
    _b("Hampstead", 7, (45.474, 45.489, -73.656, -73.630), "H3X"),
    _b("Kirkland", 20, (45.435, 45.471, -73.906, -73.832), "H9H H9J"),
    _b(
        "L'Île-Bizard-Sainte-Geneviève",
        19,
        (45.464, 45.526, -73.974, -73.853),
        "H9C H9E",
        "L'Île-Bizard",
        "Sainte-Geneviève",
    ),
    _b("LaSalle", 76, (45.410, 45.458, -73.666, -73.540), "H8N H8P H8R"),
    _b("Lachine", 46, (45.422, 45.473, -73.725, -73.629), "H8S H8T"),
    _b(
        "Le Plateau-Mont-Royal",
        104,
        (45.505, 45.542, -73.612, -73.559),
        "H2H H2J H2T H2W",
        "Plateau-Mont-Royal",
        "Mile End",
        "Milton-Parc",
    ),
    _b(
        "Le Sud-Ouest",
        78,
        (45.438, 45.498, -73.635, -73.522),
        "H3J H3K H4C H4E",
        "Saint-Henri",
        "Pointe-Saint-Charles",
        "Petite-Bourgogne",
        "Ville-Émard",
        "Côte-Saint-Paul",
    ),
    _b(
        "Mercier-Hochelaga-Maisonneuve",
        142,
        (45.531, 45.616, -73.570, -73.504),
        "H1L H1M H1N H1V H1W",
        "Hochelaga",
        "Maisonneuve",
        "Mercier",
        "Tétreaultville",
    ),
    _b("Mont-Royal", 20, (45.484, 45.531, -73.686, -73.621), "H3P H3R H4P"),
    _b("Montréal-Est", 4, (45.609, 45.648, -73.568, -73.484), "H1B"),
    _b("Montréal-Nord", 84, (45.576, 45.634, -73.658, -73.602), "H1G H1H"),
    _b("Montréal-Ouest", 5, (45.447, 45.460, -73.668, -73.632), "H4X"),
    _b("Outremont", 24, (45.504, 45.528, -73.627, -73.590), "H2V"),
    _b(
        "Pierrefonds-Roxboro",
        73,
        (45.441, 45.519, -73.974, -73.752),
        "H8Y H8Z H9H H9K",
        "Pierrefonds",
        "Roxboro",
    ),
    _b("Pointe-Claire", 33, (45.393, 45.483, -73.847, -73.768), "H9R H9S"),
    _b(
        "Rivière-des-Prairies-Pointe-aux-Trembles",
        106,
        (45.613, 45.708, -73.625, -73.474),
        "H1A H1C H1E",
        "Rivière-des-Prairies",
        "Pointe-aux-Trembles",
    ),
    _b(
        "Rosemont-La Petite-Patrie",
        146,
        (45.526, 45.582, -73.622, -73.549),
        "H1T H1X H1Y H2G H2S",
        "Rosemont",
        "La Petite-Patrie",
        "Vieux-Rosemont",
    ),
    _b("Saint-Laurent", 98, (45.461, 45.532, -73.774, -73.651), "H4L H4M H4N H4R H4S H4T"),
    _b("Saint-Léonard", 80, (45.566, 45.611, -73.630, -73.564), "H1P H1R H1S"),
    _b("Sainte-Anne-de-Bellevue", 5, (45.399, 45.448, -73.961, -73.901), "H9X"),
    _b("Senneville", 1, (45.406, 45.466, -73.997, -73.925), "H9X"),
    _b("Verdun", 69, (45.428, 45.477, -73.599, -73.519), "H3E H4G H4H", "Verdun", "L'Île-des-Sœurs"),
    _b(
        "Ville-Marie",
        89,
        (45.487, 45.540, -73.605, -73.519),
        "H2L H2X H2Y H2Z H3A H3B H3C H3G H3H",
        "Centre-ville",
        "Centre-Sud",
        "Vieux-Montréal",
        "Quartier chinois",
        "Village",
    ),
    _b(
        "Villeray-Saint-Michel-Parc-Extension",
        144,
        (45.523, 45.585, -73.649, -73.586),
        "H1Z H2A H2E H2P H2R H3N",
        "Villeray",
        "Saint-Michel",
        "Parc-Extension",
    ),
    _b("Westmount", 20, (45.474, 45.495, -73.618, -73.581), "H3Y H3Z"),
)

STREETS: tuple[str, ...] = (
    "rue Sainte-Catherine Est",
    "rue Sainte-Catherine Ouest",
    "boulevard Saint-Laurent",
    "rue Saint-Denis",
    "rue Ontario Est",
    "rue Notre-Dame Ouest",
    "rue Notre-Dame Est",
    "rue Sherbrooke Est",
    "rue Sherbrooke Ouest",
    "avenue du Mont-Royal Est",
    "rue Jean-Talon Est",
    "rue Jean-Talon Ouest",
    "rue Beaubien Est",
    "rue Bélanger",
    "boulevard Saint-Michel",
    "boulevard Pie-IX",
    "rue Hochelaga",
    "avenue Papineau",
    "rue De Lorimier",
    "rue Fleury Est",
    "boulevard Henri-Bourassa Est",
    "boulevard Gouin Ouest",
    "chemin de la Côte-des-Neiges",
    "avenue de Monkland",
    "rue Sherbrooke",
    "boulevard Décarie",
    "chemin Queen-Mary",
    "rue Wellington",
    "rue Centre",
    "boulevard Monk",
    "avenue Jolicoeur",
    "boulevard LaSalle",
    "rue Dollard",
    "boulevard Newman",
    "rue Notre-Dame",
    "boulevard Saint-Joseph",
    "boulevard des Sources",
    "boulevard Saint-Jean",
    "chemin du Bord-du-Lac",
    "boulevard Pierrefonds",
    "boulevard Gouin",
    "boulevard Côte-Vertu",
    "boulevard Marcel-Laurin",
    "rue Jarry Est",
    "rue Villeray",
    "avenue Bloomfield",
    "rue Saint-Hubert",
    "avenue Van Horne",
    "avenue Laurier Ouest",
    "rue Bernard Ouest",
    "boulevard Lacordaire",
    "boulevard Maurice-Duplessis",
    "boulevard Rivière-des-Prairies",
    "rue Sherbrooke Est",
    "boulevard Lapointe",
    "avenue Greene",
    "rue Sainte-Anne",
    "boulevard des Anciens-Combattants",
    "avenue Dorval",
    "rue Principale",
)

_PLACE_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # letters Canada Post uses in postal codes


@dataclass(frozen=True, slots=True)
class Area:
    borough: Borough
    geometry: BaseGeometry | None  # the real boundary, when the shared file is present


@cache
def areas() -> tuple[Area, ...]:
    """Every borough with its boundary (None without the shared file: its bounding box stands in)."""
    shapes = _boundaries()
    return tuple(Area(b, shapes.get(b.name)) for b in BOROUGHS)


def _boundaries() -> dict[str, BaseGeometry]:
    if not BOROUGHS_GEOJSON.exists():
        return {}
    data: dict[str, Any] = json.loads(BOROUGHS_GEOJSON.read_text(encoding="utf-8"))
    found: dict[str, BaseGeometry] = {}
    for feature in data.get("features", []):
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)  # point-in-polygon tests are then fast
        found[feature["properties"]["name"]] = geometry
    return found


@cache
def boundary_extent(name: str) -> str | None:
    """The borough's boundary as compact GeoJSON (lon/lat), for a service area; None without the file."""
    geometry = next((a.geometry for a in areas() if a.borough.name == name), None)
    return None if geometry is None else json.dumps(mapping(geometry), separators=(",", ":"))


class PlacePicker:
    """Draws boroughs by population and points inside them, from the caller's random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.areas = areas()
        weights = [a.borough.population for a in self.areas]
        total = sum(weights)
        running = 0.0
        self.cumulative: list[float] = []
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)

    def borough(self) -> Area:
        draw = self.rng.random()
        for area, edge in zip(self.areas, self.cumulative, strict=True):
            if draw < edge:
                return area
        return self.areas[-1]

    def point(self, area: Area) -> tuple[float, float]:
        """A point inside the area (and the region), rounded to about a metre."""
        south, north, west, east = area.borough.bounds
        south, north = max(south, REGION[0]), min(north, REGION[1])
        west, east = max(west, REGION[2]), min(east, REGION[3])
        for _ in range(200):
            lat, lon = self.rng.uniform(south, north), self.rng.uniform(west, east)
            if area.geometry is None or shapely.contains_xy(area.geometry, lon, lat):
                return round(lat, 6), round(lon, 6)
        return round((south + north) / 2, 6), round((west + east) / 2, 6)

    def postal_code(self, area: Area) -> str:
        letters = _PLACE_LETTERS
        fsa = self.rng.choice(area.borough.fsas)
        return f"{fsa} {self.rng.randrange(10)}{self.rng.choice(letters)}{self.rng.randrange(10)}"

    def street_address(self) -> str:
        return f"{self.rng.randrange(10, 9990)} {self.rng.choice(STREETS)}"
