"""The e-mails that carry a password link (an invitation, a reset), in the person's language."""

from __future__ import annotations

from app.core.accounts.users import INVITE
from app.core.i18n import force_locale, gettext
from app.core.mail import Mail
from app.core.models.accounts import UserAccount


def password_mail(user: UserAccount, link: str, purpose: str) -> Mail:
    locale = user.locale if user.locale in ("fr", "en") else "fr"
    with force_locale(locale):
        if purpose == INVITE:
            subject = gettext("Your Carrefour account")
            opening = gettext("An account was opened for you on Carrefour. Choose your password here:")
            validity = gettext("This link works once, for 7 days.")
        else:
            subject = gettext("Reset your Carrefour password")
            opening = gettext("Someone asked to reset the password of this account. Choose a new one here:")
            validity = gettext("This link works once, for one hour.")
        unexpected = gettext("If you did not expect this message, ignore it.")
    text = f"{opening}\n\n{link}\n\n{validity} {unexpected}\n"
    return Mail(to=user.email, subject=subject, text=text, locale=locale)
