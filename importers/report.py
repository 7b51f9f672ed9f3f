"""The run report: what was read, created, updated, left unchanged or rejected, and every warning."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext as _

from importers.errors import Problem

MAX_KEPT_WARNINGS = 500  # beyond this, warnings are counted by kind only


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
