"""HSDS 3.0 import: the official example, re-imports, translations, core facts, and bad input."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.core.facts import service_facts
from app.core.models import ImportReject, ImportRun, Location, Organization, Service, TaxonomyTerm
from app.web.extensions import db
from tests.helpers import copy_tree, invoke, read_csv, snapshot, write_csv

EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"


def test_official_csv_example_imports_with_every_problem_counted(
    any_db_app: Flask, hsds_examples: Path
) -> None:
    result = invoke(any_db_app, "import", str(hsds_examples / "csv"), "--format", "hsds3")
    assert result.exit_code == 0, result.output
    with any_db_app.app_context():
        service = db.session.get(Service, EXAMPLE_SERVICE)
        assert service is not None
        assert service.name == {"en": "Community Counselling"}
        assert service.lang == "en"  # detected from the text
        assert service.minimum_age == 12 and service.maximum_age == 100
        assert service.organization.source_id == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
        location = db.session.get(Location, "3a19ff88-4620-4d17-9830-ac1d859eb5d5")
        assert location is not None and location.latitude is None  # 100/101 are not coordinates
        run = db.session.scalars(select(ImportRun)).one()
        assert run.counts["service"] == {"read": 1, "created": 1, "updated": 0, "unchanged": 0, "rejected": 0}
        reject = db.session.scalars(select(ImportReject)).one()
        assert (reject.file, reject.line, reject.column) == ("attributes.csv", "2", "link_id")
    # read = created + updated + unchanged + rejected, for every table
    for counts in run.counts.values():
        assert (
            counts["read"] == counts["created"] + counts["updated"] + counts["unchanged"] + counts["rejected"]
        )
    assert "locations.csv:2" in result.output and "not valid coordinates" in result.output
    assert "organizations.csv:2 [parent_organization_id]" in result.output


def test_reimport_changes_nothing_and_says_so(any_db_app: Flask, hsds_examples: Path) -> None:
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    before = snapshot(any_db_app)
    result = invoke(any_db_app, "import", str(hsds_examples / "csv"))
    assert result.exit_code == 0
    assert "No change" in result.output
    after = snapshot(any_db_app)
    del before["import_run"], after["import_run"], before["import_reject"], after["import_reject"]
    assert after == before


def test_changed_row_is_updated_with_a_new_version(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    folder = copy_tree(hsds_examples / "csv", tmp_path / "agency")
    invoke(any_db_app, "import", str(folder), "--source", "agency")
    rows = read_csv(folder / "services.csv")
    rows[0]["name"] = "Community Counselling Plus"
    write_csv(folder / "services.csv", rows)
    result = invoke(any_db_app, "import", str(folder), "--source", "agency")
    assert result.exit_code == 0
    with any_db_app.app_context():
        services = db.session.scalars(select(Service)).all()
        assert len(services) == 1  # updated, not duplicated
        assert services[0].name["en"] == "Community Counselling Plus"
        assert services[0].version == 2
        run = db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert run.counts["service"]["updated"] == 1
        assert run.counts["organization"]["unchanged"] == 1


def test_json_service_list_imports(any_db_app: Flask, hsds_examples: Path) -> None:
    result = invoke(any_db_app, "import", str(hsds_examples / "service_full.json"))
    assert result.exit_code == 0, result.output
    with any_db_app.app_context():
        service = db.session.get(Service, EXAMPLE_SERVICE)
        assert service is not None
        assert [p.number for p in service.phones] == ["+441234234567"]  # quotes gone: E.164
        assert service.service_at_locations[0].location.addresses[0].city == "MyCity"
        assert service.program is not None and service.program.organization_id == service.organization_id


def test_zip_of_a_datapackage_imports(any_db_app: Flask, hsds_examples: Path, tmp_path: Path) -> None:
    archive = tmp_path / "agency.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in (hsds_examples / "csv").glob("*.csv"):
            handle.write(path, f"export/{path.name}")
    result = invoke(any_db_app, "import", str(archive))
    assert result.exit_code == 0, result.output
    with any_db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) == 1
        assert db.session.scalars(select(Service.data_source)).one() == "agency"


def _tiny_package(folder: Path, lang_rows: dict[str, str], extra: dict[str, str] | None = None) -> Path:
    """A small bilingual-capable package: one organization, one service, core taxonomy attributes."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "organizations.csv",
        [{"id": "org-1", "name": lang_rows["org"], "description": lang_rows["org"]}],
    )
    service = {
        "id": "svc-1",
        "organization_id": "org-1",
        "name": lang_rows["name"],
        "description": lang_rows["description"],
        "status": "active",
        "minimum_age": "18",
    }
    service.update(extra or {})
    write_csv(folder / "services.csv", [service])
    write_csv(
        folder / "taxonomies.csv",
        [
            {"id": "tx-needs", "name": "Needs", "description": "core"},
            {"id": "tx-elig", "name": "eligibility", "description": "core"},
        ],
    )
    write_csv(
        folder / "taxonomy_terms.csv",
        [
            {
                "id": "t-food-bank",
                "code": "food-bank",
                "name": "Food bank",
                "description": "x",
                "taxonomy_id": "tx-needs",
                "taxonomy": "",
            },
            {
                "id": "t-women",
                "code": "women",
                "name": "Women",
                "description": "x",
                "taxonomy_id": "tx-elig",
                "taxonomy": "",
            },
            {
                "id": "t-wheel",
                "code": "wheelchair-accessible",
                "name": "Wheelchair",
                "description": "x",
                "taxonomy_id": "",
                "taxonomy": "features",
            },
            {
                "id": "t-other",
                "code": "ZZ-9999",
                "name": "Bingo night",
                "description": "x",
                "taxonomy_id": "",
                "taxonomy": "AIRS",
            },
        ],
    )
    write_csv(
        folder / "attributes.csv",
        [
            {
                "id": "a1",
                "link_id": "svc-1",
                "taxonomy_term_id": "t-food-bank",
                "link_type": "",
                "link_entity": "service",
                "value": "",
            },
            {
                "id": "a2",
                "link_id": "svc-1",
                "taxonomy_term_id": "t-women",
                "link_type": "",
                "link_entity": "services",
                "value": "",
            },
            {
                "id": "a3",
                "link_id": "svc-1",
                "taxonomy_term_id": "t-wheel",
                "link_type": "",
                "link_entity": "service",
                "value": "",
            },
            {
                "id": "a4",
                "link_id": "svc-1",
                "taxonomy_term_id": "t-other",
                "link_type": "",
                "link_entity": "service",
                "value": "",
            },
        ],
    )
    return folder


