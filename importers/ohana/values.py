"""Reading Ohana API cells: multi-value lists, weekdays, holiday dates, yes/no, and the words that carry the
facts the matcher uses (accessibility, documents asked for)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

from app.core.hours import DAYS
from app.core.text import comparable_text
from importers.normalize import clean_text

# --- multi-value cells -----------------------------------------------------------------------------------


def split_values(cell: str | None) -> list[str]:
    """The values of a multi-value cell, as written, each once: "a, b", "a; b", "a|b", a Postgres array
    ("{a,"b, c"}") or a JSON list. Semicolons and pipes win over commas when a cell has both, and
    nothing splits inside parentheses ("Proof of address (lease, bill)")."""
    text = (cell or "").strip()
    if not text:
        return []
    if text.startswith("{") and text.endswith("}"):
        pieces = _postgres_array(text[1:-1])
    elif text.startswith("[") and text.endswith("]"):
        pieces = _json_list(text)
    else:
        pieces = _split_outside_brackets(text, ";|\n" if re.search(r"[;|]", text) else ",\n")
    values: list[str] = []
    for piece in pieces:
        value = clean_text(piece.strip().strip("\"'").strip())
        if value and value not in values:
            values.append(value)
    return values


def _postgres_array(inner: str) -> list[str]:
    # Elements are quoted when they hold a comma, and backslash-escaped inside quotes; NULL is no value.
    reader = csv.reader([inner], delimiter=",", quotechar='"', escapechar="\\", skipinitialspace=True)
    return [piece for piece in next(reader, []) if piece.strip().upper() != "NULL"]


def _json_list(text: str) -> list[str]:
    try:
        found = json.loads(text)
    except ValueError:
        return _split_outside_brackets(text[1:-1], ",")
    return [str(item) for item in found] if isinstance(found, list) else [text]


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char in separators and not depth:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


# --- keys ------------------------------------------------------------------------------------------------


def child_id(*parts: str) -> str:
    """An id made of its owner's id and what the row holds; long values are hashed so the id stays short."""
    joined = ":".join(parts)
    if len(joined) <= 200:
        return joined
    return joined[:150] + "#" + hashlib.sha256(joined.encode()).hexdigest()[:16]


def first_value(cell: str | None) -> str | None:
    """The first of several values (Ohana keeps some e-mails and web sites as lists)."""
    values = split_values(cell)
    return values[0] if values else None


def is_yes(cell: str | None) -> bool:
    return comparable_text(cell or "") in {"true", "t", "1", "yes", "y", "oui", "o", "vrai", "x"}


# --- weekdays and holiday dates --------------------------------------------------------------------------

# Ohana numbers days 1 (Monday) to 7 (Sunday); names may be English or French, whole or cut short.
_DAY_PREFIXES = {
    **{name: code for code, names in zip(DAYS, (
        ("mon", "lun"), ("tue", "mar"), ("wed", "mer"), ("thu", "jeu"),
        ("fri", "ven"), ("sat", "sam"), ("sun", "dim"),
    ), strict=True) for name in names},
}  # fmt: skip


def weekday(cell: str | None) -> str | None:
    """The RRULE day code (MO..SU) of a weekday cell ("1", "Monday", "lun.", "MO"); None when unreadable."""
    text = comparable_text(cell or "").strip(". ")
    if re.fullmatch(r"[1-7](?:\.0+)?", text):
        return DAYS[int(float(text)) - 1]
    if text.upper() in DAYS:
        return text.upper()
    return _DAY_PREFIXES.get(text[:3]) if len(text) >= 3 and text.isalpha() else None


_MONTHS = {
    **{name: number for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"), start=1)},
    **{name: number for number, name in enumerate(
        ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
         "novembre", "decembre"), start=1)},
}  # fmt: skip
_MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class HolidayDate:
    day: date
    yearly: bool  # Ohana writes the year 0001 for a day that comes back every year


def holiday_date(cell: str | None) -> HolidayDate | None:
    """A date as Ohana exports write it: "2025-12-24", "December 24, 2025", "24 décembre 2025",
    "12/24/2025" or "12/24/25" (month first, as Ohana does, unless the first number cannot be a month)."""
    text = comparable_text(cell or "").replace(",", " ").replace(".", " ")
    found = _iso_date(text) or _named_date(text) or _slashed_date(text)
    if found is None:
        return None
    year, month, day = found
    try:
        return HolidayDate(date(max(year, 1), month, day), yearly=year <= 1)
    except ValueError:
        return None


