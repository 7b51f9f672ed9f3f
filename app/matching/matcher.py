"""Matching a need profile to services: place the client, ask search for candidates, apply the hard rules,
score what is left with reasons, keep the list diverse.

Hard rules are promises: a suggestion never breaks one. An unknown fact about the client never excludes
(the result says what could not be checked); an unknown fact about a service never excludes either, except
wheelchair access for a client who uses a wheelchair.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.geo import Place as GeoPlace
from app.core.geo import haversine_km
from app.core.geo import place as geocode
from app.core.hours import LOCAL, always_open, is_open
from app.core.i18n import force_locale, language_name
from app.core.models import ServiceArea
from app.core.taxonomy import core_term, needs_family
from app.matching import weights as W
from app.matching.messages import Text, reason_text, warning_text
from app.matching.profile import GENDER_CODES, Need, Profile
from indexer.documents import SearchDocument, build_documents, document_from_payload
from indexer.query import Hit, SearchQuery
from indexer.search import SearchService
from indexer.synonyms import words

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


@dataclass(slots=True)
class Candidate:
    """One service and its places, as the rules read them."""

    service_id: str
    docs: list[SearchDocument]
    areas: list[PreparedGeometry] = field(default_factory=list)
    areas_listed: int = 0  # service areas the service has (readable or not)

    @property
    def first(self) -> SearchDocument:
        return self.docs[0]


@dataclass(slots=True)
class ClientPlace:
    lat: float
    lon: float
    source: str
    approximate: bool = False
    area: str | None = None


class Matcher:
    def __init__(self, session: Session, search: SearchService, default_locale: str = "fr") -> None:
        self.session = session
        self.search = search
        self.default_locale = default_locale
        self._areas: dict[str, tuple[list[PreparedGeometry], int]] = {}

    # --- the whole profile -------------------------------------------------------------------------------

    def match(self, profile: Profile) -> dict[str, Any]:
        locale = profile.locale or self.default_locale
        with force_locale(locale):
            at = profile.at or datetime.now(LOCAL)
            warnings: list[Text] = []
            client_place = self._place_client(profile, warnings)
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

    def _place_client(self, profile: Profile, warnings: list[Text]) -> ClientPlace | None:
        location = profile.location or {}
        if "lat" in location and "lon" in location:
            return ClientPlace(float(location["lat"]), float(location["lon"]), "coordinates")
        found: GeoPlace | None = None
        for key in ("postal_code", "address"):
            if location.get(key):
                found = geocode(self.session, str(location[key]))
                if found is not None:
                    break
        if found is None:
            if location:
                warnings.append(warning_text("unplaced"))
            return None
        area = str(location.get("postal_code", ""))[:3].upper() if found.approximate else None
        if found.approximate:
            warnings.append(warning_text("approximate", area=area))
        return ClientPlace(found.lat, found.lon, found.source, found.approximate, area)

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
        note_hits = self._note_hits(need, client, locale)
        excluded = 0
        suggestions: list[Suggestion] = []
        seen: set[str] = set()
        # The nearest candidates first; the next ones only while too few of these are eligible (a strict
        # profile among many services it cannot use): `unmet` must mean no eligible service, not none near.
        for hits in self._candidate_rounds(need, client, profile, locale):
            for candidate in self._candidates(need, hits, seen):
                fit = _category_fit(need.category, set(candidate.first.exact_categories))
                if fit is None:
                    continue  # not about this need at all
                if not self._service_eligible(profile, need, candidate, client, warnings):
                    excluded += 1
                    continue
                best: Suggestion | None = None
                for doc in candidate.docs:
                    suggestion = self._place_suggestion(
                        profile, need, candidate, doc, fit, client, at, locale, note_hits
                    )
                    if suggestion is not None and (best is None or _better(suggestion, best)):
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
        chosen = _diverse(suggestions, profile.limit)
        return {
            "category": need.category,
            "suggestions": [s.as_dict() for s in chosen],
            "excluded_count": excluded,
            "unmet": not suggestions,
        }

    def _candidates(self, need: Need, hits: list[Hit], seen: set[str]) -> list[Candidate]:
        """The services of `hits` not `seen` yet (then seen), each with all its places. Services of the
        need's family that are not about this need (a sibling of the asked-for category) are left before
        their documents are read."""
        hits = [
            hit
            for hit in hits
            if hit.service_id not in seen
            and (hit.exact_categories is None or _category_fit(need.category, set(hit.exact_categories)))
        ]
        service_ids = list(dict.fromkeys(hit.service_id for hit in hits))
        seen.update(service_ids)
        known = {
            hit.doc_id: document_from_payload(document)
            for hit in hits
            if (document := hit.document) is not None
        }
        by_service: dict[str, list[SearchDocument]] = defaultdict(list)
        for doc in sorted([*known.values(), *self._documents(service_ids, set(known))], key=_doc_order):
            by_service[doc.service_id].append(doc)
        areas = self._service_areas([sid for sid, docs in by_service.items() if docs[0].has_service_areas])
        return [
            Candidate(sid, by_service[sid], *areas.get(sid, ([], 0)))
            for sid in service_ids
            if sid in by_service
        ]

    def _candidate_rounds(
        self, need: Need, client: ClientPlace | None, profile: Profile, locale: str
    ) -> Iterator[list[Hit]]:
        """Pages of candidates, the nearest first, read one by one while the caller asks for more (up to
        `CANDIDATE_PAGES`). Each page is looked for within a radius that widens until the page is full of
        placed services, so a search never sorts more of the directory than it must; places with unknown
        coordinates come along (unknown never excludes; the distance rule is applied later, place by
        place). The first page brings the services delivered by phone or online, which no distance
        concerns. The first page is not cut at the client's maximum distance (places beyond it are
        candidates the rule excludes, and the result counts them); the next ones are."""
        base = SearchQuery(
            categories=[needs_family(need.category)],
            lang=locale,
            page_size=W.CANDIDATES_PER_NEED,
            facets=False,
        )
        if client is None:
            anywhere = replace(base, include_remote=True, sort="relevance")
            for page in range(1, W.CANDIDATE_PAGES + 1):
                hits = self.search.search(replace(anywhere, page=page)).hits
                yield hits
                if len(hits) < W.CANDIDATES_PER_NEED:
                    return
            return
        near = replace(
            base, lat=client.lat, lon=client.lon, include_remote=False, include_unplaced=True, sort="distance"
        )
        widest = profile.max_distance_km
        step = 0
        for page in range(1, W.CANDIDATE_PAGES + 1):
            while True:
                radius = W.CANDIDATE_RADII_KM[step]
                last = step == len(W.CANDIDATE_RADII_KM) - 1
                if page > 1 and widest is not None and (radius is None or radius >= widest):
                    radius, last = widest, True
                hits = self.search.search(replace(near, radius_km=radius, page=page)).hits
                full = len(hits) == W.CANDIDATES_PER_NEED and hits[-1].distance_km is not None
                if full or last:
                    break
                step += 1
            if page == 1:
                hits = hits + self.search.search(replace(base, remote_only=True, sort="relevance")).hits
            yield hits
            if not full:
                return

    def _documents(self, service_ids: list[str], known: set[str]) -> list[SearchDocument]:
        """Candidates' other places from the search index when one keeps them and answers (fast), else all
        their documents built from the database (`known` ones are left out)."""
        stored = self.search.documents(service_ids, known)
        if stored is not None:
            return stored
        return [doc for doc in build_documents(self.session, service_ids) if doc.id not in known]

    def _note_hits(self, need: Need, client: ClientPlace | None, locale: str) -> set[str]:
        if not need.note or not words(need.note):
            return set()
        query = SearchQuery(
            text=need.note,
            categories=[needs_family(need.category)],
            lang=locale,
            include_remote=True,
            page_size=W.CANDIDATES_PER_NEED,
            facets=False,
        )
        return {hit.service_id for hit in self.search.search(query).hits}

    def _service_areas(self, service_ids: list[str]) -> dict[str, tuple[list[PreparedGeometry], int]]:
        found: dict[str, tuple[list[PreparedGeometry], int]] = {}
        if not service_ids:
            return found
        rows = self.session.execute(
            select(ServiceArea.service_id, ServiceArea.extent, ServiceArea.extent_type).where(
                ServiceArea.service_id.in_(service_ids)
            )
        ).all()
        for service_id, extent, extent_type in rows:
            geometries, listed = found.get(service_id, ([], 0))
            geometry = _geometry(extent, extent_type)
            found[service_id] = (geometries + ([geometry] if geometry is not None else []), listed + 1)
        return found

    # --- hard rules: the service -------------------------------------------------------------------------

    def _service_eligible(
        self,
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

    # --- hard rules and points: one place ----------------------------------------------------------------

    def _place_suggestion(
        self,
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
        if (
            profile.max_distance_km is not None
            and distance is not None
            and distance > profile.max_distance_km
        ):
            return None
        intervals = doc.hours().at(at)  # the season of `at`: hours with an offset move on the local clock
        open_at = is_open(intervals, at) if intervals else None
        if profile.open_now and open_at is False:
            return None
        if profile.free_only and doc.free is False:
            return None
        reasons: list[Reason] = []
        warnings: list[Text] = []
        label = _label(need.category, locale)
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
                    reason_text("category_child", label=_label(child, locale)),
                )
            )
        else:
            reasons.append(
                Reason(
                    "category",
                    W.CATEGORY_FAMILY_ONLY,
                    reason_text("category_family", label=_label(needs_family(need.category), locale)),
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
                names = ", ".join(_document_label(code, locale) for code in missing)
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
            organization=doc.organization.get(locale)
            or next((v for v in doc.organization.values() if v), ""),
            organization_id=doc.organization_id,
            score=sum(r.points for r in reasons),
            distance_km=distance,
            reasons=reasons,
            warnings=warnings,
        )


# --- rules -----------------------------------------------------------------------------------------


def _category_fit(need: str, tagged: set[str]) -> str | None:
    """exact: tagged with the need's code; child: the need is a family and the service is tagged with one of
    its children; family: the need is a child and the service is tagged with its family only."""
    family = needs_family(need)
    if need in tagged:
        return "exact"
    if family == need and any(needs_family(code) == need for code in tagged):
        return "child"
    if family != need and family in tagged:
        return "family"
    return None


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


def _doc_order(doc: SearchDocument) -> tuple[str, str]:
    """The order documents were read in before hits carried them: by service, then by document id."""
    return doc.service_id, doc.id


def _better(one: Suggestion, other: Suggestion) -> bool:
    if one.score != other.score:
        return one.score > other.score
    return (one.distance_km if one.distance_km is not None else math.inf) < (
        other.distance_km if other.distance_km is not None else math.inf
    )


def _diverse(suggestions: list[Suggestion], limit: int) -> list[Suggestion]:
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


@lru_cache(maxsize=4096)  # the same areas (boroughs, a city) come back for match after match
def _geometry(extent: str | None, extent_type: str | None) -> PreparedGeometry | None:
    if not extent or (extent_type or "geojson").lower() != "geojson":
        return None
    try:
        data = json.loads(extent)
        if data.get("type") == "Feature":
            data = data["geometry"]
        geometry = shape(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return prep(geometry) if geometry.is_valid and not geometry.is_empty else prep(geometry.buffer(0))


def _label(code: str, locale: str) -> str:
    term = core_term("needs", code)
    return term.label(locale) if term else code


def _document_label(code: str, locale: str) -> str:
    term = core_term("documents", code)
    return term.label(locale) if term else code


@dataclass(frozen=True, slots=True)
class _LanguageName:
    """A language's name in the locale of the moment it is shown (reason texts are put in words late)."""

    code: str

    def __str__(self) -> str:
        from app.core.i18n import current_locale

        return language_name(self.code, str(current_locale() or "fr"))
