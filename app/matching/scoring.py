"""The hard rules and the points: whether a service, then each of its places, can be suggested to the
client, with what score and reasons (or, when a hard rule excludes it, which rule and why); then the list
kept diverse.

The hard rules, by the code an exclusion names them with (`Exclusion.rule`, stable: the match result's
`not_suggested[].rule`): of the service, `inactive` (its status is not active), `closed` (a temporary
closure its agency posted is in force on the day matched for, app/core/agency/notices.py), `age` (the
client's age is outside its limits), `child_age` (no child's age is within them, for a need of a child),
`gender`, `situation` (its eligibility restrictions), `service_area` (the client's place is outside every
area it serves); of one place, `wheelchair` (access unknown, for a client who uses a wheelchair),
`max_distance`, `open_now` (closed at the moment asked) and `free_only` (it charges a fee). Languages are
never a hard rule (they add points).

Hard rules are promises: a suggestion never breaks one. An unknown fact about the client never excludes
(the result says what could not be checked); an unknown fact about a service never excludes either, except
wheelchair access for a client who uses a wheelchair. These functions read only the profile and the
candidates (`candidates`): nothing here asks the search or the database.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from shapely.geometry import Point

from app.core.agency.verification import BY_AGENCY, BY_SOURCE, BY_STAFF, Ago, Freshness
from app.core.geo import haversine_km
from app.core.hours import always_open, is_open
from app.core.i18n import language_name
from app.core.taxonomy import needs_family, term_label
from app.matching import weights as W
from app.matching.candidates import Candidate, ClientPlace
from app.matching.messages import STATUSES, Text, exclusion_text, reason_text, warning_text
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
    last_verified: str | None = None  # the service's HSDS assured_date (ISO date), None when it has none

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
            "last_verified": self.last_verified,
        }


@dataclass(frozen=True, slots=True)
class Exclusion:
    """The hard rule that excludes a service or one of its places (a code, see the module's docstring),
    and its text with the detail that decided (put into words only when shown)."""

    rule: str
    text: Text


@dataclass(slots=True)
class NotSuggested:
    """A service of the need near the client that a hard rule excluded, at its nearest place."""

    service_source_id: str
    service_at_location_id: str | None
    name: str
    organization: str
    distance_km: float | None
    exclusion: Exclusion
    last_verified: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_id": self.service_source_id,
            "service_at_location_id": self.service_at_location_id,
            "name": self.name,
            "organization": self.organization,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
            "rule": self.exclusion.rule,
            "text": str(self.exclusion.text),
            "last_verified": self.last_verified,
        }


def not_suggested(
    candidate: Candidate, exclusion: Exclusion, client: ClientPlace | None, locale: str
) -> NotSuggested:
    """The not-suggested item of a service a rule of the service excluded: shown at its nearest place."""
    nearest = min(candidate.docs, key=lambda doc: _or_inf(place_distance(doc, client)))
    return excluded_place(nearest, exclusion, place_distance(nearest, client), locale)


def excluded_place(
    doc: SearchDocument, exclusion: Exclusion, distance: float | None, locale: str
) -> NotSuggested:
    return NotSuggested(
        service_source_id=doc.service_source_id,
        service_at_location_id=doc.service_at_location_source_id,
        name=_in_locale(doc.name, locale),
        organization=_in_locale(doc.organization, locale),
        distance_km=distance,
        exclusion=exclusion,
        last_verified=doc.assured_date,
    )


def place_distance(doc: SearchDocument, client: ClientPlace | None) -> float | None:
    """Km from the client to a place; None for a service by phone or online, or a place or client unknown."""
    if client is None or doc.remote or doc.latitude is None or doc.longitude is None:
        return None
    return haversine_km(client.lat, client.lon, doc.latitude, doc.longitude)


def _or_inf(distance: float | None) -> float:
    return math.inf if distance is None else distance


def _in_locale(text: dict[str, str], locale: str) -> str:
    return text.get(locale) or next((v for v in text.values() if v), "")


# --- hard rules: the service -----------------------------------------------------------------------------


def service_exclusion(
    profile: Profile,
    need: Need,
    candidate: Candidate,
    client: ClientPlace | None,
    warnings: list[Text],
) -> Exclusion | None:
    """The first rule of the service that excludes it (in the order of the module's docstring), or None
    when the service itself may be suggested (each place is then judged by `place_suggestion`)."""
    doc = candidate.first
    if doc.status != "active":
        status = STATUSES.get(doc.status, doc.status)
        return Exclusion("inactive", exclusion_text("inactive", status=status))
    if candidate.closure is not None:
        closure = candidate.closure
        day = closure.ends_on.isoformat()
        if closure.message:
            text = exclusion_text("closed_message", day=day, message=_Names(_pairs([closure.message])))
        else:
            text = exclusion_text("closed", day=day)
        return Exclusion("closed", text)
    exclusion = _age_exclusion(profile, need, doc, warnings) or _eligibility_exclusion(profile, doc, warnings)
    if exclusion is not None:
        return exclusion
    if candidate.areas_listed and client is not None:
        if not candidate.areas:
            return None  # areas that cannot be read are unknown, and unknown never excludes
        point = Point(client.lon, client.lat)
        if not any(area.covers(point) for area in candidate.areas):
            if candidate.area_names:
                return Exclusion(
                    "service_area",
                    exclusion_text("service_area_named", areas=_Names(_pairs(candidate.area_names))),
                )
            return Exclusion("service_area", exclusion_text("service_area"))
    return None


def _age_exclusion(
    profile: Profile, need: Need, doc: SearchDocument, warnings: list[Text]
) -> Exclusion | None:
    if doc.min_age is None and doc.max_age is None:
        return None
    low = doc.min_age if doc.min_age is not None else -math.inf
    high = doc.max_age if doc.max_age is not None else math.inf
    limits = (
        "range"
        if doc.min_age is not None and doc.max_age is not None
        else "min"
        if doc.min_age is not None
        else "max"
    )
    bounds = {"low": _years(doc.min_age), "high": _years(doc.max_age)}
    if need.person == "child":
        ages = profile.client.children_ages
        if ages is None:
            warnings.append(warning_text("unchecked_child_age"))
            return None
        if any(low <= age <= high for age in ages):
            return None
        text = exclusion_text(f"child_age_{limits}", ages=", ".join(map(str, ages)), **bounds)
        return Exclusion("child_age", text)
    if profile.client.age is None:
        warnings.append(warning_text("unchecked_age"))
        return None
    if low <= profile.client.age <= high:
        return None
    return Exclusion("age", exclusion_text(f"age_{limits}", age=profile.client.age, **bounds))


def _years(age: float | None) -> str:
    """An age limit as said: 18, not 18.0 (HSDS ages are numbers)."""
    if age is None:
        return ""
    return str(int(age)) if float(age).is_integer() else f"{age:g}"


def _eligibility_exclusion(profile: Profile, doc: SearchDocument, warnings: list[Text]) -> Exclusion | None:
    """Terms of one group combine with OR, groups with AND; an unknown client fact leaves its group
    unchecked. The first group the client is outside of excludes, named with the group's terms."""
    for group, codes in doc.eligibility.items():
        if group == "gender":
            if profile.client.gender is None:
                warnings.append(warning_text("unchecked_gender"))
                continue
            if GENDER_CODES[profile.client.gender] not in codes:
                return Exclusion(
                    "gender", exclusion_text("restricted", groups=_Terms("eligibility", tuple(codes)))
                )
        else:
            if profile.client.situations is None:
                warnings.append(warning_text("unchecked_situations"))
                continue
            if not set(codes) & profile.client.situations:
                return Exclusion(
                    "situation", exclusion_text("restricted", groups=_Terms("eligibility", tuple(codes)))
                )
    return None


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
    distance: float | None,
) -> Suggestion | Exclusion:
    """The place as a suggestion, or the first rule of the place that excludes it. `distance` is the
    place's (`place_distance`)."""
    features = set(doc.features)
    if profile.client.wheelchair and not doc.remote and "wheelchair-accessible" not in features:
        return Exclusion("wheelchair", exclusion_text("wheelchair"))
    if profile.max_distance_km is not None and distance is not None and distance > profile.max_distance_km:
        limit = f"{profile.max_distance_km:g}"
        return Exclusion("max_distance", exclusion_text("max_distance", km=distance, max=limit))
    intervals = doc.hours().at(at)  # the season of `at`: hours with an offset move on the local clock
    open_at = is_open(intervals, at) if intervals else None
    if profile.open_now and open_at is False:
        return Exclusion("open_now", exclusion_text("open_now", moment=at.strftime("%Y-%m-%d %H:%M")))
    if profile.free_only and doc.free is False:
        return Exclusion("free_only", exclusion_text("free_only"))
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
    reasons.extend(_freshness_reasons(candidate, doc, at.date(), warnings))
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
        name=_in_locale(doc.name, locale),
        organization=_in_locale(doc.organization, locale),
        organization_id=doc.organization_id,
        score=sum(r.points for r in reasons),
        distance_km=distance,
        reasons=reasons,
        warnings=warnings,
        last_verified=doc.assured_date,
    )