def _iso_date(text: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?", text)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _named_date(text: str) -> tuple[int, int, int] | None:
    words = text.split()
    months = [month for word in words if (month := _month(word))]
    numbers = [word for word in words if word.isdigit()]
    if len(months) != 1 or len(numbers) != 2:
        return None
    day, year = (numbers[0], numbers[1]) if len(numbers[0]) <= 2 else (numbers[1], numbers[0])
    return int(year), months[0], int(day)


def _month(word: str) -> int | None:
    """A month by its name or the start of it ("dec", "juil"), in English or French."""
    if len(word) < 3 or not word.isalpha():
        return None
    return _MONTHS.get(word) or next((n for name, n in _MONTHS.items() if name.startswith(word)), None)


def _slashed_date(text: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})", text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    month, day = (second, first) if first > 12 else (first, second)
    return (year + 2000 if len(match[3]) == 2 else year), month, day


def spoken_day(day: date, locale: str) -> str:
    """ "June 1" / "1 juin": a day of the year, for a holiday that comes back every year."""
    month = _MONTH_NAMES[locale][day.month - 1]
    return f"{day.day} {month}" if locale == "fr" else f"{month} {day.day}"


# --- accessibility ---------------------------------------------------------------------------------------

# Ohana's accessibility vocabulary, in words people read (English, French).
ACCESSIBILITY: dict[str, tuple[str, str]] = {
    "cd": ("Information on CD", "Information sur CD"),
    "deaf_interpreter": ("Sign language interpreter", "Interprète en langue des signes"),
    "disabled_parking": ("Accessible parking", "Stationnement pour personnes handicapées"),
    "elevator": ("Elevator", "Ascenseur"),
    "ramp": ("Ramp", "Rampe d'accès"),
    "restroom": ("Accessible restroom", "Toilettes accessibles"),
    "tape_braille": ("Information on tape or in Braille", "Information sur cassette ou en braille"),
    "tty": ("TTY", "ATS (téléscripteur)"),
    "wheelchair": ("Wheelchair accessible", "Accessible en fauteuil roulant"),
    "wheelchair_van": ("Wheelchair-accessible van", "Fourgonnette adaptée"),
}
# The same things written in words, as agencies outside Ohana's admin screens type them.
_ACCESSIBILITY_WORDS = {
    "wheelchair_accessible": "wheelchair",
    "fauteuil_roulant": "wheelchair",
    "accessible_en_fauteuil_roulant": "wheelchair",
    "accessible_aux_fauteuils_roulants": "wheelchair",
    "ascenseur": "elevator",
    "rampe": "ramp",
    "rampe_d'acces": "ramp",
    "toilettes_accessibles": "restroom",
    "stationnement_pour_personnes_handicapees": "disabled_parking",
    "braille": "tape_braille",
    "ats": "tty",
}


def accessibility_code(value: str) -> str | None:
    """Ohana's code for an accessibility value ("wheelchair", "Disabled parking", "ascenseur")."""
    key = re.sub(r"[\s\-]+", "_", comparable_text(value))
    return key if key in ACCESSIBILITY else _ACCESSIBILITY_WORDS.get(key)


# --- documents asked for ---------------------------------------------------------------------------------

# The core `documents` terms and the words (folded: no accents, lower case) that name them.
_DOCUMENT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "health-card",
        re.compile(r"assurance[- ]maladie|\bramq\b|carte soleil|health (?:insurance )?card|medicare"),
    ),
    (
        "photo-id",
        re.compile(
            r"photo|piece d'identite|pieces d'identite|carte d'identite|\bid\b|identification"
            r"|permis de conduire|driver'?s licen[cs]e|passport|passeport"
        ),
    ),
    (
        "proof-of-address",
        re.compile(
            r"preuve d'adresse|preuve de residence|proof of (?:address|residen)|justificatif de domicile"
        ),
    ),
    (
        "proof-of-income",
        re.compile(
            r"preuve de revenu|proof of income|talon de paie|pay ?stub|avis de cotisation"
            r"|declaration de revenus|income tax return|releve d'emploi"
        ),
    ),
    (
        "immigration-papers",
        re.compile(
            r"immigration|permis de travail|permis d'etudes|work permit|study permit|resident permanent"
            r"|permanent resident|refugi|refugee|asylum|demandeur d'asile|citoyennete|citizenship|\bcaq\b"
        ),
    ),
    ("referral-letter", re.compile(r"reference|referral|lettre de recommandation|recommandation")),
)


def document_codes(text: str) -> list[str]:
    """The core `documents` codes a required document names ("Carte RAMQ" -> health-card); none when its
    words name no known kind of document."""
    folded = comparable_text(text).replace("’", "'")
    return [code for code, pattern in _DOCUMENT_WORDS if pattern.search(folded)]


# --- interpretation --------------------------------------------------------------------------------------

_NONE_OFFERED = re.compile(r"^(?:no|non|none|aucune?|pas\b|not\b|n/a|sans\b)")


def offers_interpretation(text: str | None) -> bool:
    """Whether an `interpretation_services` cell says interpretation is offered (any text but a "no")."""
    cleaned = clean_text(text)
    return cleaned is not None and not _NONE_OFFERED.match(comparable_text(cleaned))
