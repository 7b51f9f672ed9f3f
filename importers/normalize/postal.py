"""Postal codes: Canadian ones checked and written "H2X 1Y4"; other countries' only tidied."""

from __future__ import annotations

import re

# Canada Post never uses D F I O Q U (they read like digits or each other), nor W or Z in first place.
_FIRST = "ABCEGHJKLMNPRSTVXY"
_OTHER = "ABCEGHJKLMNPRSTVWXYZ"
_CANADIAN = re.compile(rf"[{_FIRST}]\d[{_OTHER}]\d[{_OTHER}]\d")
_CANADA_NAMES = frozenset({"CA", "CAN", "CANADA"})


def normalize_postal_code(text: str, country: str | None = "CA") -> str | None:
    """A Canadian code as "H2X 1Y4"; None when empty, or not a valid Canadian code in Canada.

    With country None, a code shaped like a Canadian one is written the Canadian way and anything else
    is only tidied, as for other countries (trimmed, upper-cased, inner spaces folded).
    """
    if not isinstance(text, str):
        return None
    tidy = " ".join(text.upper().split())
    if not tidy:
        return None
    compact = re.sub(r"[\s\-.]", "", tidy)
    canadian = f"{compact[:3]} {compact[3:]}" if _CANADIAN.fullmatch(compact) else None
    if country is None:
        return canadian or tidy
    if country.strip().upper() in _CANADA_NAMES:
        return canadian
    return tidy


def forward_sortation_area(code: str) -> str | None:
    """The first three characters of a Canadian postal code ("H2X"): the area a letter carrier sorts to."""
    normalized = normalize_postal_code(code, "CA")
    return normalized[:3] if normalized else None
