"""A team's referral outcomes, for its supervisors: a period, small bar charts drawn on the server (SVG,
readable without JavaScript, the numbers in a table beside them) and a CSV download. Counts only."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.casework.blueprint import MENU, blueprint, check_lang
from app.core.accounts import audit
from app.core.accounts.roles import Powers
from app.core.referrals.outcomes import Outcomes, team_outcomes
from app.core.referrals.status import OUTCOMES, STATUSES
from app.web.access import requires
from app.web.extensions import db

DEFAULT_DAYS = 90


def supervises(powers: Powers) -> bool:
    return bool(powers.supervised_teams)


MENU.append(("casework.outcomes", _l("Outcomes"), supervises))


def _period() -> tuple[date, date, bool]:
    """The period asked (`from`, `to`, ISO dates), else the last 90 days; False when a date was unreadable."""
    today = date.today()
    try:
        end = date.fromisoformat(request.args["to"]) if request.args.get("to") else today
        start = (
            date.fromisoformat(request.args["from"])
            if request.args.get("from")
            else end - timedelta(days=DEFAULT_DAYS)
        )
    except ValueError:
        return today - timedelta(days=DEFAULT_DAYS), today, False
    return (start, end, True) if start <= end else (end, start, True)


def _figures(lang: str) -> tuple[Outcomes, bool]:
    start, end, readable = _period()
    return team_outcomes(db.session, current_user.powers.supervised_teams, start, end, lang), readable


@blueprint.get("/<lang>/casework/outcomes")
@requires(supervises)
def outcomes(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    figures, readable = _figures(lang)
    by_status = [(str(STATUSES[code]), figures.by_status.get(code, 0)) for code in STATUSES]
    by_outcome = [(str(OUTCOMES[code]), figures.by_outcome.get(code, 0)) for code in OUTCOMES]
    return render_template(
        "casework/outcomes.html",
        lang=lang,
        figures=figures,
        by_status=by_status,
        by_outcome=by_outcome,
        unreadable=not readable,
    ), (200 if readable else 400)


@blueprint.get("/<lang>/casework/outcomes.csv")
@requires(supervises)
def outcomes_csv(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    figures, _readable = _figures(lang)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "count", "answered", "median_hours_to_first_answer"])
    for code in STATUSES:
        writer.writerow(["status", code, figures.by_status.get(code, 0), "", ""])
    for code in OUTCOMES:
        writer.writerow(["outcome", code, figures.by_outcome.get(code, 0), "", ""])
    for agency in figures.agencies:
        median = "" if agency.median_hours is None else f"{agency.median_hours:.1f}"
        writer.writerow(["agency", agency.organization, agency.referrals, agency.answered, median])
    writer.writerow(["within_target", "answered_by_target", figures.within_target, "", ""])
    writer.writerow(["total", "referrals", figures.total, "", ""])
    name = f"outcomes-{figures.start.isoformat()}-{figures.end.isoformat()}.csv"
    return (
        out.getvalue(),
        200,
        {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


TEAM_LOG_PAGE = 50


@blueprint.get("/<lang>/casework/audit")
@requires(supervises)
def team_audit(lang: str) -> ResponseReturnValue:
    """Who viewed or changed the team's clients, referrals and consents: the team's part of the audit log."""
    check_lang(lang)
    page = max(1, request.args.get("page", default=1, type=int) or 1)
    found = audit.recent_events(
        db.session, page=page, per_page=TEAM_LOG_PAGE, team_ids=current_user.powers.supervised_teams
    )
    return render_template("casework/team_audit.html", lang=lang, found=found)


MENU.append(("casework.team_audit", _l("The team's log"), supervises))
