"""The Determination as the JSON of spec/case-bundle.md ("Output"), plus what else it holds.

The spec's fields come first and keep the spec's names; the rest (criteria trace, topic,
category, portion, note, status, every citation) is there so a program can check a decision
without re-running the engine. Reviewer credentials only: the Determination has no name.
"""

from __future__ import annotations

import json
from typing import Any

from openimr.domain import (
    CriterionResult,
    Determination,
    EvidenceLink,
    GuidelineCitation,
    ItemDecision,
)

FORMAT = "openimr-determination/1"

# The Medical Evidence Search Sequence, most authoritative first.
_LEVEL_ORDER = ("MTUS", "ACOEM/ODG", "other guideline", "studies", "none")


def _citation(c: GuidelineCitation) -> dict[str, Any]:
    return {"text": c.text, **c.model_dump(mode="json")}


def _primary_guideline(item: ItemDecision) -> dict[str, Any]:
    """The spec's single ``guideline``: all citations' text, and the highest level applied."""
    cites = [g for g in item.guidelines if g.level != "none"]
    if not cites:
        return {"text": None, "level": "none"}
    level = min((g.level for g in cites), key=_LEVEL_ORDER.index)
    return {"text": "; ".join(g.text for g in cites), "level": level}


def _evidence(e: EvidenceLink) -> dict[str, Any]:
    """An evidence span; its packet file and page only when it has one (intake records)."""
    out = e.model_dump(mode="json")
    for key in ("file", "page"):
        if out.get(key) is None:
            out.pop(key, None)
    return out


def _criterion(c: CriterionResult) -> dict[str, Any]:
    out = c.model_dump(mode="json")
    out["evidence"] = [_evidence(e) for e in c.evidence]
    return out


def _item(item: ItemDecision) -> dict[str, Any]:
    return {
        "id": item.id,
        "item": item.item,
        "decision": item.decision,
        "portion": item.portion,
        "guideline": _primary_guideline(item),
        "guidelines": [_citation(g) for g in item.guidelines],
        "claims_administrator_basis": item.claims_administrator_basis,
        "rationale": item.rationale,
        "evidence": [_evidence(e) for e in item.evidence],
        "criteria": [_criterion(c) for c in item.criteria],
        "topic": item.topic,
        "category": item.category,
        "note": item.note,
        "notes": [n.model_dump(mode="json") for n in item.notes],
        "topic_choice": item.topic_choice.model_dump(mode="json") if item.topic_choice else None,
        "needed": item.needed,
        "course": item.course,
        "fact_check": {"claims_checked": item.claims_checked, "rewritten": item.claims_rewritten},
    }


def to_dict(d: Determination) -> dict[str, Any]:
    """A plain dict, ready for json.dumps (dates as ISO strings)."""
    from openimr.letters.render import is_draft

    out: dict[str, Any] = {
        "format": FORMAT,
        "case_number": d.case_number,
        "decision_date": d.decision_date.isoformat(),
        "date_assigned": d.date_assigned.isoformat() if d.date_assigned else None,
        "date_of_injury": d.date_of_injury.isoformat(),
        "ur_denial_date": d.ur_denial_date.isoformat(),
        "application_received": (
            d.application_received.isoformat() if d.application_received else None
        ),
        "priority": d.priority,
        "status": d.status,
        "draft": is_draft(d),
        "clinical_case_summary": d.clinical_case_summary,
        "reviewer": d.reviewer.model_dump(mode="json"),
        "items": [_item(i) for i in d.items],
    }
    if d.additional_reviewers:  # a split case only, so a single reviewer's JSON is unchanged
        out["additional_reviewers"] = [r.model_dump(mode="json") for r in d.additional_reviewers]
    return out


def to_json(d: Determination) -> str:
    """Pretty, stable JSON (keys in a fixed order, UTF-8 kept readable), newline-terminated."""
    return json.dumps(to_dict(d), indent=2, ensure_ascii=False) + "\n"
