"""`carrefour users add|list|disable|link`: accounts from the command line (the actor the audit log records
is None, "the command line"). Passwords are never taken here: a person sets theirs through the link."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core.accounts.users import (
    INVITE,
    RESET,
    AccountError,
    add_user,
    disable_user,
    find_user,
    list_users,
)
from app.core.models.accounts import AGENCY, ROLES, TEAM_ROLES, Membership, UserAccount
from app.core.writable import check_database_writable
from app.web.extensions import db
from app.web.invitations import send_password_link


@click.group("users")
def users_group() -> None:
    """Accounts: add people, list them, disable them, send them a new password link."""


def _usage_error(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


def _add_problem(error: AccountError) -> str:
    """One line naming the option at fault."""
    role = str(error.params.get("role", ""))
    messages = {
        "bad_email": _("EMAIL: not a valid e-mail address."),
        "bad_team": _("--team: the team name is empty."),
        "team_needed": _("--team is required for the role %(role)s.", role=role),
        "organization_needed": _("--organization is required for the role agency."),
        "unknown_organization": _(
            "--organization: no organization has the id %(id)s.", id=str(error.params.get("id", ""))
        ),
        "admin_has_no_scope": _("--team and --organization do not apply to the role admin."),
        "organization_for_agency_only": _("--organization applies to the role agency only."),
    }
    return messages.get(error.code, _("The account cannot be added (%(code)s).", code=error.code))


def _check_scope_options(role: str, team: str | None, agency_admin: bool) -> None:
    # The domain would accept these and ignore them; the person typing them meant something else.
    if team and role not in TEAM_ROLES and role != "admin":
        _usage_error(_("--team applies to the roles supervisor and caseworker only."))
    if agency_admin and role != AGENCY:
        _usage_error(_("--agency-admin applies to the role agency only."))


def _hand_over(user: UserAccount, purpose: str) -> None:
    """Send the link, or print it (saying why) when it could not be sent: it is never silently lost."""
    result = send_password_link(db.session, user, purpose)
    db.session.commit()
    current_app.logger.info("password link made from the command line: %s", purpose)
    if result.sent:
        click.echo(_("The link was sent by e-mail."))
        return
    if result.configured:
        click.echo(_("The e-mail could not be sent (the SMTP server refused or did not answer)."), err=True)
    else:
        click.echo(_("E-mail is not configured (CARREFOUR_SMTP_HOST is unset)."), err=True)
    click.echo(_("Give this link to the person; it works once:"), err=True)
    click.echo(result.link)


@users_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="The role to give.")
@click.option("--team", default=None, help="The team, for supervisor and caseworker (created if new).")
@click.option("--organization", default=None, help="The organization's id, for agency.")
@click.option("--agency-admin", is_flag=True, help="agency: may also invite colleagues.")
@click.option("--name", default="", help="The person's name as the pages show it.")
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="The person's language (e-mails, links; default: the directory's).",
)
@with_appcontext
def add_command(
    email: str,
    role: str,
    team: str | None,
    organization: str | None,
    agency_admin: bool,
    name: str,
    lang: str | None,
) -> None:
    """Add an account (or a role to an existing one) and send the invitation to choose a password."""
    _check_scope_options(role, team, agency_admin)
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    existing = find_user(db.session, email)
    if existing is not None and not existing.active:
        click.echo(_("This account is disabled: nothing was changed."), err=True)
        sys.exit(1)
    try:
        user = add_user(
            db.session,
            email,
            role,
            team_name=team,
            organization_id=organization,
            agency_admin=agency_admin,
            display_name=name,
            locale=lang or current_app.config["CARREFOUR_DEFAULT_LOCALE"],
        )
    except AccountError as error:
        db.session.rollback()
        _usage_error(_add_problem(error))
    db.session.commit()
    if existing is None:
        click.echo(_("Account created: %(email)s", email=user.email))
    else:
        click.echo(_("Role added to %(email)s.", email=user.email))
    if user.password_hash:
        click.echo(_("This person already has a password: they sign in as before."))
        return
    _hand_over(user, INVITE)


def _scope_text(membership: Membership) -> str:
    if membership.team is not None:
        return f"{membership.role} ({_('team')}: {membership.team.name})"
    if membership.organization_id:
        extra = f", {_('agency admin')}" if membership.agency_admin else ""
        return f"{membership.role} ({_('organization')}: {membership.organization_id}{extra})"
    return membership.role


def _user_json(user: UserAccount) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.display_name,
        "active": user.active,
        "password_set": user.password_hash is not None,
        "locale": user.locale,
        "roles": [
            {
                "role": m.role,
                "team": m.team.name if m.team is not None else None,
                "organization": m.organization_id,
                "agency_admin": m.agency_admin,
            }
            for m in user.memberships
        ],
        "last_sign_in": user.last_sign_in_at.isoformat() + "Z" if user.last_sign_in_at else None,
    }


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
@with_appcontext
def list_command(as_json: bool) -> None:
    """List the accounts: e-mail, name, active or not, roles and their scope, last sign-in (UTC)."""
    users = list_users(db.session)
    if as_json:
        click.echo(json.dumps([_user_json(u) for u in users], ensure_ascii=False, indent=2))
        return
    if not users:
        click.echo(_("No accounts yet."))
        return
    rows = [
        (
            u.email,
            u.display_name or "-",
            _("active") if u.active else _("disabled"),
            "; ".join(_scope_text(m) for m in u.memberships) or "-",
            u.last_sign_in_at.strftime("%Y-%m-%d %H:%M") if u.last_sign_in_at else _("never"),
        )
        for u in users
    ]
    header = (_("e-mail"), _("name"), _("state"), _("roles"), _("last sign-in"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        click.echo("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]))


def _existing(email: str) -> UserAccount:
    user = find_user(db.session, email)
    if user is None:
        click.echo(_("No account has this e-mail."), err=True)
        sys.exit(1)
    return user


@users_group.command("disable")
@click.argument("email")
@with_appcontext
def disable_command(email: str) -> None:
    """Disable an account: no more sign-in, and its open sessions end at their next request."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    user = _existing(email)
    if not user.active:
        click.echo(_("This account was already disabled."))
        return
    disable_user(db.session, user)
    db.session.commit()
    current_app.logger.info("account disabled from the command line")
    click.echo(_("Account disabled: %(email)s", email=user.email))


@users_group.command("link")
@click.argument("email")
@click.option("--reset", is_flag=True, help="A password reset link rather than an invitation.")
@with_appcontext
def link_command(email: str, reset: bool) -> None:
    """Make a new invitation (or --reset) link for an account, and send or print it."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    user = _existing(email)
    if not user.active:
        click.echo(_("This account is disabled: a link would not work."), err=True)
        sys.exit(1)
    _hand_over(user, RESET if reset else INVITE)
