"""`carrefour match`: a need profile in, the matcher's answer out (as the JSON API answers)."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.web.extensions import db
from app.web.search import search_service


@click.command("match")
@click.argument("profile", type=click.File("r", encoding="utf-8"))
@with_appcontext
def match_command(profile: click.utils.LazyFile) -> None:
    """Match a need profile (JSON file, or - for standard input) and print the result as JSON."""
    import json

    from app.matching.profile import ProfileError, UnreadableProfile, read_profile_json
    from app.matching.service import match_profile

    try:
        data = read_profile_json(profile.read())
    except UnreadableProfile as exc:
        click.echo(_("Not valid JSON: %(error)s", error=str(exc)), err=True)
        sys.exit(2)
    try:
        result = match_profile(
            db.session, search_service(), current_app.config["CARREFOUR_DEFAULT_LOCALE"], data
        )
    except ProfileError as error:
        for problem in error.errors:
            click.echo(f"{problem.field}: {problem.message}", err=True)
        sys.exit(2)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
