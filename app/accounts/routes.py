"""Sign-in pages: thin over `app.core.accounts` (checks, pauses, links and the audit log live there)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from app.accounts.forms import ForgotForm, NewPasswordForm, SignInForm
from app.core.accounts import audit
from app.core.accounts.links import LinkError
from app.core.accounts.mails import password_mail
from app.core.accounts.signin import sign_in as check_sign_in
from app.core.accounts.users import (
    INVITE,
    RESET,
    AccountError,
    find_user,
    password_link_token,
    set_password,
    user_of_link,
)
from app.core.agency.claims import settle_unconfirmed_claims
from app.core.i18n import LOCALES
from app.web.access import requires
from app.web.extensions import db, limiter
from app.web.mailer import deliver, external_url, mail_configured
from app.web.sessions import client_address, start_session

blueprint = Blueprint("accounts", __name__)

PURPOSES = (INVITE, RESET)
PASSWORD_PROBLEMS = {
    "password_too_short": _l("Use at least 10 characters."),
    "password_too_long": _l("Use at most 256 characters."),
    "password_is_email": _l("Do not use your e-mail as your password."),
    "password_too_simple": _l("Use more different characters."),
}


ROLE_LABELS = {
    "admin": _l("Directory administrator"),
    "supervisor": _l("Supervisor"),
    "caseworker": _l("Caseworker"),
    "agency": _l("Agency"),
}


@blueprint.app_template_global()
def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def _check(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)


def _safe_next(target: str | None, lang: str) -> str:
    """Only a path of this site (never another host): where to go after signing in."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("accounts.account", lang=lang)


def _secret() -> str:
    return str(current_app.config["SECRET_KEY"])


@blueprint.route("/<lang>/signin", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def sign_in(lang: str) -> ResponseReturnValue:
    _check(lang)
    form = SignInForm()
    message, status = None, 200
    if form.validate_on_submit():
        outcome = check_sign_in(
            db.session, _secret(), form.email.data or "", form.password.data or "", client_address()
        )
        db.session.commit()
        if outcome.outcome == "ok" and outcome.user is not None:
            start_session(outcome.user)
            return redirect(_safe_next(request.args.get("next"), lang))
        # The same words whether the e-mail has an account or not.
        if outcome.outcome == "paused":
            message, status = _("Too many attempts. Wait 15 minutes, or reset your password."), 429
        else:
            message, status = _("This e-mail and password do not match an active account."), 401
    return render_template("accounts/signin.html", lang=lang, form=form, message=message), status


@blueprint.post("/<lang>/signout")
def sign_out(lang: str) -> ResponseReturnValue:
    _check(lang)
    if current_user.is_authenticated:
        audit.record(
            db.session, current_user.account, "signout", "user", current_user.id, address=client_address()
        )
        db.session.commit()
    logout_user()
    return redirect(url_for("directory.home", lang=lang))


@blueprint.route("/<lang>/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def forgot(lang: str) -> ResponseReturnValue:
    _check(lang)
    form = ForgotForm()
    sent = False
    if form.validate_on_submit() and mail_configured():
        user = find_user(db.session, form.email.data or "")
        if user is not None and user.active:
            token = password_link_token(_secret(), RESET, user)
            link = external_url("accounts.new_password", lang=user.locale or lang, purpose=RESET, token=token)
            deliver(password_mail(user, link, RESET), "password reset")
            audit.record(db.session, None, "user.reset_link", "user", user.id, address=client_address())
            db.session.commit()
        sent = True  # said whether the account exists or not
    return render_template(
        "accounts/forgot.html", lang=lang, form=form, sent=sent, mail_configured=mail_configured()
    )


@blueprint.route("/<lang>/password/<purpose>/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def new_password(lang: str, purpose: str, token: str) -> ResponseReturnValue:
    _check(lang)
    if purpose not in PURPOSES:
        abort(404)
    try:
        holder = user_of_link(db.session, _secret(), purpose, token)
    except LinkError as error:
        return render_template("accounts/link_error.html", lang=lang, reason=error.problem), 410
    form = NewPasswordForm()
    problem = None
    if form.validate_on_submit():
        try:
            set_password(db.session, holder.user, form.password.data or "", address=client_address())
        except AccountError as error:
            db.session.rollback()
            problem = str(PASSWORD_PROBLEMS.get(error.code, _l("This password cannot be used.")))
        else:
            # The link proved the e-mail: the organizations this person claimed are decided now.
            settle_unconfirmed_claims(db.session, holder.user)
            db.session.commit()
            start_session(holder.user)
            return redirect(url_for("accounts.account", lang=lang))
    return render_template(
        "accounts/new_password.html", lang=lang, form=form, purpose=purpose, problem=problem
    )


@blueprint.get("/<lang>/account")
@requires()
def account(lang: str) -> ResponseReturnValue:
    _check(lang)
    return render_template("accounts/account.html", lang=lang, account=current_user.account)
