"""Canadian postal codes come out as "H2X 1Y4", or not at all; other countries' are only tidied."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import forward_sortation_area, normalize_postal_code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("h2x1y4", "H2X 1Y4"),
        ("H2X-1Y4", "H2X 1Y4"),
        (" h2x 1y4 ", "H2X 1Y4"),
        ("H2X 1Y4", "H2X 1Y4"),
        ("h 2 x 1 y 4", "H2X 1Y4"),
        ("H3Z 2Y7", "H3Z 2Y7"),  # W and Z are fine after the first place
        ("J4W 2Z9", "J4W 2Z9"),
        ("K1A 0B1", "K1A 0B1"),
    ],
)
def test_canadian_codes_are_written_the_canadian_way(text: str, expected: str) -> None:
    assert normalize_postal_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "D2X 1Y4",  # D F I O Q U never appear
        "F2X 1Y4",
        "I2X 1Y4",
        "O2X 1Y4",
        "Q2X 1Y4",
        "U2X 1Y4",
        "W2X 1Y4",  # nor W or Z in first place
        "Z2X 1Y4",
        "H2O 1Y4",  # nor D F I O Q U anywhere
        "H2X 1U4",
        "H2X1Y",
        "H2X 1Y45",
        "2HX 1Y4",
        "12345",
        "",
        "   ",
        "n/a",
    ],
)
def test_invalid_canadian_codes_are_none(text: str) -> None:
    assert normalize_postal_code(text) is None


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (" 75001 ", "FR", "75001"),
        ("sw1a 1aa", "GB", "SW1A 1AA"),
        ("90210-1234", "US", "90210-1234"),
        ("  ab  12 ", "XX", "AB 12"),
        ("h2x-1y4", "US", "H2X-1Y4"),  # not Canada: only tidied
        ("", "FR", None),
    ],
)
def test_other_countries_are_trimmed_and_upper_cased(text: str, country: str, expected: str | None) -> None:
    assert normalize_postal_code(text, country) == expected


@pytest.mark.parametrize("country", ["CA", "ca", "CAN", "Canada"])
def test_canada_by_any_name(country: str) -> None:
    assert normalize_postal_code("h2x1y4", country) == "H2X 1Y4"
    assert normalize_postal_code("D2X1Y4", country) is None


def test_unknown_country_formats_canadian_looking_codes_and_tidies_the_rest() -> None:
    assert normalize_postal_code("h2x-1y4", None) == "H2X 1Y4"
    assert normalize_postal_code(" 75001 ", None) == "75001"


@pytest.mark.parametrize(
    ("code", "area"),
    [("H2X 1Y4", "H2X"), ("h2x1y4", "H2X"), ("J4W-2Z9", "J4W"), ("D2X 1Y4", None), ("", None), ("H2X", None)],
)
def test_forward_sortation_area(code: str, area: str | None) -> None:
    assert forward_sortation_area(code) == area


def test_not_a_string_is_none() -> None:
    assert normalize_postal_code(None) is None  # type: ignore[arg-type]


@given(st.text(), st.sampled_from(["CA", "FR", None]))
def test_idempotent(text: str, country: str | None) -> None:
    once = normalize_postal_code(text, country)
    if once is not None:
        assert normalize_postal_code(once, country) == once


@given(
    st.sampled_from("ABCEGHJKLMNPRSTVXY"),
    st.integers(0, 9),
    st.sampled_from("ABCEGHJKLMNPRSTVWXYZ"),
    st.integers(0, 9),
    st.sampled_from("ABCEGHJKLMNPRSTVWXYZ"),
    st.integers(0, 9),
    st.sampled_from(["", " ", "-", "  "]),
    st.booleans(),
)
def test_every_valid_code_in_any_spelling(
    a: str, b: int, c: str, d: int, e: str, f: int, middle: str, lower: bool
) -> None:
    written = f"{a}{b}{c}{middle}{d}{e}{f}"
    assert normalize_postal_code(written.lower() if lower else written) == f"{a}{b}{c} {d}{e}{f}"
