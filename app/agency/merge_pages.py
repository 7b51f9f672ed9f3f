"""Staff pages that merge two records field by field, list the merges and undo one (admins only).

Thin over `app.core.agency.merge`. Also gives templates the words for a duplicate's reasons
(`duplicate_reason`, `duplicate_name`: jinja globals, so `agency/_duplicates.html` works when imported).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.agency.blueprint import blueprint, check_lang
from app.core.agency.fields import FIELDS, I18N, LIST, Field, read_field, record_of
from app.core.agency.merge import (
    KEPT,
    KINDS,
    MERGED,
    MergeError,
    merge_records,
    merges,
    redirect_target,
    undo_merge,
)
from app.core.i18n import LOCALES, day_name, language_name, text_of
from app.core.models import DuplicateLink
from app.core.models.accounts import UserAccount
from app.core.models.duplicates import REVIEW
from app.core.orm import ID_LENGTH
from app.web.access import is_admin, requires
from app.web.extensions import db
from app.web.search import follow_changes
from importers.dedupe_report import reason_text

FIELD_LABELS: dict[str, Any] = {
    "name": _l("Name"),
    "alternate_name": _l("Other name"),
    "description": _l("Description"),
    "email": _l("E-mail"),
    "website": _l("Website"),
    "url": _l("Website"),
    "phones": _l("Phones"),
    "status": _l("Status"),
    "eligibility_description": _l("Eligibility"),
    "minimum_age": _l("Minimum age"),
    "maximum_age": _l("Maximum age"),
    "application_process": _l("How to apply"),
    "fees_description": _l("Fees"),
    "required_documents": _l("Documents to bring"),
    "languages": _l("Languages"),
    "interpretation_services": _l("Interpretation"),
    "wait_time": _l("Wait time"),
    "contacts": _l("Contacts"),
    "hours": _l("Hours"),
}
KIND_LABELS: dict[str, Any] = {"organization": _l("Organization"), "service": _l("Service")}
PROBLEMS: dict[str, Any] = {
    "unknown_kind": _l("Choose an organization or a service."),
    "same_record": _l("A record cannot be merged into itself: enter two different ids."),
    "unknown_record": _l("No record of this kind has the id %(id)s."),
    "already_merged": _l("%(id)s was already merged into another record."),
    "kept_is_merged": _l(
        "%(id)s was merged into another record since: undo that merge first, or keep that record."
    ),
    "unknown_field": _l("These fields are not fields of the record: %(fields)s."),
    "unknown_choice": _l("Choose the kept or the merged value for: %(fields)s."),
    "unknown_merge": _l("There is no merge %(id)s."),
    "already_undone": _l("This merge was already undone."),
    "changed_since": _l(
        "These fields of the kept record changed since the merge, undoing would overwrite them: %(fields)s."
    ),
}


def problem_text(error: MergeError) -> str:
    params = dict(error.params)
    if "fields" in params:
        params["fields"] = ", ".join(str(FIELD_LABELS.get(str(n), n)) for n in params["fields"])  # type: ignore[attr-defined]
    message = PROBLEMS.get(error.code)
    return str(message) % params if message is not None else error.code


# --- the words for duplicates, for every template ----------------------------------------------------


def duplicate_reason(reason: dict[str, Any]) -> str:
    """One reason of a duplicate pair in the reader's language, with its points: "same phone ... (+25)"."""
    code = str(reason.get("code", ""))
    text = _("merged by staff") if code == "merged" else reason_text(code, reason.get("value"))
    return f"{text} ({int(reason.get('points') or 0):+d})"


def duplicate_name(name: dict[str, str] | None, lang: str) -> str:
    return text_of(name, lang, default="—")


@blueprint.record_once
def _globals(state: Any) -> None:
    state.app.jinja_env.globals.update(duplicate_reason=duplicate_reason, duplicate_name=duplicate_name)


# --- forms ---------------------------------------------------------------------------------------------

KIND_CHOICES = [SelectChoice("service", _l("Service")), SelectChoice("organization", _l("Organization"))]


class PickForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only reads

    kind = SelectField(_l("Kind of record"), choices=KIND_CHOICES)
    kept = StringField(_l("Id of the record kept"), validators=[DataRequired(), Length(max=ID_LENGTH)])
    merged = StringField(
        _l("Id of the record merged into it"), validators=[DataRequired(), Length(max=ID_LENGTH)]
    )


class UndoForm(FlaskForm):
    pass


