"""Ohana API CSV exports (`--format ohana`): a bilingual Montréal export, its multi-value cells, bad input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any, TypeVar

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import location_features, service_facts
from app.core.hours import ScheduleRule, day_hours, weekly_intervals
from app.core.models import (
    Address,
    Attribute,
    ImportReject,
    ImportRun,
    Location,
    Organization,
    Phone,
    Service,
    TaxonomyTerm,
)
from app.web.extensions import db
from importers.detect import detect_format
from importers.ohana.values import holiday_date, split_values, weekday
from importers.run import run_import
from tests.helpers import copy_tree, invoke, read_csv, snapshot, write_csv

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ohana"
Model = TypeVar("Model")


def _import(app: Flask, path: Path, *more: str) -> str:
    result = invoke(app, "import", str(path), "--format", "ohana", "--lang", "fr", *more)
    assert result.exit_code == 0, result.output
    return result.output


def _get(model: type[Model], source_id: str) -> Model:
    """The row the Ohana export gave this id."""
    return db.session.scalars(select(model).where(model.source_id == source_id)).one()  # type: ignore[attr-defined]


def _texts(rows: list[Any], field: str) -> list[str]:
    return sorted(getattr(row, field)["fr"] for row in rows)


def _terms(service: Service, taxonomy: str) -> list[str]:
    names = db.session.scalars(
        select(TaxonomyTerm.name)
        .join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
        .where(Attribute.link_id == service.id, TaxonomyTerm.taxonomy == taxonomy)
    )
    return sorted(name["fr"] for name in names)


# --- a whole export --------------------------------------------------------------------------------------


def test_full_export_imports_with_every_row_counted(any_db_app: Flask) -> None:
    output = _import(any_db_app, FIXTURE)
    assert "(ohana, source" in output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        created = {table: counts["created"] for table, counts in run.counts.items()}
        assert created["organization"] == 3
        assert created["location"] == 5
        assert created["service"] == 5
        assert created["service_at_location"] == 5
        assert created["address"] == 6  # 4 physical + 2 postal, ids told apart
        assert created["phone"] == 6
        assert created["contact"] == 4  # 3 contacts + a location's e-mail
        assert created["schedule"] == 8  # 5 weekly + 3 holidays
        assert run.format == "ohana"
        assert all(counts["rejected"] == 0 for counts in run.counts.values())
        assert all(counts["read"] == counts["created"] for counts in run.counts.values())
        assert db.session.scalars(select(ImportReject)).first() is None


def test_services_sit_under_their_location_and_its_organization(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        food = _get(Service, "1")
        assert food.name == {"fr": "Banque alimentaire"}
        assert food.organization.name["fr"] == "Centre d'entraide Rosemont"
        assert [sal.location.source_id for sal in food.service_at_locations] == ["1"]
        assert food.program is not None and food.program.name["fr"] == "Sécurité alimentaire"
        assert food.fees_description == {"fr": "Gratuit"}
        assert food.minimum_age == 18  # read from the eligibility text
        assert "Familles à faible revenu" in food.eligibility_description["fr"]  # audience kept with it
        jobs = _get(Service, "3")
        assert jobs.organization.source_id == "2"
        assert [sal.location.source_id for sal in jobs.service_at_locations] == ["3"]
        assert _get(Service, "5").status == "defunct"
        line = _get(Location, "4")
        assert line.location_type == "virtual"
        assert _get(Location, "5").description == {"fr": "Local pour les groupes de soutien."}  # short_desc
        organization = _get(Organization, "1")
        assert organization.year_incorporated == 1987
        assert _texts(organization.funding, "source") == ["Centraide", "Dons", "Ville de Montréal"]
        plateau = _get(Organization, "2")
        assert _texts(plateau.funding, "source") == ["Emploi-Québec", "Fondation du Plateau, volet jeunesse"]


def test_physical_and_postal_addresses(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        addresses = {a.address_type: a for a in _get(Location, "1").addresses}
        assert set(addresses) == {"physical", "postal"}
        assert addresses["physical"].postal_code == "H1X 2X2"
        assert addresses["postal"].attention == "Direction générale"
        assert addresses["postal"].postal_code == "H1X 3R5"
        assert _get(Address, "mail-2").location.source_id == "4"  # the phone line has only a postal address


def test_phones_keep_their_owner_type_and_words(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        assert sorted(p.type for p in _get(Location, "1").phones) == ["fax", "voice"]
        hotline = _get(Phone, "3")
        assert hotline.service.source_id == "4"
        assert hotline.number.replace(" ", "").replace("-", "").endswith("5145550199")
        assert hotline.description == {"fr": "Ligne d'écoute · 514-555-AIDE"}
        assert _get(Phone, "4").contact.name == "Marie Tremblay"
        assert _get(Phone, "4").extension == 22
        assert _get(Phone, "6").type == "textphone"  # Ohana's tty


def test_weekly_hours_and_holidays(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        place = _get(Location, "1")
        weekly = [s for s in place.schedules if s.freq == "WEEKLY"]
        assert sorted(s.byday for s in weekly) == ["MO", "TU", "WE"]  # 1, Tuesday, mercredi
        assert {(s.opens_at, s.closes_at) for s in weekly} == {("09:00", "17:00")}
        holidays = {s.source_id: s for s in place.schedules if s.freq == "MONTHLY"}
        winter = holidays["holiday-1"]
        assert (str(winter.valid_from), str(winter.valid_to)) == ("2025-12-24", "2026-01-02")
        assert winter.bymonthday == "24,25,26,27,28,29,30,31,1,2"
        assert winter.description == {"en": "Closed", "fr": "Fermé"}
        assert holidays["holiday-2"].description["fr"] == "Fermé chaque année le 1 juillet"
        food = _get(Service, "1")
        special = next(s for s in food.schedules if s.freq == "MONTHLY")
        assert (special.opens_at, special.closes_at, special.bymonthday) == ("10:00", "14:00", "31")
        # What the pages show: the holiday's hours are not taken for the service's weekly hours.
        rules = [ScheduleRule(s.byday, s.opens_at, s.closes_at, s.freq) for s in food.schedules]
        intervals = weekly_intervals(rules)
        assert day_hours(intervals, 1) == [("13:00", "16:00")]  # Tuesday, from "Tue 1:00 PM-4:00 PM"
        assert all(not day_hours(intervals, day) for day in (0, 2, 3, 4, 5, 6))


# --- multi-value cells -----------------------------------------------------------------------------------


def test_languages_in_every_separator_style_become_iso_codes(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        codes = {sid: sorted(lang.code for lang in _get(Service, sid).languages) for sid in "1234"}
        assert codes == {
            "1": ["en", "fr"],  # "Français, English"
            "2": ["es", "fr"],  # "{Français,Espagnol}"
            "3": ["ar", "en", "fr"],  # "English; French; Arabic"
            "4": ["fr", "ht"],  # "Créole haïtien|Français"
        }
        assert sorted(lang.code for lang in _get(Location, "3").languages) == ["ar", "en", "fr"]


def test_keywords_areas_documents_and_payments(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        food, meals, jobs, line = (_get(Service, sid) for sid in "1234")
        assert _terms(food, "ohana_keywords") == ["dépannage alimentaire", "paniers", "épicerie"]
        assert _terms(meals, "ohana_keywords") == ["cuisine collective", "repas"]
        assert _terms(jobs, "ohana_keywords") == ["interview", "job search", "resume"]
        assert _terms(line, "ohana_keywords") == ["crise", "soutien", "écoute"]
        assert _texts(food.service_areas, "name") == ["Rosemont–La Petite-Patrie", "Villeray"]
        assert _texts(meals.service_areas, "name") == ["Rosemont–La Petite-Patrie"]
        assert _texts(jobs.service_areas, "name") == ["Le Plateau-Mont-Royal", "Outremont"]
        # The human text as written (no split inside parentheses), and the documents the matcher checks.
        assert _texts(food.required_documents, "document") == [
            "Carte RAMQ",
            "Preuve d'adresse (bail, compte d'Hydro)",
        ]
        assert _texts(jobs.required_documents, "document") == ["Proof of income", "Work permit or PR card"]
        facts = service_facts(db.session, [food.id, meals.id, jobs.id])
        assert facts[food.id].documents == {"health-card", "proof-of-address"}
        assert facts[meals.id].documents == {"photo-id"}
        assert facts[jobs.id].documents == {"immigration-papers", "proof-of-income"}
        assert "interpretation" in facts[jobs.id].features  # "Interprètes en arabe sur rendez-vous"
        assert "food-bank" in facts[food.id].needs  # the taxonomy code is a core code
        assert "meals" in facts[meals.id].needs
        assert _terms(meals, "ohana_accepted_payments") == ["Argent comptant", "Carte de débit"]
        assert _terms(jobs, "ohana_accepted_payments") == ["Cash", "Cheque"]
        assert _texts(jobs.funding, "source") == ["Emploi-Québec"]


def test_taxonomy_csv_names_the_category_codes(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(FIXTURE, tmp_path / "with-taxonomy")
    write_csv(
        folder / "taxonomy.csv",
        [
            {"taxonomy_id": "102", "name": "Food", "parent_id": "", "parent_name": ""},
            {"taxonomy_id": "102-04", "name": "Food Pantry", "parent_id": "102", "parent_name": "Food"},
        ],
    )
    _import(any_db_app, folder)
    with any_db_app.app_context():
        food = _get(Service, "1")
        assert _terms(food, "ohana_taxonomy") == ["Food Pantry", "food-bank"]
        pantry = _get(TaxonomyTerm, "ohana_taxonomy:102-04")
        parent = db.session.get(TaxonomyTerm, pantry.parent_id)
        assert parent is not None and parent.name == {"fr": "Food"}
        assert "food-bank" in service_facts(db.session, [food.id])[food.id].needs


def test_accessibility_rows_and_the_wheelchair_feature(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    with any_db_app.app_context():
        places = {sid: _get(Location, sid) for sid in "1235"}
        assert _texts(places["1"].accessibility, "description") == [
            "Accessible en fauteuil roulant",
            "Rampe d'accès",
            "Toilettes accessibles",
        ]
        assert places["1"].accessibility[0].description["en"]  # labelled in both languages
        assert [a.details for a in places["5"].accessibility] == [{"fr": "Accès par la ruelle"}]
        features = location_features(db.session, [p.id for p in places.values()])
        assert features[places["1"].id] == {"wheelchair-accessible"}  # "ramp, restroom, wheelchair"
        assert features[places["3"].id] == {"wheelchair-accessible"}  # "wheelchair | tty"
        assert features[places["2"].id] == set()  # an elevator is not wheelchair access
        assert features[places["5"].id] == set()


def test_reimport_changes_nothing(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURE)
    before = snapshot(any_db_app)
    output = _import(any_db_app, FIXTURE)
    assert "No change" in output
    after = snapshot(any_db_app)
    for table in ("import_run", "import_reject"):
        del before[table], after[table]
    assert after == before


# --- archives, detection, encodings ----------------------------------------------------------------------


def test_zip_in_a_subfolder_imports_with_format_auto(any_db_app: Flask, tmp_path: Path) -> None:
    archive = tmp_path / "ohana-export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in FIXTURE.glob("*.csv"):
            handle.write(path, f"export/{path.name}")
    result = invoke(any_db_app, "import", str(archive), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "(ohana, recognized from the files" in result.output
    with any_db_app.app_context():
        assert len(db.session.scalars(select(Service)).all()) == 5
        assert {s.data_source for s in db.session.scalars(select(Service))} == {"ohana-export"}


def test_format_auto_picks_ohana_and_says_so(any_db_app: Flask) -> None:
    assert detect_format(FIXTURE) == "ohana"
    with any_db_app.app_context():
        report = run_import(db.session, FIXTURE, fmt="auto", lang="fr")
        db.session.commit()
        assert (report.fmt, report.format_detected) == ("ohana", True)
        assert report.count("service", "created") == 5


def _hsds2_folder(folder: Path) -> Path:
    """An HSDS 2.0 export: its services belong to organizations, and it has regular_schedules.csv too."""
    folder.mkdir()
    write_csv(folder / "organizations.csv", [{"id": "o1", "name": "Org", "description": "x"}])
    write_csv(folder / "services.csv", [{"id": "s1", "organization_id": "o1", "program_id": "", "name": "S"}])
    write_csv(folder / "locations.csv", [{"id": "l1", "organization_id": "o1", "name": "L"}])
    write_csv(folder / "services_at_location.csv", [{"id": "sl1", "service_id": "s1", "location_id": "l1"}])
    write_csv(
        folder / "regular_schedules.csv",
        [{"id": "r1", "service_id": "s1", "location_id": "", "weekday": "1", "opens_at": "09:00"}],
    )
    write_csv(folder / "physical_addresses.csv", [{"id": "a1", "location_id": "l1", "address_1": "x"}])
    return folder


def test_hsds2_and_hsds3_folders_are_not_taken_for_ohana(tmp_path: Path, hsds_examples: Path) -> None:
    assert detect_format(_hsds2_folder(tmp_path / "hsds2")) == "hsds2"
    assert detect_format(hsds_examples / "csv") == "hsds3"
    # Ohana file names without Ohana headers are not enough either.
    folder = copy_tree(FIXTURE, tmp_path / "renamed")
    rows = read_csv(folder / "services.csv")
    write_csv(folder / "services.csv", [{**row, "organization_id": "1"} for row in rows])
    (folder / "mail_addresses.csv").unlink()
    assert detect_format(folder) != "ohana"


def test_cp1252_file_is_read(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(FIXTURE, tmp_path / "legacy")
    text = (folder / "organizations.csv").read_text(encoding="utf-8")
    (folder / "organizations.csv").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    _import(any_db_app, folder)
    with any_db_app.app_context():
        assert _get(Organization, "3").name == {"fr": "Écoute Verdun"}
        assert _get(Organization, "1").name == {"fr": "Centre d'entraide Rosemont"}


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "column"),
    [("services.csv", "location_id"), ("services.csv", "name"), ("mail_addresses.csv", "location_id")],
)
def test_missing_required_column_is_fatal_and_changes_nothing(
    any_db_app: Flask, tmp_path: Path, file: str, column: str
) -> None:
    _import(any_db_app, FIXTURE)
    before = snapshot(any_db_app)
    folder = copy_tree(FIXTURE, tmp_path / "broken")
    rows = read_csv(folder / file)
    write_csv(folder / file, [{k: v for k, v in row.items() if k != column} for row in rows])
    organizations = read_csv(folder / "organizations.csv")
    organizations[0]["name"] = "Renamed, but this must not land"
    write_csv(folder / "organizations.csv", organizations)
    result = invoke(any_db_app, "import", str(folder), "--format", "ohana", "--source", "fixtures")
    assert result.exit_code == 1
    assert f"{file}:1 [{column}]: this required column is missing" in result.output
    assert "nothing was changed" in result.output
    assert snapshot(any_db_app) == before


def test_folder_without_locations_is_fatal(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(FIXTURE, tmp_path / "partial")
    (folder / "locations.csv").unlink()
    result = invoke(any_db_app, "import", str(folder), "--format", "ohana")
    assert result.exit_code == 1
    assert "no 'locations.csv' here; an Ohana API export needs it" in result.output


def test_service_whose_location_points_nowhere_is_rejected(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(FIXTURE, tmp_path / "orphan")
    rows = read_csv(folder / "services.csv")
    rows.append({**rows[0], "id": "6", "location_id": "99", "name": "Service sans lieu"})
    write_csv(folder / "services.csv", rows)
    output = _import(any_db_app, folder)
    # Said where the user can look: services.csv, line 7 (the header is line 1), its location_id.
    assert "services.csv:7 [location_id]: '99' points to no location" in output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        assert run.counts["service"] == {"read": 6, "created": 5, "updated": 0, "unchanged": 0, "rejected": 1}
        reject = db.session.scalars(
            select(ImportReject)
        ).one()  # its languages, terms... are not more rejects
        assert (reject.file, reject.line) == ("services.csv", "7")
        assert reject.raw["name"] == "Service sans lieu"
        assert all(s.name["fr"] != "Service sans lieu" for s in db.session.scalars(select(Service)))


def test_unreadable_weekday_is_kept_as_words_not_as_daily_hours(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(FIXTURE, tmp_path / "funday")
    rows = read_csv(folder / "regular_schedules.csv")
    rows.append({**rows[0], "id": "6", "location_id": "2", "weekday": "Funday"})
    write_csv(folder / "regular_schedules.csv", rows)
    output = _import(any_db_app, folder)
    assert "regular_schedules.csv:7" in output and "Funday 09:00–17:00" in output
    with any_db_app.app_context():
        (kept,) = _get(Location, "2").schedules
        assert kept.byday is None and kept.opens_at is None
        assert kept.notes == {"fr": "Funday 09:00–17:00"}


# --- cells -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("English, Spanish", ["English", "Spanish"]),
        ("English; Spanish", ["English", "Spanish"]),
        ("English|Spanish", ["English", "Spanish"]),
        ('{English,"Chinese, Mandarin",NULL}', ["English", "Chinese, Mandarin"]),
        ('["Cash", "Cheque"]', ["Cash", "Cheque"]),
        ("Proof of address (lease, bill), Photo ID", ["Proof of address (lease, bill)", "Photo ID"]),
        ("Proof of income, recent; Photo ID", ["Proof of income, recent", "Photo ID"]),
        ("a, a, ", ["a"]),
        ("", []),
    ],
)
def test_multi_value_cells(cell: str, values: list[str]) -> None:
    assert split_values(cell) == values


def test_weekdays_and_holiday_dates() -> None:
    assert [weekday(d) for d in ("1", "7", "Monday", "Tue", "mercredi", "dim.", "SA", "8", "Funday")] == [
        "MO", "SU", "MO", "TU", "WE", "SU", "SA", None, None,
    ]  # fmt: skip
    yearly = holiday_date("July 01, 0001")
    assert yearly is not None and yearly.yearly and (yearly.day.month, yearly.day.day) == (7, 1)
    for written in ("2025-12-24", "December 24, 2025", "24 décembre 2025", "12/24/2025", "12/24/25"):
        found = holiday_date(written)
        assert found is not None and str(found.day) == "2025-12-24" and not found.yearly, written
    assert holiday_date("Noël") is None


def test_ohana_sample_layout_is_recognized(tmp_path: Path) -> None:
    """Only the headers Ohana documents, in its own order, with no mail_addresses.csv."""
    folder = tmp_path / "sample"
    folder.mkdir()
    for name in ("organizations.csv", "locations.csv", "services.csv", "addresses.csv"):
        shutil.copy(FIXTURE / name, folder / name)
    assert detect_format(folder) == "ohana"
