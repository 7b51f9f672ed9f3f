"""The benchmark's directory: any number of services, with the proportions of a real directory, from the
demo's words, geography and row writers.

`size` services of about size/2.6 organizations (1 to 6 services and 1 to 3 places each) across the island,
weighted by population. The facts the matcher reads travel as the contract says (attributes to the core
taxonomy, ages, schedules, languages, costs, service areas). About 8 % of services are in French only and
2 % in English only. Every needs code is a service's main purpose in turn first, so that even a small
directory covers them all; then by the weights below. Rows are written once each organization is done, so
memory stays flat at any size.

Two random streams: one decides the shape (how many services and places each organization has), the other
everything else; a change of words never changes how many organizations and places are written.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.core.taxonomy import core_terms
from bench.synthetic.geography import Borough, Geography
from bench.synthetic.hours import ALL_DAYS, WEEKDAYS
from bench.synthetic.models import OrganizationKind, ServiceKind, Slot, T
from bench.synthetic.organizations import organization_text, write_address, write_virtual_location
from bench.synthetic.package import Headers, PackageWriter, full_headers
from bench.synthetic.rows import Rows
from bench.synthetic.services import description, write_cost, write_document, write_language, write_schedule
from bench.synthetic.text import EMPTY, Row, age_text, de, fill, join, put
from bench.synthetic.words import words

BENCH_PREFIX = "https://carrefour.example/bench"

# The tables the benchmark fills and their columns (in the official order when written): a real export
# carries what it knows, and the importer reads every column given (the writer refuses any other).
_COLUMNS = {
    "taxonomy": "id name description uri version description_en",
    "taxonomy_term": "id code name description parent_id taxonomy language taxonomy_id"
    " name_en description_en",
    "organization": "id name alternate_name description email website year_incorporated"
    " name_en description_en",
    "service": "id organization_id name description url email status application_process fees_description"
    " fees eligibility_description minimum_age maximum_age assured_date name_en description_en"
    " application_process_en fees_description_en fees_en eligibility_description_en",
    "location": "id location_type url organization_id name description latitude longitude"
    " name_en description_en",
    "service_at_location": "id service_id location_id",
    "address": "id location_id address_1 address_2 city region state_province postal_code country"
    " address_type",
    "phone": "id organization_id service_id number type description description_en",
    "schedule": "id service_id freq byday opens_at closes_at description description_en",
    "service_area": "id service_id name description extent extent_type name_en description_en",
    "language": "id service_id name code name_en",
    "cost_option": "id service_id option currency amount amount_description option_en amount_description_en",
    "required_document": "id service_id document document_en",
    "attribute": "id link_id taxonomy_term_id link_type link_entity value",
}


def bench_headers() -> Headers:
    """The benchmark's tables, each with the columns it fills, in the official order."""
    full = full_headers()
    return {name: [c for c in full[name] if c in columns.split()] for name, columns in _COLUMNS.items()}


FIRST_VERIFIED = date(2024, 1, 1)
VERIFIED_SPAN_DAYS = 1000

