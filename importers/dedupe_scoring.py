"""How alike two organizations or two services are: normalized values, named weights, one score, reasons.

Every weight and threshold is here (README "Duplicates" explains them). A pair's score is the sum of the
points of its reasons, kept between 0 and 100:

- names: up to NAME_POINTS, in proportion of how far above NAME_FLOOR their similarity is. Names are
  compared with accents, case, punctuation, legal forms ("inc", "ltée") and linking words folded away, and
  organization-type words ("centre", "organisme") set aside, so "Centre Moisson Est inc." and "MOISSON EST"
  read alike; a foundation and the body it funds ("Fondation X" / "X") do not.
- agreements and disagreements of phone (E.164), website host, e-mail, postal code and street address, and
  for services their organization and category.

A pair is only a candidate when the names are at least NAME_MIN alike, and two services of one organization
only when their names are SIBLING_NAME_MIN alike: sibling services of an agency share its phone, address and
website, and only their names tell them apart ("Banque alimentaire" / "Banque alimentaire pour tout-petits").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

import phonenumbers
from rapidfuzz import fuzz

from app.core.taxonomy import needs_family
from app.core.text import comparable_words
from importers.normalize.phones import normalize_phone
from importers.normalize.postal import forward_sortation_area, normalize_postal_code
from importers.normalize.text import normalize_url

# --- weights (points added to or taken from the score) --------------------------------------------------
NAME_POINTS = 60  # identical names
NAME_FLOOR = 50  # names this alike or less give no points
SAME_PHONE = 25
DIFFERENT_PHONES = -10
SAME_WEBSITE = 15
DIFFERENT_WEBSITES = -10
SAME_EMAIL = 20
SAME_POSTAL_CODE = 15
SAME_ADDRESS = 10
DIFFERENT_POSTAL_CODES = -5  # same postal area (FSA): maybe another branch nearby
DIFFERENT_AREAS = -20  # different postal areas: another place
SAME_ORGANIZATION = 10  # services: one organization, or two linked as duplicates
ALIKE_ORGANIZATIONS = 5  # services: organizations whose names are ORGANIZATION_NAME_MIN alike
DIFFERENT_ORGANIZATIONS = -15
SAME_CATEGORY = 5
DIFFERENT_CATEGORIES = -15  # categories of different needs families
DIFFERENT_KINDS = -15  # "Fondation X" / "X": a foundation is not the body it funds
DIFFERENT_NUMBERS = -20  # "Centre 1" / "Centre 2", "Groupe 12-17" / "Groupe 18-30"

# --- thresholds ------------------------------------------------------------------------------------------
SURE_THRESHOLD = 80  # linked without a person, when SURE_NAME_MIN and no reason in BLOCKS_SURE
REVIEW_THRESHOLD = 55  # below SURE_THRESHOLD (or held back from sure): to the review list
NAME_MIN = 60  # names less alike than this are never a candidate pair
SIBLING_NAME_MIN = 90  # the same for two services of one organization (or of two linked ones)
SURE_NAME_MIN = 90  # a sure link needs names at least this alike
ORGANIZATION_NAME_MIN = 90

# Reasons that say "maybe another place or another body": such a pair goes to a person, never linked alone.
BLOCKS_SURE = frozenset(
    {
        "different_areas",
        "different_postal_codes",
        "different_kinds",
        "different_numbers",
        "different_organizations",
    }
)
# A sure link also needs one of these: a name alone (even identical) never links two records.
CONTACT_AGREEMENTS = frozenset(
    {"same_phone", "same_website", "same_email", "same_postal_code", "same_address"}
)

# --- name normalization ----------------------------------------------------------------------------------
LEGAL_FORMS = frozenset(
    {"inc", "incorporee", "incorporated", "ltee", "limitee", "ltd", "limited", "enr", "corp", "cie", "llc"}
    | {"obnl", "osbl", "senc", "co"}
)
# Words that name what kind of body it is. Set aside when comparing names ("Centre Moisson" = "Moisson");
# the DISTINCT ones also mark another body when only one name has them.
GENERIC_TYPES = frozenset(
    {"centre", "center", "organisme", "organization", "organisation", "association", "societe", "society"}
    | {"corporation", "groupe", "group", "comite", "committee"}
)
DISTINCT_TYPES = frozenset({"fondation", "foundation", "federation", "regroupement", "cooperative", "coop"})
PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "pour", "sur", "chez"}
    | {"the", "of", "and", "for", "in", "at", "on"}
)
SYNONYMS = {"st": "saint", "ste": "sainte", "mtl": "montreal", "ctr": "centre", "assoc": "association"}
STREET_SYNONYMS = {
    **{"boul": "boulevard", "bd": "boulevard", "blvd": "boulevard", "av": "avenue", "ave": "avenue"},
    **{"ch": "chemin", "st": "saint", "ste": "sainte", "e": "est", "o": "ouest", "w": "ouest"},
}
UNIT_WORDS = frozenset({"app", "appartement", "apt", "bureau", "suite", "local", "unite", "porte"})

# Platforms that host many organizations: there the first path segment tells them apart.
SHARED_HOSTS = frozenset(
    {"facebook.com", "fb.com", "instagram.com", "sites.google.com", "linktr.ee", "twitter.com", "x.com"}
    | {"canadahelps.org", "ville.montreal.qc.ca", "montreal.ca", "quebec.ca", "linkedin.com", "youtube.com"}
)

# Reserved for examples (RFC 2606): a placeholder, not a website.
EXAMPLE_HOSTS = frozenset({"example.org", "example.com", "example.net"})

_ACRONYM = re.compile(r"\b(?:\w\.){2,}")


def acronyms_joined_words(text: str) -> str:
    """`comparable_words` once dotted acronyms are joined ("C.L.S.C." -> "clsc")."""
    return comparable_words(_ACRONYM.sub(lambda m: m.group().replace(".", ""), text))


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way a record is named (a language or an alternate name), ready to compare."""

    core: str  # identity words, in their written order
    tokens: frozenset[str]
    distinct_types: frozenset[str]
    numbers: frozenset[str]


