"""How a case is written to the store: JSON text, UTC times, self-contained bundles."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from openimr.domain.bundle import CaseBundle
from openimr.process.audit import utc


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
