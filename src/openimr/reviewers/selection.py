"""Choosing the physician reviewer for a case: qualified, fit, free of conflicts, least loaded.

Every reviewer on the panel is either chosen, qualified-but-not-chosen, or excluded with the
reasons named; with nobody qualified the selection refuses (:class:`NoQualifiedReviewer`)
instead of picking the least bad. The chosen reviewer's identity stays inside the IMRO:
:meth:`ReviewerSelection.credentials` is all a letter may print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from openimr.domain.bundle import CaseBundle
from openimr.domain.determination import ReviewerCredentials
from openimr.domain.reviewer import ReviewerProfile
from openimr.errors import NoQualifiedReviewer
from openimr.reviewers.conflicts import conflicts
from openimr.reviewers.panel import Panel, load_panel
from openimr.reviewers.specialties import (
    ItemFit,
    ParsedItem,
    SpecialtyMatcher,
    default_matcher,
)

MIN_YEARS_EXCLUSIVE = 5  # "more than five years" of active practice
MIN_HOURS_PER_WEEK = 24  # "at least 24 hours a week"
HOME_STATE = "California"  # preferred licence on a tie (the letters print the state)


@dataclass
class ReviewerSelection:
    """The chosen reviewer with the reasoning, and why every other reviewer was passed over."""

    reviewer: ReviewerProfile
    specialties: list[str]  # specialties fit for every disputed item of the case
    explanation: str
    excluded: list[tuple[str, str]]  # (reviewer id, reason) for every excluded reviewer
    qualified: list[ReviewerProfile] = field(default_factory=list)  # chosen one first
    items: list[ItemFit] = field(default_factory=list)
    fitting_certifications: list[str] = field(default_factory=list)  # the chosen one's, canonical

    def credentials(self) -> ReviewerCredentials:
        """What the letter may say: the fitting board certification, subspecialty, states."""
        return credentials_for(self.reviewer, self.fitting_certifications)


def credentials_for(reviewer: ReviewerProfile, fitting: list[str]) -> ReviewerCredentials:
    """Board certification (a fitting one when possible), subspecialty and licensed states."""
    m = default_matcher()
    boards = [reviewer.board_certification, *reviewer.board_certifications]
    subs = [s for s in [reviewer.subspecialty, *reviewer.subspecialties] if s]
    board = next((b for b in boards if (m.canonical(b) or b) in fitting), boards[0])
    sub = next((s for s in subs if (m.canonical(s) or s) in fitting), subs[0] if subs else None)
    return ReviewerCredentials(
        board_certification=m.canonical(board) or board,
        subspecialty=(m.canonical(sub) or sub) if sub else None,
        licensed_in=reviewer.good_standing_states() or list(reviewer.licensed_in),
    )


def parse_items(bundle: CaseBundle) -> dict[str, ParsedItem]:
    """Intake's reading of each disputed item (service, category, regions, decided portion)."""
    from openimr.intake.requests import parse_request

    out: dict[str, ParsedItem] = {}
    for r in bundle.requests:
        sr = parse_request(r.item, r.ur_decision)
        keys = [k for k in (sr.service, sr.category) if k]
        out[r.id] = ParsedItem(sr.decided_text or r.item, keys, list(sr.regions))
    return out


def disqualifications(
    reviewer: ReviewerProfile,
    bundle: CaseBundle,
    items: list[ItemFit],
    matcher: SpecialtyMatcher,
    on: dt.date,
) -> list[str]:
    """Every reason ``reviewer`` may not review ``bundle`` (empty: qualified)."""
    reasons: list[str] = []
    if not reviewer.available:
        reasons.append("not available")
    elif not reviewer.is_available(on):
        reasons.append(f"unavailable until {reviewer.unavailable_until}")
    if not reviewer.good_standing_states():
        standing = ", ".join(f"{s}: {reviewer.standing_in(s)}" for s in reviewer.licensed_in)
        reasons.append(f"no licence in good standing ({standing})")
    if reviewer.sanctions:
        reasons.append(f"discipline or sanctions on record ({'; '.join(reviewer.sanctions)})")
    if reviewer.years_in_practice <= MIN_YEARS_EXCLUSIVE:
        reasons.append(
            f"{reviewer.years_in_practice} years in active practice "
            f"(more than {MIN_YEARS_EXCLUSIVE} required)"
        )
    if reviewer.hours_per_week < MIN_HOURS_PER_WEEK:
        reasons.append(
            f"{reviewer.hours_per_week} hours a week in active practice "
            f"(at least {MIN_HOURS_PER_WEEK} required)"
        )
    certs = reviewer.certifications()
    unfit = [it.reason() for it in items if not matcher.fits_item(certs, it)]
    if unfit:
        held = ", ".join(matcher.canonical(c) or c for c in certs)
        reasons.append(f"no certification fit for {', '.join(unfit)}: holds {held}")
    reasons.extend(c.reason() for c in conflicts(reviewer, bundle))
    return reasons


