"""Locale selection and reading of bilingual text.

A translatable field is a `{locale: text}` mapping. Reading it in one locale falls back to the other and
says so, so the page can mark text shown in the language it exists in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, has_app_context, has_request_context, request
from flask_babel import get_locale, get_translations

LOCALES: tuple[str, ...] = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Localized:
    text: str
    locale: str
    fallback: bool  # True when the text is not in the locale asked for

    def __str__(self) -> str:
        return self.text


def localized(value: dict[str, str] | None, locale: str) -> Localized | None:
    """The text in `locale`, else in the other language (marked as a fallback), else None."""
    if not value:
        return None
    if value.get(locale):
        return Localized(value[locale], locale, False)
    for other in (*LOCALES, *sorted(value)):
        if value.get(other):
            return Localized(value[other], other, True)
    return None


def text_of(value: dict[str, str] | None, locale: str, default: str = "") -> str:
    found = localized(value, locale)
    return found.text if found else default


def terminal_locale() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value[:2].lower()
            return code if code in LOCALES else None
    return None


@lru_cache(maxsize=4)
def _source_catalogue(locale: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    from app.catalogs import SOURCE_DIR

    try:
        with (SOURCE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalogue = read_po(handle, locale=locale)
    except OSError:
        return {}
    return {
        m.id: m.string for m in catalogue if isinstance(m.id, str) and isinstance(m.string, str) and m.string
    }


def source_gettext(locale: str) -> Callable[[str], str]:
    """gettext for a message said before the application exists (its catalogues may not be compiled yet,
    nor compilable): read from the catalogue's source, the message itself when it has no translation."""
    catalogue = _source_catalogue(locale)
    return lambda message: catalogue.get(message, message)


def select_locale() -> str:
    """Babel's locale selector: the URL's language, then ?lang=, then the browser's, then the default."""
    default = str(current_app.config.get("CARREFOUR_DEFAULT_LOCALE", "fr"))
    if not has_request_context():
        # Commands speak the terminal's language (LC_ALL, LC_MESSAGES, LANG) when it is French or English.
        if has_app_context() and g.get("locale") in LOCALES:
            return str(g.locale)
        return terminal_locale() or default
    view_lang = (request.view_args or {}).get("lang")
    if view_lang in LOCALES:
        return str(view_lang)
    asked = request.args.get("lang")
    if asked in LOCALES:
        return str(asked)
    return request.accept_languages.best_match(LOCALES) or default


def same_page_in(locale: str) -> str:
    """This page in another language, with the same search (the language switch on every page): the
    page's own parameters as it parsed them, bounded, never the query string copied whole."""
    from flask import url_for

    from app.directory.params import switch_query

    endpoint = request.endpoint or "directory.home"
    values = {**(request.view_args or {}), "lang": locale}
    if "lang" not in (request.view_args or {}):
        endpoint, values = "directory.home", {"lang": locale}
    return url_for(endpoint, **values, **switch_query(endpoint, request.args))


_DAY_NAMES = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def day_name(code: str, locale: str) -> str:
    return _DAY_NAMES.get(locale, _DAY_NAMES["en"])[_DAY_CODES.index(code)]


@lru_cache(maxsize=1024)  # looked up for every card and suggestion; langcodes is slow at it
def language_name(code: str, locale: str) -> str:
    """A language's name in the page's language ("arabe", "Arabic"); the code when unknown."""
    try:
        import langcodes

        name = langcodes.Language.get(code).display_name(locale)
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if locale == "en" else name


def _request_translations() -> Translations | NullTranslations:
    """Flask-Babel's translations for the current locale, looked up once per context and locale: its own
    lookup walks the context, the locale and the locale's name on every call, and a results page makes a
    hundred of them."""
    if not has_app_context():
        return get_translations()
    locale = get_locale()  # a locale forced for a while (`force_locale`) is another key
    cached = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, get_translations())
    return cached[1]


def install_template_gettext(app: Flask) -> None:
    """Templates translate through `_request_translations` (called after `babel.init_app`, which installs
    its own)."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
