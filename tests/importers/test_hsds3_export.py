"""HSDS 3.0 export: the standard's files and columns, valid JSON, and lossless round trips."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import HSDS_DIR
from tests.helpers import invoke

OFFICIAL = json.loads((HSDS_DIR / "datapackage.json").read_text(encoding="utf-8"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_csv_export_follows_the_official_datapackage(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    out = tmp_path / "out"
    result = invoke(any_db_app, "export", str(out), "--format", "hsds3")
    assert result.exit_code == 0, result.output
    for resource in OFFICIAL["resources"]:
        with (out / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [r["path"] for r in OFFICIAL["resources"]]
    services = list(csv.DictReader((out / "services.csv").open(encoding="utf-8")))
    assert services[0]["name"] == "Community Counselling" and services[0]["minimum_age"] == "12"


def test_exported_package_is_a_valid_datapackage(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path
) -> None:
    frictionless = pytest.importorskip("frictionless", reason="frictionless comes with the test extra")
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    out = tmp_path / "out"
    invoke(any_db_app, "export", str(out))
    report = frictionless.validate(str(out / "datapackage.json"))
    errors = [(e.type, getattr(e, "note", "")) for task in report.tasks for e in task.errors]
    assert report.valid, errors[:10]


def test_csv_round_trip_is_lossless(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path, sqlite_template: Path
) -> None:
    from tests.conftest import _sqlite_app

    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    first = tmp_path / "first"
    invoke(any_db_app, "export", str(first))
    other = _sqlite_app(tmp_path / "second-db", sqlite_template)
    assert invoke(other, "import", str(first)).exit_code == 0
    second = tmp_path / "second"
    invoke(other, "export", str(second))
    assert _files(first) == _files(second)
    # and importing an export into the database it came from changes nothing
    result = invoke(any_db_app, "import", str(first), "--source", "csv")
    assert "No change" in result.output


def test_json_export_validates_against_the_compiled_schema(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path, compiled_service_schema: dict[str, object]
) -> None:
    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    out = tmp_path / "services.json"
    result = invoke(any_db_app, "export", str(out), "--format", "hsds3-json")
    assert result.exit_code == 0, result.output
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert len(documents) == 1
    validator = Draft202012Validator(compiled_service_schema, format_checker=FormatChecker())
    for document in documents:
        assert not list(validator.iter_errors(document))
    service = documents[0]
    assert service["organization"]["name"] == "Example Organization Inc."
    assert service["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "ABC 1234"


def test_json_round_trip_is_lossless(
    any_db_app: Flask, hsds_examples: Path, tmp_path: Path, sqlite_template: Path
) -> None:
    from tests.conftest import _sqlite_app

    invoke(any_db_app, "import", str(hsds_examples / "service_full.json"))
    first = tmp_path / "first.json"
    invoke(any_db_app, "export", str(first), "--format", "hsds3-json")
    other = _sqlite_app(tmp_path / "second-db", sqlite_template)
    assert invoke(other, "import", str(first)).exit_code == 0
    second = tmp_path / "second.json"
    invoke(other, "export", str(second), "--format", "hsds3-json")
    assert first.read_bytes() == second.read_bytes()


def test_export_in_one_language_falls_back_to_the_other(
    any_db_app: Flask, tmp_path: Path, sqlite_template: Path
) -> None:
    from tests.importers.test_hsds3_import import _tiny_package

    folder = _tiny_package(
        tmp_path / "pkg",
        {"org": "Moisson", "name": "Banque alimentaire", "description": "Paniers"},
        extra={"name_en": "Food bank"},
    )
    invoke(any_db_app, "import", str(folder), "--lang", "fr")
    out = tmp_path / "en"
    invoke(any_db_app, "export", str(out), "--lang", "en")
    service = next(csv.DictReader((out / "services.csv").open(encoding="utf-8")))
    assert service["name"] == "Food bank"
    assert service["description"] == "Paniers"  # only in French: the French text, not nothing
    bilingual = tmp_path / "both"
    invoke(any_db_app, "export", str(bilingual), "--bilingual")
    service = next(csv.DictReader((bilingual / "services.csv").open(encoding="utf-8")))
    assert (service["name"], service["name_fr"], service["name_en"]) == (
        "Banque alimentaire",
        "Banque alimentaire",
        "Food bank",
    )
    # a bilingual export imports back with both languages
    from tests.conftest import _sqlite_app

    other = _sqlite_app(tmp_path / "db2", sqlite_template)
    assert invoke(other, "import", str(bilingual)).exit_code == 0
    with other.app_context():
        from sqlalchemy import select

        from app.core.models import Service
        from app.web.extensions import db

        assert db.session.scalars(select(Service)).one().name == {
            "fr": "Banque alimentaire",
            "en": "Food bank",
        }


def test_zip_export(any_db_app: Flask, hsds_examples: Path, tmp_path: Path) -> None:
    import zipfile

    invoke(any_db_app, "import", str(hsds_examples / "csv"))
    out = tmp_path / "dir.zip"
    assert invoke(any_db_app, "export", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        assert "services.csv" in archive.namelist() and "datapackage.json" in archive.namelist()


# --- what the crosswalk found travels with the export ------------------------------------------------------

AIRS_EXPORT = Path(__file__).resolve().parent / "fixtures" / "hsds2" / "export211"  # AIRS-coded, crosswalked


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _facts_by_source_id(app: Flask, by_id: bool = False) -> dict[str, object]:
    """Each service's facts, keyed by its Carrefour id (by_id) or by its source id."""
    from sqlalchemy import select

    from app.core.facts import service_facts
    from app.core.models import Service
    from app.web.extensions import db

    with app.app_context():
        services = db.session.scalars(select(Service)).all()
        facts = service_facts(db.session, [s.id for s in services])
        return {(s.id if by_id else s.source_id): facts[s.id] for s in services}