def _resolve_panel(panel: Panel | Path | str | None, matcher: SpecialtyMatcher) -> Panel:
    if isinstance(panel, Panel):
        return panel
    return load_panel(panel, matcher)


def select_reviewer(
    bundle: CaseBundle,
    panel: Panel | Path | str | None = None,
    *,
    on: dt.date | None = None,
    workload: Mapping[str, int] | None = None,
    exclude: Mapping[str, str] | None = None,
    matcher: SpecialtyMatcher | None = None,
) -> ReviewerSelection:
    """Choose the reviewer for ``bundle`` from ``panel`` (None: the packaged panel).

    ``workload`` adds open cases per reviewer id (e.g. counted in the case store) to the
    panel's ``open_cases``; ``exclude`` removes reviewers by id with a stated reason (e.g. a
    recusal); ``on`` is the date availability is judged for (default: today).
    """
    m = matcher or default_matcher()
    pnl = _resolve_panel(panel, m)
    when = on or dt.date.today()
    fit = m.case_fit(bundle, parse_items(bundle))
    extra = workload or {}
    excluded: list[tuple[str, str]] = []
    qualified: list[tuple[tuple[int, int, str], ReviewerProfile]] = []
    for r in pnl.reviewers:
        reasons = []
        if exclude and r.id in exclude:
            reasons.append(exclude[r.id])
        reasons += disqualifications(r, bundle, fit.items, m, when)
        if reasons:
            excluded.append((r.id, "; ".join(reasons)))
            continue
        load = r.open_cases + extra.get(r.id, 0)
        home = 0 if HOME_STATE in r.good_standing_states() else 1
        qualified.append(((load, home, r.id), r))

    items_txt = "; ".join(f"{it.reason()} -> {', '.join(it.specialties)}" for it in fit.items)
    if not qualified:
        detail = " | ".join(f"{rid}: {why}" for rid, why in excluded)
        split = ""
        if len(fit.items) > 1 and not fit.common:
            split = (
                "no single specialty is fit for every disputed item, so the case needs a "
                "reviewer certified in several or one reviewer per item; "
            )
        raise NoQualifiedReviewer(
            f"case {bundle.case_number}: no qualified reviewer on the panel of "
            f"{len(pnl.reviewers)}: {split}fit specialties: {items_txt}; excluded: {detail}"
        )
    qualified.sort(key=lambda kr: kr[0])
    (load, _home, _), chosen = qualified[0]
    fitting: list[str] = []
    for it in fit.items:
        for c in m.fits_item(chosen.certifications(), it):
            if c not in fitting:
                fitting.append(c)
    others = ", ".join(f"{r.id}: {k[0]}" for k, r in qualified[1:])
    creds = credentials_for(chosen, fitting)
    sub = f", subspecialty {creds.subspecialty}" if creds.subspecialty else ""
    tie = ""
    if len(qualified) > 1 and qualified[1][0][0] == load:
        tie = " (tie on workload broken by California licence, then reviewer id)"
    explanation = (
        f"Chose reviewer {chosen.id} ({creds.board_certification}{sub}; licensed in "
        f"{', '.join(creds.licensed_in)}; {chosen.years_in_practice} years in practice, "
        f"{chosen.hours_per_week} h/week) for case {bundle.case_number}: fit for every "
        f"disputed item ({items_txt}); no affiliation with the employer, claims "
        f"administrator or providers; {load} open cases, the fewest among "
        f"{len(qualified)} qualified reviewer(s)"
        + (f" (others: {others})" if others else "")
        + tie
        + f"; {len(excluded)} excluded."
    )
    return ReviewerSelection(
        reviewer=chosen,
        specialties=fit.common,
        explanation=explanation,
        excluded=excluded,
        qualified=[r for _, r in qualified],
        items=fit.items,
        fitting_certifications=fitting,
    )
