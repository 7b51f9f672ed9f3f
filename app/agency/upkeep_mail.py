"""The e-mails of verification upkeep, each in its reader's language: the reminders to an organization's
agency members (with a signed link to confirm each section in one click, no sign-in needed) and the
escalation to the directory's staff. What is due is decided in app/core/agency/verification.py."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.agency.verification import ESCALATION, FIRST_REMINDER, UpkeepDue, link_token
from app.core.i18n import text_of
from app.core.mail import Mail
from app.core.models import Organization
from app.core.models.accounts import UserAccount
from app.web.extensions import db
from app.web.mailer import deliver, external_url


def verification_link(organization_id: str, user: UserAccount, cycle: str, locale: str) -> str:
    token = link_token(str(current_app.config["SECRET_KEY"]), organization_id, user.id, cycle)
    return external_url("agency.verify_link", lang=locale, token=token)


def _locale(user: UserAccount) -> str:
    return user.locale if user.locale in ("fr", "en") else str(current_app.config["CARREFOUR_DEFAULT_LOCALE"])


def reminder_mail(due: UpkeepDue, user: UserAccount) -> Mail:
    locale = _locale(user)
    organization = db.session.get(Organization, due.organization_id)
    name = text_of(organization.name if organization else None, locale, due.organization_id)
    state = due.state
    with force_locale(locale):
        subject = (
            _("Are the listings of %(organization)s still accurate?", organization=name)
            if due.kind == FIRST_REMINDER
            else _("Reminder: please confirm the listings of %(organization)s", organization=name)
        )
        lines = [
            _(
                "Carrefour lists the services of %(organization)s. Once a year we ask you to confirm that "
                "their hours, eligibility and contacts are still accurate.",
                organization=name,
            ),
            _("Please confirm by %(day)s.", day=state.due_on.isoformat()),
            "",
            _(
                "Confirm each section in one click (no sign-in needed): %(url)s",
                url=verification_link(due.organization_id, user, state.cycle, locale),
            ),
            "",
            _("If something changed, sign in to the agency portal and update the listing."),
            _("This link works until the listings are confirmed, for 120 days at most."),
        ]
    return Mail(to=user.email, subject=subject, text="\n".join(lines) + "\n", locale=locale)


def escalation_mail(due: UpkeepDue, user: UserAccount) -> Mail:
    locale = _locale(user)
    organization = db.session.get(Organization, due.organization_id)
    name = text_of(organization.name if organization else None, locale, due.organization_id)
    with force_locale(locale):
        subject = _("%(organization)s did not confirm its listings", organization=name)
        lines = [
            _(
                "%(organization)s was reminded twice and has not confirmed its listings since %(day)s. Its "
                "services are now flagged to caseworkers as unconfirmed.",
                organization=name,
                day=due.state.cycle_start.isoformat(),
            ),
            "",
            _(
                "The organizations to follow up: %(url)s",
                url=external_url("agency.staff_organizations", lang=locale),
            ),
        ]
    return Mail(to=user.email, subject=subject, text="\n".join(lines) + "\n", locale=locale)


def send_upkeep(due: UpkeepDue) -> bool:
    """Send one step to each of its recipients; True when the server took at least one of them."""
    delivered = False
    for user in due.recipients:
        mail = escalation_mail(due, user) if due.kind == ESCALATION else reminder_mail(due, user)
        delivered = deliver(mail, f"verification {due.kind}") or delivered
    return delivered