# How often each needs code is a service's main purpose (every code of the core taxonomy appears).
NEED_WEIGHTS: dict[str, float] = {
    "food-bank": 6, "meals": 5, "meal-delivery": 2, "emergency-shelter": 3, "transitional-housing": 2,
    "housing-search": 3, "rent-assistance": 2, "tenant-rights": 2, "medical-care": 4, "dental-care": 2,
    "mental-health": 5, "addiction": 3, "crisis-line": 1, "violence-support": 2, "job-search": 5,
    "job-training": 4, "daycare": 4, "after-school": 4, "family-counselling": 2, "parenting-support": 3,
    "clothing": 3, "legal-aid": 2, "immigration-help": 4, "financial-aid": 2, "benefits-help": 3,
    "documents": 1, "language-classes": 4, "literacy": 3, "home-help": 3, "caregiver-respite": 2,
    "transportation": 2, "peer-support": 3, "volunteering": 3,
}  # fmt: skip
FAMILY_WEIGHT = 0.5  # a general service tagged with the family code itself
SERVICES_PER_ORGANIZATION = ((1, 30), (2, 25), (3, 20), (4, 12), (5, 8), (6, 5))  # mean about 2.6
LOCATIONS_PER_ORGANIZATION = ((1, 60), (2, 30), (3, 10))
# Situations a need is usually restricted to, when it is.
SITUATIONS_BY_NEED: dict[str, tuple[str, ...]] = {
    "emergency-shelter": ("homeless",),
    "transitional-housing": ("homeless", "violence-survivor"),
    "violence-support": ("violence-survivor",),
    "immigration-help": ("newcomer", "refugee"),
    "language-classes": ("newcomer", "refugee"),
    "parenting-support": ("parent",),
    "caregiver-respite": ("caregiver",),
    "financial-aid": ("low-income",),
    "benefits-help": ("low-income",),
    "food-bank": ("low-income",),
    "dental-care": ("low-income",),
}
GENDERED_NEEDS = frozenset({"emergency-shelter", "transitional-housing", "violence-support"})
REMOTE_NEEDS = frozenset({"crisis-line"})
AGE_RANGES: tuple[tuple[int | None, int | None], ...] = (
    (18, None), (16, 30), (12, 17), (65, None), (55, None), (18, 64), (16, 35),
)  # fmt: skip
AGES_BY_NEED: dict[str, tuple[tuple[int | None, int | None], ...]] = {
    "daycare": ((0, 5), (1, 5)),
    "after-school": ((6, 12), (6, 17)),
    "childcare": ((0, 12),),
}
# Languages a service speaks besides French (ISO 639-1), and how often.
LANGUAGE_SHARES: dict[str, float] = {
    "en": 0.70, "es": 0.18, "ar": 0.14, "ht": 0.08, "zh": 0.06, "vi": 0.04, "pt": 0.04, "it": 0.04,
    "fa": 0.03, "ru": 0.03, "ta": 0.02, "tl": 0.03, "pa": 0.02,
}  # fmt: skip


@dataclass(slots=True)
class WrittenLocation:
    """A location row the generator wrote, kept to place the services it offers there."""

    id: str
    lon: float | None
    lat: float | None
    borough: Borough | None  # None for the virtual location


@dataclass(slots=True)
class Organization:
    index: int
    row: Row
    name: T
    place: T  # its neighbourhood
    places: list[WrittenLocation] = field(default_factory=list)
    virtual: WrittenLocation | None = None


