"""What a client takes away and what an outreach worker hands out: each service's next step read from its
facts, its hours in words, a number a person can call, the help lines last; printed in the client's
language (a PDF read back as text), and the one-page outreach sheet of the nearest services near a postal
code or a borough, in French, in English or both side by side."""

from __future__ import annotations

import io
import re
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from app.casework.takeaway_view import entry_html, render_takeaway, takeaway_pdf
from app.core.casework.sheets import needs_codes, read_sheet_request
from app.core.casework.takeaway import (
    TakeawayEntry,
    clock_in_words,
    help_lines,
    hours_in_words,
    next_step,
    takeaway_entries,
)
from app.core.geo import fsa_centroid, haversine_km
from app.core.hours import LOCAL, ScheduleRule, weekly_intervals
from app.web.extensions import db
from app.web.pdf import LocalOnlyFetcher, render_pdf
from tests.accounts.people import add_people, sign_in
from tests.helpers import invoke, read_csv, write_csv
from tests.matching.builder import HOME, Spec, build

MONDAY = datetime(2026, 11, 23, 10, tzinfo=LOCAL)
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def north(km: float) -> float:
    return HOME[0] + km / 111.2


SPECS = [
    Spec(
        "walkin",
        name="Depot Walk-in Pantry",
        features=("walk-in",),
        documents=("proof-of-address",),
        hours=((WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "16:00")),
    ),
    Spec("appointment", name="Booked Groceries", features=("appointment-required",), lat=north(2)),
    Spec("unknown", name="Plain Food Cupboard", lat=north(4)),
    Spec("fourth", name="Fourth Pantry", lat=north(6)),
    Spec("far", name="Faraway Pantry", lat=north(30)),
    Spec("shelter", name="Night Shelter", categories=("emergency-shelter",), lat=north(1)),
    Spec("faxonly", name="Tenant Fax Office", categories=("tenant-rights",), lat=north(1.5)),
    Spec("bookonly", name="Booking Desk", categories=("legal-aid",), features=("appointment-required",)),
    Spec("online", name="Tax Clinic Online", categories=("benefits-help",), remote=True),
    Spec("byphone", name="Benefits by Phone", categories=("benefits-help",), remote=True),
    Spec("silent", name="Quiet Legal Desk", categories=("legal-aid",), remote=True),
    Spec(
        "crisis",
        name="Listening Line",
        categories=("crisis-line",),
        remote=True,
        hours=((EVERY_DAY, "00:00", "23:59"),),
    ),
    Spec("foodline", name="Meals by Phone", categories=("meal-delivery",), remote=True),
]
PHONES = [
    # (id, service, location, organization, place of the service, number, extension, type)
    ("p-walkin", "svc-walkin", "", "", "", "514-555-0101", "12", "voice"),
    ("p-appointment", "svc-appointment", "", "", "", "514-555-0102", "", "voice"),
    ("p-unknown", "", "loc-unknown-0", "", "", "514-555-0103", "", "voice"),
    ("p-fourth", "svc-fourth", "", "", "", "514-555-0104", "", ""),
    ("p-far", "svc-far", "", "", "", "514-555-0105", "", ""),
    ("p-shelter", "svc-shelter", "", "", "", "514-555-0106", "", "voice"),
    ("p-fax", "", "", "", "sal-faxonly-0", "514-555-0150", "", "fax"),
    ("p-fax-org", "", "", "org-faxonly", "", "514-555-0151", "", "voice"),
    ("p-byphone", "svc-byphone", "", "", "", "514-555-0107", "", "voice"),
    ("p-crisis", "svc-crisis", "", "", "", "1-866-555-0199", "", "voice"),
    ("p-foodline", "svc-foodline", "", "", "", "514-555-0108", "", "voice"),
]
ADDRESSES = {
    "walkin": ("1450 Rue Saint-Denis", "H2X 1Y4"),
    "appointment": ("200 Rue Rachel Est", "H2W 1E1"),
    "shelter": ("300 Rue Ontario Est", "H2X 1H6"),
}


