"""Personal data encrypted at rest: Fernet tokens under a MultiFernet key ring.

`CARREFOUR_DATA_KEY` holds one or more Fernet keys separated by commas, the newest first: new values are
encrypted with the first, every listed key can still read. Rotation (`carrefour keys rotate`) puts a new key
first and re-encrypts every stored value with it, after which the old key can be dropped.

Columns typed `EncryptedText` / `EncryptedJSON` are encrypted on the way into the database and decrypted on
the way out, so the database file never holds their text. The ring is installed once per process.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class DataKeyError(RuntimeError):
    """The data key is missing, malformed, or cannot read a stored value."""


_ring: MultiFernet | None = None


def parse_keys(value: str) -> list[Fernet]:
    keys = [part.strip() for part in value.split(",") if part.strip()]
    if not keys:
        raise DataKeyError("no key")
    try:
        return [Fernet(key.encode()) for key in keys]
    except (ValueError, TypeError) as error:
        raise DataKeyError("each key must be a Fernet key (32 url-safe base64-encoded bytes)") from error


def install_keys(value: str) -> None:
    global _ring
    _ring = MultiFernet(parse_keys(value))


def new_key() -> str:
    return Fernet.generate_key().decode()


def _keys() -> MultiFernet:
    if _ring is None:
        raise DataKeyError("no data key installed (CARREFOUR_DATA_KEY)")
    return _ring


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise DataKeyError("a stored value cannot be read with the data keys given") from error


def rotate(token: str) -> str:
    """The same value encrypted with the first key (a no-op in meaning)."""
    try:
        return _keys().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise DataKeyError("a stored value cannot be read with the data keys given") from error


class EncryptedText(TypeDecorator[str]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator[Any]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(decrypt(value))
