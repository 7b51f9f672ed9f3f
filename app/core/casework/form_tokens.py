"""One-time tokens of the assessment form: issued with the form, checked when it comes back. A token names
the client and expires, so a form left open overnight or posted for another client is refused as stale; the
same token posted twice finds the assessment it made (the unique `Assessment.form_token`)."""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

FORM_HOURS = 12  # a form older than this is stale: its questions may have changed, the person has left


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="carrefour-assessment-form")


def issue(secret: str, client_id: int) -> str:
    return _serializer(secret).dumps({"client": client_id, "nonce": secrets.token_hex(8)})


def valid(secret: str, client_id: int, token: str) -> bool:
    try:
        data = _serializer(secret).loads(token, max_age=FORM_HOURS * 3600)
    except (BadSignature, SignatureExpired):
        return False
    return isinstance(data, dict) and data.get("client") == client_id
