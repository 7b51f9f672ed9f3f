"""All models, importable from one place (Alembic and the importers need every table registered)."""

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
    "Taxonomy",
    "TaxonomyTerm",
]
