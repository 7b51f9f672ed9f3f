"""The web layer's side of languages: which locale a request or a command speaks, Flask-Babel as the core's
translator, and the template's gettext and language switch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import flask_babel
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, has_app_context, has_request_context, request

from app.core.i18n import LOCALES, install_translator, terminal_locale


class FlaskBabelTranslator:
    """The core's messages in the locale Flask-Babel selected for this request or command."""

    def translations(self) -> NullTranslations:
        return request_translations()

    def locale(self) -> str | None:
        if not has_app_context():
            return None
        found = flask_babel.get_locale()
        return str(found) if found is not None else None

    @contextmanager
    def forced(self, locale: str) -> Iterator[None]:
        with flask_babel.force_locale(locale):
            yield


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


def request_translations() -> Translations | NullTranslations:
    """Flask-Babel's translations for the current locale, looked up once per context and locale: its own
    lookup walks the context, the locale and the locale's name on every call, and a results page makes a
    hundred of them."""
    if not has_app_context():
        return flask_babel.get_translations()
    locale = flask_babel.get_locale()  # a locale forced for a while (`force_locale`) is another key
    cached = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, flask_babel.get_translations())
    return cached[1]


def install_translations(app: Flask) -> None:
    """Templates and the core translate through `request_translations` (called after `babel.init_app`,
    which installs its own)."""
    install_translator(FlaskBabelTranslator())
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
