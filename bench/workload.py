"""The benchmark's questions, drawn from seeded random streams so every run asks the same ones: search
queries for each scenario and need profiles for the matcher.

Words come from the generated directory's own vocabulary and from what people type ("banque alimentaire",
"food bank", "garderie", a word with a typo now and then); places are drawn where people live, like the
services themselves.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from app.core.hours import LOCAL
from app.core.taxonomy import core_terms
from bench.synthetic.geography import Geography
from bench.synthetic.words import words
from indexer.query import SearchQuery

SEARCH_LANGUAGES = (("fr", 50), ("en", 25), ("es", 8), ("ar", 7), ("zh", 5), ("ht", 5))
MONDAY = datetime(2026, 3, 2, tzinfo=LOCAL)  # a fixed week: the same moments on every run
RADIUS_KM = 5.0
_WORD = re.compile(r"[^\W\d_]{5,}")  # words of five letters or more, no digits
_PLACEHOLDER = re.compile(r"\{\w+\}")  # {place}, {org}: filled by the generator, never searched
_COMMON = frozenset({"votre", "vous", "their", "every", "other", "après", "after", "pendant", "during"})


@cache
def vocabulary_words(lang: str) -> tuple[str, ...]:
    """Distinct words of the generated names and descriptions in one language, sorted (stable order): the
    service kinds' names and leads and the second sentences of the needs codes (bench/synthetic/words/)."""
    column = 0 if lang == "fr" else 1
    kinds, details = words().service_kinds.values(), words().details
    pools = [*(k.names for k in kinds), *(k.leads for k in kinds), *details.by_need.values(), details.general]
    texts = [_PLACEHOLDER.sub(" ", pair[column]) for pairs in pools for pair in pairs]
    found = {w.lower() for text in texts for w in _WORD.findall(text)}
    return tuple(sorted(found - _COMMON))


class Workload:
    def __init__(self, seed: int, scenario: str) -> None:
        # One stream per scenario: adding a scenario never changes the questions of another.
        self.rng = random.Random(f"{seed}/{scenario}")
        self.places = Geography(self.rng)
        needs = [t for t in core_terms() if t.taxonomy == "needs"]
        self.needs_codes = [t.code for t in needs]
        self.families = [t.code for t in needs if t.parent is None]
        self.situations = [
            t.code for t in core_terms() if t.taxonomy == "eligibility" and t.group == "situation"
        ]
        self.documents = [t.code for t in core_terms() if t.taxonomy == "documents"]

    # --- pieces --------------------------------------------------------------------------------------------

    def text(self) -> tuple[str, str]:
        """What someone types, and the language of the page they type it on."""
        draw = self.rng.random()
        if draw < 0.55:
            return self.rng.choice(words().queries.phrases)
        lang = "fr" if self.rng.random() < 0.65 else "en"
        vocabulary = vocabulary_words(lang)
        if draw < 0.90:
            count = 1 if self.rng.random() < 0.6 else 2
            return " ".join(self.rng.sample(vocabulary, k=count)), lang
        return self.typo(self.rng.choice([w for w in vocabulary if len(w) >= 6])), lang

    def typo(self, word: str) -> str:
        """Two neighbouring letters swapped: the engine tolerates one such edit."""
        position = self.rng.randrange(1, len(word) - 2)
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]

    def point(self) -> tuple[float, float]:
        """(latitude, longitude) where people live: in a borough drawn by population."""
        lon, lat = self.places.sample_point(self.places.weighted_borough())
        return lat, lon

    def weekday_moment(self) -> datetime:
        """A weekday between 8:00 and 20:00, local time."""
        return MONDAY + timedelta(days=self.rng.randrange(5), minutes=self.rng.randrange(8 * 60, 20 * 60))

    def language(self) -> str:
        codes, weights = zip(*SEARCH_LANGUAGES, strict=True)
        return self.rng.choices(codes, weights=weights)[0]

    # --- search ----------------------------------------------------------------------------------------

    def search_query(self, scenario: str) -> SearchQuery:
        if scenario == "text":
            text, lang = self.text()
            return SearchQuery(text=text, lang=lang, page_size=20, facets=False)
        if scenario == "text_geo":
            text, lang = self.text()
            lat, lon = self.point()
            return SearchQuery(
                text=text, lang=lang, lat=lat, lon=lon, radius_km=RADIUS_KM, page_size=20, facets=False
            )
        if scenario == "geo_filters":
            lat, lon = self.point()
            return SearchQuery(
                lang=self.rng.choice(("fr", "en")),
                lat=lat,
                lon=lon,
                radius_km=RADIUS_KM,
                categories=[self.rng.choice(self.families)],
                open_at=self.weekday_moment(),
                languages=[self.language()],
                page_size=20,
                facets=False,
            )
        if scenario == "facets":
            # The one scenario that counts facets: the filters of a results page.
            return SearchQuery(categories=[self.rng.choice(self.needs_codes)], page_size=20, facets=True)
        raise ValueError(f"unknown search scenario {scenario!r}")

    def search_queries(self, scenario: str, count: int) -> list[SearchQuery]:
        return [self.search_query(scenario) for _ in range(count)]

    # --- matching ------------------------------------------------------------------------------------------

    def profile(self, needs: int) -> dict[str, Any]:
        """A need profile valid against the contract's schema, with `needs` distinct needs."""
        rng = self.rng
        lat, lon = self.point()
        categories = rng.sample(self.needs_codes, k=needs)
        profile: dict[str, Any] = {
            "locale": rng.choice(("fr", "en")),
            "location": {"lat": lat, "lon": lon},
            "needs": [self.need(code) for code in categories],
        }
        if rng.random() < 0.6:
            profile["client"] = self.client(categories)
        constraints: dict[str, Any] = {}
        if rng.random() < 0.25:
            constraints["open_now"] = True
            constraints["at"] = self.weekday_moment().isoformat()
        if rng.random() < 0.2:
            constraints["free_only"] = True
        if constraints:
            profile["constraints"] = constraints
        if rng.random() < 0.4:
            profile["max_distance_km"] = rng.choice((2, 5, 10, 25))
        if rng.random() < 0.2:
            profile["limit"] = 10
        return profile

    def need(self, code: str) -> dict[str, Any]:
        need: dict[str, Any] = {"category": code}
        if self.rng.random() < 0.5:
            need["urgency"] = self.rng.choice(("crisis", "high", "medium", "low"))
        if self.rng.random() < 0.15:
            need["note"] = self.rng.choice(vocabulary_words("fr"))
        return need

    def client(self, categories: list[str]) -> dict[str, Any]:
        rng = self.rng
        client: dict[str, Any] = {}
        if rng.random() < 0.7:
            client["age"] = rng.randint(16, 85)
        if rng.random() < 0.4:
            client["gender"] = rng.choice(("man", "woman", "gender-diverse"))
        if rng.random() < 0.6:
            client["languages"] = list(rng.choice((("fr",), ("en", "fr"), ("es", "fr"), ("ar", "fr", "en"))))
        if rng.random() < 0.3:
            client["situations"] = rng.sample(self.situations, k=rng.randint(0, 2))
        if rng.random() < 0.2:
            client["documents"] = rng.sample(self.documents, k=rng.randint(0, 3))
        if (
            any(code in ("childcare", "daycare", "after-school") for code in categories)
            and rng.random() < 0.6
        ):
            client["children_ages"] = [rng.randint(0, 12) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.05:
            client["wheelchair"] = True
        return client

    def profiles(self, needs: int, count: int) -> list[dict[str, Any]]:
        return [self.profile(needs) for _ in range(count)]
