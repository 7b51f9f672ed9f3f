"""All models, importable from one place (Alembic and the importers need every table registered)."""

from app.core.models.accounts import AuditEvent, Membership, SignInFailure, Team, UserAccount
from app.core.models.changes import ChangeLog
from app.core.models.directory import (
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
from app.core.models.duplicates import DuplicateLink
from app.core.models.imports import GeocodeCache, ImportReject, ImportRun
from app.core.models.taxonomy import CORE_TAXONOMIES, Attribute, Taxonomy, TaxonomyTerm

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
