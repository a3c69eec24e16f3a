"""Cases: the queue, one case, and each step of the life cycle."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query

from openimr.accounts import Principal
from openimr.api.deps import CurrentUser, Services, ServicesDep, case_for, require
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.schemas import (
    AssignIn,
    AssignOut,
    CaseDetail,
    CaseSummary,
    EligibilityOut,
    JobOut,
    OpenCaseIn,
    RecordsCompleteIn,
    SignIn,
    StateOut,
    TerminateIn,
)
from openimr.api.views import detail, queue
from openimr.domain.determination import Determination
from openimr.process.lifecycle import CaseConflict
from openimr.process.signoff import ItemEdit, SignEdits

router = APIRouter(prefix="/api/cases", tags=["cases"], responses=ERROR_RESPONSES)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@router.get("", response_model=list[CaseSummary], summary="The queue of open cases")
def list_cases(
    svc: ServicesDep,
    user: CurrentUser,
    state: Annotated[list[str] | None, Query(description="Only these states")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[CaseSummary]:
    """Open cases, most urgent first (a reviewer sees only the cases assigned to them)."""
    require(user, "intake", "reviewer", "supervisor", "admin")
    with svc.sessions() as s:
        return queue(s, user, now(), tuple(state) if state else None, limit)


def open_bundle(svc: Services, user: Principal, text: str, suffix: str) -> EligibilityOut:
    """Load an uploaded bundle (YAML or JSON) with the library's loader and open the case."""
    from openimr.intake import load_bundle

    require(user, "intake", "supervisor")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bundle{suffix}"
        path.write_text(text, encoding="utf-8")
        bundle = load_bundle(path)
    result = svc.cases.open_case(bundle, user.actor)
    return EligibilityOut(
        case_number=result.case_number, outcome=result.outcome, reasons=result.reasons
    )


@router.post("", response_model=EligibilityOut, status_code=201, summary="Open an application")
def open_case(body: OpenCaseIn, svc: ServicesDep, user: CurrentUser) -> EligibilityOut:
    """Record an application from its case bundle and screen its eligibility at once."""
    import json

    return open_bundle(svc, user, json.dumps(body.bundle, default=str), ".json")


@router.get("/{case_number}", response_model=CaseDetail, summary="One case (audited)")
def get_case(case_number: str, svc: ServicesDep, user: CurrentUser) -> CaseDetail:
    case_for(svc, user, case_number, "view the case")
    row = svc.cases.viewed(case_number, user.actor, "case")
    return detail(row, user, now())


@router.post("/{case_number}/screen", response_model=EligibilityOut)
def screen(case_number: str, svc: ServicesDep, user: CurrentUser) -> EligibilityOut:
    """Screen a received case again (after an incomplete screen)."""
    case_for(svc, user, case_number, "screen", "intake", "supervisor")
    r = svc.cases.screen(case_number, user.actor)
    return EligibilityOut(case_number=r.case_number, outcome=r.outcome, reasons=r.reasons)


@router.post("/{case_number}/assign", response_model=AssignOut)
def assign(case_number: str, body: AssignIn, svc: ServicesDep, user: CurrentUser) -> AssignOut:
    """Choose the reviewer with the conflict check. A case assigned meanwhile by someone else
    answers 409: re-assigning needs ``reassign`` and a reason."""
    case_for(svc, user, case_number, "assign", "supervisor")
    if body.reassign and not (body.reason or "").strip():
        raise ApiError(422, "invalid", "a re-assignment needs a reason")
    sel = svc.cases.assign(
        case_number,
        user.actor,
        body.notice_method,
        reason=body.reason,
        expect_state="assigned" if body.reassign else "eligible",
    )
    return AssignOut(
        case_number=case_number,
        reviewer_id=sel.reviewer.id,
        explanation=sel.explanation,
        excluded=[f"{rid}: {why}" for rid, why in sel.excluded],
    )


@router.post("/{case_number}/records-complete", response_model=StateOut)
def records_complete(
    case_number: str, body: RecordsCompleteIn, svc: ServicesDep, user: CurrentUser
) -> StateOut:
    """The complete records arrived: the decision clock starts."""
    case_for(svc, user, case_number, "mark records complete", "intake", "supervisor")
    svc.cases.records_complete(case_number, user.actor, body.received_at, body.method)
    return StateOut(case_number=case_number, state="records_complete")


@router.post("/{case_number}/draft", response_model=JobOut, status_code=202)
def draft(case_number: str, svc: ServicesDep, user: CurrentUser) -> JobOut:
    """Run the engine as a job; poll ``/api/jobs/{id}`` for its progress."""
    row = case_for(svc, user, case_number, "draft", "reviewer", "supervisor")
    if row.state not in ("records_complete", "in_review"):
        raise CaseConflict(
            f"case {case_number}: the engine drafts once the records are complete "
            f"(state '{row.state}')"
        )
    job_id = svc.jobs.submit_draft(case_number, user.actor)
    job = svc.jobs.get(job_id)
    assert job is not None
    from openimr.api.jobs import job_dict

    return JobOut(**job_dict(job))


def sign_edits(body: SignIn, draft: Determination) -> SignEdits:
    """The edits as the library takes them; overriding a decision needs a reason."""
    items: dict[str, str | ItemEdit] = {}
    overridden = []
    current = {it.id: it.decision for it in draft.items}
    for item_id, edit in body.items.items():
        if edit == "accept":
            items[item_id] = "accept"
            continue
        items[item_id] = ItemEdit(decision=edit.decision, rationale=edit.rationale)
        if edit.decision is not None and edit.decision != current.get(item_id):
            overridden.append(item_id)
    if overridden and not (body.note or "").strip():
        raise ApiError(
            422,
            "invalid",
            f"item(s) {', '.join(overridden)}: overriding the draft's decision needs a reason "
            "(note)",
        )
    return SignEdits.model_validate(
        {"items": items, "accept_all": body.accept_all, "note": body.note}
    )


@router.post("/{case_number}/sign", response_model=CaseDetail)
def sign(case_number: str, body: SignIn, svc: ServicesDep, user: CurrentUser) -> CaseDetail:
    """Sign as the assigned reviewer (only them). Two signatures at once: one wins, the other
    gets 409."""
    row = case_for(svc, user, case_number, "sign", "reviewer")
    if not row.draft_json:
        raise CaseConflict(f"case {case_number}: no draft to sign (state '{row.state}')")
    edits = sign_edits(body, Determination.model_validate_json(row.draft_json))
    assert user.reviewer_id is not None
    svc.cases.sign(case_number, user.reviewer_id, edits, actor=user.actor)
    return detail(svc.cases.get(case_number), user, now())


@router.post("/{case_number}/terminate", response_model=StateOut)
def terminate(case_number: str, body: TerminateIn, svc: ServicesDep, user: CurrentUser) -> StateOut:
    """End an open case (e.g. the claims administrator authorised the treatment)."""
    case_for(svc, user, case_number, "terminate", "intake", "supervisor")
    svc.cases.terminate(case_number, user.actor, body.reason)
    return StateOut(case_number=case_number, state="terminated")
