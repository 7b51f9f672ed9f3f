"""Who may claim an organization at once: a person whose e-mail is at the organization's own domain (its
website's or its e-mail's), never at a webmail domain anyone can get an address at
(`app/data/webmail-domains.txt`). Any other claim waits for staff."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from app.core.models import Organization
from app.data import DATA_DIR

APPROVED, QUEUED = "approved", "queued"


@cache
def webmail_domains() -> frozenset[str]:
    lines = (DATA_DIR / "webmail-domains.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _domain_of_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower().rstrip(".") or None


def _domain_of_website(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "://" in url else f"http://{url}").hostname
    return host.lower().removeprefix("www.") if host else None


def is_webmail(domain: str) -> bool:
    parts = domain.split(".")
    return any(".".join(parts[i:]) in webmail_domains() for i in range(len(parts) - 1))


def _same_site(email_domain: str, organization_domain: str) -> bool:
    """The same domain, or the e-mail at a subdomain of the organization's (intake.example.org)."""
    return email_domain == organization_domain or email_domain.endswith("." + organization_domain)


def claim_decision(email: str, organization: Organization) -> str:
    """APPROVED when the person's e-mail domain is the organization's own, else QUEUED for staff."""
    domain = _domain_of_email(email)
    if domain is None or is_webmail(domain):
        return QUEUED
    own = {_domain_of_website(organization.website), _domain_of_email(organization.email)} - {None}
    own = {site for site in own if site is not None and not is_webmail(site)}
    return APPROVED if any(_same_site(domain, site) for site in own) else QUEUED
