"""What a person may do, from their memberships: one role per scope (directory, team, organization)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.models.accounts import (
    ADMIN,
    AGENCY,
    CASEWORKER,
    SUPERVISOR,
    TEAM_ROLES,
    Membership,
    UserAccount,
)


def scope_of(role: str, team_id: int | None, organization_id: str | None) -> str:
    if role == ADMIN:
        return "directory"
    if role in TEAM_ROLES:
        return f"team:{team_id}"
    return f"organization:{organization_id}"


@dataclass(frozen=True, slots=True)
class Powers:
    """A signed-in person's roles, as the checks of every page read them."""

    admin: bool
    supervised_teams: frozenset[int]  # teams this person supervises
    teams: frozenset[int]  # teams this person works in (supervisor or caseworker)
    organizations: frozenset[str]  # organizations whose listings this person keeps
    administered_organizations: frozenset[str]  # ... and may invite colleagues to

    @property
    def roles(self) -> frozenset[str]:
        found = set()
        if self.admin:
            found.add(ADMIN)
        if self.supervised_teams:
            found.add(SUPERVISOR)
        if self.teams - self.supervised_teams:
            found.add(CASEWORKER)
        if self.organizations:
            found.add(AGENCY)
        return frozenset(found)

    def works_in(self, team_id: int | None) -> bool:
        return team_id is not None and team_id in self.teams

    def supervises(self, team_id: int | None) -> bool:
        return team_id is not None and team_id in self.supervised_teams

    def keeps(self, organization_id: str | None) -> bool:
        return organization_id is not None and organization_id in self.organizations


NOBODY = Powers(False, frozenset(), frozenset(), frozenset(), frozenset())


def powers_of(user: UserAccount | None) -> Powers:
    if user is None or not user.active:
        return NOBODY
    memberships: list[Membership] = list(user.memberships)
    return Powers(
        admin=any(m.role == ADMIN for m in memberships),
        supervised_teams=frozenset(m.team_id for m in memberships if m.role == SUPERVISOR and m.team_id),
        teams=frozenset(m.team_id for m in memberships if m.role in TEAM_ROLES and m.team_id),
        organizations=frozenset(
            m.organization_id for m in memberships if m.role == AGENCY and m.organization_id
        ),
        administered_organizations=frozenset(
            m.organization_id
            for m in memberships
            if m.role == AGENCY and m.agency_admin and m.organization_id
        ),
    )
