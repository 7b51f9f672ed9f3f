"""Check the demo datapackage against the official HSDS 3.0 columns and the facts the demo promises.

    python -m bench.synthetic.check_demo [--data DIR]

Prints a summary of counts and every problem found; exits 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import unary_union

from app.core.hours import DAYS
from app.data import BOROUGHS_GEOJSON, TAXONOMY_CSV
from app.demo.load import DEMO_DIR
from bench.synthetic.package import RESOURCES, header, load_official, read_csv, translatable

Row = dict[str, str]

POSTAL_CODE = re.compile(r"^[A-Z]\d[A-Z] \d[A-Z]\d$")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ALL_WEEK = ",".join(DAYS)
FAMILY_KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # needs code -> (French words, English words): one of each must be in the service's text
    "food-bank": (("banque alimentaire",), ("food bank",)),
    "shelter": (("hébergement",), ("shelter",)),
    "dental-care": (("dentiste", "soins dentaires"), ("dentist", "dental")),
    "daycare": (("garderie", "cpe"), ("daycare",)),
}


class Checker:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.official = load_official()
        self.problems: list[str] = []
        self.tables: dict[str, list[Row]] = {}
        self.summary: dict[str, object] = {}

    def problem(self, text: str) -> None:
        self.problems.append(text)

    # structure ----------------------------------------------------------------------------------------

    def load(self) -> None:
        package_path = self.data / "datapackage.json"
        if not package_path.is_file():
            self.problem("datapackage.json is missing")
            return
        package = json.loads(package_path.read_text(encoding="utf-8"))
        listed = {r["name"]: r for r in package.get("resources", [])}
        for key in ("name", "title", "description", "licenses", "sources", "resources"):
            if key not in package:
                self.problem(f"datapackage.json: no {key!r}")
        for name in RESOURCES:
            resource = self.official[name]
            path = self.data / resource["path"]
            if not path.is_file():
                self.problem(f"{resource['path']} is missing")
                continue
            raw = path.read_bytes()
            if raw.startswith(b"\xef\xbb\xbf"):
                self.problem(f"{path.name}: starts with a byte order mark")
            if b"\r\n" in raw:
                self.problem(f"{path.name}: CRLF line ends")
            head, rows = read_csv(path)
            expected = header(resource)
            if head != expected:
                self.problem(f"{path.name}: header {head} != expected {expected}")
            self.tables[name] = rows
            self.check_descriptor(name, listed.get(name), expected)

    def check_descriptor(self, name: str, listed: dict[str, object] | None, expected: list[str]) -> None:
        if listed is None:
            self.problem(f"datapackage.json does not list {name}")
            return
        if listed.get("path") != self.official[name]["path"]:
            self.problem(f"datapackage.json: {name} path {listed.get('path')}")
        schema = listed.get("schema")
        fields = [f["name"] for f in schema["fields"]] if isinstance(schema, dict) else []
        if fields != expected:
            self.problem(f"datapackage.json: {name} fields differ from the CSV header")
        official_schema = self.official[name]["schema"]
        if isinstance(schema, dict) and schema.get("foreignKeys", []) != official_schema.get(
            "foreignKeys", []
        ):
            self.problem(f"datapackage.json: {name} foreign keys differ from the official ones")

    def check_rows(self) -> None:
        ids: dict[str, set[str]] = {}
        for name, rows in self.tables.items():
            resource = self.official[name]
            file = resource["path"]
            translated = set(translatable().get(name, ()))
            seen: set[str] = set()
            unique_values: dict[str, Counter[str]] = defaultdict(Counter)
            for number, row in enumerate(rows, start=2):
                try:
                    uuid.UUID(row["id"])
                except ValueError:
                    self.problem(f"{file}:{number}: id {row['id']!r} is not a UUID")
                if row["id"] in seen:
                    self.problem(f"{file}:{number}: duplicate id {row['id']}")
                seen.add(row["id"])
                for field in resource["schema"]["fields"]:
                    column, constraints = field["name"], field.get("constraints", {})
                    value = row.get(column, "")
                    # English-only rows leave the French HSDS text empty and fill `<field>_en`.
                    english_only = column in translated and bool(row.get(f"{column}_en"))
                    if constraints.get("required") and not value and not english_only:
                        self.problem(f"{file}:{number}: required {column} is empty")
                    if value and "enum" in constraints and value not in constraints["enum"]:
                        self.problem(f"{file}:{number}: {column}={value!r} not in {constraints['enum']}")
                    if value and constraints.get("unique") and column != "id":
                        unique_values[column][value] += 1
                    if value and field.get("format") == "uuid":
                        try:
                            uuid.UUID(value)
                        except ValueError:
                            self.problem(f"{file}:{number}: {column} {value!r} is not a UUID")
                    if value and field["type"] == "number":
                        try:
                            float(value)
                        except ValueError:
                            self.problem(f"{file}:{number}: {column} {value!r} is not a number")
            for column, counter in unique_values.items():
                for value, count in counter.items():
                    if count > 1:
                        self.problem(f"{file}: {column} {value!r} is used {count} times but must be unique")
            ids[name] = seen
        self.ids = ids

    def check_references(self) -> None:
        for name, rows in self.tables.items():
            schema = self.official[name]["schema"]
            links = [(fk["fields"], fk["reference"]["resource"]) for fk in schema.get("foreignKeys", [])]
            if name == "taxonomy_term":
                links.append(("parent_id", "taxonomy_term"))
            if name == "organization":
                links.append(("parent_organization_id", "organization"))
            for column, target in links:
                known = self.ids.get(target, set())
                for row in rows:
                    if row.get(column) and row[column] not in known:
                        self.problem(f"{self.official[name]['path']}: {column} {row[column]} points nowhere")
        for row in self.tables.get("attribute", []):
            entity = row["link_entity"]
            if entity not in self.ids:
                self.problem(f"attributes.csv: link_entity {entity!r} is not a table of the demo")
            elif row["link_id"] not in self.ids[entity]:
                self.problem(f"attributes.csv: link_id {row['link_id']} is not a {entity}")

    # values -------------------------------------------------------------------------------------------

    def check_places(self) -> None:
        with BOROUGHS_GEOJSON.open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        island = unary_union([shape(f["geometry"]) for f in features])
        without = 0
        for row in self.tables.get("location", []):
            lat, lon = row["latitude"], row["longitude"]
            if row["location_type"] == "virtual":
                if lat or lon:
                    self.problem(f"locations.csv: virtual location {row['id']} has coordinates")
                continue
            if not lat and not lon:
                without += 1
                continue
            if not (lat and lon):
                self.problem(f"locations.csv: {row['id']} has only one coordinate")
                continue
            if len(lat.split(".")[-1]) != 6 or len(lon.split(".")[-1]) != 6:
                self.problem(f"locations.csv: {row['id']} coordinates do not have 6 decimals")
            if not island.contains(Point(float(lon), float(lat))):
                self.problem(f"locations.csv: {row['id']} ({lat}, {lon}) is outside the agglomeration")
        self.summary["physical locations without coordinates"] = without
        located = {r["location_id"] for r in self.tables.get("address", [])}
        for row in self.tables.get("location", []):
            if row["location_type"] == "physical" and row["id"] not in located:
                self.problem(f"locations.csv: physical location {row['id']} has no address")
        for row in self.tables.get("address", []):
            if not POSTAL_CODE.match(row["postal_code"]):
                self.problem(f"addresses.csv: postal code {row['postal_code']!r}")
            if (row["state_province"], row["country"], row["address_type"]) != ("QC", "CA", "physical"):
                self.problem(f"addresses.csv: {row['id']} is not a physical address in QC, CA")

    def check_schedules(self) -> None:
        for row in self.tables.get("schedule", []):
            where = f"schedules.csv: {row['id']}"
            if row["freq"] != "WEEKLY":
                self.problem(f"{where}: freq {row['freq']!r}")
            if not row["byday"] or not set(row["byday"].split(",")) <= set(DAYS):
                self.problem(f"{where}: byday {row['byday']!r}")
            for column in ("opens_at", "closes_at"):
                if not HHMM.match(row[column]):
                    self.problem(f"{where}: {column} {row[column]!r} is not HH:MM")
            if not (row["service_id"] or row["service_at_location_id"] or row["location_id"]):
                self.problem(f"{where}: linked to nothing")

    # the promised facts -------------------------------------------------------------------------------

    def check_counts(self) -> None:
        services = {r["id"]: r for r in self.tables.get("service", [])}
        terms = {r["id"]: r for r in self.tables.get("taxonomy_term", [])}
        taxonomies = {r["name"] for r in self.tables.get("taxonomy", [])}
        if taxonomies != {"needs", "eligibility", "features", "documents"}:
            self.problem(f"taxonomies.csv: names {sorted(taxonomies)}")
        with TAXONOMY_CSV.open(encoding="utf-8", newline="") as handle:
            core = list(csv.DictReader(handle))
        by_code = {(t["taxonomy"], t["code"]): t for t in terms.values()}
        for term in core:
            row = by_code.get((term["taxonomy"], term["code"]))
            if row is None:
                self.problem(f"taxonomy_terms.csv: no term {term['taxonomy']}:{term['code']}")
            elif (row["name"], row["name_en"]) != (term["label_fr"], term["label_en"]):
                self.problem(f"taxonomy_terms.csv: labels of {term['code']} differ from the core taxonomy")
        parents = {t["code"]: t["parent"] for t in core if t["taxonomy"] == "needs"}

        tags: dict[str, dict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )  # service -> taxonomy -> codes
        location_features: dict[str, set[str]] = defaultdict(set)
        for row in self.tables.get("attribute", []):
            term = terms.get(row["taxonomy_term_id"])
            if term is None:
                continue
            if row["link_entity"] == "service":
                tags[row["link_id"]][term["taxonomy"]].add(term["code"])
            elif row["link_entity"] == "location":
                location_features[row["link_id"]].add(term["code"])

        sals: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables.get("service_at_location", []):
            sals[row["service_id"]].append(row)
        locations = {r["id"]: r for r in self.tables.get("location", [])}
        for service_id in services:
            if not sals[service_id]:
                self.problem(f"services.csv: {service_id} has no service_at_location")

        def remote(service_id: str) -> bool:
            kinds = {locations[s["location_id"]]["location_type"] for s in sals[service_id]}
            return kinds == {"virtual"} or "virtual" in tags[service_id]["features"]

        sal_service = {s["id"]: s["service_id"] for rows in sals.values() for s in rows}
        schedules: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables.get("schedule", []):
            owner = row["service_id"] or sal_service.get(row["service_at_location_id"], "")
            schedules[owner].append(row)
        always = {
            sid
            for sid, rows in schedules.items()
            if any(
                r["byday"] == ALL_WEEK and (r["opens_at"], r["closes_at"]) == ("00:00", "23:59") for r in rows
            )
        }
        lines = [sid for sid in services if sid in always and remote(sid)]
        other_remote = [sid for sid in services if remote(sid) and sid not in always]

        # needs coverage
        per_code: Counter[str] = Counter()
        active_per_code: Counter[str] = Counter()
        families: set[str] = set()
        family_only = 0
        for sid, row in services.items():
            codes = tags[sid]["needs"]
            if not codes or len(codes) > 2:
                self.problem(f"services.csv: {sid} has {len(codes)} needs codes")
            if codes and all(not parents.get(c) for c in codes):
                family_only += 1
            for code in codes:
                per_code[code] += 1
                if row["status"] == "active":
                    active_per_code[code] += 1
                families.add(parents.get(code) or code)
        for code, parent in parents.items():
            if parent and active_per_code[code] < 2:
                self.problem(f"needs {code}: {active_per_code[code]} active services (want 2 or more)")
            if not parent and code not in families:
                self.problem(f"needs family {code} has no service")

        # the words a search must find
        keyword_hits: Counter[str] = Counter()
        for sid, row in services.items():
            fr_text = " ".join(row[c] for c in ("name", "alternate_name", "description")).lower()
            en_text = " ".join(row[f"{c}_en"] for c in ("name", "alternate_name", "description")).lower()
            codes = tags[sid]["needs"]
            for key, (fr_words, en_words) in FAMILY_KEYWORDS.items():
                if (
                    key in codes
                    or parents.get(next(iter(codes), "")) == key
                    or any(parents.get(c) == key for c in codes)
                ):
                    keyword_hits[key] += 1
                    if fr_text.strip() and not any(w in fr_text for w in fr_words):
                        self.problem(f"services.csv: {sid} ({key}) does not say {fr_words} in French")
                    if en_text.strip() and not any(w in en_text for w in en_words):
                        self.problem(f"services.csv: {sid} ({key}) does not say {en_words} in English")

        statuses = Counter(r["status"] for r in services.values())
        with_ages = sum(bool(r["minimum_age"] or r["maximum_age"]) for r in services.values())
        with_eligibility = sum(bool(tags[s]["eligibility"]) for s in services)
        with_documents = sum(bool(tags[s]["documents"]) for s in services)
        areas = {r["service_id"] for r in self.tables.get("service_area", [])}
        french_only = sum(bool(r["name"]) and not r["name_en"] for r in services.values())
        english_only = sum(not r["name"] and bool(r["name_en"]) for r in services.values())
        physical = [r for r in locations.values() if r["location_type"] == "physical"]
        accessible = sum("wheelchair-accessible" in location_features[r["id"]] for r in physical)
        costs = defaultdict(list)
        for row in self.tables.get("cost_option", []):
            costs[row["service_id"]].append(row)
        free = sum(any(c["amount"] and float(c["amount"]) == 0 for c in costs[s]) for s in services)
        paid = sum(
            bool(costs[s]) and all(c["amount"] and float(c["amount"]) > 0 for c in costs[s]) for s in services
        )
        assured = [r["assured_date"] for r in services.values() if r["assured_date"]]
        old = sum(d < "2025-11-22" for d in assured)
        bad_dates = [d for d in assured if not "2024-01-01" <= d <= "2026-11-15"]
        if bad_dates:
            self.problem(f"services.csv: assured dates out of range: {bad_dates[:3]}")
        languages = Counter(r["code"] for r in self.tables.get("language", []))
        for code in languages:
            if not re.fullmatch(r"[a-z]{2}", code):
                self.problem(f"languages.csv: code {code!r} is not ISO 639-1")
        self.check_areas(areas, sals, locations)

        n = len(services)
        wants = [
            ("services", n, 320),
            ("organizations", len(self.tables.get("organization", [])), 125),
            ("inactive, temporarily closed or defunct services", n - statuses["active"], 6),
            ("24/7 phone or online lines", len(lines), 5),
            ("other remote services", len(other_remote), 10),
            ("dental services", keyword_hits["dental-care"], 4),
            ("daycares", keyword_hits["daycare"], 6),
            ("services with a service area", len(areas), round(0.08 * n)),
            ("services with age limits", with_ages, round(0.25 * n)),
            ("services with eligibility restrictions", with_eligibility, round(0.25 * n)),
            ("services with document requirements", with_documents, round(0.2 * n)),
        ]
        for label, value, minimum in wants:
            if value < minimum:
                self.problem(f"{label}: {value} (want {minimum} or more)")
        self.summary.update(
            {
                "organizations": len(self.tables.get("organization", [])),
                "services": n,
                "statuses": dict(sorted(statuses.items())),
                "services tagged with a needs family only": family_only,
                "services per needs code (min, max)": (min(per_code.values()), max(per_code.values())),
                "24/7 lines": len(lines),
                "other remote services": len(other_remote),
                "food banks / shelters / dental / daycares": tuple(
                    keyword_hits[k] for k in ("food-bank", "shelter", "dental-care", "daycare")
                ),
                "with age limits": with_ages,
                "with eligibility restrictions": with_eligibility,
                "with document requirements": with_documents,
                "with a service area": len(areas),
                "free / paid / cost unknown": (free, paid, n - free - paid),
                "French only / English only": (french_only, english_only),
                "with a schedule": sum(1 for s in services if schedules.get(s)),
                "assured: recent / older than a year / none": (len(assured) - old, old, n - len(assured)),
                "locations: physical / virtual": (len(physical), len(locations) - len(physical)),
                "wheelchair-accessible physical locations": accessible,
                "languages other than fr and en": len(set(languages) - {"fr", "en"}),
            }
        )

    def check_areas(self, areas: set[str], sals: dict[str, list[Row]], locations: dict[str, Row]) -> None:
        extents: dict[str, list[object]] = defaultdict(list)
        for row in self.tables.get("service_area", []):
            if row["extent_type"] != "geojson":
                self.problem(f"service_areas.csv: {row['id']} extent_type {row['extent_type']!r}")
                continue
            geometry = json.loads(row["extent"])
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                self.problem(f"service_areas.csv: {row['id']} is a {geometry.get('type')}")
            extents[row["service_id"]].append(shape(geometry))
        for service_id in areas:
            for sal in sals[service_id]:
                location = locations[sal["location_id"]]
                if location["latitude"] and not any(
                    g.contains(Point(float(location["longitude"]), float(location["latitude"])))
                    for g in extents[service_id]
                ):
                    self.problem(
                        f"service {service_id}: location {location['id']} is outside its service area"
                    )

    def run(self) -> int:
        self.load()
        self.check_rows()
        self.check_references()
        self.check_places()
        self.check_schedules()
        self.check_counts()
        rows = ", ".join(f"{self.official[n]['path']}={len(r)}" for n, r in self.tables.items())
        print(f"rows: {rows}")
        for label, value in self.summary.items():
            print(f"{label}: {value}")
        for text in self.problems[:200]:
            print(f"PROBLEM {text}")
        if len(self.problems) > 200:
            print(f"... and {len(self.problems) - 200} more problems")
        print("OK" if not self.problems else f"{len(self.problems)} problem(s)")
        return 1 if self.problems else 0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEMO_DIR, help="datapackage folder (default: app/demo/data)"
    )
    args = parser.parse_args(argv)
    sys.exit(Checker(args.data).run())


if __name__ == "__main__":
    main()
