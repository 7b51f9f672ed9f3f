"""A real SMTP server on localhost for the tests (aiosmtpd), and what it received."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        raw: bytes = envelope.original_content  # type: ignore[attr-defined]
        self.messages.append(message_from_bytes(raw, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    @staticmethod
    def text(message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""  # type: ignore[union-attr]

    def environment(self) -> dict[str, str]:
        """The variables that point Carrefour at this server."""
        return {
            "CARREFOUR_SMTP_HOST": self.host,
            "CARREFOUR_SMTP_PORT": str(self.port),
            "CARREFOUR_SMTP_SECURITY": "none",
            "CARREFOUR_SMTP_FROM": "carrefour@example.org",
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_inbox() -> Iterator[Inbox]:
    inbox = Inbox("127.0.0.1", _free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
