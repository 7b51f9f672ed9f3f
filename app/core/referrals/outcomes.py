"""A team's referral outcomes over a period, for its supervisor: by status and by outcome reason, the
agencies' time to a first answer, the share answered within the target. Counts only: nothing identifies a
client."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.i18n import text_of
from app.core.models import Organization
from app.core.models.referrals import Referral


@dataclass(frozen=True, slots=True)
class AgencyAnswers:
    organization: str
    referrals: int
    answered: int
    median_hours: float | None  # to the first answer, of those answered


@dataclass(frozen=True, slots=True)
class Outcomes:
    start: date
    end: date
    total: int
    by_status: dict[str, int]
    by_outcome: dict[str, int]
    agencies: list[AgencyAnswers]
    within_target: int  # first answer by the response target

    @property
    def within_target_share(self) -> float | None:
        return None if not self.total else self.within_target / self.total


def team_outcomes(
    session: Session, team_ids: frozenset[int], start: date, end: date, locale: str
) -> Outcomes:
    """Referrals made from `start` to `end` (inclusive) by these teams."""
    referrals = list(
        session.scalars(
            select(Referral).where(
                Referral.team_id.in_(team_ids),
                Referral.created_at >= datetime.combine(start, time.min),
                Referral.created_at < datetime.combine(end + timedelta(days=1), time.min),
            )
        )
    )
    names = {
        organization.id: text_of(organization.name, locale)
        for organization in session.scalars(
            select(Organization).where(Organization.id.in_({r.organization_id for r in referrals}))
        )
    }
    agencies = []
    for organization_id in sorted({r.organization_id for r in referrals}, key=lambda o: names.get(o, o)):
        mine = [r for r in referrals if r.organization_id == organization_id]
        hours = [
            (r.first_answer_at - r.created_at).total_seconds() / 3600
            for r in mine
            if r.first_answer_at is not None
        ]
        agencies.append(
            AgencyAnswers(
                names.get(organization_id, organization_id),
                len(mine),
                len(hours),
                median(hours) if hours else None,
            )
        )
    return Outcomes(
        start=start,
        end=end,
        total=len(referrals),
        by_status=dict(Counter(r.status for r in referrals)),
        by_outcome=dict(Counter(r.outcome for r in referrals if r.outcome)),
        agencies=agencies,
        within_target=sum(
            1 for r in referrals if r.first_answer_at is not None and r.first_answer_at <= r.respond_by
        ),
    )
