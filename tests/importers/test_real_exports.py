"""What real 211 exports look like, and every row of them kept: detail rows without an id, one id repeated
for different facts, services whose organization the export lacks, a descriptor whose paths miss the files.

`fixtures/hsds2/export211/` is written for this project (no real file copied): an HSDS 1.1 export of a West
Island 211, its `datapackage.json` at the root listing the files there while they sit in `data/`.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.core.models import ImportReject, ImportRun, Language, Organization, Phone, Schedule, Service
from app.web.extensions import db
from tests.helpers import copy_tree, invoke, read_csv, snapshot, write_csv

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "hsds2" / "export211"
OHANA = FIXTURES / "ohana"


def _import(app: Flask, path: Path, *more: str) -> str:
    result = invoke(app, "import", str(path), *more)
    assert result.exit_code == 0, result.output
    return result.output


def _service(source_id: str) -> Service:
    return db.session.scalars(select(Service).where(Service.source_id == source_id)).one()


def _balanced(run: ImportRun) -> None:
    for table, counts in run.counts.items():
        kept = counts["created"] + counts["updated"] + counts["unchanged"] + counts["rejected"]
        assert counts["read"] == kept, table


def test_a_211_export_keeps_every_row(any_db_app: Flask) -> None:
    output = _import(any_db_app, EXPORT)
    assert "(hsds2, recognized from the files" in output
    # the files sit in data/, the descriptor lists them at the root: found, and said once
    assert output.count("listed in datapackage.json") == 1
    assert "12 files listed in datapackage.json are not at the paths it gives" in output
    assert "does not exist" not in output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        _balanced(run)
        counts = run.counts
        # schedule rows have no id: kept under derived ids; the one exact repeat is a duplicate
        assert counts["schedule"] == {"read": 9, "created": 8, "updated": 0, "unchanged": 0, "rejected": 1}
        # languages keyed by their service's id: six facts (and the phone's two), one exact repeat
        assert counts["language"] == {"read": 9, "created": 8, "updated": 0, "unchanged": 0, "rejected": 1}
        for table in ("service", "service_at_location", "address", "phone", "contact", "attribute"):
            assert counts[table]["rejected"] == 0, table
        assert counts["service"]["created"] == 6
        rejects = {(r.file, r.line, r.column) for r in db.session.scalars(select(ImportReject))}
        assert rejects == {("regular_schedules.csv", "9", None), ("languages.csv", "7", "id")}
        assert run.warnings["counts"]["repeated_id"] == 4  # 3 languages, 1 service_at_location
        assert run.warnings["counts"]["placeholder_organization"] == 3


def test_hours_written_as_a_211_export_writes_them(any_db_app: Flask) -> None:
    _import(any_db_app, EXPORT)
    with any_db_app.app_context():
        pantry = _service("136")
        hours = sorted((s.byday, s.opens_at, s.closes_at) for s in pantry.schedules)
        assert hours == sorted((day, "09:00", "17:00") for day in ("MO", "TU", "WE", "TH", "FR"))
        assert {s.description["en"] for s in pantry.schedules} == {"Mon-Fri 9am-5pm"}  # original_text
        assert [(s.byday, s.opens_at, s.closes_at) for s in _service("137").schedules] == [
            ("TH", "16:30", "19:00")
        ]
    monday = json.loads(invoke(any_db_app, "search", "", "--open-at", "2026-03-02T10:00", "--json").output)
    assert {hit["service_id"] for hit in monday["hits"]} == {"136"}
    sunday = json.loads(invoke(any_db_app, "search", "", "--open-at", "2026-03-01T10:00", "--json").output)
    assert sunday["total"] == 0


def test_languages_repeating_their_services_id_are_all_kept(any_db_app: Flask) -> None:
    _import(any_db_app, EXPORT)
    with any_db_app.app_context():
        assert {lang.code for lang in _service("136").languages} == {"en", "es", "fr"}
        assert {lang.code for lang in _service("138").languages} == {"en", "es"}
        phone = db.session.scalars(select(Phone).where(Phone.service_id == _service("136").id)).one()
        assert {lang.code for lang in phone.languages} == {"en", "fr"}  # a phone without id, its languages
    spanish = json.loads(invoke(any_db_app, "search", "", "--language", "es", "--json").output)
    assert {"136", "138"} <= {hit["service_id"] for hit in spanish["hits"]}


def test_reimporting_the_export_changes_nothing(any_db_app: Flask) -> None:
    _import(any_db_app, EXPORT)
    before = snapshot(any_db_app)
    output = _import(any_db_app, EXPORT)
    assert "No change" in output
    after = snapshot(any_db_app)
    for volatile in ("import_run", "import_reject"):
        del before[volatile], after[volatile]
    assert after == before
    with any_db_app.app_context():
        runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
        _balanced(runs[-1])
        assert runs[-1].counts["schedule"]["unchanged"] == 8


def test_services_of_a_missing_organization_are_kept_under_a_placeholder(any_db_app: Flask) -> None:
    output = _import(any_db_app, EXPORT)
    assert "2 organizations the services point to are missing from the files" in output
    assert "  812 (2)" in output and "  813 (1)" in output
    with any_db_app.app_context():
        clinic, benefits, youth = _service("138"), _service("139"), _service("140")
        assert clinic.organization_id == benefits.organization_id != youth.organization_id
        placeholder = clinic.organization
        assert placeholder.placeholder and placeholder.source_id == "812"
        assert placeholder.name == {
            "fr": "Organisme à confirmer (id 812)",
            "en": "Organization to be confirmed (id 812)",
        }
        assert not _service("136").organization.placeholder
        run = db.session.scalars(select(ImportRun)).one()
        assert run.warnings["placeholders"] == [{"id": "812", "services": 2}, {"id": "813", "services": 1}]
    listed = invoke(any_db_app, "dedupe", "--report")
    assert "2 placeholder organizations to review" in listed.output
    assert "Organization to be confirmed (id 812) (export211: 812), services: 2" in listed.output
    as_json = json.loads(invoke(any_db_app, "dedupe", "--report", "--json").output)
    assert [(p["source_id"], p["services"]) for p in as_json["placeholders"]] == [("812", 2), ("813", 1)]
    # the public finds the service
    found = json.loads(invoke(any_db_app, "search", "tax clinic", "--json").output)
    assert "138" in {hit["service_id"] for hit in found["hits"]}


def test_the_real_organization_replaces_its_placeholder(any_db_app: Flask, tmp_path: Path) -> None:
    _import(any_db_app, EXPORT)
    with any_db_app.app_context():
        placeholder_id = _service("138").organization_id
    folder = copy_tree(EXPORT, tmp_path / "export211")
    rows = read_csv(folder / "data" / "organizations.csv")
    rows.append(
        {"id": "812", "name": "Pointe-Claire Tax Volunteers", "description": "", "email": "", "url": ""}
    )
    write_csv(folder / "data" / "organizations.csv", rows)
    output = _import(any_db_app, folder, "--source", "export211")
    assert "  812 (" not in output and "  813 (1)" in output
    with any_db_app.app_context():
        organization = db.session.get(Organization, placeholder_id)
        assert organization is not None  # the same row: what points to it did not change
        # no word of the placeholder left
        assert (organization.name, organization.description) == ({"en": "Pointe-Claire Tax Volunteers"}, None)
        assert not organization.placeholder and organization.version == 2
        assert _service("139").organization_id == placeholder_id
        run = db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert run is not None and run.counts["organization"]["updated"] == 1
        _balanced(run)
    listed = invoke(any_db_app, "dedupe", "--report").output
    assert "1 placeholder organizations to review" in listed and "(id 812)" not in listed


def test_services_csv_without_a_name_column_is_fatal(any_db_app: Flask, tmp_path: Path) -> None:
    before = snapshot(any_db_app)
    folder = copy_tree(EXPORT, tmp_path / "broken")
    services = read_csv(folder / "data" / "services.csv")
    write_csv(
        folder / "data" / "services.csv", [{k: v for k, v in r.items() if k != "name"} for r in services]
    )
    result = invoke(any_db_app, "import", str(folder))
    assert result.exit_code == 1
    assert "services.csv:1 [name]: this required column is missing" in result.output
    assert snapshot(any_db_app) == before


# --- the same shapes in the other formats ----------------------------------------------------------------


def _hsds3_package(folder: Path) -> Path:
    """An HSDS 3.0 CSV package with a 211 export's habits: detail rows without ids, languages keyed by the
    service, a service whose organization is not there, files in data/ and a descriptor at the root."""
    data = folder / "data"
    data.mkdir(parents=True)
    write_csv(
        data / "organizations.csv", [{"id": "org-1", "name": "Dorval Food Cupboard", "description": ""}]
    )
    write_csv(
        data / "services.csv",
        [
            {"id": "s-1", "organization_id": "org-1", "name": "Food cupboard", "status": "active"},
            {"id": "s-2", "organization_id": "org-404", "name": "Income tax clinic", "status": "active"},
        ],
    )
    write_csv(
        data / "schedules.csv",
        [
            {
                "id": "",
                "service_id": "s-1",
                "freq": "WEEKLY",
                "byday": day,
                "opens_at": "9:00am",
                "closes_at": "12:00pm",
            }
            for day in ("MO", "WE", "MO")  # the second Monday is an exact repeat
        ],
    )
    write_csv(
        data / "languages.csv",
        [
            {"id": "s-1", "service_id": "s-1", "name": "English", "code": ""},
            {"id": "s-1", "service_id": "s-1", "name": "Tagalog", "code": ""},
        ],
    )
    write_csv(data / "phones.csv", [{"id": "", "service_id": "s-2", "number": "514-555-0190"}])
    descriptor = {
        "name": "dorval",
        "resources": [
            {"name": n, "path": f"{n}s.csv"}
            for n in ("organization", "service", "schedule", "language", "phone")
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def test_hsds3_csv_with_the_same_shapes_keeps_every_row(any_db_app: Flask, tmp_path: Path) -> None:
    folder = _hsds3_package(tmp_path / "dorval")
    output = _import(any_db_app, folder, "--lang", "en")
    assert "5 files listed in datapackage.json are not at the paths it gives" in output
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        _balanced(run)
        assert run.counts["schedule"] == {
            "read": 3,
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "rejected": 1,
        }
        cupboard = _service("s-1")
        assert sorted((s.byday, s.opens_at, s.closes_at) for s in cupboard.schedules) == [
            ("MO", "09:00", "12:00"),
            ("WE", "09:00", "12:00"),
        ]
        assert {lang.code for lang in cupboard.languages} == {"en", "tl"}
        clinic = _service("s-2")
        assert clinic.organization.placeholder and len(clinic.phones) == 1
    before = snapshot(any_db_app)
    assert "No change" in _import(any_db_app, folder, "--lang", "en")
    after = snapshot(any_db_app)
    for volatile in ("import_run", "import_reject"):
        del before[volatile], after[volatile]
    assert after == before


def test_ohana_rows_without_ids_are_kept(any_db_app: Flask, tmp_path: Path) -> None:
    folder = copy_tree(OHANA, tmp_path / "ohana")
    phones = read_csv(folder / "phones.csv")
    write_csv(folder / "phones.csv", [*phones, {**phones[0], "id": "", "number": "514 555-0177"}])
    hours = read_csv(folder / "regular_schedules.csv")
    write_csv(folder / "regular_schedules.csv", [{**row, "id": ""} for row in hours])
    _import(any_db_app, folder, "--format", "ohana", "--lang", "fr")
    with any_db_app.app_context():
        run = db.session.scalars(select(ImportRun)).one()
        _balanced(run)
        assert run.counts["schedule"]["rejected"] == 0
        assert len(db.session.scalars(select(Schedule)).all()) >= len(hours)
        numbers = {p.number for p in db.session.scalars(select(Phone))}
        assert "+15145550177" in numbers
    assert "No change" in _import(any_db_app, folder, "--format", "ohana", "--lang", "fr")


def test_json_services_with_nested_rows_without_ids(any_db_app: Flask, tmp_path: Path) -> None:
    document = [
        {
            "id": "svc-9",
            "name": "Clothing counter",
            "status": "active",
            "organization": {"id": "org-9", "name": "Vestiaire Lachine", "description": ""},
            "phones": [{"number": "514-555-0109"}, {"number": "514-555-0110"}],
            "languages": [{"name": "French"}, {"name": "Arabic"}],
        }
    ]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _import(any_db_app, path, "--lang", "en")
    with any_db_app.app_context():
        service = _service("svc-9")
        assert len(service.phones) == 2
        assert {lang.code for lang in service.languages} == {"fr", "ar"}
        assert all(lang.source_id.startswith("language-") for lang in db.session.scalars(select(Language)))
    assert "No change" in _import(any_db_app, path, "--lang", "en")
