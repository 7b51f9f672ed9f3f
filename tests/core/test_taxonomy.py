"""The core taxonomy's one label lookup."""

from __future__ import annotations

from app.core.taxonomy import term_label


def test_a_core_terms_label_in_each_locale_else_its_code() -> None:
    assert term_label("needs", "food-bank", "fr") == "Banque alimentaire et paniers d'épicerie"
    assert term_label("needs", "food-bank", "en") == "Food bank and grocery hampers"
    assert term_label("documents", "no-such-code", "fr") == "no-such-code"
