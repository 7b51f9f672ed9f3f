"""The workspace's forms (Flask-WTF: each carries a CSRF token). Each client field says why it is asked
(Law 25: collect only what the task needs, and say why); the domain checks the values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.core.casework.clients import NAME_LENGTH, NOTE_LENGTH, SHORT_NOTE_LENGTH

CONTACT_CHOICES = [
    SelectChoice("none", _l("Do not contact")),
    SelectChoice("email", _l("E-mail")),
    SelectChoice("phone", _l("Phone call")),
    SelectChoice("text", _l("Text message")),
]
INTERACTION_CHOICES = [
    SelectChoice("meeting", _l("Meeting")),
    SelectChoice("call", _l("Call")),
    SelectChoice("home-visit", _l("Home visit")),
    SelectChoice("street-outreach", _l("Street outreach")),
]
OWNER_CHOICES = [
    SelectChoice("client", _l("The client")),
    SelectChoice("caseworker", _l("The caseworker")),
    SelectChoice("other", _l("Someone else (another service, family)")),
]
LANGUAGE_CHOICES = [SelectChoice("fr", "Français"), SelectChoice("en", "English")]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class ClientForm(FlaskForm):
    display_name = StringField(
        _l("Name or initials"),
        validators=[DataRequired(_l("Enter a name or initials.")), Length(max=NAME_LENGTH)],
        filters=[_strip],
        description=_l("To find the person again in your caseload. Initials are enough if they prefer."),
    )
    birth_year = IntegerField(
        _l("Birth year"),
        validators=[Optional(), NumberRange(min=1890, max=2100, message=_l("Enter a year like 1984."))],
        description=_l("Many services have age limits: the year is enough to check them."),
    )
    birth_date = DateField(
        _l("Birth date (optional)"),
        validators=[Optional()],
        description=_l("Only if the person wants it: it tells two people of the same name apart."),
    )
    preferred_language = SelectField(
        _l("Preferred language"),
        choices=LANGUAGE_CHOICES,
        description=_l("The list of services and e-mails are written in this language."),
    )
    languages = StringField(
        _l("Languages spoken (codes, e.g. fr, en, es, ar)"),
        validators=[Optional(), Length(max=100)],
        filters=[_strip],
        description=_l("To suggest services that serve the person in a language they speak."),
    )
    contact_preference = SelectField(
        _l("How to reach them"),
        choices=CONTACT_CHOICES,
        description=_l("Only as the person chooses; “do not contact” keeps no contact at all."),
    )
    contact = StringField(
        _l("E-mail or phone number"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
        description=_l("Used only to send the list of services or to follow up, as chosen above."),
    )
    postal_code = StringField(
        _l("Postal code (or its first three characters)"),
        validators=[Optional(), Length(max=10)],
        filters=[_strip],
        description=_l("To suggest services near where the person lives or spends the day."),
    )
    team = SelectField(_l("Team"), coerce=int, validate_choice=True)
    different_person = BooleanField(_l("I checked: this is a different person"))


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Note"), validators=[DataRequired(_l("Write the note.")), Length(max=NOTE_LENGTH)]
    )
    shared = BooleanField(_l("Shared with the team (otherwise only you can read it)"), default=True)


class InteractionForm(FlaskForm):
    on = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    kind = SelectField(_l("Kind"), choices=INTERACTION_CHOICES)
    note = StringField(_l("Short note"), validators=[Optional(), Length(max=SHORT_NOTE_LENGTH)])


class ReviewForm(FlaskForm):
    review_on = DateField(_l("Next review"), validators=[DataRequired(_l("Enter the date."))])


class GoalForm(FlaskForm):
    goal = StringField(
        _l("Goal"), validators=[DataRequired(_l("Write the goal.")), Length(max=SHORT_NOTE_LENGTH)]
    )
    owner = SelectField(_l("Who does it"), choices=OWNER_CHOICES)
    due_on = DateField(_l("By (optional)"), validators=[Optional()])


class BreakGlassForm(FlaskForm):
    reason = TextAreaField(
        _l("Why you need to open this record"),
        validators=[DataRequired(_l("Say why.")), Length(min=10, max=300)],
    )


class ActionForm(FlaskForm):
    """Buttons that post nothing but the CSRF token."""
