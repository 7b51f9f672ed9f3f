"""The hard rules and the points: whether a service, then each of its places, can be suggested to the
client, with what score and reasons; then the list kept diverse.

Hard rules are promises: a suggestion never breaks one. An unknown fact about the client never excludes
(the result says what could not be checked); an unknown fact about a service never excludes either, except
wheelchair access for a client who uses a wheelchair. These functions read only the profile and the
candidates (`candidates`): nothing here asks the search or the database.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from shapely.geometry import Point

from app.core.geo import haversine_km
from app.core.hours import always_open, is_open
from app.core.i18n import language_name
from app.core.taxonomy import needs_family, term_label
from app.matching import weights as W
from app.matching.candidates import Candidate, ClientPlace
from app.matching.messages import Text, reason_text, warning_text
from app.matching.profile import GENDER_CODES, Need, Profile
from indexer.documents import SearchDocument

URGENT = frozenset({"crisis", "high"})


@dataclass(slots=True)
class Reason:
    factor: str
    points: float
    text: Text

    def as_dict(self) -> dict[str, Any]:
        return {"factor": self.factor, "points": round(self.points, 2), "text": str(self.text)}


@dataclass(slots=True)
class Suggestion:
    service_id: str
    service_source_id: str
    service_at_location_id: str | None
    name: str
    organization: str
    organization_id: str
    score: float
    distance_km: float | None
    reasons: list[Reason]
    warnings: list[Text]

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_id": self.service_source_id,
            "service_at_location_id": self.service_at_location_id,
            "name": self.name,
            "organization": self.organization,
            "score": round(self.score, 2),
            "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
            "reasons": [r.as_dict() for r in self.reasons],
            "warnings": [str(w) for w in self.warnings],
        }


# --- hard rules: the service -----------------------------------------------------------------------------


def service_eligible(
    profile: Profile,
    need: Need,
    candidate: Candidate,
    client: ClientPlace | None,
    warnings: list[Text],
) -> bool:
    doc = candidate.first
    if doc.status != "active":
        return False
    if not _age_fits(profile, need, doc, warnings):
        return False
    if not _eligibility_fits(profile, doc, warnings):
        return False
    if candidate.areas_listed and client is not None:
        if not candidate.areas:
            return True  # areas that cannot be read are unknown, and unknown never excludes
        point = Point(client.lon, client.lat)
        if not any(area.covers(point) for area in candidate.areas):
            return False
    return True


def _age_fits(profile: Profile, need: Need, doc: SearchDocument, warnings: list[Text]) -> bool:
    if doc.min_age is None and doc.max_age is None:
        return True
    low = doc.min_age if doc.min_age is not None else -math.inf
    high = doc.max_age if doc.max_age is not None else math.inf
    if need.person == "child":
        ages = profile.client.children_ages
        if ages is None:
            warnings.append(warning_text("unchecked_child_age"))
            return True
        return any(low <= age <= high for age in ages)
    if profile.client.age is None:
        warnings.append(warning_text("unchecked_age"))
        return True
    return low <= profile.client.age <= high


def _eligibility_fits(profile: Profile, doc: SearchDocument, warnings: list[Text]) -> bool:
    """Terms of one group combine with OR, groups with AND; an unknown client fact leaves its group
    unchecked."""
    for group, codes in doc.eligibility.items():
        if group == "gender":
            if profile.client.gender is None:
                warnings.append(warning_text("unchecked_gender"))
                continue
            if GENDER_CODES[profile.client.gender] not in codes:
                return False
        else:
            if profile.client.situations is None:
                warnings.append(warning_text("unchecked_situations"))
                continue
            if not set(codes) & profile.client.situations:
                return False
    return True


# --- hard rules and points: one place --------------------------------------------------------------------


def place_suggestion(
    profile: Profile,
    need: Need,
    candidate: Candidate,
    doc: SearchDocument,
    fit: str,
    client: ClientPlace | None,
    at: datetime,
    locale: str,
    note_hits: set[str],
) -> Suggestion | None:
    features = set(doc.features)
    distance = None
    if client is not None and not doc.remote and doc.latitude is not None and doc.longitude is not None:
        distance = haversine_km(client.lat, client.lon, doc.latitude, doc.longitude)
    if profile.client.wheelchair and not doc.remote and "wheelchair-accessible" not in features:
        return None
    if profile.max_distance_km is not None and distance is not None and distance > profile.max_distance_km:
        return None
    intervals = doc.hours().at(at)  # the season of `at`: hours with an offset move on the local clock
    open_at = is_open(intervals, at) if intervals else None
    if profile.open_now and open_at is False:
        return None
    if profile.free_only and doc.free is False:
        return None
    reasons: list[Reason] = []
    warnings: list[Text] = []
    label = term_label("needs", need.category, locale)
    if fit == "exact":
        reasons.append(Reason("category", W.CATEGORY_EXACT, reason_text("category_exact", label=label)))
    elif fit == "child":
        child = next(
            c for c in doc.exact_categories if needs_family(c) == need.category and c != need.category
        )
        reasons.append(
            Reason(
                "category",
                W.CATEGORY_CHILD_OF_FAMILY_NEED,
                reason_text("category_child", label=term_label("needs", child, locale)),
            )
        )
    else:
        reasons.append(
            Reason(
                "category",
                W.CATEGORY_FAMILY_ONLY,
                reason_text(
                    "category_family", label=term_label("needs", needs_family(need.category), locale)
                ),
            )
        )
    if doc.remote:
        reasons.append(Reason("distance", W.REMOTE_POINTS, reason_text("remote")))
    elif distance is not None:
        points = W.DISTANCE_MAX * 0.5 ** (distance / W.DISTANCE_HALF_LIFE_KM)
        reasons.append(Reason("distance", points, reason_text("distance", km=distance)))
    reasons.extend(_language_reasons(profile, doc, features))
    if need.urgency in URGENT:
        if open_at:
            reasons.append(Reason("urgency", W.OPEN_NOW_URGENT, reason_text("open_now")))
        if "walk-in" in features:
            reasons.append(Reason("urgency", W.WALK_IN_URGENT, reason_text("walk_in")))
        if need.urgency == "crisis" and intervals and always_open(intervals):
            reasons.append(Reason("urgency", W.ALWAYS_OPEN_CRISIS, reason_text("always_open")))
    if profile.client.documents is not None:
        missing = sorted(set(doc.documents) - set(profile.client.documents))
        if missing:
            names = ", ".join(term_label("documents", code, locale) for code in missing)
            reasons.append(
                Reason(
                    "documents",
                    W.MISSING_DOCUMENT * len(missing),
                    reason_text("missing_documents", documents=names),
                )
            )
            warnings.append(warning_text("missing_documents", documents=names))
    verified = date.fromisoformat(doc.assured_date) if doc.assured_date else None
    if verified and verified >= at.date() - timedelta(days=W.VERIFIED_WITHIN_DAYS):
        reasons.append(
            Reason("verified", W.VERIFIED_RECENTLY, reason_text("verified", date=verified.isoformat()))
        )
    else:
        warnings.append(warning_text("not_verified"))
    if doc.free:
        reasons.append(Reason("cost", W.FREE, reason_text("free")))
    if candidate.service_id in note_hits:
        reasons.append(Reason("note", W.NOTE_MATCH, reason_text("note", words=need.note or "")))
    if profile.open_now and open_at is None:
        reasons.append(Reason("hours", W.HOURS_UNKNOWN, reason_text("hours_unknown")))
        warnings.append(warning_text("hours_unknown"))
    if profile.free_only and doc.free is None:
        reasons.append(Reason("cost", W.COST_UNKNOWN, reason_text("cost_unknown")))
        warnings.append(warning_text("cost_unknown"))
    return Suggestion(
        service_id=doc.service_id,
        service_source_id=doc.service_source_id,
        service_at_location_id=doc.service_at_location_source_id,
        name=doc.name.get(locale) or next((v for v in doc.name.values() if v), ""),
        organization=doc.organization.get(locale) or next((v for v in doc.organization.values() if v), ""),
        organization_id=doc.organization_id,
        score=sum(r.points for r in reasons),
        distance_km=distance,
        reasons=reasons,
        warnings=warnings,
    )


def _language_reasons(profile: Profile, doc: SearchDocument, features: set[str]) -> list[Reason]:
    spoken = profile.client.languages
    if not spoken:
        return []
    offered = {code[:2] for code in doc.languages} | set(doc.languages)
    if spoken[0] in offered:
        return [
            Reason(
                "language",
                W.FIRST_LANGUAGE,
                reason_text("first_language", language=_LanguageName(spoken[0])),
            )
        ]
    other = next((code for code in spoken[1:] if code in offered), None)
    if other:
        return [
            Reason("language", W.OTHER_LANGUAGE, reason_text("other_language", language=_LanguageName(other)))
        ]
    if "interpretation" in features:
        return [Reason("language", W.INTERPRETATION, reason_text("interpretation"))]
    return []


# --- the list --------------------------------------------------------------------------------------------


def better(one: Suggestion, other: Suggestion) -> bool:
    """Of two places of one service, the one to suggest: the higher score, then the nearer."""
    if one.score != other.score:
        return one.score > other.score
    return (one.distance_km if one.distance_km is not None else math.inf) < (
        other.distance_km if other.distance_km is not None else math.inf
    )


def diverse(suggestions: list[Suggestion], limit: int) -> list[Suggestion]:
    """Best first, but one organization fills at most PER_ORGANIZATION places while others qualify."""
    chosen: list[Suggestion] = []
    held_back: list[Suggestion] = []
    per_org: dict[str, int] = defaultdict(int)
    for suggestion in suggestions:
        if len(chosen) >= limit:
            break
        if per_org[suggestion.organization_id] >= W.PER_ORGANIZATION:
            held_back.append(suggestion)
            continue
        chosen.append(suggestion)
        per_org[suggestion.organization_id] += 1
    for suggestion in held_back:  # no one else qualifies: fill the list anyway
        if len(chosen) >= limit:
            break
        chosen.append(suggestion)
    return sorted(chosen, key=lambda s: (-s.score, s.distance_km if s.distance_km is not None else math.inf))


@dataclass(frozen=True, slots=True)
class _LanguageName:
    """A language's name in the locale of the moment it is shown (reason texts are put in words late)."""

    code: str

    def __str__(self) -> str:
        from app.core.i18n import current_locale

        return language_name(self.code, str(current_locale() or "fr"))
