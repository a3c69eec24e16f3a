"""Choosing the physician reviewer for a case: qualified, fit, free of conflicts, least loaded.

Every reviewer on the panel is either chosen, qualified-but-not-chosen, or excluded with the
reasons named. When no one qualified reviewer is fit for every disputed item the case is split:
a smallest set (greedy cover) of qualified, conflict-free reviewers decides it, each the items
they are fit for. Only when even a split leaves an item without a fit reviewer does the
selection refuse (:class:`NoQualifiedReviewer`) instead of picking the least bad. Reviewers'
identities stay inside the IMRO: :meth:`ReviewerSelection.credentials` (and
:meth:`ReviewerSelection.additional_reviewers`) are all a letter may print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openimr.domain.bundle import CaseBundle
from openimr.domain.determination import AdditionalReviewer, ReviewerCredentials
from openimr.domain.reviewer import ReviewerProfile
from openimr.errors import NoQualifiedReviewer
from openimr.reviewers.conflicts import conflicts
from openimr.reviewers.panel import Panel, load_panel
from openimr.reviewers.specialties import (
    CaseFit,
    ItemFit,
    ParsedItem,
    SpecialtyMatcher,
    default_matcher,
)

if TYPE_CHECKING:
    from openimr.routing import RoutedItem

MIN_YEARS_EXCLUSIVE = 5  # "more than five years" of active practice
MIN_HOURS_PER_WEEK = 24  # "at least 24 hours a week"
HOME_STATE = "California"  # preferred licence on a tie (the letters print the state)


@dataclass
class ReviewerAssignment:
    """One reviewer of the case and the disputed items (request ids) they decide."""

    reviewer: ReviewerProfile
    items: list[str]
    fitting_certifications: list[str]  # canonical, fit for those items

    def credentials(self) -> ReviewerCredentials:
        return credentials_for(self.reviewer, self.fitting_certifications)


@dataclass
class ReviewerSelection:
    """The chosen reviewer with the reasoning, and why every other reviewer was passed over.

    ``reviewer`` is the primary reviewer (of a split case: the one deciding the most items);
    ``assignments`` says who decides which item, the primary first (one entry unless split).
    """

    reviewer: ReviewerProfile
    specialties: list[str]  # specialties fit for every disputed item of the case
    explanation: str
    excluded: list[tuple[str, str]]  # (reviewer id, reason) for every excluded reviewer
    qualified: list[ReviewerProfile] = field(default_factory=list)  # chosen one(s) first
    items: list[ItemFit] = field(default_factory=list)
    fitting_certifications: list[str] = field(default_factory=list)  # the primary's, canonical
    assignments: list[ReviewerAssignment] = field(default_factory=list)

    @property
    def split(self) -> bool:
        return len(self.assignments) > 1

    def credentials(self) -> ReviewerCredentials:
        """What the letter may say: the fitting board certification, subspecialty, states."""
        return credentials_for(self.reviewer, self.fitting_certifications)

    def additional_reviewers(self) -> list[AdditionalReviewer]:
        """A split case's other reviewers: credentials and the items each decides."""
        return [
            AdditionalReviewer(**a.credentials().model_dump(), items=list(a.items))
            for a in self.assignments[1:]
        ]


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


def parse_items(
    bundle: CaseBundle, routed: tuple[RoutedItem, ...] | None = None
) -> dict[str, ParsedItem]:
    """The routed reading of each disputed item (service, category, regions, decided portion):
    the same one the engine decides on."""
    from openimr.routing import route_items

    out: dict[str, ParsedItem] = {}
    for it in routed or route_items(bundle):
        sr = it.req
        keys = [k for k in (sr.service, sr.category) if k]
        out[it.id] = ParsedItem(
            sr.decided_text or it.request.item, keys, list(sr.regions), sr.associated_surgical
        )
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


