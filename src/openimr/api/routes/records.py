"""A case's medical records: every read is an audit event with the authenticated user."""

from __future__ import annotations

from fastapi import APIRouter

from openimr.api.deps import READ_RECORDS, CurrentUser, ServicesDep, case_for
from openimr.api.errors import ERROR_RESPONSES
from openimr.api.schemas import RecordOut

router = APIRouter(prefix="/api/cases", tags=["records"], responses=ERROR_RESPONSES)


@router.get("/{case_number}/records", response_model=list[RecordOut])
def records(case_number: str, svc: ServicesDep, user: CurrentUser) -> list[RecordOut]:
    """The records (audited as ``records.viewed`` by this user)."""
    case_for(svc, user, case_number, "read the records", *READ_RECORDS)
    return [
        RecordOut(id=r.id, date=r.date, kind=r.kind, author=r.author, text=r.text or "")
        for r in svc.cases.view_records(case_number, user.actor)
    ]
