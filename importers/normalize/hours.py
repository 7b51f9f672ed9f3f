"""Opening hours written as text, in French or English, read into weekly schedules.

"Lun-Ven: 9h-17h; Sam: 10h-14h", "Monday to Friday 9:00 AM - 5:00 PM", "24/7", "fermé le dimanche".

The text is cut into tokens (days, times, linking words: `hours_words.py`), then read here group by group:
days then times ("lun-ven 9h-17h"), times then days ("9h à 17h du lundi au vendredi"), closed days ("fermé le
dimanche").
A group that does not read cleanly is set aside, word for word, in `unparsed`: a schedule is only ever
what the text plainly says. Hours without days ("9h-17h") are set aside too, as we cannot tell the days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.hours import DAYS
from importers.normalize.hours_words import END_OF_DAY, Token, folded_in_place, resolve_range, scan


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


def parse_hours(text: str, default_days: tuple[str, ...] = ()) -> ParsedHours:
    """Weekly schedules, closed days, and whatever part of `text` was not understood.

    `default_days` are the days hours without days are for: a dataset with a column per day passes
    ("MO",) for its "Lundi" column, and "9h-17h" or "fermé" there then reads as Monday's. Without them,
    hours that name no day are left in `unparsed`, except "open 24 hours", which is every day.
    """
    if not isinstance(text, str) or not text.strip():
        return ParsedHours((), (), None)
    folded = folded_in_place(text)
    reader = _Reader(folded, _in_week_order({day.upper() for day in default_days}))
    reader.read(scan(folded))
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


def _trim(piece: str) -> str:
    return piece.strip(" \t\r\n,;:.-–—()[]")


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

    def read(self, tokens: list[Token]) -> None:
        """Segments (between ";", line breaks, brackets) are read apart: a misreading stops at their edge."""
        segment: list[Token] = []
        start = 0
        for token in [*tokens, Token("sep", len(self.text), len(self.text))]:
            # "Lundi au vendredi<br>9h à 17h": a line of days alone goes with the line after it.
            line_of_days = segment and all(t.kind in ("day", "days", "to", "and") for t in segment)
            if token.kind == "sep" and line_of_days and self.text[token.start : token.end] in ("\r", "\n"):
                continue
            if token.kind == "sep":
                self._read_segment(segment, start, token.start)
                segment, start = [], token.end
            else:
                segment.append(token)

    def _read_segment(self, tokens: list[Token], start: int, end: int) -> None:
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

    def _may_resume(self, tokens: list[Token], at: int) -> bool:
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

    def _group(self, tokens: list[Token], index: int) -> _Group | None:
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

    def _closed(self, tokens: list[Token], at: int) -> _Group | None:
        """ "fermé le dimanche"; a lone "fermé" only for a text about given days."""
        days = _days(tokens, at)
        if days is None:
            if self.unsaid_days and _ends_cleanly(tokens, at):
                return at, [], list(self.unsaid_days)
            return None
        at, chosen = days
        return (at, [], list(chosen)) if _ends_cleanly(tokens, at) else None

    def _days_first(self, tokens: list[Token], index: int) -> _Group | None:
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

    def _hours_first(self, tokens: list[Token], index: int) -> _Group | None:
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


def _skip(tokens: list[Token], at: int, kinds: tuple[str, ...]) -> int:
    """Past one linking token of these kinds, when one stands there."""
    return at + 1 if at < len(tokens) and tokens[at].kind in kinds else at


def _ends_cleanly(tokens: list[Token], at: int) -> bool:
    """A group ending with days must not be followed by a number or a word ("fermé lundi 25 décembre")."""
    return at >= len(tokens) or tokens[at].kind not in ("word", "time")


def _days(tokens: list[Token], at: int) -> tuple[int, tuple[str, ...]] | None:
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


def _exception(tokens: list[Token], at: int) -> tuple[int, tuple[str, ...]] | None:
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


def _ranges(tokens: list[Token], at: int) -> tuple[int, list[tuple[str, str]]] | None:
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


def _range(tokens: list[Token], at: int) -> tuple[int, str, str] | None:
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
    times = resolve_range(start.clock, stop.clock)
    return (at + 3, *times) if times else None


def _in_week_order(days: set[str] | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(day for day in DAYS if day in days)
