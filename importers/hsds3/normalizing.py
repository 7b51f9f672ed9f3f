"""Normalizing the values of one HSDS row before it is written, with the pure helpers of
`importers.normalize`: phones, postal codes, address lines, web and e-mail addresses, opening hours written
as text, and age limits written in the eligibility text (text fields and language codes are read through
`tidy_text` and `language_code`, as the loader reads them).

Every helper is cached per distinct value, as a directory repeats the same phones, streets and hours.
Applied to a value it already wrote, each one gives the value back unchanged, so an export imports again
as it was. What changes a value, or gives up on one, is noted by kind for the run report, and what is given
up on is also a warning; nothing is dropped without one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from importers.normalize import (
    AgeRange,
    ParsedHours,
    ages_from_text,
    clean_text,
    normalize_email,
    normalize_phone,
    normalize_postal_code,
    normalize_url,
    parse_hours,
    tidy_address_line,
)
from importers.normalize import language_code as find_language_code

CACHE = 65536
URL_LIMIT = 2048  # the model's URL columns; "https://" put before a long bare domain must still fit
# Regions whose numbers people there dial as written in the national form ("514-555-0123").
_STRUCTURED_HOURS = ("byday", "opens_at", "closes_at", "bymonthday", "byweekno", "byyearday")

Texts = dict[str, dict[str, str | None]]


@dataclass(slots=True)
class Outcome:
    """What normalizing one row did: counts by kind, warnings, and the extra schedule rows it needs."""

    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[tuple[str, str | None, dict[str, Any]]] = field(default_factory=list)  # code, column
    extra_schedules: list[dict[str, Any]] = field(default_factory=list)  # values of rows after the first

    def warn(self, code: str, column: str | None, **params: Any) -> None:
        self.warnings.append((code, column, params))


@dataclass(slots=True)
class Row:
    values: dict[str, Any]
    texts: Texts
    lang: str
    stored: bool  # the source sent this row before
    outcome: Outcome

    def text(self, name: str) -> str | None:
        """The field's text in the run's language, else in the other one."""
        localized = self.texts.get(name) or {}
        return localized.get(self.lang) or next((t for t in localized.values() if t), None)


Tidier = Callable[[Row], None]


def normalize_row(resource: str, values: dict[str, Any], texts: Texts, lang: str, stored: bool) -> Outcome:
    """Normalize `values` in place for a row of `resource`; say what was done."""
    row = Row(values, texts, lang, stored, Outcome())
    for tidy in TIDIERS.get(resource, ()):
        tidy(row)
    return row.outcome


# --- text ---------------------------------------------------------------------------------------------


# HTML, entities, invisible characters and stray spaces out (see importers.normalize.text).
tidy_text: Callable[[str], str | None] = lru_cache(maxsize=CACHE)(clean_text)


def text_changed(written: Any, cleaned: str | None) -> bool:
    """Whether cleaning changed more than the spaces around the text (which every reader trims)."""
    return cleaned is not None and cleaned != str(written).strip()


language_code: Callable[[str], str | None] = lru_cache(maxsize=CACHE)(find_language_code)


# --- phones -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadPhone:
    number: str  # as stored: E.164 ("+15145550123"), or a short code ("211") as it is
    extension: str | None
    type: str | None
    more: bool  # the text held more digits than this one number: another number was left out


@lru_cache(maxsize=CACHE)
def read_phone(text: str) -> ReadPhone | None:
    found = normalize_phone(text)
    if found is None:
        return None
    digits = sum(c.isdigit() for c in text) - len(found.extension or "")
    more = digits > sum(c.isdigit() for c in found.number) + 1  # one more: a trunk "0" or "1" written
    return ReadPhone(found.number, found.extension, found.type, more)


def _phone(row: Row) -> None:
    written = row.values.get("number")
    if not written:
        return
    found = read_phone(written)
    if found is None:
        row.outcome.counts["phone_unparsed"] += 1
        row.outcome.warn("phone_unparsed", "number", value=written)
        return
    before = (written, row.values.get("extension"), row.values.get("type"))
    row.values["number"] = found.number
    if found.extension and row.values.get("extension") is None:  # a column of its own wins
        row.values["extension"] = float(found.extension)
    if found.type and not row.values.get("type"):
        row.values["type"] = found.type
    if (row.values["number"], row.values.get("extension"), row.values.get("type")) != before:
        row.outcome.counts["phone_normalized"] += 1
    if found.more:
        row.outcome.warn("phone_several", "number", value=written, number=found.number)


# --- addresses ----------------------------------------------------------------------------------------


cached_tidy_line = lru_cache(maxsize=CACHE)(tidy_address_line)
cached_postal_code = lru_cache(maxsize=CACHE)(normalize_postal_code)


def _address(row: Row) -> None:
    for column in ("address_1", "address_2"):
        written = row.values.get(column)
        if written and (tidy := cached_tidy_line(written)) != written:
            row.values[column] = tidy
            row.outcome.counts["address_tidied"] += 1
    written = row.values.get("postal_code")
    if not written:
        return
    # Without a country, a code shaped like a Canadian one is written the Canadian way, others tidied.
    code = cached_postal_code(written, row.values.get("country") or None)
    if code is None:
        row.outcome.counts["postal_code_invalid"] += 1
        row.outcome.warn("postal_code_invalid", "postal_code", value=written)
    elif code != written:
        row.values["postal_code"] = code
        row.outcome.counts["postal_code_normalized"] += 1


# --- web and e-mail addresses ---------------------------------------------------------------------------


cached_url = lru_cache(maxsize=CACHE)(normalize_url)
cached_email = lru_cache(maxsize=CACHE)(normalize_email)


def _links(*columns: str) -> Tidier:
    """Addresses the pages turn into links: a bad one is left empty (a broken link helps no one)."""

    def tidy(row: Row) -> None:
        for column in columns:
            written = row.values.get(column)
            if not written:
                continue
            url = cached_url(written)
            if url is None or len(url) > URL_LIMIT:
                row.values[column] = None
                row.outcome.counts["url_invalid"] += 1
                row.outcome.warn("bad_url", column, value=written)
            elif url != written:
                row.values[column] = url
                row.outcome.counts["url_normalized"] += 1

    return tidy


def _emails(*columns: str, keep_bad: bool = False) -> Tidier:
    """Contact addresses are left empty when bad (a mailto: that bounces); `keep_bad` for records such
    as who verified a service, which no one writes to from the pages."""

    def tidy(row: Row) -> None:
        for column in columns:
            written = row.values.get(column)
            if not written:
                continue
            email = cached_email(written)
            if email is None:
                row.outcome.counts["email_invalid"] += 1
                row.outcome.warn("bad_email_kept" if keep_bad else "bad_email", column, value=written)
                if not keep_bad:
                    row.values[column] = None
            elif email != written:
                row.values[column] = email
                row.outcome.counts["email_normalized"] += 1

    return tidy


# --- opening hours --------------------------------------------------------------------------------------


cached_hours: Callable[[str], ParsedHours] = lru_cache(maxsize=CACHE)(parse_hours)


def _hours(row: Row) -> None:
    """A schedule written only as text ("lun-ven 9h-17h") becomes weekly rules the open-now check reads:
    this row takes the first, extra rows the others; the text stays as the row's description."""
    values = row.values
    if any(values.get(c) for c in _STRUCTURED_HOURS) or (values.get("freq") or "WEEKLY") != "WEEKLY":
        return
    column = "description" if row.text("description") else "notes"
    text = row.text(column)
    if not text:
        return
    parsed = cached_hours(text)
    if not parsed.schedules:  # nothing read, or only closed days ("fermé le dimanche"): no rule to write
        row.outcome.counts["hours_unparsed"] += 1
        code = "hours_closed_only" if parsed.closed_days and not parsed.unparsed else "hours_unparsed"
        row.outcome.warn(code, column, value=text)
        return
    rules = [
        {"freq": "WEEKLY", "byday": ",".join(s.days), "opens_at": s.opens_at, "closes_at": s.closes_at}
        for s in parsed.schedules
    ]
    values.update(rules[0])
    row.outcome.extra_schedules.extend({**values, **rule} for rule in rules[1:])
    row.outcome.counts["hours_structured"] += 1
    if parsed.unparsed:
        row.outcome.warn("hours_partly_read", column, value=parsed.unparsed)


