"""The case life cycle: which state may follow which, and the error for a refused step.

    received -> eligible | ineligible
    eligible -> assigned -> records_complete -> in_review -> determined -> issued
    any open state -> terminated (the claims administrator authorised the treatment)

``determined`` means a physician reviewer signed the determination; only then can a letter
be issued. An ``incomplete`` eligibility screen leaves the case ``received``.
"""

from __future__ import annotations

from typing import Literal

from openimr.errors import OpenIMRError

State = Literal[
    "received",
    "eligible",
    "ineligible",
    "assigned",
    "records_complete",
    "in_review",
    "determined",
    "issued",
    "terminated",
]

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("eligible", "ineligible", "terminated"),
    "eligible": ("assigned", "terminated"),
    "ineligible": (),
    "assigned": ("assigned", "records_complete", "terminated"),  # re-assignment allowed
    "records_complete": ("in_review", "terminated"),
    "in_review": ("in_review", "determined", "terminated"),  # a fresh draft is allowed
    "determined": ("issued",),
    "issued": (),
    "terminated": (),
}
OPEN_STATES = ("received", "eligible", "assigned", "records_complete", "in_review", "determined")
FINAL_STATES = ("ineligible", "issued", "terminated")


class CaseError(OpenIMRError):
    """A case step was refused: unknown case, wrong state, unsigned draft, bad edits..."""


class CaseNotFound(CaseError):
    """No case with that number."""


class CaseConflict(CaseError):
    """The step does not fit the case's present state (someone else moved it first)."""


class CaseForbidden(CaseError):
    """The acting user may not take this step on this case (e.g. not its reviewer)."""


class CaseTampered(CaseError):
    """A stored record no longer matches what was sealed (e.g. a changed signed determination)."""


def check_transition(case_number: str, current: str, target: str) -> None:
    """Refuse a step the life cycle does not allow, naming what would be allowed."""
    allowed = TRANSITIONS.get(current, ())
    if target not in allowed:
        nxt = ", ".join(allowed) if allowed else "nothing (final state)"
        raise CaseConflict(
            f"case {case_number}: cannot go from '{current}' to '{target}' (allowed: {nxt})"
        )