def test_attributes_linking_to_the_core_taxonomy_become_facts(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(tmp_path / "pkg", {"org": "Org", "name": "Food bank", "description": "Groceries"})
    result = invoke(any_db_app, "import", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.output
    with any_db_app.app_context():
        service = db.session.scalars(select(Service)).one()
        facts = service_facts(db.session, [service.id])[service.id]
        assert facts.needs == {"food-bank"}
        assert facts.eligibility == {"gender": {"women"}}
        assert facts.features == {"wheelchair-accessible"}
        other = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == "ZZ-9999")).one()
        assert other.core_key is None  # neither a core term nor in the crosswalk: kept, no fact invented


def test_second_import_with_lang_fills_translations(any_db_app: Flask, tmp_path: Path) -> None:
    fr = _tiny_package(
        tmp_path / "fr",
        {
            "org": "Moisson Est",
            "name": "Banque alimentaire",
            "description": "Paniers d'épicerie pour les familles",
        },
    )
    en = _tiny_package(
        tmp_path / "en",
        {"org": "Moisson Est", "name": "Food bank", "description": "Grocery hampers for families"},
    )
    assert invoke(any_db_app, "import", str(fr), "--lang", "fr", "--source", "moisson").exit_code == 0
    assert invoke(any_db_app, "import", str(en), "--lang", "en", "--source", "moisson").exit_code == 0
    with any_db_app.app_context():
        service = db.session.scalars(select(Service)).one()
        assert service.name == {"fr": "Banque alimentaire", "en": "Food bank"}
        assert service.description["en"] == "Grocery hampers for families"
        assert service.lang == "fr"  # the language it was first written in


def test_suffixed_columns_carry_translations(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Org", "name": "Banque alimentaire", "description": "Paniers"},
        extra={"name_en": "Food bank", "description_en": "Hampers"},
    )
    assert invoke(any_db_app, "import", str(folder), "--lang", "fr").exit_code == 0
    with any_db_app.app_context():
        service = db.session.scalars(select(Service)).one()
        assert service.name == {"fr": "Banque alimentaire", "en": "Food bank"}
        assert service.description == {"fr": "Paniers", "en": "Hampers"}


