"""The list a client takes away: the shortlist printed in the client's language (a page and a PDF), and sent
by e-mail when the client chose e-mail, the sending recorded in the audit log (never the address)."""

from __future__ import annotations

from datetime import datetime

from flask import abort, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.casework.blueprint import blueprint, check_lang, works_in_a_team
from app.casework.clients import load_client
from app.casework.forms import ActionForm
from app.casework.takeaway_view import distance_text, render_takeaway, takeaway_pdf
from app.core.accounts import audit
from app.core.casework import clients as records
from app.core.casework import shortlist as lists
from app.core.casework.takeaway import HelpLine, TakeawayEntry, help_lines, takeaway_entries
from app.core.mail import Attachment, Mail
from app.core.models.casework import Client
from app.web.access import requires
from app.web.extensions import db
from app.web.mailer import deliver, mail_configured
from app.web.sessions import client_address


def _entries(client: Client) -> tuple[list[TakeawayEntry], list[HelpLine], str]:
    locale = client.preferred_language if client.preferred_language in ("fr", "en") else "fr"
    ids = [item.service_id for item in lists.ordered(client)]
    return takeaway_entries(db.session, ids, locale), help_lines(db.session, locale), locale


def _title(client: Client, locale: str) -> str:
    with force_locale(locale):
        return _("Services for %(name)s", name=client.display_name)


@blueprint.get("/<lang>/casework/clients/<int:client_id>/list")
@requires(works_in_a_team)
def takeaway(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    records.record_view(db.session, current_user.account, client, client_address(), what="list")
    db.session.commit()
    entries, lines, locale = _entries(client)
    return render_takeaway(
        entries,
        lines,
        locale,
        title=_title(client, locale),
        back_url=url_for("casework.suggestions", lang=lang, client_id=client.id),
        pdf_url=url_for("casework.takeaway_file", lang=lang, client_id=client.id),
    )


@blueprint.get("/<lang>/casework/clients/<int:client_id>/list.pdf")
@requires(works_in_a_team)
def takeaway_file(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    records.record_view(db.session, current_user.account, client, client_address(), what="list.pdf")
    db.session.commit()
    entries, lines, locale = _entries(client)
    pdf = takeaway_pdf(entries, lines, locale, title=_title(client, locale))
    return (
        pdf,
        200,
        {
            "Content-Type": "application/pdf",
            "Content-Disposition": f'inline; filename="{_filename(locale)}"',
            "Cache-Control": "no-store",  # a client's list: never kept by a shared cache
        },
    )


def _filename(locale: str) -> str:
    return "services.pdf" if locale == "en" else "ressources.pdf"


def plain_text(entries: list[TakeawayEntry], lines: list[HelpLine], locale: str, title: str) -> str:
    """The list as the text part of the e-mail (a reader with no HTML still has everything)."""
    with force_locale(locale):
        parts = [title, ""]
        for number, entry in enumerate(entries, start=1):
            by = f" ({entry.organization})" if entry.organization else ""
            parts.append(f"{number}. {entry.name}{by}")
            parts.append(f"   {entry.next_step_text}")
            for hours in entry.hours:
                parts.append(f"   {hours}")
            if entry.address:
                distance = distance_text(entry.distance_km, locale)
                parts.append(f"   {entry.address}" + (f" ({distance} km)" if distance else ""))
            if entry.phone:
                parts.append(f"   {_('Phone')}: {entry.phone.shown}")
            if entry.documents:
                parts.append(f"   {_('Bring')}: " + ", ".join(str(d) for d in entry.documents))
            if entry.website:
                parts.append(f"   {entry.website}")
            parts.append("")
        parts.append(_("Always available:"))
        for line in lines:
            parts.append(f"- {line.name}: {line.phone.shown} · {line.note}")
        return "\n".join(parts) + "\n"


@blueprint.post("/<lang>/casework/clients/<int:client_id>/list/email")
@requires(works_in_a_team)
def email_list(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if client.contact_preference != "email" or not client.contact:
        outcome = "not-chosen"
    elif not mail_configured():
        outcome = "not-configured"
    else:
        entries, lines, locale = _entries(client)
        title = _title(client, locale)
        with force_locale(locale):
            subject = _("Your list of services")
        mail = Mail(
            to=client.contact,
            subject=subject,
            text=plain_text(entries, lines, locale, title),
            html=render_takeaway(entries, lines, locale, title=title),
            locale=locale,
            attachments=(Attachment(_filename(locale), takeaway_pdf(entries, lines, locale, title=title)),),
        )
        sent = deliver(mail, "client list")
        outcome = "sent" if sent else "failed"
        if sent:
            audit.record(
                db.session,
                current_user.account,
                "client.list_sent",
                "client",
                client.id,
                address=client_address(),
                team_id=client.team_id,
                detail={"services": len(entries), "locale": locale, "at": datetime.now().isoformat()},
            )
            db.session.commit()
    return redirect(
        url_for("casework.suggestions", lang=lang, client_id=client.id, sent=outcome, _anchor="shortlist"),
        code=303,
    )