def merge_form(kind: str) -> type[FlaskForm]:
    """A form with one choice (kept / merged) per field of the kind of record."""

    class MergeForm(FlaskForm):
        pass

    MergeForm.kind = HiddenField(default=kind)  # type: ignore[attr-defined]
    MergeForm.kept = HiddenField(validators=[DataRequired()])  # type: ignore[attr-defined]
    MergeForm.merged = HiddenField(validators=[DataRequired()])  # type: ignore[attr-defined]
    for spec in FIELDS[kind]:
        choice = RadioField(
            FIELD_LABELS.get(spec.name, spec.name),
            choices=[SelectChoice(KEPT, _l("Kept record's")), SelectChoice(MERGED, _l("Merged record's"))],
            default=KEPT,
        )
        setattr(MergeForm, f"field_{spec.name}", choice)
    return MergeForm


# --- showing values --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    lang: str | None = None  # the language the text is in, when it is one side of a bilingual text
    tag: str | None = None  # "FR", "EN"


def shown(spec: Field, value: Any, lang: str) -> list[Line]:
    """A field's value as lines a person reads; empty when the record has none."""
    if value in (None, "", [], {}):
        return []
    if spec.kind == I18N:
        return [Line(value[loc], loc, loc.upper()) for loc in LOCALES if (value or {}).get(loc)]
    if spec.kind != LIST:
        return [Line(str(value))]
    if spec.name == "hours":
        return [
            Line(f"{', '.join(day_name(d, lang) for d in days.split(',') if d)} {opens}–{closes}")
            for days, opens, closes in value
        ]
    if spec.name == "languages":
        return [Line(language_name(code, lang)) for code in value]
    if spec.name == "required_documents":
        return [
            Line(" / ".join(f"{loc.upper()}: {text}" for loc, text in sorted(doc.items()) if text))
            if isinstance(doc, dict)
            else Line(str(doc))
            for doc in value
        ]
    if spec.name == "contacts":
        return [Line(" ".join(part for part in (c.get("name"), c.get("email")) if part)) for c in value]
    if spec.name == "address":
        return [Line(", ".join(part for part in value.values() if part))]
    return [Line(str(item)) for item in value]


@dataclass(frozen=True, slots=True)
class Row:
    spec: Field
    label: str
    kept: list[Line]
    merged: list[Line]
    alike: bool


def _name(record: Any, lang: str) -> str:
    return text_of(getattr(record, "name", None), lang, default=getattr(record, "id", ""))


def _label_of(kind: str, record_id: str, lang: str) -> str:
    record = record_of(db.session, kind, record_id)
    return _name(record, lang) if record is not None else record_id


# --- pages -----------------------------------------------------------------------------------------------


