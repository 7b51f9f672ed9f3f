"""Reading a need profile: the contract's JSON Schema first, then the codes it names.

Every problem names its field (`needs[1].category`, `client.situations[0]`), so a caseworker's tool can
point at it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from app.core_taxonomy import core_terms
from app.hours import parse_moment

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "need-profile.schema.json"
CHILD_FAMILIES = frozenset({"childcare"})
GENDER_CODES = {"man": "men", "woman": "women", "gender-diverse": "gender-diverse"}


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class ProfileError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Need:
    category: str
    urgency: str = "medium"
    note: str | None = None
    person: str = "client"


@dataclass(frozen=True, slots=True)
class Client:
    age: int | None = None
    gender: str | None = None
    languages: tuple[str, ...] | None = None
    situations: frozenset[str] | None = None
    documents: frozenset[str] | None = None
    household_size: int | None = None
    children_ages: tuple[int, ...] | None = None
    wheelchair: bool | None = None
    has_pet: bool | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    needs: tuple[Need, ...]
    client: Client = field(default_factory=Client)
    locale: str | None = None
    location: dict[str, Any] | None = None
    max_distance_km: float | None = None
    free_only: bool = False
    open_now: bool = False
    at: datetime | None = None
    limit: int = 5


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(profile)"


def _field_error(error: Any) -> FieldError:
    """Name the field itself: for a missing or unexpected property, the property, not its parent."""
    base = list(error.absolute_path)
    if error.validator in ("required", "additionalProperties"):
        names = re.findall(r"'([^']+)'", error.message)
        if names:
            return FieldError(_path([*base, names[0]]), error.message)
    return FieldError(_path(base), error.message)


def _codes(taxonomy: str, group: str | None = None) -> set[str]:
    return {t.code for t in core_terms() if t.taxonomy == taxonomy and (group is None or t.group == group)}


def parse_profile(data: Any) -> Profile:
    """A checked Profile, or ProfileError listing every problem with its field."""
    errors = [
        _field_error(error)
        for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if errors:
        raise ProfileError(errors)
    needs_codes, situations, documents = (
        _codes("needs"),
        _codes("eligibility", "situation"),
        _codes("documents"),
    )
    for index, need in enumerate(data["needs"]):
        if need["category"] not in needs_codes:
            errors.append(FieldError(f"needs[{index}].category", f"{need['category']!r} is not a needs code"))
    client = data.get("client", {})
    for index, code in enumerate(client.get("situations", [])):
        if code not in situations:
            errors.append(FieldError(f"client.situations[{index}]", f"{code!r} is not a situation code"))
    for index, code in enumerate(client.get("documents", [])):
        if code not in documents:
            errors.append(FieldError(f"client.documents[{index}]", f"{code!r} is not a documents code"))
    location = data.get("location")
    if location is not None and ("lat" in location) != ("lon" in location):
        errors.append(FieldError("location", "lat and lon go together"))
    at = None
    constraints = data.get("constraints", {})
    if "at" in constraints:
        try:
            at = parse_moment(constraints["at"])
        except ValueError:
            errors.append(FieldError("constraints.at", f"{constraints['at']!r} is not a date-time"))
    if errors:
        raise ProfileError(errors)
    return Profile(
        needs=tuple(
            Need(
                category=n["category"],
                urgency=n.get("urgency", "medium"),
                note=n.get("note"),
                person=n.get("person") or ("child" if _family(n["category"]) in CHILD_FAMILIES else "client"),
            )
            for n in data["needs"]
        ),
        client=Client(
            age=client.get("age"),
            gender=client.get("gender"),
            languages=tuple(code.lower() for code in client["languages"]) if "languages" in client else None,
            situations=frozenset(client["situations"]) if "situations" in client else None,
            documents=frozenset(client["documents"]) if "documents" in client else None,
            household_size=client.get("household_size"),
            children_ages=tuple(client["children_ages"]) if "children_ages" in client else None,
            wheelchair=client.get("wheelchair"),
            has_pet=client.get("has_pet"),
        ),
        locale=data.get("locale"),
        location=location,
        max_distance_km=data.get("max_distance_km"),
        free_only=bool(constraints.get("free_only", False)),
        open_now=bool(constraints.get("open_now", False)),
        at=at,
        limit=int(data.get("limit", 5)),
    )


def _family(code: str) -> str:
    from app.core_taxonomy import needs_family

    return needs_family(code)
