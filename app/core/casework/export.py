"""Everything Carrefour keeps about one client, for the person who asks for it (Law 25's right of access):
the file's fields, notes (private ones included: they are about the person), interactions, the plan, the
assessments, the list, the referrals with their consents and events. One plain dict, as JSON or a page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models.casework import Client
from app.core.models.referrals import Referral


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def client_export(session: Session, client: Client) -> dict[str, Any]:
    referrals = session.scalars(select(Referral).where(Referral.client_id == client.id).order_by(Referral.id))
    return {
        "client": {
            "display_name": client.display_name,
            "birth_year": client.birth_year,
            "birth_date": client.birth_date,
            "preferred_language": client.preferred_language,
            "languages": list(client.languages),
            "contact_preference": client.contact_preference,
            "contact": client.contact,
            "postal_code": client.postal_code,
            "created_at": _day(client.created_at),
            "last_contact_on": _day(client.last_contact_on),
        },
        "notes": [
            {"written_at": _day(n.created_at), "shared": n.shared, "text": n.body} for n in client.notes
        ],
        "interactions": [{"on": _day(i.on), "kind": i.kind, "note": i.note} for i in client.interactions],
        "plan": {
            "review_on": _day(client.plan.review_on) if client.plan else None,
            "goals": [
                {"goal": g.goal, "owner": g.owner, "due_on": _day(g.due_on), "done": g.done}
                for g in client.goals
            ],
        },
        "assessments": [
            {
                "taken_at": _day(a.taken_at),
                "answers": a.answers,
                "needs": a.profile.get("needs", []),
                "safety_flag": a.safety_flag,
            }
            for a in client.assessments
        ],
        "list": [
            {"service_id": item.service_id, "need": item.need, "pinned": item.pinned}
            for item in client.shortlist
        ],
        "referrals": [
            {
                "service_id": r.service_id,
                "status": r.status,
                "outcome": r.outcome,
                "made_at": _day(r.created_at),
                "note": r.note,
                "consent": {
                    "facts": list(r.consent.facts),
                    "valid_until": _day(r.consent.valid_until),
                    "wording_version": r.consent.wording_version,
                    "method": r.consent.method,
                    "given_at": _day(r.consent.given_at),
                    "withdrawn_at": _day(r.consent.withdrawn_at),
                },
                "events": [
                    {"at": _day(e.at), "status": e.to_status, "outcome": e.outcome, "by": e.actor_kind}
                    for e in r.events
                ],
            }
            for r in referrals
        ],
    }
