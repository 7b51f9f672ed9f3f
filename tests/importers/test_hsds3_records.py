"""HSDS 3.0 records built on demand for a few ids (importers/hsds3/records.py), as the API answers them:
valid against the official schemas in both languages, the export's own objects, a few statements whatever
the page size, and a bilingual answer that imports back with both languages."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.core.models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from app.data import HSDS_SCHEMA_DIR, compiled_schema, hsds_schema
from app.web.extensions import db
from importers.hsds3 import batching, records
from importers.hsds3.export import service_documents
from importers.hsds3.export_links import crosswalk_attributes
from tests.helpers import invoke

LANGS = ("fr", "en")
AIRS_EXPORT = Path(__file__).resolve().parent / "fixtures" / "hsds2" / "export211"  # crosswalked terms


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Flask]:
    """The demo directory, loaded once per database kind for the whole module (the tests only read it)."""
    from app.demo.load import load_demo
    from tests.conftest import _pg_app, _sqlite_app

    if request.param == "sqlite":
        application = _sqlite_app(tmp_path_factory.mktemp("records"), sqlite_template)
    else:
        application = _pg_app(tmp_path_factory.mktemp("records-pg"), request.getfixturevalue("pg_ready"))
    with application.app_context():
        report = load_demo(db.session)
        assert report is not None and not report.rejects
        db.session.commit()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _ids(session: Session, model: Any) -> list[str]:
    return sorted(session.scalars(select(model.id)))


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for an official schema; the table schemas' `$ref`s (`taxonomy.json`) name their files."""
    resources = [
        (path.name, Resource.from_contents(hsds_schema(path.stem), default_specification=DRAFT202012))
        for path in HSDS_SCHEMA_DIR.glob("*.json")
        if path.stem != "openapi"
    ]
    return Draft202012Validator(
        schema, format_checker=FormatChecker(), registry=Registry().with_resources(resources)
    )


def _errors(schema: dict[str, Any], documents: list[dict[str, Any]]) -> list[str]:
    validator = _validator(schema)
    return [f"{d.get('id')}: {e.message[:200]}" for d in documents for e in validator.iter_errors(d)]


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a document, nested ones included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


# --- valid HSDS, every shape, both languages ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_shape_validates_against_its_official_schema(demo_db: Flask, lang: str) -> None:
    shapes: list[tuple[Callable[..., list[dict[str, Any]]], Any, str, str]] = [
        (records.services, Service, "full", "service"),
        (records.services, Service, "list", "service_list"),
        (records.organizations, Organization, "list", "organization_list"),
        (records.organizations, Organization, "full", "organization"),
        (records.organizations, Organization, "full_service", "organization"),
        (records.service_at_locations, ServiceAtLocation, "list", "service_at_location_list"),
        (records.service_at_locations, ServiceAtLocation, "full", "service_at_location"),
    ]
    with demo_db.app_context():
        session = db.session
        for function, model, shape, schema in shapes:
            ids = _ids(session, model)
            documents = function(session, ids, lang, shape)
            assert [d["id"] for d in documents] == ids, (function.__name__, shape)
            assert not _errors(compiled_schema(schema), documents)[:5], (function.__name__, shape)
        for function, model, schema in [
            (records.taxonomies, Taxonomy, "taxonomy"),
            (records.taxonomy_terms, TaxonomyTerm, "taxonomy_term"),
        ]:
            ids = _ids(session, model)
            documents = function(session, ids, lang)
            assert [d["id"] for d in documents] == ids
            assert not _errors(hsds_schema(schema), documents)[:5], function.__name__
        # minimal: the service's id and last change, each as service_list defines it
        properties = compiled_schema("service_list")["properties"]
        ids = _ids(session, Service)
        minimal = records.services(session, ids, lang, "minimal")
        assert [d["id"] for d in minimal] == ids
        for document in minimal:
            assert set(document) <= {"id", "last_modified"}
            for key, value in document.items():
                assert not list(_validator(properties[key]).iter_errors(value))


def test_records_come_in_the_order_asked_and_unknown_ids_are_skipped(demo_db: Flask) -> None:
    with demo_db.app_context():
        session = db.session
        ids = _ids(session, Service)[:30]
        random.Random(4).shuffle(ids)
        asked = [*ids[:10], "no-such-service", *ids[10:]]
        for shape in ("full", "list", "minimal"):
            assert [d["id"] for d in records.services(session, asked, "fr", shape)] == ids, shape
        organizations = _ids(session, Organization)[:5][::-1]
        assert [d["id"] for d in records.organizations(session, organizations, "en", "list")] == organizations
        assert records.taxonomy_terms(session, ["nothing"], "fr") == []
        with pytest.raises(ValueError, match="shape"):
            records.services(session, ids, "fr", "everything")  # type: ignore[arg-type]


