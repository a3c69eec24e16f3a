"""``decide(bundle)``: the whole pipeline for one case, returning a draft Determination."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openimr.domain import CaseBundle, Determination
from openimr.guidelines.registry import KnowledgeBase, load_knowledge_base
from openimr.review.engine import decide_item
from openimr.review.summary import compose_summary


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
    items = [decide_item(bundle, req, evidence, knowledge, when) for req in bundle.requests]
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
