"""The HSDS API scenario of the benchmark: a partner reading the directory through `/api/hsds`, through the
whole Flask stack in the process (`app.test_client`), after a warm-up:

- `search`: `/api/hsds/services?search=<word>&per_page=50` (a page of 50 list items, words answered by the
  search engine, the total counted over every match), a seeded word of the directory's vocabulary each time;
- `record`: `/api/hsds/services/{id}` (one full service, nested organization, places, hours, phones,
  attributes and history), a seeded service each time.
"""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import quote

from flask import Flask
from sqlalchemy import select

from app.core.models import Service
from app.web.extensions import db
from bench.measure import latency_summary, timed_ms
from bench.workload import vocabulary_words

WARM_UP = 10


def hsds_api_phase(app: Flask, seed: int, requests: int) -> dict[str, Any]:
    """p50/p95/p99 of both scenarios, and how many answers were not 200."""
    rng = random.Random(f"{seed}-hsds-api")
    with app.app_context():
        ids = list(db.session.scalars(select(Service.id).order_by(Service.id)))
        db.session.remove()
    app.config["CARREFOUR_API_RATE_LIMIT"] = "1000000/minute"  # the benchmark is one address
    client = app.test_client()
    words = vocabulary_words("fr")
    paths = {
        "search": [
            f"/api/hsds/services?search={quote(rng.choice(words))}&per_page=50&lang=fr"
            for _ in range(requests + WARM_UP)
        ],
        "record": [f"/api/hsds/services/{rng.choice(ids)}?lang=fr" for _ in range(requests + WARM_UP)],
    }
    results: dict[str, Any] = {}
    for name, asked in paths.items():
        for path in asked[:WARM_UP]:
            client.get(path)
        errors = 0
        milliseconds = []
        for path in asked[WARM_UP:]:
            elapsed, answer = timed_ms(lambda p=path: client.get(p))
            errors += answer.status_code != 200
            milliseconds.append(elapsed)
        results[name] = {**latency_summary(milliseconds), "errors": errors}
    return results
