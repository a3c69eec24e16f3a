"""The audit log: every state change, assignment, view of the records, edit and issue.

Appending is the only operation the application offers. Each row's hash covers its content
and the previous row's hash (one chain over the whole table), so :func:`verify` finds a row
that was changed, removed or inserted out of order, even by someone who bypassed the
database triggers that refuse UPDATE and DELETE.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from openimr.store.case_tables import AuditRow

GENESIS = "0" * 64


def utc(when: dt.datetime) -> dt.datetime:
    """Aware UTC (naive values from SQLite are UTC by construction)."""
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _stamp(when: dt.datetime) -> str:
    return utc(when).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _canonical(detail: dict[str, Any]) -> str:
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), default=str)


def row_hash(
    prev_hash: str,
    at: dt.datetime,
    case_number: str | None,
    actor: str,
    action: str,
    detail_json: str,
) -> str:
    payload = "\x1f".join([prev_hash, _stamp(at), case_number or "", actor, action, detail_json])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lock(session: Session) -> None:
    """Serialise appends so two writers never chain onto the same previous row."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    case_id: int | None = None,
    case_number: str | None = None,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditRow:
    """Append one event in the caller's transaction (so it commits with the change itself)."""
    if not actor.strip():
        raise ValueError("an audit event needs an actor")
    _lock(session)
    last = session.execute(
        select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    prev = last or GENESIS
    when = utc(at or dt.datetime.now(dt.UTC))
    dj = _canonical(detail or {})
    row = AuditRow(
        at=when,
        case_id=case_id,
        case_number=case_number,
        actor=actor,
        action=action,
        detail_json=dj,
        prev_hash=prev,
        hash=row_hash(prev, when, case_number, actor, action, dj),
    )
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class Event:
    """An audit row as read back."""

    id: int
    at: dt.datetime
    case_number: str | None
    actor: str
    action: str
    detail: dict[str, Any]


def events(session: Session, case_number: str | None = None) -> list[Event]:
    """Events in the order they happened (of one case, or all)."""
    q = select(AuditRow).order_by(AuditRow.id)
    if case_number is not None:
        q = q.where(AuditRow.case_number == case_number)
    return [
        Event(r.id, utc(r.at), r.case_number, r.actor, r.action, json.loads(r.detail_json))
        for r in session.execute(q).scalars()
    ]


@dataclass(frozen=True)
class Verification:
    ok: bool
    rows: int
    problem: str | None = None  # the first break in the chain, named


def verify(session: Session) -> Verification:
    """Recompute the whole chain; report the first row whose hash or link does not hold."""
    prev = GENESIS
    n = 0
    for r in session.execute(select(AuditRow).order_by(AuditRow.id)).scalars():
        n += 1
        if r.prev_hash != prev:
            return Verification(False, n, f"row {r.id}: does not follow the row before it")
        want = row_hash(prev, r.at, r.case_number, r.actor, r.action, r.detail_json)
        if want != r.hash:
            return Verification(False, n, f"row {r.id}: content does not match its hash")
        prev = r.hash
    return Verification(True, n)