@blueprint.get("/<lang>/review/merge")
@requires(is_admin)
def merge_page(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    kind = request.args.get("kind", "service")
    kept_id, merged_id = request.args.get("kept", "").strip(), request.args.get("merged", "").strip()
    if kind not in KINDS:
        abort(404)
    if not (kept_id and merged_id):
        return _pick_page(lang, kind, kept_id, merged_id)
    # An id merged since: its page is the record it was merged into.
    kept_target, merged_target = redirect_target(db.session, kept_id), redirect_target(db.session, merged_id)
    if kept_target or merged_target:
        target = url_for(
            "agency.merge_page",
            lang=lang,
            kind=kind,
            kept=kept_target or kept_id,
            merged=merged_target or merged_id,
        )
        return redirect(target, 301)
    kept, merged = record_of(db.session, kind, kept_id), record_of(db.session, kind, merged_id)
    if kept is None or merged is None or kept_id == merged_id:
        code = "same_record" if kept_id == merged_id else "unknown_record"
        problem = problem_text(MergeError(code, id=kept_id if kept is None else merged_id))
        return _pick_page(lang, kind, kept_id, merged_id, problem), 404 if code == "unknown_record" else 400
    form = merge_form(kind)(kind=kind, kept=kept_id, merged=merged_id)
    rows = []
    for spec in FIELDS[kind]:
        kept_value = read_field(db.session, kind, kept, spec.name)
        merged_value = read_field(db.session, kind, merged, spec.name)
        rows.append(
            Row(
                spec,
                str(FIELD_LABELS.get(spec.name, spec.name)),
                shown(spec, kept_value, lang),
                shown(spec, merged_value, lang),
                kept_value == merged_value,
            )
        )
    return render_template(
        "agency/merge.html",
        lang=lang,
        kind=kind,
        kind_label=KIND_LABELS[kind],
        kept=kept,
        merged=merged,
        kept_name=_name(kept, lang),
        merged_name=_name(merged, lang),
        rows=rows,
        form=form,
    )


def _pick_page(lang: str, kind: str, kept_id: str, merged_id: str, problem: str | None = None) -> str:
    pick = PickForm(formdata=None, kind=kind, kept=kept_id, merged=merged_id)
    links = db.session.scalars(
        select(DuplicateLink)
        .where(DuplicateLink.status == REVIEW)
        .order_by(DuplicateLink.kind, DuplicateLink.score.desc(), DuplicateLink.id)
        .limit(200)
    ).all()
    pairs = [
        {
            "link": link,
            "kind_label": KIND_LABELS.get(link.kind, link.kind),
            "kept": _label_of(link.kind, link.canonical_id, lang),
            "merged": _label_of(link.kind, link.duplicate_id, lang),
        }
        for link in links
    ]
    return render_template("agency/merge.html", lang=lang, pick=pick, pairs=pairs, rows=None, problem=problem)


@blueprint.post("/<lang>/review/merge")
@requires(is_admin)
def merge(lang: str) -> ResponseReturnValue:
    check_lang(lang)
    kind = request.form.get("kind", "")
    if kind not in KINDS:
        flash(problem_text(MergeError("unknown_kind")), "error")
        return redirect(url_for("agency.merge_page", lang=lang))
    form = merge_form(kind)()
    kept_id, merged_id = (form.kept.data or "").strip(), (form.merged.data or "").strip()  # type: ignore[attr-defined]
    back = url_for("agency.merge_page", lang=lang, kind=kind, kept=kept_id or None, merged=merged_id or None)
    if not form.validate_on_submit():
        flash(_("The form could not be read: open the merge page again and try once more."), "error")
        return redirect(back)
    choices = {spec.name: getattr(form, f"field_{spec.name}").data or KEPT for spec in FIELDS[kind]}
    try:
        done = merge_records(db.session, kind, kept_id, merged_id, choices, current_user)
    except MergeError as error:
        db.session.rollback()
        flash(problem_text(error), "error")
        return redirect(back)
    db.session.commit()
    flash(
        ngettext(
            "%(merged)s was merged into %(kept)s (%(num)d field taken); its address leads there now.",
            "%(merged)s was merged into %(kept)s (%(num)d fields taken); its address leads there now.",
            len(done.before.get("fields", {})),
            merged=_label_of(kind, merged_id, lang),
            kept=_label_of(kind, kept_id, lang),
        )
    )
    follow_changes()  # search shows the service once, at once
    return redirect(url_for("agency.merge_list", lang=lang))


@blueprint.get("/<lang>/review/merges")
@requires(is_admin)
def merge_list(lang: str) -> str:
    check_lang(lang)
    found = merges(db.session)
    people = {
        user.id: user.email
        for user in db.session.scalars(
            select(UserAccount).where(
                UserAccount.id.in_(({m.merged_by for m in found} | {m.undone_by for m in found}) - {None})
            )
        )
    }
    rows = [
        {
            "merge": m,
            "kind_label": KIND_LABELS.get(m.kind, m.kind),
            "kept": _label_of(m.kind, m.kept_id, lang),
            "merged": _label_of(m.kind, m.merged_id, lang),
            "fields": [str(FIELD_LABELS.get(n, n)) for n in (m.before or {}).get("fields", {})],
            "by": people.get(m.merged_by) if m.merged_by else None,
            "undone_by": people.get(m.undone_by) if m.undone_by else None,
        }
        for m in found
    ]
    return render_template("agency/merges.html", lang=lang, rows=rows, form=UndoForm(), when=_when)


def _when(moment: datetime | None) -> str:
    return format_datetime(moment, "yyyy-MM-dd HH:mm") if moment else ""


@blueprint.post("/<lang>/review/merges/<int:merge_id>/undo")
@requires(is_admin)
def undo(lang: str, merge_id: int) -> ResponseReturnValue:
    check_lang(lang)
    back = redirect(url_for("agency.merge_list", lang=lang))
    if not UndoForm().validate_on_submit():
        flash(_("The form could not be read: open the merge page again and try once more."), "error")
        return back
    try:
        done = undo_merge(db.session, merge_id, current_user)
    except MergeError as error:
        db.session.rollback()
        flash(problem_text(error), "error")
        return back
    db.session.commit()
    flash(
        _(
            "The merge of %(merged)s into %(kept)s was undone: both records stand on their own again.",
            merged=_label_of(done.kind, done.merged_id, lang),
            kept=_label_of(done.kind, done.kept_id, lang),
        )
    )
    follow_changes()
    return back
