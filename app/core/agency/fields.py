"""The fields agencies edit, record by record: what kind each is, which verification section it belongs to,
and how the list-shaped ones (hours, languages, documents, phones, contacts, the address) are read from and
written to their HSDS rows.

A field's value is plain JSON, so a proposal, the history and a revert carry it as is: text in two
languages is `{"fr": ..., "en": ...}`, hours are `[["MO,TU", "09:00", "17:00"], ...]`, languages are
`["en", "fr"]`, documents `[{"fr": ..., "en": ...}]`, phones `["514 555 0101"]`, contacts
`[{"name": ..., "email": ...}]`, an address `{"address_1": ..., "city": ..., "postal_code": ...}`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core.models import (
    Address,
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
)
from app.core.orm import Base, utcnow

# Rows the portal writes carry this source: an import of another source never matches them.
PORTAL_SOURCE = "carrefour-portal"

TEXT, I18N, NUMBER, CHOICE, LIST = "text", "i18n", "number", "choice", "list"
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SERVICE_STATUSES = ("active", "inactive", "defunct")

RESOURCES: dict[str, type[Base]] = {"organization": Organization, "service": Service, "location": Location}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    section: str | None = None  # the verification section a change to it confirms


FIELDS: dict[str, tuple[Field, ...]] = {
    "organization": (
        Field("name", I18N),
        Field("alternate_name", I18N),
        Field("description", I18N),
        Field("email", TEXT, "contacts"),
        Field("website", TEXT, "contacts"),
        Field("phones", LIST, "contacts"),
    ),
    "service": (
        Field("name", I18N),
        Field("alternate_name", I18N),
        Field("description", I18N),
        Field("status", CHOICE),
        Field("eligibility_description", I18N, "eligibility"),
        Field("minimum_age", NUMBER, "eligibility"),
        Field("maximum_age", NUMBER, "eligibility"),
        Field("application_process", I18N, "eligibility"),
        Field("fees_description", I18N, "eligibility"),
        Field("required_documents", LIST, "eligibility"),
        Field("languages", LIST),
        Field("interpretation_services", I18N),
        Field("wait_time", I18N),
        Field("url", TEXT, "contacts"),
        Field("email", TEXT, "contacts"),
        Field("phones", LIST, "contacts"),
        Field("contacts", LIST, "contacts"),
        Field("hours", LIST, "hours"),
    ),
    "location": (
        Field("name", I18N),
        Field("description", I18N),
        Field("transportation", I18N),
        Field("address", LIST, "contacts"),
        Field("phones", LIST, "contacts"),
        Field("hours", LIST, "hours"),
    ),
}


def field_of(resource_type: str, name: str) -> Field:
    for spec in FIELDS.get(resource_type, ()):
        if spec.name == name:
            return spec
    raise KeyError(f"{resource_type}.{name}")


def record_of(session: Session, resource_type: str, resource_id: str) -> Any:
    model = RESOURCES.get(resource_type)
    return session.get(model, resource_id) if model is not None else None


def organization_of(record: Any) -> str | None:
    """The organization a record belongs to (a location through its services when it names none)."""
    if isinstance(record, Organization):
        return record.id
    if isinstance(record, Service):
        return record.organization_id
    if isinstance(record, Location):
        if record.organization_id:
            return record.organization_id
        for link in record.service_at_locations:
            return link.service.organization_id
    return None


# --- list-shaped fields: read from and written to their rows -------------------------------------------


def _owner_column(model: type[Base], resource_type: str) -> Any:
    return getattr(model, f"{resource_type}_id")


def _owned(session: Session, model: type[Base], resource_type: str, resource_id: str) -> list[Any]:
    statement = select(model).where(_owner_column(model, resource_type) == resource_id)
    if model is Schedule and resource_type == "service":
        statement = statement.where(Schedule.location_id.is_(None), Schedule.service_at_location_id.is_(None))
    if model is Phone and resource_type != "location":
        statement = statement.where(Phone.contact_id.is_(None), Phone.location_id.is_(None))
    if model is Contact:
        statement = statement.where(Contact.service_at_location_id.is_(None))
    return list(session.scalars(statement.order_by(model.id)))  # type: ignore[attr-defined]


def _short(clock: str | None) -> str:
    return (clock or "")[:5]


def _read_hours(rows: list[Schedule]) -> list[list[str]]:
    return sorted(
        [",".join(_days(row.byday)), _short(row.opens_at), _short(row.closes_at)]
        for row in rows
        if row.byday or row.opens_at
    )


def _days(byday: str | None) -> list[str]:
    found = [part.strip().upper()[-2:] for part in (byday or "").split(",") if part.strip()]
    return sorted(set(found) & set(DAYS), key=DAYS.index)


def _new_row(model: type[Base], **values: Any) -> Any:
    row_id = str(uuid.uuid4())
    return model(id=row_id, data_source=PORTAL_SOURCE, source_id=row_id, **values)


def _replace(
    session: Session, model: type[Base], resource_type: str, resource_id: str, rows: list[dict[str, Any]]
) -> None:
    for old in _owned(session, model, resource_type, resource_id):
        session.delete(old)
    session.flush()
    for values in rows:
        session.add(_new_row(model, **{f"{resource_type}_id": resource_id}, **values))
    session.flush()


@dataclass(frozen=True, slots=True)
class ListField:
    read: Callable[[Session, str, str, bool], Any]  # session, resource type, id, source rows only
    write: Callable[[Session, str, str, Any], None]


def _source_only(rows: list[Any], source_only: bool) -> list[Any]:
    return [row for row in rows if row.data_source != PORTAL_SOURCE] if source_only else rows


def _hours_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    return _read_hours(_source_only(_owned(session, Schedule, kind, rid), source_only))


def _hours_write(session: Session, kind: str, rid: str, value: Any) -> None:
    rows = [
        {"freq": "WEEKLY", "byday": days, "opens_at": opens or None, "closes_at": closes or None}
        for days, opens, closes in value or []
    ]
    _replace(session, Schedule, kind, rid, rows)


def _languages_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    rows = _source_only(_owned(session, Language, kind, rid), source_only)
    return sorted({row.code for row in rows if row.code})


def _languages_write(session: Session, kind: str, rid: str, value: Any) -> None:
    from app.core.i18n import language_name

    names = [{locale: language_name(code, locale) for locale in ("fr", "en")} for code in value or []]
    rows = [{"code": code, "name": name} for code, name in zip(value or [], names, strict=True)]
    _replace(session, Language, kind, rid, rows)


def _documents_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    rows = _source_only(_owned(session, RequiredDocument, kind, rid), source_only)
    return [row.document for row in rows if row.document]


def _documents_write(session: Session, kind: str, rid: str, value: Any) -> None:
    _replace(session, RequiredDocument, kind, rid, [{"document": text} for text in value or [] if text])


def _phones_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    rows = _source_only(_owned(session, Phone, kind, rid), source_only)
    return [row.number for row in rows if row.number]


def _phones_write(session: Session, kind: str, rid: str, value: Any) -> None:
    _replace(session, Phone, kind, rid, [{"number": number} for number in value or [] if number])


def _contacts_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    rows = _source_only(_owned(session, Contact, kind, rid), source_only)
    return [{"name": row.name or "", "email": row.email or ""} for row in rows]


def _contacts_write(session: Session, kind: str, rid: str, value: Any) -> None:
    for old in _owned(session, Contact, kind, rid):
        session.execute(delete(Phone).where(Phone.contact_id == old.id))
    rows = [
        {"name": item.get("name") or None, "email": item.get("email") or None}
        for item in value or []
        if item.get("name") or item.get("email")
    ]
    _replace(session, Contact, kind, rid, rows)


ADDRESS_PARTS = ("address_1", "address_2", "city", "state_province", "postal_code")


def _address_read(session: Session, kind: str, rid: str, source_only: bool) -> Any:
    rows = _source_only(_owned(session, Address, kind, rid), source_only)
    first = next((row for row in rows if row.address_type in (None, "", "physical")), None)
    return {part: getattr(first, part) or "" for part in ADDRESS_PARTS} if first else {}


def _address_write(session: Session, kind: str, rid: str, value: Any) -> None:
    rows = _owned(session, Address, kind, rid)
    first = next((row for row in rows if row.address_type in (None, "", "physical")), None)
    if first is None:
        first = _new_row(Address, location_id=rid, address_type="physical", country="CA")
        session.add(first)
    for part in ADDRESS_PARTS:
        setattr(first, part, (value or {}).get(part) or None)
    session.flush()


LIST_FIELDS: dict[str, ListField] = {
    "hours": ListField(_hours_read, _hours_write),
    "languages": ListField(_languages_read, _languages_write),
    "required_documents": ListField(_documents_read, _documents_write),
    "phones": ListField(_phones_read, _phones_write),
    "contacts": ListField(_contacts_read, _contacts_write),
    "address": ListField(_address_read, _address_write),
}


def read_field(
    session: Session, resource_type: str, record: Any, name: str, source_only: bool = False
) -> Any:
    """The field's value as a proposal carries it (for a list field, `source_only` leaves out the rows the
    portal wrote: what the import alone says)."""
    spec = field_of(resource_type, name)
    if spec.kind == LIST:
        return LIST_FIELDS[name].read(session, resource_type, record.id, source_only)
    value = getattr(record, name)
    if spec.kind == I18N:
        return {k: v for k, v in (value or {}).items() if v} or None
    return value


def write_field(session: Session, resource_type: str, record: Any, name: str, value: Any) -> None:
    spec = field_of(resource_type, name)
    if spec.kind == LIST:
        LIST_FIELDS[name].write(session, resource_type, record.id, value)
        # The record itself is updated too: its version goes up, so a proposal based on it sees it changed.
        record.updated_at = utcnow()
        session.flush()
        return
    if spec.kind == I18N:
        value = {k: v for k, v in (value or {}).items() if v} or None
    setattr(record, name, value)
    session.flush()
