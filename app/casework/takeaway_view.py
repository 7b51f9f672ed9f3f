"""The take-away list as a printable page and as a PDF, in the client's language whatever the caseworker's
interface language; and the pieces the outreach sheet prints the same way (one service, the help lines).

The client pages call `render_takeaway` and `takeaway_pdf` with the entries and lines of
`app.core.casework.takeaway`; nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from flask import render_template, request
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from markupsafe import Markup

from app.core.casework.takeaway import HelpLine, TakeawayEntry
from app.core.hours import local_now
from app.core.i18n import current_locale
from app.web.pdf import render_pdf


@dataclass(frozen=True, slots=True)
class Website:
    shown: str  # as printed: without the scheme, "www." kept
    link: str | None  # only http(s) addresses are links


def website(url: str | None) -> Website | None:
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return Website(shown=url, link=None)  # printed as written, never a link (javascript:, mailto:...)
    query = f"?{parts.query}" if parts.query else ""
    return Website(shown=parts.netloc + parts.path.rstrip("/") + query, link=url)


def distance_text(distance_km: float | None, locale: str) -> str | None:
    """ "1,2" in French, "1.2" in English; under 100 m as 0.1."""
    if distance_km is None:
        return None
    return str(format_decimal(max(round(distance_km, 1), 0.1), format="#,##0.0", locale=locale))


def entry_html(entry: TakeawayEntry, locale: str, *, heading: str = "h2", compact: int = 0) -> Markup:
    """One service as the list and the sheet print it, its labels in `locale`."""
    with force_locale(locale):
        return Markup(
            render_template(
                "casework/_takeaway_entry.html",
                entry=entry,
                website=website(entry.website),
                distance=distance_text(entry.distance_km, locale),
                heading=heading,
                compact=compact,
                lang=locale,
            )
        )


def help_lines_html(lines: Sequence[HelpLine], locale: str, *, heading: str = "h2") -> Markup:
    with force_locale(locale):
        return Markup(render_template("casework/_help_lines.html", lines=lines, heading=heading, lang=locale))


def printed_on(locale: str) -> str:
    """Today's date as people write it in `locale` ("2 décembre 2026", "December 2, 2026")."""
    with force_locale(locale):
        return str(format_date(local_now().date(), format="long"))


def screen_links(back_url: str | None, pdf_url: str | None) -> list[tuple[str, str]]:
    """The links a caseworker sees on screen (never printed), in the interface language."""
    links = []
    if back_url:
        links.append((_("Back"), back_url))
    if pdf_url:
        links.append((_("Download the PDF"), pdf_url))
    return links


def render_takeaway(
    entries: Sequence[TakeawayEntry],
    lines: Sequence[HelpLine],
    locale: str,
    *,
    title: str,
    back_url: str | None = None,
    pdf_url: str | None = None,
) -> str:
    """The printable page of a take-away list, wholly in `locale` (the client's language). `title` is
    printed as given (say it in the client's language); empty, a default title in that language.
    `back_url` and `pdf_url` add on-screen links, in the interface language, that printing hides."""
    links = screen_links(back_url, pdf_url)
    interface = current_locale() or locale
    with force_locale(locale):
        return render_template(
            "casework/takeaway.html",
            lang=locale,
            title=title or _("Services for you"),
            entries=[entry_html(entry, locale) for entry in entries],
            help=help_lines_html(lines, locale),
            printed_on=printed_on(locale),
            screen_links=links,
            screen_lang=interface,
        )


def takeaway_pdf(
    entries: Sequence[TakeawayEntry], lines: Sequence[HelpLine], locale: str, *, title: str
) -> bytes:
    """The same list as a PDF (letter size, as many pages as it takes). Needs a request (its root URL is
    where the page's stylesheet is read from, on disk)."""
    return render_pdf(render_takeaway(entries, lines, locale, title=title), request.url_root)
