"""How a place and a phone are shown in one line, the same on result cards, the service page and in the
search index (which carries them so a results page needs no database read)."""

from __future__ import annotations

from app.models import Location, Phone, Service

SPOKEN = ("voice", "cell", "text")


def address_line(location: Location | None) -> str | None:
    """The street address (the postal one only when there is no other)."""
    if location is None or not location.addresses:
        return None
    address = next((a for a in location.addresses if a.address_type != "postal"), location.addresses[0])
    parts = [address.address_1, address.address_2, address.city, address.postal_code]
    return ", ".join(p for p in parts if p) or None


def first_phone(service: Service, location: Location | None) -> str | None:
    """The number to call first: the service's own, then the place's; a voice line before a fax."""
    phones: list[Phone] = list(service.phones) + (list(location.phones) if location else [])
    voice = [p for p in phones if (p.type or "voice") in SPOKEN]
    return (voice or phones)[0].number if phones else None
