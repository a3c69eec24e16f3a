"""Tables of the case life cycle: ``cases`` and the append-only ``audit_log``.

The audit log is protected twice: database triggers reject UPDATE and DELETE (and TRUNCATE
on PostgreSQL), created by the ``cases`` migration branch; and each row carries the SHA-256
of its content chained to the previous row's hash, so a row changed or removed behind the
database's back is found by :func:`openimr.process.audit.verify`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openimr.store.db import Base


class CaseRow(Base):
    """One IMR case: its bundle, where it stands, and what each step produced."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_number: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    priority: Mapped[str] = mapped_column(String(16), default="standard")
    formulary: Mapped[bool] = mapped_column(Boolean, default=False)
    bundle_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # eligibility
    eligibility_json: Mapped[str | None] = mapped_column(Text, default=None)
    eligible_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # assignment (the reviewer id is internal; letters and exports carry credentials only)
    panel_path: Mapped[str | None] = mapped_column(Text, default=None)
    reviewer_id: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    selection_json: Mapped[str | None] = mapped_column(Text, default=None)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    notice_method: Mapped[str | None] = mapped_column(String(16), default=None)
    # records and review
    records_received_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )
    records_method: Mapped[str | None] = mapped_column(String(16), default=None)
    review_started_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )
    draft_json: Mapped[str | None] = mapped_column(Text, default=None)
    # sign-off
    determination_json: Mapped[str | None] = mapped_column(Text, default=None)
    signed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    review_seconds: Mapped[int | None] = mapped_column(Integer, default=None)
    changes_json: Mapped[str | None] = mapped_column(Text, default=None)
    # issue / termination
    issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    letter_format: Mapped[str | None] = mapped_column(String(8), default=None)
    letter_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    terminated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    termination_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # when the running clock falls due (UTC), kept with each state change: the queue's order
    due_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None, index=True
    )


class AuditRow(Base):
    """One event: who did what to which case, when; chained by hash to the row before."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="RESTRICT"), default=None, index=True
    )
    case_number: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC-SHA256 of ``hash`` under a key kept outside the database (openimr.process.seal)
    mac: Mapped[str | None] = mapped_column(String(64), default=None)
