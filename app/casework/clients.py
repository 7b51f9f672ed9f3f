"""The caseload and a client's record: create (with the duplicate check), open (an audit event each time),
notes, interactions, the plan, and an admin's logged break-glass. Thin over `app.core.casework.clients`."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import Field

from app.casework.blueprint import blueprint, check_lang, works_in_a_team
from app.casework.forms import (
    ActionForm,
    BreakGlassForm,
    ClientForm,
    GoalForm,
    InteractionForm,
    NoteForm,
    ReviewForm,
)
from app.core.casework import clients as domain
from app.core.casework.clients import CaseworkError, ClientFields, ClientNotFound
from app.core.models.accounts import Team
from app.core.models.casework import Client
from app.core.models.referrals import Referral
from app.core.referrals.status import STATUSES
from app.web.access import is_admin, requires
from app.web.extensions import db
from app.web.sessions import client_address

CLOSED = _l(
    "The file is closed: it is no longer in the caseload and will be deleted when its retention period ends."
)
BREAK_GLASS_SECONDS = 3600  # an admin's access to one record lasts an hour, then is asked again

PROBLEMS = {
    "name_needed": _l("Enter a name or initials."),
    "too_long": _l("This is too long: %(most)d characters at most."),
    "bad_birth_date": _l("This birth date is not possible."),
    "year_and_date_differ": _l("The birth year and the birth date do not agree."),
    "bad_birth_year": _l("This birth year is not possible."),
    "bad_language": _l("Write language codes of two or three letters, separated by commas (fr, en, es)."),
    "bad_choice": _l("Choose one of the options."),
    "contact_needed": _l("Enter the e-mail or phone number, or choose “do not contact”."),
    "bad_email": _l("Enter a valid e-mail address."),
    "bad_phone": _l("Enter a phone number (at least 7 digits)."),
    "bad_postal_code": _l("Write a postal code like H2X 1Y4, or its first three characters."),
    "note_needed": _l("Write the note."),
    "in_the_future": _l("This date is in the future."),
    "in_the_past": _l("This date has passed."),
    "review_too_far": _l("A plan is reviewed at least once a year: choose a date within 12 months."),
    "goal_needed": _l("Write the goal."),
    "reason_needed": _l("Say why, in a sentence."),
}


def _today() -> date:
    return date.today()


def _show_problem(form: Any, error: CaseworkError) -> None:
    target: Field | None = getattr(form, error.field, None)
    message = str(PROBLEMS.get(error.code, error.code))
    if target is not None:
        target.errors = [*target.errors, message % error.params if error.params else message]


def _team_choices(form: ClientForm) -> None:
    teams = db.session.scalars(select(Team).where(Team.id.in_(current_user.powers.teams)).order_by(Team.name))
    form.team.choices = [(team.id, team.name) for team in teams]
    if len(form.team.choices) == 1 and not form.team.raw_data:
        form.team.data = form.team.choices[0][0]  # one team: nothing to choose


def _fields(form: ClientForm) -> ClientFields:
    return ClientFields(
        display_name=form.display_name.data or "",
        birth_year=form.birth_year.data,
        birth_date=form.birth_date.data,
        preferred_language=form.preferred_language.data or "fr",
        languages=[part for part in (form.languages.data or "").replace(";", ",").split(",")],
        contact_preference=form.contact_preference.data or "none",
        contact=form.contact.data,
        postal_code=form.postal_code.data,
    )


def _granted(client_id: int) -> bool:
    """An admin's break-glass for this record, still fresh (kept in the signed session cookie)."""
    grants: dict[str, float] = session.get("break_glass", {})
    return grants.get(str(client_id), 0) > time.time()


def load_client(client_id: int, *, for_reading: bool = False) -> Client:
    """The client this person may work with (404 otherwise: another team's is not said to exist); an admin
    reads one only after the break-glass, never changes it."""
    powers = current_user.powers
    try:
        return domain.get_client(
            db.session, powers, client_id, break_glass=for_reading and powers.admin and _granted(client_id)
        )
    except ClientNotFound:
        abort(404)


