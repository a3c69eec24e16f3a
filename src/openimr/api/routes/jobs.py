"""Jobs: the progress of long work (deciding a case, reading a packet, storing letters), and
a packet sent to be read."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile
from starlette.concurrency import run_in_threadpool

from openimr.api.deps import CurrentUser, ServicesDep, case_for, require
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.jobs import job_dict
from openimr.api.schemas import JobOut

router = APIRouter(tags=["jobs"], responses=ERROR_RESPONSES)
PACKET_MAX = 50_000_000  # bytes of one uploaded packet
PACKET_SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg")


@router.get("/api/jobs/{job_id}", response_model=JobOut)
def job(job_id: int, svc: ServicesDep, user: CurrentUser) -> JobOut:
    row = svc.jobs.get(job_id)
    if row is None:
        raise ApiError(404, "not_found", f"no job {job_id}")
    if row.kind == "packet":  # an application being read (then opened): intake's work
        require(user, "intake", "supervisor")
    elif row.case_number:
        case_for(svc, user, row.case_number, "follow the job", "reviewer", "supervisor")
    else:  # work of the organisation (storing published letters)
        require(user, "supervisor", "admin")
    return JobOut(**job_dict(row))


async def read_upload(packet: UploadFile) -> tuple[str, bytes]:
    """An uploaded packet's name and bytes (refused when too large or not a packet)."""
    name = packet.filename or "packet.pdf"
    if not name.lower().endswith(PACKET_SUFFIXES):
        raise ApiError(422, "invalid", "a packet is a PDF or a fax image (TIFF, PNG, JPEG)")
    data = await packet.read(PACKET_MAX + 1)
    if len(data) > PACKET_MAX:
        raise ApiError(413, "too_large", f"a packet is at most {PACKET_MAX // 1_000_000} MB")
    return name, data


@router.post("/api/packets", response_model=JobOut, status_code=202)
async def send_packet(packet: UploadFile, svc: ServicesDep, user: CurrentUser) -> JobOut:
    """Read an application's packet as a job (OCR where a page has no text layer); when it
    makes a valid case the application is opened and screened. Poll ``/api/jobs/{id}``:
    its ``case_number`` is set once the case is open."""
    require(user, "intake", "supervisor")
    name, data = await read_upload(packet)
    job_id = await run_in_threadpool(svc.jobs.submit_packet, name, data, user.actor)
    job = await run_in_threadpool(svc.jobs.get, job_id)
    assert job is not None
    return JobOut(**job_dict(job))
