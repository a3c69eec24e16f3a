"""Deadlines of stored cases, and the urgency order ``openimr deadlines`` lists them in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from openimr.process.audit import utc
from openimr.process.business_days import load_calendar
from openimr.process.deadlines import (
    Deadline,
    decision_deadline,
    notice_deadline,
    records_deadline,
)
from openimr.store.case_tables import CaseRow


def pacific(when: dt.datetime) -> dt.datetime:
    """A stored (UTC) time as Pacific local time, where the IMR clocks run."""
    return load_calendar().local(utc(when))


def current_deadline(row: CaseRow) -> Deadline | None:
    """The clock running for the case in its present state (None when none runs)."""
    if row.state == "eligible" and row.eligible_at:
        return notice_deadline(pacific(row.eligible_at))
    if row.state == "assigned" and row.assigned_at:
        method: Literal["mail", "electronic"] = (
            "mail" if row.notice_method == "mail" else "electronic"
        )
        return records_deadline(pacific(row.assigned_at), method, row.priority)
    if row.state in ("records_complete", "in_review", "determined") and row.records_received_at:
        return decision_deadline(
            _records_start(row), priority=row.priority, formulary=row.formulary
        )
    return None


def due_moment(row: CaseRow) -> dt.datetime | None:
    """When the running clock falls due, in UTC (a due day ends at midnight Pacific)."""
    d = current_deadline(row)
    if d is None:
        return None
    if isinstance(d.due, dt.datetime):
        return utc(load_calendar().local(d.due))
    end = dt.datetime.combine(d.due + dt.timedelta(days=1), dt.time(0, 0))
    return utc(load_calendar().local(end))


def _records_start(row: CaseRow) -> dt.datetime | dt.date:
    assert row.records_received_at is not None
    local = pacific(row.records_received_at)
    # Mailed records count from the day they arrived; electronic ones follow the 5:30 pm rule.
    return local.date() if row.records_method == "mail" else local


@dataclass(frozen=True)
class CaseDeadline:
    case_number: str
    state: str
    priority: str
    deadline: Deadline
    days_left: int
    overdue: bool

    def to_dict(self) -> dict[str, object]:
        d = self.deadline
        return {
            "case_number": self.case_number,
            "state": self.state,
            "priority": self.priority,
            "deadline": d.label,
            "due": d.due.isoformat(),
            "days_left": self.days_left,
            "overdue": self.overdue,
            "rule": d.explanation,
            "source": d.source,
        }


def urgency(rows: list[CaseRow], now: dt.datetime) -> list[CaseDeadline]:
    """Open cases with a running clock: overdue first (most overdue first), then fewest days
    left, expedited before standard on a tie, then case number."""
    local_now = load_calendar().local(utc(now))
    out = []
    for row in rows:
        d = current_deadline(row)
        if d is None:
            continue
        out.append(
            CaseDeadline(
                row.case_number,
                row.state,
                row.priority,
                d,
                d.days_left(local_now.date()),
                d.overdue(local_now),
            )
        )
    out.sort(
        key=lambda c: (
            not c.overdue,
            c.days_left,
            c.priority != "expedited",
            c.case_number,
        )
    )
    return out
