"""Resource sheets for outreach: no client, a few needs near a place, on one printed page in French, in
English or in both side by side. The request is read by `app.core.casework.sheets`; the services are the
search service's nearest of each need; each is printed as the take-away list prints it.

Plain GET forms (nothing is written): the sheet's address is the form's answer, to bookmark or share with
a colleague, and the form works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.casework.blueprint import MENU, blueprint, check_lang, works_in_a_team
from app.casework.takeaway_view import entry_html, help_lines_html, printed_on, screen_links
from app.core.casework.sheets import (
    MAX_NEEDS,
    RADIUS_KM,
    SheetRequest,
    boroughs,
    read_sheet_request,
)
from app.core.casework.takeaway import HelpLine, TakeawayEntry, help_lines, takeaway_entries
from app.core.i18n import current_locale
from app.core.taxonomy import core_terms, term_label
from app.web.access import requires
from app.web.extensions import db
from app.web.pdf import render_pdf_fitting
from app.web.search import search_service
from indexer.query import SearchQuery

MENU.append(("casework.sheets", _l("Outreach sheets")))

# Versions of the printed sheet, fullest first: the PDF is the first that holds on one page.
COMPACT_LEVELS = (0, 1, 2, 3)


@dataclass(slots=True)
class Found:
    """The services found for one need, nearest first: (service id, place id, distance)."""

    need: str
    hits: list[tuple[str, str | None, float | None]] = field(default_factory=list)


def _request(lang: str) -> SheetRequest:
    return read_sheet_request(
        db.session,
        needs=request.args.getlist("need"),
        postal_code=request.args.get("postal_code", ""),
        borough_code=request.args.get("borough", ""),
        language=request.args.get("language", ""),
        default_language=lang,
    )


def _families() -> list[tuple[str, list[str]]]:
    """The needs of the core taxonomy as the form shows them: each family, then its children."""
    needs = [t for t in core_terms() if t.taxonomy == "needs"]
    return [(f.code, [c.code for c in needs if c.parent == f.code]) for f in needs if f.parent is None]


def _form(lang: str, sheet: SheetRequest | None, status: int = 200) -> ResponseReturnValue:
    chosen = boroughs()
    return (
        render_template(
            "casework/sheets.html",
            lang=lang,
            sheet=sheet,
            problems=sheet.problems if sheet else {},
            families=_families(),
            need_label=lambda code: term_label("needs", code, lang),
            boroughs=[b for b in chosen if b.kind == "borough"],
            linked_cities=[b for b in chosen if b.kind != "borough"],
            max_needs=MAX_NEEDS,
        ),
        status,
    )


@blueprint.get("/<lang>/casework/sheets")
@requires(works_in_a_team)
def sheets(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    return _form(lang, None)


def find_services(sheet: SheetRequest) -> list[Found]:
    """Each need's nearest services within the sheet's radius, in person only, `per_need` of them; a service
    already printed under an earlier need is not printed again (the page is short)."""
    assert sheet.place is not None
    service = search_service()
    printed: set[str] = set()
    found = []
    for need in sheet.needs:
        query = SearchQuery(
            lang=sheet.languages[0],
            lat=sheet.place.lat,
            lon=sheet.place.lon,
            radius_km=RADIUS_KM,
            categories=[need],
            sort="distance",
            include_remote=False,
            page_size=sheet.per_need * 4 + len(printed),  # room for places of one service, and repeats
            facets=False,
        )
        this_need = Found(need)
        for hit in service.search(query).hits:
            if hit.service_id in printed:
                continue
            printed.add(hit.service_id)
            this_need.hits.append((hit.service_id, hit.service_at_location_id, hit.distance_km))
            if len(this_need.hits) >= sheet.per_need:
                break
        found.append(this_need)
    return found


@dataclass(slots=True)
class Column:
    """The sheet's words in one language."""

    lang: str
    title: str
    subtitle: str
    entries: dict[str, TakeawayEntry]
    lines: list[HelpLine]


def _columns(sheet: SheetRequest, found: Sequence[Found]) -> list[Column]:
    assert sheet.place is not None
    ids = [sid for need in found for sid, _sal, _km in need.hits]
    places = {sid: sal for need in found for sid, sal, _km in need.hits}
    distances = {sid: km for need in found for sid, _sal, km in need.hits}
    columns = []
    for locale in sheet.languages:
        entries = {e.service_id: e for e in takeaway_entries(db.session, ids, locale, places=places)}
        for entry in entries.values():
            entry.distance_km = distances.get(entry.service_id)
        with force_locale(locale):
            title = _("Services near %(place)s", place=sheet.place.label)
            subtitle = " ".join(
                (
                    _("Printed on %(date)s.", date=printed_on(locale)),
                    _("Nearest first, within %(km)d km.", km=int(RADIUS_KM)),
                    _("Hours and rules change: call before you go when you can."),
                )
            )
        columns.append(Column(locale, title, subtitle, entries, help_lines(db.session, locale)))
    return columns


def _sheet_html(found: Sequence[Found], columns: Sequence[Column], *, compact: int, on_screen: bool) -> str:
    rows = []
    for need in found:
        services = [
            [entry_html(c.entries[sid], c.lang, heading="h3", compact=compact) for c in columns]
            for sid, _sal, _km in need.hits
            if all(sid in c.entries for c in columns)
        ]
        headings = [term_label("needs", need.need, c.lang) for c in columns]
        rows.append({"headings": headings, "services": services, "none": [_none(c.lang) for c in columns]})
    helps = [help_lines_html(c.lines, c.lang, heading="h3") for c in columns]
    links: list[tuple[str, str]] = []
    if on_screen:
        lang, args = (request.view_args or {})["lang"], request.args.to_dict(flat=False)
        links = screen_links(
            url_for("casework.sheets", lang=lang, **args), url_for("casework.sheet_pdf", lang=lang, **args)
        )
    interface = current_locale() or columns[0].lang
    return render_template(
        "casework/sheet.html",
        page_lang=columns[0].lang if len(columns) == 1 else interface,
        title=" / ".join(c.title for c in columns),
        columns=columns,
        rows=rows,
        helps=helps,
        compact=compact,
        screen_links=links,
        screen_lang=interface,
        both=len(columns) > 1,
    )


def _none(locale: str) -> str:
    with force_locale(locale):
        return _("No service of this kind in the directory within %(km)d km.", km=int(RADIUS_KM))


@blueprint.get("/<lang>/casework/sheets/sheet")
@requires(works_in_a_team)
def sheet(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    chosen = _request(lang)
    if chosen.problems or chosen.place is None:
        return _form(lang, chosen, 400)
    found = find_services(chosen)
    return _sheet_html(found, _columns(chosen, found), compact=0, on_screen=True)


@blueprint.get("/<lang>/casework/sheets/sheet.pdf")
@requires(works_in_a_team)
def sheet_pdf(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    chosen = _request(lang)
    if chosen.problems or chosen.place is None:
        return _form(lang, chosen, 400)
    found = find_services(chosen)
    columns = _columns(chosen, found)
    pdf = render_pdf_fitting(
        (_sheet_html(found, columns, compact=level, on_screen=False) for level in COMPACT_LEVELS),
        request.url_root,
    )
    filename = "carrefour-sheet.pdf" if chosen.language == "en" else "carrefour-fiche.pdf"
    return (
        pdf,
        200,
        {
            "Content-Type": "application/pdf",
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, max-age=0",
        },
    )
