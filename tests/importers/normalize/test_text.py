"""Free text without HTML, web and e-mail addresses checked, street lines in Québec's usual case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import clean_text, normalize_email, normalize_url, tidy_address_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Aide alimentaire  ", "Aide alimentaire"),
        ("Aide\talimentaire", "Aide alimentaire"),
        ("Aide  \u00a0 alimentaire", "Aide alimentaire"),
        ("Aide\u202falimentaire", "Aide alimentaire"),
        ("Caf&eacute; &amp; th&eacute;", "Café & thé"),
        ("Fish & Chips", "Fish & Chips"),
        ("<b>Gratuit</b> pour tous", "Gratuit pour tous"),
        ("<p>Bonjour</p><p>Hello</p>", "Bonjour\n\nHello"),
        ("Ligne 1<br>Ligne 2<br/>Ligne 3<BR />Ligne 4", "Ligne 1\nLigne 2\nLigne 3\nLigne 4"),
        ("<ul><li>Repas</li><li>Vêtements</li></ul>", "Repas\nVêtements"),
        ("Lundi&nbsp;:&nbsp;9h", "Lundi : 9h"),
        ("<script>alert(1)</script>Bienvenue", "Bienvenue"),
        ('<a href="https://exemple.org">Notre site</a>', "Notre site"),
        ("&lt;b&gt; n'est pas une balise", "<b> n'est pas une balise"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("  a  \n   b   ", "a\nb"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("Enfants <5 ans", "Enfants <5 ans"),
        ("\u200bZéro\ufeff", "Zéro"),
        (42, "42"),
    ],
)
def test_clean_text(value: object, expected: str) -> None:
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "n/a",
        "N/A",
        "NA",
        "null",
        "NULL",
        "None",
        "none",
        "-",
        "--",
        "?",
        "s.o.",
        "S.O.",
        "s/o",
        "<p></p>",
        "<br>",
        "&nbsp;",
        "...",
    ],
)
def test_empty_and_placeholder_values_are_none(value: object) -> None:
    assert clean_text(value) is None


@given(st.text())
def test_clean_text_is_idempotent_and_trimmed(text: str) -> None:
    once = clean_text(text)
    if once is not None:
        assert once == once.strip()
        assert "\n\n\n" not in once
        # A second pass changes nothing, unless the first decoded entities into new markup.
        if "<" not in once and "&" not in once:
            assert clean_text(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org/aide", "https://example.org/aide"),
        ("exemple.qc.ca", "https://exemple.qc.ca"),
        ("https://exemple.ca", "https://exemple.ca"),
        ("http://exemple.ca/page?id=3#haut", "http://exemple.ca/page?id=3#haut"),
        ("HTTPS://EXEMPLE.CA/Aide", "https://exemple.ca/Aide"),
        ("  https://exemple.ca  ", "https://exemple.ca"),
        ("<https://exemple.ca>", "https://exemple.ca"),
        ("exemple.org.", "https://exemple.org"),
        ("//exemple.org/x", "https://exemple.org/x"),
        ("https://exemple.ca:8443/x", "https://exemple.ca:8443/x"),
        ("https://café-rencontre.ca", "https://café-rencontre.ca"),
    ],
)
def test_normalize_url(text: str, expected: str) -> None:
    assert normalize_url(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "n/a",
        "Facebook",
        "exemple",
        "https://www",
        "www.exemple .org",
        "voir notre page Facebook",
        "ftp://exemple.org",
        "mailto:info@exemple.org",
        "javascript:alert(1)",
        "info@exemple.org",
        "https://user@exemple.org",
        "https://exemple.ca:abc",
        "https://-exemple.org",
        "https://192.168.0.1",
        "localhost:8000",
    ],
)
def test_invalid_urls_are_none(text: str) -> None:
    assert normalize_url(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("info@exemple.org", "info@exemple.org"),
        ("  info@exemple.org ", "info@exemple.org"),
        ("mailto:info@exemple.org", "info@exemple.org"),
        ("MAILTO:info@exemple.org?subject=Bonjour", "info@exemple.org"),
        ("info@EXEMPLE.ORG", "info@exemple.org"),
        ("<info@exemple.org>", "info@exemple.org"),
        ("Courriel : info@exemple.org", "info@exemple.org"),
        ("E-mail: info@exemple.org", "info@exemple.org"),
        ("accueil@café-rencontre.ca", "accueil@café-rencontre.ca"),
    ],
)
def test_normalize_email(text: str, expected: str) -> None:
    assert normalize_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "n/a",
        "info",
        "info@",
        "@exemple.org",
        "info@exemple",
        "info@@exemple.org",
        "pas de courriel",
        "a b@c.org",
    ],
)
def test_invalid_emails_are_none(text: str) -> None:
    assert normalize_email(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234 RUE SAINTE-CATHERINE EST", "1234 rue Sainte-Catherine Est"),
        ("1234 rue sainte-catherine est", "1234 rue Sainte-Catherine Est"),
        ("5000 CHEMIN DE LA CÔTE-DES-NEIGES, BUREAU 200", "5000 chemin de la Côte-des-Neiges, bureau 200"),
        ("1234 BOUL. PIE-IX, APP. 5", "1234 boul. Pie-IX, app. 5"),
        ("1234 AVENUE DU PARC", "1234 avenue du Parc"),
        ("800 BOULEVARD DE L'ÉGLISE", "800 boulevard de l'Église"),
        ("1 PLACE VILLE-MARIE", "1 place Ville-Marie"),
        ("3500 CÔTE SAINT-ANTOINE", "3500 côte Saint-Antoine"),
        ("100 MONTÉE SAINT-FRANÇOIS", "100 montée Saint-François"),
        ("55 RANG SAINT-JOSEPH", "55 rang Saint-Joseph"),
        ("9000 BOUL. SAINT-JEAN-DE-DIEU", "9000 boul. Saint-Jean-de-Dieu"),
        ("1234 3E AVENUE", "1234 3e Avenue"),
        ("1RE RUE", "1re Rue"),
        ("1234A RUE MCGILL", "1234A rue McGill"),
        ("1234 PARK AVENUE", "1234 Park Avenue"),
        ("1234 PARK AVENUE WEST", "1234 Park Avenue West"),
        ("1234 RUE O'BRIEN", "1234 rue O'Brien"),
        ("C.P. 123, SUCC. CENTRE-VILLE", "C.P. 123, Succ. Centre-Ville"),
        ("CLSC DES FAUBOURGS", "CLSC des Faubourgs"),
        ("4567 RUE SAINT-DENIS, LOCAL 3", "4567 rue Saint-Denis, local 3"),
        ("  1234   RUE   X  ", "1234 rue X"),
        # Mixed case is trusted: somebody wrote it that way.
        ("1234 Rue Sainte-Catherine Est", "1234 Rue Sainte-Catherine Est"),
        ("  1234   rue Saint-Denis ", "1234 rue Saint-Denis"),
        ("12345", "12345"),
    ],
)
def test_tidy_address_line(text: str, expected: str) -> None:
    assert tidy_address_line(text) == expected


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_address_line_is_none(text: str) -> None:
    assert tidy_address_line(text) is None


@given(st.text())
def test_tidy_address_line_keeps_the_letters(text: str) -> None:
    tidied = tidy_address_line(text)
    if tidied is not None:
        assert tidied.casefold().split() == text.casefold().split()
