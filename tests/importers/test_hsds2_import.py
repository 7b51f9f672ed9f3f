"""HSDS 1.x and 2.0 CSV datapackages (`--format hsds2`): a French 1.x package from Villeray and the Plateau,
an English 2.0 one from Côte-des-Neiges, their old layouts read as HSDS 3.0, and bad input."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import location_features, service_facts
from app.core.models import (
    Accessibility,
    Address,
    Attribute,
    ImportReject,
    ImportRun,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from app.web.extensions import db
from importers.detect import detect_format
from importers.hsds2.context import Hsds2Context
from importers.hsds2.rows import regular_schedule
from importers.hsds2.values import byday, says_wheelchair_access, term_code
from importers.run import run_import
from tests.helpers import copy_tree, invoke, read_csv, snapshot, write_csv

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hsds2"
V1 = FIXTURES / "v1"  # HSDS 1.x, French
V2 = FIXTURES / "v2"  # HSDS 2.0 with its datapackage.json, English
HUB = "0b6e2c1a-8f4d-4e3a-b5c2-91d7e8f6a2"  # the 2.0 services' UUIDs, less their last two digits
Model = TypeVar("Model")


def _import(app: Flask, path: Path, *more: str) -> str:
    result = invoke(app, "import", str(path), "--format", "hsds2", *more)
    assert result.exit_code == 0, result.output
    return result.output


def _get(model: type[Model], source_id: str) -> Model:
    """The row the package gave this id."""
    return db.session.scalars(select(model).where(model.source_id == source_id)).one()  # type: ignore[attr-defined]


def _schedules(**owner: str) -> dict[str, Schedule]:
    column, source_id = next(iter(owner.items()))
    owner_model = Service if column == "service" else Location
    owner_id = _get(owner_model, source_id).id
    rows = db.session.scalars(select(Schedule).where(getattr(Schedule, f"{column}_id") == owner_id))
    return {row.source_id: row for row in rows}


# --- HSDS 1.x --------------------------------------------------------------------------------------------


def test_hsds1_package_imports_with_every_row_counted(any_db_app: Flask) -> None:
    output = _import(any_db_app, V1, "--lang", "fr")
    assert "(hsds2, source" in output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        assert run.format == "hsds2"
        created = {table: counts["created"] for table, counts in run.counts.items()}
        assert created == {
            "taxonomy_term": 5,
            "organization": 2,
            "program": 1,
            "service": 3,
            "location": 2,
            "service_at_location": 3,
            "address": 3,  # 2 physical + 1 postal
            "contact": 1,
            "phone": 3,
            "schedule": 8,  # 6 weekly + 2 holidays
            "service_area": 1,
            "language": 8,  # 4 of language.csv + 4 that phone lines answer in
            "accessibility": 3,
            "required_document": 1,
            "funding": 1,
            "attribute": 5,  # 3 of services_taxonomy.csv, "Femmes", the wheelchair access of loc-1
        }
        assert all(counts["read"] == counts["created"] for counts in run.counts.values())
        assert db.session.scalars(select(ImportReject)).first() is None
        assert set(run.files) >= {"services.csv", "regular_schedules.csv", "language.csv"}


def test_physical_and_postal_addresses(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        plateau = {a.address_type: a for a in _get(Location, "loc-2").addresses}
        assert plateau["physical"].address_1 == "4301 rue de Bullion"
        assert plateau["physical"].address_2 == "Bureau 200"
        postal = plateau["postal"]
        assert (postal.source_id, postal.attention, postal.address_1) == (
            "postal-1",
            "Direction",
            "C.P. 48010",
        )
        assert (postal.address_2, postal.postal_code, postal.country) == (
            "Succursale Mont-Royal",
            "H2V 4S8",
            "CA",
        )
        villeray = _get(Address, "1")  # the physical "1", told apart from the postal one
        assert (villeray.address_1, villeray.postal_code) == ("7250 rue Saint-Hubert", "H2R 2N1")


def test_phones_keep_their_owner_words_and_languages(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        line = _get(Phone, "ph-2")
        # the number as the loader's normalization writes it; its digits are the file's
        assert line.number.replace("-", "").removeprefix("+1") == "5145550199"
        assert (line.extension, line.type) == (3.0, "voice")
        assert line.description == {"fr": "Ligne d'accueil 24 h · Intervention"}  # department kept in words
        assert line.service is not None and line.service.source_id == "svc-3"
        assert {language.code for language in line.languages} == {"fr", "es"}
        assert {language.code for language in _get(Phone, "ph-1").languages} == {"fr", "en"}
        fax = _get(Phone, "ph-3")
        assert (fax.type, fax.organization.source_id) == ("fax", "org-2")  # type: ignore[union-attr]


def test_weekday_numbers_names_and_ranges_become_weekly_hours(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        hours = {
            source_id: (s.freq, s.byday, s.opens_at, s.closes_at)
            for source_id, s in {**_schedules(service="svc-1"), **_schedules(service="svc-2")}.items()
            if s.freq == "WEEKLY"
        }
        assert hours == {
            "1": ("WEEKLY", "TU", "13:00", "16:00"),  # 2: HSDS 1.x counts Monday as 1
            "2": ("WEEKLY", "TH", "13:00", "16:00"),
            "3": ("WEEKLY", "MO", "11:30", "13:00"),  # lundi
            "4": ("WEEKLY", "FR", "11:30", "13:00"),  # Vendredi
        }
        assert _get(Schedule, "5").byday == "MO,TU,WE,TH,FR"  # Mon-Fri
        assert _get(Schedule, "6").byday == "SU"  # 7


def test_holidays_are_dated_closings_or_special_hours(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        closing = _get(Schedule, "holiday-1")
        assert (closing.freq, closing.valid_from, closing.valid_to) == (
            "MONTHLY",
            date(2025, 12, 24),
            date(2026, 1, 2),
        )
        assert closing.bymonthday == "24,25,26,27,28,29,30,31,1,2"
        assert (closing.opens_at, closing.closes_at, closing.description) == (None, None, {"fr": "Fermé"})
        assert closing.location is not None and closing.location.source_id == "loc-1"
        special = _get(Schedule, "holiday-2")
        assert (special.bymonthday, special.opens_at, special.closes_at) == ("23", "11:00", "12:30")
        assert special.description == {"fr": "Horaire spécial"}


def test_eligibility_text_ages_and_core_terms(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        shelter = _get(Service, "svc-3")
        assert shelter.eligibility_description == {"fr": "Femmes\n18 ans et plus"}
        assert shelter.minimum_age == 18  # read in the text by the loader
        food = _get(Service, "svc-1")
        assert food.eligibility_description == {"fr": "Résidents du quartier Villeray"}
        facts = service_facts(db.session, [shelter.id, food.id])
        assert facts[shelter.id].eligibility == {"gender": {"women"}}  # "Femmes" names the core term
        assert facts[food.id].eligibility == {}  # words only: open to everyone


def test_accessibility_rows_and_the_wheelchair_feature(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        row = _get(Accessibility, "acc-1")
        assert row.description == {"fr": "Accessible en fauteuil roulant"}
        assert row.details == {"fr": "Entrée par la rampe à l'arrière"}
        villeray, plateau = _get(Location, "loc-1"), _get(Location, "loc-2")
        features = location_features(db.session, [villeray.id, plateau.id])
        assert features == {villeray.id: {"wheelchair-accessible"}, plateau.id: set()}  # "non accessibles"


def test_payments_follow_the_fees(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        food = _get(Service, "svc-1")
        fees, payments = food.fees_description["fr"].split("\n\n")  # the fees, then the payments
        assert fees == "Contribution de 2 $ par panier"
        assert payments == "Modes de paiement acceptés : Argent comptant, Carte de débit"
        assert _get(Service, "svc-2").fees_description == {"fr": "Gratuit"}


def test_language_names_become_codes(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        assert {lang.code for lang in _get(Service, "svc-1").languages} == {"fr", "en"}
        assert [lang.code for lang in _get(Service, "svc-3").languages] == ["es"]
        assert _get(Language, "lang-3").name == {"fr": "Espagnol"}  # the name as written stays
        assert [lang.code for lang in _get(Location, "loc-2").languages] == ["fr"]


def test_taxonomy_terms_and_service_attributes_become_facts(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    with any_db_app.app_context():
        ids = {sid: _get(Service, sid).id for sid in ("svc-1", "svc-2", "svc-3")}
        facts = service_facts(db.session, ids.values())
        assert facts[ids["svc-1"]].needs == {"food-bank"}  # vocabulary needs, id food-bank
        assert facts[ids["svc-3"]].needs == {"emergency-shelter"}
        assert facts[ids["svc-2"]].needs == {"meals"}  # "Repas communautaires", through the crosswalk
        term = _get(TaxonomyTerm, "food-bank")
        assert (term.code, term.taxonomy, term.core_key) == ("food-bank", "needs", "needs:food-bank")
        assert term.parent_id == _get(TaxonomyTerm, "food").id
        assert term.description == {"fr": "Banque alimentaire"}  # HSDS 1.x terms have no description
        assert _get(TaxonomyTerm, "cat-12").code == "cat-12"
        assert _get(Attribute, "st-2").value == "Le midi"  # taxonomy_detail


def test_reimport_changes_nothing(any_db_app: Flask) -> None:
    _import(any_db_app, V1, "--lang", "fr")
    before = snapshot(any_db_app)
    output = _import(any_db_app, V1, "--lang", "fr")
    assert "No change" in output
    after = snapshot(any_db_app)
    for volatile in ("import_run", "import_reject"):
        del before[volatile], after[volatile]
    assert after == before


# --- HSDS 2.0 --------------------------------------------------------------------------------------------


def test_hsds2_package_with_its_descriptor_imports(any_db_app: Flask) -> None:
    _import(any_db_app, V2)
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        assert run.lang == "en"  # detected
        created = {table: counts["created"] for table, counts in run.counts.items()}
        assert created["service"] == 4 and created["schedule"] == 5 and created["attribute"] == 6
        assert created["language"] == 8  # "Spanish, Tagalog" is two rows, the front desk's line three
        assert all(counts["rejected"] == 0 for counts in run.counts.values())
        settlement = db.session.get(Service, f"{HUB}01")  # UUIDs stay the ids
        assert settlement is not None and settlement.name == {"en": "Newcomer settlement support"}
        address = _get(Address, "pa-1")
        assert (address.address_2, address.region) == ("2nd floor, Door B", "Côte-des-Neiges")
        assert _get(Address, "postal-pa-1").address_1 == "P.O. Box 2210"


def test_hsds2_schedules_daily_weekly_and_yearly(any_db_app: Flask) -> None:
    _import(any_db_app, V2)
    with any_db_app.app_context():
        daily = _get(Schedule, "sch-2")
        assert (daily.freq, daily.byday, daily.opens_at) == ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "08:00")
        assert (_get(Schedule, "sch-1").freq, _get(Schedule, "sch-1").byday) == ("WEEKLY", "MO,WE")
        assert _get(Schedule, "sch-4").byday == "FR"  # WEEKLY without byday: the weekday of dtstart
        season = _get(Schedule, "sch-5")
        assert (season.valid_from, season.valid_to) == (date(2026, 3, 1), date(2026, 4, 30))
        yearly = _get(Schedule, "sch-3")
        assert (yearly.freq, yearly.bymonthday) == ("MONTHLY", "20")
        assert (yearly.valid_from, yearly.valid_to, yearly.dtstart) == (date(2025, 12, 20),) * 3
        assert (yearly.opens_at, yearly.closes_at) == ("10:00", "15:00")
        assert yearly.description == {"en": "Every year on December 20"}


def test_hsds2_eligibility_ages_and_terms(any_db_app: Flask) -> None:
    _import(any_db_app, V2)
    with any_db_app.app_context():
        youth = db.session.get(Service, f"{HUB}02")
        assert youth is not None
        assert (youth.minimum_age, youth.maximum_age) == (12, 17)
        assert youth.eligibility_description == {"en": "Youth aged 12 to 17"}
        ids = [f"{HUB}01", f"{HUB}02", f"{HUB}03", f"{HUB}04"]
        facts = service_facts(db.session, ids)
        # a core label in eligibility.csv, and a term other_attributes.csv links to an eligibility row
        assert facts[ids[0]].eligibility == {"situation": {"newcomer", "refugee"}}
        assert facts[ids[0]].needs == {"immigration-help"}  # taxonomy needs, term spelt as the code
        assert facts[ids[2]].needs == {"food-bank"}  # AIRS BD-1800.2000, through the crosswalk
        assert facts[ids[1]].eligibility == {}


def test_hsds2_payments_languages_and_accessibility(any_db_app: Flask) -> None:
    _import(any_db_app, V2)
    with any_db_app.app_context():
        clinic = db.session.get(Service, f"{HUB}04")
        assert clinic is not None
        assert clinic.fees_description == {"en": "$10 per return\n\nPayment accepted: Cash, Debit card"}
        settlement = db.session.get(Service, f"{HUB}01")
        assert settlement is not None
        assert sorted(lang.code for lang in settlement.languages) == ["ar", "en", "es", "tl"]
        location = _get(Location, "loc-cdn")
        assert location_features(db.session, [location.id])[location.id] == {"wheelchair-accessible"}
        assert location.location_type == "physical"  # HSDS 2.0 has no location type


def test_zip_in_a_subfolder_imports_with_format_auto(any_db_app: Flask, tmp_path: Path) -> None:
    archive = tmp_path / "cdn-export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in V2.iterdir():
            handle.write(path, f"export/{path.name}")
    result = invoke(any_db_app, "import", str(archive))
    assert result.exit_code == 0, result.output
    assert "(hsds2, recognized from the files" in result.output
    with any_db_app.app_context():
        services = db.session.scalars(select(Service)).all()
        assert len(services) == 4 and {s.data_source for s in services} == {"cdn-export"}


def test_descriptor_paths_are_followed_and_missing_files_said(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(V2, tmp_path / "pkg")
    (folder / "data").mkdir()
    (folder / "services.csv").rename(folder / "data" / "services-2025.csv")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "service":
            resource["path"] = "data/services-2025.csv"
    descriptor["resources"].append({"name": "funding", "path": "funding.csv"})
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    output = _import(any_db_app, folder)
    assert "datapackage.json: file 'funding.csv' listed in datapackage.json does not exist" in output
    with any_db_app.app_context():
        assert len(db.session.scalars(select(Service)).all()) == 4


# --- recognizing ---------------------------------------------------------------------------------------


def test_format_auto_picks_hsds2(any_db_app: Flask, hsds_examples: Path, tmp_path: Path) -> None:
    assert detect_format(V1) == "hsds2"
    assert detect_format(V2) == "hsds2"
    assert detect_format(hsds_examples / "csv") == "hsds3"
    # Files 2.0 shares with 3.0, and a descriptor saying 2.0.
    folder = tmp_path / "shared-names"
    folder.mkdir()
    for name in ("organizations.csv", "services.csv", "locations.csv"):
        (folder / name).write_bytes((V2 / name).read_bytes())
    (folder / "datapackage.json").write_text('{"version": "2.0.1", "resources": []}', encoding="utf-8")
    assert detect_format(folder) == "hsds2"
    with any_db_app.app_context():
        report = run_import(db.session, V1, fmt="auto", lang="fr")
        db.session.commit()
        assert (report.fmt, report.format_detected) == ("hsds2", True)
        assert report.count("service", "created") == 3


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("services.csv", "name"),
        ("services.csv", "id"),
        ("regular_schedules.csv", "weekday"),
        ("payments_accepted.csv", "payment"),
    ],
)
def test_missing_required_column_is_fatal_and_changes_nothing(
    any_db_app: Flask, tmp_path: Path, file: str, column: str
) -> None:
    _import(any_db_app, V1, "--lang", "fr", "--source", "villeray")
    before = snapshot(any_db_app)
    folder = copy_tree(V1, tmp_path / "broken")
    rows = read_csv(folder / "organizations.csv")
    rows[0]["name"] = "Renamed, but this must not land"
    write_csv(folder / "organizations.csv", rows)
    rows = read_csv(folder / file)
    write_csv(folder / file, [{k: v for k, v in row.items() if k != column} for row in rows])
    result = invoke(any_db_app, "import", str(folder), "--format", "hsds2", "--source", "villeray")
    assert result.exit_code == 1
    assert f"{file}:1 [{column}]: this required column is missing" in result.output
    assert "nothing was changed" in result.output
    assert snapshot(any_db_app) == before


def test_rows_pointing_to_a_missing_service_are_rejected_where_they_are(
    any_db_app: Flask, tmp_path: Path
) -> None:
    folder = copy_tree(V1, tmp_path / "pkg")
    for file, row in (
        ("services_at_location.csv", {"id": "sal-9", "service_id": "svc-404", "location_id": "loc-1"}),
        ("services_taxonomy.csv", {"id": "st-9", "service_id": "svc-404", "taxonomy_id": "food"}),
        ("eligibility.csv", {"id": "el-9", "service_id": "svc-404", "eligibility": "Aînés"}),
    ):
        write_csv(folder / file, [*read_csv(folder / file), row])
    output = _import(any_db_app, folder, "--lang", "fr")
    # folded into its service in HSDS 3.0, the eligibility row has no row of its own to reject: warned
    assert "eligibility.csv:5 [service_id]: 'svc-404' points to no service" in output
    with any_db_app.app_context():
        rejects = {(r.file, r.line, r.column) for r in db.session.scalars(select(ImportReject))}
        assert rejects == {
            ("services_at_location.csv", "5", "service_id"),
            ("services_taxonomy.csv", "5", "link_id"),
        }
        run = db.session.scalars(select(ImportRun)).one()
        assert run.counts["service_at_location"]["rejected"] == 1


def test_cp1252_and_semicolon_files_are_read(any_db_app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "legacy"
    folder.mkdir()
    files = {
        "organizations.csv": "id;name;description\r\no1;Société Saint-Vincent de Rosemont;Entraide\r\n",
        "services.csv": "id;organization_id;name;status;fees\r\n"
        "s1;o1;Dépannage alimentaire;active;Aucuns frais\r\n",
        "payments_accepted.csv": "id;service_id;payment\r\np1;s1;Chèque\r\n",
        "regular_schedules.csv": "id;service_id;weekday;opens_at;closes_at\r\nr1;s1;Mercredi;9:00;12:00\r\n",
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("cp1252"))
    output = _import(any_db_app, folder, "--lang", "fr")
    assert "(hsds2, source" in output
    with any_db_app.app_context():
        service = db.session.scalars(select(Service)).one()
        assert service.name == {"fr": "Dépannage alimentaire"}
        assert service.fees_description == {"fr": "Aucuns frais\n\nModes de paiement acceptés : Chèque"}
        schedule = db.session.scalars(select(Schedule)).one()
        assert (schedule.byday, schedule.opens_at) == ("WE", "09:00")


def test_unreadable_weekday_is_kept_as_words_not_as_daily_hours(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(V1, tmp_path / "pkg")
    rows = read_csv(folder / "regular_schedules.csv")
    rows.append({**rows[0], "id": "7", "weekday": "jours fériés"})
    write_csv(folder / "regular_schedules.csv", rows)
    output = _import(any_db_app, folder, "--lang", "fr")
    # the loader says it read no hours in the words, and where they are
    assert "regular_schedules.csv:8 [notes]: opening hours 'jours fériés 13:00–16:00' could not" in output
    with any_db_app.app_context():
        kept = _get(Schedule, "7")
        assert (kept.freq, kept.byday, kept.opens_at) == (None, None, None)
        assert kept.notes == {"fr": "jours fériés 13:00–16:00"}


def test_unknown_column_is_reported_and_ignored(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(V1, tmp_path / "pkg")
    write_csv(
        folder / "services.csv", [{**row, "couleur": "bleu"} for row in read_csv(folder / "services.csv")]
    )
    output = _import(any_db_app, folder, "--lang", "fr")
    assert "services.csv:1 [couleur]: not a column of HSDS 1.x, 2.0 or 3.0; ignored" in output


def test_eligibility_without_services_csv_is_said(any_db_app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "partial"
    folder.mkdir()
    for name in ("organizations.csv", "eligibility.csv"):
        (folder / name).write_bytes((V1 / name).read_bytes())
    output = _import(any_db_app, folder, "--lang", "fr")
    assert (
        "eligibility.csv:2 [service_id]: HSDS 3.0 keeps this on the service: import it with services.csv"
        in output
    )


# --- cells -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "days"),
    [
        ("1", "MO"),
        ("7", "SU"),
        ("3.0", "WE"),
        ("Monday", "MO"),
        ("jeudi", "TH"),
        ("Sat.", "SA"),
        ("Mon-Fri", "MO,TU,WE,TH,FR"),
        ("lundi au mercredi", "MO,TU,WE"),
        ("Fri-Mon", "FR,SA,SU,MO"),
        ("TU, TH", "TU,TH"),
        ("1-5", "MO,TU,WE,TH,FR"),
        ("8", None),
        ("jours fériés", None),
        ("", None),
    ],
)
def test_weekday_cells(written: str, days: str | None) -> None:
    assert byday(written) == days


def test_rules_hsds3_cannot_say_are_kept_as_words() -> None:
    ctx = Hsds2Context()
    hours = {"id": "r1", "service_id": "s1", "opens_at": "09:00", "closes_at": "17:00"}
    every_other_day = next(regular_schedule({**hours, "freq": "DAILY", "interval": "2"}, ctx))
    assert (every_other_day["freq"], every_other_day["opens_at"]) == (None, None)
    assert every_other_day["notes"] == "FREQ=DAILY;INTERVAL=2 09:00–17:00"
    undated = next(regular_schedule({**hours, "freq": "YEARLY"}, ctx))
    assert (undated["freq"], undated["notes"]) == (None, "FREQ=YEARLY 09:00–17:00")
    no_day = next(regular_schedule(hours, ctx))  # hours without days: not every day's hours
    assert (no_day["freq"], no_day["byday"], no_day["notes"]) == (None, None, "09:00–17:00")
    monthly = next(regular_schedule({**hours, "freq": "monthly", "byday": "2MO"}, ctx))
    assert (monthly["freq"], monthly["byday"]) == ("MONTHLY", "2MO")


def test_old_term_codes_and_wheelchair_words() -> None:
    assert term_code(None, "food-bank", "Banque alimentaire", "needs") == "food-bank"
    assert term_code(None, "t-9", "Femmes", "Eligibility") == "women"  # the French label of a core term
    assert term_code(None, "BD-1800.2000", "Food Pantries", "AIRS") == "BD-1800.2000"
    assert term_code(None, "6f1c1d2e-8a51-5b8e-9a53-0c5a1e4f2b10", "Bingo", "Local") is None
    assert term_code("X1", "t-1", "Anything", "needs") == "X1"
    assert says_wheelchair_access("Accessible en fauteuil roulant")
    assert says_wheelchair_access("Wheelchair accessible entrance")
    assert not says_wheelchair_access("Toilettes non accessibles aux fauteuils roulants")
    assert not says_wheelchair_access("Ascenseur")
