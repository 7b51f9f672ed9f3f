"""A synthetic, deterministic HSDS 3.0 CSV datapackage of Greater Montréal, from a few hundred services to
a hundred thousand, for the benchmark.

`generate(size, out, seed)` writes `size` services of about size/2.5 organizations (1 to 6 services and 1 to
3 places each) across the island, weighted by population. The facts the matcher reads travel as the
contract says (attributes to the core taxonomy, ages, schedules, languages, costs, service areas), with the
proportions of a real directory. Text is French in the HSDS columns and English in `_en` columns; about 8 %
of services are in French only and 2 % in English only. Rows are streamed to the files as they are made, so
memory stays flat; the same seed and size write the same bytes.

    python -m bench.generate --size 10000 --out /tmp/bench-10k
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import uuid
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from app.core_taxonomy import CoreTerm, core_terms
from bench import vocabulary as V
from bench.places import Area, PlacePicker, boundary_extent

NAMESPACE = uuid.UUID("3b0f6c52-51b7-5e0c-9d0e-b3c4a1f27c11")  # the benchmark's own uuid5 namespace
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"
FIRST_VERIFIED = date(2024, 1, 1)
VERIFIED_SPAN_DAYS = 1000

# Every table written, in import order, with its columns (HSDS ones first, then the English ones).
_TABLES = {
    "taxonomy": ("taxonomies.csv", "id name description uri version description_en"),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id code name description parent_id taxonomy language taxonomy_id name_en description_en",
    ),
    "organization": (
        "organizations.csv",
        "id name alternate_name description email website year_incorporated name_en description_en",
    ),
    "service": (
        "services.csv",
        "id organization_id name description url email status application_process fees_description"
        " eligibility_description minimum_age maximum_age assured_date name_en description_en"
        " application_process_en fees_description_en eligibility_description_en",
    ),
    "location": (
        "locations.csv",
        "id location_type organization_id name description latitude longitude name_en description_en",
    ),
    "service_at_location": ("service_at_location.csv", "id service_id location_id"),
    "address": (
        "addresses.csv",
        "id location_id address_1 city region state_province postal_code country address_type",
    ),
    "phone": ("phones.csv", "id organization_id service_id number type description description_en"),
    "schedule": ("schedules.csv", "id service_id freq byday opens_at closes_at description description_en"),
    "service_area": (
        "service_areas.csv",
        "id service_id name description extent extent_type name_en description_en",
    ),
    "language": ("languages.csv", "id service_id name code name_en"),
    "cost_option": (
        "cost_options.csv",
        "id service_id option currency amount amount_description option_en amount_description_en",
    ),
    "required_document": ("required_documents.csv", "id service_id document document_en"),
    "attribute": ("attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
}
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    resource: (file_name, tuple(columns.split())) for resource, (file_name, columns) in _TABLES.items()
}

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
SERVICES_PER_ORGANIZATION = ((1, 30), (2, 25), (3, 20), (4, 12), (5, 8), (6, 5))  # mean about 2.5
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


def uid(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


def term_id(taxonomy: str, code: str) -> str:
    return uid("term", f"{taxonomy}/{code}")


# --- writing ---------------------------------------------------------------------------------------------


class PackageWriter:
    """One open CSV writer per table; rows go straight to disk, and are counted."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> PackageWriter:
        self.out.mkdir(parents=True, exist_ok=True)
        for resource, (file_name, columns) in TABLES.items():
            handle: IO[str] = self._stack.enter_context(
                (self.out / file_name).open("w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            self._writers[resource] = writer
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def row(self, resource: str, values: dict[str, Any]) -> None:
        columns = TABLES[resource][1]
        self._writers[resource].writerow(["" if values.get(c) is None else values[c] for c in columns])
        self.counts[resource] += 1


def write_descriptor(out: Path) -> None:
    resources = [
        {
            "name": resource,
            "path": file_name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        for resource, (file_name, _columns) in TABLES.items()
    ]
    descriptor = {
        "name": "carrefour-bench",
        "title": "Carrefour benchmark directory (synthetic, Greater Montréal)",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")


# --- the directory ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Text:
    """A text in French and English; `mode` says which of them the row carries."""

    fr: str
    en: str

    def columns(self, name: str, mode: str) -> dict[str, str]:
        return {name: self.fr if mode != "en" else "", f"{name}_en": self.en if mode != "fr" else ""}


@dataclass(slots=True)
class Place:
    id: str
    lat: float | None
    lon: float | None
    area: Area | None
    virtual: bool = False


@dataclass(slots=True)
class Organization:
    id: str
    index: int
    name: Text
    place_name: str
    email: str
    website: str
    places: list[Place] = field(default_factory=list)
    virtual_place: Place | None = None


class DirectoryBuilder:
    def __init__(self, rng: random.Random, writer: PackageWriter) -> None:
        self.rng = rng
        self.writer = writer
        self.picker = PlacePicker(rng)
        self.terms = core_terms()
        needs = [t for t in self.terms if t.taxonomy == "needs"]
        self.needs_codes = [t.code for t in needs]
        self.children = {t.code: [c.code for c in needs if c.parent == t.code] for t in needs}
        self.family = {t.code: t.parent or t.code for t in needs}
        self.weighted_needs = [(c, NEED_WEIGHTS.get(c, FAMILY_WEIGHT)) for c in self.needs_codes]
        self.situations = [
            t.code for t in self.terms if t.taxonomy == "eligibility" and t.group == "situation"
        ]
        self.documents = [t.code for t in self.terms if t.taxonomy == "documents"]

    # --- whole directory ---------------------------------------------------------------------------------

    def build(self, size: int) -> None:
        self.write_taxonomy()
        made = organization = 0
        while made < size:
            count = min(self.pick_weighted(SERVICES_PER_ORGANIZATION), size - made)
            org = self.write_organization(organization)
            for offset in range(count):
                self.write_service(org, made + offset)
            made += count
            organization += 1

    def write_taxonomy(self) -> None:
        names = {
            "needs": Text("Besoins : ce qu'une personne cherche.", "Needs: what a person is looking for."),
            "eligibility": Text(
                "Admissibilité : à qui un service est réservé.", "Eligibility: who a service is for."
            ),
            "features": Text(
                "Caractéristiques : comment le service est offert.", "Features: how it is delivered."
            ),
            "documents": Text("Documents demandés.", "Documents asked for."),
        }
        for name, description in names.items():
            self.writer.row(
                "taxonomy",
                {
                    "id": uid("taxonomy", name),
                    "name": name,
                    "version": "1.0",
                    **description.columns("description", "both"),
                },
            )
        for term in self.terms:
            self.writer.row("taxonomy_term", self.term_row(term))

    @staticmethod
    def term_row(term: CoreTerm) -> dict[str, Any]:
        return {
            "id": term_id(term.taxonomy, term.code),
            "code": term.code,
            "name": term.label_fr,
            "name_en": term.label_en,
            "description": term.label_fr,
            "description_en": term.label_en,
            "parent_id": term_id(term.taxonomy, term.parent) if term.parent else "",
            "taxonomy": term.taxonomy,
            "language": "fr",
            "taxonomy_id": uid("taxonomy", term.taxonomy),
        }

    # --- organizations and places ------------------------------------------------------------------------

    def write_organization(self, index: int) -> Organization:
        rng = self.rng
        area = self.picker.borough()
        place_name = rng.choice(area.borough.neighbourhoods)
        pattern = rng.choice(V.ORGANIZATIONS)
        name = Text(pattern[0].format(place=place_name), pattern[1].format(place=place_name))
        year = rng.randrange(1965, 2022)
        what = [rng.choice(V.ORGANIZATION_WHAT) for _ in range(2)]
        description = Text(
            " ".join(dict.fromkeys(w[0].format(place=place_name, year=year) for w in what)),
            " ".join(dict.fromkeys(w[1].format(place=place_name, year=year) for w in what)),
        )
        slug = f"org-{index}"
        org = Organization(
            id=uid("organization", index),
            index=index,
            name=name,
            place_name=place_name,
            email=f"info@{slug}.example.org",
            website=f"https://{slug}.example.org",
        )
        mode = self.language_mode()
        self.writer.row(
            "organization",
            {
                "id": org.id,
                "email": org.email,
                "website": org.website,
                "year_incorporated": year,
                **name.columns("name", mode),
                **description.columns("description", mode),
            },
        )
        self.writer.row(
            "phone",
            {
                "id": uid("phone", f"org/{index}"),
                "organization_id": org.id,
                "number": self.phone_number(),
                "type": "voice",
                **Text("Accueil", "Reception").columns("description", "both"),
            },
        )
        for number in range(self.pick_weighted(LOCATIONS_PER_ORGANIZATION)):
            # A second or third place is usually elsewhere on the island.
            place_area = area if number == 0 or rng.random() < 0.3 else self.picker.borough()
            org.places.append(self.write_place(org, number, place_area))
        return org

    def write_place(self, org: Organization, number: int, area: Area) -> Place:
        lat, lon = self.picker.point(area)
        place = Place(uid("location", f"{org.index}/{number}"), lat, lon, area)
        hood = self.rng.choice(area.borough.neighbourhoods)
        name = Text(f"{org.name.fr} – {hood}", f"{org.name.en} – {hood}") if number else org.name
        self.writer.row(
            "location",
            {
                "id": place.id,
                "location_type": "physical",
                "organization_id": org.id,
                "latitude": f"{lat:.6f}",
                "longitude": f"{lon:.6f}",
                **name.columns("name", "both"),
            },
        )
        self.writer.row(
            "address",
            {
                "id": uid("address", place.id),
                "location_id": place.id,
                "address_1": self.picker.street_address(),
                "city": area.borough.city,
                "region": area.borough.name if area.borough.city == "Montréal" else "",
                "state_province": "QC",
                "postal_code": self.picker.postal_code(area),
                "country": "CA",
                "address_type": "physical",
            },
        )
        if self.rng.random() < 0.4:
            self.write_attribute(place.id, "location", "features", "wheelchair-accessible")
        return place

    def virtual_place(self, org: Organization) -> Place:
        if org.virtual_place is None:
            org.virtual_place = Place(uid("location", f"{org.index}/virtual"), None, None, None, virtual=True)
            self.writer.row(
                "location",
                {
                    "id": org.virtual_place.id,
                    "location_type": "virtual",
                    "organization_id": org.id,
                    **Text(f"{org.name.fr} – en ligne", f"{org.name.en} – online").columns("name", "both"),
                },
            )
        return org.virtual_place

    # --- services ----------------------------------------------------------------------------------------

    def write_service(self, org: Organization, index: int) -> None:
        rng = self.rng
        sid = uid("service", index)
        # The first services take every needs code in turn, so even a small directory covers them all.
        code = (
            self.needs_codes[index]
            if index < len(self.needs_codes)
            else self.pick_weighted(self.weighted_needs)
        )
        codes = self.extra_codes(code)
        leaf = self.leaf_of(code)
        mode = self.language_mode()
        name = self.service_name(leaf, org)
        description = self.service_description(leaf)
        ages = self.ages(code)
        eligibility = self.eligibility(code)
        remote = rng.random() < (0.8 if code in REMOTE_NEEDS else 0.025)
        cost = self.write_costs(sid)
        self.writer.row(
            "service",
            {
                "id": sid,
                "organization_id": org.id,
                "url": f"{org.website}/services/{index}",
                "email": org.email,
                "status": "inactive" if rng.random() < 0.03 else "active",
                "minimum_age": "" if ages[0] is None else ages[0],
                "maximum_age": "" if ages[1] is None else ages[1],
                "assured_date": (
                    FIRST_VERIFIED + timedelta(days=rng.randrange(VERIFIED_SPAN_DAYS))
                ).isoformat(),
                **name.columns("name", mode),
                **description.columns("description", mode),
                **rng.choice(APPLICATION).columns("application_process", mode),
                **(cost.columns("fees_description", mode) if cost else {}),
                **self.eligibility_text(eligibility, ages).columns("eligibility_description", mode),
            },
        )
        for need in codes:
            self.write_attribute(sid, "service", "needs", need)
        for code_ in eligibility:
            self.write_attribute(sid, "service", "eligibility", code_)
        places = [self.virtual_place(org)] if remote else self.service_places(org)
        for place in places:
            self.writer.row(
                "service_at_location",
                {"id": uid("sal", f"{sid}/{place.id}"), "service_id": sid, "location_id": place.id},
            )
        self.write_features(sid, code, remote)
        self.write_schedules(sid, code)
        self.write_languages(sid, mode)
        self.write_documents(sid)
        if not remote and rng.random() < 0.10:
            self.write_service_area(sid, places[0])
        if rng.random() < 0.4:
            self.writer.row(
                "phone",
                {
                    "id": uid("phone", f"service/{index}"),
                    "service_id": sid,
                    "number": self.phone_number(),
                    "type": "voice",
                },
            )

    def extra_codes(self, code: str) -> list[str]:
        """The main code, and sometimes a sibling or a code of another family (a service does several
        things)."""
        codes = [code]
        if self.rng.random() < 0.35:
            siblings = [c for c in self.children.get(self.family[code], []) if c != code]
            codes.append(self.rng.choice(siblings) if siblings else self.pick_weighted(self.weighted_needs))
        if self.rng.random() < 0.10:
            codes.append(self.pick_weighted(self.weighted_needs))
        return list(dict.fromkeys(codes))

    def leaf_of(self, code: str) -> str:
        """A code with its own words: a family code borrows the words of one of its children."""
        children = self.children.get(code)
        return self.rng.choice(children) if children else code

    def service_name(self, leaf: str, org: Organization) -> Text:
        fr, en = self.rng.choice(V.NAMES[leaf])
        if self.rng.random() < 0.3:
            return Text(f"{fr} – {org.place_name}", f"{en} – {org.place_name}")
        return Text(fr, en)

    def service_description(self, leaf: str) -> Text:
        rng = self.rng
        what = rng.sample(V.WHAT[leaf], k=min(len(V.WHAT[leaf]), rng.randint(1, 2)))
        generic = rng.sample(V.GENERIC, k=rng.randint(1, 4))
        sentences = what + generic
        return Text(" ".join(s[0] for s in sentences), " ".join(s[1] for s in sentences))

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

    def eligibility_text(self, codes: Sequence[str], ages: tuple[int | None, int | None]) -> Text:
        parts = [V.ELIGIBILITY[c] for c in codes]
        low, high = ages
        if low is not None and high is not None:
            parts.append((f"Âge : de {low} à {high} ans.", f"Ages {low} to {high}."))
        elif low is not None:
            parts.append((f"À partir de {low} ans.", f"Ages {low} and up."))
        return Text(" ".join(p[0] for p in parts), " ".join(p[1] for p in parts))

    def service_places(self, org: Organization) -> list[Place]:
        if len(org.places) > 1 and self.rng.random() < 0.25:
            return self.rng.sample(org.places, k=2)
        return [self.rng.choice(org.places)]

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
            self.write_attribute(sid, "service", "features", feature)

    def write_schedules(self, sid: str, code: str) -> None:
        for number, (byday, opens, closes) in enumerate(self.weekly_hours(code)):
            self.writer.row(
                "schedule",
                {
                    "id": uid("schedule", f"{sid}/{number}"),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": byday,
                    "opens_at": opens,
                    "closes_at": closes,
                },
            )

    def weekly_hours(self, code: str) -> list[tuple[str, str, str]]:
        """About 85 % of services have hours: office hours mostly, some evenings and weekends, overnight
        shelters, and about 2 % open round the clock."""
        rng = self.rng
        draw = rng.random()
        if (code == "crisis-line" and draw < 0.7) or draw < 0.015:
            return [(ALL_DAYS, "00:00", "23:59")]
        if (code == "emergency-shelter" and draw < 0.7) or draw < 0.025:
            return [
                (
                    ALL_DAYS if rng.random() < 0.8 else "FR,SA",
                    rng.choice(("19:00", "20:00", "21:00")),
                    rng.choice(("07:00", "08:00")),
                )
            ]
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
        for code, (_fr, _en, share) in V.LANGUAGES.items():
            if (code == "en" and mode == "en") or self.rng.random() < share:
                codes.append(code)
        for code in codes or ["fr"]:
            fr, en = ("Français", "French") if code == "fr" else V.LANGUAGES[code][:2]
            self.writer.row(
                "language",
                {
                    "id": uid("language", f"{sid}/{code}"),
                    "service_id": sid,
                    "code": code,
                    "name": fr,
                    "name_en": en,
                },
            )

    def write_costs(self, sid: str) -> Text | None:
        """Free for most (amount 0), a fee for some, nothing said for the rest; the fee's words come back
        for the service's `fees_description`."""
        draw = self.rng.random()
        if draw < 0.70:
            self.writer.row(
                "cost_option",
                {
                    "id": uid("cost", sid),
                    "service_id": sid,
                    "currency": "CAD",
                    "amount": "0.00",
                    **Text("Gratuit", "Free").columns("option", "both"),
                },
            )
            return None
        if draw < 0.82:
            amount = self.rng.choice((2, 5, 10, 15, 20, 25, 40, 60))
            fee = Text(f"Contribution de {amount} $ par visite.", f"A ${amount} contribution per visit.")
            self.writer.row(
                "cost_option",
                {
                    "id": uid("cost", sid),
                    "service_id": sid,
                    "currency": "CAD",
                    "amount": f"{amount}.00",
                    **Text("Contribution", "Fee").columns("option", "both"),
                    **fee.columns("amount_description", "both"),
                },
            )
            return fee
        return None

    def write_documents(self, sid: str) -> None:
        if self.rng.random() >= 0.20:
            return
        for code in self.rng.sample(self.documents, k=self.rng.randint(1, 2)):
            self.write_attribute(sid, "service", "documents", code)
            fr, en = V.DOCUMENTS[code]
            self.writer.row(
                "required_document",
                {
                    "id": uid("document", f"{sid}/{code}"),
                    "service_id": sid,
                    "document": fr,
                    "document_en": en,
                },
            )

    def write_service_area(self, sid: str, place: Place) -> None:
        """The borough of the place (its real boundary) or a small square around it."""
        assert place.area is not None and place.lat is not None and place.lon is not None
        borough = place.area.borough
        extent = boundary_extent(borough.name) if self.rng.random() < 0.6 else None
        name = Text(borough.name, borough.name)
        if extent is None:
            half = self.rng.choice((0.02, 0.03, 0.05))
            lat, lon = place.lat, place.lon
            ring = [
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half],
            ]
            square = {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}
            extent = json.dumps(square, separators=(",", ":"))
            name = Text(f"Secteur de {borough.name}", f"{borough.name} area")
        description = Text(f"Réservé aux résidents : {name.fr}.", f"For residents of: {name.en}.")
        self.writer.row(
            "service_area",
            {
                "id": uid("area", sid),
                "service_id": sid,
                "extent": extent,
                "extent_type": "geojson",
                **name.columns("name", "both"),
                **description.columns("description", "both"),
            },
        )

    # --- small things ------------------------------------------------------------------------------------

    def write_attribute(self, link_id: str, entity: str, taxonomy: str, code: str) -> None:
        self.writer.row(
            "attribute",
            {
                "id": uid("attribute", f"{link_id}/{taxonomy}/{code}"),
                "link_id": link_id,
                "taxonomy_term_id": term_id(taxonomy, code),
                "link_entity": entity,
            },
        )

    def language_mode(self) -> str:
        """both (90 %), French only (8 %) or English only (2 %)."""
        draw = self.rng.random()
        return "fr" if draw < 0.08 else "en" if draw < 0.10 else "both"

    def phone_number(self) -> str:
        return f"{self.rng.choice(('514', '438'))}-555-{self.rng.randrange(100, 200):04d}"

    def pick_weighted(self, choices: Sequence[tuple[Any, float]]) -> Any:
        values, weights = zip(*choices, strict=True)
        return self.rng.choices(values, weights=weights)[0]


APPLICATION: tuple[Text, ...] = (
    Text("Présentez-vous sur place avec vos documents.", "Come in person with your documents."),
    Text("Appelez pour prendre rendez-vous.", "Call to book an appointment."),
    Text("Remplissez le formulaire en ligne ou appelez-nous.", "Fill in the online form or call us."),
    Text("Sur référence d'un intervenant du CLSC.", "On referral from a CLSC worker."),
)


def generate(size: int, out: Path, seed: int = 42) -> dict[str, int]:
    """Write a package of `size` services to `out`; return the rows written per table."""
    rng = random.Random(seed)
    with PackageWriter(out) as writer:
        DirectoryBuilder(rng, writer).build(size)
    write_descriptor(out)
    return dict(writer.counts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic HSDS 3.0 directory for the benchmark.")
    parser.add_argument("--size", type=int, required=True, help="number of services")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    counts = generate(args.size, args.out, args.seed)
    print(", ".join(f"{name}={count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
