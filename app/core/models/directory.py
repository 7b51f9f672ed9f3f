"""The directory, shaped like Open Referral HSDS 3.0: one class per HSDS table, same field names.

Foreign keys hold Carrefour ids (the HSDS id as imported when it is a UUID, a derived UUID otherwise; see
`importers.hsds3.ids`). Translatable text is a `{locale: text}` mapping (`dict[str, str]`), read with
`app.core.i18n.localized`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.orm import ID_LENGTH, Base, Tracked

I18n = dict[str, str]


def _fk(target: str, *, required: bool = False) -> Mapped[str | None]:
    """A reference to another row's id; optional references are cleared when their target goes."""
    return mapped_column(
        String(ID_LENGTH),
        ForeignKey(f"{target}.id", ondelete="CASCADE" if required else "SET NULL"),
        index=True,
        nullable=not required,
    )


class Organization(Tracked, Base):
    __tablename__ = "organization"

    name: Mapped[I18n]
    alternate_name: Mapped[I18n | None]
    description: Mapped[I18n | None]
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(2048))
    tax_status: Mapped[str | None] = mapped_column(String(255))
    tax_id: Mapped[str | None] = mapped_column(String(255))
    year_incorporated: Mapped[float | None] = mapped_column(Float)
    legal_status: Mapped[str | None] = mapped_column(String(255))
    logo: Mapped[str | None] = mapped_column(String(2048))
    uri: Mapped[str | None] = mapped_column(String(2048))
    parent_organization_id: Mapped[str | None] = _fk("organization")
    # Not an HSDS field: a stand-in the importer made for an organization id that services point to but
    # the source's files lack (`importers.placeholders`); to review, until an import brings the real one.
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    services: Mapped[list[Service]] = relationship(back_populates="organization")
    programs: Mapped[list[Program]] = relationship(back_populates="organization")
    locations: Mapped[list[Location]] = relationship(back_populates="organization")
    phones: Mapped[list[Phone]] = relationship(back_populates="organization")
    contacts: Mapped[list[Contact]] = relationship(back_populates="organization")
    funding: Mapped[list[Funding]] = relationship(back_populates="organization")
    identifiers: Mapped[list[OrganizationIdentifier]] = relationship(back_populates="organization")


class OrganizationIdentifier(Tracked, Base):
    __tablename__ = "organization_identifier"

    organization_id: Mapped[str] = _fk("organization", required=True)  # type: ignore[assignment]
    identifier_scheme: Mapped[str | None] = mapped_column(String(255))
    identifier_type: Mapped[str | None] = mapped_column(String(255))
    identifier: Mapped[str] = mapped_column(String(255))

    organization: Mapped[Organization] = relationship(back_populates="identifiers")


class Program(Tracked, Base):
    __tablename__ = "program"

    organization_id: Mapped[str] = _fk("organization", required=True)  # type: ignore[assignment]
    name: Mapped[I18n]
    alternate_name: Mapped[I18n | None]
    description: Mapped[I18n | None]

    organization: Mapped[Organization] = relationship(back_populates="programs")
    services: Mapped[list[Service]] = relationship(back_populates="program")


class Service(Tracked, Base):
    __tablename__ = "service"
    # The matcher and the search name services by the id they were imported with: found by index.
    __table_args__ = (
        UniqueConstraint("data_source", "source_id", name="uq_service_source"),
        Index("ix_service_source_id", "source_id"),
    )

    organization_id: Mapped[str] = _fk("organization", required=True)  # type: ignore[assignment]
    program_id: Mapped[str | None] = _fk("program")
    name: Mapped[I18n]
    alternate_name: Mapped[I18n | None]
    description: Mapped[I18n | None]
    url: Mapped[str | None] = mapped_column(String(2048))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(32), index=True)
    interpretation_services: Mapped[I18n | None]
    application_process: Mapped[I18n | None]
    fees_description: Mapped[I18n | None]
    wait_time: Mapped[I18n | None]
    fees: Mapped[I18n | None]
    accreditations: Mapped[I18n | None]
    eligibility_description: Mapped[I18n | None]
    minimum_age: Mapped[float | None] = mapped_column(Float)
    maximum_age: Mapped[float | None] = mapped_column(Float)
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(String(255))
    licenses: Mapped[I18n | None]
    alert: Mapped[I18n | None]
    last_modified: Mapped[datetime | None]

    organization: Mapped[Organization] = relationship(back_populates="services")
    program: Mapped[Program | None] = relationship(back_populates="services")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(back_populates="service")
    phones: Mapped[list[Phone]] = relationship(back_populates="service")
    schedules: Mapped[list[Schedule]] = relationship(back_populates="service")
    service_areas: Mapped[list[ServiceArea]] = relationship(back_populates="service")
    languages: Mapped[list[Language]] = relationship(back_populates="service")
    cost_options: Mapped[list[CostOption]] = relationship(back_populates="service")
    required_documents: Mapped[list[RequiredDocument]] = relationship(back_populates="service")
    contacts: Mapped[list[Contact]] = relationship(back_populates="service")
    funding: Mapped[list[Funding]] = relationship(back_populates="service")


