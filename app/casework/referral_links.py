"""The pages an agency or a client reaches from an e-mailed link, without signing in: see the referral (only
what the consent lists), then answer in one click and a short form. A GET never changes anything (mail
scanners open links); the answer is a POST, and the link is spent with it."""

from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from app.casework.blueprint import blueprint, check_lang
from app.casework.forms import ActionForm
from app.casework.referral_mail import shared_facts
from app.core.hours import LOCAL
from app.core.i18n import text_of
from app.core.models import Service
from app.core.models.casework import Client
from app.core.models.referrals import Referral
from app.core.referrals import links
from app.core.referrals.referrals import CHECK_IN_ANSWERS, agency_answer, record_check_in
from app.core.referrals.status import OUTCOMES, OUTCOMES_OF, STATUSES, TransitionError
from app.web.extensions import db

REFUSED = {
    "tampered": (
        400,
        _l("This link is not valid: it may have been cut when copied. Use the link in the e-mail."),
    ),
    "expired": (410, _l("This link has expired. The caseworker can send the referral again.")),
    "used": (410, _l("This link was already used: the answer is recorded.")),
    "withdrawn": (410, _l("The person withdrew their consent: this referral can no longer be seen here.")),
    "unknown": (404, _l("This referral no longer exists.")),
}
CHECK_IN_LABELS = {
    "got-help": _l("Yes, I got help"),
    "not-yet": _l("Not yet"),
    "no-help": _l("No, I could not get help"),
}
OUTCOME_STATUSES = ("in-progress", "on-hold", "completed", "failed")


def _now() -> datetime:
    return datetime.now(LOCAL)


def _open(lang: str, purpose: str, token: str) -> tuple[Referral, links.LinkClaim] | ResponseReturnValue:
    """The referral a link may act on, or the page that says why it may not."""
    check_lang(lang)
    if purpose not in links.PURPOSES:
        abort(404)
    try:
        return links.open_link(
            db.session, str(current_app.config["SECRET_KEY"]), token, purpose, _now().date()
        )
    except links.LinkRefused as refused:
        status, message = REFUSED[refused.code]
        return render_template("casework/referral_link_refused.html", lang=_lang(), message=message), status


def _lang() -> str:
    return str((request.view_args or {}).get("lang", "fr"))


def _page(
    referral: Referral, purpose: str, token: str, problem: str | None = None, status: int = 200
) -> ResponseReturnValue:
    lang = _lang()
    client = db.session.get(Client, referral.client_id)
    service = db.session.get(Service, referral.service_id)
    if client is None or service is None:
        abort(404)
    facts = [] if purpose == "check-in" else shared_facts(referral, client, lang, _now().date())
    return (
        render_template(
            "casework/referral_link.html",
            lang=lang,
            purpose=purpose,
            token=token,
            referral=referral,
            service_name=text_of(service.name, lang),
            facts=facts,
            status_label=STATUSES[referral.status],
            decline_reasons=[(code, OUTCOMES[code]) for code in sorted(OUTCOMES_OF["rejected"])],
            outcome_statuses=[(code, STATUSES[code]) for code in OUTCOME_STATUSES],
            outcomes=[(code, OUTCOMES[code]) for code in OUTCOMES],
            check_in=[(code, CHECK_IN_LABELS[code]) for code in CHECK_IN_ANSWERS],
            form=ActionForm(),
            problem=problem,
        ),
        status,
    )


@blueprint.get("/<lang>/referral/<purpose>/<token>")
def referral_link(lang: str, purpose: str, token: str) -> ResponseReturnValue:
    opened = _open(lang, purpose, token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], Referral):
        return opened
    return _page(opened[0], purpose, token)


@blueprint.post("/<lang>/referral/<purpose>/<token>")
def answer_link(lang: str, purpose: str, token: str) -> ResponseReturnValue:
    opened = _open(lang, purpose, token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], Referral):
        return opened
    referral, claim = opened
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if purpose == "accept":
            agency_answer(db.session, referral, "accepted", now=_now())
        elif purpose == "decline":
            agency_answer(
                db.session, referral, "rejected", now=_now(), outcome=request.form.get("outcome") or None
            )
        elif purpose == "outcome":
            target = request.form.get("status", "")
            outcome = request.form.get("outcome") or None
            agency_answer(
                db.session,
                referral,
                target,
                now=_now(),
                outcome=outcome if target in ("completed", "failed") else None,
            )
        else:
            record_check_in(db.session, referral, request.form.get("answer", ""), now=_now())
        links.spend(db.session, claim)
    except TransitionError as error:
        db.session.rollback()
        return _page(db.session.get(Referral, referral.id) or referral, purpose, token, error.message, 400)
    except ValueError:  # an answer that is not one of the choices
        db.session.rollback()
        return _page(
            db.session.get(Referral, referral.id) or referral, purpose, token, str(ANSWER_NEEDED), 400
        )
    db.session.commit()
    return render_template(
        "casework/referral_link_done.html", lang=lang, status_label=STATUSES[referral.status], purpose=purpose
    )


ANSWER_NEEDED = _l("Choose one of the answers.")