# --- the export's objects, by another road -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_full_service_is_the_exports_own_object(demo_db: Flask, lang: str) -> None:
    with demo_db.app_context():
        session = db.session
        exported = service_documents(session, lang)
        scoped = records.services(session, [d["id"] for d in exported], lang, "full", bilingual=False)
        assert scoped == exported
        # one by one too: what a record holds does not depend on the page it is read in
        for document in exported[:5]:
            assert records.services(session, [document["id"]], lang, "full", bilingual=False) == [document]


def test_crosswalked_links_come_with_the_records_that_have_them(app: Flask) -> None:
    assert invoke(app, "import", str(AIRS_EXPORT)).exit_code == 0
    with app.app_context():
        session = db.session
        exported = service_documents(session, "en")
        scoped = records.services(session, [d["id"] for d in exported], "en", "full", bilingual=False)
        assert scoped == exported
        pantry = next(d for d in scoped if d["name"] == "Food bank")
        codes = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in pantry["attributes"]}
        assert codes == {("AIRS", "BD-1800.2000"), ("needs", "food-bank")}
        # the scoped links are the full function's, filtered
        every = crosswalk_attributes(session)
        some = {str(row["link_id"]) for row in every[::2]}
        assert crosswalk_attributes(session, some) == [r for r in every if r["link_id"] in some]


def test_the_other_shapes_hold_what_the_full_service_holds(demo_db: Flask) -> None:
    with demo_db.app_context():
        session = db.session
        services = {d["id"]: d for d in records.services(session, _ids(session, Service), "fr", "full")}
        listed = {d["id"]: d for d in records.services(session, list(services), "fr", "list")}
        for sid, full in services.items():
            one_to_one = {k: v for k, v in full.items() if not isinstance(v, list | dict)}
            assert {k: v for k, v in listed[sid].items() if k not in ("organization", "program")} == {
                **one_to_one,
                **({"translations": full["translations"]} if "translations" in full else {}),
            }
            assert listed[sid]["organization"]["name"] == full["organization"]["name"]
            assert "locations" not in listed[sid]["organization"]
        for organization in records.organizations(session, _ids(session, Organization), "fr", "full_service"):
            for service in organization.get("services", []):
                assert service == {k: v for k, v in services[service["id"]].items() if k != "organization"}
        for organization in records.organizations(session, _ids(session, Organization), "fr", "full"):
            for service in organization.get("services", []):
                assert set(service) - {"translations"} == {"id", "name", "status"}
                assert services[service["id"]]["name"] == service["name"]
        for at in records.service_at_locations(session, _ids(session, ServiceAtLocation), "fr", "full"):
            assert at["service"] == listed[at["service_id"]]
            nested = next(
                s for s in services[at["service_id"]]["service_at_locations"] if s["id"] == at["id"]
            )
            assert at["location"] == nested["location"]
        terms = records.taxonomy_terms(session, _ids(session, TaxonomyTerm), "en")
        assert all("taxonomy_detail" in t for t in terms if t.get("taxonomy_id"))


# --- the Carrefour bilingual profile ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_object_carries_the_languages_its_row_stores(demo_db: Flask, lang: str) -> None:
    other = "en" if lang == "fr" else "fr"
    with demo_db.app_context():
        session = db.session
        stored = {s.id: s for s in session.scalars(select(Service))}
        documents = records.services(session, sorted(stored), lang, "full")
        both = 0
        for document in documents:
            service = stored[document["id"]]
            translations = document.get("translations", {})
            for locale, text in service.name.items():
                if text:
                    assert translations.get(locale, {}).get("name", document["name"]) == text
            if service.name.get(lang) and service.name.get(other):
                both += 1
                assert document["name"] == service.name[lang]
                assert translations[lang]["name"] == document["name"]
                assert translations[other]["name"] == service.name[other]
            if not translations:  # no translations: the text is in the language asked for, and only that
                assert set(service.name) <= {lang}
        assert both > len(documents) / 2  # the demo is bilingual
        nested = [o for d in documents for o in _objects(d) if "translations" in o]
        assert len(nested) > len(documents)  # organizations, programs, locations, terms... too
        for obj in nested:
            given = obj["translations"]
            assert set(given) <= set(LANGS) and len(given) >= 1
            # the answer's own text is among them; a field the row lacks in `lang` shows the other's
            for field, text in given.get(lang, {}).items():
                assert obj[field] == text
            for field, text in given.get(other, {}).items():
                if field not in given.get(lang, {}):
                    assert obj[field] == text
        assert not [
            o
            for d in records.services(session, sorted(stored), lang, "full", bilingual=False)
            for o in _objects(d)
            if "translations" in o
        ]
        # the file export stays as it was unless asked
        assert not [o for d in service_documents(session, lang) for o in _objects(d) if "translations" in o]


