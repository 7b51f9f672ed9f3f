"""Who is signed in: Flask-Login over the accounts of `app.core.accounts`.

The session holds `"<account id>:<auth version>"`. Disabling an account or changing its password raises the
version, so every session opened before ends at its next request. Sessions are permanent cookies renewed on
each request: they end after CARREFOUR_SESSION_HOURS of inactivity.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, session
from flask_login import AnonymousUserMixin, login_user

from app.core.accounts.roles import NOBODY, Powers, powers_of
from app.core.models.accounts import UserAccount
from app.web.extensions import db, login_manager


@dataclass(eq=False)
class SignedIn:
    """The person behind a request, as Flask-Login wants them, with their powers read once."""

    account: UserAccount
    powers: Powers

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return bool(self.account.active)

    def get_id(self) -> str:
        return f"{self.account.id}:{self.account.auth_version}"

    @property
    def id(self) -> int:
        return int(self.account.id)


class Anonymous(AnonymousUserMixin):
    powers = NOBODY
    account = None


def _load(session_id: str) -> SignedIn | None:
    account_id, _, version = session_id.partition(":")
    if not account_id.isdigit() or not version.isdigit():
        return None
    account = db.session.get(UserAccount, int(account_id))
    if account is None or not account.active or account.auth_version != int(version):
        return None  # disabled, or the password changed since: this session is over
    return SignedIn(account, powers_of(account))


def start_session(account: UserAccount) -> None:
    session.clear()  # a new session id at sign-in: nothing of the anonymous session carries over
    session.permanent = True
    login_user(SignedIn(account, powers_of(account)))


def client_address() -> str:
    return request.remote_addr or "-"


def init_sessions(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "accounts.sign_in"
    login_manager.session_protection = "basic"
    login_manager.login_message = None  # the sign-in page says why itself