def _fitting(reviewer: ReviewerProfile, items: list[ItemFit], m: SpecialtyMatcher) -> list[str]:
    out: list[str] = []
    for it in items:
        for c in m.fits_item(reviewer.certifications(), it):
            if c not in out:
                out.append(c)
    return out


def _profile(reviewer: ReviewerProfile, creds: ReviewerCredentials) -> str:
    sub = f", subspecialty {creds.subspecialty}" if creds.subspecialty else ""
    return (
        f"{creds.board_certification}{sub}; licensed in {', '.join(creds.licensed_in)}; "
        f"{reviewer.years_in_practice} years in practice, {reviewer.hours_per_week} h/week"
    )


def _ids(items: list[str]) -> str:
    return ("item " if len(items) == 1 else "items ") + ", ".join(items)


Key = tuple[int, int, str]  # (open cases, 0 if licensed in California else 1, reviewer id)


def select_reviewer(
    bundle: CaseBundle,
    panel: Panel | Path | str | None = None,
    *,
    on: dt.date | None = None,
    workload: Mapping[str, int] | None = None,
    exclude: Mapping[str, str] | None = None,
    matcher: SpecialtyMatcher | None = None,
    routed: tuple[RoutedItem, ...] | None = None,
) -> ReviewerSelection:
    """Choose the reviewer(s) for ``bundle`` from ``panel`` (None: the packaged panel).

    ``workload`` adds open cases per reviewer id (e.g. counted in the case store) to the
    panel's ``open_cases``; ``exclude`` removes reviewers by id with a stated reason (e.g. a
    recusal); ``on`` is the date availability is judged for (default: today).

    One qualified reviewer fit for every item is preferred (fewest open cases, then a
    California licence, then id). With none, the case is split (see :func:`_split`).
    """
    m = matcher or default_matcher()
    pnl = _resolve_panel(panel, m)
    when = on or dt.date.today()
    fit = m.case_fit(bundle, parse_items(bundle, routed))
    extra = workload or {}
    excluded: list[tuple[str, str]] = []
    qualified: list[tuple[Key, ReviewerProfile]] = []
    partial: list[tuple[Key, ReviewerProfile]] = []  # qualified but fit for some items only
    for r in pnl.reviewers:
        barred = [exclude[r.id]] if exclude and r.id in exclude else []
        reasons = barred + disqualifications(r, bundle, fit.items, m, when)
        load = r.open_cases + extra.get(r.id, 0)
        home = 0 if HOME_STATE in r.good_standing_states() else 1
        if not reasons:
            qualified.append(((load, home, r.id), r))
            continue
        excluded.append((r.id, "; ".join(reasons)))
        certs = r.certifications()
        if (
            not barred
            and any(m.fits_item(certs, it) for it in fit.items)
            and not disqualifications(r, bundle, [], m, when)
        ):
            partial.append(((load, home, r.id), r))

    items_txt = "; ".join(f"{it.reason()} -> {', '.join(it.specialties)}" for it in fit.items)
    if not qualified:
        return _split(bundle, pnl, fit, partial, excluded, items_txt, m)
    qualified.sort(key=lambda kr: kr[0])
    (load, _home, _), chosen = qualified[0]
    fitting = _fitting(chosen, fit.items, m)
    others = ", ".join(f"{r.id}: {k[0]}" for k, r in qualified[1:])
    creds = credentials_for(chosen, fitting)
    tie = ""
    if len(qualified) > 1 and qualified[1][0][0] == load:
        tie = " (tie on workload broken by California licence, then reviewer id)"
    explanation = (
        f"Chose reviewer {chosen.id} ({_profile(chosen, creds)}) for case "
        f"{bundle.case_number}: fit for every "
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
        assignments=[ReviewerAssignment(chosen, [it.request_id for it in fit.items], fitting)],
    )


