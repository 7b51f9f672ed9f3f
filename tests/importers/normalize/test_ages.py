"""Age limits read from eligibility text in French and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import AgeRange, ages_from_text


@pytest.mark.parametrize(
    ("text", "minimum", "maximum"),
    [
        # From an age on
        ("18 ans et plus", 18, None),
        ("18 ans et +", 18, None),
        ("65+", 65, None),
        ("Clients 50+", 50, None),
        ("Adults 18+", 18, None),
        ("18 years and older", 18, None),
        ("18 years and over", 18, None),
        ("18 or older", 18, None),
        ("Aînés de 55 ans et plus", 55, None),
        ("Personnes âgées de 18 ans et plus", 18, None),
        ("à partir de 16 ans", 16, None),
        ("dès l'âge de 5 ans", 5, None),
        ("16 ans minimum", 16, None),
        ("Must be over 18", 18, None),
        ("18 mois et plus", 1, None),
        # Up to an age
        ("under 18", None, 17),
        ("Under 5", None, 4),
        ("moins de 18 ans", None, 17),
        ("Enfants de moins de 6 mois", None, 0),
        ("younger than 25", None, 24),
        ("jusqu'à 5 ans", None, 5),
        ("up to age 12", None, 12),
        ("5 ans et moins", None, 5),
        ("12 and under", None, 12),
        ("17 years old and under", None, 17),
        # Between two ages
        ("ages 16-25", 16, 25),
        ("Ages 16 to 25", 16, 25),
        ("16 à 25 ans", 16, 25),
        ("de 12 à 17 ans", 12, 17),
        ("Jeunes de 12 à 17 ans", 12, 17),
        ("12-17 years", 12, 17),
        ("12–17 ans", 12, 17),
        ("entre 18 et 30 ans", 18, 30),
        ("between 18 and 30 years old", 18, 30),
        ("children 0-5", 0, 5),
        ("Enfants 6-12", 6, 12),
        ("Youth aged 12 to 17", 12, 17),
        ("âgés de 12 à 17", 12, 17),
        ("0 à 5 ans", 0, 5),
        ("6 mois à 5 ans", 0, 5),
        ("18 mois à 5 ans", 1, 5),
        ("12-17", 12, 17),
        ("Parents d'enfants de 0 à 5 ans", 0, 5),
        ("Programme de 12 semaines pour les 16-30 ans", 16, 30),
        # Several ranges: the span of them all
        ("0-5 ans et 6-12 ans", 0, 12),
        # Words alone
        ("adults", 18, None),
        ("Adultes", 18, None),
        ("adulte", 18, None),
        ("Adults with disabilities", 18, None),
        ("seniors", 65, None),
        ("aînés", 65, None),
        ("Aînées", 65, None),
        ("personnes âgées", 65, None),
        ("Older adults", 65, None),
        ("Adultes et aînés", 18, None),
    ],
)
def test_ages_from_text(text: str, minimum: int | None, maximum: int | None) -> None:
    assert ages_from_text(text) == AgeRange(minimum, maximum)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "youth",
        "jeunes",
        "Enfants",
        "children",
        "familles",
        "jeunes adultes",  # young adults: 18 to what?
        "young adults",
        "enfants et adultes",
        "tous âges",
        "Ouvert à tous",
        # Numbers that are not ages
        "Tél. 514-555-0123",
        "1234 rue Sainte-Catherine",
        "2 repas par jour",
        "Depuis 2024",
        "Lundi 9h-17h",
        "de 9 h à 17 h",
        "Under 5 km from the metro",
        "Maximum 10 personnes",
        "5 $ par visite",
        "moins de 5 personnes",
        # Under 12 or 65 and over: no one range says it
        "under 12 or 65+",
    ],
)
def test_no_age_information_is_none(text: str) -> None:
    assert ages_from_text(text) is None


def test_an_amount_beside_an_age_is_ignored() -> None:
    assert ages_from_text("5$ pour les 12 ans et plus") == AgeRange(12, None)


def test_not_a_string_is_none() -> None:
    assert ages_from_text(None) is None  # type: ignore[arg-type]


@given(st.text())
def test_never_raises_and_ranges_are_sensible(text: str) -> None:
    ages = ages_from_text(text)
    if ages is not None:
        assert ages.minimum is not None or ages.maximum is not None
        for age in (ages.minimum, ages.maximum):
            assert age is None or 0 <= age <= 120
        if ages.minimum is not None and ages.maximum is not None:
            assert ages.minimum <= ages.maximum
