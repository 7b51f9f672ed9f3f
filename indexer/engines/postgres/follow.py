"""The PostgreSQL index written in the same transaction as the directory change it follows.

Whatever changes the directory (an import, the agency portal, staff's pages, a command) says which services
it touched through `app.core.changes.record_changes`, which notes them on the session. Just before that
session commits, their documents are rebuilt from what the transaction sees and written through its own
connection: the change and its index commit together or not at all, on every server at once. No queue, no
drift. When PostgreSQL is the only engine, the change-log rows are marked applied in that transaction too;
beside Meilisearch they stay pending for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, SessionTransaction

from app.core.changes import CHANGED_SERVICES
from indexer.engines.postgres.engine import PostgresEngine, mark_applied


@dataclass(slots=True)
class _Follower:
    engine: PostgresEngine
    marks_applied: bool


_FOLLOWERS: dict[str, _Follower] = {}


def follow(engine: PostgresEngine, *, marks_applied: bool) -> None:
    """From now on, every session of this process writing to `engine`'s database indexes its changes
    before it commits."""
    _FOLLOWERS[_key(engine.database.url)] = _Follower(engine, marks_applied)
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_transaction_end", _after_transaction_end)


def unfollow(engine: PostgresEngine) -> None:
    unfollow_database(engine.database.url)


def unfollow_database(url: URL) -> None:
    """Sessions of this database no longer index their changes in it (its app chose another engine)."""
    _FOLLOWERS.pop(_key(url), None)


def _before_commit(session: Session) -> None:
    if not session.info.get(CHANGED_SERVICES) or not _FOLLOWERS:
        return
    bind = session.get_bind()
    follower = _FOLLOWERS.get(_key(bind.url))
    if follower is None:
        return
    session.flush()  # the ORM's last changes, before their documents are built
    services = session.info.pop(CHANGED_SERVICES)
    connection = session.connection()
    follower.engine.write_services(connection, services)
    if follower.marks_applied:
        mark_applied(connection, services)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None and not transaction.nested:
        session.info.pop(CHANGED_SERVICES, None)  # rolled back, or committed: nothing left to follow


def _key(url: URL) -> str:
    return url.render_as_string(hide_password=True)
