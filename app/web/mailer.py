"""Sending the application's e-mail through the configured SMTP server, and the links they carry.

Unset SMTP (no CARREFOUR_SMTP_HOST) is not an error: `deliver` says False and the caller shows or prints the
link instead, so a link is never silently lost. Logs name the kind of message, never an address.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, has_request_context, url_for

from app.core.mail import Mail, MailError, SmtpServer

log = logging.getLogger(__name__)


def mail_configured() -> bool:
    return current_app.config.get("CARREFOUR_SMTP") is not None


def deliver(mail: Mail, kind: str) -> bool:
    """True when the server took the message; False when e-mail is not configured or the server failed."""
    server: SmtpServer | None = current_app.config.get("CARREFOUR_SMTP")
    if server is None:
        return False
    try:
        server.send(mail)
    except MailError as error:
        log.warning("mail not sent: %s (%s)", kind, error)
        return False
    log.info("mail sent: %s", kind)
    return True


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an e-mail or a terminal: from CARREFOUR_BASE_URL when set, else this request's
    address (or 127.0.0.1:5000 from a command)."""
    base = current_app.config.get("CARREFOUR_BASE_URL")
    if base or not has_request_context():
        with current_app.test_request_context("/", base_url=base or "http://127.0.0.1:5000"):
            return url_for(endpoint, _external=True, **values)
    return url_for(endpoint, _external=True, **values)
