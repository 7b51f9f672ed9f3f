"""Before a record is made or claimed, the directory's likely duplicates of it are found with the importers'
own scoring and shown, with their reasons, in the reader's language."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Flask, render_template_string
from sqlalchemy import insert

from app.core.models import Organization
from app.web.extensions import db
from importers.dedupe_candidates import likely_organizations, likely_services
from tests.agency.twins import import_twins

MACRO = (
    '{% from "agency/_duplicates.html" import duplicate_candidates %}{{ duplicate_candidates(lang, found) }}'
)


def test_a_near_identical_organization_is_found_with_its_reasons(app: Flask, tmp_path: Path) -> None:
    ids = import_twins(app, tmp_path)
    with app.app_context():
        found = likely_organizations(
            db.session,
            name="Entraide Cote des Neiges",
            website="entraide-cdn.org",
            phone="514-555-0101",
            postal_code="H3T1Y8",
        )
    assert [c.id for c in found][:2] == [ids["centraide-org"], ids["ville-org"]]
    best = found[0]
    assert best.kind == "organization" and best.name == {"fr": "Entraide Côte-des-Neiges"}
    codes = {reason["code"] for reason in best.reasons}
    assert {"same_name", "same_phone", "same_website", "same_postal_code"} <= codes
    assert best.score == 100 and all(set(r) == {"code", "value", "points"} for r in best.reasons)
    # The other source's listing has no website: the pair stands on its name, phone and postal code.
    assert "same_website" not in {reason["code"] for reason in found[1].reasons}


def test_an_unrelated_name_finds_nothing_and_the_record_itself_is_left_out(
    app: Flask, tmp_path: Path
) -> None:
    ids = import_twins(app, tmp_path)
    with app.app_context():
        assert (
            likely_organizations(db.session, name="Club de hockey mineur de Laval", phone="450 555-0000")
            == []
        )
        # The same phone alone does not make a duplicate: names come first, as in `carrefour dedupe`.
        assert likely_organizations(db.session, name="Maison des jeunes", phone="514 555-0101") == []
        claimed = likely_organizations(
            db.session, name="Entraide Côte-des-Neiges", phone="514 555-0101", exclude=ids["centraide-org"]
        )
    assert [c.id for c in claimed] == [ids["ville-org"]]


def test_a_new_service_meets_its_twins_in_its_organization_and_elsewhere(app: Flask, tmp_path: Path) -> None:
    ids = import_twins(app, tmp_path)
    with app.app_context():
        found = likely_services(
            db.session,
            name="Dépannage alimentaire",
            organization_id=ids["centraide-org"],
            phone="514 555-0101",
        )
        other = likely_services(db.session, name="Aide aux devoirs", organization_id=ids["centraide-org"])
        # A sibling service of one organization needs nearly the same name (they share its phone and place).
        sibling = likely_services(
            db.session, name="Dépannage vestimentaire", organization_id=ids["centraide-org"]
        )
    by_id = {c.id: c for c in found}
    assert set(by_id) == {ids["centraide-svc"], ids["ville-svc"]}
    assert {"same_name", "same_phone", "same_organization"} <= {
        r["code"] for r in by_id[ids["centraide-svc"]].reasons
    }
    assert "alike_organizations" in {r["code"] for r in by_id[ids["ville-svc"]].reasons}
    assert other == [] and sibling == []


def test_the_macro_says_the_candidates_in_the_readers_language(app: Flask, tmp_path: Path) -> None:
    import_twins(app, tmp_path)
    for lang, expected in (
        ("fr", "même téléphone +1 514 555 0101 (+25)"),
        ("en", "same phone +1 514 555 0101 (+25)"),
    ):
        with app.test_request_context(f"/{lang}/"):
            found = likely_organizations(db.session, name="Entraide Côte-des-Neiges", phone="514 555-0101")
            page = render_template_string(MACRO, lang=lang, found=found)
            assert expected in page, page
            assert "Entraide Côte-des-Neiges" in page
            assert render_template_string(MACRO, lang=lang, found=[]).strip() == ""


def test_ten_thousand_organizations_are_checked_quickly(app: Flask) -> None:
    rows = [
        {
            "id": f"o{index:05d}",
            "data_source": "synthetic",
            "source_id": f"o{index:05d}",
            "name": {"fr": f"Organisme communautaire {index} de quartier"},
            "version": 1,
        }
        for index in range(10_000)
    ]
    rows[4321]["name"] = {"fr": "Entraide Côte-des-Neiges"}
    with app.app_context():
        db.session.execute(insert(Organization), rows)
        started = time.perf_counter()
        found = likely_organizations(db.session, name="Entraide Cote-des-Neiges inc.")
        elapsed = time.perf_counter() - started
    assert [c.id for c in found] == ["o04321"]
    assert elapsed < 3, f"{elapsed:.2f} s for 10,000 organizations"
