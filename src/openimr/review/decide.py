"""``decide(bundle)``: the whole pipeline for one case, returning a draft Determination."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from openimr.domain import CaseBundle, Determination, ItemDecision
from openimr.guidelines.registry import KnowledgeBase, load_knowledge_base
from openimr.review.conditions import Companion
from openimr.review.engine import Case, SurgeryLink, decide_item
from openimr.review.rationale import as_object
from openimr.review.summary import compose_summary
from openimr.routing import RoutedItem, route_case

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
    """Draft the determination: evidence, routing, reviewer, per-item decisions, summary.

    The result is a draft (status ``draft``): a physician reviewer signs it before it becomes
    a Final Determination Letter.
    """
    from openimr.evidence import extract
    from openimr.reviewers import select_reviewer

    when = decision_date or decision_date_for(bundle)
    knowledge = kb or load_knowledge_base()
    evidence = extract(bundle)
    routed = route_case(bundle, evidence=evidence, kb=knowledge, when=when)
    selection = select_reviewer(bundle, panel=Path(panel) if panel else None, routed=routed)
    items = decide_items(bundle, evidence, knowledge, when, routed=routed)
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
    bundle: CaseBundle,
    evidence: EvidenceSet,
    knowledge: KnowledgeBase,
    when: dt.date,
    *,
    routed: tuple[RoutedItem, ...] | None = None,
) -> list[ItemDecision]:
    """Decide every disputed item, surgeries first: a surgery's associated services follow
    its decision."""
    items = routed or route_case(bundle, evidence=evidence, kb=knowledge, when=when)
    case = Case(bundle, evidence, knowledge, when)
    by_id = {it.id: it for it in items}
    decided: dict[str, ItemDecision] = {
        it.id: decide_item(it, case) for it in items if it.is_surgery
    }
    # an adjunct (a passive modality beside physical therapy, a follow-up after an injection)
    # after what it accompanies
    for it in sorted(items, key=lambda i: _adjunct_depth(i, items)):
        if it.id in decided:
            continue
        link = None
        if it.surgery is not None:
            link = SurgeryLink(by_id[it.surgery], decided[it.surgery])
        companions = tuple(
            Companion(as_object(c.req.decided_text), decided[c.id].decision)
            for c in adjunct_to(it, items)
            if c.id in decided  # two items that name each other: the first goes alone
        )
        decided[it.id] = decide_item(it, case, surgery=link, companions=companions)
    return [decided[it.id] for it in items]


def _adjunct_depth(
    item: RoutedItem, items: tuple[RoutedItem, ...], seen: frozenset[str] = frozenset()
) -> int:
    """0 for an item that accompanies nothing of the case, else one more than the deepest of
    what it accompanies (a follow-up after a modality that accompanies therapy comes last)."""
    if item.id in seen:
        return 0
    under = [_adjunct_depth(c, items, seen | {item.id}) for c in adjunct_to(item, items)]
    return 1 + max(under) if under else 0


def adjunct_to(item: RoutedItem, items: tuple[RoutedItem, ...]) -> list[RoutedItem]:
    """The requests of the case that ``item`` is an adjunct to (services.yaml and drugs.yaml
    ``accompanies``): the therapy a passive modality or massage would go alongside, the NSAID
    gastric protection would go with; and, for a
    visit (``follows_named``), the requests its wording names: the injection a re-evaluation
    after the injection would follow up."""
    from openimr.intake.vocabulary import service, vocabulary

    sid = item.req.service or ""
    if sid.startswith("drug:"):
        cls = vocabulary().drug_classes.get(sid.removeprefix("drug:"))
        wanted_drugs = {f"drug:{c}" for c in cls.accompanies} if cls else set()
        return [i for i in items if i is not item and i.req.service in wanted_drugs]
    entry = service(sid) if sid else None
    if entry is None:
        return []
    wanted = set(entry.accompanies)
    if entry.follows_named:
        # the services its own wording names ("follow-up after the epidural injection")
        from openimr.intake.requests import match_services

        wanted |= {m.service.id for m in match_services(item.req.decided_text)}
        wanted.discard(entry.id)
    if not wanted:
        return []
    return [i for i in items if i is not item and i.req.service in wanted]


def decide_request(
    bundle: CaseBundle,
    request_id: str,
    evidence: EvidenceSet,
    knowledge: KnowledgeBase,
    when: dt.date,
) -> ItemDecision:
    """One item of the case, decided as the whole case decides it (its surgery first)."""
    for item in decide_items(bundle, evidence, knowledge, when):
        if item.id == request_id:
            return item
    raise KeyError(request_id)
