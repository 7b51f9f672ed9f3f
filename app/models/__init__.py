"""All models, importable from one place (Alembic and the importers need every table registered)."""

from app.models.accounts import AuditEvent, Membership, SignInFailure, Team, UserAccount
from app.models.changes import ChangeLog
from app.models.directory import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Funding,
    HsdsMetadata,
    Language,
    Location,
    MetaTableDescription,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from app.models.duplicates import DuplicateLink
from app.models.imports import GeocodeCache, ImportReject, ImportRun
from app.models.taxonomy import CORE_TAXONOMIES, Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "CORE_TAXONOMIES",
    "Accessibility",
    "Address",
    "Attribute",
    "AuditEvent",
    "ChangeLog",
    "Contact",
    "CostOption",
    "DuplicateLink",
    "Funding",
    "GeocodeCache",
    "HsdsMetadata",
    "ImportReject",
    "ImportRun",
    "Language",
    "Location",
    "Membership",
    "MetaTableDescription",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "SignInFailure",
    "Taxonomy",
    "TaxonomyTerm",
    "Team",
    "UserAccount",
]
