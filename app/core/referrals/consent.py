"""The client's consent to a referral, as a record: the wording shown (versioned, French and English), which
facts go to which organization, until when, how it was given. The agency sees only what it lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.core.i18n import LazyText
from app.core.i18n import lazy_gettext as _l
from app.core.models.referrals import CONSENT_FACTS, CONSENT_METHODS, Consent

# A new wording is a new version: the old one stays here, so every consent can be shown as it was given.
WORDING: dict[str, LazyText] = {
    "2026-12": _l(
        "I agree that my caseworker sends %(organization)s the information ticked below, so that they can "
        "help me. I can withdraw this consent at any time; it ends on %(until)s."
    ),
}
CURRENT_WORDING = "2026-12"
FACT_LABELS: dict[str, LazyText] = {
    "name": _l("My name"),
    "contact": _l("How to reach me"),
    "needs": _l("What I need help with"),
    "notes": _l("My caseworker's note about the referral"),
}
METHOD_LABELS: dict[str, LazyText] = {
    "on-screen": _l("The person read and accepted it on screen"),
    "verbal": _l("The person agreed out loud; I attest it"),
}
DEFAULT_DAYS = 90
MAX_DAYS = 365


class ConsentError(ValueError):
    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code, self.field = code, field


@dataclass(frozen=True, slots=True)
class ConsentTerms:
    facts: tuple[str, ...]
    valid_until: date
    method: str


def check_terms(facts: list[str], valid_until: date | None, method: str, today: date) -> ConsentTerms:
    unknown = [fact for fact in facts if fact not in CONSENT_FACTS]
    if unknown:
        raise ConsentError("unknown_fact", "facts")
    if method not in CONSENT_METHODS:
        raise ConsentError("method_needed", "method")
    until = valid_until or today + timedelta(days=DEFAULT_DAYS)
    if until <= today or until > today + timedelta(days=MAX_DAYS):
        raise ConsentError("bad_term", "valid_until")
    ordered = tuple(fact for fact in CONSENT_FACTS if fact in facts)
    return ConsentTerms(ordered, until, method)


def in_force(consent: Consent | None, today: date) -> bool:
    return consent is not None and consent.withdrawn_at is None and consent.valid_until >= today


def shares(consent: Consent | None, fact: str, today: date) -> bool:
    """Whether the recipient may see `fact` now."""
    return in_force(consent, today) and consent is not None and fact in consent.facts
