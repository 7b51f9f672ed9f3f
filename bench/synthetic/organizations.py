"""The demo's organizations and their sites: drawn kind by kind (organization_kinds.yaml) with a few named
ones (organizations.yaml), each with its physical sites, addresses, phones, accessibility, programs,
funders and contacts.

`DemoOrganizations` holds the state of a demo being made (the random stream, the rows, the geography);
`services.DemoServices` adds the services and `demo.DemoDirectory` the whole.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.synthetic.geography import Borough, Geography
from bench.synthetic.models import OrganizationKind, ServiceKind, T
from bench.synthetic.rows import Rows
from bench.synthetic.text import Row, acronym, fill, join, put, slugify
from bench.synthetic.words import words

DEMO_PREFIX = "https://carrefour.example/demo"


@dataclass(slots=True)
class Site:
    key: str
    row: Row
    borough: Borough | None  # None for a virtual location
    place: T


@dataclass(slots=True)
class Org:
    key: str
    kind: OrganizationKind | None  # None for the network
    name: T
    lang: str
    borough: Borough
    place: T
    row: Row
    sites: list[Site] = field(default_factory=list)
    virtual: Site | None = None
    services: list[Svc] = field(default_factory=list)
    main_phone: str = ""


@dataclass(slots=True)
class Svc:
    key: str
    org: Org
    kind: ServiceKind
    lang: str
    row: Row
    needs: tuple[str, ...]
    sals: list[tuple[Site, Row]] = field(default_factory=list)
    area: Borough | None = None
    remote: bool = False


def write_address(
    rows: Rows, geo: Geography, key: str, location_id: str, borough: Borough, lon: float, lat: float
) -> Row:
    """The postal address of a physical location, from its borough and coordinates."""
    address = rows.new("address", key)
    address.update(
        location_id=location_id,
        address_1=geo.street_address(borough),
        city=borough.city,
        region=borough.region,
        state_province="QC",
        postal_code=geo.postal_code(borough, lon, lat),
        country="CA",
        address_type="physical",
    )
    if geo.rng.random() < 0.2:
        address["address_2"] = geo.rng.choice(words().sentences.address_units) + str(geo.rng.randint(1, 320))
    return address


def write_virtual_location(rows: Rows, key: str, org: Row, name: T, lang: str, line: bool) -> Row:
    """Where an organization's remote services are: its phone line, or online and by phone."""
    sentences = words().sentences.virtual_site
    row = rows.new("location", key)
    row.update(location_type="virtual", organization_id=org["id"], url=org["website"])
    put(row, "name", fill(sentences.line if line else sentences.remote, org=name), lang)
    put(row, "description", sentences.description, lang)
    return row


def organization_text(rng: random.Random, kind: OrganizationKind, place: T, year: str) -> T:
    """A mission and a history: what an organization of this kind says of itself."""
    mission = fill(rng.choice(kind.missions), place=place)
    history = fill(rng.choice(words().sentences.histories), place=place, year=year)
    return join([mission, history])