def _singular(word: str) -> str:
    """Plural to singular ("alimentaires" -> "alimentaire"): sources write one name both ways."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not word[-2].isdigit() else word


@lru_cache(maxsize=65536)
def name_form(text: str, organization: bool = True) -> NameForm | None:
    """Organization names leave their type words out of the comparison; in a service's name they say what
    the service is ("Centre communautaire" / "Repas communautaires"), so they stay."""
    words = [_singular(SYNONYMS.get(w, w)) for w in acronyms_joined_words(text).split()]
    words = [w for w in words if w not in LEGAL_FORMS]
    meaningful = [w for w in words if w not in PARTICLES]
    types = GENERIC_TYPES | DISTINCT_TYPES if organization else frozenset()
    core = [w for w in meaningful if w not in types]
    # A name made only of type words ("Centre communautaire") keeps them: they are then its identity.
    core = core or meaningful or words
    if not core:
        return None
    return NameForm(
        core=" ".join(core),
        tokens=frozenset(core),
        distinct_types=frozenset(w for w in meaningful if w in DISTINCT_TYPES)
        if organization
        else frozenset(),
        numbers=frozenset(w for w in core if w.isdigit()),
    )


def similarity(first: str, second: str) -> int:
    """0-100. token_set_ratio forgives word order and extra words; alone it calls "Moisson" and "Moisson
    Laurentides" identical (one is a subset), so it is averaged with token_sort_ratio, which does not."""
    if first == second:
        return 100
    both = fuzz.token_set_ratio(first, second, processor=None) + fuzz.token_sort_ratio(
        first, second, processor=None
    )
    return round(both / 2)


# --- other values ----------------------------------------------------------------------------------------


_E164 = re.compile(r"\+[1-9]\d{7,14}")


@lru_cache(maxsize=65536)
def phone_key(text: str) -> str | None:
    """E.164, or None for short codes (211, 811: shared by everyone, they tell nothing)."""
    if _E164.fullmatch(text):
        return text  # already normalized (at import): parsing it again is most of the loading time
    phone = normalize_phone(text)
    return phone.number if phone and phone.number.startswith("+") else None


