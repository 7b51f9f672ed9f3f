"""Locale selection and reading of bilingual text.

A translatable field is a `{locale: text}` mapping. Reading it in one locale falls back to the other and
says so, so the page can mark text shown in the language it exists in.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_app_context, has_request_context, request

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


def select_locale() -> str:
    """Babel's locale selector: the URL's language, then ?lang=, then the browser's, then the default."""
    default = str(current_app.config.get("CARREFOUR_DEFAULT_LOCALE", "fr"))
    if not has_request_context():
        # CLI commands may set g.locale (e.g. from --lang) to choose the language of their messages.
        return str(g.get("locale", default)) if has_app_context() else default
    view_lang = (request.view_args or {}).get("lang")
    if view_lang in LOCALES:
        return str(view_lang)
    asked = request.args.get("lang")
    if asked in LOCALES:
        return str(asked)
    return request.accept_languages.best_match(LOCALES) or default