class DemoOrganizations:
    def __init__(self, seed: int) -> None:
        self.words = words()
        self.rng = random.Random(seed)
        self.rows = Rows(DEMO_PREFIX)
        self.geo = Geography(self.rng)
        self.orgs: list[Org] = []
        self.services: list[Svc] = []
        self.used_names: set[str] = set()
        self.used_nicks: set[tuple[str, str]] = set()
        self.pinned_names = [p.name[0] or p.name[1] for p in self.words.organizations.pinned]
        self.phone_pool = [f"{area}5550{n:03d}" for area in ("514", "438") for n in range(100, 200)]
        self.rng.shuffle(self.phone_pool)
        # Local numbers kept for the 24/7 lines, which also answer by text.
        self.line_pool = [self.phone_pool.pop() for _ in range(12)]
        self.tollfree_pool = [
            f"{area}5550{n:03d}" for area in ("800", "866", "877", "888") for n in range(100, 200)
        ]
        self.rng.shuffle(self.tollfree_pool)

    # phones -------------------------------------------------------------------------------------------

    def take_phone(self, tollfree: bool = False) -> str | None:
        pool = self.tollfree_pool if tollfree else self.phone_pool
        return pool.pop() if pool else None

    def phone(
        self, key: str, digits: str, lang: str, description: T, kind: str = "voice", **links: str
    ) -> Row:
        style = self.rng.choices((0, 1, 2), (7, 2, 1))[0]
        return self.rows.phone(key, digits, lang, description, style, kind, **links)

    # organizations ------------------------------------------------------------------------------------

    def draw_name(self, kind: OrganizationKind, place: T) -> T:
        for _ in range(40):
            pattern = self.rng.choice(kind.names)
            nick = ""
            if "{nick}" in pattern[0]:
                free = [
                    n
                    for n in kind.nicks
                    if (kind.key, n) not in self.used_nicks
                    and not any(n in pinned for pinned in self.pinned_names)
                ]
                if not free:
                    continue
                nick = self.rng.choice(free)
            name = fill(pattern, place=place, nick=nick)
            if name[0] not in self.used_names:
                self.used_nicks.add((kind.key, nick))
                return name
        raise RuntimeError(f"no free name left for {kind.key}")

    def add_org(
        self,
        kind: OrganizationKind | None,
        name: T,
        borough: Borough,
        place: T,
        lang: str,
        description: T | None = None,
    ) -> Org:
        self.used_names.add(name[0] or name[1])
        slug = slugify(name[0] or name[1])
        row = self.rows.new("organization", slug)
        org = Org(slug, kind, name, lang, borough, place, row)
        year = str(self.rng.randint(1968, 2021))
        if description is None:
            assert kind is not None
            description = organization_text(self.rng, kind, place, year)
        put(row, "name", name, lang)
        put(row, "description", description, lang)
        initials = acronym(name[0] or name[1])
        if initials and self.rng.random() < 0.15:
            put(row, "alternate_name", (initials, initials), lang)
        row["email"] = f"info@{slug}.example.org"
        row["website"] = f"https://example.org/{slug}"
        if self.rng.random() < 0.8:
            row["year_incorporated"] = year
        self.orgs.append(org)
        return org

    def build_orgs(self) -> None:
        named = self.words.organizations
        borough = self.geo.boroughs[named.network.borough]
        network = self.add_org(
            None,
            named.network.name,
            borough,
            borough.place.neighbourhoods[0],
            "both",
            named.network.description,
        )
        self.add_sites(network, 1)
        kinds = list(self.words.organization_kinds.values())
        # A few small organizations work in French only: chosen before they are written.
        slots = [
            (kind.key, index)
            for kind in kinds
            if kind.key != "crisis_line"
            for index in range(len([p for p in named.pinned if p.kind == kind.key]), kind.count)
        ]
        french_only = set(self.rng.sample(slots, 6))
        for kind in kinds:
            pinned = [p for p in named.pinned if p.kind == kind.key]
            for index in range(kind.count):
                if index < len(pinned):
                    pin = pinned[index]
                    borough = self.geo.boroughs[pin.borough]
                    place = borough.place.neighbourhoods[0]
                    org = self.add_org(kind, pin.name, borough, place, pin.lang)
                    if pin.parent:
                        org.row["parent_organization_id"] = network.row["id"]
                else:
                    borough = self.geo.weighted_borough(kind.boroughs)
                    place = self.rng.choice(borough.place.neighbourhoods)
                    lang = "fr" if (kind.key, index) in french_only else "both"
                    org = self.add_org(kind, self.draw_name(kind, place), borough, place, lang)
                self.add_sites(org, self.rng.choice(kind.sites))

    # sites --------------------------------------------------------------------------------------------

    def add_sites(self, org: Org, count: int) -> None:
        sentences = self.words.sentences
        for index in range(count):
            borough = (
                org.borough if index == 0 or self.rng.random() < 0.5 else self.geo.neighbour(org.borough)
            )
            place = org.place if index == 0 else self.rng.choice(borough.place.neighbourhoods)
            key = f"{org.key}/site-{index + 1}"
            row = self.rows.new("location", key)
            row.update(location_type="physical", organization_id=org.row["id"])
            name = (
                org.name
                if index == 0
                else fill(("{org} – {place}", "{org} – {place}"), org=org.name, place=place)
            )
            put(row, "name", name, org.lang)
            if self.rng.random() < 0.3:
                put(row, "description", self.rng.choice(sentences.location_notes), org.lang)
            if self.rng.random() < 0.65:
                put(row, "transportation", self.transportation(borough), org.lang)
            lon, lat = self.geo.sample_point(borough)
            row["latitude"], row["longitude"] = f"{lat:.6f}", f"{lon:.6f}"
            write_address(self.rows, self.geo, key, row["id"], borough, lon, lat)
            org.sites.append(Site(key, row, borough, place))

    def transportation(self, borough: Borough) -> T:
        sentences = self.words.sentences.transportation
        if borough.place.metro and self.rng.random() < 0.8:
            station = self.rng.choice(borough.place.metro)
            minutes = self.rng.choice((2, 5, 8, 10))
            return fill(sentences.metro, minutes=str(minutes), station=station)
        return self.rng.choice(sentences.other)

    def virtual_site(self, org: Org, line: bool) -> Site:
        if org.virtual is None:
            key = f"{org.key}/virtual"
            row = write_virtual_location(self.rows, key, org.row, org.name, org.lang, line)
            org.virtual = Site(key, row, None, org.place)
        return org.virtual

    # organization-wide extras -------------------------------------------------------------------------

    def build_org_phones(self) -> None:
        phones = self.words.sentences.phones
        for org in self.orgs:
            org.main_phone = self.take_phone() or ""
            assert org.main_phone, "the phone pool is smaller than the organizations"
            self.phone(
                f"{org.key}/main", org.main_phone, org.lang, phones.reception, organization_id=org.row["id"]
            )
            if self.rng.random() < 0.15:
                fax = self.take_phone()
                if fax:
                    self.phone(
                        f"{org.key}/fax", fax, org.lang, phones.fax, kind="fax", organization_id=org.row["id"]
                    )
        # Second and third sites get their own line while the pool of fictional numbers lasts.
        for org in self.orgs:
            for site in org.sites[1:]:
                digits = self.take_phone()
                if digits:
                    self.phone(f"{site.key}/voice", digits, org.lang, phones.site, location_id=site.row["id"])

    def build_locations_extras(self) -> None:
        pools = self.words.sentences.accessibility
        physical = [(o, s) for o in self.orgs for s in o.sites]
        for org, site in physical:
            accessible = self.rng.random() < 0.55
            if accessible:
                self.rows.attribute("location", site.row["id"], "features", "wheelchair-accessible")
            if self.rng.random() < 0.4:
                chosen = self.rng.choice(pools.accessible if accessible else pools.not_accessible)
                row = self.rows.new("accessibility", site.key)
                row["location_id"] = site.row["id"]
                put(row, "description", chosen.description, org.lang)
                put(row, "details", chosen.details, org.lang)
        # A few addresses without coordinates, for the geocoder to place.
        for _, site in self.rng.sample(physical, 5):
            site.row["latitude"] = site.row["longitude"] = ""

    def build_programs(self) -> None:
        done: set[str] = set()
        for org in self.orgs:
            kind = org.kind
            if kind is None or kind.program is None or kind.key in done or len(org.services) < 3:
                continue
            if org.lang == "en":
                continue
            done.add(kind.key)
            row = self.rows.new("program", org.key)
            row["organization_id"] = org.row["id"]
            put(row, "name", kind.program.name, org.lang)
            put(row, "description", kind.program.description, org.lang)
            for svc in org.services[:3]:
                svc.row["program_id"] = row["id"]

    def build_funding_and_contacts(self) -> None:
        people = self.words.people
        for org in self.rng.sample(self.orgs, 12):
            row = self.rows.new("funding", org.key)
            row["organization_id"] = org.row["id"]
            put(row, "source", self.rng.choice(people.funders), org.lang)
        for svc in self.rng.sample([s for s in self.services if s.lang == "both"], 3):
            row = self.rows.new("funding", svc.key)
            row["service_id"] = svc.row["id"]
            put(row, "source", self.rng.choice(people.funders), svc.lang)
        for org in self.rng.sample(self.orgs, 15):
            row = self.rows.new("contact", org.key)
            person = self.rng.choice(people.people)
            first, last = person.split(" ", 1)
            row.update(
                organization_id=org.row["id"],
                name=person,
                email=f"{slugify(first)}.{slugify(last)}@{org.key}.example.org",
            )
            put(row, "title", people.director, org.lang)