def _freshness_reasons(
    candidate: Candidate, doc: SearchDocument, today: date, warnings: list[Text]
) -> list[Reason]:
    """The "freshness" factor: FRESHNESS points for a listing verified today, halving every
    FRESHNESS_HALF_LIFE_DAYS; a share of that for one only an import dated. Its freshness is the one the
    candidates carry (app/core/agency/verification.py), else the document's assured date."""
    fresh = candidate.freshness
    if fresh is None and doc.assured_date:
        fresh = Freshness(date.fromisoformat(doc.assured_date), BY_SOURCE, "")
    if fresh is None:
        warnings.append(warning_text("not_verified"))
        return []
    days = fresh.age_days(today)
    if not fresh.verified or days > W.VERIFIED_WITHIN_DAYS:
        warnings.append(warning_text("not_verified"))
    points = W.FRESHNESS * 0.5 ** (days / W.FRESHNESS_HALF_LIFE_DAYS)
    if fresh.by == BY_AGENCY:
        text = reason_text("freshness_agency", ago=Ago(days))
    elif fresh.by == BY_STAFF:
        text = reason_text("freshness_staff", ago=Ago(days))
    elif fresh.by == BY_SOURCE and fresh.source:
        text = reason_text("freshness_source", date=fresh.on.isoformat(), source=fresh.source)
    elif fresh.by == BY_SOURCE:
        text = reason_text("verified", date=fresh.on.isoformat())
    else:
        points *= W.FRESHNESS_IMPORTED_SHARE
        text = reason_text("freshness_import", source=fresh.source, date=fresh.on.isoformat())
    return [Reason("freshness", points, text)]


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


def _pairs(names: list[dict[str, str]]) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(tuple(sorted(name.items())) for name in names)


@dataclass(frozen=True, slots=True)
class _Terms:
    """Terms' labels in the locale of the moment they are shown, joined."""

    taxonomy: str
    codes: tuple[str, ...]

    def __str__(self) -> str:
        from app.core.i18n import current_locale

        locale = str(current_locale() or "fr")
        return ", ".join(term_label(self.taxonomy, code, locale) for code in self.codes)


@dataclass(frozen=True, slots=True)
class _Names:
    """Bilingual names ({locale: text}, as pairs) in the locale of the moment they are shown, joined."""

    names: tuple[tuple[tuple[str, str], ...], ...]

    def __str__(self) -> str:
        from app.core.i18n import current_locale, text_of

        locale = str(current_locale() or "fr")
        return ", ".join(text_of(dict(name), locale) for name in self.names)


@dataclass(frozen=True, slots=True)
class _LanguageName:
    """A language's name in the locale of the moment it is shown (reason texts are put in words late)."""

    code: str

    def __str__(self) -> str:
        from app.core.i18n import current_locale

        return language_name(self.code, str(current_locale() or "fr"))
