"""Agency spreadsheets (`--format tabular`): CSV and XLSX read through a YAML mapping."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.core.facts import service_facts
from app.core.models import (
    Address,
    Attribute,
    ImportReject,
    ImportRun,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from app.web.extensions import db
from importers.formats import ImportOptions, detect
from tests.helpers import invoke, snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tabular"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _import(app: Flask, sheet: Path, mapping: Path, *more: str) -> str:
    result = invoke(app, "import", str(sheet), "--format", "tabular", "--mapping", str(mapping), *more)
    assert result.exit_code == 0, result.output
    return result.output


def _service(name: str) -> Service:
    return next(s for s in db.session.scalars(select(Service)) if name in s.name.values())


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)[-10:]


def test_one_row_per_service(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURES / "programmes.csv", FIXTURES / "programmes.yaml")
    with any_db_app.app_context():
        # "Moisson Est" and "MOISSON  EST" are one organization; the row without a program name is not.
        names = sorted(o.name["fr"] for o in db.session.scalars(select(Organization)))
        assert names == ["Ligne Écoute Ados", "Moisson Est"]
        food = _service("Banque alimentaire")
        assert food.name == {"fr": "Banque alimentaire", "en": "Food bank"}
        assert food.description == {"fr": "Paniers d'épicerie chaque semaine", "en": "Weekly grocery hampers"}
        assert food.organization.website and "moissonest.example.org" in food.organization.website
        assert sorted(_digits(p.number) for p in food.phones) == ["5145550101", "5145550102"]
        assert sorted(language.code for language in food.languages) == ["en", "es", "fr"]
        [schedule] = db.session.scalars(select(Schedule).where(Schedule.service_id == food.id))
        assert schedule.description == {"fr": "lun-ven 9h-17h", "en": "Mon-Fri 9am-5pm"}
        [place] = [sal.location for sal in food.service_at_locations]
        assert place.name == {"fr": "Comptoir Hochelaga"}
        address = place.addresses[0]
        assert (address.address_1, address.city, address.postal_code) == (
            "8770 rue Hochelaga",
            "Montréal",
            "H1L 2M9",
        )
        assert (address.state_province, address.country) == ("QC", "CA")  # the mapping's defaults
        # Both services of the organization are at the same place: one location.
        meals = _service("Repas communautaires")
        assert [sal.location_id for sal in meals.service_at_locations] == [place.id]
        terms = {
            t.code: t
            for t in db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.data_source != "core"))
        }
        assert set(terms) == {"Aide alimentaire", "Dépannage", "Santé mentale"}
        assert {t.taxonomy for t in terms.values()} == {"categories-moisson"}
        assert {t.name["fr"] for t in terms.values()} == set(terms)  # the agency's words, as written
        linked = db.session.scalars(
            select(Attribute.taxonomy_term_id).where(Attribute.link_id == meals.id)
        ).all()
        assert linked == [terms["Aide alimentaire"].id]
        line = _service("Ligne d'écoute")
        assert line.minimum_age == 12 and line.service_at_locations == []  # no address: no location
        reject = db.session.scalars(select(ImportReject)).one()
        assert (reject.file, reject.line, reject.column) == ("programmes.csv", "5", "name")
        assert reject.raw["[Description]"] == "Un programme sans nom"  # the row as the agency wrote it
        # Nothing of the rejected row is written: not its phone either.
        assert "5145550123" not in {_digits(p.number) for p in db.session.scalars(select(Phone))}


def test_reimport_of_the_same_file_changes_nothing(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURES / "programmes.csv", FIXTURES / "programmes.yaml")
    before = snapshot(any_db_app)
    output = _import(any_db_app, FIXTURES / "programmes.csv", FIXTURES / "programmes.yaml")
    assert "No change" in output
    after = snapshot(any_db_app)
    for table in ("import_run", "import_reject"):
        del before[table], after[table]
    assert after == before


def test_xlsx_named_sheet_with_header_on_row_3(any_db_app: Flask, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook["Notes"].append(["Exporté le 2024-05-01"])
    sheet = workbook.create_sheet("Services")
    sheet.append(["Répertoire des services"])
    sheet.append([])
    sheet.append(["No", "Organisme", "Programme", "Téléphone", "Âge min", "Besoins"])
    sheet.append([101, "Moisson Est", "Banque alimentaire", 5145550101, 18, "food-bank; Meals"])
    sheet.append([None, None, None, None, None, None])
    sheet.append([102, "Moisson Est", None, 5145550102, None, None])
    workbook.save(tmp_path / "agency.xlsx")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "sheet: Services\nheader_row: 3\nlang: fr\nid: No\norganization: {name: Organisme}\n"
        "service: {name: Programme, min_age: Âge min}\nphones: Téléphone\n"
        "core: {needs: Besoins}\n",
        encoding="utf-8",
    )
    _import(any_db_app, tmp_path / "agency.xlsx", mapping)
    with any_db_app.app_context():
        service = db.session.scalars(select(Service)).one()
        assert service.source_id == "101" and service.minimum_age == 18
        assert [_digits(p.number) for p in service.phones] == ["5145550101"]  # a number cell, not "…0101.0"
        facts = service_facts(db.session, [service.id])[service.id]
        assert facts.needs == {"food-bank", "meals"}  # core codes given directly
        reject = db.session.scalars(select(ImportReject)).one()
        assert (reject.file, reject.line, reject.column) == ("agency.xlsx/Services", "6", "name")
        run = db.session.scalars(select(ImportRun)).one()
        assert set(run.files) == {"agency.xlsx", "mapping.yaml"}


def test_one_row_per_location(any_db_app: Flask) -> None:
    _import(any_db_app, FIXTURES / "sites.csv", FIXTURES / "sites.yaml")
    with any_db_app.app_context():
        places = {p.source_id: p for p in db.session.scalars(select(Location))}
        assert set(places) == {"L1", "L2"}  # L1 appears on two rows
        offered = {
            sid: sorted(sal.service.name["fr"] for sal in place.service_at_locations)
            for sid, place in places.items()
        }
        assert offered == {
            "L1": ["Banque alimentaire", "Cuisine collective", "Friperie"],
            "L2": ["Banque alimentaire"],
        }
        assert db.session.scalar(select(func.count()).select_from(Service)) == 3
        # Phones and hours belong to the place each row describes.
        assert [
            _digits(p.number)
            for p in db.session.scalars(select(Phone).where(Phone.location_id == places["L2"].id))
        ] == ["5145550122"]
        hours = db.session.scalars(select(Schedule).where(Schedule.location_id == places["L1"].id)).one()
        assert hours.description == {"fr": "lun-ven 9h-17h"}
        food = _service("Banque alimentaire")
        assert sorted(language.code for language in food.languages) == ["en", "fr"]
        assert db.session.scalar(select(func.count()).select_from(Address)) == 2
        assert db.session.scalar(select(func.count()).select_from(ImportReject)) == 0


def test_shipped_example_imports_without_rejects(any_db_app: Flask) -> None:
    output = _import(any_db_app, EXAMPLES / "agency-services.csv", EXAMPLES / "tabular-mapping.yaml")
    assert "(tabular" in output
    with any_db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportReject)) == 0
        assert db.session.scalar(select(func.count()).select_from(Service)) == 4
        assert db.session.scalar(select(func.count()).select_from(Organization)) == 3
        food = db.session.scalars(select(Service).where(Service.source_id == "SA-101")).one()
        assert food.name == {"fr": "Banque alimentaire", "en": "Food bank"}
        assert "food-bank" in service_facts(db.session, [food.id])[food.id].needs  # its core code
        assert {language.code for language in db.session.scalars(select(Language))} == {
            "fr",
            "en",
            "es",
            "ar",
        }


def _bad_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (FIXTURES / "programmes.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (
            GOOD.replace("  min_age: Âge minimum", "  minimum: Âge minimum"),
            ["bad.yaml:11 [service.minimum]", "'minimum' is not a key of the mapping here", "min_age"],
        ),
        (
            GOOD.replace("hours: Heures", "hours: Horaire"),
            ["bad.yaml:18 [hours]", "column 'Horaire' is not in programmes.csv", "Heures"],
        ),
        (
            GOOD.replace("    service.name: Program name", "    service.name: Nom EN"),
            ["[translations.en.service.name]", "column 'Nom EN' is not in programmes.csv"],
        ),
        (GOOD.replace("rows: service", "rows: services"), ["[rows]", "'services' is not allowed here"]),
        ("rows: service\norganization: {name: Organisme\n", ["bad.yaml:3", "is not valid YAML"]),
        (
            "rows: service\norganization: {name: Organisme}\n",
            ["bad.yaml [service.name]", "must give this key"],
        ),
    ],
    ids=["unknown-key", "missing-column", "missing-translation-column", "bad-choice", "bad-yaml", "no-name"],
)
def test_mapping_errors_are_fatal_and_change_nothing(
    any_db_app: Flask, tmp_path: Path, mapping: str, expected: list[str]
) -> None:
    _import(any_db_app, EXAMPLES / "agency-services.csv", EXAMPLES / "tabular-mapping.yaml")
    before = snapshot(any_db_app)
    bad = _bad_mapping(tmp_path, mapping)
    result = invoke(
        any_db_app, "import", str(FIXTURES / "programmes.csv"), "--format", "tabular", "--mapping", str(bad)
    )
    assert result.exit_code == 1
    assert "nothing was changed" in result.output
    for text in expected:
        assert text in result.output
    assert snapshot(any_db_app) == before


def test_no_mapping_is_fatal_in_both_languages(
    any_db_app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = shutil.copy(FIXTURES / "programmes.csv", tmp_path / "programmes.csv")
    before = snapshot(any_db_app)
    result = invoke(any_db_app, "import", str(sheet), "--format", "tabular")
    assert result.exit_code == 1
    assert "programmes.csv: the tabular format needs a mapping file" in result.output
    assert "carrefour-mapping.yaml" in result.output
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    result = invoke(any_db_app, "import", str(sheet), "--format", "tabular")
    assert "le format tabular a besoin d'un fichier de correspondance" in result.output
    assert snapshot(any_db_app) == before


def test_format_auto_finds_the_mapping_beside_the_spreadsheet(any_db_app: Flask, tmp_path: Path) -> None:
    sheet = Path(shutil.copy(FIXTURES / "programmes.csv", tmp_path / "programmes.csv"))
    assert detect(sheet, ImportOptions()) is None  # a bare spreadsheet says nothing of its columns
    found = detect(sheet, ImportOptions(mapping=FIXTURES / "programmes.yaml"))
    assert found is not None and found.name == "tabular"
    shutil.copy(FIXTURES / "programmes.yaml", tmp_path / "carrefour-mapping.yaml")
    result = invoke(any_db_app, "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "(tabular, recognized from the files" in result.output
    with any_db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) == 3


def test_format_auto_with_a_mapping_given_picks_tabular(any_db_app: Flask, tmp_path: Path) -> None:
    sheet = Path(shutil.copy(FIXTURES / "programmes.csv", tmp_path / "programmes.csv"))
    result = invoke(any_db_app, "import", str(sheet), "--mapping", str(FIXTURES / "programmes.yaml"))
    assert result.exit_code == 0, result.output
    assert "(tabular, recognized from the files" in result.output
    with any_db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) == 3


def test_format_auto_leaves_hsds_folders_to_hsds(hsds_examples: Path, tmp_path: Path) -> None:
    mapping = ImportOptions(mapping=FIXTURES / "programmes.yaml")
    found = detect(hsds_examples / "csv", mapping)
    assert found is not None and found.name == "hsds3"
    package = Path(shutil.copytree(hsds_examples / "csv", tmp_path / "package"))
    shutil.copy(FIXTURES / "programmes.yaml", package / "carrefour-mapping.yaml")
    found = detect(package, ImportOptions())
    assert found is not None and found.name == "hsds3"
    found = detect(package / "services.csv", mapping)
    assert found is not None and found.name == "hsds3"
