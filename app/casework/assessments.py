"""The assessment of a client (AHC HRSN and PRAPARE-style questions, app/data/assessment.yaml) and the need
profile it gives, edited before matching. A "yes" to being hurt or threatened raises the safety flag, shown at
once with the crisis lines; it is never a score. Thin over `app.core.casework.assessment`."""

from __future__ import annotations

import hashlib
from datetime import date
from types import ModuleType
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.casework.blueprint import blueprint, check_lang, works_in_a_team
from app.casework.clients import load_client
from app.casework.forms import ActionForm
from app.core.accounts import audit
from app.core.casework import clients as records
from app.core.casework import form_tokens
from app.core.casework.takeaway import help_lines
from app.core.models.casework import Assessment, Client
from app.core.taxonomy import core_terms, term_label
from app.web.access import requires
from app.web.extensions import db
from app.web.sessions import client_address

STALE = _l("This form is too old or was not opened here: the answers were not saved. Open the form again.")
URGENCY_LABELS = {
    "crisis": _l("Crisis (today)"),
    "high": _l("High (this week)"),
    "medium": _l("Medium"),
    "low": _l("Low"),
}
PERSON_LABELS = {"client": _l("The client"), "child": _l("A child of the client")}
IGNORED = ("csrf_token", "form_token")


def _form() -> ModuleType:
    """The assessment's domain module, loaded with the first assessment page: its YAML and pydantic models
    weigh some megabytes in every worker, which the public pages need not carry."""
    from app.core.casework import assessment

    return assessment


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _secret() -> str:
    return str(current_app.config["SECRET_KEY"])


def _form_page(
    lang: str,
    client: Client,
    *,
    token: str | None = None,
    chosen: dict[str, tuple[str, ...]] | None = None,
    problems: dict[str, str] | None = None,
    stale: bool = False,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "casework/assessment_form.html",
            lang=lang,
            client=client,
            questions=_form().questions(lang),
            form_token=token or form_tokens.issue(_secret(), client.id),
            chosen=chosen or {},
            problems=problems or {},
            stale=STALE if stale else None,
        ),
        status,
    )


@blueprint.get("/<lang>/casework/clients/<int:client_id>/assessment")
@requires(works_in_a_team)
def new_assessment(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _form_page(lang, load_client(client_id))


def _posted_choices() -> dict[str, tuple[str, ...]]:
    """What the form carried, to show it again with a problem (only known questions)."""
    return {key: tuple(request.form.getlist(key)) for key in request.form if key not in IGNORED}


@blueprint.post("/<lang>/casework/clients/<int:client_id>/assessment")
@requires(works_in_a_team)
def save_assessment(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)  # the CSRF token (the error page says so)
    token = request.form.get("form_token", "")
    if not form_tokens.valid(_secret(), client.id, token):
        return _form_page(lang, client, chosen=_posted_choices(), stale=True, status=400)
    digest = _digest(token)
    done = _made_by(digest, client)
    if done is not None:  # posted twice (a double click, a reload): the one assessment it made
        return redirect(
            url_for("casework.assessment", lang=lang, client_id=client.id, assessment_id=done.id), 303
        )
    try:
        answers = _form().read_answers(request.form, ignore=IGNORED)
    except _form().AssessmentError as error:
        return _form_page(
            lang,
            client,
            token=token,
            chosen=_posted_choices(),
            problems={error.field: error.message},
            status=400,
        )
    made = Assessment(
        client=client,
        author_id=current_user.id,
        answers=answers.as_dict(),
        profile=_form().profile_from_answers(answers, client, date.today()),
        safety_flag=_form().safety_flag(answers),
        form_token=digest,
    )
    db.session.add(made)
    try:
        db.session.flush()
    except IntegrityError:  # the same form at the same instant from a second tab: the first one won
        db.session.rollback()
        done = _made_by(digest, client)
        if done is None:
            raise
        return redirect(
            url_for("casework.assessment", lang=lang, client_id=client.id, assessment_id=done.id), 303
        )
    audit.record(
        db.session, current_user.account, "client.assessment", "client", client.id, team_id=client.team_id
    )
    db.session.commit()
    return redirect(
        url_for("casework.assessment", lang=lang, client_id=client.id, assessment_id=made.id), 303
    )


def _made_by(digest: str, client: Client) -> Assessment | None:
    return db.session.scalars(
        select(Assessment).where(Assessment.form_token == digest, Assessment.client_id == client.id)
    ).first()


def _assessment(client: Client, assessment_id: int) -> Assessment:
    found = next((a for a in client.assessments if a.id == assessment_id), None)
    if found is None:
        abort(404)
    return found


def _result_page(
    lang: str, client: Client, made: Assessment, problem: str | None = None, status: int = 200
) -> ResponseReturnValue:
    answers = _form().Answers({key: tuple(values) for key, values in made.answers.items()})
    needs_taxonomy = [term for term in core_terms() if term.taxonomy == "needs"]
    return (
        render_template(
            "casework/assessment.html",
            lang=lang,
            client=client,
            made=made,
            answered=_form().answered(answers, lang),
            lines=help_lines(db.session, lang) if made.safety_flag else [],
            need_label=lambda code: term_label("needs", code, lang),
            needs_choices=sorted(
                ((term.code, term.label(lang), term.parent) for term in needs_taxonomy),
                key=lambda choice: choice[1],
            ),
            urgencies=URGENCY_LABELS,
            persons=PERSON_LABELS,
            latest=client.assessments[0].id == made.id,
            action_form=ActionForm(),
            problem=problem,
        ),
        status,
    )


@blueprint.get("/<lang>/casework/clients/<int:client_id>/assessments/<int:assessment_id>")
@requires(works_in_a_team)
def assessment(lang: str, client_id: int, assessment_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    made = _assessment(client, assessment_id)
    records.record_view(db.session, current_user.account, client, client_address(), what="assessment")
    db.session.commit()
    return _result_page(lang, client, made)


def _edited(profile: dict[str, Any]) -> dict[str, Any]:
    action = request.form.get("action")
    category = request.form.get("category", "")
    urgency = request.form.get("urgency") or None
    person = request.form.get("person") or None
    note = request.form.get("note")
    if action == "add":
        return _form().add_need(profile, category, urgency=urgency, person=person, note=note)
    if action == "set":
        return _form().set_need(profile, category, urgency=urgency, person=person, note=note)
    if action == "drop":
        return _form().drop_need(profile, category)
    abort(400)


@blueprint.post("/<lang>/casework/clients/<int:client_id>/assessments/<int:assessment_id>/needs")
@requires(works_in_a_team)
def edit_needs(lang: str, client_id: int, assessment_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client = load_client(client_id)
    made = _assessment(client, assessment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        made.profile = _edited(dict(made.profile))
    except _form().AssessmentError as error:
        db.session.rollback()
        return _result_page(lang, client, made, problem=error.message, status=400)
    audit.record(
        db.session, current_user.account, "client.profile", "client", client.id, team_id=client.team_id
    )
    db.session.commit()
    return redirect(
        url_for(
            "casework.assessment", lang=lang, client_id=client.id, assessment_id=made.id, _anchor="needs"
        ),
        code=303,
    )
