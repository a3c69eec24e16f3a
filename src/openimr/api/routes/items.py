"""The disputed items of a case: the draft (or signed) decision of each, with its guideline,
criteria and evidence; similar published items for one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from openimr.api.deps import READ_RECORDS, CurrentUser, ServicesDep, case_for
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.routes.published import hits
from openimr.api.schemas import HitOut
from openimr.api.views import determination_of
from openimr.domain.determination import ItemDecision

router = APIRouter(prefix="/api/cases", tags=["items"], responses=ERROR_RESPONSES)


@router.get("/{case_number}/items", response_model=list[ItemDecision])
def items(case_number: str, svc: ServicesDep, user: CurrentUser) -> list[ItemDecision]:
    """Each item's decision with its trace (audited: the trace quotes the records)."""
    case_for(svc, user, case_number, "read the items", *READ_RECORDS)
    row = svc.cases.viewed(case_number, user.actor, "items")
    det = determination_of(row)
    return det.items if det else []


@router.get("/{case_number}/items/{item_id}/precedents", response_model=list[HitOut])
def precedents(
    case_number: str,
    item_id: str,
    svc: ServicesDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[HitOut]:
    """Published items that resemble this one (full-text search on its wording)."""
    row = case_for(svc, user, case_number, "read the items", *READ_RECORDS)
    det = determination_of(svc.cases.get(row.case_number))
    found = [it for it in (det.items if det else []) if it.id == item_id]
    if not found:
        raise ApiError(404, "not_found", f"case {case_number}: no item {item_id} in the draft")
    return hits(svc, found[0].item, limit=limit)
