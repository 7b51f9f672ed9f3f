"""Who may claim an organization at once: a person whose e-mail is at the organization's own domain (its
website's or its e-mail's), never at a webmail domain anyone can get an address at
(`app/data/webmail-domains.txt`). Any other claim waits for staff."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.accounts.users import grant
from app.core.models import Organization
from app.core.models.accounts import AGENCY, Membership, UserAccount
from app.core.models.agency import CLAIM_APPROVED, CLAIM_QUEUED, CLAIM_REJECTED, OrganizationClaim
from app.core.orm import utcnow
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


# --- claims as people make them ----------------------------------------------------------------------

UNCONFIRMED = "unconfirmed"  # the person has not yet proved the e-mail (the invitation link is unused)


class ClaimError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _open_claim(session: Session, user: UserAccount, organization_id: str) -> OrganizationClaim | None:
    return session.scalar(
        select(OrganizationClaim).where(
            OrganizationClaim.user_id == user.id,
            OrganizationClaim.organization_id == organization_id,
            OrganizationClaim.status.in_((UNCONFIRMED, CLAIM_QUEUED)),
        )
    )


def make_claim(
    session: Session,
    user: UserAccount,
    organization: Organization,
    message: str | None,
    *,
    email_proven: bool,
    address: str | None = None,
) -> OrganizationClaim:
    """A claim: decided at once when the person's e-mail is proven (they are signed in), else waiting for
    them to use the invitation link. ClaimError("already_keeps") when they keep it already."""
    if any(m.role == AGENCY and m.organization_id == organization.id for m in user.memberships):
        raise ClaimError("already_keeps")
    claim = _open_claim(session, user, organization.id)
    if claim is None:
        claim = OrganizationClaim(organization_id=organization.id, user_id=user.id, status=UNCONFIRMED)
        session.add(claim)
    claim.message = (message or "").strip()[:2000] or None
    session.flush()
    audit.record(session, user, "claim.create", "organization", organization.id, address=address)
    if email_proven:
        decide(session, claim, user)
    return claim


def decide(session: Session, claim: OrganizationClaim, user: UserAccount) -> None:
    """Approve by the e-mail's domain, else queue for staff."""
    organization = session.get(Organization, claim.organization_id)
    if organization is None:
        return
    if claim_decision(user.email, organization) == APPROVED:
        _approve(session, claim, user, decided_by=None)
    else:
        claim.status = CLAIM_QUEUED
    session.flush()


def settle_unconfirmed_claims(session: Session, user: UserAccount) -> None:
    """The person just proved the e-mail (set the password from the invitation): decide their claims."""
    for claim in session.scalars(
        select(OrganizationClaim).where(
            OrganizationClaim.user_id == user.id, OrganizationClaim.status == UNCONFIRMED
        )
    ):
        decide(session, claim, user)


def _approve(
    session: Session, claim: OrganizationClaim, user: UserAccount, decided_by: UserAccount | None
) -> None:
    # The organization's first keeper may invite colleagues; later ones are invited or approved by staff.
    first = (
        session.scalar(
            select(Membership.id).where(
                Membership.organization_id == claim.organization_id, Membership.role == AGENCY
            )
        )
        is None
    )
    grant(session, user, AGENCY, organization_id=claim.organization_id, agency_admin=first)
    claim.status = CLAIM_APPROVED
    claim.decided_at = utcnow()
    claim.decided_by = decided_by.id if decided_by else None
    audit.record(session, decided_by, "claim.approve", "organization", claim.organization_id)


def approve_claim(session: Session, claim: OrganizationClaim, staff: UserAccount) -> None:
    if claim.status not in (CLAIM_QUEUED, UNCONFIRMED):
        raise ClaimError("already_decided")
    user = session.get(UserAccount, claim.user_id)
    if user is None:
        raise ClaimError("already_decided")
    _approve(session, claim, user, decided_by=staff)
    session.flush()


def reject_claim(session: Session, claim: OrganizationClaim, staff: UserAccount, reason: str) -> None:
    if claim.status not in (CLAIM_QUEUED, UNCONFIRMED):
        raise ClaimError("already_decided")
    if not reason.strip():
        raise ClaimError("reason_needed")
    claim.status = CLAIM_REJECTED
    claim.reason = reason.strip()[:2000]
    claim.decided_at = utcnow()
    claim.decided_by = staff.id
    audit.record(session, staff, "claim.reject", "organization", claim.organization_id)
    session.flush()


def queued_claims(session: Session) -> Sequence[OrganizationClaim]:
    return session.scalars(
        select(OrganizationClaim)
        .where(OrganizationClaim.status.in_((CLAIM_QUEUED, UNCONFIRMED)))
        .order_by(OrganizationClaim.created_at, OrganizationClaim.id)
    ).all()


def claims_of(session: Session, user: UserAccount) -> Sequence[OrganizationClaim]:
    return session.scalars(
        select(OrganizationClaim)
        .where(OrganizationClaim.user_id == user.id)
        .order_by(OrganizationClaim.created_at.desc())
    ).all()


def find_organizations(session: Session, text: str, limit: int = 8) -> list[Organization]:
    """Organizations whose name (in either language) is like the one typed, best first: the words in any
    order, accents and case aside."""
    from rapidfuzz import fuzz, process

    from app.core.text import comparable_text

    wanted = comparable_text(text)
    if not wanted:
        return []
    names: dict[str, str] = {}
    for org_id, name in session.execute(
        select(Organization.id, Organization.name).where(Organization.placeholder.is_(False))
    ):
        names[org_id] = comparable_text(" ".join(sorted(set((name or {}).values()))))
    found = process.extract(wanted, names, scorer=fuzz.token_set_ratio, limit=limit, score_cutoff=70)
    return [org for _name, _score, org_id in found if (org := session.get(Organization, org_id)) is not None]