class Location(Tracked, Base):
    __tablename__ = "location"

    location_type: Mapped[str] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(String(2048))
    organization_id: Mapped[str | None] = _fk("organization")
    name: Mapped[I18n | None]
    alternate_name: Mapped[I18n | None]
    description: Mapped[I18n | None]
    transportation: Mapped[I18n | None]
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(String(255))
    external_identifier_type: Mapped[str | None] = mapped_column(String(255))

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    addresses: Mapped[list[Address]] = relationship(back_populates="location")
    phones: Mapped[list[Phone]] = relationship(back_populates="location")
    schedules: Mapped[list[Schedule]] = relationship(back_populates="location")
    accessibility: Mapped[list[Accessibility]] = relationship(back_populates="location")
    languages: Mapped[list[Language]] = relationship(back_populates="location")
    contacts: Mapped[list[Contact]] = relationship(back_populates="location")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(back_populates="location")


class ServiceAtLocation(Tracked, Base):
    __tablename__ = "service_at_location"

    service_id: Mapped[str] = _fk("service", required=True)  # type: ignore[assignment]
    location_id: Mapped[str] = _fk("location", required=True)  # type: ignore[assignment]
    description: Mapped[I18n | None]

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(back_populates="service_at_locations")
    phones: Mapped[list[Phone]] = relationship(back_populates="service_at_location")
    schedules: Mapped[list[Schedule]] = relationship(back_populates="service_at_location")
    contacts: Mapped[list[Contact]] = relationship(back_populates="service_at_location")


class Address(Tracked, Base):
    __tablename__ = "address"

    location_id: Mapped[str | None] = _fk("location")
    attention: Mapped[str | None] = mapped_column(String(255))
    address_1: Mapped[str | None] = mapped_column(String(512))
    address_2: Mapped[str | None] = mapped_column(String(512))
    city: Mapped[str | None] = mapped_column(String(255))
    region: Mapped[str | None] = mapped_column(String(255))
    state_province: Mapped[str | None] = mapped_column(String(255))
    postal_code: Mapped[str | None] = mapped_column(String(32), index=True)
    country: Mapped[str | None] = mapped_column(String(64))
    address_type: Mapped[str | None] = mapped_column(String(32))

    location: Mapped[Location | None] = relationship(back_populates="addresses")


class Contact(Tracked, Base):
    __tablename__ = "contact"

    organization_id: Mapped[str | None] = _fk("organization")
    service_id: Mapped[str | None] = _fk("service")
    service_at_location_id: Mapped[str | None] = _fk("service_at_location")
    location_id: Mapped[str | None] = _fk("location")
    name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[I18n | None]
    department: Mapped[I18n | None]
    email: Mapped[str | None] = mapped_column(String(255))

    organization: Mapped[Organization | None] = relationship(back_populates="contacts")
    service: Mapped[Service | None] = relationship(back_populates="contacts")
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(back_populates="contacts")
    location: Mapped[Location | None] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(back_populates="contact")


class Phone(Tracked, Base):
    __tablename__ = "phone"

    location_id: Mapped[str | None] = _fk("location")
    service_id: Mapped[str | None] = _fk("service")
    organization_id: Mapped[str | None] = _fk("organization")
    contact_id: Mapped[str | None] = _fk("contact")
    service_at_location_id: Mapped[str | None] = _fk("service_at_location")
    number: Mapped[str] = mapped_column(String(64))
    extension: Mapped[float | None] = mapped_column(Float)
    type: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[I18n | None]

    location: Mapped[Location | None] = relationship(back_populates="phones")
    service: Mapped[Service | None] = relationship(back_populates="phones")
    organization: Mapped[Organization | None] = relationship(back_populates="phones")
    contact: Mapped[Contact | None] = relationship(back_populates="phones")
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(back_populates="phones")
    languages: Mapped[list[Language]] = relationship(back_populates="phone")


