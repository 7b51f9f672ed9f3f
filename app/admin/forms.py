"""The admin pages' forms (Flask-WTF: each carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.core.orm import ID_LENGTH

# SelectChoice: WTForms 3.3 deprecates choices given as tuples.
ROLE_CHOICES = [
    SelectChoice("admin", _l("Directory administrator")),
    SelectChoice("supervisor", _l("Supervisor")),
    SelectChoice("caseworker", _l("Caseworker")),
    SelectChoice("agency", _l("Agency")),
]


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


class AddUserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter an e-mail.")), Length(max=254)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired()])
    team = StringField(
        _l("Team (supervisor, caseworker)"), validators=[Optional(), Length(max=200)], filters=[_strip]
    )
    organization = StringField(
        _l("Organization id (agency)"), validators=[Optional(), Length(max=ID_LENGTH)], filters=[_strip]
    )
    agency_admin = BooleanField(_l("May invite colleagues of the organization (agency)"))
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    lang = SelectField(
        _l("Language"), choices=[SelectChoice("fr", "Français"), SelectChoice("en", "English")]
    )


class ActionForm(FlaskForm):
    """The per-account buttons (disable, new link): nothing but the CSRF token."""


class ApiKeyForm(FlaskForm):
    name = StringField(
        _l("Who the key is for"),
        validators=[DataRequired(_l("Say who the key is for.")), Length(max=200)],
        filters=[_strip],
    )
    rate_limit = StringField(
        _l("Requests allowed"),
        default="20000/minute",
        description=_l("As many requests as this, per minute, hour or second: 20000/minute."),
        validators=[DataRequired(_l("Write a rate such as 20000/minute.")), Length(max=64)],
        filters=[_strip],
    )