# --- ages -----------------------------------------------------------------------------------------------


cached_ages: Callable[[str], AgeRange | None] = lru_cache(maxsize=CACHE)(ages_from_text)


def _ages(row: Row) -> None:
    """Age limits from the eligibility text, only where no age field holds one: the fields always win. A
    row sent again without the age columns (a translation) keeps the ages it has."""
    values = row.values
    if values.get("minimum_age") is not None or values.get("maximum_age") is not None:
        return
    if row.stored and "minimum_age" not in values and "maximum_age" not in values:
        return
    text = row.text("eligibility_description")
    ages = cached_ages(text) if text else None
    if ages is None:
        return
    if ages.minimum is not None:
        values["minimum_age"] = float(ages.minimum)
    if ages.maximum is not None:
        values["maximum_age"] = float(ages.maximum)
    row.outcome.counts["ages_from_text"] += 1


TIDIERS: dict[str, tuple[Tidier, ...]] = {
    "organization": (_links("website", "logo"), _emails("email")),
    "service": (_links("url"), _emails("email"), _emails("assurer_email", keep_bad=True), _ages),
    "location": (_links("url"),),
    "contact": (_emails("email"),),
    "address": (_address,),
    "phone": (_phone,),
    "schedule": (_links("schedule_link"), _hours),
}
