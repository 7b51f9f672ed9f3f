"""Matching a need profile to services: place the client, ask search for candidates, apply the hard rules,
score what is left with reasons, keep the list diverse.

Hard rules are promises: a suggestion never breaks one. An unknown fact about the client never excludes
(the result says what could not be checked); an unknown fact about a service never excludes either, except
wheelchair access for a client who uses a wheelchair.

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
from app.matching.scoring import Reason, Suggestion, better, diverse, place_suggestion, service_eligible
from indexer.search import SearchService


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
        excluded = 0
        suggestions: list[Suggestion] = []
        seen: set[str] = set()
        # The nearest candidates first; the next ones only while too few of these are eligible (a strict
        # profile among many services it cannot use): `unmet` must mean no eligible service, not none near.
        for hits in self._candidates.rounds(need, client, profile, locale):
            for candidate in self._candidates.candidates(need, hits, seen):
                fit = category_fit(need.category, set(candidate.first.exact_categories))
                if fit is None:
                    continue  # not about this need at all
                if not service_eligible(profile, need, candidate, client, warnings):
                    excluded += 1
                    continue
                best: Suggestion | None = None
                for doc in candidate.docs:
                    suggestion = place_suggestion(
                        profile, need, candidate, doc, fit, client, at, locale, note_hits
                    )
                    if suggestion is not None and (best is None or better(suggestion, best)):
                        best = suggestion
                if best is None:
                    excluded += 1
                else:
                    suggestions.append(best)
            if len(suggestions) >= profile.limit:
                break
        suggestions.sort(
            key=lambda s: (-s.score, s.distance_km if s.distance_km is not None else math.inf, s.name)
        )
        chosen = diverse(suggestions, profile.limit)
        return {
            "category": need.category,
            "suggestions": [s.as_dict() for s in chosen],
            "excluded_count": excluded,
            "unmet": not suggestions,
        }


__all__ = ["Matcher", "Reason", "Suggestion"]
