"""E-mail handed to a real SMTP server on localhost."""

from __future__ import annotations

import pytest

from app.core.mail import Attachment, Mail, MailError, SmtpServer
from tests.smtp import Inbox


def test_a_message_reaches_the_server_with_its_language_and_attachment(smtp_inbox: Inbox) -> None:
    server = SmtpServer(host=smtp_inbox.host, port=smtp_inbox.port, security="none", sender="c@example.org")
    server.send(
        Mail(
            to="ana@example.org",
            subject="Votre liste",
            text="Bonjour, voici la liste.",
            locale="fr",
            attachments=[Attachment("liste.pdf", b"%PDF-1.7 test")],
        )
    )
    [received] = smtp_inbox.to("ana@example.org")
    assert str(received["Subject"]) == "Votre liste" and str(received["Content-Language"]) == "fr"
    assert "voici la liste" in Inbox.text(received)
    [pdf] = list(received.iter_attachments())
    assert pdf.get_filename() == "liste.pdf" and pdf.get_content() == b"%PDF-1.7 test"


def test_a_server_that_is_down_is_an_error_without_the_address() -> None:
    server = SmtpServer(host="127.0.0.1", port=9, security="none", timeout=2)
    with pytest.raises(MailError) as error:
        server.send(Mail(to="ana@example.org", subject="s", text="t"))
    assert "ana@example.org" not in str(error.value)
