"""Cases as the API and the pages show them (shared by both); the queue query."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from openimr.accounts import Principal
from openimr.api.schemas import CaseDetail, CaseSummary, DeadlineOut
from openimr.domain.determination import Determination
from openimr.process.audit import utc
from openimr.process.business_days import load_calendar
from openimr.process.case_deadlines import current_deadline
from openimr.process.lifecycle import OPEN_STATES
from openimr.store.case_tables import CaseRow

_QUEUE_COLUMNS = (
    CaseRow.case_number,
    CaseRow.state,
    CaseRow.priority,
    CaseRow.formulary,
    CaseRow.received_at,
    CaseRow.eligibility_json,
    CaseRow.eligible_at,
    CaseRow.reviewer_id,
    CaseRow.assigned_at,
    CaseRow.notice_method,
    CaseRow.records_received_at,
    CaseRow.records_method,
)


def sees_reviewer(user: Principal, row: CaseRow) -> bool:
    """The reviewer's panel id is internal to the IMRO: supervisors, admins, and the
    reviewer themself."""
    return user.role in ("supervisor", "admin") or (
        user.role == "reviewer" and row.reviewer_id == user.reviewer_id
    )


@lru_cache(maxsize=8192)
def _business_days_left(today: dt.date, due: dt.date) -> int:
    cal = load_calendar()
    if due >= today:
        return cal.business_days_between(today, due)
    return -cal.business_days_between(due, today)


def deadline_of(row: CaseRow, now: dt.datetime) -> DeadlineOut | None:
    d = current_deadline(row)
    if d is None:
        return None
    cal = load_calendar()
    today = cal.local(utc(now)).date()
    business = _business_days_left(today, d.due_day)
    return DeadlineOut(
        label=d.label,
        due=d.due.isoformat(),
        days_left=d.days_left(today),
        business_days_left=business,
        overdue=d.overdue(cal.local(utc(now))),
        rule=d.explanation,
    )


def summary(row: CaseRow, user: Principal, now: dt.datetime) -> CaseSummary:
    elig = json.loads(row.eligibility_json or "null") or {}
    reasons = [c["reason"] for c in elig.get("checks", []) if c.get("status") != "pass"]
    return CaseSummary(
        case_number=row.case_number,
        state=row.state,
        priority=row.priority,
        expedited=row.priority == "expedited",
        formulary_dispute=bool(row.formulary),
        received_at=utc(row.received_at),
        eligibility=elig.get("outcome"),
        eligibility_reasons=reasons,
        deadline=deadline_of(row, now),
        assigned=row.reviewer_id is not None,
        reviewer_id=row.reviewer_id if sees_reviewer(user, row) else None,
    )


def determination_of(row: CaseRow) -> Determination | None:
    raw = row.determination_json or row.draft_json
    return Determination.model_validate_json(raw) if raw else None


def detail(row: CaseRow, user: Principal, now: dt.datetime) -> CaseDetail:
    base = summary(row, user, now).model_dump()
    sel = json.loads(row.selection_json or "null") or {}
    det = determination_of(row)
    extra: dict[str, Any] = {
        "assignment_explanation": sel.get("explanation"),
        "excluded_reviewers": [
            f"{rid}: {why}" if sees_reviewer(user, row) else why
            for rid, why in sel.get("excluded", [])
        ],
        "reviewer_credentials": sel.get("credentials"),
        "records_received_at": utc(row.records_received_at) if row.records_received_at else None,
        "signed_at": utc(row.signed_at) if row.signed_at else None,
        "issued_at": utc(row.issued_at) if row.issued_at else None,
        "letter_sha256": row.letter_sha256,
        "terminated_reason": row.termination_reason,
        "has_draft": bool(row.draft_json),
        "items": det.items if det else [],
    }
    return CaseDetail(**base, **extra)


def _queue_query(user: Principal, states: tuple[str, ...] | None) -> Any:
    q = select(CaseRow).where(CaseRow.state.in_(states or OPEN_STATES))
    if user.role == "reviewer":
        q = q.where(CaseRow.reviewer_id == (user.reviewer_id or ""))
    return q


def queue_count(session: Session, user: Principal, states: tuple[str, ...] | None = None) -> int:
    q = _queue_query(user, states).with_only_columns(func.count())
    return int(session.execute(q).scalar_one())


def queue(
    session: Session,
    user: Principal,
    now: dt.datetime,
    states: tuple[str, ...] | None = None,
    limit: int = 200,
) -> list[CaseSummary]:
    """The most urgent first: the earliest due (so overdue first), expedited first at the same
    moment; cases with no running clock after, oldest application first. Sorted by the
    database on ``cases.due_at``, so only the rows shown are read."""
    q = (
        _queue_query(user, states)
        .options(load_only(*_QUEUE_COLUMNS))
        .order_by(
            CaseRow.due_at.asc().nulls_last(),
            CaseRow.priority != "expedited",
            CaseRow.received_at,
            CaseRow.case_number,
        )
        .limit(limit)
    )
    return [summary(r, user, now) for r in session.execute(q).scalars()]