@pytest.mark.parametrize("lang", LANGS)
def test_a_bilingual_answer_imports_back_with_both_languages(
    demo_db: Flask, lang: str, tmp_path: Path, sqlite_template: Path
) -> None:
    from tests.conftest import _sqlite_app

    def texts(application: Flask) -> dict[str, tuple[Any, ...]]:
        with application.app_context():
            return {
                s.id: (s.name, s.description, s.organization.name, s.organization.description)
                for s in db.session.scalars(select(Service))
            }

    with demo_db.app_context():
        ids = _ids(db.session, Service)
        answer = records.services(db.session, ids, lang, "full")
    out = tmp_path / "services.json"
    out.write_text(json.dumps({"contents": answer}, ensure_ascii=False), encoding="utf-8")  # as a page
    other = _sqlite_app(tmp_path / "second", sqlite_template)
    result = invoke(other, "import", str(out))
    assert result.exit_code == 0, result.output
    original, imported = texts(demo_db), texts(other)
    assert imported == original
    assert any(name.get("fr") and name.get("en") for name, *_ in imported.values())


def test_a_page_mixing_bilingual_and_single_language_rows_keeps_each(app: Flask, tmp_path: Path) -> None:
    """`name_fr` from one service's translations does not hide another service's plain `name`."""
    organization = {"id": "b0000000-0000-4000-8000-000000000001", "name": "Moisson", "description": ""}
    services = [
        {
            "id": "a0000000-0000-4000-8000-000000000001",
            "name": "Banque alimentaire",
            "status": "active",
            "translations": {"fr": {"name": "Banque alimentaire"}, "en": {"name": "Food bank"}},
            "organization": organization,
        },
        {
            "id": "a0000000-0000-4000-8000-000000000002",
            "name": "Friperie",
            "status": "active",
            "organization": organization,
        },
    ]
    path = tmp_path / "page.json"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    assert invoke(app, "import", str(path), "--lang", "fr").exit_code == 0
    with app.app_context():
        names = {s.id: s.name for s in db.session.scalars(select(Service))}
    assert names == {
        "a0000000-0000-4000-8000-000000000001": {"fr": "Banque alimentaire", "en": "Food bank"},
        "a0000000-0000-4000-8000-000000000002": {"fr": "Friperie"},
    }


# --- a few statements, whatever the page size ---------------------------------------------------------------


class _Statements:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        self.seen.append((statement, len(parameters or ())))

    def count(self, run: Callable[[], object]) -> int:
        self.seen.clear()
        run()
        return len(self.seen)


def test_a_page_costs_the_same_statements_whatever_its_size(
    demo_db: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements = _Statements()
    with demo_db.app_context():
        session = db.session
        ids = _ids(session, Service)
        event.listen(db.engine, "before_cursor_execute", statements)
        try:
            one = statements.count(lambda: records.services(session, ids[:1], "fr", "full"))
            page = statements.count(lambda: records.services(session, ids[:50], "fr", "full"))
            # every statement reads some rows by their ids, never a whole table, never more ids than a batch
            assert all(" IN (" in sql.upper() for sql, _ in statements.seen)
            assert max(count for _, count in statements.seen) <= batching.BATCH
            assert page < 50 and page <= 2 * one
            # with batches larger than the directory, a page of 50 costs what the whole directory costs
            monkeypatch.setattr(batching, "BATCH", 100_000)
            unbatched = statements.count(lambda: records.services(session, ids[:50], "fr", "full"))
            everything = statements.count(lambda: records.services(session, ids, "fr", "full"))
            assert everything == unbatched <= page
            lists = [
                statements.count(lambda n=n: records.services(session, ids[:n], "fr", "list"))
                for n in (50, len(ids))
            ]
            assert lists[0] == lists[1] <= 3  # services, then their organizations and programs
        finally:
            event.remove(db.engine, "before_cursor_execute", statements)
