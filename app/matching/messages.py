"""The texts of reasons, warnings and exclusions in French and English (translated through the catalogues)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.i18n import lazy_gettext as _l

REASONS = {
    "category_exact": _l("Offers exactly this kind of help: %(label)s"),
    "category_child": _l("Offers %(label)s, part of what is needed"),
    "category_family": _l("Offers help in this area in general (%(label)s)"),
    "distance": _l("%(km).1f km away"),
    "remote": _l("By phone or online: no travel needed"),
    "first_language": _l("Speaks the client's first language (%(language)s)"),
    "other_language": _l("Speaks a language of the client (%(language)s)"),
    "interpretation": _l("Offers interpretation"),
    "open_now": _l("Open now"),
    "walk_in": _l("Walk-in, no appointment needed"),
    "always_open": _l("Open 24/7"),
    "missing_documents": _l("Asks for documents the client lacks: %(documents)s"),
    "verified": _l("Information verified on %(date)s"),
    "freshness_agency": _l("Verified %(ago)s by the agency"),
    "freshness_staff": _l("Verified %(ago)s by Carrefour staff"),
    "freshness_source": _l("Verified on %(date)s according to %(source)s"),
    "freshness_import": _l("Imported from %(source)s on %(date)s"),
    "free": _l("Free of charge"),
    "note": _l("Matches the note: %(words)s"),
    "hours_unknown": _l("Opening hours unknown"),
    "cost_unknown": _l("Cost unknown"),
}

WARNINGS = {
    "hours_unknown": _l("hours unknown: call before going"),
    "cost_unknown": _l("cost unknown: ask about fees"),
    "missing_documents": _l("asks for %(documents)s, which the client does not have"),
    "not_verified": _l("information not verified in the last 12 months"),
    "no_wheelchair_info": _l("wheelchair access unknown"),
    "unplaced": _l("could not place the client's location; distance and service areas were not checked"),
    "approximate": _l("the client's location is approximate (centre of the postal code area %(area)s)"),
    "unchecked_age": _l("the client's age is unknown: age limits were not checked"),
    "unchecked_child_age": _l("the children's ages are unknown: age limits were not checked"),
    "unchecked_gender": _l("the client's gender is unknown: gender restrictions were not checked"),
    "unchecked_situations": _l(
        "the client's situation is unknown: eligibility restrictions were not checked"
    ),
    "area_unreadable": _l("its service area could not be read: not checked"),
}


# Why a service near the client is not suggested: the text of each hard rule (`scoring.Exclusion`), with the
# detail a caseworker checks. Several texts may say one rule (an age range, a lower or an upper limit).
EXCLUSIONS = {
    "inactive": _l("Not active: %(status)s"),
    "age_range": _l("For ages %(low)s to %(high)s; the client is %(age)s"),
    "age_min": _l("For ages %(low)s and over; the client is %(age)s"),
    "age_max": _l("For ages up to %(high)s; the client is %(age)s"),
    "child_age_range": _l("For children aged %(low)s to %(high)s; children's ages: %(ages)s"),
    "child_age_min": _l("For children aged %(low)s and over; children's ages: %(ages)s"),
    "child_age_max": _l("For children aged up to %(high)s; children's ages: %(ages)s"),
    "restricted": _l("Restricted to: %(groups)s"),
    "service_area": _l("The client's place is outside its service area"),
    "service_area_named": _l("The client's place is outside its service area (%(areas)s)"),
    "wheelchair": _l("Wheelchair access not known at this place"),
    "max_distance": _l("%(km).1f km away, beyond the %(max)s km asked for"),
    "open_now": _l("Closed at the time asked (%(moment)s)"),
    "free_only": _l("Charges a fee (only free services were asked for)"),
    "closed": _l("Temporarily closed until %(day)s"),
    "closed_message": _l("Temporarily closed until %(day)s: %(message)s"),
}

# Service statuses (HSDS) other than active, as an exclusion names them; an unknown status is shown as is.
STATUSES = {
    "inactive": _l("inactive"),
    "defunct": _l("defunct"),
    "temporarily closed": _l("temporarily closed"),
}

_TABLES = {"reasons": REASONS, "warnings": WARNINGS, "exclusions": EXCLUSIONS}


@dataclass(frozen=True, slots=True)
class Text:
    """A reason or a warning, put into words (in the current locale) only when shown: most candidates a
    match weighs are never shown, and translating is most of what their reasons would cost."""

    table: str  # "reasons", "warnings" or "exclusions"
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        message = str(_TABLES[self.table][self.code])
        return message % dict(self.params) if self.params else message


def reason_text(code: str, **params: object) -> Text:
    return Text("reasons", code, tuple(sorted(params.items())))


def warning_text(code: str, **params: object) -> Text:
    return Text("warnings", code, tuple(sorted(params.items())))


def exclusion_text(code: str, **params: object) -> Text:
    return Text("exclusions", code, tuple(sorted(params.items())))