@blueprint.get("/<lang>/casework/")
@requires(works_in_a_team)
def caseload(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    query = (request.args.get("q") or "").strip()[:80]
    rows = domain.caseload(db.session, current_user.powers.teams, query, _today())
    return render_template("casework/caseload.html", lang=lang, rows=rows, query=query, today=_today())


@blueprint.route("/<lang>/casework/clients/new", methods=["GET", "POST"])
@requires(works_in_a_team)
def new_client(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    form = ClientForm()
    _team_choices(form)
    if request.method == "GET":
        form.preferred_language.data = lang
        return render_template("casework/client_form.html", lang=lang, form=form, duplicates=[])
    duplicates: list[Client] = []
    if form.validate_on_submit():
        try:
            fields = domain.check_fields(_fields(form), _today())
            duplicates = (
                []
                if form.different_person.data
                else domain.possible_duplicates(db.session, current_user.powers.teams, fields)
            )
            if not duplicates:
                client = domain.create_client(
                    db.session, current_user.account, form.team.data, fields, client_address()
                )
                db.session.commit()
                return redirect(url_for("casework.client", lang=lang, client_id=client.id), code=303)
        except CaseworkError as error:
            db.session.rollback()
            _show_problem(form, error)
    return render_template("casework/client_form.html", lang=lang, form=form, duplicates=duplicates), 400


@blueprint.get("/<lang>/casework/clients/<int:client_id>")
@requires(lambda powers: works_in_a_team(powers) or powers.admin)
def client(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    powers = current_user.powers
    if powers.admin and not works_in_a_team(powers) and not _granted(client_id):
        if db.session.get(Client, client_id) is None:
            abort(404)
        return render_template(
            "casework/break_glass.html", lang=lang, client_id=client_id, form=BreakGlassForm()
        ), 403
    found = load_client(client_id, for_reading=True)
    domain.record_view(db.session, current_user.account, found, client_address())
    db.session.commit()
    return _record_page(lang, found)


def _record_page(lang: str, found: Client, status: int = 200, **forms: Any) -> ResponseReturnValue:
    defaults: dict[str, Any] = {
        "note_form": NoteForm(formdata=None),
        "interaction_form": InteractionForm(formdata=None, on=_today()),
        "review_form": ReviewForm(formdata=None, review_on=found.plan.review_on if found.plan else None),
        "goal_form": GoalForm(formdata=None),
    }
    defaults.update(forms)
    return (
        render_template(
            "casework/client.html",
            lang=lang,
            client=found,
            notes=domain.visible_notes(found, current_user.id),
            review=domain.review_state(found, _today()),
            read_only=not current_user.powers.works_in(found.team_id),
            referrals=db.session.scalars(
                select(Referral).where(Referral.client_id == found.id).order_by(Referral.id.desc())
            ).all(),
            statuses=STATUSES,
            action_form=ActionForm(),
            today=_today(),
            **defaults,
        ),
        status,
    )


def _after(lang: str, found: Client, anchor: str) -> ResponseReturnValue:
    return redirect(url_for("casework.client", lang=lang, client_id=found.id, _anchor=anchor), code=303)


def _record_form(
    lang: str, client_id: int, form: Any, key: str, anchor: str, save: Callable[[Client, Any], object]
) -> ResponseReturnValue:
    """A form of the record posted: saved and back to its section, or the record again (400) with the
    problem at its field, nothing half-saved."""
    found = load_client(client_id)
    if form.validate_on_submit():
        try:
            save(found, form)
            db.session.commit()
            return _after(lang, found, anchor)
        except CaseworkError as error:
            db.session.rollback()
            _show_problem(form, error)
    return _record_page(lang, found, 400, **{key: form})


@blueprint.post("/<lang>/casework/clients/<int:client_id>/notes")
@requires(works_in_a_team)
def add_note(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _record_form(
        lang,
        client_id,
        NoteForm(),
        "note_form",
        "notes",
        lambda found, form: domain.add_note(
            db.session, current_user.account, found, form.body.data or "", form.shared.data
        ),
    )


@blueprint.post("/<lang>/casework/clients/<int:client_id>/interactions")
@requires(works_in_a_team)
def add_interaction(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _record_form(
        lang,
        client_id,
        InteractionForm(),
        "interaction_form",
        "interactions",
        lambda found, form: domain.add_interaction(
            db.session,
            current_user.account,
            found,
            form.on.data,
            form.kind.data or "",
            form.note.data,
            _today(),
        ),
    )


@blueprint.post("/<lang>/casework/clients/<int:client_id>/plan")
@requires(works_in_a_team)
def set_review(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _record_form(
        lang,
        client_id,
        ReviewForm(),
        "review_form",
        "plan",
        lambda found, form: domain.set_review(
            db.session, current_user.account, found, form.review_on.data, _today()
        ),
    )


@blueprint.post("/<lang>/casework/clients/<int:client_id>/goals")
@requires(works_in_a_team)
def add_goal(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    return _record_form(
        lang,
        client_id,
        GoalForm(),
        "goal_form",
        "plan",
        lambda found, form: domain.add_goal(
            db.session,
            current_user.account,
            found,
            form.goal.data or "",
            form.owner.data or "",
            form.due_on.data,
        ),
    )


@blueprint.post("/<lang>/casework/clients/<int:client_id>/goals/<int:goal_id>")
@requires(works_in_a_team)
def mark_goal(lang: str, client_id: int, goal_id: int) -> ResponseReturnValue:
    check_lang(lang)
    found = load_client(client_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        domain.set_goal_done(
            db.session, current_user.account, found, goal_id, request.form.get("done") == "1"
        )
    except ClientNotFound:
        abort(404)
    db.session.commit()
    return _after(lang, found, "plan")


@blueprint.post("/<lang>/casework/clients/<int:client_id>/break-glass")
@requires(is_admin)
def break_glass(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    found = db.session.get(Client, client_id)
    if found is None or found.closed_at is not None:
        abort(404)
    form = BreakGlassForm()
    if form.validate_on_submit():
        try:
            domain.break_glass(
                db.session, current_user.account, found, form.reason.data or "", client_address()
            )
            db.session.commit()
            grants = {
                key: until for key, until in session.get("break_glass", {}).items() if until > time.time()
            }
            grants[str(client_id)] = time.time() + BREAK_GLASS_SECONDS
            session["break_glass"] = grants
            return redirect(url_for("casework.client", lang=lang, client_id=client_id), code=303)
        except CaseworkError as error:
            db.session.rollback()
            _show_problem(form, error)
    return render_template("casework/break_glass.html", lang=lang, client_id=client_id, form=form), 400


@blueprint.post("/<lang>/casework/clients/<int:client_id>/close")
@requires(works_in_a_team)
def close_client(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    found = load_client(client_id)
    if not ActionForm().validate_on_submit() or request.form.get("confirm") != "yes":
        abort(400)
    domain.close_client(db.session, current_user.account, found, client_address())
    db.session.commit()
    flash(CLOSED)
    return redirect(url_for("casework.caseload", lang=lang), code=303)
