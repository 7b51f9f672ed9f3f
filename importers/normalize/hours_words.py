"""The words of opening hours: the text cut into tokens, and the times of a range read as clock times.

The text, folded to lower case without accents, is scanned into tokens: days ("lun", "Monday", "en
semaine"), times ("9h", "9:00 AM", "midi"), linking words ("à", "to", "et", "sauf", "fermé") and separators;
fillers ("horaires", "de", "open") are dropped and anything else is a word. A time is kept as written
(`Clock`) until the other end of its range says whether "5" means 5 a.m. or 5 p.m. (`resolve_range`).
`hours.py` reads the tokens into schedules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.core.hours import DAYS

WEEKDAYS = DAYS[:5]
WEEKEND = DAYS[5:]
END_OF_DAY = "23:59"


@dataclass(frozen=True)
class Clock:
    """A time as written, before we know whether it opens or closes, or whether "5" means 5 a.m."""

    hour: int
    minute: int
    style: str  # "24h" (17h, 09:00, 17:00), "plain" (5, 5:00), "am", "pm", "noon", "midnight"


@dataclass(frozen=True)
class Token:
    kind: str  # day, days, time, alltime, always, to, and, between, closed, except, sep, word
    start: int
    end: int
    days: tuple[str, ...] = ()
    clock: Clock | None = None


_DAY_WORDS: dict[str, tuple[str, ...]] = {
    "MO": ("lundis", "lundi", "lun", "mondays", "monday", "mon", "mo"),
    "TU": ("mardis", "mardi", "mar", "tuesdays", "tuesday", "tues", "tue", "tu"),
    "WE": ("mercredis", "mercredi", "merc", "mer", "wednesdays", "wednesday", "weds", "wed", "we"),
    "TH": ("jeudis", "jeudi", "jeu", "thursdays", "thursday", "thurs", "thur", "thu", "th"),
    "FR": ("vendredis", "vendredi", "vend", "ven", "fridays", "friday", "fri", "fr"),
    "SA": ("samedis", "samedi", "sam", "saturdays", "saturday", "sat", "sa"),
    "SU": ("dimanches", "dimanche", "dim", "sundays", "sunday", "sun", "su"),
}
_DAY_BY_WORD = {word: code for code, words in _DAY_WORDS.items() for word in words}

# Tried in this order at each place in the text, which is in lower case and without accents.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("always", r"24\s*/\s*7\b"),
    (
        "alltime",
        r"24\s*(?:heures|hours|hrs|h)?\s*(?:/|sur)\s*24(?:\s*h\b)?"
        r"|24\s*(?:heures|hours|hrs)(?:\s*(?:a|par|per)\s*(?:day|jour))?\b|round the clock|jour et nuit",
    ),
    (
        "alldays",
        r"7\s*j(?:ours|rs)?\s*(?:/|sur)\s*7(?:\s*j(?:ours)?\b)?|7\s*/\s*7|7\s*(?:days|jours)\s*(?:a|par|per)\s*"
        r"(?:week|semaine)|tous\s+les\s+jours|chaque\s+jour|daily|every\s*day|7\s*days|7\s*jours|tlj\b",
    ),
    ("weekend", r"(?:les\s+)?fins?\s+de\s+semaine|week-?\s?ends?\b"),
    ("weekdays", r"en\s+semaine\b|jours?\s+de\s+semaine|jours?\s+ouvrables|weekdays|week\s+days"),
    ("monfri", r"\bm\s*-\s*f\b"),
    ("day", r"\b(?:" + "|".join(sorted(_DAY_BY_WORD, key=len, reverse=True)) + r")\b\.?"),
    ("noon", r"(?:12\s*(?:h\s*)?)?\b(?:midi|noon)\b"),
    ("midnight", r"(?:12\s*)?\b(?:minuit|midnight)\b"),
    # "9h", "9 h 30", "16h30"; in "12h 13h" the 13 is the next hour, not minutes
    ("clock_h", r"\b(\d{1,2})\s*(?:h|heures?\b)(?:\s*(\d{2})(?!\d|\s*(?:h|heures?)\b|\s*[:.]\d))?"),
    ("clock_colon", r"\b(\d{1,2})\s*[:.]\s*(\d{2})(?!\d)(?:\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?))?"),
    ("clock_ampm", r"\b(\d{1,2})\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?)"),
    ("clock_bare", r"\b(\d{1,2})\b(?![:.]?\d)"),
    ("between", r"\b(?:entre|between)\b"),
    ("to", r"-|\b(?:a|au|to|through|thru|till|until|jusqu'?\s*(?:a|au))\b"),
    ("and", r",|&|\+|/|\b(?:et|and)\b"),
    ("closed", r"\b(?:fermee?s?|closed)\b"),
    ("except", r"\b(?:sauf|except|excepte|excluding)\b"),
    ("sep", r"[;|\r\n()\[\]•]"),
    (
        "filler",
        r"\b(?:heures\s+d'ouverture|horaires?|opening\s+hours|hours\s+of\s+operation|business\s+hours|hours"
        r"|heures|ouverte?s?|open|tous|chaque|every|all|seulement|only|inclusivement|inclusive|aussi|also"
        r"|de|du|des|d'|le|les|la|l'|from|on|the|at|of|en)\b|[:.]",
    ),
    ("word", r"[^\s;|()\[\],:.]+"),
)
_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))


def folded_in_place(text: str) -> str:
    """Lower case without accents, one character for one: positions still point into the original text."""
    out = []
    for char in text:
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        base = unicodedata.normalize("NFKD", lower)
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else lower)
    return "".join(out).replace("’", "'").replace("–", "-").replace("—", "-").replace("‑", "-")


def scan(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        if text[position].isspace() and text[position] not in "\r\n":  # a line break separates segments
            position += 1
            continue
        match = _SCANNER.match(text, position)
        if match is None or match.end() == position:  # a character no pattern takes: a word of its own
            tokens.append(Token("word", position, position + 1))
            position += 1
            continue
        token = _token(match)
        if token is not None:
            tokens.append(token)
        position = match.end()
    return tokens


def _token(match: re.Match[str]) -> Token | None:
    kind = match.lastgroup or "word"
    start, end = match.start(), match.end()
    if kind == "filler":
        return None
    if kind == "always":
        return Token("always", start, end, days=DAYS)
    if kind == "alldays":
        return Token("days", start, end, days=DAYS)
    if kind == "weekend":
        return Token("days", start, end, days=WEEKEND)
    if kind in ("weekdays", "monfri"):
        return Token("days", start, end, days=WEEKDAYS)
    if kind == "day":
        word = match.group(kind).rstrip(".")
        return Token("day", start, end, days=(_DAY_BY_WORD[word],))
    if kind == "noon":
        return Token("time", start, end, clock=Clock(12, 0, "noon"))
    if kind == "midnight":
        return Token("time", start, end, clock=Clock(0, 0, "midnight"))
    if kind.startswith("clock_"):
        clock = _clock(kind, match.group(kind))
        return Token("time", start, end, clock=clock) if clock else Token("word", start, end)
    return Token(kind, start, end)


def _clock(kind: str, written: str) -> Clock | None:
    numbers = re.findall(r"\d+", written)
    hour = int(numbers[0])
    minute = int(numbers[1]) if len(numbers) > 1 else 0
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    suffix = re.search(r"([ap])\.?\s?m", written)
    if suffix:
        if not 1 <= hour <= 12:
            return None
        return Clock(hour, minute, "am" if suffix.group(1) == "a" else "pm")
    if hour == 24:
        return Clock(0, 0, "midnight")
    # "17h", "17:00", "09:00": a 24-hour clock; "5" or "5:00" could be morning or afternoon.
    padded = kind == "clock_colon" and written.startswith("0")
    if kind == "clock_h" or hour > 12 or padded or hour == 0:
        return Clock(hour, minute, "24h")
    return Clock(hour, minute, "plain")


def resolve_range(start: Clock, stop: Clock) -> tuple[str, str] | None:
    """The opening and closing times of a range, reading "9-5" as 9:00 to 17:00; None when unclear."""
    opens = _minutes(start, stop, opening=True)
    closes = _minutes(stop, start, opening=False)
    if opens is None or closes is None:
        return None
    if closes == 0:
        closes = 24 * 60  # closing at 0:00 ("18h-0h", "6pm-12am") is closing at the end of the day
    if opens == closes:
        return None
    if closes < opens:
        both_explicit = start.style in ("am", "pm") and stop.style in ("am", "pm")
        if opens < 12 * 60 and not both_explicit:
            return None  # "9h-5h" across midnight is a slip, not a night shelter's hours
    return _hhmm(opens, closing=False), _hhmm(closes, closing=True)


def _minutes(clock: Clock, other: Clock, opening: bool) -> int | None:
    """Minutes after midnight of one end of a range, using the other end to settle "plain" times."""
    if clock.style == "noon":
        return 12 * 60
    if clock.style == "midnight":
        return 0 if opening else 24 * 60
    if clock.style == "24h":
        return clock.hour * 60 + clock.minute
    if clock.style in ("am", "pm"):
        return _twelve(clock.hour, clock.minute, clock.style)
    # A plain time ("5", "5:00"): read against the other end of the range.
    if other.style in ("am", "pm", "noon"):
        suffix = "pm" if other.style == "noon" else other.style
        guess = _twelve(clock.hour, clock.minute, suffix)
        partner = 12 * 60 if other.style == "noon" else _twelve(other.hour, other.minute, other.style)
        # "9-5pm": 9 p.m. would open after closing, so 9 a.m.; "1-4pm": 1 p.m.
        if (opening and guess > partner) or (not opening and guess < partner):
            guess = _twelve(clock.hour, clock.minute, "am" if suffix == "pm" else "pm")
        return guess
    if other.style in ("24h", "midnight"):
        return clock.hour * 60 + clock.minute  # "de 9 à 17h": the hours are on a 24-hour clock
    # Both plain ("9-5", "9:00-5:00"): closing before opening means the afternoon.
    own = clock.hour * 60 + clock.minute
    partner = other.hour * 60 + other.minute
    if opening:
        return own
    if own <= partner:
        return own + 12 * 60  # "9-5", "12-4", "11-1": the afternoon
    # Closing after opening: "9-12" is the morning, but "1-4" or "6-9" could be either, so not read.
    return own if partner >= 7 * 60 else None


def _twelve(hour: int, minute: int, suffix: str) -> int:
    hour = hour % 12 + (12 if suffix == "pm" else 0)
    return hour * 60 + minute


def _hhmm(minutes: int, closing: bool) -> str:
    if closing and minutes >= 24 * 60:
        return END_OF_DAY
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