def pick_weighted(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


class ScaledDirectory:
    def __init__(self, seed: int, writer: PackageWriter) -> None:
        self.rng = random.Random(seed)
        self.shape_rng = random.Random(f"{seed}/shape")
        self.writer = writer
        self.words = words()
        self.rows = Rows(BENCH_PREFIX, writer.headers)
        self.geo = Geography(self.rng)
        terms = core_terms()
        needs = [t for t in terms if t.taxonomy == "needs"]
        self.needs_codes = [t.code for t in needs]
        self.children = {t.code: [c.code for c in needs if c.parent == t.code] for t in needs}
        self.family = {t.code: t.parent or t.code for t in needs}
        self.weighted_needs = [(c, NEED_WEIGHTS.get(c, FAMILY_WEIGHT)) for c in self.needs_codes]
        self.situations = [t.code for t in terms if t.taxonomy == "eligibility" and t.group == "situation"]
        self.documents = [t.code for t in terms if t.taxonomy == "documents"]
        kinds = list(self.words.service_kinds.values())
        self.kinds_by_need = {code: [k for k in kinds if code in k.needs] for code in self.needs_codes}
        self.org_kinds = {code: self.organization_kinds(code) for code in self.needs_codes}
        restrictions = self.words.eligibility.restrictions.values()
        self.restriction_text = {r.codes[0]: r.text for r in restrictions if len(r.codes) == 1}
        self.fee_profiles = [name for name, cost in self.words.costs.items() if cost.amount]
        self.apply = [text for pool in self.words.sentences.apply.values() for text in pool]

    # --- whole directory ---------------------------------------------------------------------------------

    def build(self, size: int) -> None:
        self.rows.taxonomy()
        made = index = 0
        while made < size:
            count = min(pick_weighted(self.shape_rng, SERVICES_PER_ORGANIZATION), size - made)
            places = pick_weighted(self.shape_rng, LOCATIONS_PER_ORGANIZATION)
            # The first services take every needs code in turn, so even a small directory covers them all.
            codes = [
                self.needs_codes[made + offset] if made + offset < len(self.needs_codes) else self.pick_need()
                for offset in range(count)
            ]
            org = self.write_organization(index, places, codes[0])
            for offset, code in enumerate(codes):
                self.write_service(org, made + offset, code)
            made += count
            index += 1
            self.rows.flush(self.writer)

    # --- organizations and places ------------------------------------------------------------------------

    def organization_kinds(self, code: str) -> list[tuple[OrganizationKind, float]]:
        """The kinds of organization whose core services meet this need (else one of its family), each
        weighted by how many the demo has."""
        kinds = list(self.words.organization_kinds.values())
        services = self.words.service_kinds

        def meets(kind: OrganizationKind, same: Callable[[str], bool]) -> bool:
            return any(same(need) for key in kind.core for need in services[key].needs)

        found = [k for k in kinds if meets(k, lambda need: need == code)]
        found = found or [k for k in kinds if meets(k, lambda need: self.family[need] == self.family[code])]
        return [(k, float(k.count)) for k in found or kinds]

    def write_organization(self, index: int, places: int, code: str) -> Organization:
        """An organization of a kind that meets `code`, the need of its first service."""
        rng, sentences = self.rng, self.words.sentences
        borough = self.geo.weighted_borough()
        place = rng.choice(borough.place.neighbourhoods)
        kind = pick_weighted(rng, self.org_kinds[code])
        nick = rng.choice(kind.nicks) if kind.nicks else ""
        name = fill(rng.choice(kind.names), place=place, nick=nick)
        year = str(rng.randrange(1965, 2022))
        mode = self.language_mode()
        row = self.rows.new("organization", str(index))
        slug = f"org-{index}"
        row.update(
            email=f"info@{slug}.example.org", website=f"https://{slug}.example.org", year_incorporated=year
        )
        put(row, "name", name, mode)
        put(row, "description", organization_text(rng, kind, place, year), mode)
        org = Organization(index, row, name, place)
        self.rows.phone(
            f"org/{index}",
            self.phone_digits(),
            "both",
            sentences.phones.reception,
            0,
            organization_id=row["id"],
        )
        for number in range(places):
            # A second or third place is usually elsewhere on the island.
            here = borough if number == 0 or rng.random() < 0.3 else self.geo.weighted_borough()
            org.places.append(self.write_place(org, number, here))
        return org

    def write_place(self, org: Organization, number: int, borough: Borough) -> WrittenLocation:
        lon, lat = self.geo.sample_point(borough)
        key = f"{org.index}/{number}"
        row = self.rows.new("location", key)
        hood = self.rng.choice(borough.place.neighbourhoods)
        name = fill(("{org} – {place}", "{org} – {place}"), org=org.name, place=hood) if number else org.name
        row.update(location_type="physical", organization_id=org.row["id"])
        row["latitude"], row["longitude"] = f"{lat:.6f}", f"{lon:.6f}"
        put(row, "name", name, "both")
        write_address(self.rows, self.geo, key, row["id"], borough, lon, lat)
        if self.rng.random() < 0.4:
            self.rows.attribute("location", row["id"], "features", "wheelchair-accessible")
        return WrittenLocation(row["id"], lon, lat, borough)

    def virtual_place(self, org: Organization) -> WrittenLocation:
        if org.virtual is None:
            row = write_virtual_location(self.rows, f"{org.index}/virtual", org.row, org.name, "both", False)
            org.virtual = WrittenLocation(row["id"], None, None, None)
        return org.virtual

    # --- services ----------------------------------------------------------------------------------------

    def write_service(self, org: Organization, index: int, code: str) -> None:
        """Service number `index`, whose main purpose is the needs code `code`."""
        rng = self.rng
        codes = self.extra_codes(code)
        mode = self.language_mode()
        kind: ServiceKind = rng.choice(self.kinds_by_need[code])
        row = self.rows.new("service", str(index))
        sid = row["id"]
        ages = self.ages(code)
        eligibility = self.eligibility(code)
        remote = rng.random() < (0.8 if code in REMOTE_NEEDS else 0.025)
        row.update(
            organization_id=org.row["id"],
            url=f"{org.row['website']}/services/{index}",
            email=org.row["email"],
            status="inactive" if rng.random() < 0.03 else "active",
            minimum_age="" if ages[0] is None else str(ages[0]),
            maximum_age="" if ages[1] is None else str(ages[1]),
            assured_date=(FIRST_VERIFIED + timedelta(days=rng.randrange(VERIFIED_SPAN_DAYS))).isoformat(),
        )
        name, text = self.service_text(kind, codes, org)
        put(row, "name", name, mode)
        put(row, "description", text, mode)
        put(row, "application_process", rng.choice(self.apply), mode)
        parts = [self.restriction_text[c] for c in eligibility] + [age_text(ages)]
        put(row, "eligibility_description", join(parts), mode)
        self.write_costs(row, mode)
        for need in codes:
            self.rows.attribute("service", sid, "needs", need)
        for situation in eligibility:
            self.rows.attribute("service", sid, "eligibility", situation)
        places = [self.virtual_place(org)] if remote else self.service_places(org)
        for place in places:
            sal = self.rows.new("service_at_location", f"{sid}/{place.id}")
            sal.update(service_id=sid, location_id=place.id)
        self.write_features(sid, code, remote)
        for number, slot in enumerate(self.weekly_hours(code)):
            write_schedule(self.rows, f"{sid}/{number}", "service_id", sid, slot, mode)
        self.write_languages(sid, mode)
        if rng.random() < 0.20:
            for document in rng.sample(self.documents, k=rng.randint(1, 2)):
                write_document(rng, self.rows, f"{sid}/{document}", sid, document, mode)
        if not remote and rng.random() < 0.10:
            self.write_service_area(sid, places[0], mode)
        if rng.random() < 0.4:
            self.rows.phone(f"service/{index}", self.phone_digits(), mode, EMPTY, 0, service_id=sid)

    def service_text(self, kind: ServiceKind, codes: Sequence[str], org: Organization) -> tuple[T, T]:
        """A name of the kind (with the neighbourhood, three times in ten) and its description: the lead
        paired with the name, the second sentences of the codes, and one or two general sentences."""
        rng = self.rng
        pick = rng.randrange(len(kind.names))
        name = kind.names[pick]
        lead = kind.leads[pick] if len(kind.leads) == len(kind.names) else rng.choice(kind.leads)
        if rng.random() < 0.3:
            name = fill(("{name} – {place}", "{name} – {place}"), name=name, place=org.place)
        text = description(rng, kind, tuple(codes), lead, place=org.place, org=org.name)
        general = rng.sample(self.words.details.general, k=rng.randint(1, 2))
        return name, join([text, *general])

    def pick_need(self) -> str:
        code: str = pick_weighted(self.rng, self.weighted_needs)
        return code

    def extra_codes(self, code: str) -> list[str]:
        """The main code, and sometimes a sibling or a code of another family (a service does several
        things)."""
        codes = [code]
        if self.rng.random() < 0.35:
            siblings = [c for c in self.children.get(self.family[code], []) if c != code]
            codes.append(self.rng.choice(siblings) if siblings else self.pick_need())
        if self.rng.random() < 0.10:
            codes.append(self.pick_need())
        return list(dict.fromkeys(codes))

    def ages(self, code: str) -> tuple[int | None, int | None]:
        if code in AGES_BY_NEED:
            return self.rng.choice(AGES_BY_NEED[code])
        if self.rng.random() < 0.25:
            return self.rng.choice(AGE_RANGES)
        return None, None

    def eligibility(self, code: str) -> list[str]:
        """Restrictions on about 30 % of services: a gender for some shelters, a situation for others."""
        rng = self.rng
        likely = code in SITUATIONS_BY_NEED or code in GENDERED_NEEDS
        if rng.random() >= (0.6 if likely else 0.22):
            return []
        codes: list[str] = []
        if code in GENDERED_NEEDS and rng.random() < 0.6:
            codes += rng.choice((["women"], ["men"], ["women", "gender-diverse"]))
        if code in SITUATIONS_BY_NEED and (not codes or rng.random() < 0.5):
            codes.append(rng.choice(SITUATIONS_BY_NEED[code]))
        if not codes:
            codes.append(rng.choice(self.situations))
        return codes

    def service_places(self, org: Organization) -> list[WrittenLocation]:
        if len(org.places) > 1 and self.rng.random() < 0.25:
            return self.rng.sample(org.places, k=2)
        return [self.rng.choice(org.places)]

    def write_costs(self, service: Row, mode: str) -> None:
        """Free for most (amount 0), a fee for some, nothing said for the rest."""
        draw = self.rng.random()
        if draw < 0.82:
            profile = "free" if draw < 0.70 else self.rng.choice(self.fee_profiles)
            # The features keep the benchmark's own proportions (write_features): no `free` tag here.
            write_cost(self.rng, self.rows, service["id"], service, profile, mode, tag_free=False)

    def write_features(self, sid: str, code: str, remote: bool) -> None:
        rng = self.rng
        features: list[str] = []
        if rng.random() < 0.35:
            features.append("walk-in")
        elif rng.random() < 0.38:
            features.append("appointment-required")
        if rng.random() < 0.10:
            features.append("wheelchair-accessible")
        if rng.random() < 0.10:
            features.append("interpretation")
        if code == "emergency-shelter" and rng.random() < 0.2:
            features.append("pets-allowed")
        if remote and rng.random() < 0.5:
            features.append("virtual")
        for feature in features:
            self.rows.attribute("service", sid, "features", feature)

    def weekly_hours(self, code: str) -> list[Slot]:
        """About 85 % of services have hours: office hours mostly, some evenings and weekends, overnight
        shelters, and about 2 % open round the clock."""
        rng = self.rng
        draw = rng.random()
        if (code == "crisis-line" and draw < 0.7) or draw < 0.015:
            return [(ALL_DAYS, "00:00", "23:59")]
        if (code == "emergency-shelter" and draw < 0.7) or draw < 0.025:
            days = ALL_DAYS if rng.random() < 0.8 else "FR,SA"
            return [(days, rng.choice(("19:00", "20:00", "21:00")), rng.choice(("07:00", "08:00")))]
        if draw >= 0.85:
            return []
        opens = rng.choice(("08:00", "08:30", "09:00", "09:30", "10:00"))
        closes = rng.choice(("16:00", "16:30", "17:00", "18:00"))
        shape = rng.random()
        if shape < 0.45:
            hours = [(WEEKDAYS, opens, closes)]
        elif shape < 0.6:
            hours = [(WEEKDAYS, opens, "12:00"), (WEEKDAYS, "13:00", closes)]
        elif shape < 0.8:
            days = sorted(rng.sample(range(5), k=rng.randint(1, 3)))
            part_opens, part_closes = rng.choice((("09:00", "12:00"), ("13:00", "16:00"), ("09:00", "16:00")))
            hours = [(",".join(WEEKDAYS.split(",")[d] for d in days), part_opens, part_closes)]
        else:
            hours = [(rng.choice(("MO,WE", "TU,TH", "WE")), "18:00", rng.choice(("20:30", "21:00")))]
        if rng.random() < 0.15:
            hours.append(("SA", "10:00", rng.choice(("13:00", "15:00"))))
        return hours

    def write_languages(self, sid: str, mode: str) -> None:
        codes = [] if mode == "en" else ["fr"]
        for code, share in LANGUAGE_SHARES.items():
            if (code == "en" and mode == "en") or self.rng.random() < share:
                codes.append(code)
        for code in codes or ["fr"]:
            write_language(self.rows, f"{sid}/{code}", sid, code, "both")

    def write_service_area(self, sid: str, place: WrittenLocation, mode: str) -> None:
        """The borough of the place (its real boundary), or a small square around it."""
        assert place.borough is not None and place.lon is not None and place.lat is not None
        borough = place.borough
        area = self.rows.new("service_area", sid)
        area.update(service_id=sid, extent_type="geojson")
        if self.rng.random() < 0.6:
            area["extent"] = borough.extent
            put(area, "name", (borough.name, borough.name), mode)
            put(area, "description", borough.area_text(), mode)
            return
        half = self.rng.choice((0.02, 0.03, 0.05))
        lon, lat = place.lon, place.lat
        corners = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]
        ring = [[round(lon + dx * half, 6), round(lat + dy * half, 6)] for dx, dy in corners]
        area["extent"] = json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":"))
        sentences = self.words.sentences.service_area
        values = {"of_name": de(borough.name), "name": borough.name}
        put(area, "name", fill(sentences.square_name, **values), mode)
        put(area, "description", fill(sentences.square, **values), mode)

    # --- small things ------------------------------------------------------------------------------------

    def language_mode(self) -> str:
        """both (90 %), French only (8 %) or English only (2 %)."""
        draw = self.rng.random()
        return "fr" if draw < 0.08 else "en" if draw < 0.10 else "both"

    def phone_digits(self) -> str:
        return f"{self.rng.choice(('514', '438'))}5550{self.rng.randrange(100, 200)}"
