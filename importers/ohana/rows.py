"""Ohana API rows as HSDS 3.0 rows: one function per HSDS table fed by an Ohana file.

Each function takes one Ohana row (its cells under their column names) and yields the HSDS rows it holds,
keyed by HSDS 3.0 column names. Ohana's integer ids are kept as source ids; where two Ohana files feed one
HSDS table their ids are told apart (`mail-12`, `holiday-3`), and rows an Ohana cell brings along (a
language, a keyword) take their owner's id and their own value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from app.core.taxonomy import core_term, term_id
from app.core.text import comparable_text
from importers.normalize import clean_text, parse_languages
from importers.ohana.values import (
    ACCESSIBILITY,
    HolidayDate,
    accessibility_code,
    child_id,
    document_codes,
    first_value,
    holiday_date,
    is_yes,
    offers_interpretation,
    split_values,
    spoken_day,
    weekday,
)

Cells = dict[str, Any]
Row = dict[str, Any]

# Ohana's own vocabularies, kept as taxonomy terms (HSDS 3.0 has no table for them).
KEYWORDS = "ohana_keywords"
PAYMENTS = "ohana_accepted_payments"
CATEGORIES = "ohana_taxonomy"


@dataclass(slots=True)
class OhanaContext:
    """What rows of one file need to know of other files: small maps, read once."""

    location_owner: dict[str, str | None] = field(default_factory=dict)  # location id -> organization id
    category_codes: set[str] = field(default_factory=set)  # the codes taxonomy.csv gives, with their names


Mapper = Callable[[Cells, OhanaContext], Iterator[Row]]


def cell(cells: Cells, *names: str) -> str | None:
    """The first non-empty cell among `names` (Ohana renamed a few columns over its versions)."""
    for name in names:
        value = cells.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _pick(cells: Cells, names: dict[str, tuple[str, ...]]) -> Row:
    return {hsds: cell(cells, *ohana) for hsds, ohana in names.items()}


# --- organizations and programs --------------------------------------------------------------------------


def organization(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(
        cells,
        {
            "id": ("id",),
            "name": ("name",),
            "alternate_name": ("alternate_name",),
            "description": ("description",),
            "legal_status": ("legal_status",),
            "tax_status": ("tax_status",),
            "tax_id": ("tax_id",),
        },
    )
    row["email"] = first_value(cell(cells, "email", "emails"))
    row["website"] = first_value(cell(cells, "website", "urls"))
    row["year_incorporated"] = _year(cell(cells, "date_incorporated", "year_incorporated"))
    yield row


def _year(text: str | None) -> str | None:
    found = holiday_date(text) if text else None
    if found is not None and not found.yearly:
        return str(found.day.year)
    return text if text and text.isdigit() and len(text) == 4 else None


def organization_funding(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    yield from _funding("organization", cells, ctx)


def program(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    yield _pick(
        cells,
        {
            "id": ("id",),
            "organization_id": ("organization_id",),
            "name": ("name",),
            "alternate_name": ("alternate_name",),
            "description": ("description",),
        },
    )


# --- locations -------------------------------------------------------------------------------------------


def location(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(
        cells,
        {
            "id": ("id",),
            "organization_id": ("organization_id",),
            "name": ("name",),
            "alternate_name": ("alternate_name",),
            # HSDS has one description: the short one stands in only when the long one is missing.
            "description": ("description", "short_desc"),
            "transportation": ("transportation",),
            "latitude": ("latitude",),
            "longitude": ("longitude",),
        },
    )
    row["url"] = first_value(cell(cells, "website", "urls"))
    row["location_type"] = "virtual" if is_yes(cell(cells, "virtual")) else "physical"
    yield row


def location_contact(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    """HSDS 3.0 locations have no e-mail: a location's e-mail address becomes a contact of the location."""
    email = first_value(cell(cells, "email", "emails"))
    location_id = cell(cells, "id")
    if email and location_id:
        yield {"id": child_id("location", location_id), "location_id": location_id, "email": email}


