"""Resource sheets for outreach, with no client at all: which needs, near which place, in which language(s).

A sheet is asked with needs of the core taxonomy, a postal code or one of the agglomeration's boroughs and
linked cities (`app/data/montreal-boroughs.geojson`), and `fr`, `en` or `both` (side by side). The request
is read here, every problem named with its field; the search itself is the web layer's (the search service
lives above the core).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy.orm import Session

from app.core.geo import fsa_centroid, place, postal_code_parts
from app.core.i18n import LazyText
from app.core.i18n import lazy_gettext as _l
from app.core.taxonomy import core_terms
from app.core.text import comparable_text
from app.data import BOROUGHS_GEOJSON

SHEET_LANGUAGES = ("fr", "en", "both")
MAX_NEEDS = 8
# One page holds about nine services (in two languages side by side too): three a need at most, fewer when
# more needs are asked, one at least.
SERVICES_A_PAGE = 9
MOST_A_NEED = 3
RADIUS_KM = 10.0  # "near": within this distance of the place, nearest first

PROBLEMS: dict[str, LazyText] = {
    "no_need": _l("Choose at least one need."),
    "too_many_needs": _l("Choose at most %(most)d needs: a sheet is one page.", most=MAX_NEEDS),
    "unknown_need": _l("This need is not in the directory's list: %(codes)s."),
    "no_place": _l("Enter a postal code or choose a borough."),
    "bad_postal_code": _l(
        "This is not a postal code: write it like H2X 1Y4 (or its first three characters)."
    ),
    "unknown_postal_code": _l(
        "This postal code could not be placed on the map: check it, or choose a borough."
    ),
    "unknown_borough": _l("This borough is not in the list."),
    "bad_language": _l("Choose French, English or both."),
}


@dataclass(frozen=True, slots=True)
class Borough:
    code: str
    name: str
    kind: str  # borough, linked-city
    lat: float
    lon: float


@cache
def boroughs() -> tuple[Borough, ...]:
    """The 19 boroughs of Montréal and the 15 linked cities, by name; each placed at a point inside it."""
    from shapely.geometry import shape  # on the first sheet, not in every worker

    with BOROUGHS_GEOJSON.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    found = []
    for feature in features:
        properties = feature["properties"]
        point = shape(feature["geometry"]).representative_point()
        found.append(Borough(properties["code"], properties["name"], properties["type"], point.y, point.x))
    return tuple(sorted(found, key=lambda b: comparable_text(b.name)))


def borough(code: str) -> Borough | None:
    return next((b for b in boroughs() if b.code == code), None)


@dataclass(frozen=True, slots=True)
class SheetPlace:
    lat: float
    lon: float
    label: str  # "H2X 1Y4", "Verdun"
    approximate: bool  # the centre of a postal code area, or of a borough


@dataclass(slots=True)
class SheetRequest:
    needs: list[str] = field(default_factory=list)
    postal_code: str = ""
    borough: str = ""
    language: str = "fr"
    place: SheetPlace | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)  # field -> messages

    @property
    def languages(self) -> list[str]:
        return ["fr", "en"] if self.language == "both" else [self.language]

    @property
    def per_need(self) -> int:
        return max(1, min(MOST_A_NEED, SERVICES_A_PAGE // max(len(self.needs), 1)))

    def problem(self, field_name: str, key: str, **values: object) -> None:
        message = PROBLEMS[key]
        self.problems.setdefault(field_name, []).append(message % values if values else str(message))


def needs_codes() -> set[str]:
    return {t.code for t in core_terms() if t.taxonomy == "needs"}


def read_sheet_request(
    session: Session,
    *,
    needs: Sequence[str],
    postal_code: str = "",
    borough_code: str = "",
    language: str = "",
    default_language: str = "fr",
) -> SheetRequest:
    """The sheet asked for, its place found; `problems` says what is wrong, field by field (messages in the
    locale of the moment). A postal code, when given, wins over a borough."""
    asked = list(dict.fromkeys(code.strip() for code in needs if code.strip()))
    request = SheetRequest(
        needs=asked,
        postal_code=" ".join(postal_code.split())[:16],
        borough=borough_code.strip()[:16],
        language=(language or default_language).strip().lower(),
    )
    known = needs_codes()
    unknown = [code for code in asked if code not in known]
    if unknown:
        request.problem("need", "unknown_need", codes=", ".join(code[:40] for code in unknown[:5]))
    elif not asked:
        request.problem("need", "no_need")
    elif len(asked) > MAX_NEEDS:
        request.problem("need", "too_many_needs")
    if request.language not in SHEET_LANGUAGES:
        request.problem("language", "bad_language")
    request.place = _place(session, request)
    return request


def _place(session: Session, request: SheetRequest) -> SheetPlace | None:
    if request.postal_code:
        parts = postal_code_parts(request.postal_code)
        if parts is None:
            request.problem("postal_code", "bad_postal_code")
            return None
        fsa, rest = parts
        label = f"{fsa} {rest}" if rest else fsa
        found = place(session, label)
        if found is None or fsa_centroid(fsa) is None:  # an FSA Canada Post does not have
            request.problem("postal_code", "unknown_postal_code")
            return None
        return SheetPlace(found.lat, found.lon, label, found.approximate)
    if request.borough:
        chosen = borough(request.borough)
        if chosen is None:
            request.problem("borough", "unknown_borough")
            return None
        return SheetPlace(chosen.lat, chosen.lon, chosen.name, True)
    request.problem("postal_code", "no_place")
    return None
