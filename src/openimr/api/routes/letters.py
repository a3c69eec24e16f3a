"""Letters: the preview of the draft or signed determination, issuing, the issued letter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from openimr.api.deps import CurrentUser, ServicesDep, case_for
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.schemas import IssueIn, IssueOut
from openimr.api.views import determination_of

router = APIRouter(prefix="/api/cases", tags=["letters"], responses=ERROR_RESPONSES)

MEDIA = {
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}
Fmt = Annotated[str, Query(pattern="^(text|html|pdf|json)$")]


def _body(out: str | bytes) -> bytes:
    return out if isinstance(out, bytes) else out.encode("utf-8")


@router.get(
    "/{case_number}/preview",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def preview(
    case_number: str, svc: ServicesDep, user: CurrentUser, format: Fmt = "html"
) -> Response:
    """The letter as it would be issued now (a draft is marked as a draft). Audited."""
    from openimr.letters import render

    case_for(svc, user, case_number, "preview the letter", "reviewer", "supervisor")
    row = svc.cases.viewed(case_number, user.actor, "letter", {"format": format})
    det = determination_of(row)
    if det is None:
        raise ApiError(409, "conflict", f"case {case_number}: no draft yet")
    return Response(_body(render(det, format)), media_type=MEDIA[format])


@router.post("/{case_number}/issue", response_model=IssueOut)
def issue(case_number: str, body: IssueIn, svc: ServicesDep, user: CurrentUser) -> IssueOut:
    """Issue the Final Determination Letter: the signed determination's seal is checked
    first (a changed one is refused, 409 ``tampered``); letter and state change commit
    together."""
    case_for(svc, user, case_number, "issue", "supervisor")
    out = svc.cases.issue(case_number, body.format, user.actor)
    blob = _body(out)
    import hashlib

    return IssueOut(
        case_number=case_number,
        format=body.format,
        sha256=hashlib.sha256(blob).hexdigest(),
        bytes=len(blob),
    )


@router.get(
    "/{case_number}/letter",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def letter(case_number: str, svc: ServicesDep, user: CurrentUser, format: Fmt = "html") -> Response:
    """The issued letter as stored when it was issued (audited)."""
    case_for(svc, user, case_number, "read the letter", "reviewer", "supervisor", "intake")
    found = svc.cases.letter(case_number, format)
    if found is None:
        raise ApiError(404, "not_found", f"case {case_number}: no issued {format} letter")
    svc.cases.viewed(case_number, user.actor, "letter", {"format": format, "issued": True})
    return Response(found.content, media_type=MEDIA[format])
