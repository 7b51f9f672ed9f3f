"""E-mail through the configured SMTP server (`CARREFOUR_SMTP_*`), with the standard library.

Unset, there is no mailer: whoever wanted to send says so (a command prints the link it made), so nothing is
ever silently lost. Addresses and bodies never reach the logs.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Literal

Security = Literal["starttls", "ssl", "none"]


class MailError(Exception):
    """The message could not be handed to the SMTP server (the reason, without addresses)."""


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/pdf"


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None
    locale: str = "fr"
    attachments: Sequence[Attachment] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    sender: str = "no-reply@localhost"
    sender_name: str = "Carrefour"
    security: Security = "starttls"
    timeout: float = 20.0

    def message(self, mail: Mail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.sender_name, self.sender))
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or "localhost")
        message.set_content(mail.text)
        if mail.html:
            message.add_alternative(mail.html, subtype="html")
        for attachment in mail.attachments:
            main, _, sub = attachment.mimetype.partition("/")
            message.add_attachment(
                attachment.content, maintype=main, subtype=sub, filename=attachment.filename
            )
        # Last: making the message multipart moves the Content-* headers already set into its first part.
        message["Content-Language"] = mail.locale
        return message

    def send(self, mail: Mail) -> str:
        """Hand the message to the server; its Message-ID. MailError when the server refuses or is down."""
        message = self.message(mail)
        try:
            if self.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(type(exc).__name__) from None
        return str(message["Message-ID"])
