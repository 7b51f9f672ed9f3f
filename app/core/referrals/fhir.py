"""A referral as a FHIR R4 Task (the fields a polling system reads: status, intent, focus, owner, requester,
output), for `GET /api/v1/referrals/<id>`. No personal field of the client goes in it: `for` is left out."""

from __future__ import annotations

from typing import Any

from app.core.models.referrals import Referral
from app.core.referrals.status import ENDED

OUTCOME_SYSTEM = "https://carrefour.example.org/fhir/CodeSystem/referral-outcome"


def _instant(moment: Any) -> str:
    return moment.replace(microsecond=0).isoformat()


def as_task(
    referral: Referral, *, service_name: str, organization_name: str, team_name: str
) -> dict[str, Any]:
    task: dict[str, Any] = {
        "resourceType": "Task",
        "id": str(referral.id),
        "status": referral.status,
        "intent": "order",
        "authoredOn": _instant(referral.created_at),
        "lastModified": _instant(referral.updated_at),
        "focus": {"reference": f"HealthcareService/{referral.service_id}", "display": service_name},
        "owner": {"reference": f"Organization/{referral.organization_id}", "display": organization_name},
        "requester": {"display": team_name},
        "restriction": {"period": {"end": _instant(referral.respond_by)}},
    }
    if referral.outcome:
        concept = {"coding": [{"system": OUTCOME_SYSTEM, "code": referral.outcome}]}
        task["statusReason"] = concept
        if referral.status in ENDED:
            task["output"] = [{"type": {"text": "outcome"}, "valueCodeableConcept": concept}]
    return task
