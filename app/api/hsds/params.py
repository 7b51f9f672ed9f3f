"""The HSDS API's query parameters, read and checked: a wrong one is a BadParameter naming it (a 400)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.api.hsds.openapi import (
    DEFAULT_PER_PAGE,
    MAX_MINIMAL_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_PROXIMITY_M,
    MAX_TEXT,
)

# A typed parameter takes only what the OpenAPI document declares: a boolean is true or false, and an empty
# value is no value of its type (absent, the parameter has its default).
_TRUE = {"true"}
_FALSE = {"false"}
# Every parameter any endpoint takes: an unknown one is refused, so a typo is not silently ignored.
KNOWN = {
    "search",
    "page",
    "per_page",
    "format",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimal",
    "full",
    "full_service",
    "postcode",
    "proximity",
    "top_only",
    "parent_id",
    "lang",
}


class BadParameter(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def check_known(args: MultiDict[str, str], allowed: set[str]) -> None:
    for name in args:
        if name not in allowed:
            raise BadParameter(
                name, _("unknown parameter; this address takes: %(names)s", names=", ".join(sorted(allowed)))
            )
        if len(args.getlist(name)) > 1:  # which one was meant? None is taken silently
            raise BadParameter(name, _("must be given only once"))


def _given(args: Mapping[str, str], name: str) -> str | None:
    """The parameter's value, stripped; None when it is absent (not when it is empty)."""
    value = args.get(name)
    return None if value is None else value.strip()


def flag(args: Mapping[str, str], name: str) -> bool:
    raw = _given(args, name)
    value = "false" if raw is None else raw.lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadParameter(name, _("must be true or false"))


def text(args: Mapping[str, str], name: str) -> str | None:
    value = (args.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadParameter(name, _("must be at most %(num)d characters", num=MAX_TEXT))
    if "\x00" in value:
        raise BadParameter(name, _("must not hold control characters"))
    return value or None


def _integer(args: Mapping[str, str], name: str, default: int) -> int:
    raw = _given(args, name)
    if raw is None:
        return default
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise BadParameter(name, _("must be a whole number"))
    if len(raw.lstrip("+-")) > 30:  # beyond any range: spare int() a huge number
        return -(10**30) if raw.startswith("-") else 10**30
    return int(raw)


def paging(args: Mapping[str, str], minimal: bool = False) -> Paging:
    page = _integer(args, "page", 1)
    if page < 1 or page > MAX_PAGE:
        raise BadParameter("page", _("must be between 1 and %(num)d", num=MAX_PAGE))
    maximum = MAX_MINIMAL_PER_PAGE if minimal else MAX_PER_PAGE
    per_page = _integer(args, "per_page", maximum if minimal else DEFAULT_PER_PAGE)
    if per_page < 1 or per_page > maximum:
        raise BadParameter("per_page", _("must be between 1 and %(num)d", num=maximum))
    return Paging(page, per_page)


def output_format(args: Mapping[str, str]) -> str:
    raw = _given(args, "format")
    value = "json" if raw is None else raw.lower()
    if value not in ("json", "ndjson"):
        raise BadParameter("format", _("must be json or ndjson"))
    return value


def moment(args: Mapping[str, str], name: str) -> datetime | None:
    """An ISO 8601 date or date and time; naive ones are UTC. Returned naive UTC, as the database keeps."""
    raw = _given(args, name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "+", 1) if "T" in raw else raw)
    except ValueError:
        raise BadParameter(name, _("must be a date and time such as 2026-01-31T12:00:00Z")) from None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def metres(args: Mapping[str, str], name: str) -> float | None:
    raw = _given(args, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, _("must be a distance in metres")) from None
    if not (0 <= value <= MAX_PROXIMITY_M) or value != value:
        raise BadParameter(name, _("must be a distance between 0 and 1,000,000 metres"))
    return value
