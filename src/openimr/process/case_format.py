"""How a case is written to the store: JSON text, UTC times, self-contained bundles."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from openimr.domain.bundle import CaseBundle
from openimr.domain.determination import AdditionalReviewer
from openimr.process.audit import utc

if TYPE_CHECKING:
    from openimr.reviewers import ReviewerSelection


def to_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, default=str)


def as_utc(when: dt.datetime | dt.date | None, default: dt.datetime) -> dt.datetime:
    """A datetime (naive = Pacific) or a date (taken as noon Pacific) as aware UTC."""
    from openimr.process.business_days import load_calendar

    if when is None:
        return utc(default)
    cal = load_calendar()
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(12, 0))
    return utc(cal.local(when))


def bundle_for_storage(bundle: CaseBundle) -> str:
    """The bundle as JSON with record files already read into text (stored self-contained)."""
    data = bundle.model_dump(mode="json")
    for rec in data.get("records", []):
        if rec.get("text") is not None:
            rec["file"] = None
    return to_json(data)


def split_record(sel: ReviewerSelection) -> dict[str, Any]:
    """A split case's other reviewers for the selection record and the audit detail (ids,
    credentials, items); nothing for a single reviewer, so those records are unchanged."""
    if not sel.split:
        return {}
    return {
        "additional_reviewers": [
            {
                "reviewer_id": a.reviewer.id,
                "items": a.items,
                "credentials": a.credentials().model_dump(),
            }
            for a in sel.assignments[1:]
        ]
    }


def additional_reviewers(selection: dict[str, Any]) -> list[AdditionalReviewer]:
    """The Determination's additional reviewers (credentials only) from a selection record."""
    return [
        AdditionalReviewer.model_validate(r["credentials"] | {"items": r["items"]})
        for r in selection.get("additional_reviewers", [])
    ]
