"""Anyone can suggest an edit to a service's listing: a short form on the service page (CSRF-protected,
rate-limited per address). The suggestion lands in staff's review queue; nothing the public sends is
published without review. Nothing personal is asked."""

from __future__ import annotations

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from app.agency.blueprint import blueprint, check_lang
from app.agency.editing import ActionForm
from app.core.agency.proposals import propose
from app.core.models import Service
from app.core.models.agency import PUBLIC_ORIGIN
from app.core.service_ids import resolve_service_ids
from app.web.extensions import db, limiter

SUGGEST_LIMIT = "5 per hour"
TOPICS = {
    "hours": _l("Opening hours"),
    "contacts": _l("Address, phone or e-mail"),
    "eligibility": _l("Who is eligible, fees, documents"),
    "closed": _l("The service has closed"),
    "other": _l("Something else"),
}


@blueprint.route("/<lang>/services/<service_id>/suggest", methods=["GET", "POST"])
@limiter.limit(SUGGEST_LIMIT, methods=["POST"])
def suggest_edit(lang: str, service_id: str) -> ResponseReturnValue:
    check_lang(lang)
    found = resolve_service_ids(db.session, [service_id]).get(service_id)
    service = db.session.get(Service, found) if found else None
    if service is None:
        abort(404)
    form = ActionForm()
    problems: dict[str, object] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        topic = request.form.get("topic") or ""
        message = (request.form.get("message") or "").strip()
        if topic not in TOPICS:
            problems["topic"] = _l("Choose what is wrong.")
        if len(message) < 5:
            problems["message"] = _l("Say what should change, in a few words.")
        elif len(message) > 2000:
            problems["message"] = _l("Keep it under 2000 characters.")
        if not problems:
            suggestion = propose(
                db.session,
                service.organization_id,
                [],
                author=None,
                origin=PUBLIC_ORIGIN,
                title=f"suggestion:{topic}",
                message=message,
            )
            suggestion.subject_type, suggestion.subject_id = "service", service.id
            db.session.commit()
            return render_template("agency/suggest_sent.html", lang=lang, service=service)
    return (
        render_template(
            "agency/suggest.html",
            lang=lang,
            service=service,
            form=form,
            topics=TOPICS,
            problems=problems,
            values=request.form,
        ),
        400 if problems else 200,
    )
