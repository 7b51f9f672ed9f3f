"""Telephone numbers as agencies write them ("(514) 555-0123 poste 22", "Téléc. : ...") to E.164."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# HSDS phone types, found from the words around the number. "Tél." is a hint too: a cell reading
# "Tél./téléc." then holds two hints, and we keep none rather than pick one.
_TYPE_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fax", re.compile(r"\b(?:fax|t[ée]l[ée]copieur|t[ée]l[ée]c\b\.?)", re.IGNORECASE)),
    ("textphone", re.compile(r"\b(?:tty|tdd|ats|atme|teletypewriter|t[ée]l[ée]scripteur)\b", re.IGNORECASE)),
    ("cell", re.compile(r"\b(?:cell|cellulaire|cellular|mobile)\b", re.IGNORECASE)),
    ("text", re.compile(r"\b(?:texto|sms|text)\b", re.IGNORECASE)),
    ("pager", re.compile(r"\b(?:pager|t[ée]l[ée]avertisseur)\b", re.IGNORECASE)),
    ("video", re.compile(r"\b(?:vid[ée]o|vrs)\b", re.IGNORECASE)),
    ("voice", re.compile(r"\b(?:t[ée]l(?:[ée]phone)?|phone|voice|voix)(?![\wéè])", re.IGNORECASE)),
)

# An extension after the number: "poste 22", "p. 22", "ext. 45", "extension 45", "x12", "#12".
# phonenumbers knows the English forms only, so every form is taken off here before it parses.
_EXTENSION = re.compile(
    r"[,;]?\s*(?<![^\W\d_])(?:poste|post\.|p\.|ext(?:ension)?\.?|x|#)\s*[:.]?\s*(\d{1,7})(?!\d)",
    re.IGNORECASE,
)
# Vanity numbers ("1 866 APPELLE") are spelt with capitals; anything else with letters is prose.
_VANITY = re.compile(r"^\+?[\d\s().\-/]*\d[\d\s().\-/]*[A-Z][A-Z\d\s.\-]*$")
_QUOTES = "\"'«»“”‘’ "


@dataclass(frozen=True)
class Phone:
    number: str  # E.164 ("+15145550123"), or the digits of a short service code ("211")
    extension: str | None
    type: str | None  # HSDS phone type: voice, fax, text, cell, video, pager, textphone


def phone_type(text: str) -> str | None:
    """The HSDS type the words around a number announce; None when they say nothing or disagree."""
    found = {kind for kind, pattern in _TYPE_HINTS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def normalize_phone(text: str, default_region: str = "CA") -> Phone | None:
    """The first number in `text`, with its extension and type hint; None when there is none."""
    if not isinstance(text, str):
        return None
    text = text.strip().strip(_QUOTES).strip()
    if not text:
        return None
    kind = phone_type(text)
    extension, rest = _split_extension(text)
    number = _full_number(rest, default_region)
    if number is not None:
        return Phone(number, extension, kind)
    short = _short_code(rest, default_region)
    if short is not None:
        return Phone(short, None, kind)
    return None


def _split_extension(text: str) -> tuple[str | None, str]:
    """The extension and the text without it; an extension only ever follows the number's digits."""
    for match in _EXTENSION.finditer(text):
        if re.search(r"\d", text[: match.start()]):
            return match.group(1), text[: match.start()] + " " + text[match.end() :]
    return None, text


def _full_number(text: str, region: str) -> str | None:
    try:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if _VANITY.match(text.strip()):
            parsed = phonenumbers.parse(text, region)
            if phonenumbers.is_valid_number(parsed):
                return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return None
    return None


def _short_code(text: str, region: str) -> str | None:
    """211, 811, 911...: dialled as they are, so kept as digits; only when they are the cell's only digits."""
    runs = re.findall(r"\d+", text)
    if len(runs) != 1 or not 3 <= len(runs[0]) <= 4:
        return None
    digits = runs[0]
    try:
        parsed = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    return digits if phonenumbers.is_valid_short_number_for_region(parsed, region) else None
