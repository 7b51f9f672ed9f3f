"""The demo's services: each organization offers the kinds its kind says (service_kinds.yaml), and each
service gets its needs, eligibility, sites or virtual location, text, costs, documents, languages, hours,
phones and contacts from the draws its kind allows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench.synthetic.hours import slot_text
from bench.synthetic.models import Restriction, ServiceKind, Slot, T
from bench.synthetic.organizations import DemoOrganizations, Org, Svc
from bench.synthetic.rows import Rows
from bench.synthetic.text import EMPTY, Row, age_text, fill, fmt_amount, join, language_list, put, slugify
from bench.synthetic.words import words

TODAY = date(2026, 11, 22)  # the demo's "now": assured dates are spread around it
ASSURED_FROM, ASSURED_TO = date(2024, 1, 1), date(2026, 11, 15)


def description(
    rng: random.Random, kind: ServiceKind, needs: tuple[str, ...], lead: T, **values: str | T
) -> T:
    """The lead, filled, and often one or two second sentences: the kind's own, else the remote ones,
    else those of its needs codes."""
    details = words().details
    parts = [fill(lead, **values)]
    if kind.key in details.by_kind:
        pools = [details.by_kind[kind.key]]
    elif kind.mode == "remote":
        pools = [details.remote]
    else:
        pools = [details.by_need[code] for code in needs]
    if rng.random() < 0.75:
        parts.append(rng.choice(pools[0]))
    if len(pools) > 1 and rng.random() < 0.5:
        second = rng.choice(pools[1])
        if second not in parts:
            parts.append(second)
    return join(parts)


def write_cost(
    rng: random.Random, rows: Rows, key: str, service: Row, profile: str, lang: str, tag_free: bool = True
) -> None:
    """The cost option of a cost profile (costs.yaml), and the service's fees in words; a free service is
    tagged with the feature `free` four times in ten when `tag_free`."""
    sentences = words().sentences
    cost_profile = words().costs[profile]
    option, amount, about = cost_profile.option, cost_profile.amount, cost_profile.description
    cost = rows.new("cost_option", key)
    cost.update(service_id=service["id"], currency="CAD", amount="" if amount is None else fmt_amount(amount))
    put(cost, "option", option, lang)
    if amount != 0.0 or rng.random() < 0.5:
        put(cost, "amount_description", about, lang)
    if amount == 0.0:
        if tag_free and rng.random() < 0.4:
            rows.attribute("service", service["id"], "features", "free")
        if rng.random() < 0.3:
            put(service, "fees_description", sentences.free_of_charge, lang)
    else:
        put(service, "fees_description", join([option, about]), lang)
        if amount is not None and rng.random() < 0.5:
            figure = fmt_amount(amount)
            put(service, "fees", fill(sentences.fees, amount=(figure.replace(".", ","), figure)), lang)


def write_schedule(rows: Rows, key: str, column: str, link: str, slot: Slot, lang: str) -> Row:
    """One weekly slot, said in words in both languages."""
    row = rows.new("schedule", key)
    row[column] = link
    row.update(freq="WEEKLY", byday=slot[0], opens_at=slot[1], closes_at=slot[2])
    put(row, "description", slot_text(slot), lang)
    return row


def write_language(rows: Rows, key: str, service_id: str, code: str, lang: str) -> Row:
    row = rows.new("language", key)
    row.update(service_id=service_id, code=code)
    put(row, "name", words().languages[code], lang)
    return row


def write_document(rng: random.Random, rows: Rows, key: str, service_id: str, code: str, lang: str) -> None:
    """A document a service asks for: its attribute and the sentence that says it."""
    rows.attribute("service", service_id, "documents", code)
    doc = rows.new("required_document", key)
    doc["service_id"] = service_id
    put(doc, "document", rng.choice(words().sentences.documents[code]), lang)


class DemoServices(DemoOrganizations):
    def build_services(self) -> None:
        network = self.words.organizations.network.service
        for org in self.orgs:
            if org.kind is None:
                self.add_service(org, self.words.service_kinds[network.kind], network.name)
                continue
            size = self.rng.choice(org.kind.sizes)
            extra = list(org.kind.extra)
            self.rng.shuffle(extra)
            keys = list(org.kind.core) + extra[: max(0, size - len(org.kind.core))]
            for key in keys:
                self.add_service(org, self.words.service_kinds[key])

    def service_lang(self, org: Org) -> str:
        if org.lang != "both":
            return org.lang
        roll = self.rng.random()
        return "fr" if roll < 0.025 else "en" if roll < 0.037 else "both"

    def add_service(self, org: Org, kind: ServiceKind, named: T | None = None) -> None:
        rng, rows = self.rng, self.rows
        key = f"{org.key}/{kind.key}"
        lang = self.service_lang(org)
        row = rows.new("service", key)
        svc = Svc(key, org, kind, lang, row, kind.needs)
        svc.remote = kind.mode != "in-person"
        row.update(organization_id=org.row["id"], status="active")

        # Names and leads written in pairs (same count) stay paired, so the name matches the text.
        used = {s.row["name"] or s.row["name_en"] for s in org.services}
        choices = [i for i, n in enumerate(kind.names) if (n[0] if lang != "en" else n[1]) not in used]
        pick = rng.choice(choices or list(range(len(kind.names))))
        name = named or kind.names[pick]
        lead = kind.leads[pick] if len(kind.leads) == len(kind.names) else rng.choice(kind.leads)
        put(row, "name", name, lang)

        for code in svc.needs:
            rows.attribute("service", row["id"], "needs", code)

        ages = rng.choice(kind.ages)
        if ages:
            row["minimum_age"] = "" if ages[0] is None else str(ages[0])
            row["maximum_age"] = "" if ages[1] is None else str(ages[1])

        elig = self.words.restriction(rng.choice(kind.eligibility))
        org_elig = self.words.restriction(org.kind.eligibility) if org.kind else None
        eligs: list[Restriction] = [e for e in (elig, org_elig) if e is not None]
        if len(eligs) == 2 and set(eligs[1].codes) <= set(eligs[0].codes):
            eligs = eligs[:1]
        for code in sorted({c for e in eligs for c in e.codes}):
            rows.attribute("service", row["id"], "eligibility", code)

        self.place_service(svc)
        place = svc.sals[0][0].place
        put(row, "description", description(rng, kind, svc.needs, lead, place=place, org=org.name), lang)

        elig_parts = [e.text for e in eligs] + [age_text(ages)]
        if svc.area:
            elig_parts.append(svc.area.area_text())
        if any(p[0] for p in elig_parts):
            put(row, "eligibility_description", join(elig_parts), lang)
        elif rng.random() < 0.5:
            put(row, "eligibility_description", rng.choice(self.words.eligibility.open_to_all), lang)

        access = rng.choice(kind.access) if not svc.remote else ""
        if kind.apply and rng.random() < 0.7:
            put(row, "application_process", rng.choice(kind.apply), lang)
        elif rng.random() < 0.55:
            pool = self.words.sentences.apply.get(kind.mode if svc.remote else access)
            if pool:
                put(row, "application_process", rng.choice(pool), lang)
        if kind.waits and rng.random() < 0.7:
            put(row, "wait_time", rng.choice(kind.waits), lang)
        if kind.accreditation:
            put(row, "accreditations", kind.accreditation, lang)
        if kind.key == "daycare_cpe":
            number = f"{rng.randint(2000, 2999)}-{rng.randint(1000, 9999)}"
            put(row, "licenses", fill(self.words.sentences.licence, number=number), lang)
        if rng.random() < 0.2:
            row["url"] = f"{org.row['website']}/{slugify(name[1])}"
        if rng.random() < 0.15:
            row["email"] = f"{slugify(name[1])[:20].strip('-')}@{org.key}.example.org"

        self.add_features(svc, access)
        self.add_costs(svc)
        for code in rng.choice(kind.documents):
            write_document(rng, rows, f"{svc.key}/{code}", row["id"], code, svc.lang)
        self.add_languages(svc)
        self.add_schedules(svc)
        self.add_service_phones(svc)
        if rng.random() < 0.25:
            self.add_contact(svc)
        self.assure(row)
        org.services.append(svc)
        self.services.append(svc)

    def place_service(self, svc: Svc) -> None:
        """In person at some of the organization's sites (maybe for its borough only), or remote."""
        rng, org, kind = self.rng, svc.org, svc.kind
        if svc.remote:
            site = self.virtual_site(org, kind.mode == "line")
            svc.sals.append((site, self.rows.new("service_at_location", f"{svc.key}@{site.key}")))
        else:
            sites = org.sites
            if kind.local and sites and rng.random() < 0.5:
                svc.area = sites[0].borough
                sites = [s for s in sites if s.borough is svc.area]
            elif (
                len(sites) > 1
                and not (kind.key in org.kind.core if org.kind else False)
                and rng.random() < 0.5
            ):
                sites = [sites[0]]
            for site in sites:
                sal = self.rows.new("service_at_location", f"{svc.key}@{site.key}")
                svc.sals.append((site, sal))
                if len(sites) > 1 and rng.random() < 0.25:
                    put(sal, "description", rng.choice(self.words.sentences.site_notes), svc.lang)
        for site, sal in svc.sals:
            sal.update(service_id=svc.row["id"], location_id=site.row["id"])
        if svc.area:
            area = self.rows.new("service_area", svc.key)
            area.update(service_id=svc.row["id"], extent=svc.area.extent, extent_type="geojson")
            put(area, "name", (svc.area.name, svc.area.name), svc.lang)
            put(area, "description", svc.area.area_text(), svc.lang)

    def add_features(self, svc: Svc, access: str) -> None:
        rng, row = self.rng, svc.row
        if access:
            self.rows.attribute("service", row["id"], "features", access)
        if svc.remote and rng.random() < 0.8:
            self.rows.attribute("service", row["id"], "features", "virtual")
        if svc.kind.pets and rng.random() < 0.85:
            self.rows.attribute("service", row["id"], "features", "pets-allowed")
        if not svc.remote and rng.random() < 0.03:
            self.rows.attribute("service", row["id"], "features", "wheelchair-accessible")

    def add_costs(self, svc: Svc) -> None:
        profile = self.rng.choice(svc.kind.costs)
        if profile == "free" and self.rng.random() < 0.12:
            profile = "none"  # some services say nothing about cost
        if profile != "none":
            write_cost(self.rng, self.rows, svc.key, svc.row, profile, svc.lang)

    def add_languages(self, svc: Svc) -> None:
        rng = self.rng
        codes = {"both": ["fr", "en"], "fr": ["fr"], "en": ["en"]}[svc.lang]
        if svc.lang == "fr" and rng.random() < 0.2:
            codes.append("en")
        if svc.lang == "en" and rng.random() < 0.4:
            codes.append("fr")
        borough = svc.sals[0][0].borough or svc.org.borough
        local = list(borough.place.languages)
        org_key = svc.org.kind.key if svc.org.kind else ""
        if org_key in ("newcomer", "refugee"):
            local = local or ["es", "ar", "fa", "zh"]
            extra = rng.sample(local, min(len(local), rng.randint(2, 4)))
        elif org_key == "indigenous":
            extra = rng.sample(["iu", "cr"], rng.randint(1, 2))
        elif local and rng.random() < 0.3:
            extra = rng.sample(local, min(len(local), rng.randint(1, 2)))
        elif svc.remote and rng.random() < 0.3:
            extra = rng.sample(["es", "ar", "zh", "ht", "uk"], 2)
        else:
            extra = []
        codes += [c for c in extra if c not in codes]
        for code in codes:
            row = write_language(self.rows, f"{svc.key}/{code}", svc.row["id"], code, svc.lang)
            if code not in ("fr", "en") and rng.random() < 0.25:
                put(row, "note", self.words.sentences.language_note, svc.lang)
        if len(extra) >= 2 and rng.random() < 0.5:
            self.rows.attribute("service", svc.row["id"], "features", "interpretation")
            text = fill(self.words.sentences.interpretation, languages=language_list(extra))
            put(svc.row, "interpretation_services", text, svc.lang)

    def add_schedules(self, svc: Svc) -> None:
        rng, hours = self.rng, self.words.hours
        profile = rng.choice(svc.kind.hours)
        if profile == "none" or (profile != "always" and rng.random() < 0.08):
            return  # hours unknown
        per_site = len(svc.sals) > 1 and rng.random() < 0.4
        targets: list[tuple[str, str, str]] = []  # (key suffix, link column, id)
        if per_site:
            for site, sal in svc.sals:
                targets.append((f"@{site.key}", "service_at_location_id", sal["id"]))
        else:
            targets.append(("", "service_id", svc.row["id"]))
        for index, (suffix, column, link) in enumerate(targets):
            chosen = profile if index == 0 else rng.choice((profile, "weekdays-lunch", "mixed", "saturday"))
            slots = rng.choice(hours.profiles[chosen])
            attending = hours.attending[svc.kind.mode] if rng.random() < 0.3 else EMPTY
            note = rng.choice(hours.notes) if rng.random() < 0.2 else EMPTY
            for number, slot in enumerate(slots):
                row = write_schedule(self.rows, f"{svc.key}{suffix}/{number}", column, link, slot, svc.lang)
                if attending[0]:
                    put(row, "attending_type", attending, svc.lang)
                if chosen in hours.seasons:
                    season = hours.seasons[chosen]
                    row.update(valid_from=season.valid_from, valid_to=season.valid_to)
                    put(row, "notes", season.note, svc.lang)
                elif note[0]:
                    put(row, "notes", note, svc.lang)

    def add_service_phones(self, svc: Svc) -> None:
        rng, org, phones = self.rng, svc.org, self.words.sentences.phones
        sid = svc.row["id"]
        if svc.kind.mode == "line":
            digits = self.take_phone(tollfree=True) or org.main_phone
            self.phone(f"{svc.key}/line", digits, svc.lang, phones.tollfree, service_id=sid)
            local = self.line_pool.pop() if self.line_pool else None
            if local:
                self.phone(f"{svc.key}/local", local, svc.lang, phones.local, service_id=sid)
                self.phone(f"{svc.key}/text", local, svc.lang, phones.text, kind="text", service_id=sid)
            return
        if rng.random() > 0.85:
            return
        own = self.take_phone() if rng.random() < 0.25 else None
        if own:
            self.phone(f"{svc.key}/voice", own, svc.lang, phones.direct, service_id=sid)
        else:
            row = self.phone(f"{svc.key}/voice", org.main_phone, svc.lang, phones.reception, service_id=sid)
            row["extension"] = str(rng.randint(200, 260))

    def add_contact(self, svc: Svc) -> None:
        person = self.rng.choice(self.words.people.people)
        title = self.rng.choice(self.words.people.contact_titles)
        row = self.rows.new("contact", svc.key)
        first, last = person.split(" ", 1)
        row.update(
            service_id=svc.row["id"],
            name=person,
            email=f"{slugify(first)}.{slugify(last)}@{svc.org.key}.example.org",
        )
        put(row, "title", title.title, svc.lang)
        if title.department:
            put(row, "department", title.department, svc.lang)

    def assure(self, row: Row) -> None:
        roll = self.rng.random()
        if roll < 0.07:
            return
        recent_from = TODAY - timedelta(days=365)
        if roll < 0.32:
            start, end = ASSURED_FROM, recent_from - timedelta(days=1)
        else:
            start, end = recent_from, ASSURED_TO
        row["assured_date"] = (start + timedelta(days=self.rng.randint(0, (end - start).days))).isoformat()
        if self.rng.random() < 0.5:
            row["assurer_email"] = "verification@example.org"
