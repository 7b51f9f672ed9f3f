"""The portal's one blueprint and the checks every page makes; each module of app/agency adds its routes.

An agency person reaches the records of the organizations they keep, and nothing else: another
organization's id is refused (403) before anything of it is read. Directory administrators reach every
organization (they review and correct listings).
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Blueprint, abort
from flask_babel import get_locale
from flask_login import current_user

from app.core.accounts.roles import Powers
from app.core.agency.fields import RESOURCES, organization_of, record_of
from app.core.i18n import LOCALES, day_name
from app.core.models import Organization
from app.web.extensions import db

blueprint = Blueprint("agency", __name__)

T = TypeVar("T")

# Pages other modules add to the portal's menu of an organization: (endpoint taking lang and org_id, label).
MENU: list[tuple[str, Any]] = []


@blueprint.app_context_processor
def _menu() -> dict[str, Any]:
    return {"agency_links": lambda: list(MENU)}


@blueprint.context_processor
def _field_words() -> dict[str, Any]:
    from app.agency.record_forms import ADDRESS_LABELS, LABELS, STATUS_LABELS

    def day(code: str) -> str:
        return day_name(code, str(get_locale() or "fr"))

    def days_label(days: str) -> str:
        return ", ".join(day(code) for code in days.split(",") if code)

    return {
        "labels": LABELS,
        "address_labels": ADDRESS_LABELS,
        "status_labels": STATUS_LABELS,
        "day_name": day,
        "days_label": days_label,
    }


def keeps_listings(powers: Powers) -> bool:
    """Agency people and directory administrators."""
    return bool(powers.organizations) or powers.admin


def check_lang(lang: str) -> None:
    if lang not in LOCALES:
        abort(404)


def may_keep(organization_id: str | None) -> bool:
    powers: Powers = current_user.powers
    return powers.admin or powers.keeps(organization_id)


def organization_or_abort(lang: str, organization_id: str) -> Organization:
    """The organization, if the signed-in person keeps it: 403 otherwise (whether or not it exists, so an
    id tells nothing), 404 for a language the site does not have."""
    check_lang(lang)
    if not may_keep(organization_id):
        abort(403)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        abort(404)
    return organization


def record_or_abort(lang: str, resource_type: str, resource_id: str) -> tuple[Any, str]:
    """An organization, service or location and its organization's id, if the signed-in person keeps that
    organization (403 otherwise, whether or not it exists); 404 for a kind of record the portal has not."""
    check_lang(lang)
    if resource_type not in RESOURCES:
        abort(404)
    record = record_of(db.session, resource_type, resource_id)
    organization_id = organization_of(record) if record is not None else None
    if not may_keep(organization_id):
        abort(403)
    if record is None or organization_id is None:
        abort(404)
    return record, organization_id


def owned_or_abort(lang: str, model: type[T], row_id: Any) -> T:
    """A portal row (a proposal, a notice, a translation flag) with an `organization_id`, if the signed-in
    person keeps that organization. A missing id is a 403 too, so ids tell an agency nothing; only an
    administrator, who may see every row, learns that it does not exist (404)."""
    check_lang(lang)
    row = db.session.get(model, row_id)
    if row is None:
        abort(404 if current_user.powers.admin else 403)
    if not may_keep(row.organization_id):
        abort(403)
    return row
