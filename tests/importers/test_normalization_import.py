"""Normalization on import: what an agency's messy values become in the directory, what the run report
says about them, and that clean values (an export, the demo) come back unchanged."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.core.facts import schedule_rules
from app.core.hours import LOCAL, always_open, is_open, weekly_intervals
from app.core.models import Address, Organization, Phone, Schedule, Service
from app.web.extensions import db
from tests.helpers import invoke, write_csv

MONDAY = datetime(2026, 11, 23, tzinfo=LOCAL)  # a Monday


def _messy_package(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "organizations.csv",
        [
            {
                "id": "o1",
                "name": "<b>Moisson</b> &amp; fils",
                "description": "<p>Aide&nbsp;alimentaire</p><p>Depuis 1990</p>",
                "website": "www.moisson.example.org",
                "email": "INFO@Moisson.Example.ORG",
            }
        ],
    )
    write_csv(
        folder / "services.csv",
        [
            {
                "id": "s1",
                "organization_id": "o1",
                "name": "Dépannage",
                "status": "active",
                "eligibility_description": "18 ans et plus, sur présentation d'une preuve d'adresse",
                "minimum_age": "",
                "url": "",
                "email": "",
            },
            {
                "id": "s2",
                "organization_id": "o1",
                "name": "Ligne d'écoute",
                "status": "active",
                "eligibility_description": "ages 16-25",
                "minimum_age": "12",
                "url": "pas une adresse",
                "email": "bad@",
            },
        ],
    )
    write_csv(
        folder / "locations.csv",
        [
            {
                "id": "l1",
                "location_type": "physical",
                "name": "Local",
                "latitude": "45.51",
                "longitude": "-73.56",
            }
        ],
    )
    write_csv(
        folder / "addresses.csv",
        [
            _address("a1", "1234 RUE SAINTE-CATHERINE EST", "h2x1y4"),
            _address("a2", "9 rue Ontario", "Z9Z 9Z9"),
        ],
    )
    write_csv(
        folder / "phones.csv",
        [
            {"id": "p1", "service_id": "s1", "number": "(514) 555-0123 poste 22", "type": ""},
            {"id": "p2", "service_id": "s1", "number": "Téléc. : 514 555-0124", "type": ""},
            {"id": "p3", "service_id": "s1", "number": "appelez-nous", "type": ""},
            {"id": "p4", "service_id": "s2", "number": "514-555-0125 ou 514-555-0126", "type": "voice"},
        ],
    )
    write_csv(
        folder / "schedules.csv",
        [
            {"id": "h1", "service_id": "s1", "location_id": "", "description": "lun-ven 9h-17h; sam 10h-14h"},
            {"id": "h2", "service_id": "s2", "location_id": "", "description": "24/7"},
            {"id": "h3", "service_id": "", "location_id": "l1", "description": "sur rendez-vous seulement"},
            {"id": "h4", "service_id": "", "location_id": "l1", "description": "fermé le dimanche"},
        ],
    )
    return folder


def _address(key: str, street: str, postal: str) -> dict[str, str]:
    return {
        "id": key,
        "location_id": "l1",
        "address_1": street,
        "city": "Montréal",
        "state_province": "QC",
        "postal_code": postal,
        "country": "CA",
        "address_type": "physical",
    }


def _count(output: str, label: str) -> int:
    found = re.search(rf"^  {re.escape(label)}\s+(\d+)$", output, re.MULTILINE)
    assert found, f"no line for {label!r} in:\n{output}"
    return int(found.group(1))


def test_messy_values_are_stored_clean_and_counted(app: Flask, tmp_path: Path) -> None:
    result = invoke(app, "import", str(_messy_package(tmp_path / "agency")), "--lang", "fr")
    assert result.exit_code == 0, result.output
    with app.app_context():
        phones = {p.source_id: (p.number, p.extension, p.type) for p in db.session.scalars(select(Phone))}
        assert phones == {
            "p1": ("+15145550123", 22.0, None),  # E.164, the extension apart
            "p2": ("+15145550124", None, "fax"),
            "p3": ("appelez-nous", None, None),  # unreadable: kept as written
            "p4": ("+15145550125", None, "voice"),
        }
        addresses = {a.source_id: (a.address_1, a.postal_code) for a in db.session.scalars(select(Address))}
        assert addresses == {
            "a1": ("1234 rue Sainte-Catherine Est", "H2X 1Y4"),
            "a2": ("9 rue Ontario", "Z9Z 9Z9"),  # not a Canadian code: kept as written
        }
        org = db.session.scalars(select(Organization)).one()
        assert org.name == {"fr": "Moisson & fils"}
        assert org.description == {"fr": "Aide alimentaire\n\nDepuis 1990"}
        assert (org.website, org.email) == ("https://www.moisson.example.org", "info@moisson.example.org")
        services = {s.source_id: s for s in db.session.scalars(select(Service))}
        assert (services["s1"].minimum_age, services["s1"].maximum_age) == (18, None)
        assert (services["s2"].minimum_age, services["s2"].maximum_age) == (12, None)  # the field wins
        assert (services["s2"].url, services["s2"].email) == (None, None)
    output = result.output
    assert _count(output, "phones normalized") == 3
    assert _count(output, "phones unreadable, kept as written") == 1
    assert _count(output, "postal codes normalized") == 1
    assert _count(output, "postal codes invalid, kept as written") == 1
    assert _count(output, "address lines tidied") == 1
    assert _count(output, "web addresses invalid, left empty") == 1
    assert _count(output, "opening hours read from text") == 2
    assert _count(output, "opening hours kept as text only") == 2
    assert _count(output, "age limits read from eligibility text") == 1
    assert (
        "phones.csv:4 [number]: 'appelez-nous' is not a phone number we can read; kept as written" in output
    )
    assert "only +15145550125 was kept" in output
    assert "'Z9Z 9Z9' is not a valid Canadian postal code" in output
    assert "services.csv:3 [url]: 'pas une adresse' is not a web address; left empty" in output
    assert "services.csv:3 [email]: 'bad@' is not an e-mail address; left empty" in output
    assert "opening hours 'sur rendez-vous seulement' could not be read" in output
    assert "opening hours 'fermé le dimanche' name only closed days; kept as text only" in output
    # The run's record keeps the same counts, and how long the run took.
    run = json.loads(invoke(app, "imports", "--json").output)[0]
    assert run["normalized"]["phone_normalized"] == 3 and run["normalized"]["hours_unparsed"] == 2
    assert run["normalized"]["postal_code_invalid"] == 1 and run["normalized"]["ages_from_text"] == 1
    assert 0 < run["seconds"] < 60
    assert run["counts_by_table"]["phone"]["read"] == 4


def test_hours_written_as_text_answer_open_now(app: Flask, tmp_path: Path) -> None:
    invoke(app, "import", str(_messy_package(tmp_path / "agency")), "--lang", "fr")
    with app.app_context():
        services = {s.source_id: s for s in db.session.scalars(select(Service))}
        week = weekly_intervals(schedule_rules(services["s1"], None))
        assert is_open(week, MONDAY.replace(hour=10))
        assert not is_open(week, MONDAY.replace(hour=18))
        assert is_open(week, MONDAY.replace(day=28, hour=12))  # Saturday, 10h-14h
        assert not is_open(week, MONDAY.replace(day=28, hour=15))
        assert not is_open(week, MONDAY.replace(day=29, hour=12))  # Sunday
        assert always_open(weekly_intervals(schedule_rules(services["s2"], None)))
        rows = {s.source_id: s for s in db.session.scalars(select(Schedule))}
        assert set(rows) == {"h1", "h1#2", "h2", "h3", "h4"}  # the text's second rule is a row of its own
        assert (rows["h1"].byday, rows["h1"].opens_at, rows["h1"].closes_at) == (
            "MO,TU,WE,TH,FR",
            "09:00",
            "17:00",
        )
        assert rows["h1"].description == {"fr": "lun-ven 9h-17h; sam 10h-14h"}  # the text stays
        assert (rows["h3"].opens_at, rows["h3"].description) == (None, {"fr": "sur rendez-vous seulement"})


def test_the_report_speaks_french_too(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    result = invoke(app, "import", str(_messy_package(tmp_path / "agency")), "--lang", "fr")
    assert _count(result.output, "téléphones normalisés") == 3
    assert "'appelez-nous' n'est pas un numéro de téléphone lisible; gardé tel quel" in result.output


def test_normalized_values_come_back_unchanged(app: Flask, tmp_path: Path, sqlite_template: Path) -> None:
    from tests.conftest import _sqlite_app

    folder = _messy_package(tmp_path / "agency")
    invoke(app, "import", str(folder), "--lang", "fr", "--source", "agency")
    again = invoke(app, "import", str(folder), "--lang", "fr", "--source", "agency")
    assert "No change" in again.output
    first = tmp_path / "first"
    invoke(app, "export", str(first))
    other = _sqlite_app(tmp_path / "other-db", sqlite_template)
    second_import = invoke(other, "import", str(first))
    assert second_import.exit_code == 0
    assert "phones normalized" not in second_import.output  # already clean: nothing to rewrite
    assert "opening hours read from text" not in second_import.output
    second = tmp_path / "second"
    invoke(other, "export", str(second))
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {
        p.name: p.read_bytes() for p in second.iterdir()
    }
