"""The e-mails of a referral, written in their reader's language: to the agency (the referral and its
reminders, with the facts the consent lists and nothing else, and its one-click links) and to the client (the
check-in). Links are signed, single-purpose and single-use (app/core/referrals/links.py)."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.i18n import text_of
from app.core.mail import Mail
from app.core.models import Service
from app.core.models.casework import Client
from app.core.models.referrals import Referral, ReferralNotice
from app.core.referrals import links
from app.core.referrals.consent import shares
from app.core.taxonomy import term_label
from app.web.extensions import db
from app.web.mailer import deliver, external_url


def link(referral: Referral, purpose: str, locale: str) -> str:
    token = links.make_token(str(current_app.config["SECRET_KEY"]), referral.id, purpose)
    return external_url("casework.referral_link", lang=locale, purpose=purpose, token=token)


def shared_facts(referral: Referral, client: Client, locale: str, today: date) -> list[tuple[str, str]]:
    """(label, value) of what the consent lets the agency see, in `locale`."""
    consent = referral.consent
    facts: list[tuple[str, str]] = []
    with force_locale(locale):
        if shares(consent, "name", today):
            facts.append((_("Name"), client.display_name))
        if shares(consent, "contact", today) and client.contact and client.contact_preference != "none":
            facts.append((_("Contact"), client.contact))
        if shares(consent, "needs", today) and referral.need:
            facts.append((_("Need"), term_label("needs", referral.need, locale)))
        if shares(consent, "notes", today) and referral.note:
            facts.append((_("Note from the caseworker"), referral.note))
    return facts


def agency_mail(referral: Referral, reminder: bool, today: date) -> Mail:
    locale = referral.recipient_locale
    client = db.session.get(Client, referral.client_id)
    service = db.session.get(Service, referral.service_id)
    assert client is not None and service is not None
    name = text_of(service.name, locale)
    with force_locale(locale):
        subject = (
            _("Reminder: a referral to %(service)s is waiting for your answer", service=name)
            if reminder
            else _("A referral to %(service)s", service=name)
        )
        lines = [
            _("A caseworker referred a person to %(service)s, with the person's consent.", service=name),
            _("Please answer by %(day)s.", day=referral.respond_by.date().isoformat()),
            "",
        ]
        lines += [f"{label}: {value}" for label, value in shared_facts(referral, client, locale, today)]
        lines += [
            "",
            _("Accept (one click): %(url)s", url=link(referral, "accept", locale)),
            _("Decline, with a reason: %(url)s", url=link(referral, "decline", locale)),
            _("Record what happened: %(url)s", url=link(referral, "outcome", locale)),
            "",
            _("You only see what the person agreed to share. These links work once and expire in 30 days."),
        ]
    return Mail(
        to=referral.recipient_email or "", subject=subject, text="\n".join(lines) + "\n", locale=locale
    )


def check_in_mail(referral: Referral) -> Mail | None:
    client = db.session.get(Client, referral.client_id)
    service = db.session.get(Service, referral.service_id)
    if client is None or service is None or client.contact_preference != "email" or not client.contact:
        return None
    locale = client.preferred_language if client.preferred_language in ("fr", "en") else "fr"
    name = text_of(service.name, locale)
    with force_locale(locale):
        subject = _("Did you get help from %(service)s?", service=name)
        text = "\n".join(
            [
                _("Your caseworker referred you to %(service)s.", service=name),
                _(
                    "Did you get the help you needed? Answer in one click: %(url)s",
                    url=link(referral, "check-in", locale),
                ),
                "",
                _("You can also answer your caseworker directly."),
            ]
        )
    return Mail(to=client.contact, subject=subject, text=text + "\n", locale=locale)


def send_notice(notice: ReferralNotice, today: date) -> bool:
    """Send one notice; True when the SMTP server took it."""
    if notice.kind == "check-in":
        mail = check_in_mail(notice.referral)
        return mail is not None and deliver(mail, "referral check-in")
    mail = agency_mail(notice.referral, reminder=notice.kind != "referral", today=today)
    return deliver(mail, f"referral {notice.kind}")