def show_phone(number: str) -> str:
    """+15145550101 -> "+1 514 555 0101" (North America), else the international format."""
    if number.startswith("+1") and len(number) == 12:
        return f"+1 {number[2:5]} {number[5:8]} {number[8:]}"
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=65536)
def site_key(text: str) -> str | None:
    """The host without "www."; on a shared platform, the host and the page's first path segment."""
    url = normalize_url(text)
    if url is None:
        return None
    host, _, path = url.split("://", 1)[1].partition("/")
    host = host.lower().split(":")[0].removeprefix("www.").removeprefix("m.")
    if host in EXAMPLE_HOSTS:
        return None
    if host in SHARED_HOSTS:
        first = path.split("/", 1)[0].split("?", 1)[0].lower()
        return f"{host}/{first}" if first else None
    return host


def postal_key(code: str | None, country: str | None) -> str | None:
    if not code:
        return None
    return normalize_postal_code(code, country or None)


def add_postal_code(record: Record, code: str) -> None:
    record.postal_codes.add(code)
    area = forward_sortation_area(code)
    if area:
        record.areas.add(area)


@lru_cache(maxsize=65536)
def street_key(line: str) -> tuple[str, str] | None:
    """(civic number, street words) of "1234, boul. Saint-Laurent, bureau 200" -> ("1234", "boulevard
    saint laurent"); None without a civic number (a street name alone places nothing)."""
    words = [STREET_SYNONYMS.get(w, w) for w in acronyms_joined_words(line).split()]
    for index, word in enumerate(words):
        if word in UNIT_WORDS:
            words = words[:index]
            break
    numbers = [w for w in words if w[:1].isdigit()]
    if not numbers:
        return None
    rest = [w for w in words if w != numbers[0] and w not in PARTICLES]
    return numbers[0], " ".join(rest)


# --- records and scores ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Record:
    """What dedupe knows of one organization or service, normalized once."""

    id: str
    kind: str
    source: str
    source_id: str
    label: str  # the name as written, for people
    names: list[NameForm]
    created_at: datetime
    completeness: int = 0
    phones: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    postal_codes: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)  # forward sortation areas of the postal codes ("H2X")
    streets: set[tuple[str, str]] = field(default_factory=set)
    street_lines: dict[tuple[str, str], str] = field(default_factory=dict)
    organization_id: str | None = None  # services
    organization_names: list[NameForm] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)  # services: core needs codes

    @property
    def tokens(self) -> set[str]:
        return set().union(*(form.tokens for form in self.names)) if self.names else set()

    @property
    def sort_name(self) -> str:
        return min((form.core for form in self.names), default="")

    def rank(self) -> tuple[int, datetime, str]:
        """The kept (canonical) record sorts first: most complete, then the oldest, then the smallest id."""
        return (-self.completeness, self.created_at, self.id)


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    points: int
    value: str | int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "value": self.value}


@dataclass(slots=True)
class Scored:
    score: int
    name_similarity: int
    reasons: list[Reason]

    @property
    def codes(self) -> set[str]:
        return {reason.code for reason in self.reasons}

    def verdict(self) -> str | None:
        """ "sure", "review" or None (not a candidate)."""
        if self.name_similarity < NAME_MIN:
            return None
        if (
            self.score >= SURE_THRESHOLD
            and self.name_similarity >= SURE_NAME_MIN
            and not self.codes & BLOCKS_SURE
            and self.codes & CONTACT_AGREEMENTS
        ):
            return "sure"
        return "review" if self.score >= REVIEW_THRESHOLD else None


def best_names(first: list[NameForm], second: list[NameForm]) -> tuple[int, NameForm | None, NameForm | None]:
    """The most alike pair of names of two records (any language, alternate names too)."""
    best: tuple[int, NameForm | None, NameForm | None] = (0, None, None)
    for a in first:
        for b in second:
            value = similarity(a.core, b.core)
            if value > best[0]:
                best = (value, a, b)
    return best


def score_pair(first: Record, second: Record, linked_organizations: bool = False) -> Scored:
    """The score and its reasons; names first, and nothing more when they are too far apart."""
    alike, a, b = best_names(first.names, second.names)
    siblings = first.kind == "service" and (
        first.organization_id == second.organization_id or linked_organizations
    )
    if alike < (SIBLING_NAME_MIN if siblings else NAME_MIN) or a is None or b is None:
        return Scored(0, alike, [])
    points = round(NAME_POINTS * max(0, alike - NAME_FLOOR) / (100 - NAME_FLOOR))
    reasons = [Reason("same_name", points) if alike == 100 else Reason("names_alike", points, alike)]
    reasons += _name_differences(a, b)
    reasons += _contacts(first, second)
    reasons += _places(first, second)
    if first.kind == "service":
        reasons += _organizations(first, second, linked_organizations)
        reasons += _categories(first, second)
    total = sum(reason.points for reason in reasons)
    return Scored(max(0, min(100, total)), alike, reasons)