def _package(folder: Path) -> Path:
    build(folder, SPECS)
    services = read_csv(folder / "services.csv")
    for row in services:
        row.update(url="", application_process="")
    by_id = {row["id"]: row for row in services}
    by_id["svc-walkin"]["application_process"] = "Bring your neighbourhood card to the front desk."
    by_id["svc-walkin"]["url"] = "https://pantry.example.org/walk-in/"
    by_id["svc-online"]["url"] = "https://taxes.example.org"
    write_csv(folder / "services.csv", services)
    write_csv(
        folder / "phones.csv",
        [
            dict(
                zip(
                    (
                        "id",
                        "service_id",
                        "location_id",
                        "organization_id",
                        "service_at_location_id",
                        "number",
                        "extension",
                        "type",
                    ),
                    phone,
                    strict=True,
                )
            )
            for phone in PHONES
        ],
    )
    write_csv(
        folder / "addresses.csv",
        [
            {
                "id": f"addr-{key}",
                "location_id": f"loc-{key}-0",
                "address_1": street,
                "city": "Montréal",
                "state_province": "QC",
                "postal_code": postal,
                "country": "CA",
                "address_type": "physical",
            }
            for key, (street, postal) in ADDRESSES.items()
        ],
    )
    write_csv(
        folder / "required_documents.csv",
        [{"id": "doc-appointment", "service_id": "svc-appointment", "document": "Your lease"}],
    )
    return folder


@pytest.fixture
def directory(app: Flask, tmp_path: Path) -> Flask:
    result = invoke(app, "import", str(_package(tmp_path / "pkg")), "--lang", "en", "--source", "test")
    assert result.exit_code == 0, result.output
    return app


def _ids(app: Flask) -> dict[str, str]:
    """Carrefour's id of each service, by the key its spec gave it."""
    from app.core.models import Service

    with app.app_context():
        return {s.source_id.removeprefix("svc-"): s.id for s in db.session.query(Service)}


def _entries(app: Flask, keys: list[str], locale: str) -> dict[str, TakeawayEntry]:
    ids = _ids(app)
    with app.test_request_context(f"/{locale}/"):
        found = takeaway_entries(db.session, [ids[k] for k in keys], locale, now=MONDAY)
    by_id = {v: k for k, v in ids.items()}
    return {by_id[e.service_id]: e for e in found}


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), words(" ".join(page.extract_text() for page in reader.pages))


# --- what to do next, read from the facts ------------------------------------------------------------------

NEXT_STEPS = {
    "walkin": ("Walk in during opening hours: no appointment needed.", "Présentez-vous pendant les heures"),
    "appointment": ("By appointment: call to book one.", "Sur rendez-vous : appelez pour en prendre un."),
    "bookonly": ("By appointment: contact them to book one.", "Sur rendez-vous : contactez-les"),
    "unknown": ("Call first to check that they can help you.", "Appelez d'abord pour vérifier"),
    "online": ("Online: start on the website.", "En ligne : commencez sur le site Web."),
    "byphone": ("By phone: call the number below.", "Par téléphone : appelez le numéro ci-dessous."),
    # Given remotely with no number and no website: never "call the number below".
    "silent": ("Check with them first that they can help you.", "Vérifiez d'abord auprès d'eux"),
}


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_next_step_comes_from_the_facts_in_the_persons_language(directory: Flask, locale: str) -> None:
    entries = _entries(directory, list(NEXT_STEPS), locale)
    said = {key: entry.next_step_text for key, entry in entries.items()}
    index = 0 if locale == "en" else 1
    assert {k: v.startswith(NEXT_STEPS[k][index]) for k, v in said.items()} == dict.fromkeys(
        NEXT_STEPS, True
    ), said
    assert [entries[k].next_step for k in ("walkin", "appointment", "unknown", "online")] == [
        "walk-in",
        "appointment",
        "call-first",
        "online",
    ]


def test_hours_in_words_in_each_language(directory: Flask) -> None:
    english = _entries(directory, ["walkin", "crisis", "unknown"], "en")
    french = _entries(directory, ["walkin", "crisis", "unknown"], "fr")
    assert english["walkin"].hours == ["Monday to Friday: 9 a.m. to noon and 1 p.m. to 4 p.m."]
    assert french["walkin"].hours == ["Du lundi au vendredi : 9 h à 12 h et 13 h à 16 h"]
    assert english["crisis"].hours == ["Open 24 hours a day, 7 days a week"]
    assert french["crisis"].always_open
    assert (english["unknown"].hours, english["unknown"].hours_known) == ([], False)


