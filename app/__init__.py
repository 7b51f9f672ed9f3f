"""Carrefour: a bilingual community resource directory and referral matcher.

Importing `app` (or `app.core`, the domain core every package uses) starts nothing: the web application is
built by `app.factory.create_app`, imported only when asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    from app.factory import create_app as build

    return build(overrides)
