"""Jobs: the progress of long work (deciding a case)."""

from __future__ import annotations

from fastapi import APIRouter

from openimr.api.deps import CurrentUser, ServicesDep, case_for, require
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.jobs import job_dict
from openimr.api.schemas import JobOut

router = APIRouter(prefix="/api/jobs", tags=["jobs"], responses=ERROR_RESPONSES)


@router.get("/{job_id}", response_model=JobOut)
def job(job_id: int, svc: ServicesDep, user: CurrentUser) -> JobOut:
    row = svc.jobs.get(job_id)
    if row is None:
        raise ApiError(404, "not_found", f"no job {job_id}")
    if row.case_number:
        case_for(svc, user, row.case_number, "follow the job", "reviewer", "supervisor")
    else:  # work of the organisation (storing published letters)
        require(user, "supervisor", "admin")
    return JobOut(**job_dict(row))