def location_languages(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    yield from _languages("location", cell(cells, "id"), cell(cells, "languages"))


def location_accessibility(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    location_id = cell(cells, "id")
    if location_id is None:
        return
    seen: set[str] = set()
    for value in split_values(cell(cells, "accessibility")):
        code = accessibility_code(value)
        key = code or comparable_text(value)
        if key in seen:
            continue
        seen.add(key)
        row: Row = {"id": child_id(location_id, key), "location_id": location_id}
        if code is not None:
            english, french = ACCESSIBILITY[code]
            row.update(description_en=english, description_fr=french)
        else:
            row["details"] = value  # the agency's own words, in the language of the file
        yield row


def location_attributes(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    """Wheelchair access is a fact the matcher reads: the core `wheelchair-accessible` feature."""
    location_id = cell(cells, "id")
    codes = {accessibility_code(value) for value in split_values(cell(cells, "accessibility"))}
    if location_id and "wheelchair" in codes:
        yield _attribute("location", location_id, "features", "wheelchair-accessible")


# --- services --------------------------------------------------------------------------------------------


def _owner(cells: Cells, ctx: OhanaContext) -> str | None:
    """The organization of a service: the one of the location it belongs to."""
    location_id = cell(cells, "location_id")
    return ctx.location_owner.get(location_id) if location_id else None


def _placed(cells: Cells, ctx: OhanaContext) -> str | None:
    """The service's id when the service itself can be written; rows it brings along follow it, so a
    service rejected for want of a name or a location rejects nothing more."""
    service_id = cell(cells, "id")
    if service_id and cell(cells, "name") and _owner(cells, ctx):
        return service_id
    return None


def service(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(
        cells,
        {
            "id": ("id",),
            "program_id": ("program_id",),
            "name": ("name",),
            "alternate_name": ("alternate_name",),
            "description": ("description",),
            "status": ("status",),
            "interpretation_services": ("interpretation_services",),
            "application_process": ("application_process", "how_to_apply"),
            "fees_description": ("fees",),
            "wait_time": ("wait_time",),
        },
    )
    row["organization_id"] = _owner(cells, ctx)
    row["url"] = first_value(cell(cells, "website", "urls"))
    row["email"] = first_value(cell(cells, "email", "emails"))
    row.update(_eligibility(cells))
    yield row


def _eligibility(cells: Cells) -> Row:
    """Who the service is for: Ohana's eligibility, then its audience (the loader reads age limits in it)."""
    texts = [text for name in ("eligibility", "audience") if (text := clean_text(cells.get(name)))]
    return {"eligibility_description": "\n\n".join(dict.fromkeys(texts)) or None}


def service_at_location(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    service_id = _placed(cells, ctx)
    if service_id:
        yield {"id": service_id, "service_id": service_id, "location_id": cell(cells, "location_id")}


def service_languages(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    service_id = _placed(cells, ctx)
    if service_id:
        yield from _languages("service", service_id, cell(cells, "languages"))


def service_areas(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    service_id = _placed(cells, ctx)
    for name in split_values(cell(cells, "service_areas")) if service_id else []:
        yield {"id": child_id(service_id, comparable_text(name)), "service_id": service_id, "name": name}


def required_documents(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    service_id = _placed(cells, ctx)
    for text in split_values(cell(cells, "required_documents")) if service_id else []:
        yield {"id": child_id(service_id, comparable_text(text)), "service_id": service_id, "document": text}


def service_funding(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    if _placed(cells, ctx):
        yield from _funding("service", cells, ctx)


def service_attributes(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    """The service's terms: its keywords, accepted payments and categories in Ohana's vocabularies (the
    loader's crosswalk reads core facts in them: "banque alimentaire", a core code), and the core facts its
    other cells state: documents asked for, interpretation offered."""
    service_id = _placed(cells, ctx)
    if service_id is None:
        return
    links: dict[str, Row] = {}
    for taxonomy, code, _name in _service_terms(cells):
        links.setdefault(f"{taxonomy}:{code}", _attribute("service", service_id, taxonomy, code))
    for text in split_values(cell(cells, "required_documents")):
        for code in document_codes(text):
            links.setdefault(f"documents:{code}", _attribute("service", service_id, "documents", code))
    if offers_interpretation(cell(cells, "interpretation_services")):
        feature = _attribute("service", service_id, "features", "interpretation")
        links.setdefault("features:interpretation", feature)
    yield from links.values()


def service_terms(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    """The terms of Ohana's vocabularies a service uses (repeated ones are dropped by the reader)."""
    if _placed(cells, ctx) is None:
        return
    for taxonomy, code, name in _service_terms(cells):
        if taxonomy == CATEGORIES and code in ctx.category_codes:
            continue  # taxonomy.csv gives it, with its name
        yield _term(taxonomy, code, name)


def _service_terms(cells: Cells) -> Iterator[tuple[str, str, str]]:
    """(vocabulary, code, name) of every keyword, payment and category of a service."""
    for taxonomy, column in ((KEYWORDS, "keywords"), (PAYMENTS, "accepted_payments")):
        for word in split_values(cell(cells, column)):
            yield taxonomy, comparable_text(word), word
    for code in _category_codes(cells):
        yield CATEGORIES, code, code


def _category_codes(cells: Cells) -> list[str]:
    return split_values(cell(cells, "taxonomy_ids", "categories", "category_ids"))


# --- taxonomy.csv ----------------------------------------------------------------------------------------


def category_term(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    code = cell(cells, "taxonomy_id")
    name = cell(cells, "name")
    if code and name:
        row = _term(CATEGORIES, code, name)
        parent = cell(cells, "parent_id")
        row["parent_id"] = child_id(CATEGORIES, parent) if parent else None
        yield row


def _term(taxonomy: str, code: str, name: str) -> Row:
    # HSDS requires a description; a keyword or a payment word carries none beyond itself.
    return {
        "id": child_id(taxonomy, code),
        "taxonomy": taxonomy,
        "code": code,
        "name": name,
        "description": name,
    }


def _attribute(entity: str, owner: str, taxonomy: str, code: str) -> Row:
    """A link from a row to a term: a core term by its Carrefour id, an Ohana term by this run's id."""
    core = core_term(taxonomy, code) if taxonomy in ("needs", "features", "documents") else None
    term = term_id(core.taxonomy, core.code) if core else child_id(taxonomy, code)
    return {
        "id": child_id(entity, owner, taxonomy, code),
        "link_id": owner,
        "link_entity": entity,
        "taxonomy_term_id": term,
    }


# --- shared by several files -----------------------------------------------------------------------------


def _languages(owner_table: str, owner: str | None, text: str | None) -> Iterator[Row]:
    """One row per language: the ISO code when the name is known, else the name as written (the loader
    reports it)."""
    if owner is None:
        return
    seen: set[str] = set()
    for piece in split_values(text):
        parsed = parse_languages(piece)
        codes = parsed.codes or ((None,) if parsed.unknown else ())
        for code in codes:
            key = code or comparable_text(piece)
            if key in seen:
                continue
            seen.add(key)
            row: Row = {"id": child_id(owner_table, owner, key), f"{owner_table}_id": owner, "code": code}
            if code is None or len(parsed.codes) == 1:
                row["name"] = piece  # "bilingue" names two languages: the codes say them
            yield row


def _funding(owner_table: str, cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    owner = cell(cells, "id")
    for source in split_values(cell(cells, "funding_sources")) if owner else []:
        yield {
            "id": child_id(owner_table, owner, comparable_text(source)),
            f"{owner_table}_id": owner,
            "source": source,
        }


# --- addresses, phones, contacts -------------------------------------------------------------------------

_ADDRESS = {
    "location_id": ("location_id",),
    "address_1": ("address_1", "street_1", "street"),
    "address_2": ("address_2", "street_2"),
    "city": ("city",),
    "state_province": ("state_province", "state"),
    "postal_code": ("postal_code", "zip"),
    "country": ("country", "country_code"),
}


def physical_address(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    yield {**_pick(cells, {"id": ("id",), **_ADDRESS}), "address_type": "physical"}


def postal_address(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(cells, {"attention": ("attention",), **_ADDRESS})
    own_id = cell(cells, "id")
    yield {**row, "id": f"mail-{own_id}" if own_id else None, "address_type": "postal"}


_LINKS = {
    "location_id": ("location_id",),
    "service_id": ("service_id",),
    "organization_id": ("organization_id",),
    "contact_id": ("contact_id",),
}
# Ohana's number types as HSDS 3.0 phone types.
_PHONE_TYPES = {"voice": "voice", "fax": "fax", "tty": "textphone", "sms": "text", "hotline": "voice"}


def phone(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(cells, {"id": ("id",), **_LINKS, "extension": ("extension",)})
    number = cell(cells, "number")
    prefix = cell(cells, "country_prefix")
    if number and prefix and not number.startswith("+"):
        number = f"{'+' if not prefix.startswith('+') else ''}{prefix} {number}"
    row.update(number=number, type=_PHONE_TYPES.get(comparable_text(cell(cells, "number_type") or "")))
    # Whom the number reaches, and the number spelt in letters, as its readers see them.
    words = [cell(cells, "department"), cell(cells, "vanity_number")]
    row["description"] = " · ".join(word for word in words if word) or None
    yield row


def contact(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    fields = ("name", "title", "department", "email")
    yield _pick(cells, {"id": ("id",), **_LINKS, **{name: (name,) for name in fields}})


# --- schedules -------------------------------------------------------------------------------------------


def regular_schedule(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    row = _pick(cells, {"id": ("id",), "location_id": ("location_id",), "service_id": ("service_id",)})
    day = weekday(cell(cells, "weekday"))
    opens, closes = cell(cells, "opens_at"), cell(cells, "closes_at")
    if day is None:
        # An unreadable day is kept as words (the loader says it could not read them as hours), never as
        # hours of every day.
        words = [cell(cells, "weekday"), "–".join(t for t in (opens, closes) if t)]
        row["notes"] = " ".join(word for word in words if word) or None
    else:
        row.update(freq="WEEKLY", byday=day, opens_at=opens, closes_at=closes)
    yield row


def holiday_schedule(cells: Cells, ctx: OhanaContext) -> Iterator[Row]:
    """A closing, or special hours, on some dates: monthly on those days of the month, between valid_from and
    valid_to. Not weekly hours, which the open-now check and the pages read for every week: a weekly rule
    without a day would even read as every day. Ohana's year 0001 (every year) is kept, and said in words."""
    own_id = cell(cells, "id")
    start_text = cell(cells, "start_date")
    end_text = cell(cells, "end_date") or start_text
    start, end = holiday_date(start_text), holiday_date(end_text)
    closed = is_yes(cell(cells, "closed"))
    row: Row = {
        "id": f"holiday-{own_id}" if own_id else None,
        "location_id": cell(cells, "location_id"),
        "service_id": cell(cells, "service_id"),
        "freq": "MONTHLY",
        "bymonthday": _month_days(start, end),
        # An unreadable date goes to the loader as written, which reports it by file, line and column.
        "valid_from": start.day.isoformat() if start else start_text,
        "valid_to": end.day.isoformat() if end else end_text,
    }
    if not closed:
        row.update(opens_at=cell(cells, "opens_at"), closes_at=cell(cells, "closes_at"))
    for locale in ("en", "fr"):
        row[f"description_{locale}"] = _holiday_words(locale, closed, start, end)
    yield row


def _month_days(start: HolidayDate | None, end: HolidayDate | None) -> str | None:
    """The days of the month from start to end ("24,25,...,31,1,2"); every day for a month or more."""
    if start is None:
        return None
    first, last = start.day, end.day if end else start.day
    if last < first and not start.yearly:
        return str(first.day)
    if last < first:  # a yearly closing over the new year: both dates are written in year 0001
        last = last.replace(year=first.year + 1)
    span = (last - first).days
    if span >= 30:
        return ",".join(str(day) for day in range(1, 32))
    return ",".join(str((first + timedelta(days=n)).day) for n in range(span + 1))


_HOLIDAY = {"en": ("Closed", "Special hours"), "fr": ("Fermé", "Horaire spécial")}


def _holiday_words(locale: str, closed: bool, start: HolidayDate | None, end: HolidayDate | None) -> str:
    english = locale == "en"
    words = _HOLIDAY[locale][0 if closed else 1]
    if start is None or not start.yearly:
        return words
    first = spoken_day(start.day, locale)
    last = spoken_day(end.day, locale) if end is not None and end.day != start.day else None
    if last:
        return (
            f"{words} every year, {first} to {last}"
            if english
            else f"{words} chaque année, du {first} au {last}"
        )
    return f"{words} every year on {first}" if english else f"{words} chaque année le {first}"
