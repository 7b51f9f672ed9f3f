"""A client's data for the person who asks for it: a readable page and JSON, both audited."""

from __future__ import annotations

import json

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app.casework.blueprint import blueprint, check_lang, works_in_a_team
from app.casework.clients import load_client
from app.core.accounts import audit
from app.core.casework.export import client_export
from app.web.access import requires
from app.web.extensions import db
from app.web.sessions import client_address


def _exported(client_id: int, what: str) -> tuple[object, dict[str, object]]:
    client = load_client(client_id)
    data = client_export(db.session, client)
    audit.record(
        db.session,
        current_user.account,
        "client.export",
        "client",
        client.id,
        address=client_address(),
        team_id=client.team_id,
        detail={"as": what},
    )
    db.session.commit()
    return client, data


@blueprint.get("/<lang>/casework/clients/<int:client_id>/export")
@requires(works_in_a_team)
def export_page(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    client, data = _exported(client_id, "page")
    return render_template("casework/export.html", lang=lang, client=client, data=data)


@blueprint.get("/<lang>/casework/clients/<int:client_id>/export.json")
@requires(works_in_a_team)
def export_json(lang: str, client_id: int) -> ResponseReturnValue:
    check_lang(lang)
    _client, data = _exported(client_id, "json")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return (
        body,
        200,
        {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": f'attachment; filename="client-{client_id}.json"',
            "Cache-Control": "no-store",
        },
    )
