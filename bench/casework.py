"""The caseworker scenario of the benchmark: a signed-in caseworker opens a client's suggestions page (the
client's record decrypted, its latest assessment, the matcher run for its 3 needs, the shortlist and the
favourites drawn), through the whole Flask stack in the process (`app.test_client`), after a warm-up.

Each client is a generated one of the team, with an assessment whose need profile has 3 needs (the match
phase's profiles); the page is asked once per client, so no answer comes from a warm cache of the same
client.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from app.core.accounts.users import add_user, set_password
from app.core.models.casework import Assessment, Client
from app.web.extensions import db
from bench.measure import latency_summary, timed_ms
from bench.workload import Workload

EMAIL = "bench-caseworker@example.org"
PASSWORD = "a benchmark's long password"
WARM_UP_CLIENTS = 5
NEEDS = 3


def _clients(app: Flask, seed: int, count: int) -> list[int]:
    profiles = Workload(seed, "casework").profiles(NEEDS, count)
    with app.app_context():
        user = add_user(db.session, EMAIL, "caseworker", team_name="Équipe banc d'essai")
        set_password(db.session, user, PASSWORD)
        team_id = next(iter(user.memberships)).team_id
        ids = []
        for number, profile in enumerate(profiles):
            client = Client(
                team_id=team_id,
                display_name=f"Client {number:04d}",
                preferred_language=profile["locale"],
                languages=[profile["locale"]],
            )
            client.assessments.append(
                Assessment(answers={}, profile=profile, form_token=f"bench-{team_id}-{number:04d}")
            )
            db.session.add(client)
            db.session.flush()
            ids.append(client.id)
        db.session.commit()
        db.session.remove()
    return ids


def _signed_in(app: Flask) -> Any:
    browser = app.test_client()
    page = browser.get("/fr/signin").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    data = {"email": EMAIL, "password": PASSWORD, **({"csrf_token": token.group(1)} if token else {})}
    answer = browser.post("/fr/signin", data=data)
    if answer.status_code != 302:
        raise RuntimeError(f"the benchmark's caseworker could not sign in ({answer.status_code})")
    return browser


def casework_phase(app: Flask, seed: int, clients: int) -> dict[str, Any]:
    """p50/p95/p99 of opening a client's suggestions page, and how many answers were not 200."""
    ids = _clients(app, seed, clients + WARM_UP_CLIENTS)
    browser = _signed_in(app)
    errors = 0
    for client_id in ids[:WARM_UP_CLIENTS]:
        browser.get(f"/fr/casework/clients/{client_id}/suggestions")
    milliseconds = []
    for client_id in ids[WARM_UP_CLIENTS:]:
        elapsed, answer = timed_ms(lambda c=client_id: browser.get(f"/fr/casework/clients/{c}/suggestions"))
        errors += answer.status_code != 200
        milliseconds.append(elapsed)
    return {"open_client_3_needs": {**latency_summary(milliseconds), "errors": errors}}
