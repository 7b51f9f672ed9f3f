"""`carrefour dedupe`: link sure pairs, report doubtful ones, confirm or reject a pair."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.commands.index import apply_pending
from app.commands.terminal import terminal_progress
from app.web.extensions import db


@click.command("dedupe")
@click.option("--report", is_flag=True, help="Print candidate pairs with scores and reasons; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (implies --report).")
@click.option(
    "--kind",
    type=click.Choice(["organization", "service"]),
    default=None,
    help="Only organizations or only services (default: both).",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    help="Report pairs scoring at least N, below the review threshold too (implies --report).",
)
@click.option("--confirm", "confirm_id", type=int, default=None, help="Pair ID is one record: link it.")
@click.option(
    "--reject", "reject_id", type=int, default=None, help="Pair ID is two records: never propose it again."
)
@with_appcontext
def dedupe_command(
    report: bool,
    as_json: bool,
    kind: str | None,
    min_score: int | None,
    confirm_id: int | None,
    reject_id: int | None,
) -> None:
    """Find organizations and services listed twice: link sure pairs, list doubtful ones for review."""
    from importers.dedupe import run_dedupe
    from importers.dedupe_report import result_lines

    report = report or as_json or min_score is not None
    if sum((report, confirm_id is not None, reject_id is not None)) > 1:
        click.echo(_("Use only one of --report, --confirm and --reject."), err=True)
        sys.exit(2)
    kinds = (kind,) if kind else ("organization", "service")
    if report:
        _dedupe_report(kinds, min_score, as_json)
    elif confirm_id is not None:
        _decide_pair(confirm_id, confirm=True)
    elif reject_id is not None:
        _decide_pair(reject_id, confirm=False)
    else:
        with terminal_progress() as progress:
            result = run_dedupe(db.session, kinds, progress)
        db.session.commit()
        click.echo("\n".join(result_lines(result)))
        apply_pending()


def _dedupe_report(kinds: tuple[str, ...], min_score: int | None, as_json: bool) -> None:
    import json

    from importers.dedupe import report
    from importers.dedupe_report import candidate_json, placeholder_lines, report_lines, review_placeholders

    with terminal_progress() as progress:
        pairs, stats = report(db.session, kinds, min_score, progress)
    placeholders = review_placeholders(db.session) if "organization" in kinds else []
    db.session.rollback()  # a report writes nothing
    if as_json:
        listed = {
            "pairs": [candidate_json(c) for c in pairs],
            "stats": {k: s.as_dict() for k, s in stats.items()},
            "placeholders": [p.as_dict() for p in placeholders],
        }
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join([*report_lines(pairs, stats), *placeholder_lines(placeholders)]))


def _decide_pair(link_id: int, confirm: bool) -> None:
    from importers.dedupe import DedupeError, decide, link_labels
    from importers.dedupe_report import decision_line

    try:
        link = decide(db.session, link_id, confirm=confirm)
    except DedupeError:
        db.session.rollback()
        click.echo(_("No duplicate pair %(id)d.", id=link_id), err=True)
        sys.exit(1)
    kept, duplicate = link_labels(db.session, link)
    db.session.commit()
    click.echo(decision_line(link.id, confirm, kept, duplicate))
    apply_pending()
