"""Reading HSDS 1.x and 2.0 cells: weekdays, dates, yes/no, core taxonomy words, and the few words the
reader writes itself (in the package's language)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Any

from app.core.hours import DAYS
from app.core.models import CORE_TAXONOMIES
from app.core.taxonomy import core_terms
from app.core.text import comparable_words
from importers.hsds3.ids import canonical_id
from importers.hsds3.values import ValueProblem, clean_text, parse_date, parse_number

EVERY_DAY = ",".join(DAYS)

# --- cells -----------------------------------------------------------------------------------------------


def cell(cells: dict[str, Any], *names: str) -> str | None:
    """The first non-empty cell among `names` (placeholders such as "n/a" count as empty)."""
    for name in names:
        value = cells.get(name)
        text = clean_text(value) if isinstance(value, str) else None
        if text is not None:
            return text
    return None


def join_texts(*texts: str | None, separator: str = "\n\n") -> str | None:
    """The texts given, each once, in order; None when there is none."""
    kept = [text for text in dict.fromkeys(texts) if text]
    return separator.join(kept) or None


def is_yes(text: str | None) -> bool:
    return comparable_words(text or "") in {"true", "t", "1", "yes", "y", "oui", "o", "vrai", "x"}


def read_date(text: str | None) -> date | None:
    try:
        return parse_date(text)
    except ValueProblem:
        return None


def read_number(text: str | None) -> float | None:
    try:
        return parse_number(text)
    except ValueProblem:
        return None


def prefixed(prefix: str, own_id: str | None) -> str | None:
    """The id of a row whose file shares its HSDS 3.0 table with another file (postal addresses beside
    physical ones, holidays beside weekly hours): both may number their rows from 1."""
    return f"{prefix}-{own_id}" if own_id else None


# --- weekdays --------------------------------------------------------------------------------------------

_DAY_NAMES = (
    ("MO", "monday mon lundi lun"),
    ("TU", "tuesday tue tues mardi mar"),
    ("WE", "wednesday wed mercredi mer"),
    ("TH", "thursday thu thur thurs jeudi jeu"),
    ("FR", "friday fri vendredi ven"),
    ("SA", "saturday sat samedi sam"),
    ("SU", "sunday sun dimanche dim"),
)
_DAY_WORDS = {word: code for code, words in _DAY_NAMES for word in (code.lower(), *words.split())}
_LIST = re.compile(r"\s*(?:[,;/&+]|\bet\b|\band\b)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\bau\b|(?<!\w)à(?!\w))\s*", re.IGNORECASE)


def weekday(text: str) -> str | None:
    """One day: a number (HSDS 1.x counts Monday as 1 and Sunday as 7; 0 is taken as Sunday too) or a name
    in English or French, whole or cut short, or its RRULE code."""
    number = re.fullmatch(r"(\d)(?:\.0+)?", text.strip())
    if number:
        value = int(number[1])
        return DAYS[value - 1] if 1 <= value <= 7 else "SU" if value == 0 else None
    word = comparable_words(text)
    return _DAY_WORDS.get(word) or _DAY_WORDS.get(word.removesuffix("s"))


def byday(text: str | None) -> str | None:
    """The RRULE days (`MO,TU`) a weekday cell names: one day, a list or a range ("Mon-Fri", "lundi au
    vendredi", "1-5"); None when any part of it is unreadable."""
    if not text or not text.strip():
        return None
    days: list[str] = []
    for part in _LIST.split(text.strip()):
        if not part:
            continue
        ends = [weekday(end) for end in _RANGE.split(part) if end]
        if not ends or len(ends) > 2 or any(end is None for end in ends):
            return None
        days.extend(_span(str(ends[0]), str(ends[-1])))
    return ",".join(dict.fromkeys(days)) or None


def _span(first: str, last: str) -> tuple[str, ...]:
    start, end = DAYS.index(first), DAYS.index(last)
    return DAYS[start : end + 1] if end >= start else DAYS[start:] + DAYS[: end + 1]


def month_days(start: date, end: date) -> str:
    """The days of the month from start to end ("24,25,...,31,1,2"); every day for a month or more."""
    span = max((end - start).days, 0)
    if span >= 30:
        return ",".join(str(day) for day in range(1, 32))
    return ",".join(str((start + timedelta(days=n)).day) for n in range(span + 1))


# --- the reader's own words ------------------------------------------------------------------------------

_WORDS = {
    "closed": {"fr": "Fermé", "en": "Closed"},
    "special": {"fr": "Horaire spécial", "en": "Special hours"},
    "yearly": {"fr": "Chaque année le {day}", "en": "Every year on {day}"},
    "payments": {"fr": "Modes de paiement acceptés : {payments}", "en": "Payment accepted: {payments}"},
}
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}


def words(lang: str, key: str, **values: str) -> str:
    return _WORDS[key]["en" if lang == "en" else "fr"].format(**values)


def spoken_day(day: date, lang: str) -> str:
    """ "December 25" / "25 décembre": a day that comes back every year."""
    if lang == "en":
        return f"{_MONTHS['en'][day.month - 1]} {day.day}"
    return f"{day.day} {_MONTHS['fr'][day.month - 1]}"


# --- the core taxonomy -----------------------------------------------------------------------------------


def core_taxonomy(name: str | None) -> str | None:
    """`needs`, `eligibility`, `features` or `documents` when `name` is one of them (any case)."""
    key = (name or "").strip().lower()
    return key if key in CORE_TAXONOMIES else None


@cache
def _core_words(taxonomy: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for term in core_terms():
        if term.taxonomy == taxonomy:
            for written in (term.code, term.label_en, term.label_fr):
                found.setdefault(comparable_words(written), term.code)
    return found


def core_code(taxonomy: str, text: str | None) -> str | None:
    """The core code `text` names in `taxonomy`: its code or its English or French label, as written up to
    case, accents and punctuation. Nothing nearer is guessed: an eligibility term restricts a service."""
    return _core_words(taxonomy).get(comparable_words(text)) if text else None


def term_code(given: str | None, term_id: str | None, name: str | None, vocabulary: str | None) -> str | None:
    """The code of an old taxonomy term, which has no code column: in a core vocabulary the core code its id
    or name spells; otherwise its id (HSDS 1.x ids are often the taxonomy's codes, AIRS ones for instance),
    unless that id is a UUID, which is no one's code."""
    if given:
        return given
    taxonomy = core_taxonomy(vocabulary)
    found = (core_code(taxonomy, term_id) or core_code(taxonomy, name)) if taxonomy else None
    if found:
        return found
    return None if not term_id or canonical_id(term_id) else term_id


_WHEELCHAIR = re.compile(r"\bwheel ?chairs?\b|\bfauteuils? roulants?\b")
_NEGATION = re.compile(r"\b(?:not|no|non|pas|aucun|aucune|sans|without|inaccessible|unavailable)\b")


def says_wheelchair_access(text: str | None) -> bool:
    """Whether an accessibility text says wheelchair access ("Wheelchair accessible", "Accès en fauteuil
    roulant"), and not its absence ("Non accessible aux fauteuils roulants")."""
    folded = comparable_words(text or "")
    return bool(_WHEELCHAIR.search(folded)) and not _NEGATION.search(folded)
