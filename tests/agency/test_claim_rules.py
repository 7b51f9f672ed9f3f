"""Claiming an organization: approved at once only for an e-mail at the organization's own domain (its
website's or its e-mail's), never for a webmail domain; every other claim waits for staff."""

from __future__ import annotations

import pytest

from app.core.agency.claims import APPROVED, QUEUED, claim_decision, is_webmail
from app.core.models import Organization


def organization(website: str | None = None, email: str | None = None) -> Organization:
    return Organization(name={"fr": "Banque alimentaire"}, website=website, email=email)


@pytest.mark.parametrize(
    ("person", "website", "org_email", "expected"),
    [
        ("marie@banque-alimentaire.org", "https://www.banque-alimentaire.org/fr/", None, APPROVED),
        ("marie@intake.banque-alimentaire.org", "banque-alimentaire.org", None, APPROVED),  # a subdomain
        (
            "Marie@Banque-Alimentaire.ORG",
            None,
            "info@banque-alimentaire.org",
            APPROVED,
        ),  # the e-mail's domain
        ("marie@autre-organisme.org", "https://banque-alimentaire.org", None, QUEUED),
        ("marie@banque-alimentaire.org.evil.com", "https://banque-alimentaire.org", None, QUEUED),
        (
            "marie@gmail.com",
            None,
            "banque.alimentaire@gmail.com",
            QUEUED,
        ),  # webmail: never on the domain alone
        ("marie@mail.yahoo.com", None, "info@yahoo.com", QUEUED),
        ("marie@banque-alimentaire.org", None, None, QUEUED),  # nothing to compare with
        ("not an address", "https://banque-alimentaire.org", None, QUEUED),
    ],
)
def test_claim_rules(person: str, website: str | None, org_email: str | None, expected: str) -> None:
    assert claim_decision(person, organization(website, org_email)) == expected


def test_the_webmail_list_counts_subdomains_and_only_them() -> None:
    assert is_webmail("gmail.com") and is_webmail("videotron.qc.ca") and is_webmail("mail.yahoo.com")
    assert not is_webmail("centre-communautaire.qc.ca") and not is_webmail("example.org")
