"""`carrefour dedupe` in words: candidate pairs, their reasons and the counts of a run, in the reader's
language (links store reason codes and values, never sentences)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.core.i18n import current_locale
from app.core.i18n import gettext as _
from app.core.taxonomy import term_label
from importers.dedupe import Candidate, DedupeResult, DedupeStats
from importers.dedupe_scoring import Record
from importers.placeholders import Placeholder, list_placeholders


def _locale() -> str:
    return str(current_locale() or "en")[:2]


def _category(code: Any) -> str:
    return term_label("needs", str(code), _locale())


def reason_text(code: str, value: Any) -> str:
    texts: dict[str, Callable[[], str]] = {
        "same_name": lambda: _("same name"),
        "names_alike": lambda: _("names %(percent)d %% alike", percent=value),
        "different_kinds": lambda: _("different kinds of organization (%(value)s)", value=value),
        "different_numbers": lambda: _("different numbers in the names (%(value)s)", value=value),
        "same_phone": lambda: _("same phone %(value)s", value=value),
        "different_phones": lambda: _("different phones"),
        "same_website": lambda: _("same website %(value)s", value=value),
        "different_websites": lambda: _("different websites"),
        "same_email": lambda: _("same e-mail %(value)s", value=value),
        "same_postal_code": lambda: _("same postal code %(value)s", value=value),
        "different_postal_codes": lambda: _("different postal codes, same area (%(value)s)", value=value),
        "different_areas": lambda: _("different postal areas (%(value)s)", value=value),
        "same_address": lambda: _("same address %(value)s", value=value),
        "same_organization": lambda: _("same organization"),
        "linked_organizations": lambda: _("organizations linked as duplicates"),
        "alike_organizations": lambda: _("organization names %(percent)d %% alike", percent=value),
        "different_organizations": lambda: _("different organizations"),
        "same_category": lambda: _("same category %(value)s", value=_category(value)),
        "different_categories": lambda: _("different categories (%(value)s)", value=value),
    }
    render = texts.get(code)
    return render() if render else code


def reasons_line(reasons: list[dict[str, Any]]) -> str:
    return "; ".join(f"{reason_text(r['code'], r.get('value'))} ({r.get('points', 0):+d})" for r in reasons)


def status_label(status: str | None) -> str:
    labels = {
        "sure": _("sure match"),
        "review": _("to review"),
        "confirmed": _("confirmed by a person"),
        "rejected": _("rejected by a person"),
    }
    return labels.get(status or "", _("below the thresholds"))


def record_label(record: Record) -> str:
    return f"{record.label} ({record.source}: {record.source_id})"


def _header(candidate: Candidate) -> str:
    score, status = candidate.scored.score, status_label(candidate.status)
    if candidate.link_id is None:
        if candidate.kind == "organization":
            return _(
                "organization pair (not recorded yet): score %(score)d, %(status)s",
                score=score,
                status=status,
            )
        return _("service pair (not recorded yet): score %(score)d, %(status)s", score=score, status=status)
    if candidate.kind == "organization":
        return _(
            "organization pair %(id)d: score %(score)d, %(status)s",
            id=candidate.link_id,
            score=score,
            status=status,
        )
    return _(
        "service pair %(id)d: score %(score)d, %(status)s", id=candidate.link_id, score=score, status=status
    )


def candidate_lines(candidate: Candidate) -> list[str]:
    reasons = [reason.as_dict() for reason in candidate.scored.reasons]
    return [
        _header(candidate),
        _("  kept: %(record)s", record=record_label(candidate.canonical)),
        _("  duplicate: %(record)s", record=record_label(candidate.duplicate)),
        _("  why: %(reasons)s", reasons=reasons_line(reasons)),
    ]


def stats_line(kind: str, stats: DedupeStats) -> str:
    every = stats.records * (stats.records - 1) // 2
    if kind == "organization":
        return _(
            "Organizations: %(records)d records, %(scored)d pairs scored instead of %(all)d.",
            records=stats.records,
            scored=stats.scored,
            all=every,
        )
    return _(
        "Services: %(records)d records, %(scored)d pairs scored instead of %(all)d.",
        records=stats.records,
        scored=stats.scored,
        all=every,
    )


def report_lines(pairs: list[Candidate], stats: dict[str, DedupeStats]) -> list[str]:
    lines = [line for candidate in pairs for line in candidate_lines(candidate)]
    lines += [stats_line(kind, kind_stats) for kind, kind_stats in stats.items()]
    lines.append(_("%(num)d candidate pairs.", num=len(pairs)))
    return lines


def decision_line(link_id: int, confirm: bool, kept: str, duplicate: str) -> str:
    if confirm:
        return _(
            "Pair %(id)d confirmed: %(kept)s is kept and shown, %(duplicate)s is linked behind it.",
            id=link_id,
            kept=kept,
            duplicate=duplicate,
        )
    return _(
        "Pair %(id)d rejected: %(kept)s and %(duplicate)s stay apart and will not be proposed again.",
        id=link_id,
        kept=kept,
        duplicate=duplicate,
    )


def _record_json(record: Record) -> dict[str, Any]:
    return {"id": record.id, "name": record.label, "source": record.source, "source_id": record.source_id}


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "kind": candidate.kind,
        "link_id": candidate.link_id,
        "status": candidate.status or "below_thresholds",
        "score": candidate.scored.score,
        "name_similarity": candidate.scored.name_similarity,
        "kept": _record_json(candidate.canonical),
        "duplicate": _record_json(candidate.duplicate),
        "reasons": [
            {**reason.as_dict(), "text": reason_text(reason.code, reason.value)}
            for reason in candidate.scored.reasons
        ],
    }


def result_lines(result: DedupeResult) -> list[str]:
    lines = []
    for kind, counts in result.counts.items():
        values = {
            "sure": counts.sure,
            "confirmed": counts.confirmed,
            "review": counts.review,
            "created": counts.created,
            "updated": counts.updated,
            "removed": counts.removed,
            "rejected": counts.rejected,
        }
        if kind == "organization":
            lines.append(
                _(
                    "Organizations: %(sure)d linked, %(confirmed)d confirmed, %(review)d to review "
                    "(%(created)d new, %(updated)d updated, %(removed)d withdrawn); "
                    "%(rejected)d rejected pairs left alone.",
                    **values,
                )
            )
        else:
            lines.append(
                _(
                    "Services: %(sure)d linked, %(confirmed)d confirmed, %(review)d to review "
                    "(%(created)d new, %(updated)d updated, %(removed)d withdrawn); "
                    "%(rejected)d rejected pairs left alone.",
                    **values,
                )
            )
    lines.append(
        _(
            "%(hidden)d duplicate services hidden from search (their kept twin is shown); "
            "%(changed)d changed with this run.",
            hidden=result.hidden,
            changed=result.changed,
        )
    )
    if any(counts.review for counts in result.counts.values()):
        lines.append(_("Pairs to review: carrefour dedupe --report, then --confirm ID or --reject ID."))
    return lines


def review_placeholders(session: Session) -> list[Placeholder]:
    """Placeholder organizations (ids services point to that their source's files lacked), to review."""
    return list_placeholders(session, _locale())


def placeholder_lines(placeholders: list[Placeholder]) -> list[str]:
    if not placeholders:
        return []
    lines = [
        _(
            "%(num)d placeholder organizations to review (their services point to an organization id the "
            "source's files lack; an import that brings it replaces the placeholder):",
            num=len(placeholders),
        )
    ]
    lines.extend(
        _(
            "  %(name)s (%(source)s: %(source_id)s), services: %(services)d",
            name=p.name,
            source=p.source,
            source_id=p.source_id,
            services=p.services,
        )
        for p in placeholders
    )
    return lines
