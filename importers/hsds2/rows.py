"""HSDS 1.x and 2.0 rows as HSDS 3.0 rows: one function per old file and the HSDS 3.0 table it feeds.

Each function takes one row of the old file (its cells under their column names) and yields the HSDS 3.0
rows it holds, keyed by HSDS 3.0 column names. Columns named as in HSDS 3.0 pass as they are (with their
`_fr`/`_en` translations); the old names are renamed. Ids stay the source's ids; where two old files feed
one HSDS 3.0 table, the second one's ids are told apart (`postal-3`, `holiday-3`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from app.core.hours import DAYS
from app.core.taxonomy import term_id
from app.core.text import comparable_words
from importers.hsds2.context import Hsds2Context
from importers.hsds2.values import (
    EVERY_DAY,
    byday,
    cell,
    core_code,
    is_yes,
    join_texts,
    month_days,
    prefixed,
    read_date,
    read_number,
    says_wheelchair_access,
    spoken_day,
    term_code,
    words,
)
from importers.hsds3.ids import content_source_id
from importers.hsds3.spec import tables
from importers.normalize import parse_languages

Cells = dict[str, Any]
Row = dict[str, Any]
LOCALES = ("fr", "en")


Mapper = Callable[[Cells, Hsds2Context], Iterator[Row]]


def split_locale(column: str) -> tuple[str, str | None]:
    """ "name_fr" -> ("name", "fr"); "name" -> ("name", None)."""
    for locale in LOCALES:
        if column.endswith(f"_{locale}"):
            return column[: -len(locale) - 1], locale
    return column, None


def carry(cells: Cells, resource: str, renames: Mapping[str, str] | None = None) -> Row:
    """The cells named like a field of the HSDS 3.0 table, or renamed to one, under HSDS 3.0 names. A
    column already named as in HSDS 3.0 wins over an old one renamed to the same field."""
    spec = tables()[resource]
    fields = set(spec.field_names)
    renames = renames or {}
    row: Row = {}
    for column, value in cells.items():
        base, locale = split_locale(column)
        target = renames.get(base, base)
        if target not in fields or (locale and target not in spec.translatable):
            continue
        key = f"{target}_{locale}" if locale else target
        if base == target or cell(row, key) is None:
            row[key] = value
    return row


def passthrough(resource: str) -> Mapper:
    """A file already in HSDS 3.0 form, found among old ones (packages upgraded by hand mix them)."""

    def mapper(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
        yield carry(cells, resource)

    return mapper


# --- organizations, programs, services -------------------------------------------------------------------


def organization(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "organization", {"url": "website"})


def program(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "program")


def service(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """The service, with what HSDS 3.0 keeps on it and older versions kept beside it: eligibility texts and
    ages (`eligibility.csv`), accepted payments (`payments_accepted.csv`, after the fees). Its own fields
    win over the ages of `eligibility.csv`."""
    # HSDS 3.0 deprecates `fees` for `fees_description`; an old `fees` is the description.
    row = carry(cells, "service", {"fees": "fees" if "fees_description" in cells else "fees_description"})
    service_id = cell(cells, "id")
    found = ctx.eligibility.get(service_id or "")
    if found is not None:
        own = cell(row, "eligibility_description")
        row["eligibility_description"] = join_texts(own, *found.texts, separator="\n")
        for name in ("minimum_age", "maximum_age"):
            if cell(cells, name) is None and getattr(found, name) is not None:
                row[name] = getattr(found, name)
    payments = ctx.payments.get(service_id or "")
    if payments:
        said = words(ctx.lang, "payments", payments=", ".join(payments))
        row["fees_description"] = join_texts(cell(row, "fees_description"), said)
    yield row


def service_at_location(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "service_at_location")


# --- locations and what they hold ------------------------------------------------------------------------


def location(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """HSDS 3.0 requires a location type, which older versions did not have: their locations are places."""
    row = carry(cells, "location")
    row["location_type"] = cell(row, "location_type") or "physical"
    yield row


def _address(cells: Cells, kind: str) -> Row:
    row = carry(cells, "address")
    # HSDS 3.0 has two street lines; 2.0's deprecated third and fourth ones follow the second.
    row["address_2"] = join_texts(*(cell(cells, f"address_{n}") for n in (2, 3, 4)), separator=", ")
    row["address_type"] = kind
    return row


def physical_address(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield _address(cells, "physical")


def postal_address(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield {**_address(cells, "postal"), "id": prefixed("postal", cell(cells, "id"))}


def accessibility(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "accessibility", {"accessibility": "description"})


def accessibility_features(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """Wheelchair access said in words is a fact the matcher reads: the core feature, on the location."""
    location_id = cell(cells, "location_id")
    if location_id and says_wheelchair_access(cell(cells, "accessibility")):
        own = prefixed("accessibility", cell(cells, "id"))
        yield _core_attribute(own, "location", location_id, "features", "wheelchair-accessible")


# --- phones, contacts, languages -------------------------------------------------------------------------


def phone(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    row = carry(cells, "phone")
    # HSDS 3.0 phones have no department: whom the number reaches is said in its description.
    row["description"] = join_texts(cell(row, "description"), cell(cells, "department"), separator=" · ")
    yield row


def phone_languages(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """The languages a phone line answers in (a list of codes or names in one cell). A phone without an id
    gets the one the loader derives from its row."""
    written = cell(cells, "language")
    if written is None:
        return
    phone_id = cell(cells, "id") or content_source_id("phone", next(phone(cells, ctx)))
    for code, name in _languages(written):
        key = code or comparable_words(name or "")
        yield {"id": f"phone-{phone_id}-{key}", "phone_id": phone_id, "code": code, "name": name}


def language(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """A language row; several languages in one cell become a row each (`<id>`, `<id>#2`...)."""
    row = carry(cells, "language")
    written = cell(cells, "language")
    found = _languages(written) if written else []
    if len(found) <= 1:
        if written:
            row[_language_field(written)] = written  # the loader reads names ("Spanish") as ISO codes
        yield row
        return
    own = cell(cells, "id")
    for number, (code, name) in enumerate(found, start=1):
        row_id = own if number == 1 or own is None else f"{own}#{number}"
        yield {**row, "id": row_id, "code": code, "name": name}


def _languages(written: str) -> list[tuple[str | None, str | None]]:
    """(code, None) for each language named, (None, words) for words that name none."""
    parsed = parse_languages(written)
    return [(code, None) for code in parsed.codes] + [(None, words) for words in parsed.unknown]


def _language_field(written: str) -> str:
    return "code" if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", written) else "name"


def contact(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "contact")


# --- what a service offers -------------------------------------------------------------------------------


def funding(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "funding")


def service_area(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "service_area", {"service_area": "name"})


def required_document(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    yield carry(cells, "required_document")


def eligibility_terms(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """An eligibility value that names a term of the package, or a core eligibility term by its code or
    label ("women", "Femmes"), restricts the service: an attribute to that term. Other values are text
    only (`Hsds2Context.eligibility`)."""
    service_id = cell(cells, "service_id")
    written = cell(cells, "eligibility")
    if written is None or not ctx.knows_service(service_id):
        return
    own = prefixed("eligibility", cell(cells, "id"))
    if written in ctx.term_ids:
        yield {"id": own, "link_id": service_id, "link_entity": "service", "taxonomy_term_id": written}
    elif code := core_code("eligibility", written):
        yield _core_attribute(own, "service", str(service_id), "eligibility", code)


def _core_attribute(own: str | None, entity: str, owner: str, taxonomy: str, code: str) -> Row:
    """A link from a row to a core term, by the core term's Carrefour id."""
    return {"id": own, "link_id": owner, "link_entity": entity, "taxonomy_term_id": term_id(taxonomy, code)}


