"""``decide(bundle)``: the whole pipeline for one case, returning a draft Determination."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Determination, ItemDecision, Request
from openimr.guidelines.registry import KnowledgeBase, load_knowledge_base
from openimr.intake.requests import StructuredRequest, parse_request
from openimr.review.conditions import TERRITORY
from openimr.review.engine import LAB_PANELS, SurgeryLink, decide_item, is_associated, is_surgery
from openimr.review.summary import compose_summary

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet


def decision_date_for(bundle: CaseBundle) -> dt.date:
    """The date the determination speaks from: the bundle's, else today.

    The guideline edition in force on that date is the one applied, so an old case is
    decided under the MTUS of its time.
    """
    return bundle.dates.decision or dt.date.today()


def decide(
    bundle: CaseBundle,
    *,
    panel: Path | str | None = None,
    kb: KnowledgeBase | None = None,
    decision_date: dt.date | None = None,
) -> Determination:
    """Draft the determination: evidence, reviewer, per-item decisions, summary.

    The result is a draft (status ``draft``): a physician reviewer signs it before it becomes
    a Final Determination Letter.
    """
    from openimr.evidence import extract
    from openimr.reviewers import select_reviewer

    when = decision_date or decision_date_for(bundle)
    knowledge = kb or load_knowledge_base()
    evidence = extract(bundle)
    selection = select_reviewer(bundle, panel=Path(panel) if panel else None)
    items = decide_items(bundle, evidence, knowledge, when)
    return Determination(
        case_number=bundle.case_number,
        decision_date=when,
        date_assigned=bundle.dates.assigned,
        date_of_injury=bundle.claim.date_of_injury,
        ur_denial_date=bundle.dates.ur_denial,
        application_received=bundle.dates.application_received,
        priority=bundle.priority,
        reviewer=selection.credentials(),
        additional_reviewers=selection.additional_reviewers(),
        clinical_case_summary=compose_summary(bundle, evidence, when),
        items=items,
    )


def decide_items(
    bundle: CaseBundle, evidence: EvidenceSet, knowledge: KnowledgeBase, when: dt.date
) -> list[ItemDecision]:
    """Decide every disputed item, surgeries first: a surgery's associated services follow
    its decision (see ``surgery_of``)."""
    parsed = {r.id: parse_request(r.item, r.ur_decision) for r in bundle.requests}
    surgeries = [r for r in bundle.requests if is_surgery(parsed[r.id])]
    # The surgery is decided first: its associated services follow its decision.
    decided: dict[str, ItemDecision] = {
        r.id: decide_item(bundle, r, evidence, knowledge, when) for r in surgeries
    }
    for r in bundle.requests:
        if r.id in decided:
            continue
        link = None
        # a blood count or chemistry panel disputed beside a surgery is its work-up
        if is_associated(parsed[r.id]) or (parsed[r.id].service in LAB_PANELS and surgeries):
            link = surgery_of(parsed[r.id], surgeries, parsed, decided)
        decided[r.id] = decide_item(bundle, r, evidence, knowledge, when, surgery=link)
    return [decided[r.id] for r in bundle.requests]


# Services for the operation as a whole, whatever body part their own wording names (a chest
# radiograph before shoulder surgery).
_WHOLE_CASE = {
    "preop_clearance",
    "preop_labs",
    "preop_ekg",
    "preop_chest_xray",
    "assistant_surgeon",
    "inpatient_stay",
}


def surgery_of(
    req: StructuredRequest,
    surgeries: list[Request],
    parsed: dict[str, StructuredRequest],
    decided: dict[str, ItemDecision],
) -> SurgeryLink | None:
    """The surgery requested in this case that an associated service belongs to.

    A service naming a body part goes with the surgery on that part (read with its radicular
    territory), and with none if no disputed surgery is on it; a service for the whole
    operation, or one naming no body part, goes with a surgery this review finds necessary if
    there is one, else with the first.
    """
    if not surgeries:
        return None
    if req.service in _WHOLE_CASE or not req.regions:
        chosen = surgeries
    else:
        chosen = [
            s
            for s in surgeries
            if not parsed[s.id].regions
            or {t for r in parsed[s.id].regions for t in TERRITORY.get(r, [r])} & set(req.regions)
        ]
    if not chosen:
        return None
    necessary = [s for s in chosen if decided[s.id].decision == "overturned"]
    pick = (necessary or chosen)[0]
    return SurgeryLink(parsed[pick.id], decided[pick.id])