def test_the_number_printed_is_one_a_person_can_call(directory: Flask) -> None:
    entries = _entries(directory, ["walkin", "unknown", "faxonly", "silent"], "en")
    assert (entries["walkin"].phone.shown, entries["walkin"].phone.extension) == ("514-555-0101", "12")  # type: ignore[union-attr]
    assert entries["unknown"].phone.shown == "514-555-0103"  # type: ignore[union-attr]  # the place's own
    # Only a fax at the place: the organization's voice line, not the fax.
    assert entries["faxonly"].phone.shown == "514-555-0151"  # type: ignore[union-attr]
    assert entries["silent"].phone is None


def test_documents_address_and_website(directory: Flask) -> None:
    english = _entries(directory, ["walkin", "appointment", "online"], "en")
    french = _entries(directory, ["walkin"], "fr")
    assert english["walkin"].documents == ["Proof of address"]
    assert french["walkin"].documents == ["Preuve d'adresse"]
    assert [str(d) for d in english["appointment"].documents] == ["Your lease"]  # the service's own words
    assert english["walkin"].address == "1450 Rue Saint-Denis, Montréal, H2X 1Y4"
    assert english["walkin"].website == "https://pantry.example.org/walk-in/"
    assert (english["online"].remote, english["online"].address) == (True, None)


def test_help_lines_come_last_with_the_directorys_crisis_and_food_lines(directory: Flask) -> None:
    with directory.test_request_context("/en/"):
        english = help_lines(db.session, "en")
        french = help_lines(db.session, "fr")
    assert [(line.name, line.phone.shown, line.kind) for line in english] == [
        ("911", "911", "emergency"),
        ("211", "211", "referral"),
        ("Listening Line", "1-866-555-0199", "crisis"),
        ("Meals by Phone", "514-555-0108", "food"),
    ]
    assert french[0].note == "Urgences : police, ambulance, pompiers."


# --- the rules themselves, without a directory -----------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "fr", "en"),
    [
        ("09:00", "9 h", "9 a.m."),
        ("09:30", "9 h 30", "9:30 a.m."),
        ("12:00", "12 h", "noon"),
        ("12:30", "12 h 30", "12:30 p.m."),
        ("17:05", "17 h 05", "5:05 p.m."),
        ("00:00", "minuit", "midnight"),
        ("24:00", "minuit", "midnight"),
    ],
)
def test_clock_in_words(clock: str, fr: str, en: str) -> None:
    assert (clock_in_words(clock, "fr"), clock_in_words(clock, "en")) == (fr, en)


def test_days_with_the_same_hours_go_together_monday_first() -> None:
    rules = [
        ScheduleRule("MO,TU", "10:00", "14:00"),
        ScheduleRule("TH,FR,SA", "10:00", "14:00"),
        ScheduleRule("SU", "22:00", "02:00"),  # into Monday night: printed on Sunday only
    ]
    intervals = weekly_intervals(rules, daylight=False)
    assert hours_in_words(intervals, "en") == [
        "Monday, Tuesday and Thursday to Saturday: 10 a.m. to 2 p.m.",
        "Sunday: 10 p.m. to 2 a.m.",
    ]
    assert hours_in_words(intervals, "fr") == [
        "Lundi, mardi et du jeudi au samedi : 10 h à 14 h",
        "Dimanche : 22 h à 2 h",
    ]


@pytest.mark.parametrize(
    ("features", "place", "expected"),
    [
        ({"walk-in", "appointment-required"}, {}, "appointment"),  # an appointment asked for wins
        ({"walk-in"}, {}, "walk-in"),
        ({"walk-in"}, {"has_place": False}, "call-first"),  # nowhere to walk in to
        ({"walk-in"}, {"remote": True}, "call-first"),
        (set(), {"remote": True, "has_phone": False}, "online"),
        ({"virtual"}, {"has_phone": False}, "online"),
        (set(), {}, "call-first"),
    ],
)
def test_what_to_do_first(features: set[str], place: dict[str, bool], expected: str) -> None:
    given = {"remote": False, "has_phone": True, "has_website": True, "has_place": True, **place}
    assert next_step(features, **given) == expected


