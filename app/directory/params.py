"""Reading the public search form leniently: a value that makes no sense is ignored, never an error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from app.core.taxonomy import core_terms

RADII = (1, 2, 5, 10, 25, 50)
DEFAULT_RADIUS = 5.0
MAX_TEXT = 200
MAX_LIST_PAGE = 100_000
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(slots=True)
class SearchParams:
    q: str = ""
    near: str = ""
    radius: float = DEFAULT_RADIUS
    categories: list[str] = field(default_factory=list)
    open_now: bool = False
    languages: list[str] = field(default_factory=list)
    free: bool = False
    wheelchair: bool = False
    walk_in: bool = False
    age: int | None = None
    # "nearest": nearest first; otherwise relevance weighed with distance when there are words and a place.
    order: str = "relevance"
    page: int = 1

    def features(self) -> list[str]:
        return [
            name
            for name, on in (
                ("free", self.free),
                ("wheelchair-accessible", self.wheelchair),
                ("walk-in", self.walk_in),
            )
            if on
        ]

    def as_args(self, **changes: object) -> dict[str, object]:
        """The query string of this search, with some values changed (for links)."""
        values: dict[str, object] = {
            "q": self.q or None,
            "near": self.near or None,
            "radius": _number(self.radius) if self.near else None,
            "category": self.categories or None,
            "open_now": "1" if self.open_now else None,
            "language": self.languages or None,
            "free": "1" if self.free else None,
            "wheelchair": "1" if self.wheelchair else None,
            "walk_in": "1" if self.walk_in else None,
            "age": self.age,
            "order": "nearest" if self.order == "nearest" else None,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "", [])}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _flag(args: MultiDict[str, str], name: str) -> bool:
    return args.get(name, "").strip().lower() in ("1", "on", "true", "yes", "oui")


def _int(text: str | None, low: int, high: int) -> int | None:
    try:
        value = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if low <= value <= high else None


def parse_search(args: MultiDict[str, str]) -> SearchParams:
    needs = {t.code for t in core_terms() if t.taxonomy == "needs"}
    params = SearchParams(
        q=" ".join(args.get("q", "").split())[:MAX_TEXT],
        near=" ".join(args.get("near", "").split())[:MAX_TEXT],
        categories=list(dict.fromkeys(c for c in args.getlist("category") if c in needs)),
        open_now=_flag(args, "open_now"),
        languages=list(
            dict.fromkeys(code.lower() for code in args.getlist("language") if _LANGUAGE.match(code.lower()))
        ),
        free=_flag(args, "free"),
        wheelchair=_flag(args, "wheelchair"),
        walk_in=_flag(args, "walk_in"),
        age=_int(args.get("age"), 0, 130),
        order="nearest" if args.get("order", "").strip().lower() == "nearest" else "relevance",
        page=_int(args.get("page"), 1, 1000) or 1,
    )
    try:
        radius = float(args.get("radius", DEFAULT_RADIUS))
        if 0.1 <= radius <= 200:
            params.radius = radius
    except ValueError:
        pass
    return params


def switch_query(endpoint: str | None, args: MultiDict[str, str]) -> dict[str, object]:
    """The query a page keeps when its language changes: its own parameters, parsed and bounded as the page
    reads them, never the raw query string (whatever its size)."""
    if endpoint == "directory.search":
        return parse_search(args).as_args()
    if endpoint == "directory.all_services":
        page = _int(args.get("page"), 2, MAX_LIST_PAGE)
        return {"page": page} if page else {}
    return {}