def test_export_links_rows_to_the_core_terms_the_crosswalk_found(any_db_app: Flask, tmp_path: Path) -> None:
    assert invoke(any_db_app, "import", str(AIRS_EXPORT)).exit_code == 0
    out = tmp_path / "out"
    assert invoke(any_db_app, "export", str(out)).exit_code == 0
    terms = {row["id"]: row for row in _csv(out, "taxonomy_terms.csv")}
    taxonomies = {row["id"]: row["name"] for row in _csv(out, "taxonomies.csv")}
    services = {row["name"]: row["id"] for row in _csv(out, "services.csv")}
    # a consumer without Carrefour's crosswalk reads the core term beside the AIRS one
    linked: dict[str, set[tuple[str, str]]] = {}
    for attribute in _csv(out, "attributes.csv"):
        term = terms[attribute["taxonomy_term_id"]]
        taxonomy = term["taxonomy"] or taxonomies.get(term["taxonomy_id"], "")
        linked.setdefault(attribute["link_id"], set()).add((taxonomy, term["code"]))
    assert linked[services["Food bank"]] == {("AIRS", "BD-1800.2000"), ("needs", "food-bank")}
    assert ("needs", "benefits-help") in linked[services["Tax clinic"]]
    needs = next(t for t in terms.values() if (t["taxonomy"], t["code"]) == ("needs", "food-bank"))
    assert taxonomies[needs["taxonomy_id"]] == "needs"
    # each crosswalked link once, however many exports
    second = tmp_path / "again"
    invoke(any_db_app, "export", str(second))
    assert _files(out) == _files(second)


def test_crosswalked_export_round_trip_gives_the_same_facts_and_files(
    any_db_app: Flask, tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importers.crosswalk import Crosswalk
    from tests.conftest import _sqlite_app

    invoke(any_db_app, "import", str(AIRS_EXPORT))
    first = tmp_path / "first"
    invoke(any_db_app, "export", str(first))
    # another consumer, without the crosswalk: the export alone says the facts
    monkeypatch.setattr("importers.hsds3.terms.crosswalk", lambda: Crosswalk([]))
    other = _sqlite_app(tmp_path / "second-db", sqlite_template)
    result = invoke(other, "import", str(first))
    assert result.exit_code == 0, result.output
    original = _facts_by_source_id(any_db_app, by_id=True)
    assert any(facts.needs for facts in original.values())  # type: ignore[attr-defined]
    assert _facts_by_source_id(other) == original
    monkeypatch.undo()
    second = tmp_path / "second"
    invoke(other, "export", str(second))
    assert _files(first) == _files(second)
    # the export imported into the database it came from adds no fact
    invoke(any_db_app, "import", str(first), "--source", "export211-again")
    again = _facts_by_source_id(any_db_app)
    assert {sid: again[sid] for sid in original} == original


def test_crosswalked_export_is_valid(
    any_db_app: Flask, tmp_path: Path, compiled_service_schema: dict[str, object]
) -> None:
    frictionless = pytest.importorskip("frictionless", reason="frictionless comes with the test extra")
    invoke(any_db_app, "import", str(AIRS_EXPORT))
    out = tmp_path / "out"
    invoke(any_db_app, "export", str(out))
    report = frictionless.validate(str(out / "datapackage.json"))
    # the tables the crosswalk's links and the placeholder organizations are written in (foreign keys too)
    written = {"attribute", "taxonomy_term", "taxonomy", "organization", "service"}
    tasks = [task for task in report.tasks if task.name in written]
    assert len(tasks) == len(written)
    errors = [(task.name, e.type, getattr(e, "note", "")) for task in tasks for e in task.errors]
    assert not errors, errors[:10]
    services = tmp_path / "services.json"
    invoke(any_db_app, "export", str(services), "--format", "hsds3-json")
    documents = json.loads(services.read_text(encoding="utf-8"))
    validator = Draft202012Validator(compiled_service_schema, format_checker=FormatChecker())
    for document in documents:
        assert not list(validator.iter_errors(document))
    pantry = next(d for d in documents if d["name"] == "Food bank")
    codes = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in pantry["attributes"]}
    assert codes == {("AIRS", "BD-1800.2000"), ("needs", "food-bank")}


def test_crosswalked_json_round_trip_is_lossless(
    any_db_app: Flask, tmp_path: Path, sqlite_template: Path
) -> None:
    from tests.conftest import _sqlite_app

    invoke(any_db_app, "import", str(AIRS_EXPORT))
    first = tmp_path / "first.json"
    invoke(any_db_app, "export", str(first), "--format", "hsds3-json")
    other = _sqlite_app(tmp_path / "second-db", sqlite_template)
    assert invoke(other, "import", str(first)).exit_code == 0
    second = tmp_path / "second.json"
    invoke(other, "export", str(second), "--format", "hsds3-json")
    assert first.read_bytes() == second.read_bytes()