def test_a_sheet_request_names_each_problem_by_its_field(app: Flask) -> None:
    with app.test_request_context("/en/"):
        many = read_sheet_request(db.session, needs=sorted(needs_codes())[:9], postal_code="H2X")
        assert list(many.problems) == ["need"] and "at most 8" in many.problems["need"][0]
        odd = read_sheet_request(
            db.session, needs=["food-bank", "unicorns"], borough_code="REM19", language="de"
        )
        assert set(odd.problems) == {"need", "language"} and "unicorns" in odd.problems["need"][0]
        # A postal code wins over a borough; its area's centre when the directory does not know the code.
        both = read_sheet_request(
            db.session, needs=["food-bank"], postal_code="h2x 9z9", borough_code="REM23"
        )
        assert both.problems == {} and both.place is not None
        assert (both.place.label, both.place.approximate) == ("H2X 9Z9", True)
        assert haversine_km(both.place.lat, both.place.lon, *fsa_centroid("H2X")) < 0.01  # type: ignore[misc]
        borough = read_sheet_request(
            db.session, needs=["food", "shelter"], borough_code="REM19", language="both"
        )
        assert (borough.place.label, borough.languages, borough.per_need) == ("Ville-Marie", ["fr", "en"], 3)  # type: ignore[union-attr]
        assert read_sheet_request(db.session, needs=[f"n{i}" for i in range(5)]).per_need == 1
    with app.test_request_context("/fr/"):
        french = read_sheet_request(db.session, needs=[], postal_code="", language="fr")
        assert french.problems == {
            "need": ["Choisissez au moins un besoin."],
            "postal_code": ["Entrez un code postal ou choisissez un arrondissement."],
        }


# --- the printed list ---------------------------------------------------------------------------------------

LIST_KEYS = ["walkin", "appointment", "online"]


@pytest.mark.parametrize(
    ("locale", "expected", "not_expected"),
    [
        (
            "fr",
            [
                "Présentez-vous pendant les heures d'ouverture : sans rendez-vous.",
                "Sur rendez-vous : appelez pour en prendre un.",
                "Du lundi au vendredi : 9 h à 12 h et 13 h à 16 h",
                "Preuve d'adresse",
                "poste 12",
                "Urgences : police, ambulance, pompiers.",
                "Lignes d'aide",
            ],
            ["Walk in during opening hours", "Emergencies"],
        ),
        (
            "en",
            [
                "Walk in during opening hours: no appointment needed.",
                "By appointment: call to book one.",
                "Monday to Friday: 9 a.m. to noon and 1 p.m. to 4 p.m.",
                "Proof of address",
                "ext. 12",
                "Emergencies: police, ambulance, fire.",
                "Help lines",
            ],
            ["Présentez-vous", "Urgences"],
        ),
    ],
)
def test_the_list_prints_in_the_clients_language_whatever_the_interface(
    directory: Flask, locale: str, expected: list[str], not_expected: list[str]
) -> None:
    ids = _ids(directory)
    interface = "en" if locale == "fr" else "fr"  # the caseworker reads the other language
    with directory.test_request_context(f"/{interface}/casework/sheets"):
        entries = takeaway_entries(db.session, [ids[k] for k in LIST_KEYS], locale, now=MONDAY)
        lines = help_lines(db.session, locale)
        pdf = takeaway_pdf(entries, lines, locale, title="Marie")
        html = render_takeaway(entries, lines, locale, title="Marie", back_url="/back")
    assert pdf.startswith(b"%PDF")
    _pages, text = pdf_text(pdf)
    for name in ("Depot Walk-in Pantry", "Booked Groceries", "Tax Clinic Online", "Marie"):
        assert name in text
    for phrase in expected:
        assert phrase in text, phrase
    for phrase in not_expected:
        assert phrase not in text
    assert text.index("Tax Clinic Online") < text.index("911")  # the help lines come last
    assert "Bring your neighbourhood card to the front desk." in text  # the service's own words
    assert f'<html lang="{locale}">' in html
    # The on-screen link is for the caseworker: in the interface's language, and never printed.
    assert ("Retour" if interface == "fr" else "Back") in html
    assert "Retour" not in text and "Back" not in text


