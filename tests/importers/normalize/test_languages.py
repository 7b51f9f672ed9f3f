"""Language names in French or English, and codes, become ISO 639 codes; unknown words are reported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import ParsedLanguages, language_code, parse_languages, split_languages


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Français", "fr"),
        ("francais", "fr"),
        ("FRANÇAIS", "fr"),
        ("french", "fr"),
        ("FR", "fr"),
        ("fr", "fr"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("fr-CA", "fr"),
        ("Anglais", "en"),
        ("English", "en"),
        ("en", "en"),
        ("eng", "en"),
        ("Arabic", "ar"),
        ("arabe", "ar"),
        ("espagnol", "es"),
        ("Español", "es"),
        ("Espanol", "es"),
        ("Spanish", "es"),
        ("Italien", "it"),
        ("portugais", "pt"),
        ("Vietnamese", "vi"),
        ("vietnamien", "vi"),
        ("Chinese", "zh"),
        ("chinois", "zh"),
        ("Mandarin", "zh"),
        ("Cantonese", "zh"),
        ("cantonais", "zh"),
        ("chinois (mandarin)", "zh"),
        ("zh-Hant", "zh"),
        ("cmn", "zh"),
        ("yue", "zh"),
        ("Créole haïtien", "ht"),
        ("creole haitien", "ht"),
        ("Haitian Creole", "ht"),
        ("créole", "ht"),
        ("Kreyòl", "ht"),
        ("Farsi", "fa"),
        ("persan", "fa"),
        ("Persian", "fa"),
        ("Tagalog", "tl"),
        ("Filipino", "tl"),
        ("tl", "tl"),
        ("fil", "tl"),
        ("Punjabi", "pa"),
        ("pendjabi", "pa"),
        ("ourdou", "ur"),
        ("Tamil", "ta"),
        ("Bengali", "bn"),
        ("grec", "el"),
        ("Russe", "ru"),
        ("Inuktitut", "iu"),
        ("Cree", "cr"),
        ("Mohawk", "moh"),  # no ISO 639-1 code: ISO 639-3
        ("Atikamekw", "atj"),
        ("LSQ", "fcs"),
        ("langue des signes québécoise", "fcs"),
        ("Quebec Sign Language", "fcs"),
        ("ASL", "ase"),
        ("American Sign Language", "ase"),
        ("  Français.  ", "fr"),
    ],
)
def test_language_code(name: str, code: str) -> None:
    assert language_code(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "autre",
        "Other",
        "bilingue",  # a language name starts with "bilin": only a whole name counts
        "Frenchy",
        "Anglais seulement",
        "langue des signes",  # which one?
        "xx",
        "qq",
        "und",
        "mul",
        "1234",
        "A",
        "\x00",
    ],
)
def test_unknown_names_are_none(name: str) -> None:
    assert language_code(name) is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Français, anglais et espagnol", ["fr", "en", "es"]),
        ("English/French; Arabic", ["en", "fr", "ar"]),
        ("fr|en", ["fr", "en"]),
        ("fr, en, es", ["fr", "en", "es"]),
        ("English and French", ["en", "fr"]),
        ("anglais ou français", ["en", "fr"]),
        ("Français et/ou anglais", ["fr", "en"]),
        ("Arabe + Farsi & Dari", ["ar", "fa"]),
        ("Français-Anglais", ["fr", "en"]),
        ("français anglais espagnol", ["fr", "en", "es"]),
        ("Français\nAnglais", ["fr", "en"]),
        ("fr, FR, français, French", ["fr"]),
        ("Mandarin, cantonais", ["zh"]),
        ("Langues parlées : français, anglais", ["fr", "en"]),
        ("Languages: English, Tagalog", ["en", "tl"]),
        ("Bilingue", ["fr", "en"]),
        ("Créole haïtien, LSQ", ["ht", "fcs"]),
        ("", []),
        ("N/A", []),
    ],
)
def test_split_languages(text: str, codes: list[str]) -> None:
    assert split_languages(text) == codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Français, anglais, autres", ParsedLanguages(("fr", "en"), ("autres",))),
        ("English, Elvish and French", ParsedLanguages(("en", "fr"), ("Elvish",))),
        ("Français, langue des signes", ParsedLanguages(("fr",), ("langue des signes",))),
        ("toutes les langues", ParsedLanguages((), ("toutes les langues",))),
        ("Français, anglais", ParsedLanguages(("fr", "en"), ())),
    ],
)
def test_parse_languages_reports_the_words_it_could_not_read(text: str, expected: ParsedLanguages) -> None:
    assert parse_languages(text) == expected


@given(st.text())
def test_parse_languages_never_raises_and_codes_are_unique(text: str) -> None:
    parsed = parse_languages(text)
    assert len(set(parsed.codes)) == len(parsed.codes)
    assert all(code.isascii() and code.isalpha() and 2 <= len(code) <= 3 for code in parsed.codes)
