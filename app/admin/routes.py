"""The directory administrators' pages: the accounts (add, disable, a new password link) and the audit log.
Thin over `app.core.accounts`; every page is for admins only (`requires(is_admin)`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.admin.forms import ActionForm, AddUserForm
from app.core.accounts import audit
from app.core.accounts.users import (
    INVITE,
    RESET,
    AccountError,
    add_user,
    disable_user,
    find_user,
    list_users,
)
from app.core.i18n import LOCALES
from app.core.models.accounts import AGENCY, TEAM_ROLES, UserAccount
from app.web.access import is_admin, requires
from app.web.extensions import db
from app.web.invitations import SentLink, send_password_link
from app.web.sessions import client_address

blueprint = Blueprint("admin", __name__)

PER_PAGE = 50

# Which field each refusal of the domain is about, and what to say there.
ADD_PROBLEMS = {
    "bad_email": ("email", _l("Enter a valid e-mail address.")),
    "bad_team": ("team", _l("Enter the team's name.")),
    "team_needed": ("team", _l("A supervisor or a caseworker needs a team.")),
    "organization_needed": ("organization", _l("An agency account needs an organization id.")),
    "unknown_organization": ("organization", _l("No organization of the directory has this id.")),
    "admin_has_no_scope": ("team", _l("An administrator has no team or organization: leave them empty.")),
    "organization_for_agency_only": (
        "organization",
        _l("Only an agency account has an organization: leave it empty."),
    ),
    "team_for_team_roles_only": ("team", _l("Only supervisors and caseworkers have a team: leave it empty.")),
    "agency_admin_for_agency_only": ("agency_admin", _l("Only an agency account can invite colleagues.")),
    "disabled": ("email", _l("This account is disabled.")),
}


def _check(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)


@blueprint.context_processor
def _helpers() -> dict[str, Any]:
    def when(moment: datetime | None) -> str:
        # Stored as naive UTC; shown in the directory's time zone.
        return format_datetime(moment, "yyyy-MM-dd HH:mm") if moment else ""

    return {"when": when}


def _users_page(
    lang: str,
    form: AddUserForm,
    *,
    handed: SentLink | None = None,
    handed_to: UserAccount | None = None,
    message: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "admin/users.html",
            lang=lang,
            form=form,
            action_form=ActionForm(),
            users=list_users(db.session),
            handed=handed,
            handed_to=handed_to,
            message=message,
        ),
        status,
    )


@blueprint.get("/<lang>/admin/users")
@requires(is_admin)
def users(lang: str) -> ResponseReturnValue:
    _check(lang)
    form = AddUserForm(lang=lang)
    return _users_page(lang, form)


def _scope_problem(role: str, team: str | None, agency_admin: bool) -> str | None:
    # The domain would accept these and ignore them; whoever filled the form meant something else.
    if team and role not in TEAM_ROLES and role != "admin":
        return "team_for_team_roles_only"
    if agency_admin and role != AGENCY:
        return "agency_admin_for_agency_only"
    return None


# The same address as the list: the page it answers with switches language to the list.
@blueprint.post("/<lang>/admin/users", endpoint="add_user")
@requires(is_admin)
def add_user_view(lang: str) -> ResponseReturnValue:
    _check(lang)
    form = AddUserForm()
    if not form.validate_on_submit():
        return _users_page(lang, form, status=400)
    role, team = form.role.data or "", form.team.data or None
    organization = form.organization.data or None
    problem = _scope_problem(role, team, bool(form.agency_admin.data))
    existing = find_user(db.session, form.email.data or "")
    if problem is None and existing is not None and not existing.active:
        problem = "disabled"
    user = None
    if problem is None:
        try:
            user = add_user(
                db.session,
                form.email.data or "",
                role,
                team_name=team,
                organization_id=organization,
                agency_admin=bool(form.agency_admin.data),
                display_name=form.name.data or "",
                locale=form.lang.data or lang,
                actor=current_user.account,
                address=client_address(),
            )
        except AccountError as error:
            db.session.rollback()
            problem = error.code
    if problem is not None or user is None:
        field, text = ADD_PROBLEMS.get(problem or "", ("email", _l("This account cannot be added.")))
        if problem == "admin_has_no_scope" and organization:
            field = "organization"
        getattr(form, field).errors = [str(text)]
        return _users_page(lang, form, status=400)
    handed = None
    if user.password_hash is None:
        handed = send_password_link(
            db.session, user, INVITE, actor=current_user.account, address=client_address()
        )
    db.session.commit()
    current_app.logger.info("account added from the admin page")
    message = None
    if handed is None:
        message = str(_l("Role added. This person already has a password and signs in as before."))
    return _users_page(
        lang, AddUserForm(formdata=None, lang=lang), handed=handed, handed_to=user, message=message
    )


def _account(user_id: int) -> UserAccount:
    user = db.session.get(UserAccount, user_id)
    if user is None:
        abort(404)
    return user


@blueprint.post("/<lang>/admin/users/<int:user_id>/disable", endpoint="disable_user")
@requires(is_admin)
def disable_user_view(lang: str, user_id: int) -> ResponseReturnValue:
    _check(lang)
    if not ActionForm().validate_on_submit():
        abort(400)
    user = _account(user_id)
    if user.id == current_user.id:
        # An admin locking themselves out by a slip would need the command line to get back in.
        flash(str(_l("You cannot disable your own account here.")), "error")
    elif user.active:
        disable_user(db.session, user, actor=current_user.account, address=client_address())
        db.session.commit()
        current_app.logger.info("account disabled from the admin page")
        flash(str(_l("The account is disabled; its open sessions have ended.")))
    return redirect(url_for("admin.users", lang=lang))


# GET only leads back to the list: the language switch of the page a POST answers with points here.
@blueprint.route("/<lang>/admin/users/<int:user_id>/link", methods=["GET", "POST"])
@requires(is_admin)
def send_link(lang: str, user_id: int) -> ResponseReturnValue:
    _check(lang)
    if request.method == "GET":
        return redirect(url_for("admin.users", lang=lang))
    if not ActionForm().validate_on_submit():
        abort(400)
    user = _account(user_id)
    if not user.active:
        abort(409)  # the page offers no link for a disabled account: a link would not work
    purpose = INVITE if user.password_hash is None else RESET
    handed = send_password_link(
        db.session, user, purpose, actor=current_user.account, address=client_address()
    )
    db.session.commit()
    current_app.logger.info("password link made from the admin page: %s", purpose)
    return _users_page(lang, AddUserForm(formdata=None, lang=lang), handed=handed, handed_to=user)


@blueprint.get("/<lang>/admin/audit", endpoint="audit")
@requires(is_admin)
def audit_log(lang: str) -> ResponseReturnValue:
    _check(lang)
    action = request.args.get("action") or None
    user_id = request.args.get("user", type=int)
    page = max(1, request.args.get("page", default=1, type=int) or 1)
    found = audit.recent_events(db.session, action=action, user_id=user_id, page=page, per_page=PER_PAGE)
    people = db.session.execute(select(UserAccount.id, UserAccount.email).order_by(UserAccount.email)).all()
    return render_template(
        "admin/audit.html",
        lang=lang,
        found=found,
        actions=audit.actions(db.session),
        people=people,
        action=action,
        user_id=user_id,
    )
