"""A record's fields as the portal's forms show and read them: each field of `app.core.agency.fields` drawn
by its kind (French and English side by side for text in two languages, a week of opening hours, one line per
document or phone), read back into the JSON value a proposal carries, and checked, each problem named by its
field. The values the person saw travel with the form, signed, so the change is based on what they saw."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import MultiDict

from app.core.agency.fields import (
    ADDRESS_PARTS,
    CHOICE,
    DAYS,
    FIELDS,
    I18N,
    LIST,
    NUMBER,
    SERVICE_STATUSES,
    TEXT,
    Field,
)

LABELS: dict[str, Any] = {
    "name": _l("Name"),
    "alternate_name": _l("Other name"),
    "description": _l("Description"),
    "email": _l("E-mail"),
    "website": _l("Website"),
    "url": _l("Web page"),
    "phones": _l("Phone numbers (one per line)"),
    "status": _l("Status"),
    "eligibility_description": _l("Who is eligible"),
    "minimum_age": _l("Minimum age"),
    "maximum_age": _l("Maximum age"),
    "application_process": _l("How to apply"),
    "fees_description": _l("Fees"),
    "required_documents": _l("Documents to bring (one per line)"),
    "languages": _l("Languages spoken (codes separated by commas: fr, en, es)"),
    "interpretation_services": _l("Interpretation"),
    "wait_time": _l("Wait time"),
    "contacts": _l("Contacts"),
    "hours": _l("Opening hours"),
    "transportation": _l("Getting there"),
    "address": _l("Address"),
}
STATUS_LABELS = {"active": _l("Active"), "inactive": _l("Inactive"), "defunct": _l("Closed for good")}
ADDRESS_LABELS = {
    "address_1": _l("Street address"),
    "address_2": _l("Suite, floor"),
    "city": _l("City"),
    "state_province": _l("Province"),
    "postal_code": _l("Postal code"),
}
SLOTS = 2  # opening intervals per day a form offers (morning and afternoon)
CONTACT_ROWS = 3
_CLOCK = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(str(current_app.config["SECRET_KEY"]), salt="carrefour-agency-base")


def sign_base(values: dict[str, Any], version: int) -> str:
    return _serializer().dumps({"values": values, "version": version})


def read_base(token: str) -> tuple[dict[str, Any], int] | None:
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        return None
    return data["values"], int(data.get("version") or 0)


def fields_of(resource_type: str, only: tuple[str, ...] | None = None) -> tuple[Field, ...]:
    return tuple(spec for spec in FIELDS[resource_type] if only is None or spec.name in only)


# --- value -> what the inputs show -------------------------------------------------------------------


def hours_by_day(value: list[list[str]] | None) -> dict[str, list[tuple[str, str]]]:
    days: dict[str, list[tuple[str, str]]] = {day: [] for day in DAYS}
    for byday, opens, closes in value or []:
        for day in byday.split(","):
            if day in days:
                days[day].append((opens, closes))
    return {day: sorted(slots) for day, slots in days.items()}


def shown(spec: Field, value: Any) -> Any:
    """What the form's inputs hold for a value (the template draws it by kind)."""
    if spec.name == "hours":
        return hours_by_day(value)
    if spec.name == "required_documents":
        docs = value or []
        return {loc: "\n".join((d or {}).get(loc, "") for d in docs) for loc in ("fr", "en")}
    if spec.name == "phones":
        return "\n".join(value or [])
    if spec.name == "languages":
        return ", ".join(value or [])
    if spec.name == "contacts":
        rows = list(value or [])
        return rows + [{"name": "", "email": ""}] * max(0, CONTACT_ROWS - len(rows))
    if spec.name == "address":
        return {part: (value or {}).get(part, "") for part in ADDRESS_PARTS}
    if spec.kind == I18N:
        return {loc: (value or {}).get(loc, "") for loc in ("fr", "en")}
    if spec.kind == NUMBER:
        return "" if value is None else (int(value) if float(value).is_integer() else value)
    return value or ""


# --- form data -> value, with problems by input name --------------------------------------------------


def _text(form: MultiDict[str, str], name: str, limit: int = 4000) -> str:
    return (form.get(name) or "").strip()[:limit]


