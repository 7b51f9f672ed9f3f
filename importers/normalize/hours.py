"""Opening hours written as text, in French or English, read into weekly schedules.

"Lun-Ven: 9h-17h; Sam: 10h-14h", "Monday to Friday 9:00 AM - 5:00 PM", "24/7", "fermé le dimanche".

The text is cut into tokens (days, times, linking words), then read group by group: days then times
("lun-ven 9h-17h"), times then days ("9h à 17h du lundi au vendredi"), closed days ("fermé le dimanche").
A group that does not read cleanly is set aside, word for word, in `unparsed`: a schedule is only ever
what the text plainly says. Hours without days ("9h-17h") are set aside too, as we cannot tell the days.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = DAYS[:5]
WEEKEND = DAYS[5:]
END_OF_DAY = "23:59"


@dataclass(frozen=True)
class WeeklyHours:
    days: tuple[str, ...]  # RFC 5545 codes in week order: MO TU WE TH FR SA SU
    opens_at: str  # "HH:MM"
    closes_at: str  # "HH:MM" ("23:59" for end of day; earlier than opens_at when crossing midnight)


@dataclass(frozen=True)
class ParsedHours:
    schedules: tuple[WeeklyHours, ...]
    closed_days: tuple[str, ...]
    unparsed: str | None  # the part that could not be understood, or None when everything was


@dataclass(frozen=True)
class _Clock:
    """A time as written, before we know whether it opens or closes, or whether "5" means 5 a.m."""

    hour: int
    minute: int
    style: str  # "24h" (17h, 09:00, 17:00), "plain" (5, 5:00), "am", "pm", "noon", "midnight"


@dataclass(frozen=True)
class _Token:
    kind: str  # day, days, time, alltime, always, to, and, between, closed, except, sep, word
    start: int
    end: int
    days: tuple[str, ...] = ()
    clock: _Clock | None = None


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


def parse_hours(text: str, default_days: tuple[str, ...] = ()) -> ParsedHours:
    """Weekly schedules, closed days, and whatever part of `text` was not understood.

    `default_days` are the days hours without days are for: a dataset with a column per day passes
    ("MO",) for its "Lundi" column, and "9h-17h" or "fermé" there then reads as Monday's. Without them,
    hours that name no day are left in `unparsed`, except "open 24 hours", which is every day.
    """
    if not isinstance(text, str) or not text.strip():
        return ParsedHours((), (), None)
    folded = _fold(text)
    reader = _Reader(folded, _in_week_order({day.upper() for day in default_days}))
    reader.read(_tokens(folded))
    closed = set(reader.closed)
    merged: dict[tuple[str, str], set[str]] = {}
    for days, opens, closes in reader.schedules:
        merged.setdefault((opens, closes), set()).update(set(days) - closed)  # "fermé le dimanche" wins
    schedules = tuple(
        WeeklyHours(_in_week_order(days), opens, closes) for (opens, closes), days in merged.items() if days
    )
    if not schedules and not closed:
        return ParsedHours((), (), text.strip())  # nothing understood: the text, as it was written
    pieces = [_trim(text[start:end]) for start, end in reader.unread]
    unparsed = "; ".join(piece for piece in pieces if piece) or None
    return ParsedHours(schedules, _in_week_order(closed), unparsed)


def _fold(text: str) -> str:
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


def _trim(piece: str) -> str:
    return piece.strip(" \t\r\n,;:.-–—()[]")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position].isspace() and text[position] not in "\r\n":  # a line break separates segments
            position += 1
            continue
        match = _SCANNER.match(text, position)
        if match is None or match.end() == position:  # a character no pattern takes: a word of its own
            tokens.append(_Token("word", position, position + 1))
            position += 1
            continue
        token = _token(match)
        if token is not None:
            tokens.append(token)
        position = match.end()
    return tokens


def _token(match: re.Match[str]) -> _Token | None:
    kind = match.lastgroup or "word"
    start, end = match.start(), match.end()
    if kind == "filler":
        return None
    if kind == "always":
        return _Token("always", start, end, days=DAYS)
    if kind == "alldays":
        return _Token("days", start, end, days=DAYS)
    if kind == "weekend":
        return _Token("days", start, end, days=WEEKEND)
    if kind in ("weekdays", "monfri"):
        return _Token("days", start, end, days=WEEKDAYS)
    if kind == "day":
        word = match.group(kind).rstrip(".")
        return _Token("day", start, end, days=(_DAY_BY_WORD[word],))
    if kind == "noon":
        return _Token("time", start, end, clock=_Clock(12, 0, "noon"))
    if kind == "midnight":
        return _Token("time", start, end, clock=_Clock(0, 0, "midnight"))
    if kind.startswith("clock_"):
        clock = _clock(kind, match.group(kind))
        return _Token("time", start, end, clock=clock) if clock else _Token("word", start, end)
    return _Token(kind, start, end)


def _clock(kind: str, written: str) -> _Clock | None:
    numbers = re.findall(r"\d+", written)
    hour = int(numbers[0])
    minute = int(numbers[1]) if len(numbers) > 1 else 0
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    suffix = re.search(r"([ap])\.?\s?m", written)
    if suffix:
        if not 1 <= hour <= 12:
            return None
        return _Clock(hour, minute, "am" if suffix.group(1) == "a" else "pm")
    if hour == 24:
        return _Clock(0, 0, "midnight")
    # "17h", "17:00", "09:00": a 24-hour clock; "5" or "5:00" could be morning or afternoon.
    padded = kind == "clock_colon" and written.startswith("0")
    if kind == "clock_h" or hour > 12 or padded or hour == 0:
        return _Clock(hour, minute, "24h")
    return _Clock(hour, minute, "plain")


_Schedule = tuple[tuple[str, ...], str, str]
_Group = tuple[int, list[_Schedule], list[str]]  # where the group ends, its schedules, its closed days


class _Reader:
    """Reads the tokens group by group; what it cannot read it records as spans of the text."""

    def __init__(self, text: str, unsaid_days: tuple[str, ...]) -> None:
        self.text = text
        self.unsaid_days = unsaid_days
        self.schedules: list[_Schedule] = []
        self.closed: list[str] = []
        self.unread: list[tuple[int, int]] = []

    def read(self, tokens: list[_Token]) -> None:
        """Segments (between ";", line breaks, brackets) are read apart: a misreading stops at their edge."""
        segment: list[_Token] = []
        start = 0
        for token in [*tokens, _Token("sep", len(self.text), len(self.text))]:
            # "Lundi au vendredi<br>9h à 17h": a line of days alone goes with the line after it.
            line_of_days = segment and all(t.kind in ("day", "days", "to", "and") for t in segment)
            if token.kind == "sep" and line_of_days and self.text[token.start : token.end] in ("\r", "\n"):
                continue
            if token.kind == "sep":
                self._read_segment(segment, start, token.start)
                segment, start = [], token.end
            else:
                segment.append(token)

    def _read_segment(self, tokens: list[_Token], start: int, end: int) -> None:
        index = 0
        read_up_to = start  # the end of the text read so far, to give back unread words with their fillers
        while index < len(tokens):
            if tokens[index].kind == "and":
                index += 1
                continue
            group = self._group(tokens, index)
            if group is not None:
                index, schedules, closed = group
                self.schedules.extend(schedules)
                self.closed.extend(closed)
                read_up_to = tokens[index - 1].end
                continue
            # Not a group: skip to the next place where one starts, and keep what we skipped.
            resume = next(
                (
                    k
                    for k in range(index + 1, len(tokens))
                    if self._may_resume(tokens, k) and self._group(tokens, k)
                ),
                len(tokens),
            )
            skipped_to = tokens[resume].start if resume < len(tokens) else end
            self.unread.append((read_up_to, skipped_to))
            index, read_up_to = resume, skipped_to

    def _may_resume(self, tokens: list[_Token], at: int) -> bool:
        """After words we could not read, start again only where a new thought plainly starts.

        Not inside a list of days ("xyz lun, mer 9h-12h" must not become Wednesday alone), nor right after
        an unknown word with nothing between ("pas ouvert le lundi 9h-12h": the words qualify the days).
        """
        before = tokens[at - 1]
        if before.kind in ("day", "days", "to", "between", "except", "closed"):
            return False
        if before.kind == "and":
            return at < 2 or tokens[at - 2].kind not in ("day", "days")
        if before.kind == "word":
            return bool(re.search(r"[,:.;!?]", self.text[before.end : tokens[at].start]))
        return True

    def _group(self, tokens: list[_Token], index: int) -> _Group | None:
        """One group starting at `index`: (where it ends, its schedules, its closed days), or None."""
        first = tokens[index]
        if first.kind == "closed":
            return self._closed(tokens, index + 1)
        if first.kind == "always":
            return index + 1, [(DAYS, "00:00", END_OF_DAY)], []
        if first.kind in ("day", "days"):
            return self._days_first(tokens, index)
        if first.kind in ("time", "alltime", "between"):
            return self._hours_first(tokens, index)
        return None

    def _closed(self, tokens: list[_Token], at: int) -> _Group | None:
        """ "fermé le dimanche"; a lone "fermé" only for a text about given days."""
        days = _days(tokens, at)
        if days is None:
            if self.unsaid_days and _ends_cleanly(tokens, at):
                return at, [], list(self.unsaid_days)
            return None
        at, chosen = days
        return (at, [], list(chosen)) if _ends_cleanly(tokens, at) else None

    def _days_first(self, tokens: list[_Token], index: int) -> _Group | None:
        """Days, then hours: "lun-ven 9h-17h", "Mon, Wed, Fri 1pm-4pm", "dimanche : fermé",
        "tous les jours 9h-17h sauf lundi"."""
        days = _days(tokens, index)
        if days is None:
            return None
        at, chosen = days
        at = _skip(tokens, at, ("to", "and"))  # "Lundi - 9h", "Lundi au vendredi, 9h à 17h"
        if at < len(tokens) and tokens[at].kind == "closed":
            return (at + 1, [], list(chosen)) if _ends_cleanly(tokens, at + 1) else None
        ranges = _ranges(tokens, at)
        if ranges is None:
            return None
        at, hours = ranges
        excluded = _exception(tokens, at)
        if excluded is not None:
            end, removed = excluded
            chosen = tuple(day for day in chosen if day not in removed)
            # "lun-ven 9h-17h sauf mercredi 13h-17h": Wednesday has hours of its own, read as the next group.
            at = at + 1 if end < len(tokens) and tokens[end].kind == "time" else end
        return at, [(chosen, opens, closes) for opens, closes in hours], []

    def _hours_first(self, tokens: list[_Token], index: int) -> _Group | None:
        """ "9h à 17h du lundi au vendredi", "24h/24, 7j/7", "Open 24 hours", or hours alone."""
        ranges = _ranges(tokens, index)
        if ranges is None:
            return None
        at, hours = ranges
        days = _days(tokens, _skip(tokens, at, ("and",)))
        if days is not None:
            at, chosen = days
        elif self.unsaid_days:
            chosen = self.unsaid_days  # the caller knows the days: a "Lundi" column, say
        elif len(hours) == 1 and tokens[index].kind == "alltime":
            chosen = DAYS  # "open 24 hours" is open every day
        else:
            return None  # "9h-17h": which days, we cannot tell
        if not _ends_cleanly(tokens, at):
            return None
        return at, [(chosen, opens, closes) for opens, closes in hours], []


def _skip(tokens: list[_Token], at: int, kinds: tuple[str, ...]) -> int:
    """Past one linking token of these kinds, when one stands there."""
    return at + 1 if at < len(tokens) and tokens[at].kind in kinds else at


def _ends_cleanly(tokens: list[_Token], at: int) -> bool:
    """A group ending with days must not be followed by a number or a word ("fermé lundi 25 décembre")."""
    return at >= len(tokens) or tokens[at].kind not in ("word", "time")


def _days(tokens: list[_Token], at: int) -> tuple[int, tuple[str, ...]] | None:
    """Days: "lundi", "lun-ven", "lundi au vendredi", "Mon, Wed, Fri", "samedi et dimanche", "daily"."""
    chosen: list[str] = []
    while at < len(tokens) and tokens[at].kind in ("day", "days"):
        token = tokens[at]
        at += 1
        if (
            token.kind == "day"
            and at + 1 < len(tokens)
            and tokens[at].kind == "to"
            and tokens[at + 1].kind == "day"
        ):
            chosen.extend(_day_range(token.days[0], tokens[at + 1].days[0]))
            at += 2
        else:
            chosen.extend(token.days)
        # A comma or "et" continues the list only when another day follows it.
        if at + 1 < len(tokens) and tokens[at].kind == "and" and tokens[at + 1].kind in ("day", "days"):
            at += 1
    if not chosen:
        return None
    excluded = _exception(tokens, at)  # "tous les jours sauf lundi 9h-17h"
    if excluded is not None:
        at = excluded[0]
        chosen = [day for day in chosen if day not in excluded[1]]
        if not chosen:
            return None
    return at, _in_week_order(chosen)


def _exception(tokens: list[_Token], at: int) -> tuple[int, tuple[str, ...]] | None:
    """ "sauf le dimanche": where it ends and the days it takes out; None when no days follow "sauf",
    or when a word follows them ("sauf lundi 25 décembre" is a date, not every Monday)."""
    if at >= len(tokens) or tokens[at].kind != "except":
        return None
    days = _days(tokens, at + 1)
    if days is None:
        return None
    end = days[0]
    return None if end < len(tokens) and tokens[end].kind == "word" else days


def _day_range(first: str, last: str) -> list[str]:
    """ "ven-lun" wraps round the week end: Friday, Saturday, Sunday, Monday."""
    start, stop = DAYS.index(first), DAYS.index(last)
    return [DAYS[(start + step) % 7] for step in range((stop - start) % 7 + 1)]


def _ranges(tokens: list[_Token], at: int) -> tuple[int, list[tuple[str, str]]] | None:
    """One or more time ranges: "9h-12h et 13h-16h", "9am-5pm", "de 9 h à midi", "24h/24"."""
    hours: list[tuple[str, str]] = []
    while True:
        one = _range(tokens, at)
        if one is None:
            break
        at, opens, closes = one
        hours.append((opens, closes))
        # "9h-12h et 13h-16h", "9h-12h, 13h-16h", "9h-12h 13h-16h"
        if (
            at + 1 < len(tokens)
            and tokens[at].kind == "and"
            and tokens[at + 1].kind in ("time", "alltime", "between")
        ):
            at += 1
    return (at, hours) if hours else None


def _range(tokens: list[_Token], at: int) -> tuple[int, str, str] | None:
    if at < len(tokens) and tokens[at].kind == "alltime":
        return at + 1, "00:00", END_OF_DAY
    between = at < len(tokens) and tokens[at].kind == "between"
    if between:
        at += 1
    linking = ("to", "and") if between else ("to",)
    if at + 2 >= len(tokens):
        return None
    start, link, stop = tokens[at], tokens[at + 1], tokens[at + 2]
    if start.clock is None or stop.clock is None or link.kind not in linking:
        return None
    times = _resolve(start.clock, stop.clock)
    return (at + 3, *times) if times else None


def _resolve(start: _Clock, stop: _Clock) -> tuple[str, str] | None:
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


def _minutes(clock: _Clock, other: _Clock, opening: bool) -> int | None:
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


def _in_week_order(days: set[str] | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(day for day in DAYS if day in days)