def test_an_entry_never_says_to_call_when_there_is_no_number(directory: Flask) -> None:
    entries = _entries(directory, ["online", "unknown"], "en")
    with directory.test_request_context("/en/casework/sheets"):
        online, unknown = (
            words(re.sub("<[^>]+>", " ", entry_html(entries[k], "en"))) for k in ("online", "unknown")
        )
    assert "Hours Not listed. Where By phone or online" in online and "call" not in online
    assert "Hours Not listed: call to ask." in unknown and "Address not listed: call to ask." in unknown


# --- the PDF is drawn from this machine only -------------------------------------------------------------


def test_the_pdf_reads_the_sites_stylesheet_from_disk_and_fetches_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialled: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        dialled.append(address)
        raise OSError("no network while printing")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = (
        '<html><head><link rel="stylesheet" href="/static/takeaway.css">'
        '<link rel="stylesheet" href="https://fonts.example.net/font.css"></head>'
        '<body><p>Bonjour</p><img src="http://tracker.example.net/pixel.png"></body></html>'
    )
    pdf = render_pdf(page, "http://carrefour.test/")
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # letter, from takeaway.css
    assert "Bonjour" in reader.pages[0].extract_text()
    assert dialled == []


def test_the_fetcher_serves_only_the_sites_static_files() -> None:
    fetcher = LocalOnlyFetcher("http://carrefour.test/")
    assert fetcher.static_file("http://carrefour.test/static/takeaway.css") is not None
    assert fetcher.static_file("http://elsewhere.test/static/takeaway.css") is None
    assert fetcher.static_file("http://carrefour.test/static/../../pyproject.toml") is None
    assert fetcher.static_file("http://carrefour.test/static/%2e%2e/%2e%2e/pyproject.toml") is None
    assert fetcher.static_file("file:///etc/passwd") is None
    assert fetcher.static_file("http://carrefour.test/other/takeaway.css") is None


# --- outreach sheets ----------------------------------------------------------------------------------------


@pytest.fixture
def caseworker(directory: Flask) -> Iterator[FlaskClient]:
    directory.config["RATELIMIT_ENABLED"] = False
    people = add_people(directory)
    client = directory.test_client()
    assert sign_in(client, people["caseworker"].email).status_code == 302
    yield client


def _sheet(client: FlaskClient, lang: str = "en", pdf: bool = False, **params: Any) -> Any:
    path = f"/{lang}/casework/sheets/sheet" + (".pdf" if pdf else "")
    return client.get(path, query_string=params)


