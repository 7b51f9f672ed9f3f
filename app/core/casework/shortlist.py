"""A client's shortlist (the services the caseworker keeps for this person, in the order the list is printed)
and the favourites a caseworker or a team keeps at hand. The caller commits.

Pinned items come first, then the caseworker's order; a service is on a client's list once.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.accounts import audit
from app.core.casework.clients import CaseworkError, ClientNotFound
from app.core.models import Service
from app.core.models.accounts import UserAccount
from app.core.models.casework import Client, Favourite, ShortlistItem
from app.core.service_ids import resolve_service_ids

MAX_ITEMS = 30  # a list a person can take away and read


def ordered(client: Client) -> list[ShortlistItem]:
    return sorted(client.shortlist, key=lambda item: (not item.pinned, item.position, item.id))


def _renumber(items: list[ShortlistItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def resolve_service_id(session: Session, any_id: str) -> str | None:
    """The directory's id of a service named by its id or by the id it was imported with (the matcher and
    the search results say the latter)."""
    return resolve_service_ids(session, [any_id]).get(any_id)


def add_item(
    session: Session,
    actor: UserAccount,
    client: Client,
    service_id: str,
    *,
    need: str | None = None,
    by_hand: bool = False,
) -> ShortlistItem:
    """Put a service at the end of the list (or leave it where it is, if it is there already)."""
    existing = next((item for item in client.shortlist if item.service_id == service_id), None)
    if existing is not None:
        return existing
    if session.get(Service, service_id) is None:
        raise CaseworkError("unknown_service", "service_id")
    if len(client.shortlist) >= MAX_ITEMS:
        raise CaseworkError("list_full", "service_id", most=MAX_ITEMS)
    item = ShortlistItem(
        client=client,
        service_id=service_id,
        need=need,
        by_hand=by_hand,
        added_by=actor.id,
        position=max((i.position for i in client.shortlist), default=-1) + 1,
    )
    session.add(item)
    session.flush()
    audit.record(session, actor, "client.shortlist", "client", client.id, team_id=client.team_id)
    return item


def _item(client: Client, item_id: int) -> ShortlistItem:
    found = next((item for item in client.shortlist if item.id == item_id), None)
    if found is None:
        raise ClientNotFound(item_id)
    return found


def drop_item(session: Session, actor: UserAccount, client: Client, item_id: int) -> None:
    item = _item(client, item_id)
    client.shortlist.remove(item)
    session.flush()
    _renumber(ordered(client))
    audit.record(session, actor, "client.shortlist", "client", client.id, team_id=client.team_id)


def pin_item(session: Session, actor: UserAccount, client: Client, item_id: int, pinned: bool) -> None:
    _item(client, item_id).pinned = pinned
    _renumber(ordered(client))
    audit.record(session, actor, "client.shortlist", "client", client.id, team_id=client.team_id)


def move_item(session: Session, actor: UserAccount, client: Client, item_id: int, step: int) -> None:
    """One place up (step -1) or down (+1), within its group (pinned or not)."""
    items = ordered(client)
    item = _item(client, item_id)
    index = items.index(item)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(items) and items[target].pinned == item.pinned:
        items[index], items[target] = items[target], items[index]
    _renumber(items)
    audit.record(session, actor, "client.shortlist", "client", client.id, team_id=client.team_id)


def favourites(session: Session, user_id: int, team_ids: frozenset[int]) -> list[Favourite]:
    """This person's favourites and their teams', the newest first."""
    condition = Favourite.user_id == user_id
    if team_ids:
        condition = or_(condition, Favourite.team_id.in_(team_ids))
    return list(session.scalars(select(Favourite).where(condition).order_by(Favourite.id.desc())))


def toggle_favourite(
    session: Session, actor: UserAccount, service_id: str, *, team_id: int | None = None
) -> bool:
    """Keep or stop keeping a service at hand, for oneself (team_id None) or for a team; True when kept."""
    if session.get(Service, service_id) is None:
        raise CaseworkError("unknown_service", "service_id")
    owner = (Favourite.team_id == team_id) if team_id is not None else (Favourite.user_id == actor.id)
    existing = session.scalars(select(Favourite).where(owner, Favourite.service_id == service_id)).first()
    if existing is not None:
        session.delete(existing)
        session.flush()
        return False
    session.add(
        Favourite(user_id=None if team_id is not None else actor.id, team_id=team_id, service_id=service_id)
    )
    session.flush()
    return True
