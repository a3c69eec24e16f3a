"""The case service: the library API behind ``openimr case ...`` (and the web service later).

Each step checks the life cycle, does its work, and appends its audit event in the same
transaction, so a state never changes without its record. Times are stored in UTC; the
clocks run in Pacific time (``case_deadlines.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openimr.domain.bundle import CaseBundle, Record
from openimr.domain.determination import Determination
from openimr.process import audit
from openimr.process.audit import utc
from openimr.process.case_deadlines import CaseDeadline, due_moment, pacific, urgency
from openimr.process.case_format import (
    additional_reviewers,
    as_utc,
    bundle_for_storage,
    split_record,
    to_json,
)
from openimr.process.eligibility import EligibilityResult, check_eligibility, eligible_bundle
from openimr.process.lifecycle import (
    OPEN_STATES,
    CaseConflict,
    CaseError,
    CaseForbidden,
    CaseNotFound,
    CaseTampered,
    check_transition,
)
from openimr.process.seal import Seal
from openimr.process.signoff import SignEdits, apply_edits
from openimr.reviewers import ReviewerSelection, load_panel, select_reviewer
from openimr.store import make_engine, migrate, session_factory
from openimr.store.case_tables import AuditRow, CaseRow
from openimr.store.db import write_lock
from openimr.store.web_tables import CaseLetterRow

NoticeMethod = Literal["mail", "electronic"]


def _sha256(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()
BUSY_STATES = ("assigned", "records_complete", "in_review", "determined")
ENGINE_ACTOR = "engine"


class CaseService:
    """Open, screen, assign, review, sign, issue and terminate IMR cases; read them back."""

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        panel: Path | str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        seal: Seal | None = None,
        run_migrations: bool = True,
    ) -> None:
        self.engine = engine or make_engine(url)
        if run_migrations:
            migrate(self.engine)
        self._sessions = session_factory(self.engine)
        if seal is not None:
            self._sessions.configure(info={"audit_seal": seal})
        self.panel = str(panel) if panel else None
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    # -- plumbing ------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """A writing transaction: the write lock (SQLite) or row locks (PostgreSQL) come
        before any read, so two writers of one case run one after the other."""
        with self._sessions() as s, s.begin():
            s.info["for_update"] = True
            write_lock(s)
            yield s

    def _now(self, at: dt.datetime | dt.date | None = None) -> dt.datetime:
        return as_utc(at, self.clock())

    @staticmethod
    def _row(s: Session, case_number: str) -> CaseRow:
        q = select(CaseRow).where(CaseRow.case_number == case_number)
        if s.info.get("for_update"):
            # FOR NO KEY UPDATE: excludes other writers of the case, but not the FOR KEY SHARE
            # lock a concurrent audit insert's foreign key check takes on the case row (under
            # FOR UPDATE, an append holding the audit lock would wait for this transaction,
            # which waits for the audit lock: a deadlock)
            q = q.with_for_update(key_share=True)
        row = s.execute(q).scalar_one_or_none()
        if row is None:
            raise CaseNotFound(f"case {case_number}: no such case")
        return row

    def _move(
        self,
        s: Session,
        row: CaseRow,
        target: str,
        actor: str,
        now: dt.datetime,
        detail: dict[str, Any] | None = None,
    ) -> None:
        check_transition(row.case_number, row.state, target)
        before = row.state
        row.state = target
        row.updated_at = now
        row.due_at = due_moment(row)
        audit.append(
            s,
            actor=actor,
            action=f"state.{target}",
            case_id=row.id,
            case_number=row.case_number,
            detail={"from": before, "to": target, **(detail or {})},
            at=now,
        )

    @staticmethod
    def bundle_of(row: CaseRow) -> CaseBundle:
        return CaseBundle.model_validate(json.loads(row.bundle_json))

    # -- steps ---------------------------------------------------------------------------
    def open_case(
        self,
        bundle: CaseBundle,
        actor: str,
        received_at: dt.datetime | dt.date | None = None,
        at: dt.datetime | None = None,
    ) -> EligibilityResult:
        """Record a new application (state ``received``) and screen it at once."""
        now = self._now(at)
        app = bundle.application
        got = received_at or (app.received if app else None) or bundle.dates.application_received
        try:
            with self._tx() as s:
                row = CaseRow(
                    case_number=bundle.case_number,
                    state="received",
                    priority=bundle.priority,
                    formulary=bool(app and app.formulary_dispute),
                    bundle_json=bundle_for_storage(bundle),
                    received_at=as_utc(got, now),
                    created_at=now,
                    updated_at=now,
                )
                s.add(row)
                s.flush()
                audit.append(
                    s,
                    actor=actor,
                    action="state.received",
                    case_id=row.id,
                    case_number=row.case_number,
                    detail={
                        "source": bundle.source_path,
                        "requests": [r.id for r in bundle.requests],
                        "received_at": row.received_at.isoformat(),
                    },
                    at=now,
                )
        except IntegrityError:
            raise CaseConflict(f"case {bundle.case_number}: already exists") from None
        return self.screen(bundle.case_number, actor, at=at)

    def screen(
        self,
        case_number: str,
        actor: str,
        bundle: CaseBundle | None = None,
        at: dt.datetime | None = None,
    ) -> EligibilityResult:
        """Run the eligibility screen (optionally on a corrected bundle)."""
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            if row.state != "received":
                raise CaseConflict(
                    f"case {case_number}: screened already (state '{row.state}')"
                )
            if bundle is not None:
                if bundle.case_number != case_number:
                    raise CaseError(
                        f"case {case_number}: the bundle is for case {bundle.case_number}"
                    )
                row.bundle_json = bundle_for_storage(bundle)
                row.priority = bundle.priority
                row.formulary = bool(bundle.application and bundle.application.formulary_dispute)
                audit.append(
                    s,
                    actor=actor,
                    action="bundle.replaced",
                    case_id=row.id,
                    case_number=case_number,
                    at=now,
                )
            result = check_eligibility(self.bundle_of(row))
            row.eligibility_json = to_json(result.to_dict())
            row.updated_at = now
            detail = {
                "outcome": result.outcome,
                "reasons": result.reasons,
                "ineligible_requests": result.ineligible_requests,
            }
            if result.outcome == "incomplete":
                audit.append(
                    s,
                    actor=actor,
                    action="eligibility.incomplete",
                    case_id=row.id,
                    case_number=case_number,
                    detail=detail,
                    at=now,
                )
            else:
                if result.outcome == "eligible":
                    row.eligible_at = now
                self._move(s, row, result.outcome, actor, now, detail)
        return result

    def assign(
        self,
        case_number: str,
        actor: str,
        notice_method: NoticeMethod = "electronic",
        at: dt.datetime | None = None,
        panel: Path | str | None = None,
        reason: str | None = None,
        expect_state: str | None = None,
    ) -> ReviewerSelection:
        """Choose the reviewer (workload from open cases in the store) and send the notice.

        Re-assigning an assigned case excludes its current reviewer (``reason`` says why).
        ``expect_state``: refuse (conflict) unless the case is still in that state, so of two
        people assigning the same case at once exactly one succeeds.
        """
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            if expect_state is not None and row.state != expect_state:
                raise CaseConflict(
                    f"case {case_number}: is '{row.state}' now, not '{expect_state}' "
                    "(someone else changed it first)"
                )
            exclude = None
            if row.state == "assigned" and row.reviewer_id:
                exclude = {row.reviewer_id: f"re-assigned away: {reason or 'no reason given'}"}
            check_transition(case_number, row.state, "assigned")
            counts = dict(
                s.execute(
                    select(CaseRow.reviewer_id, func.count())
                    .where(CaseRow.state.in_(BUSY_STATES), CaseRow.reviewer_id.is_not(None))
                    .group_by(CaseRow.reviewer_id)
                ).all()
            )
            use_panel = panel or row.panel_path or self.panel
            sel = select_reviewer(
                eligible_bundle(self.bundle_of(row), self._eligibility(row)),
                load_panel(use_panel),
                on=pacific(now).date(),
                workload={str(k): int(v) for k, v in counts.items()},
                exclude=exclude,
            )
            row.panel_path = str(use_panel) if use_panel else None
            row.reviewer_id = sel.reviewer.id
            row.assigned_at = now
            row.notice_method = notice_method
            row.selection_json = to_json(
                {
                    "reviewer_id": sel.reviewer.id,
                    "credentials": sel.credentials().model_dump(),
                    "specialties": sel.specialties,
                    "fitting_certifications": sel.fitting_certifications,
                    "explanation": sel.explanation,
                    "excluded": sel.excluded,
                    **split_record(sel),
                }
            )
            self._move(
                s,
                row,
                "assigned",
                actor,
                now,
                {
                    "reviewer_id": sel.reviewer.id,
                    "notice_method": notice_method,
                    "explanation": sel.explanation,
                    "excluded": sel.excluded,
                    **split_record(sel),
                },
            )
        return sel

    def records_complete(
        self,
        case_number: str,
        actor: str,
        received_at: dt.datetime | dt.date | None = None,
        method: NoticeMethod = "electronic",
        at: dt.datetime | None = None,
    ) -> None:
        """The complete records arrived: the decision clock starts."""
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            row.records_received_at = as_utc(received_at, now)
            row.records_method = method
            self._move(
                s,
                row,
                "records_complete",
                actor,
                now,
                {"received_at": row.records_received_at.isoformat(), "method": method},
            )

    def view_records(
        self, case_number: str, actor: str, at: dt.datetime | None = None
    ) -> list[Record]:
        """The records of the case; the view itself is audited."""
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            bundle = self.bundle_of(row)
            audit.append(
                s,
                actor=actor,
                action="records.viewed",
                case_id=row.id,
                case_number=case_number,
                detail={"records": [r.id for r in bundle.records]},
                at=now,
            )
        return bundle.records

    def viewed(
        self,
        case_number: str,
        actor: str,
        what: str = "case",
        detail: dict[str, Any] | None = None,
        at: dt.datetime | None = None,
    ) -> CaseRow:
        """Read a case for a user, and write the audit event of that read (``<what>.viewed``).

        A read takes no lock on the case (only the audit append is serialised)."""
        now = self._now(at)
        with self._tx() as s:
            s.info["for_update"] = False
            row = self._row(s, case_number)
            audit.append(
                s,
                actor=actor,
                action=f"{what}.viewed",
                case_id=row.id,
                case_number=case_number,
                detail=detail or {},
                at=now,
            )
            s.expunge(row)
            return row

    def record(self, actor: str, action: str, detail: dict[str, Any] | None = None) -> None:
        """An audit event that concerns no case (a login, an account change)."""
        with self._tx() as s:
            audit.append(s, actor=actor, action=action, detail=detail or {}, at=self._now())

    def refused(self, case_number: str | None, actor: str, action: str, why: str) -> None:
        """Record a refused attempt (e.g. a reviewer opening another reviewer's case)."""
        now = self._now()
        with self._tx() as s:
            case_id = None
            if case_number:
                found = s.execute(
                    select(CaseRow.id).where(CaseRow.case_number == case_number)
                ).scalar_one_or_none()
                case_id = found
            audit.append(
                s,
                actor=actor,
                action="access.refused",
                case_id=case_id,
                case_number=case_number if case_id else None,
                detail={"attempted": action, "why": why, "case": case_number},
                at=now,
            )

    def draft(
        self,
        case_number: str,
        actor: str = ENGINE_ACTOR,
        at: dt.datetime | None = None,
        decide_fn: Callable[..., Determination] | None = None,
    ) -> Determination:
        """Run the engine: the draft determination (state ``in_review``).

        The engine runs outside any transaction (it takes seconds): the case is read, the
        engine decides, then the draft is written only if the case did not change meanwhile.
        """
        start = self._now(at)
        with self._sessions() as s:
            row = self._row(s, case_number)
            check_transition(case_number, row.state, "in_review")
            bundle = eligible_bundle(self.bundle_of(row), self._eligibility(row))
            panel_path = row.panel_path
            seen = row.updated_at
        today = pacific(start).date()  # the guideline edition in force on the review day
        if decide_fn is None:
            from openimr import decide as run_decide

            det = run_decide(bundle, panel=panel_path, decision_date=today)
        else:
            det = decide_fn(bundle, panel=panel_path, decision_date=today)
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            check_transition(case_number, row.state, "in_review")
            if row.updated_at != seen:
                raise CaseConflict(f"case {case_number}: changed while the engine was drafting")
            sel = json.loads(row.selection_json or "{}")
            update: dict[str, Any] = {"status": "draft"}
            if sel.get("credentials"):
                update["reviewer"] = det.reviewer.model_validate(sel["credentials"])
                update["additional_reviewers"] = additional_reviewers(sel)
            if row.assigned_at:
                update["date_assigned"] = pacific(row.assigned_at).date()
            update["application_received"] = pacific(row.received_at).date()
            det = det.model_copy(update=update)
            row.draft_json = det.model_dump_json()
            if row.review_started_at is None:
                row.review_started_at = now
            self._move(
                s, row, "in_review", actor, now, {"items": {it.id: it.decision for it in det.items}}
            )
        return det

    def sign(
        self,
        case_number: str,
        reviewer_id: str,
        edits: SignEdits,
        at: dt.datetime | None = None,
        decision_date: dt.date | None = None,
        actor: str | None = None,
    ) -> Determination:
        """The assigned reviewer accepts or edits each item and signs (state ``determined``).

        The sign event carries the SHA-256 of the signed determination (its seal): issuing
        checks it, so a determination changed in the database afterwards is never issued.
        """
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            if row.state != "in_review" or not row.draft_json:
                raise CaseConflict(
                    f"case {case_number}: nothing to sign (state '{row.state}'; "
                    "a draft must be under review)"
                )
            if reviewer_id != row.reviewer_id:
                raise CaseForbidden(f"case {case_number}: only the assigned reviewer may sign")
            draft = Determination.model_validate_json(row.draft_json)
            items, changes = apply_edits(draft, edits)
            signed = draft.model_copy(
                update={
                    "items": items,
                    "status": "signed",
                    "decision_date": decision_date or pacific(now).date(),
                }
            )
            started = row.review_started_at or now
            seconds = max(0, int((utc(now) - utc(started)).total_seconds()))
            row.determination_json = signed.model_dump_json()
            row.signed_by = reviewer_id
            row.signed_at = now
            row.review_seconds = seconds
            row.changes_json = to_json({"changes": changes, "note": edits.note})
            actor = actor or f"reviewer:{reviewer_id}"
            for ch in changes:
                audit.append(
                    s,
                    actor=actor,
                    action="item.edited",
                    case_id=row.id,
                    case_number=case_number,
                    detail=ch,
                    at=now,
                )
            self._move(
                s,
                row,
                "determined",
                actor,
                now,
                {
                    "changes": len(changes),
                    "review_seconds": seconds,
                    "decisions": {it.id: it.decision for it in items},
                    "note": edits.note,
                    "determination_sha256": _sha256(row.determination_json),
                },
            )
        return signed

    @staticmethod
    def _check_seal(s: Session, row: CaseRow) -> None:
        """Refuse a signed determination that differs from the one its sign event sealed."""
        ev = s.execute(
            select(AuditRow)
            .where(AuditRow.case_id == row.id, AuditRow.action == "state.determined")
            .order_by(AuditRow.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if ev is None or not audit.row_intact(s, ev):
            raise CaseTampered(
                f"case {row.case_number}: the sign event is missing or altered; not issued"
            )
        sealed = json.loads(ev.detail_json).get("determination_sha256")
        if sealed != _sha256(row.determination_json or ""):
            raise CaseTampered(
                f"case {row.case_number}: the signed determination was changed after it was "
                "signed; not issued"
            )

    def issue(
        self,
        case_number: str,
        fmt: str,
        actor: str,
        at: dt.datetime | None = None,
        render_fn: Callable[[Determination, str], str | bytes] | None = None,
        sink: Callable[[bytes], None] | None = None,
    ) -> str | bytes:
        """Render the Final Determination Letter of a signed case (state ``issued``).

        The seal of the signed determination is checked first. The letter is stored with
        the case, and handed to ``sink`` (e.g. a file writer), in the same transaction as
        the state change: if either fails, the case is not issued.
        Re-rendering an issued case in another format is allowed and audited.
        """
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            if row.state not in ("determined", "issued") or not row.determination_json:
                raise CaseConflict(
                    f"case {case_number}: no signed determination (state '{row.state}'); "
                    "a draft is never issued"
                )
            self._check_seal(s, row)
            det = Determination.model_validate_json(row.determination_json)
            if det.status != "signed":
                raise CaseError(f"case {case_number}: the determination is not signed")
            if render_fn is None:
                from openimr.letters import render

                out = render(det, fmt)
            else:
                out = render_fn(det, fmt)
            blob = out if isinstance(out, bytes) else out.encode("utf-8")
            digest = hashlib.sha256(blob).hexdigest()
            detail = {"format": fmt, "sha256": digest, "bytes": len(blob)}
            s.add(
                CaseLetterRow(
                    case_id=row.id, format=fmt, content=blob, sha256=digest, created_at=now
                )
            )
            if row.state == "issued":
                audit.append(
                    s,
                    actor=actor,
                    action="letter.rendered",
                    case_id=row.id,
                    case_number=case_number,
                    detail=detail,
                    at=now,
                )
            else:
                row.issued_at = now
                row.letter_format = fmt
                row.letter_sha256 = digest
                self._move(s, row, "issued", actor, now, detail)
            if sink is not None:
                sink(blob)  # inside the transaction: a failed write leaves the case unissued
        return out

    def letter(self, case_number: str, fmt: str | None = None) -> CaseLetterRow | None:
        """The newest stored letter of an issued case (in ``fmt``, when given)."""
        with self._sessions() as s:
            row = self._row(s, case_number)
            q = select(CaseLetterRow).where(CaseLetterRow.case_id == row.id)
            if fmt:
                q = q.where(CaseLetterRow.format == fmt)
            found = s.execute(q.order_by(CaseLetterRow.id.desc()).limit(1)).scalar_one_or_none()
            if found is not None:
                s.expunge(found)
            return found

    def terminate(
        self, case_number: str, actor: str, reason: str, at: dt.datetime | None = None
    ) -> None:
        """End the case (e.g. the claims administrator authorised the treatment)."""
        now = self._now(at)
        with self._tx() as s:
            row = self._row(s, case_number)
            row.terminated_at = now
            row.termination_reason = reason
            self._move(s, row, "terminated", actor, now, {"reason": reason})

    # -- reading -------------------------------------------------------------------------
    @staticmethod
    def _eligibility(row: CaseRow) -> EligibilityResult:
        return EligibilityResult.from_dict(json.loads(row.eligibility_json or "{}"))

    def get(self, case_number: str) -> CaseRow:
        with self._sessions() as s:
            row = self._row(s, case_number)
            s.expunge(row)
            return row

    def cases(self, states: tuple[str, ...] | None = None) -> list[CaseRow]:
        with self._sessions() as s:
            q = select(CaseRow).order_by(CaseRow.case_number)
            if states:
                q = q.where(CaseRow.state.in_(states))
            rows = list(s.execute(q).scalars())
            for r in rows:
                s.expunge(r)
            return rows

    def deadlines(self, now: dt.datetime | None = None) -> list[CaseDeadline]:
        """Open cases by urgency (overdue first)."""
        return urgency(self.cases(OPEN_STATES), now or self.clock())

    def events(self, case_number: str | None = None) -> list[audit.Event]:
        with self._sessions() as s:
            return audit.events(s, case_number)

    def verify_audit(self) -> audit.Verification:
        """The chain, its MACs and its anchor outside the database (see ``audit.verify``)."""
        with self._sessions() as s:
            return audit.verify(s)

    def export(self, case_number: str) -> dict[str, Any]:
        """The case as JSON for outside use: reviewer credentials, never reviewer identity."""
        from openimr.process.case_export import export_case

        return export_case(self.get(case_number), self.events(case_number))