def _name_differences(a: NameForm, b: NameForm) -> list[Reason]:
    reasons = []
    if a.distinct_types != b.distinct_types:
        kinds = " / ".join(" ".join(sorted(t)) or "-" for t in (a.distinct_types, b.distinct_types))
        reasons.append(Reason("different_kinds", DIFFERENT_KINDS, kinds))
    if a.numbers and b.numbers and a.numbers != b.numbers:
        numbers = " / ".join(" ".join(sorted(n)) for n in (a.numbers, b.numbers))
        reasons.append(Reason("different_numbers", DIFFERENT_NUMBERS, numbers))
    return reasons


def _agreement(
    first: set[str], second: set[str], same: tuple[str, int], different: tuple[str, int] | None
) -> list[Reason]:
    """One reason when both sides know the value: shared (with the value) or not."""
    shared = sorted(first & second)
    if shared:
        return [Reason(same[0], same[1], shared[0])]
    if first and second and different is not None:
        return [Reason(different[0], different[1])]
    return []


def _contacts(first: Record, second: Record) -> list[Reason]:
    phones = _agreement(
        first.phones, second.phones, ("same_phone", SAME_PHONE), ("different_phones", DIFFERENT_PHONES)
    )
    phones = [Reason(r.code, r.points, show_phone(str(r.value))) if r.value else r for r in phones]
    return (
        phones
        + _agreement(
            first.sites,
            second.sites,
            ("same_website", SAME_WEBSITE),
            ("different_websites", DIFFERENT_WEBSITES),
        )
        + _agreement(first.emails, second.emails, ("same_email", SAME_EMAIL), None)
    )


def _places(first: Record, second: Record) -> list[Reason]:
    reasons = []
    shared = sorted(first.postal_codes & second.postal_codes)
    if shared:
        reasons.append(Reason("same_postal_code", SAME_POSTAL_CODE, shared[0]))
    elif first.postal_codes and second.postal_codes:
        codes = f"{min(first.postal_codes)} / {min(second.postal_codes)}"
        if first.areas & second.areas:
            reasons.append(Reason("different_postal_codes", DIFFERENT_POSTAL_CODES, codes))
        else:
            reasons.append(Reason("different_areas", DIFFERENT_AREAS, codes))
    street = _same_street(first, second)
    if street:
        reasons.append(Reason("same_address", SAME_ADDRESS, street))
    return reasons


def _same_street(first: Record, second: Record) -> str | None:
    for number, words in sorted(first.streets):
        for other_number, other_words in second.streets:
            if number == other_number and similarity(words, other_words) >= 85:
                return first.street_lines.get((number, words), f"{number} {words}")
    return None


def _organizations(first: Record, second: Record, linked: bool) -> list[Reason]:
    if first.organization_id == second.organization_id:
        return [Reason("same_organization", SAME_ORGANIZATION)]
    if linked:
        return [Reason("linked_organizations", SAME_ORGANIZATION)]
    alike, _, _ = best_names(first.organization_names, second.organization_names)
    if alike >= ORGANIZATION_NAME_MIN:
        return [Reason("alike_organizations", ALIKE_ORGANIZATIONS, alike)]
    return [Reason("different_organizations", DIFFERENT_ORGANIZATIONS)]


def _categories(first: Record, second: Record) -> list[Reason]:
    shared = sorted(first.categories & second.categories)
    if shared:
        return [Reason("same_category", SAME_CATEGORY, shared[0])]
    if not (first.categories and second.categories):
        return []
    families = {needs_family(c) for c in first.categories} & {needs_family(c) for c in second.categories}
    if families:
        return []  # neighbours in one family ("food-bank", "meals"): two sources may file it either way
    codes = f"{min(first.categories)} / {min(second.categories)}"
    return [Reason("different_categories", DIFFERENT_CATEGORIES, codes)]
