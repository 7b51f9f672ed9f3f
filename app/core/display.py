"""How a place and a phone are shown in one line, the same on result cards, the service page and in the
search index (which carries them so a results page needs no database read)."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from app.core.models import Location, Phone, Service

SPOKEN = ("voice", "cell", "text")
# Numbers of these countries are shown as people there write them: 514-555-0123, 1-866-555-0199.
DIALED_AS_NATIONAL = frozenset({"CA", "US"})


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


@lru_cache(maxsize=4096)
def phone_display(number: str) -> str:
    """A stored number (E.164, "+15145550123") as people read it: "514-555-0123", toll free
    "1-866-555-0199", abroad "+44 1234 234567". Short codes ("211") and numbers that are not E.164 (kept as
    an agency wrote them) are shown as they are."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    if phonenumbers.region_code_for_number(parsed) not in DIALED_AS_NATIONAL:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.national_significant_number(parsed)
    local = f"{national[:3]}-{national[3:6]}-{national[6:]}"
    toll_free = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.TOLL_FREE
    return f"1-{local}" if toll_free else local


def phone_link(number: str) -> str:
    """What a `tel:` link dials: the number without spaces, dashes or brackets."""
    return "".join(c for c in number if c.isdigit() or c in "+,;")