def test_missing_required_column_is_fatal_and_changes_nothing(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    before = snapshot(any_db_app)
    folder = copy_tree(hsds_examples / "csv", tmp_path / "broken")
    rows = read_csv(folder / "services.csv")
    write_csv(
        folder / "services.csv", [{k: v for k, v in row.items() if k != "organization_id"} for row in rows]
    )
    rows = read_csv(folder / "organizations.csv")
    rows[0]["name"] = "Renamed, but this must not land"
    write_csv(folder / "organizations.csv", rows)
    result = invoke(any_db_app, "import", str(folder), "--source", "csv")
    assert result.exit_code == 1
    assert "services.csv:1 [organization_id]" in result.output
    assert "nothing was changed" in result.output
    assert snapshot(any_db_app) == before


def test_fatal_error_late_in_a_run_rolls_everything_back(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(any_db_app)
    folder = copy_tree(hsds_examples / "csv", tmp_path / "broken")
    # funding.csv is read after most tables were written; a cell over the CSV reader's limit makes it fail.
    rows = read_csv(folder / "funding.csv")
    rows[0]["source"] = "x" * 5000
    write_csv(folder / "funding.csv", rows)
    monkeypatch.setattr(csv, "field_size_limit", csv.field_size_limit)
    csv.field_size_limit(1000)
    try:
        result = invoke(any_db_app, "import", str(folder))
    finally:
        csv.field_size_limit(16 * 1024 * 1024)
    assert result.exit_code == 1, result.output
    assert "funding.csv:2" in result.output
    assert snapshot(any_db_app) == before


def test_bad_json_names_file_and_line(any_db_app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text('[\n {"id": "x",\n  "name": }\n]', encoding="utf-8")
    before = snapshot(any_db_app)
    result = invoke(any_db_app, "import", str(path))
    assert result.exit_code == 1
    assert "services.json:3" in result.output
    assert snapshot(any_db_app) == before


def test_bad_values_are_named_by_file_line_and_column(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Org", "name": "Food bank", "description": "Groceries"},
        extra={"minimum_age": "douze", "assured_date": "last spring"},
    )
    result = invoke(any_db_app, "import", str(folder), "--lang", "en")
    assert result.exit_code == 0
    assert "services.csv:2 [minimum_age]: 'douze' is not a number" in result.output
    assert "services.csv:2 [assured_date]: 'last spring' is not a date" in result.output


def test_rows_pointing_nowhere_are_rejected_and_counted(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(tmp_path / "pkg", {"org": "Org", "name": "Food bank", "description": "Groceries"})
    rows = read_csv(folder / "services.csv")
    rows.append({**rows[0], "id": "svc-2", "organization_id": "org-missing"})
    rows.append({**rows[0]})  # the same id twice
    write_csv(folder / "services.csv", rows)
    attributes = read_csv(folder / "attributes.csv")
    write_csv(folder / "attributes.csv", [*attributes, {**attributes[0], "id": "a9", "link_id": "svc-404"}])
    result = invoke(any_db_app, "import", str(folder), "--lang", "en")
    assert result.exit_code == 0
    assert "services.csv:3 [organization_id]: 'org-missing' points to no organization in these files" in (
        result.output
    )
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        # the service whose organization the files lack is kept, under a placeholder organization
        assert run.counts["service"] == {"read": 3, "created": 2, "updated": 0, "unchanged": 0, "rejected": 1}
        rejects = {(r.file, r.line, r.column) for r in db.session.scalars(select(ImportReject))}
        assert rejects == {("services.csv", "4", "id"), ("attributes.csv", "6", "link_id")}
        kept = db.session.scalars(select(Service).where(Service.source_id == "svc-2")).one()
        assert kept.organization.placeholder and kept.organization.source_id == "org-missing"
        assert db.session.scalar(select(func.count()).select_from(Organization)) == 2


def test_non_uuid_ids_get_stable_uuids_and_keep_their_source_id(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(tmp_path / "pkg", {"org": "Org", "name": "Food bank", "description": "Groceries"})
    invoke(any_db_app, "import", str(folder), "--lang", "en", "--source", "a")
    invoke(any_db_app, "import", str(folder), "--lang", "en", "--source", "b")
    with any_db_app.app_context():
        services = db.session.scalars(select(Service).order_by(Service.data_source)).all()
        assert [s.source_id for s in services] == ["svc-1", "svc-1"]
        assert len({s.id for s in services}) == 2  # two sources, two rows
        assert all(len(s.id) == 36 for s in services)


def test_cp1252_and_semicolons_are_read(any_db_app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "organizations.csv").write_bytes(
        "id;name;description\r\no1;Société Saint-Vincent;Aide\r\n".encode("cp1252")
    )
    (folder / "services.csv").write_bytes(
        "id;organization_id;name;status\r\ns1;o1;Dépannage alimentaire;active\r\n".encode("cp1252")
    )
    result = invoke(any_db_app, "import", str(folder), "--lang", "fr")
    assert result.exit_code == 0, result.output
    with any_db_app.app_context():
        assert db.session.scalars(select(Service)).one().name == {"fr": "Dépannage alimentaire"}


@pytest.mark.parametrize("content", ["", "not json at all"])
def test_unreadable_datapackage_descriptor_falls_back_to_file_names(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path, content: str
) -> None:
    folder = copy_tree(hsds_examples / "csv", tmp_path / "pkg")
    (folder / "datapackage.json").write_text(content, encoding="utf-8")
    result = invoke(any_db_app, "import", str(folder))
    assert result.exit_code == 0
    assert "datapackage.json cannot be read" in result.output


def test_datapackage_listing_a_missing_file_is_fatal(any_db_app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "services.csv"}]})
    )
    result = invoke(any_db_app, "import", str(folder))
    assert result.exit_code == 1
    assert "services.csv" in result.output and "does not exist" in result.output


def test_report_speaks_the_terminals_language(
    any_db_app: Flask, hsds_examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    result = invoke(any_db_app, "import", str(hsds_examples / "csv"))
    assert "lignes rejetées" in result.output
    assert (
        "locations.csv:2: latitude '100', longitude '101' ne sont pas des coordonnées valides"
        in result.output
    )


def test_imports_lists_runs_and_their_rejects(any_db_app: Flask, hsds_examples: Path) -> None:
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    listed = json.loads(invoke(any_db_app, "imports", "--json").output)
    assert listed[0]["source"] == "csv" and listed[0]["counts"]["rejected"] == 1
    assert listed[0]["files"]["services.csv"]  # the file's hash
    rejects = json.loads(invoke(any_db_app, "imports", "--run", str(listed[0]["id"]), "--json").output)
    assert rejects[0]["file"] == "attributes.csv" and rejects[0]["raw"]["link_id"].startswith("f28dd44b")
    assert "run 1 · csv" in invoke(any_db_app, "imports").output


def test_languages_and_times_written_as_words(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _tiny_package(tmp_path / "pkg", {"org": "Org", "name": "Food bank", "description": "Groceries"})
    write_csv(
        folder / "languages.csv",
        [
            {"id": "l1", "service_id": "svc-1", "name": "Français", "code": ""},
            {"id": "l2", "service_id": "svc-1", "name": "", "code": "Arabic"},
            {"id": "l3", "service_id": "svc-1", "name": "", "code": "spa"},
            {"id": "l4", "service_id": "svc-1", "name": "Elvish", "code": ""},
        ],
    )
    write_csv(
        folder / "schedules.csv",
        [
            {
                "id": "s1",
                "service_id": "svc-1",
                "freq": "WEEKLY",
                "byday": "MO",
                "opens_at": "9am",
                "closes_at": "5:30 PM",
            },
            {
                "id": "s2",
                "service_id": "svc-1",
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "9 h 30",
                "closes_at": "midi",
            },
        ],
    )
    result = invoke(any_db_app, "import", str(folder), "--lang", "en")
    assert result.exit_code == 0
    assert "languages.csv:5 [code]: 'Elvish' is not a language we know" in result.output
    with any_db_app.app_context():
        from app.core.models import Language, Schedule

        codes = dict(db.session.execute(select(Language.source_id, Language.code)).all())
        assert codes == {"l1": "fr", "l2": "ar", "l3": "es", "l4": None}
        hours = {s.source_id: (s.opens_at, s.closes_at) for s in db.session.scalars(select(Schedule))}
        assert hours == {"s1": ("09:00", "17:30"), "s2": ("09:30", "12:00")}


def test_format_auto_says_what_it_chose(any_db_app: Flask, hsds_examples: Path, tmp_path: Path) -> None:
    result = invoke(any_db_app, "import", str(hsds_examples / "csv"))
    assert "(hsds3, recognized from the files" in result.output
    older = tmp_path / "older"
    older.mkdir()
    (older / "services_at_location.csv").write_text("id,service_id,location_id\n", encoding="utf-8")
    result = invoke(any_db_app, "import", str(older))
    assert result.exit_code == 0 and "(hsds2, recognized from the files" in result.output
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = invoke(any_db_app, "import", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1 and "not recognized" in result.output


def test_a_misnamed_file_is_said_with_the_table_it_is_closest_to(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    folder = copy_tree(hsds_examples / "csv", tmp_path / "package")
    (folder / "datapackage.json").unlink()  # agencies often zip the CSVs alone
    (folder / "service_at_location.csv").rename(folder / "service_at_locations.csv")
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = invoke(any_db_app, "import", str(folder), "--format", "hsds3")
    assert result.exit_code == 0, result.output
    assert "service_at_locations.csv: not an HSDS 3.0 file; ignored (did you mean" in result.output
    assert "service_at_location.csv?)" in result.output
    assert "notes.csv: not an HSDS 3.0 file; ignored" in result.output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        assert "service_at_location" not in run.counts  # nothing read from it: said, not guessed
