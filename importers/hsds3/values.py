"""Reading one HSDS value: CSV gives text, JSON gives text or numbers; both end as Python values."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

# Written in exports for "we do not know"; they mean an empty cell, not a value to complain about.
EMPTY_WORDS = frozenset({"", "n/a", "na", "null", "none", "nil", "-", "--", "?", "s.o.", "s/o", "nan"})

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)


class ValueProblem(Exception):
    """The value cannot be read as its type; `code` is a key of importers.errors.MESSAGES."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_text(value: Any) -> str | None:
    """Strip, fold internal runs of spaces on each line; empty and placeholder words become None."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if text.casefold() in EMPTY_WORDS:
        return None
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip() or None


def parse_number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = clean_text(value)
    if text is None:
        return None
    text = text.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", text):  # French decimal comma
        text = text.replace(",", ".")
    text = text.lstrip("$").rstrip("$")
    try:
        number = float(text)
    except ValueError:
        raise ValueProblem("bad_number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueProblem("bad_number")
    return number


def parse_date(value: Any) -> date | None:
    text = clean_text(value)
    if text is None:
        return None
    candidate = text.replace("/", "-")
    try:
        return date.fromisoformat(candidate[:10])
    except ValueError:
        raise ValueProblem("bad_date") from None


def parse_datetime(value: Any) -> datetime | None:
    """ISO 8601; kept as naive UTC (an offset is applied, a value without one is taken as UTC)."""
    text = clean_text(value)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ValueProblem("bad_datetime") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def parse_time(value: Any) -> str | None:
    """A time of day as HSDS writes it; returned as HH:MM or HH:MM:SS (+ offset when one is given)."""
    text = clean_text(value)
    if text is None:
        return None
    match = _TIME.match(text)
    if not match:
        raise ValueProblem("bad_time")
    hours, minutes, seconds, offset = match.groups()
    if int(hours) > 24 or int(minutes) > 59 or (seconds and int(seconds) > 59):
        raise ValueProblem("bad_time")
    result = f"{int(hours):02d}:{minutes}"
    if seconds is not None:
        result += f":{seconds}"
    if offset:
        offset = offset.upper()
        if offset != "Z" and ":" not in offset:
            offset = f"{offset[:3]}:{offset[3:]}"
        result += offset
    return result


def format_number(value: float | None) -> str:
    """Numbers as people write them: 12, not 12.0."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def json_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def format_datetime(value: datetime | None) -> str:
    """UTC, ISO 8601 with a Z; milliseconds only when there are some."""
    if value is None:
        return ""
    if value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
