"""The run report: what was read, created, updated, left unchanged or rejected, and every warning."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import gettext as _
from app.core.i18n import lazy_gettext as _l
from importers.errors import Problem

MAX_KEPT_WARNINGS = 500  # beyond this, warnings are counted by kind only

# Each way the loader changes or gives up on a value, in the order the report lists them.
NORMALIZATIONS = {
    "text_cleaned": _l("texts cleaned (HTML, spaces)"),
    "phone_normalized": _l("phones normalized"),
    "phone_unparsed": _l("phones unreadable, kept as written"),
    "postal_code_normalized": _l("postal codes normalized"),
    "postal_code_invalid": _l("postal codes invalid, kept as written"),
    "address_tidied": _l("address lines tidied"),
    "url_normalized": _l("web addresses normalized"),
    "url_invalid": _l("web addresses invalid, left empty"),
    "email_normalized": _l("e-mail addresses normalized"),
    "email_invalid": _l("e-mail addresses invalid"),
    "language_normalized": _l("language codes normalized"),
    "hours_structured": _l("opening hours read from text"),
    "hours_unparsed": _l("opening hours kept as text only"),
    "ages_from_text": _l("age limits read from eligibility text"),
    "term_crosswalk": _l("taxonomy terms mapped through the crosswalk"),
}


@dataclass(slots=True)
class TableCounts:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass(slots=True)
class ImportReport:
    source: str
    fmt: str
    lang: str
    lang_detected: bool
    path: Path
    format_detected: bool = False
    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    warning_counts: Counter[str] = field(default_factory=Counter)
    rejects: list[Problem] = field(default_factory=list)
    normalized: Counter[str] = field(default_factory=Counter)  # kind (NORMALIZATIONS) -> values changed
    # Terms of this source no crosswalk entry maps to the core taxonomy: (label, attributes using it)
    unmapped_terms: list[tuple[str, int]] = field(default_factory=list)
    # Organization ids services point to and the files lack -> services kept under their placeholder
    placeholders: Counter[str] = field(default_factory=Counter)
    # Published agency edits a re-import brought back to their old value (kept), or changed (to review)
    agency_edits_kept: int = 0
    agency_conflicts: int = 0
    run_id: int | None = None
    seconds: float = 0.0

    def counts_for(self, table: str) -> TableCounts:
        return self.counts.setdefault(table, TableCounts())

    def count(self, table: str, kind: str) -> int:
        counts = self.counts.get(table)
        return getattr(counts, kind) if counts else 0

    def total(self, kind: str) -> int:
        return sum(getattr(c, kind) for c in self.counts.values())

    def warn(self, problem: Problem) -> None:
        self.warning_counts[problem.code] += 1
        if len(self.warnings) < MAX_KEPT_WARNINGS:
            self.warnings.append(problem)

    def reject(self, problem: Problem) -> None:
        self.rejects.append(problem)

    def note(self, kind: str, times: int = 1) -> None:
        """One more value changed (or given up on) by normalization; `kind` is a key of NORMALIZATIONS."""
        self.normalized[kind] += times

    @property
    def warning_total(self) -> int:
        return sum(self.warning_counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.total("created") or self.total("updated"))


def _header() -> str:
    table, read, created = _("table"), _("read"), _("created")
    updated, unchanged, rejected = _("updated"), _("unchanged"), _("rejected")
    return f"{table:<24}{read:>9}{created:>9}{updated:>9}{unchanged:>11}{rejected:>10}"


def render_report(report: ImportReport, limit: int = 20) -> str:
    """A plain-text report for the terminal, in the current locale."""
    language = _("detected") if report.lang_detected else _("given")
    lines = [
        _(
            'Import of %(path)s (%(fmt)s, source "%(source)s", language %(lang)s, %(how)s)',
            path=str(report.path),
            fmt=_("%(fmt)s, recognized from the files", fmt=report.fmt)
            if report.format_detected
            else report.fmt,
            source=report.source,
            lang=report.lang,
            how=language,
        ),
        "",
        _header(),
    ]
    for table, counts in report.counts.items():
        lines.append(
            f"{table:<24}{counts.read:>9}{counts.created:>9}{counts.updated:>9}"
            f"{counts.unchanged:>11}{counts.rejected:>10}"
        )
    lines.append("")
    lines.extend(_normalizations(report))
    lines.extend(_unmapped(report, limit))
    lines.extend(_placeholders(report, limit))
    lines.extend(_agency_edits(report))
    if not report.changed:
        lines.append(_("No change: the directory already holds exactly this data."))
    if report.rejects:
        lines.append(
            _(
                "%(num)d rows rejected (kept in the quarantine of run %(run)s):",
                num=len(report.rejects),
                run=report.run_id or "-",
            )
        )
        lines.extend(f"  {problem.render()}" for problem in report.rejects[:limit])
        if len(report.rejects) > limit:
            lines.append(_("  ... and %(num)d more", num=len(report.rejects) - limit))
    if report.warning_total:
        lines.append(_("%(num)d warnings:", num=report.warning_total))
        lines.extend(f"  {problem.render()}" for problem in report.warnings[:limit])
        if report.warning_total > limit:
            lines.append(_("  ... and %(num)d more", num=report.warning_total - limit))
    lines.append(_("Done in %(seconds).1f s.", seconds=report.seconds))
    return "\n".join(lines)


def _normalizations(report: ImportReport) -> list[str]:
    """One line per kind of normalization that did something in this run: its label and how often."""
    kinds = [kind for kind in NORMALIZATIONS if report.normalized.get(kind)]
    if not kinds:
        return []
    lines = [_("Normalization:")]
    lines.extend(f"  {NORMALIZATIONS[kind]!s:<48}{report.normalized[kind]:>8}" for kind in kinds)
    return [*lines, ""]


def _unmapped(report: ImportReport, limit: int) -> list[str]:
    if not report.unmapped_terms:
        return []
    lines = [
        _(
            "%(num)d taxonomy terms are not mapped to the core taxonomy (kept as imported; uses in "
            "brackets):",
            num=len(report.unmapped_terms),
        )
    ]
    lines.extend(f"  {label} ({uses})" for label, uses in report.unmapped_terms[:limit])
    if len(report.unmapped_terms) > limit:
        lines.append(_("  ... and %(num)d more", num=len(report.unmapped_terms) - limit))
    return [*lines, ""]


def _agency_edits(report: ImportReport) -> list[str]:
    lines = []
    if report.agency_edits_kept:
        lines.append(
            _(
                "%(num)d fields an agency edited were kept: this import brings the value they replaced.",
                num=report.agency_edits_kept,
            )
        )
    if report.agency_conflicts:
        lines.append(
            _(
                "%(num)d fields an agency edited differ in this import: the agency's values stay, the "
                "import's wait in the review queue (conflicts).",
                num=report.agency_conflicts,
            )
        )
    return [*lines, ""] if lines else []


def _placeholders(report: ImportReport, limit: int) -> list[str]:
    """The organization ids services point to and the files lack, each now a placeholder to review."""
    if not report.placeholders:
        return []
    lines = [
        _(
            "%(num)d organizations the services point to are missing from the files: each is a placeholder "
            "organization, marked for review (carrefour dedupe --report) until an import brings it (services "
            "in brackets):",
            num=len(report.placeholders),
        )
    ]
    listed = sorted(report.placeholders.items(), key=lambda item: (-item[1], item[0]))
    lines.extend(f"  {source_id} ({services})" for source_id, services in listed[:limit])
    if len(listed) > limit:
        lines.append(_("  ... and %(num)d more", num=len(listed) - limit))
    return [*lines, ""]
