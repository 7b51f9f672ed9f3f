"""The language switch on every page: the same page in the other language."""

from __future__ import annotations

from flask import request, url_for

from app.directory.params import switch_query


def same_page_in(locale: str) -> str:
    """This page in another language, with the same search (the language switch on every page): the
    page's own parameters as it parsed them, bounded, never the query string copied whole."""
    endpoint = request.endpoint or "directory.home"
    values = {**(request.view_args or {}), "lang": locale}
    if "lang" not in (request.view_args or {}):
        endpoint, values = "directory.home", {"lang": locale}
    return url_for(endpoint, **values, **switch_query(endpoint, request.args))
