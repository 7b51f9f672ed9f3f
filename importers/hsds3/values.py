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
        spoken = _spoken_time(text)
        if spoken is None:
            raise ValueProblem("bad_time")
        return spoken
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


_SPOKEN = re.compile(r"^(\d{1,2})(?:\s*(?:h|:)\s*(\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_WORDS = {"midi": "12:00", "noon": "12:00", "minuit": "00:00", "midnight": "00:00"}


def _spoken_time(text: str) -> str | None:
    """Times as people write them: 9am, 5:30 PM, 9h, 17 h 30, midi, midnight."""
    folded = text.strip().lower()
    if folded in _WORDS:
        return _WORDS[folded]
    match = _SPOKEN.match(folded.replace(" ", "") if "h" in folded else folded)
    if not match or (match.group(2) is None and match.group(3) is None and "h" not in folded):
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix == "pm" and hours < 12:
        hours += 12
    if suffix == "am" and hours == 12:
        hours = 0
    if hours > 24 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def language_code(code: str | None, name: str | None = None) -> str | None:
    """An ISO 639 code (two letters when there is one) from a code or a language name in French or English:
    "fre", "FR", "French", "français", "Mandarin" -> "fr", "fr", "fr", "fr", "zh". None when unknown."""
    import langcodes

    for value in (code, name):
        text = clean_text(value)
        if not text:
            continue
        try:
            tag = text if langcodes.tag_is_valid(text) and len(text) <= 3 else str(langcodes.find(text))
            found = langcodes.Language.get(langcodes.standardize_tag(tag, macro=True)).language
        except (LookupError, ValueError):
            continue
        if found and found != "und":
            return found
    return None


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
