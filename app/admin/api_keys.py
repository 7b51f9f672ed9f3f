"""The administrators' page of HSDS API keys: make one for a partner (shown once, in the answer to the form,
never in a cookie or a log), see who has one and when it was last used, revoke one."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.admin.forms import ActionForm, ApiKeyForm
from app.admin.routes import _check, blueprint
from app.core.accounts import audit
from app.core.api_keys import ApiKeyError, create_key, keys, revoke_key
from app.web.access import is_admin, requires
from app.web.extensions import db
from app.web.sessions import client_address


def _page(lang: str, form: ApiKeyForm, secret: str | None = None, status: int = 200) -> ResponseReturnValue:
    return (
        render_template(
            "admin/api_keys.html",
            lang=lang,
            form=form,
            action_form=ActionForm(),
            keys=keys(db.session),
            secret=secret,
        ),
        status,
    )


@blueprint.get("/<lang>/admin/api-keys")
@requires(is_admin)
def api_keys(lang: str) -> ResponseReturnValue:
    _check(lang)
    return _page(lang, ApiKeyForm())


@blueprint.post("/<lang>/admin/api-keys", endpoint="add_api_key")
@requires(is_admin)
def add_api_key(lang: str) -> ResponseReturnValue:
    _check(lang)
    form = ApiKeyForm()
    if not form.validate_on_submit():
        return _page(lang, form, status=400)
    try:
        made = create_key(db.session, form.name.data or "", form.rate_limit.data or "", by=current_user.id)
    except ApiKeyError as error:
        field = form.name if str(error) == "name" else form.rate_limit
        field.errors = [str(_l("Write a rate such as 20000/minute or 100/second."))]
        return _page(lang, form, status=400)
    audit.record(
        db.session, current_user.account, "api_key.create", "api_key", made.key.id, address=client_address()
    )
    db.session.commit()
    current_app.logger.info("api key made from the admin page")
    return _page(lang, ApiKeyForm(formdata=None), secret=made.secret)


@blueprint.post("/<lang>/admin/api-keys/<int:key_id>/revoke", endpoint="revoke_api_key")
@requires(is_admin)
def revoke_api_key(lang: str, key_id: int) -> ResponseReturnValue:
    _check(lang)
    if not ActionForm().validate_on_submit():
        abort(400)
    if revoke_key(db.session, key_id):
        audit.record(
            db.session, current_user.account, "api_key.revoke", "api_key", key_id, address=client_address()
        )
        db.session.commit()
        flash(str(_l("The key is revoked: its requests count as their address's from now on.")))
    return redirect(url_for("admin.api_keys", lang=lang))