# --- schedules -------------------------------------------------------------------------------------------

# The RRULE fields that make a schedule row read as hours; cleared when a row is kept as words only.
_RULE = ("freq", "byday", "opens_at", "closes_at", "interval", "bymonthday", "byyearday", "byweekno")


def regular_schedule(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """Weekly hours (HSDS 1.x: `weekday`, a number or a name; 2.0: RRULE fields). DAILY is every day of
    the week; YEARLY, which HSDS 3.0 lacks, becomes its first date (monthly on that day, valid that day
    only) said "every year" in words. What cannot be read is kept as words, never as hours of every day.
    The hours as the agency wrote them (`original_text`, in 211 exports) are the schedule's description."""
    row = carry(cells, "schedule", {"original_text": "description"})
    written_day = cell(cells, "weekday")
    if written_day and not cell(row, "byday"):
        days = byday(written_day)
        if days is None:
            yield _as_words(row, written_day)
            return
        row["byday"] = days
    freq = (cell(row, "freq") or "").upper() or None
    if freq == "DAILY":
        yield _daily(row)
    elif freq == "YEARLY":
        yield _yearly(row, ctx)
    elif freq is None and cell(row, "bymonthday"):
        yield {**row, "freq": "MONTHLY"}
    elif freq in (None, "WEEKLY"):
        yield _weekly(row)
    else:
        yield {**row, "freq": freq}  # MONTHLY as given; anything else, the loader names


def _weekly(row: Row) -> Row:
    """A weekly rule needs its days: without `byday`, RRULE repeats on the weekday of `dtstart`. Hours
    with no day at all are kept as words: the open-now check would read them as every day's."""
    if cell(row, "byday"):
        return {**row, "freq": "WEEKLY"}
    start = read_date(cell(row, "dtstart"))
    if start is not None:
        return {**row, "freq": "WEEKLY", "byday": DAYS[start.weekday()]}
    if cell(row, "opens_at") or cell(row, "closes_at"):
        return _as_words(row)
    return {**row, "freq": None}  # words only, if any: the loader reads hours in them


def _daily(row: Row) -> Row:
    interval = read_number(cell(row, "interval"))
    if interval is not None and interval > 1:
        return _as_words(row, f"FREQ=DAILY;INTERVAL={int(interval)}")
    return {**row, "freq": "WEEKLY", "byday": cell(row, "byday") or EVERY_DAY, "interval": None}


def _yearly(row: Row, ctx: Hsds2Context) -> Row:
    start = read_date(cell(row, "dtstart")) or read_date(cell(row, "valid_from"))
    if start is None:
        return _as_words(row, "FREQ=YEARLY")
    said = words(ctx.lang, "yearly", day=spoken_day(start, ctx.lang))
    return {
        **row,
        "freq": "MONTHLY",
        "bymonthday": str(start.day),
        "byday": None,
        "byyearday": None,
        "valid_from": start.isoformat(),
        "valid_to": start.isoformat(),
        "description": cell(row, "description") or said,
    }


def _as_words(row: Row, *rule: str) -> Row:
    """The row kept as a note ("lundi au vendredi 9:00–17:00"): the loader reads hours in it where it
    plainly says some, and says so where it cannot."""
    hours = "–".join(t for t in (cell(row, "opens_at"), cell(row, "closes_at")) if t)
    note = " ".join(part for part in (*rule, hours) if part)
    return {**row, **dict.fromkeys(_RULE), "notes": join_texts(cell(row, "notes"), note)}


def holiday_schedule(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """A closing, or special hours, from `start_date` to `end_date`: monthly on those days of the month,
    valid between them. Not weekly hours, which the open-now check reads for every week."""
    row = carry(cells, "schedule")
    start_text = cell(cells, "start_date")
    end_text = cell(cells, "end_date") or start_text
    start, end = read_date(start_text), read_date(end_text)
    if start is not None and end is not None and end < start:
        end = start
    # Said closed, or left unsaid with no hours given: a closing. Said open with no hours: hours unknown.
    said = cell(cells, "closed")
    closed = is_yes(said) if said else not (cell(row, "opens_at") or cell(row, "closes_at"))
    row.update(
        id=prefixed("holiday", cell(cells, "id")),
        freq="MONTHLY",
        bymonthday=month_days(start, end or start) if start else None,
        # An unreadable date goes to the loader as written, which names its file, line and column.
        valid_from=start.isoformat() if start else start_text,
        valid_to=end.isoformat() if end else end_text,
        description=cell(row, "description") or words(ctx.lang, "closed" if closed else "special"),
    )
    if closed:
        row.update(opens_at=None, closes_at=None)
    yield row


# --- taxonomy terms and attributes -----------------------------------------------------------------------


def taxonomy_term(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """HSDS 1.x `taxonomy.csv` (name, vocabulary) and 2.0 `taxonomy_terms.csv` (term, taxonomy). Old terms
    have no code: see `term_code`. 1.x terms have no description either; their name stands in for it."""
    row = carry(cells, "taxonomy_term", {"term": "name", "vocabulary": "taxonomy"})
    name = cell(row, "name")
    row["code"] = term_code(cell(row, "code"), cell(cells, "id"), name, cell(row, "taxonomy"))
    if "description" not in cells:
        row["description"] = name
    yield row


def service_attribute(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    """HSDS 2.0 `service_attributes.csv` and 1.x `services_taxonomy.csv` (`taxonomy_detail` is the value)."""
    renames = {"service_id": "link_id", "taxonomy_id": "taxonomy_term_id", "taxonomy_detail": "value"}
    yield {**carry(cells, "attribute", renames), "link_entity": "service"}


# HSDS 2.0 `other_attributes.link_type` -> the HSDS 3.0 table, and how the linked row's id was carried.
_LINKED: dict[str, tuple[str, str | None]] = {
    "physical_address": ("address", None),
    "postal_address": ("address", "postal"),
    "holiday_schedule": ("schedule", "holiday"),
    "regular_schedule": ("schedule", None),
    "accessibility_for_disabilities": ("accessibility", None),
}
# Rows HSDS 3.0 folds into their service: a term on them is a term of the service.
_FOLDED = ("eligibility", "payment_accepted")


def other_attribute(cells: Cells, ctx: Hsds2Context) -> Iterator[Row]:
    row = carry(cells, "attribute", {"link_type": "link_entity"})
    kind = (cell(cells, "link_type") or "").lower()
    link_id = cell(cells, "link_id")
    if kind in _LINKED:
        table, prefix = _LINKED[kind]
        row.update(link_entity=table, link_id=prefixed(prefix, link_id) if prefix else link_id)
    elif kind in _FOLDED and link_id is not None:
        row.update(link_entity="service", link_id=ctx.owners.get((kind, link_id), link_id))
    yield row
