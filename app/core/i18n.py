"""Bilingual text and translated messages, for every layer (no Flask here).

A translatable field is a `{locale: text}` mapping. Reading it in one locale falls back to the other and
says so, so a page can mark text shown in the language it exists in.

Messages (`gettext`, `lazy_gettext`, `force_locale`) go through a `Translator`. The core knows none but the
untranslated one; the web layer installs one over Flask-Babel when it builds the application, so the
importers, the indexer and the matcher speak the page's or the command's language without importing Flask.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from babel.support import NullTranslations

from app.core.hours import DAYS
from app.core.paths import TRANSLATIONS_DIR

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
    """The terminal's language (LC_ALL, LC_MESSAGES, LANG) when it is French or English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value[:2].lower()
            return code if code in LOCALES else None
    return None


@lru_cache(maxsize=4)
def _source_catalogue(locale: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    try:
        with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
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


_DAY_NAMES = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def day_name(code: str, locale: str) -> str:
    return _DAY_NAMES.get(locale, _DAY_NAMES["en"])[DAYS.index(code)]


@lru_cache(maxsize=1024)  # looked up for every card and suggestion; langcodes is slow at it
def language_name(code: str, locale: str) -> str:
    """A language's name in the page's language ("arabe", "Arabic"); the code when unknown."""
    try:
        import langcodes

        name = langcodes.Language.get(code).display_name(locale)
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if locale == "en" else name


class Translator(Protocol):
    def translations(self) -> NullTranslations: ...

    def locale(self) -> str | None: ...

    def forced(self, locale: str) -> AbstractContextManager[None]: ...


class Untranslated:
    """No catalogue: messages are said as written (English), outside any application."""

    def translations(self) -> NullTranslations:
        return _NULL

    def locale(self) -> str | None:
        return None

    @contextmanager
    def forced(self, locale: str) -> Iterator[None]:
        yield


_NULL = NullTranslations()
_translator: Translator = Untranslated()


def install_translator(translator: Translator) -> None:
    """Called once by the web layer when it builds the application."""
    global _translator
    _translator = translator


def gettext(message: str, **variables: Any) -> str:
    text = _translator.translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return _translator.translations().ungettext(singular, plural, num) % variables


def current_locale() -> str | None:
    """The locale messages are said in now (the page's, the command's, or one forced for a while)."""
    return _translator.locale()


def force_locale(locale: str) -> AbstractContextManager[None]:
    """Say messages in `locale` for a while (an answer asked in another language than the page's)."""
    return _translator.forced(locale)


class LazyText:
    """A message translated when it is turned into text, in the locale of that moment (module constants)."""

    __slots__ = ("_message", "_variables")

    def __init__(self, message: str, variables: dict[str, Any]) -> None:
        self._message = message
        self._variables = variables

    @property
    def message(self) -> str:
        return self._message

    def __str__(self) -> str:
        return gettext(self._message, **self._variables)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __repr__(self) -> str:
        return f"LazyText({self._message!r})"

    def __mod__(self, other: Any) -> str:
        return str(self) % other

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, LazyText) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def __getattr__(self, name: str) -> Any:  # upper(), format(), split(), ... as on the text
        return getattr(str(self), name)


def lazy_gettext(message: str, **variables: Any) -> LazyText:
    return LazyText(message, variables)
