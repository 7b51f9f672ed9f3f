"""Reading a need profile: the contract's JSON Schema first, then the codes it names.

Every problem names its field (`needs[1].category`, `client.situations[0]`), so a caseworker's tool can
point at it. The work is bounded whatever arrives: numbers JSON cannot carry (NaN, Infinity, which Python's
reader accepts) and nesting no profile has are refused before the schema is applied, at most `MAX_ERRORS`
problems are reported, each in a few words (never the whole value).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from app.core.hours import parse_moment
from app.core.i18n import gettext as _
from app.core.taxonomy import core_terms

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "need-profile.schema.json"
CHILD_FAMILIES = frozenset({"childcare"})
GENDER_CODES = {"man": "men", "woman": "women", "gender-diverse": "gender-diverse"}
MAX_DEPTH = 6  # a profile nests 3 levels (profile, needs, a need); deeper is not a profile
MAX_ERRORS = 50
MAX_MESSAGE = 200  # characters of a schema message (which quotes the value it refuses)


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


class UnreadableProfile(ValueError):
    """The text is not JSON, or nests deeper than a reader follows."""


def read_profile_json(text: str | bytes) -> Any:
    """The JSON value of a profile's text (UnreadableProfile when it has none), to give `parse_profile`."""
    try:
        return json.loads(text)
    except RecursionError:
        raise UnreadableProfile(_("nested too deeply to be a need profile")) from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise UnreadableProfile(str(exc)) from None


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
            return FieldError(_path([*base, names[0][:MAX_MESSAGE]]), _short(error.message))
    if error.validator == "maxItems":
        return FieldError(_path(base), _("at most %(num)d items", num=error.validator_value))
    if error.validator == "maxLength":
        return FieldError(_path(base), _("at most %(num)d characters", num=error.validator_value))
    return FieldError(_path(base), _short(error.message))


def _short(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    return f"{message[: MAX_MESSAGE - 60]} … {message[-50:]}"


def _shape_errors(data: Any) -> list[FieldError]:
    """Numbers that are not finite and nesting deeper than a profile's, walked without recursion."""
    errors: list[FieldError] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack and len(errors) < MAX_ERRORS:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            errors.append(FieldError(_path(path), _("must be a finite number")))
        elif isinstance(value, dict | list):
            if len(path) >= MAX_DEPTH:
                errors.append(FieldError(_path(path), _("nested too deeply to be a need profile")))
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(
                (item, (*path, key if isinstance(key, int) else key[:MAX_MESSAGE])) for key, item in items
            )
    return sorted(errors, key=lambda e: e.field)


def _codes(taxonomy: str, group: str | None = None) -> set[str]:
    return {t.code for t in core_terms() if t.taxonomy == taxonomy and (group is None or t.group == group)}


def parse_profile(data: Any) -> Profile:
    """A checked Profile, or ProfileError listing its problems (up to MAX_ERRORS) with their fields."""
    errors = _shape_errors(data)
    if errors:
        raise ProfileError(errors)
    found = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    errors = [_field_error(error) for error in found[:MAX_ERRORS]]
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
    from app.core.taxonomy import needs_family

    return needs_family(code)
