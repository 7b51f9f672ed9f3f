"""Every message people see exists in French and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def _source_messages() -> set[str]:
    method_map = [
        ("app/**.py", "python"),
        ("importers/**.py", "python"),
        ("indexer/**.py", "python"),
        ("app/templates/**.html", "jinja2"),
    ]
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog(locale: str) -> dict[str, object]:
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    return {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def test_every_message_in_the_code_and_templates_has_a_french_translation() -> None:
    messages = _source_messages()
    assert len(messages) > 40  # the extraction itself works
    french = _catalog("fr")
    missing = sorted(m for m in messages if m not in french or not french[m].string)  # type: ignore[attr-defined]
    assert not missing, f"messages without a French translation: {missing}"
    fuzzy = sorted(m for m in messages if "fuzzy" in french[m].flags)  # type: ignore[attr-defined]
    assert not fuzzy, f"fuzzy French translations: {fuzzy}"


def test_translations_keep_their_placeholders() -> None:
    for locale in ("fr", "en"):
        for msgid, message in _catalog(locale).items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
            for text in strings:
                assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid)), (locale, msgid)


def test_french_pages_are_in_french(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    with app.app_context():
        from app.web.database import upgrade_database

        upgrade_database(app)
    french = client.get("/fr/services/").get_data(as_text=True)
    english = client.get("/en/services/").get_data(as_text=True)
    assert "Aller au contenu" in french and '<html lang="fr">' in french
    assert "Skip to content" in english and '<html lang="en">' in english


def test_templates_follow_the_locale_even_when_it_changes_within_a_request(app) -> None:  # type: ignore[no-untyped-def]
    """Templates look their translations up once per locale, not once per request."""
    from flask import render_template_string
    from flask_babel import force_locale

    template = '{{ _("Search") }} · {{ ngettext("%(num)d result", "%(num)d results", 2) }}'
    with app.test_request_context("/en/"):
        assert render_template_string(template) == "Search · 2 results"
        with force_locale("fr"):
            assert render_template_string(template) == "Rechercher · 2 résultats"
        assert render_template_string(template) == "Search · 2 results"