def test_the_sheet_lists_the_nearest_services_of_the_need(caseworker: FlaskClient) -> None:
    answer = _sheet(caseworker, need="food-bank", postal_code="h2x1y4", language="en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    names = [n for n in re.findall(r'class="name">([^<]+)<', page)]
    # Three at most for one need, nearest first; the one 30 km away is beyond the radius.
    assert names == ["Depot Walk-in Pantry", "Booked Groceries", "Plain Food Cupboard"]
    assert "Services near H2X 1Y4" in page
    assert "Walk in during opening hours" in page and "Help lines" in page
    assert "2.0 km away" in page

    answer = _sheet(caseworker, pdf=True, need="food-bank", postal_code="H2X 1Y4", language="en")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/pdf"
    pages, text = pdf_text(answer.data)
    assert pages == 1
    assert (
        text.index("Depot Walk-in Pantry")
        < text.index("Booked Groceries")
        < text.index("Plain Food Cupboard")
    )
    assert "Fourth Pantry" not in text and "Faraway Pantry" not in text
    assert text.index("Plain Food Cupboard") < text.index("Emergencies: police, ambulance, fire.")


def test_a_borough_places_the_sheet_too(caseworker: FlaskClient) -> None:
    answer = _sheet(caseworker, lang="fr", need=["food-bank", "emergency-shelter"], borough="REM19")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Services près de Ville-Marie" in page
    assert "Night Shelter" in page and "Depot Walk-in Pantry" in page
    assert "Présentez-vous pendant les heures" in page  # the page's language when none is chosen


def test_both_languages_side_by_side_on_one_page(caseworker: FlaskClient) -> None:
    params = {"need": ["food-bank", "emergency-shelter", "legal-aid"], "postal_code": "H2X 1Y4"}
    page = _sheet(caseworker, language="both", **params).get_data(as_text=True)
    assert '<td lang="fr">' in page and '<td lang="en">' in page
    answer = _sheet(caseworker, pdf=True, language="both", **params)
    pages, text = pdf_text(answer.data)
    assert pages == 1
    for phrase in (
        "Services près de H2X 1Y4",
        "Services near H2X 1Y4",
        "Banque alimentaire et paniers d'épicerie",
        "Food bank and grocery hampers",
        "Présentez-vous pendant les heures",
        "Walk in during opening hours",
        "Urgences : police, ambulance, pompiers.",
        "Emergencies: police, ambulance, fire.",
        "Night Shelter",
        "Booking Desk",
    ):
        assert phrase in text, phrase
    assert "Quiet Legal Desk" not in text  # given remotely: a sheet is for what is near


def _field_error(page: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    assert found, f"no message next to {field}"
    assert f'aria-describedby="{field}-error"' in page
    return found.group(1).replace("&#39;", "'")


@pytest.mark.parametrize("pdf", [False, True])
@pytest.mark.parametrize(
    ("lang", "params", "field", "message"),
    [
        ("en", {"need": "food-bank", "postal_code": "12345"}, "postal_code", "This is not a postal code"),
        ("fr", {"need": "food-bank", "postal_code": "12345"}, "postal_code", "Ce n'est pas un code postal"),
        ("fr", {"need": "food-bank", "postal_code": "Z9Z 9Z9"}, "postal_code", "Ce code postal n'a pas pu"),
        ("en", {"need": "food-bank", "borough": "NOWHERE"}, "borough", "This borough is not in the list."),
        ("fr", {"need": "food-bank", "borough": "NOWHERE"}, "borough", "Cet arrondissement n'est pas"),
        ("fr", {"postal_code": "H2X 1Y4"}, "need", "Choisissez au moins un besoin."),
        ("en", {"postal_code": "H2X 1Y4"}, "need", "Choose at least one need."),
        ("en", {"need": "food-bank"}, "postal_code", "Enter a postal code or choose a borough."),
    ],
)
def test_a_wrong_request_shows_the_form_again_with_the_problem_at_its_field(
    caseworker: FlaskClient, lang: str, params: dict[str, str], field: str, message: str, pdf: bool
) -> None:
    answer = _sheet(caseworker, lang=lang, pdf=pdf, **params)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("text/html")
    page = answer.get_data(as_text=True)
    assert _field_error(page, field).startswith(message)
    assert 'name="need"' in page  # the form itself, to fix it
    if "need" in params:
        assert f'value="{params["need"]}" id="need-{params["need"]}" checked' in page  # what was asked, kept


def test_the_form_offers_the_needs_the_places_and_the_languages(caseworker: FlaskClient) -> None:
    answer = caseworker.get("/fr/casework/sheets")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'method="get"' in page and 'action="/fr/casework/sheets/sheet"' in page
    assert 'formaction="/fr/casework/sheets/sheet.pdf"' in page
    assert "Banque alimentaire et paniers d'épicerie" in page.replace("&#39;", "'")
    assert '<option value="REM19">Ville-Marie</option>' in page
    assert all(f'name="language" value="{code}"' in page for code in ("fr", "en", "both"))


def test_sheets_are_for_the_team_only(directory: Flask) -> None:
    directory.config["RATELIMIT_ENABLED"] = False
    people = add_people(directory)
    asked = "/en/casework/sheets/sheet?need=food-bank&postal_code=H2X+1Y4"
    anonymous = directory.test_client().get(asked)
    assert anonymous.status_code == 302 and "/signin" in anonymous.headers["Location"]
    for role, status in (("caseworker", 200), ("supervisor", 200), ("agency", 403), ("admin", 403)):
        client = directory.test_client()
        assert sign_in(client, people[role].email).status_code == 302
        for path in ("/en/casework/sheets", asked, asked.replace("/sheet?", "/sheet.pdf?")):
            assert client.get(path).status_code == status, (role, path)
