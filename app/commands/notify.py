"""`carrefour notify`: send the referrals' messages whose time has come (the referral if it could not go at
once, reminders, the client's check-in). Idempotent: safe to run every few minutes from cron or a timer."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.agency.upkeep_mail import send_upkeep
from app.casework.referral_mail import send_notice
from app.core.agency.verification import run_upkeep
from app.core.hours import LOCAL
from app.core.referrals.notices import run_notices
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.command("notify")
@with_appcontext
def notify_command() -> None:
    """Send the referral reminders and check-ins, and the verification reminders, that are due, each once."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    now = datetime.now(LOCAL).replace(tzinfo=None)
    report = run_notices(db.session, now, lambda notice: send_notice(notice, now.date()), db.session.commit)
    db.session.commit()
    click.echo(
        _(
            "Sent: %(sent)d. Not sent, tried again next time: %(failed)d. No longer to send: %(skipped)d. "
            "Referrals without an answer after the reminders: %(flagged)d.",
            sent=report.sent,
            failed=report.failed,
            skipped=report.skipped,
            flagged=report.flagged,
        )
    )
    upkeep = run_upkeep(
        db.session,
        now.date(),
        send_upkeep,
        db.session.commit,
        default_months=current_app.config.get("CARREFOUR_VERIFICATION_MONTHS", 12),
    )
    db.session.commit()
    click.echo(
        _(
            "Verification reminders sent: %(reminders)d. Organizations escalated to staff: %(escalated)d. "
            "Not sent, tried again next time: %(failed)d.",
            reminders=upkeep.reminders,
            escalated=upkeep.escalations,
            failed=upkeep.failed,
        )
    )
