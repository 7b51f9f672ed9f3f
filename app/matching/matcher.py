"""Matching a need profile to services: place the client, ask search for candidates, apply the hard rules,
score what is left with reasons, keep the list diverse.

Hard rules are promises: a suggestion never breaks one. An unknown fact about the client never excludes
(the result says what could not be checked); an unknown fact about a service never excludes either, except
wheelchair access for a client who uses a wheelchair.

Each need also says what was left out: `excluded_count`, the services of the need among the candidates read
(the nearest) that a hard rule excluded, and `not_suggested`, the nearest `NOT_SUGGESTED` of them, each
with the rule that excluded it (at its nearest place), so a caseworker sees why a service they know is
missing. A service about another need is not excluded: it is simply not a candidate.

This module runs a match from end to end; `candidates` gathers what the rules read (the client's place, the
search's pages, each service's places and areas) and `scoring` holds the rules and the points.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.core.hours import LOCAL
from app.core.i18n import force_locale
from app.matching.candidates import CandidateSearch, ClientPlace, category_fit, place_client
from app.matching.messages import Text
from app.matching.profile import Need, Profile
from app.matching.scoring import (
    Exclusion,
    NotSuggested,
    Reason,
    Suggestion,
    better,
    diverse,
    excluded_place,
    not_suggested,
    place_distance,
    place_suggestion,
    service_exclusion,
)
from indexer.documents import SearchDocument
from indexer.search import SearchService

NOT_SUGGESTED = 20  # not-suggested services listed per need at most, the nearest first


class Matcher:
    def __init__(self, session: Session, search: SearchService, default_locale: str = "fr") -> None:
        self.session = session
        self.search = search
        self.default_locale = default_locale
        self._candidates = CandidateSearch(session, search)

    # --- the whole profile -------------------------------------------------------------------------------

    def match(self, profile: Profile) -> dict[str, Any]:
        locale = profile.locale or self.default_locale
        with force_locale(locale):
            at = profile.at or datetime.now(LOCAL)
            warnings: list[Text] = []
            client_place = place_client(self.session, profile, warnings)
            needs = [
                self._match_need(profile, need, client_place, at, locale, warnings) for need in profile.needs
            ]
            result: dict[str, Any] = {
                "location": None
                if client_place is None
                else {"lat": client_place.lat, "lon": client_place.lon, "source": client_place.source},
                "needs": needs,
            }
            if warnings:
                result["warnings"] = [str(w) for w in dict.fromkeys(warnings)]
            return result

    # --- one need ----------------------------------------------------------------------------------------

    def _match_need(
        self,
        profile: Profile,
        need: Need,
        client: ClientPlace | None,
        at: datetime,
        locale: str,
        warnings: list[Text],
    ) -> dict[str, Any]:
        note_hits = self._candidates.note_hits(need, client, locale)
        excluded: list[NotSuggested] = []
        suggestions: list[Suggestion] = []
        seen: set[str] = set()
        # The nearest candidates first; the next ones only while too few of these are eligible (a strict
        # profile among many services it cannot use): `unmet` must mean no eligible service, not none near.
        for hits in self._candidates.rounds(need, client, profile, locale):
            for candidate in self._candidates.candidates(need, hits, seen, at.date()):
                fit = category_fit(need.category, set(candidate.first.exact_categories))
                if fit is None:
                    continue  # not about this need at all
                exclusion = service_exclusion(profile, need, candidate, client, warnings)
                if exclusion is not None:
                    excluded.append(not_suggested(candidate, exclusion, client, locale))
                    continue
                best: Suggestion | None = None
                nearest: tuple[float, SearchDocument, Exclusion, float | None] | None = None
                for doc in candidate.docs:
                    distance = place_distance(doc, client)
                    placed = place_suggestion(
                        profile, need, candidate, doc, fit, client, at, locale, note_hits, distance
                    )
                    if isinstance(placed, Exclusion):
                        far = math.inf if distance is None else distance
                        if nearest is None or far < nearest[0]:
                            nearest = (far, doc, placed, distance)
                    elif best is None or better(placed, best):
                        best = placed
                if best is not None:
                    suggestions.append(best)
                elif nearest is not None:  # every place excluded: said at the nearest, with its rule
                    excluded.append(excluded_place(nearest[1], nearest[2], nearest[3], locale))
            if len(suggestions) >= profile.limit:
                break
        suggestions.sort(
            key=lambda s: (-s.score, s.distance_km if s.distance_km is not None else math.inf, s.name)
        )
        chosen = diverse(suggestions, profile.limit)
        excluded.sort(key=lambda e: (e.distance_km if e.distance_km is not None else math.inf, e.name))
        return {
            "category": need.category,
            "suggestions": [s.as_dict() for s in chosen],
            "excluded_count": len(excluded),
            "unmet": not suggestions,
            "not_suggested": [e.as_dict() for e in excluded[:NOT_SUGGESTED]],
        }


__all__ = ["Matcher", "Reason", "Suggestion"]
