"""Telephone numbers as agencies type them become E.164 with their extension and kind."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import Phone, normalize_phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(514) 555-0123", Phone("+15145550123", None, None)),
        ("514-555-0123", Phone("+15145550123", None, None)),
        ("5145550123", Phone("+15145550123", None, None)),
        ("1-800-555-0199", Phone("+18005550199", None, None)),
        ("+1 438 555 0100", Phone("+14385550100", None, None)),
        ('"+44 1234 234567"', Phone("+441234234567", None, None)),
        ("011 44 1234 234567", Phone("+441234234567", None, None)),
        ("  (514) 555-0123  ", Phone("+15145550123", None, None)),
    ],
)
def test_numbers_become_e164(text: str, expected: Phone) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "extension"),
    [
        ("514.555.0123 poste 22", "22"),
        ("514 555 0123, poste 1234", "1234"),
        ("514-555-0123 p. 22", "22"),
        ("514-555-0123 Poste: 7", "7"),
        ("514-555-0123 ext. 45", "45"),
        ("514-555-0123 extension 45", "45"),
        ("514-555-0123 x12", "12"),
        ("514-555-0123 x 12", "12"),
        ("514-555-0123 #12", "12"),
        ("514-555-0123 poste 22 ou 23", "22"),
    ],
)
def test_the_extension_is_kept_apart(text: str, extension: str) -> None:
    phone = normalize_phone(text)
    assert phone is not None
    assert phone.number == "+15145550123"
    assert phone.extension == extension


def test_a_hash_before_the_number_is_not_an_extension() -> None:
    assert normalize_phone("# 514-555-0123") == Phone("+15145550123", None, None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Fax : 514 555-0123", "fax"),
        ("Télécopieur : 514 555-0123", "fax"),
        ("Téléc. 514 555-0123", "fax"),
        ("Cell: 514 555-0123", "cell"),
        ("Cellulaire : 514 555-0123", "cell"),
        ("Mobile 514 555-0123", "cell"),
        ("Texto : 514 555-0123", "text"),
        ("SMS 514 555-0123", "text"),
        ("TTY 514 555-0123", "textphone"),
        ("ATS : 514 555-0123", "textphone"),
        ("Tél. : 514 555-0123", "voice"),
        ("Phone: 514 555-0123", "voice"),
        ("514 555-0123", None),
        # Two kinds in one cell: which one this number is, we cannot tell.
        ("Tél./Fax : 514 555-0123", None),
    ],
)
def test_the_kind_is_read_from_the_words_around_the_number(text: str, kind: str | None) -> None:
    phone = normalize_phone(text)
    assert phone is not None
    assert phone.number == "+15145550123"
    assert phone.type == kind


@pytest.mark.parametrize(
    ("text", "number"),
    [("211", "211"), ("811", "811"), ("911", "911"), ("Composez le 211", "211"), ("Info-Santé 811", "811")],
)
def test_short_service_codes_stay_as_digits(text: str, number: str) -> None:
    assert normalize_phone(text) == Phone(number, None, None)


def test_the_first_of_several_numbers_is_taken() -> None:
    phone = normalize_phone("Tél. : 514 555-0123, téléc. : 514 555-0124")
    assert phone is not None
    assert phone.number == "+15145550123"


def test_a_vanity_number_is_spelt_out() -> None:
    phone = normalize_phone("1 866 APPELLE")
    assert phone is not None
    assert phone.number == "+18662773553"


def test_another_default_region() -> None:
    phone = normalize_phone("01 23 45 67 89", default_region="FR")
    assert phone is not None
    assert phone.number == "+33123456789"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "n/a",
        "sur rendez-vous",
        "call me",
        "555-0123",  # no area code: where is it?
        "514-123-4567",  # no exchange starts with 1
        "123",
        "2024",
        "12",
    ],
)
def test_nothing_usable_is_none(text: str) -> None:
    assert normalize_phone(text) is None


def test_not_a_string_is_none() -> None:
    assert normalize_phone(None) is None  # type: ignore[arg-type]
    assert normalize_phone(5145550123) is None  # type: ignore[arg-type]


@given(st.text())
def test_never_raises_and_numbers_are_e164_or_short_codes(text: str) -> None:
    phone = normalize_phone(text)
    if phone is not None:
        assert re.fullmatch(r"\+\d{8,15}|\d{3,4}", phone.number)
        assert phone.extension is None or phone.extension.isdigit()
        assert phone.type in (None, "voice", "fax", "text", "cell", "video", "pager", "textphone")
