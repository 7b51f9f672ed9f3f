"""Who may open a page: one decorator, reading the signed-in person's powers (app/core/accounts/roles.py).

Anonymous: to the sign-in page (a page) or 401 (the API). Signed in without the power: 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user

from app.core.accounts.roles import Powers
from app.web.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])


def signed_in(powers: Powers) -> bool:
    return True


def requires(check: Callable[[Powers], bool] = signed_in) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not check(current_user.powers):
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def is_admin(powers: Powers) -> bool:
    return powers.admin


@login_manager.unauthorized_handler
def _unauthorized() -> ResponseReturnValue:
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": "(request)", "message": "sign-in required"}]}), 401
    lang = (request.view_args or {}).get("lang") or str(get_locale() or "fr")
    target = request.full_path if request.method == "GET" else None
    return redirect(url_for("accounts.sign_in", lang=lang, next=target))