def read_value(spec: Field, form: MultiDict[str, str], prefix: str, problems: dict[str, Any]) -> Any:
    """The value the inputs of `spec` (named `prefix` + field) say; a problem is added under the input's
    name when they cannot be read."""
    name = prefix + spec.name
    if spec.name == "hours":
        return _read_hours(form, name, problems)
    if spec.name == "required_documents":
        french = [line.strip() for line in (form.get(f"{name}.fr") or "").splitlines()]
        english = [line.strip() for line in (form.get(f"{name}.en") or "").splitlines()]
        count = max(len(french), len(english))
        documents = []
        for index in range(count):
            pair = {
                "fr": french[index] if index < len(french) else "",
                "en": english[index] if index < len(english) else "",
            }
            if pair["fr"] or pair["en"]:
                documents.append({k: v for k, v in pair.items() if v})
        return documents
    if spec.name == "phones":
        phones = [line.strip() for line in (form.get(name) or "").splitlines() if line.strip()]
        for phone in phones:
            if sum(ch.isdigit() for ch in phone) < 3:
                problems[name] = _l("A phone number needs its digits: %(value)s", value=phone)
        return phones
    if spec.name == "languages":
        codes = [part.strip().lower() for part in (form.get(name) or "").replace(";", ",").split(",")]
        codes = [code for code in codes if code]
        for code in codes:
            if not _LANGUAGE.match(code):
                problems[name] = _l("“%(value)s” is not a language code (fr, en, es, ar...).", value=code)
        return sorted(set(codes))
    if spec.name == "contacts":
        rows = []
        for index in range(CONTACT_ROWS):
            person = _text(form, f"{name}.{index}.name", 255)
            email = _text(form, f"{name}.{index}.email", 255)
            if email and not _email_ok(email):
                problems[f"{name}.{index}.email"] = _l("Enter a valid e-mail address.")
            if person or email:
                rows.append({"name": person, "email": email})
        return rows
    if spec.name == "address":
        address = {part: _text(form, f"{name}.{part}", 255) for part in ADDRESS_PARTS}
        postal = address["postal_code"].upper().replace(" ", "")
        if postal and not re.match(r"^[A-Z]\d[A-Z]\d[A-Z]\d$", postal):
            problems[f"{name}.postal_code"] = _l("A postal code looks like H2X 1Y4.")
        elif postal:
            address["postal_code"] = f"{postal[:3]} {postal[3:]}"
        return {k: v for k, v in address.items() if v}
    if spec.kind == I18N:
        return {loc: text for loc in ("fr", "en") if (text := (form.get(f"{name}.{loc}") or "").strip())}
    if spec.kind == NUMBER:
        raw = (form.get(name) or "").strip()
        if not raw:
            return None
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            problems[name] = _l("Enter a number.")
            return None
        if not 0 <= number <= 130:
            problems[name] = _l("Enter an age between 0 and 130.")
        return int(number) if number.is_integer() else number
    if spec.kind == CHOICE:
        value = form.get(name) or ""
        if value not in SERVICE_STATUSES:
            problems[name] = _l("Choose one of the list.")
        return value
    value = _text(form, name, 2048)
    if spec.kind == TEXT and spec.name == "email" and value and not _email_ok(value):
        problems[name] = _l("Enter a valid e-mail address.")
    if (
        spec.name in ("website", "url")
        and value
        and not re.match(r"^(https?://)?[\w.-]+\.[a-z]{2,}", value, re.I)
    ):
        problems[name] = _l("Enter a web address (https://...).")
    return value or None


def _email_ok(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _clock(value: str) -> str | None:
    found = _CLOCK.match(value.strip())
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None


def _read_hours(form: MultiDict[str, str], name: str, problems: dict[str, Any]) -> list[list[str]]:
    by_slot: dict[tuple[str, str], list[str]] = {}
    for day in DAYS:
        for slot in range(SLOTS):
            opens_raw = (form.get(f"{name}.{day}.{slot}.opens") or "").strip()
            closes_raw = (form.get(f"{name}.{day}.{slot}.closes") or "").strip()
            if not opens_raw and not closes_raw:
                continue
            key = f"{name}.{day}.{slot}.opens"
            opens, closes = _clock(opens_raw), _clock(closes_raw)
            if opens is None or closes is None:
                problems[key] = _l("Write both times as 09:00 and 17:00.")
                continue
            if closes <= opens:
                problems[key] = _l("It closes before it opens.")
                continue
            by_slot.setdefault((opens, closes), []).append(day)
    return sorted([",".join(days), opens, closes] for (opens, closes), days in by_slot.items())


def is_list(spec: Field) -> bool:
    return spec.kind == LIST
