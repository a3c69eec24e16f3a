"""Fictional bundles and reviewers for the reviewer-selection tests."""

from __future__ import annotations

from typing import Any

from openimr.domain.bundle import CaseBundle
from openimr.domain.reviewer import ReviewerProfile


def bundle(
    items: list[str],
    body_parts: list[str] | None = None,
    employer: str | None = "Example Stores Inc.",
    claims_administrator: str | None = "Example Claims Co",
    providers: list[str] | None = None,
    case_number: str = "CM99-0000001",
) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": case_number,
            "dates": {"ur_denial": "2013-11-08"},
            "claim": {
                "date_of_injury": "2013-04-25",
                "body_parts": body_parts if body_parts is not None else ["lumbar spine"],
                "employer": employer,
                "claims_administrator": claims_administrator,
                "providers": providers if providers is not None else ["Dr. A. Example"],
            },
            "requests": [{"id": str(i + 1), "item": t} for i, t in enumerate(items)],
        }
    )


def reviewer(
    rid: str, board: str = "Physical Medicine and Rehabilitation", **kw: Any
) -> ReviewerProfile:
    data: dict[str, Any] = {
        "id": rid,
        "board_certification": board,
        "licensed_in": ["California"],
        "years_in_practice": 10,
        "hours_per_week": 30,
    }
    data.update(kw)
    return ReviewerProfile.model_validate(data)
