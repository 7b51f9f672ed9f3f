"""A password link (an invitation or a reset) made for an account and sent by e-mail, or handed back to be
shown or printed when e-mail is not configured or fails: the command line and the admin pages both do it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.accounts.mails import password_mail
from app.core.accounts.users import INVITE, password_link_token
from app.core.models.accounts import UserAccount
from app.web.mailer import deliver, external_url, mail_configured


@dataclass(frozen=True, slots=True)
class SentLink:
    link: str
    sent: bool  # the SMTP server took the message
    configured: bool  # e-mail is configured at all (False: unset; True and not sent: the server failed)


def send_password_link(
    session: Session,
    user: UserAccount,
    purpose: str,
    *,
    actor: UserAccount | None = None,
    address: str | None = None,
) -> SentLink:
    """Make a link of `purpose` for `user`, mail it in their language, and record it (flushed, not
    committed). The caller shows `link` when `sent` is False, so no link is ever lost."""
    token = password_link_token(str(current_app.config["SECRET_KEY"]), purpose, user)
    lang = user.locale if user.locale in ("fr", "en") else "fr"
    link = external_url("accounts.new_password", lang=lang, purpose=purpose, token=token)
    kind = "invitation" if purpose == INVITE else "password reset"
    sent = deliver(password_mail(user, link, purpose), kind)
    audit.record(
        session,
        actor,
        f"user.{purpose}_link",
        "user",
        user.id,
        address=address,
        detail={"mailed": sent},
    )
    return SentLink(link, sent, mail_configured())
