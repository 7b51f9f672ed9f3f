"""The e-mail that tells a person staff decided their claim of an organization, in their language: approved
(with the portal's address) or refused (with staff's reason). Sent when e-mail is configured; the portal's
home says the same either way."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.i18n import text_of
from app.core.mail import Mail
from app.core.models import Organization, OrganizationClaim
from app.core.models.accounts import UserAccount
from app.core.models.agency import CLAIM_APPROVED
from app.web.extensions import db
from app.web.mailer import deliver, external_url


def claim_decision_mail(claim: OrganizationClaim, user: UserAccount) -> Mail:
    locale = (
        user.locale if user.locale in ("fr", "en") else str(current_app.config["CARREFOUR_DEFAULT_LOCALE"])
    )
    organization = db.session.get(Organization, claim.organization_id)
    name = text_of(organization.name if organization else None, locale, claim.organization_id)
    with force_locale(locale):
        if claim.status == CLAIM_APPROVED:
            subject = _("You now keep the listings of %(organization)s", organization=name)
            lines = [
                _("The directory's staff approved your claim of %(organization)s.", organization=name),
                _(
                    "Update its listings in the agency portal: %(url)s",
                    url=external_url("agency.home", lang=locale),
                ),
            ]
        else:
            subject = _("Your claim of %(organization)s was not approved", organization=name)
            lines = [
                _("The directory's staff did not approve your claim of %(organization)s.", organization=name),
                _("Their reason: %(reason)s", reason=claim.reason or ""),
                _("You can answer this e-mail or claim it again with more detail."),
            ]
    return Mail(to=user.email, subject=subject, text="\n".join(lines) + "\n", locale=locale)


def tell_claimant(claim: OrganizationClaim) -> bool:
    user = db.session.get(UserAccount, claim.user_id)
    if user is None:
        return False
    return deliver(claim_decision_mail(claim, user), "claim decision")