class Schedule(Tracked, Base):
    __tablename__ = "schedule"

    service_id: Mapped[str | None] = _fk("service")
    location_id: Mapped[str | None] = _fk("location")
    service_at_location_id: Mapped[str | None] = _fk("service_at_location")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[float | None] = mapped_column(Float)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[float | None] = mapped_column(Float)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(16))
    interval: Mapped[float | None] = mapped_column(Float)
    byday: Mapped[str | None] = mapped_column(String(64))
    byweekno: Mapped[str | None] = mapped_column(String(255))
    bymonthday: Mapped[str | None] = mapped_column(String(255))
    byyearday: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[I18n | None]
    # Kept as written (HH:MM, HH:MM:SS, optionally with an offset); read by app.core.hours.
    opens_at: Mapped[str | None] = mapped_column(String(16))
    closes_at: Mapped[str | None] = mapped_column(String(16))
    schedule_link: Mapped[str | None] = mapped_column(String(2048))
    attending_type: Mapped[I18n | None]
    notes: Mapped[I18n | None]

    service: Mapped[Service | None] = relationship(back_populates="schedules")
    location: Mapped[Location | None] = relationship(back_populates="schedules")
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(back_populates="schedules")


class Funding(Tracked, Base):
    __tablename__ = "funding"

    organization_id: Mapped[str | None] = _fk("organization")
    service_id: Mapped[str | None] = _fk("service")
    source: Mapped[I18n | None]

    organization: Mapped[Organization | None] = relationship(back_populates="funding")
    service: Mapped[Service | None] = relationship(back_populates="funding")


class ServiceArea(Tracked, Base):
    __tablename__ = "service_area"

    service_id: Mapped[str | None] = _fk("service")
    name: Mapped[I18n | None]
    description: Mapped[I18n | None]
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(32))
    uri: Mapped[str | None] = mapped_column(String(2048))

    service: Mapped[Service | None] = relationship(back_populates="service_areas")


class RequiredDocument(Tracked, Base):
    __tablename__ = "required_document"

    service_id: Mapped[str | None] = _fk("service")
    document: Mapped[I18n | None]
    uri: Mapped[str | None] = mapped_column(String(2048))

    service: Mapped[Service | None] = relationship(back_populates="required_documents")


class Language(Tracked, Base):
    __tablename__ = "language"

    service_id: Mapped[str | None] = _fk("service")
    location_id: Mapped[str | None] = _fk("location")
    phone_id: Mapped[str | None] = _fk("phone")
    name: Mapped[I18n | None]
    code: Mapped[str | None] = mapped_column(String(16), index=True)
    note: Mapped[I18n | None]

    service: Mapped[Service | None] = relationship(back_populates="languages")
    location: Mapped[Location | None] = relationship(back_populates="languages")
    phone: Mapped[Phone | None] = relationship(back_populates="languages")


class Accessibility(Tracked, Base):
    __tablename__ = "accessibility"

    location_id: Mapped[str | None] = _fk("location")
    description: Mapped[I18n | None]
    details: Mapped[I18n | None]
    url: Mapped[str | None] = mapped_column(String(2048))

    location: Mapped[Location | None] = relationship(back_populates="accessibility")


class CostOption(Tracked, Base):
    __tablename__ = "cost_option"

    service_id: Mapped[str] = _fk("service", required=True)  # type: ignore[assignment]
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    option: Mapped[I18n | None]
    currency: Mapped[str | None] = mapped_column(String(8))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_description: Mapped[I18n | None]

    service: Mapped[Service] = relationship(back_populates="cost_options")


class HsdsMetadata(Tracked, Base):
    """HSDS `metadata`: the change history a source ships with its data, kept so export gives it back."""

    __tablename__ = "change_metadata"

    resource_id: Mapped[str | None] = mapped_column(String(255), index=True)  # a record's history
    resource_type: Mapped[str | None] = mapped_column(String(64))
    last_action_date: Mapped[date | None] = mapped_column(Date)
    last_action_type: Mapped[str | None] = mapped_column(String(64))
    field_name: Mapped[str | None] = mapped_column(String(255))
    previous_value: Mapped[str | None] = mapped_column(Text)
    replacement_value: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(255))


class MetaTableDescription(Tracked, Base):
    __tablename__ = "meta_table_description"

    name: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    character_set: Mapped[str | None] = mapped_column(String(64))
