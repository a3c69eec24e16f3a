"""The audit log: per case and for the organisation; the chain's verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from openimr.api.deps import CurrentUser, ServicesDep, case_for, require
from openimr.api.errors import ERROR_RESPONSES
from openimr.api.schemas import EventOut, VerifyOut

router = APIRouter(prefix="/api/audit", tags=["audit"], responses=ERROR_RESPONSES)
AUDIT_READERS = ("auditor", "supervisor", "admin")


@router.get("", response_model=list[EventOut])
def events(
    svc: ServicesDep,
    user: CurrentUser,
    case: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[EventOut]:
    """Events in order, newest last (of one case, or all)."""
    require(user, *AUDIT_READERS)
    if case:
        case_for(svc, user, case, "read the audit", *AUDIT_READERS)
    evs = svc.cases.events(case)[-limit:]
    return [
        EventOut(
            id=e.id,
            at=e.at,
            case_number=e.case_number,
            actor=e.actor,
            action=e.action,
            detail=e.detail,
        )
        for e in evs
    ]


@router.get("/verify", response_model=VerifyOut)
def verify(svc: ServicesDep, user: CurrentUser) -> VerifyOut:
    """Recompute the hash chain and its MACs, and compare with the anchor file."""
    require(user, *AUDIT_READERS)
    v = svc.cases.verify_audit()
    return VerifyOut(
        ok=v.ok, rows=v.rows, anchored=v.anchored, unkeyed=v.unkeyed, problem=v.problem
    )
