"""A referral's status: FHIR R4 Task's codes, and the one state machine every change goes through.

    requested ─▶ received ─▶ accepted ─▶ in-progress ⇄ on-hold
        │            │           │             │
        └────────────┴───────────┴─────────────┴──▶ completed · rejected · cancelled · failed (ended)

An ended referral carries the reason it ended (`OUTCOMES`): `completed` means the person got help (or was
sent on elsewhere); `rejected` is the agency's no; `cancelled` is the caseworker's or the client's stop;
`failed` is no answer, no contact. An illegal change raises `TransitionError`, naming both statuses.
"""

from __future__ import annotations

from app.core.i18n import LazyText
from app.core.i18n import lazy_gettext as _l

STATUSES: dict[str, LazyText] = {
    "requested": _l("Requested"),
    "received": _l("Received"),
    "accepted": _l("Accepted"),
    "rejected": _l("Declined"),
    "in-progress": _l("In progress"),
    "on-hold": _l("On hold"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "failed": _l("Failed"),
}
OUTCOMES: dict[str, LazyText] = {
    "got-help": _l("Got help"),
    "could-not-contact": _l("Could not reach the person"),
    "not-eligible": _l("Not eligible"),
    "no-capacity": _l("No capacity"),
    "no-longer-interested": _l("No longer interested"),
    "referred-elsewhere": _l("Referred elsewhere"),
}
ENDED = frozenset({"completed", "rejected", "cancelled", "failed"})
OPEN = frozenset(STATUSES) - ENDED
_ENDINGS = frozenset({"completed", "rejected", "cancelled", "failed"})

TRANSITIONS: dict[str, frozenset[str]] = {
    "requested": frozenset({"received", "accepted"}) | _ENDINGS - {"completed"},
    "received": frozenset({"accepted"}) | _ENDINGS - {"completed"},
    "accepted": frozenset({"in-progress", "on-hold", "completed", "cancelled", "failed"}),
    "in-progress": frozenset({"on-hold", "completed", "cancelled", "failed"}),
    "on-hold": frozenset({"in-progress", "completed", "cancelled", "failed"}),
    **{ended: frozenset() for ended in ENDED},
}
# The reasons each ending may give.
OUTCOMES_OF: dict[str, frozenset[str]] = {
    "completed": frozenset({"got-help", "referred-elsewhere"}),
    "rejected": frozenset({"not-eligible", "no-capacity", "referred-elsewhere"}),
    "cancelled": frozenset({"no-longer-interested", "referred-elsewhere", "could-not-contact"}),
    "failed": frozenset({"could-not-contact", "no-capacity"}),
}
AGENCY_MOVES = frozenset(
    {"received", "accepted", "rejected", "in-progress", "on-hold", "completed", "failed"}
)


class TransitionError(ValueError):
    """A change the state machine refuses; `code` says why (unknown_status, not_allowed, outcome_needed,
    bad_outcome, no_outcome_here)."""

    def __init__(self, code: str, current: str, target: str, outcome: str | None = None) -> None:
        super().__init__(f"{code}: {current} -> {target}" + (f" ({outcome})" if outcome else ""))
        self.code, self.current, self.target, self.outcome = code, current, target, outcome

    @property
    def message(self) -> str:
        """In the locale of the moment."""
        current, target = (
            str(STATUSES.get(self.current, self.current)),
            str(STATUSES.get(self.target, self.target)),
        )
        texts = {
            "unknown_status": _l("“%(target)s” is not a referral status.", target=self.target),
            "not_allowed": _l(
                "A referral that is “%(current)s” cannot become “%(target)s”.", current=current, target=target
            ),
            "outcome_needed": _l("Say why the referral ends (“%(target)s”).", target=target),
            "bad_outcome": _l("This reason does not fit “%(target)s”.", target=target),
            "no_outcome_here": _l("Only an ended referral has an outcome."),
        }
        return str(texts[self.code])


def check_transition(current: str, target: str, outcome: str | None = None) -> None:
    """Raise TransitionError unless `current` may become `target` (with `outcome` when it ends)."""
    if target not in STATUSES or current not in STATUSES:
        raise TransitionError("unknown_status", current, target)
    if target not in TRANSITIONS[current]:
        raise TransitionError("not_allowed", current, target)
    if target in ENDED:
        if not outcome:
            raise TransitionError("outcome_needed", current, target)
        if outcome not in OUTCOMES_OF[target]:
            raise TransitionError("bad_outcome", current, target, outcome)
    elif outcome:
        raise TransitionError("no_outcome_here", current, target, outcome)
