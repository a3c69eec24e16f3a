"""The reviewer panel: credentials for everyone on staff, names for supervisors only."""

from __future__ import annotations

from fastapi import APIRouter

from openimr.api.deps import CurrentUser, ServicesDep, require
from openimr.api.errors import ERROR_RESPONSES
from openimr.api.schemas import ReviewerOut

router = APIRouter(prefix="/api/panel", tags=["panel"], responses=ERROR_RESPONSES)


@router.get("", response_model=list[ReviewerOut])
def panel(svc: ServicesDep, user: CurrentUser) -> list[ReviewerOut]:
    from openimr.reviewers import load_panel

    require(user, "intake", "supervisor", "admin")
    names = user.role in ("supervisor", "admin")
    return [
        ReviewerOut(
            id=r.id,
            name=r.name if names else None,
            degree=r.degree,
            board_certification=r.board_certification,
            subspecialty=r.subspecialty,
            licensed_in=r.licensed_in,
            available=r.available,
            open_cases=r.open_cases,
        )
        for r in load_panel(svc.settings.panel).reviewers
    ]
