"""Duplicates: found by blocks and scores, linked without losing a row, reviewed by people, shown once."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import Flask
from sqlalchemy import func, insert, select

from app.core.models import ChangeLog, DuplicateLink, Organization, Phone, Service
from app.web.extensions import db
from app.web.search import search_service
from importers import dedupe
from importers.dedupe_scoring import Record, name_form, phone_key, score_pair, site_key, street_key
from indexer.query import SearchQuery
from tests.helpers import invoke, snapshot, write_csv


@dataclass
class Agency:
    """One organization with its services, as one source writes it in an HSDS 3.0 CSV package."""

    organization: str
    services: list[str]
    phone: str | None = None
    street: str | None = None
    postal_code: str | None = None
    website: str | None = None
    email: str | None = None
    description: str | None = None
    category: str | None = "food-bank"
    service_ids: list[str] = field(default_factory=list)


def _package(folder: Path, agencies: list[Agency]) -> Path:
    folder.mkdir(parents=True)
    orgs, services, phones, locations, addresses, sals, attributes = [], [], [], [], [], [], []
    for a, agency in enumerate(agencies):
        org_id = f"org-{a}"
        orgs.append(
            {
                "id": org_id,
                "name": agency.organization,
                "description": agency.description or "",
                "website": agency.website or "",
                "email": agency.email or "",
            }
        )
        if agency.phone:
            phones.append(
                {"id": f"ph-org-{a}", "organization_id": org_id, "service_id": "", "number": agency.phone}
            )
        if agency.postal_code:
            locations.append(
                {"id": f"loc-{a}", "location_type": "physical", "organization_id": org_id, "name": ""}
            )
            addresses.append(
                {
                    "id": f"adr-{a}",
                    "location_id": f"loc-{a}",
                    "address_1": agency.street or "",
                    "city": "Montréal",
                    "state_province": "QC",
                    "postal_code": agency.postal_code,
                    "country": "CA",
                    "address_type": "physical",
                }
            )
        for s, name in enumerate(agency.services):
            service_id = f"svc-{a}-{s}"
            agency.service_ids.append(service_id)
            services.append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": name,
                    "description": agency.description or "",
                    "status": "active",
                }
            )
            if agency.phone:
                phones.append(
                    {
                        "id": f"ph-{service_id}",
                        "organization_id": "",
                        "service_id": service_id,
                        "number": agency.phone,
                    }
                )
            if agency.postal_code:
                sals.append({"id": f"sal-{service_id}", "service_id": service_id, "location_id": f"loc-{a}"})
            if agency.category:
                attributes.append(
                    {
                        "id": f"att-{service_id}",
                        "link_id": service_id,
                        "taxonomy_term_id": f"t-{agency.category}",
                        "link_entity": "service",
                        "link_type": "",
                        "value": "",
                    }
                )
    write_csv(folder / "organizations.csv", orgs)
    tables = {
        "services.csv": services,
        "phones.csv": phones,
        "locations.csv": locations,
        "addresses.csv": addresses,
        "service_at_location.csv": sals,
        "attributes.csv": attributes,
    }
    for name, rows in tables.items():
        if rows:
            write_csv(folder / name, rows)
    if attributes:
        write_csv(folder / "taxonomies.csv", [{"id": "tx-needs", "name": "Needs", "description": "core"}])
        codes = sorted({a.category for a in agencies if a.category})
        write_csv(
            folder / "taxonomy_terms.csv",
            [
                {"id": f"t-{code}", "code": code, "name": code, "description": "x", "taxonomy_id": "tx-needs"}
                for code in codes
            ],
        )
    return folder


def _import(app: Flask, tmp_path: Path, source: str, agencies: list[Agency]) -> None:
    folder = _package(tmp_path / source, agencies)
    result = invoke(app, "import", str(folder), "--lang", "fr", "--source", source)
    assert result.exit_code == 0, result.output


def _links(app: Flask) -> list[DuplicateLink]:
    with app.app_context():
        links = db.session.scalars(select(DuplicateLink).order_by(DuplicateLink.id)).all()
        db.session.expunge_all()
        return list(links)


def _service_id(app: Flask, source: str, source_id: str) -> str:
    with app.app_context():
        return db.session.scalars(
            select(Service.id).where(Service.data_source == source, Service.source_id == source_id)
        ).one()


def _hits(app: Flask, text: str) -> list[str]:
    with app.app_context():
        return [hit.service_id for hit in search_service(app).search(SearchQuery(text=text)).hits]


ENTRAIDE_A = Agency(
    "Entraide Côte-des-Neiges",
    ["Dépannage alimentaire"],
    phone="514 555-0101",
    street="5500, chemin de la Côte-des-Neiges",
    postal_code="H3T 1Y8",
    email="info@entraide-cdn.org",
    description="Paniers d'épicerie pour les familles du quartier",
)
ENTRAIDE_B = Agency(
    "ENTRAIDE COTE DES NEIGES INC.",
    ["DEPANNAGE ALIMENTAIRE"],
    phone="(514) 555-0101",
    postal_code="h3t1y8",
)


def test_same_organization_from_two_sources_is_linked_kept_twice_and_shown_once(
    any_db_app: Flask, tmp_path: Path
) -> None:
    _import(any_db_app, tmp_path, "centraide", [ENTRAIDE_A])
    _import(any_db_app, tmp_path, "ville", [ENTRAIDE_B])
    kept, duplicate = (
        _service_id(any_db_app, "centraide", "svc-0-0"),
        _service_id(any_db_app, "ville", "svc-0-0"),
    )
    assert sorted(_hits(any_db_app, "dépannage alimentaire")) == sorted([kept, duplicate])

    result = invoke(any_db_app, "dedupe")
    assert result.exit_code == 0, result.output
    assert "Organizations: 1 linked" in result.output and "Services: 1 linked" in result.output

    links = {link.kind: link for link in _links(any_db_app)}
    assert {kind: link.status for kind, link in links.items()} == {"organization": "sure", "service": "sure"}
    # The more complete record (description, e-mail, street) is the one kept and shown.
    assert (links["service"].canonical_id, links["service"].duplicate_id) == (kept, duplicate)
    assert {r["code"] for r in links["service"].reasons} >= {
        "same_phone",
        "same_postal_code",
        "linked_organizations",
    }
    with any_db_app.app_context():
        # Nothing deleted, nothing merged: each source keeps its row and its provenance.
        rows = db.session.execute(select(Organization.data_source, Organization.source_id)).all()
        assert sorted(rows) == [("centraide", "org-0"), ("ville", "org-0")]
        assert db.session.scalar(select(func.count()).select_from(Service)) == 2
        logged = db.session.scalars(select(ChangeLog.service_id).where(ChangeLog.reason == "dedupe")).all()
        assert logged == [duplicate]
    assert _hits(any_db_app, "dépannage alimentaire") == [kept]
    # The public list of every service shows it once too, through the kept twin.
    listing = any_db_app.test_client().get("/fr/services/").get_data(as_text=True)
    assert "1 service dans le répertoire" in listing
    assert f"/fr/services/{kept}" in listing and f"/fr/services/{duplicate}" not in listing
    # A hidden duplicate is not drift: the index agrees with the directory.
    check = invoke(any_db_app, "index", "--check")
    assert check.exit_code == 0, check.output


def test_alike_names_in_other_places_are_not_linked(any_db_app: Flask, tmp_path: Path) -> None:
    verdun = Agency(
        "Banque alimentaire de Verdun",
        ["Banque alimentaire"],
        phone="514 555-0111",
        postal_code="H4G 1A1",
        website="https://bav.org",
    )
    lachine = Agency(
        "Banque alimentaire Lachine",
        ["Banque alimentaire"],
        phone="514 555-0122",
        postal_code="H8S 2A1",
        website="https://www.balachine.ca/accueil",
    )
    _import(any_db_app, tmp_path, "a", [verdun])
    _import(any_db_app, tmp_path, "b", [lachine])
    result = invoke(any_db_app, "dedupe")
    assert result.exit_code == 0, result.output
    assert [link for link in _links(any_db_app) if link.status == "sure"] == []
    report = json.loads(invoke(any_db_app, "dedupe", "--report", "--json", "--min-score", "0").output)
    service_pair = next(p for p in report["pairs"] if p["kind"] == "service")
    codes = {r["code"] for r in service_pair["reasons"]}
    assert {"same_name", "different_phones", "different_areas", "different_organizations"} <= codes
    assert service_pair["status"] == "below_thresholds"


def test_doubtful_pairs_wait_for_a_person_who_confirms_or_rejects(any_db_app: Flask, tmp_path: Path) -> None:
    # Same name and postal code, but nothing else to be sure by: to review.
    _import(any_db_app, tmp_path, "a", [Agency("Maison des jeunes du Plateau", [], postal_code="H2T 1S1")])
    _import(any_db_app, tmp_path, "b", [Agency("Maison des Jeunes Plateau", [], postal_code="H2T 1S1")])
    # A sloppy source listing one service twice, with no phone or place to tell.
    _import(any_db_app, tmp_path, "c", [Agency("Alternatives", ["Aide aux devoirs", "AIDE AUX DEVOIRS"])])
    result = invoke(any_db_app, "dedupe")
    assert "to review" in result.output
    links = {link.kind: link for link in _links(any_db_app)}
    assert {kind: link.status for kind, link in links.items()} == {
        "organization": "review",
        "service": "review",
    }
    assert len(_hits(any_db_app, "aide devoirs")) == 2  # nothing hidden while a person has not decided

    result = invoke(any_db_app, "dedupe", "--reject", str(links["organization"].id))
    assert result.exit_code == 0 and "will not be proposed again" in result.output
    result = invoke(any_db_app, "dedupe", "--confirm", str(links["service"].id))
    assert result.exit_code == 0 and "is kept and shown" in result.output
    assert _hits(any_db_app, "aide devoirs") == [links["service"].canonical_id]

    result = invoke(any_db_app, "dedupe")
    assert "1 rejected pairs left alone" in result.output
    assert {(link.kind, link.status) for link in _links(any_db_app)} == {
        ("organization", "rejected"),
        ("service", "confirmed"),
    }
    report = invoke(any_db_app, "dedupe", "--report").output
    assert "Maison des" not in report and "confirmed by a person" in report
    assert invoke(any_db_app, "dedupe", "--confirm", "999").exit_code == 1


def test_report_changes_nothing_and_gives_scores_and_reasons(any_db_app: Flask, tmp_path: Path) -> None:
    _import(any_db_app, tmp_path, "centraide", [ENTRAIDE_A])
    _import(any_db_app, tmp_path, "ville", [ENTRAIDE_B])
    before = snapshot(any_db_app)
    result = invoke(any_db_app, "dedupe", "--report")
    assert result.exit_code == 0, result.output
    assert snapshot(any_db_app) == before
    assert "organization pair (not recorded yet): score 100, sure match" in result.output
    assert "same phone +1 514 555 0101 (+25)" in result.output
    assert "same postal code H3T 1Y8 (+15)" in result.output
    assert "kept: Entraide Côte-des-Neiges (centraide: org-0)" in result.output
    assert "2 candidate pairs." in result.output
    listed = json.loads(invoke(any_db_app, "dedupe", "--report", "--json", "--kind", "service").output)
    assert [pair["kind"] for pair in listed["pairs"]] == ["service"]
    assert listed["pairs"][0]["kept"]["source"] == "centraide"
    assert listed["stats"]["service"]["scored"] == 1
    assert snapshot(any_db_app) == before


def test_report_speaks_french(any_db_app: Flask, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _import(any_db_app, tmp_path, "centraide", [ENTRAIDE_A])
    _import(any_db_app, tmp_path, "ville", [ENTRAIDE_B])
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    output = invoke(any_db_app, "dedupe", "--report").output
    assert "même téléphone +1 514 555 0101" in output and "correspondance sûre" in output


def test_running_again_changes_nothing(any_db_app: Flask, tmp_path: Path) -> None:
    _import(any_db_app, tmp_path, "centraide", [ENTRAIDE_A])
    _import(any_db_app, tmp_path, "ville", [ENTRAIDE_B])
    invoke(any_db_app, "dedupe")
    before = snapshot(any_db_app)
    result = invoke(any_db_app, "dedupe")
    assert "(0 new, 0 updated, 0 withdrawn)" in result.output
    assert "0 changed with this run" in result.output
    assert snapshot(any_db_app) == before


def test_a_link_the_data_no_longer_supports_is_withdrawn(any_db_app: Flask, tmp_path: Path) -> None:
    _import(any_db_app, tmp_path, "centraide", [ENTRAIDE_A])
    _import(any_db_app, tmp_path, "ville", [ENTRAIDE_B])
    invoke(any_db_app, "dedupe")
    moved = Agency(
        "Entraide Côte-des-Neiges", ["Dépannage alimentaire"], phone="450 555-0199", postal_code="J4K 1A1"
    )
    folder = _package(tmp_path / "ville-2", [moved])
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr", "--source", "ville").exit_code == 0
    result = invoke(any_db_app, "dedupe")
    assert "1 withdrawn" in result.output
    assert [link.status for link in _links(any_db_app) if link.status == "sure"] == []
    assert len(_hits(any_db_app, "dépannage alimentaire")) == 2  # shown again: another place, another phone


# --- scoring and blocking, without the database ----------------------------------------------------------


def _record(record_id: str, name: str, **values: object) -> Record:
    form = name_form(name)
    assert form is not None
    record = Record(record_id, "organization", "s", record_id, name, [form], datetime(2026, 1, 1))
    for key, value in values.items():
        setattr(record, key, value)
    return record


def test_names_fold_case_accents_legal_forms_and_type_words() -> None:
    first = _record("1", "Centre Moisson Est inc.", phones={"+15145550101"})
    second = _record("2", "MOISSON EST", phones={"+15145550101"})
    scored = score_pair(first, second)
    assert scored.name_similarity == 100 and scored.verdict() == "sure"
    foundation = score_pair(_record("3", "Fondation du CHUM"), _record("4", "CHUM"))
    assert "different_kinds" in foundation.codes and foundation.verdict() != "sure"
    subset = score_pair(_record("5", "Moisson"), _record("6", "Moisson Laurentides"))
    assert subset.name_similarity < 90  # a shorter name inside a longer one is not the same name


def test_blocking_scores_far_fewer_pairs_than_all_and_finds_planted_twins(app: Flask) -> None:
    rng = random.Random(7)
    words = [f"mot{index:03d}" for index in range(400)]
    areas = ["H1A", "H2B", "H2X", "H3C", "H4G", "H8S", "J4K", "H7N", "H9R", "H1V"]
    rows, phones = [], []
    for index in range(2000):
        name = " ".join(rng.sample(words, 3))
        rows.append({"id": f"o{index:05d}", "name": {"fr": name.title()}, "code": f"{rng.choice(areas)} 1A1"})
        phones.append(f"+1514{rng.randrange(2000000, 9999999)}")
    twins = {f"o{index:05d}": f"o{index + 1:05d}" for index in range(0, 40, 2)}
    for twin in twins.values():
        at = int(twin[1:])
        rows[at]["name"] = {"fr": rows[at - 1]["name"]["fr"].upper() + " inc."}
        phones[at] = phones[at - 1]
    with app.app_context():
        db.session.execute(
            insert(Organization),
            [
                {
                    "id": r["id"],
                    "data_source": "synthetic",
                    "source_id": r["id"],
                    "name": r["name"],
                    "version": 1,
                }
                for r in rows
            ],
        )
        db.session.execute(
            insert(Phone),
            [
                {
                    "id": f"p{r['id']}",
                    "data_source": "synthetic",
                    "source_id": f"p{r['id']}",
                    "organization_id": r["id"],
                }
                | {"number": phones[i], "version": 1}
                for i, r in enumerate(rows)
            ],
        )
        candidates, stats = dedupe.assess(db.session, "organization")
    assert stats.records == 2000
    assert stats.scored < 2000 * 1999 / 2 / 50  # under 2 % of all pairs
    found = {(c.canonical.id, c.duplicate.id) for c in candidates if c.status == "sure"}
    assert {tuple(sorted(pair)) for pair in found} == set(twins.items())


def test_report_and_decisions_do_not_mix(any_db_app: Flask) -> None:
    result = invoke(any_db_app, "dedupe", "--report", "--reject", "1")
    assert result.exit_code == 2 and "Use only one of" in result.output


def test_sibling_services_of_one_organization_need_nearly_the_same_name() -> None:
    def service(record_id: str, name: str) -> Record:
        form = name_form(name, organization=False)
        assert form is not None
        record = Record(record_id, "service", "s", record_id, name, [form], datetime(2026, 1, 1))
        record.organization_id, record.phones, record.postal_codes = "org", {"+15145550101"}, {"H2X 1Y4"}
        return record

    siblings = score_pair(
        service("1", "Banque alimentaire"), service("2", "Banque alimentaire pour tout-petits")
    )
    assert siblings.verdict() is None and siblings.reasons == []
    twice = score_pair(service("3", "Banques alimentaires"), service("4", "BANQUE ALIMENTAIRE"))
    assert twice.name_similarity == 100 and twice.verdict() == "sure"
    kinds = score_pair(service("5", "Centre communautaire"), service("6", "Repas communautaires"))
    assert kinds.verdict() is None


def test_phones_websites_and_streets_compare_as_normalized_keys() -> None:
    assert phone_key("(514) 555-0101 poste 22") == phone_key("+15145550101") == "+15145550101"
    assert phone_key("211") is None  # a short code everyone shares
    assert site_key("http://WWW.Moisson-Est.org/accueil") == site_key("moisson-est.org") == "moisson-est.org"
    assert site_key("https://www.facebook.com/moissonest/") == "facebook.com/moissonest"
    assert street_key("1234, boul. Saint-Laurent, bureau 200") == street_key("1234 BD ST-LAURENT")
