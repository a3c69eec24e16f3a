"""The audit log: every state change, assignment, view of the records, edit and issue.

Appending is the only operation the application offers. Each row's hash covers its content
and the previous row's hash (one chain over the whole table), so :func:`verify` finds a row
that was changed, removed or inserted out of order, even by someone who bypassed the
database triggers that refuse UPDATE and DELETE. Appends are serialised on both databases
(a transaction-scoped advisory lock on PostgreSQL, held from reading the chain's head to the
commit; the write lock taken first on SQLite), so the chain never forks.
Each row also carries a MAC under a key kept outside the database, and every committed row
is anchored in an append-only file outside it (:mod:`openimr.process.seal`): re-chaining the
rows or deleting the newest ones is found too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session

from openimr.process.lifecycle import CaseError
from openimr.process.seal import Seal, audit_dir
from openimr.store.case_tables import AuditRow
from openimr.store.db import AUDIT_LOCK, write_lock

# How far ahead of the clock an explicit time may be (clocks of two machines differ a little);
# a time this close to now that falls just before the last event (two requests at once) is
# moved up to the last event's time instead of refused.
FUTURE_SLACK = dt.timedelta(minutes=5)
_SEALS: dict[tuple[str, str], Seal] = {}


class AuditTimeError(CaseError):
    """An explicit event time before the last event or in the future."""


def seal_of(session: Session) -> Seal:
    """The key and anchor file of the session's database (``session.info['audit_seal']``
    when the caller set one, else the default audit directory)."""
    given = session.info.get("audit_seal")
    if isinstance(given, Seal):
        return given
    bind = session.get_bind()
    url = bind.engine.url if isinstance(bind, Connection) else bind.url
    key = (str(audit_dir()), url.render_as_string(hide_password=True))
    if key not in _SEALS:
        _SEALS[key] = Seal.for_url(url)
    return _SEALS[key]

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
    """Serialise appends so two writers never chain onto the same previous row.

    On PostgreSQL a transaction-scoped advisory lock (released at commit or rollback), taken
    before the chain's head is read. Unlike ``LOCK TABLE`` it blocks nothing but other
    appends: readers of the log, VACUUM and ANALYZE never wait for it, nor it for them."""
    if session.get_bind().dialect.name == "postgresql":
        # re-entrant: a second append in the same transaction takes it again at no wait
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK})
    else:
        write_lock(session)


def _anchor_after_commit(session: Session) -> None:
    pending = session.info.pop("audit_pending", [])
    if pending:
        seal_of(session).anchor(pending)


def _drop_pending(session: Session) -> None:
    session.info.pop("audit_pending", None)


def _pend(session: Session, row: AuditRow) -> None:
    if not session.info.get("audit_hooked"):
        event.listen(session, "after_commit", _anchor_after_commit)
        event.listen(session, "after_soft_rollback", lambda s, _tx: _drop_pending(s))
        session.info["audit_hooked"] = True
    session.info.setdefault("audit_pending", []).append((row.id, row.hash))


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
        select(AuditRow.hash, AuditRow.at).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    prev = last[0] if last else GENESIS
    now = dt.datetime.now(dt.UTC)
    when = utc(at or now)
    if last is not None and when < utc(last[1]) and when >= now - FUTURE_SLACK:
        # a current time taken just before another writer's append (concurrent requests):
        # keep the log in time order
        when = utc(last[1])
    if last is not None and when < utc(last[1]):
        raise AuditTimeError(
            f"an event cannot be written at {_stamp(when)}: before the last event "
            f"({_stamp(last[1])})"
        )
    if when > now + FUTURE_SLACK:
        raise AuditTimeError(f"an event cannot be written in the future ({_stamp(when)})")
    dj = _canonical(detail or {})
    digest = row_hash(prev, when, case_number, actor, action, dj)
    row = AuditRow(
        at=when,
        case_id=case_id,
        case_number=case_number,
        actor=actor,
        action=action,
        detail_json=dj,
        prev_hash=prev,
        hash=digest,
        mac=seal_of(session).mac(digest),
    )
    session.add(row)
    session.flush()
    _pend(session, row)
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
    anchored: int = 0  # rows checked against the anchor file outside the database
    unkeyed: int = 0  # rows written before MACs existed (an upgraded database)


def row_intact(session: Session, r: AuditRow) -> bool:
    """One row's own hash and MAC hold (used before trusting a sign event)."""
    want = row_hash(r.prev_hash, r.at, r.case_number, r.actor, r.action, r.detail_json)
    return want == r.hash and r.mac is not None and r.mac == seal_of(session).mac(r.hash)


def verify(session: Session) -> Verification:
    """Recompute the whole chain and its MACs and compare it with the anchor file; report the
    first row that does not hold."""
    seal = seal_of(session)
    anchored = seal.anchored()
    prev = GENESIS
    n = unkeyed = 0
    keyed = False
    seen: dict[int, str] = {}
    for r in session.execute(select(AuditRow).order_by(AuditRow.id)).scalars():
        n += 1
        if r.prev_hash != prev:
            return Verification(False, n, f"row {r.id}: does not follow the row before it")
        want = row_hash(prev, r.at, r.case_number, r.actor, r.action, r.detail_json)
        if want != r.hash:
            return Verification(False, n, f"row {r.id}: content does not match its hash")
        if r.mac is None:
            if keyed:
                return Verification(False, n, f"row {r.id}: has no MAC after keyed rows")
            unkeyed += 1
        else:
            keyed = True
            if r.mac != seal.mac(r.hash):
                return Verification(
                    False, n, f"row {r.id}: MAC does not match (rewritten without the key)"
                )
        if r.id in anchored:
            seen[r.id] = r.hash
        prev = r.hash
    for rid in sorted(anchored):
        if rid not in seen:
            return Verification(
                False,
                n,
                f"row {rid}: anchored outside the database but missing from it (deleted)",
            )
        if seen[rid] != anchored[rid]:
            return Verification(
                False, n, f"row {rid}: differs from the hash anchored outside the database"
            )
    return Verification(True, n, anchored=len(seen), unkeyed=unkeyed)