def _split(
    bundle: CaseBundle,
    pnl: Panel,
    fit: CaseFit,
    partial: list[tuple[Key, ReviewerProfile]],
    excluded: list[tuple[str, str]],
    items_txt: str,
    m: SpecialtyMatcher,
) -> ReviewerSelection:
    """No one reviewer fits every item: a greedy set cover by qualified, conflict-free reviewers.

    At each step the reviewer fit for the most items not yet covered is chosen (ties: fewest
    open cases, a California licence, then id) and decides those items. The first chosen
    decides the most items and is the primary reviewer. Refuses, naming the items nobody
    qualified can decide, when even a split cannot cover the case.
    """
    covers = {
        r.id: {it.request_id for it in fit.items if m.fits_item(r.certifications(), it)}
        for _, r in partial
    }
    order = [it.request_id for it in fit.items]
    uncovered = set(order)
    pool = sorted(partial, key=lambda kr: kr[0])
    chosen: list[tuple[Key, ReviewerProfile, list[str]]] = []
    while uncovered:
        best = max(pool, key=lambda kr: len(covers[kr[1].id] & uncovered), default=None)
        # max keeps the first of equals, and the pool is in tie order (load, licence, id)
        if best is None or not covers[best[1].id] & uncovered:
            break
        mine = [i for i in order if i in covers[best[1].id] & uncovered]
        chosen.append((best[0], best[1], mine))
        uncovered -= set(mine)
        pool.remove(best)

    if uncovered or len(fit.items) < 2:
        detail = " | ".join(f"{rid}: {why}" for rid, why in excluded)
        hint = ""
        if len(fit.items) > 1:
            missing = "; ".join(
                f"{it.reason()} -> {', '.join(it.specialties)}"
                for it in fit.items
                if it.request_id in uncovered
            )
            common = (
                "no single specialty is fit for every disputed item and, " if not fit.common else ""
            )
            hint = (
                f"{common}even split among several reviewers, no qualified, "
                f"conflict-free reviewer is fit for {missing}; "
            )
        raise NoQualifiedReviewer(
            f"case {bundle.case_number}: no qualified reviewer on the panel of "
            f"{len(pnl.reviewers)}: {hint}fit specialties: {items_txt}; excluded: {detail}"
        )

    by_item = {it.request_id: it for it in fit.items}
    assignments = [
        ReviewerAssignment(r, mine, _fitting(r, [by_item[i] for i in mine], m))
        for _, r, mine in chosen
    ]
    members = {a.reviewer.id for a in assignments}
    partly = {r.id for _, r in partial}
    rest = [(rid, why) for rid, why in excluded if rid not in partly]  # the partly fit qualify
    parts = []
    for (key, r, mine), a in zip(chosen, assignments, strict=True):
        role = "primary reviewer, " if a is assignments[0] else ""
        parts.append(
            f"{r.id} ({_profile(r, a.credentials())}; {role}{key[0]} open cases) "
            f"decides {_ids(mine)}"
        )
    others = [
        f"{r.id}: {len(covers[r.id])} item(s), {k[0]} open"
        for k, r in partial
        if r.id not in members
    ]
    explanation = (
        f"Split case {bundle.case_number} among {len(assignments)} reviewers: no qualified "
        f"reviewer is fit for every disputed item ({items_txt}), so each item goes to a "
        f"qualified reviewer fit for it, choosing at each step the one fit for the most items "
        f"still open (ties: fewest open cases, California licence, then reviewer id): "
        + "; ".join(parts)
        + "; none has an affiliation with the employer, claims administrator or providers"
        + (f" (also fit for some items: {', '.join(others)})" if others else "")
        + f"; {len(rest)} excluded."
    )
    return ReviewerSelection(
        reviewer=assignments[0].reviewer,
        specialties=fit.common,
        explanation=explanation,
        excluded=rest,
        qualified=[a.reviewer for a in assignments] + [r for _, r in pool if r.id not in members],
        items=fit.items,
        fitting_certifications=assignments[0].fitting_certifications,
        assignments=assignments,
    )
