"""Long work as jobs: a row in ``jobs`` (state and progress, read by any instance). Deciding a
case loads the NLP pipeline and reads every record: the page shows the job's progress instead
of a frozen request.

By default the service runs the jobs it queues in its own threads (SQLite, one machine).
With ``run_jobs`` off (``openimr serve --no-jobs``) they wait in the table for any number of
``openimr worker`` processes, on any machine sharing the database, which claim them one at a
time (``FOR UPDATE SKIP LOCKED`` on PostgreSQL). A job that fails is retried
(``MAX_ATTEMPTS``); its error is kept. A job left running by a worker that died stays
``running`` (not yet reclaimed).
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select

from openimr.process.cases import CaseService
from openimr.store import session_factory
from openimr.store.web_tables import JobRow

MAX_ATTEMPTS = 2
log = logging.getLogger("openimr.jobs")


def job_dict(row: JobRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "case_number": row.case_number,
        "state": row.state,
        "progress": row.progress,
        "attempts": row.attempts,
        "error": row.error,
    }


class Jobs:
    def __init__(self, cases: CaseService, threads: int = 2, run: bool = True) -> None:
        self.cases = cases
        self._sessions = session_factory(cases.engine)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="openimr-job")
        self.run = run

    def _update(self, job_id: int, **values: Any) -> None:
        with self._sessions() as s, s.begin():
            row = s.get(JobRow, job_id)
            if row is None:
                return
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = dt.datetime.now(dt.UTC)

    def get(self, job_id: int) -> JobRow | None:
        with self._sessions() as s:
            row = s.get(JobRow, job_id)
            if row is not None:
                s.expunge(row)
            return row

    def latest(self, case_number: str) -> JobRow | None:
        with self._sessions() as s:
            row = s.execute(
                select(JobRow)
                .where(JobRow.case_number == case_number)
                .order_by(JobRow.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if row is not None:
                s.expunge(row)
            return row

    def submit_draft(self, case_number: str, actor: str) -> int:
        now = dt.datetime.now(dt.UTC)
        with self._sessions() as s, s.begin():
            row = JobRow(
                kind="decide",
                case_number=case_number,
                actor=actor,
                state="queued",
                progress="queued",
                attempts=0,
                created_at=now,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            job_id = row.id
        if self.run:
            self._pool.submit(self._run_draft, job_id, case_number, actor)
        return job_id

    def claim(self) -> tuple[int, str, str] | None:
        """Take the oldest queued job (id, case number, actor), or None when none waits."""
        from openimr.store.db import write_lock

        with self._sessions() as s, s.begin():
            write_lock(s)
            row = s.execute(
                select(JobRow)
                .where(JobRow.state == "queued")
                .order_by(JobRow.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if row is None:
                return None
            row.state = "running"
            row.progress = "claimed by a worker"
            row.updated_at = dt.datetime.now(dt.UTC)
            return row.id, row.case_number or "", row.actor

    def run_claimed(self, job: tuple[int, str, str]) -> None:
        self._run_draft(*job)

    def _run_draft(self, job_id: int, case_number: str, actor: str) -> None:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self._update(
                job_id,
                state="running",
                attempts=attempt,
                progress="loading the guidelines and the language pipeline",
            )
            try:
                from openimr.review.decide import decide as run_decide

                def decide_fn(bundle: Any, **options: Any) -> Any:
                    self._update(
                        job_id,
                        progress=f"reading {len(bundle.records)} record(s) and deciding "
                        f"{len(bundle.requests)} item(s)",
                    )
                    return run_decide(bundle, **options)

                self.cases.draft(case_number, actor, decide_fn=decide_fn)
            except Exception as exc:  # kept on the job; retried once
                log.warning("job %s (decide %s) failed: %s", job_id, case_number, exc)
                from openimr.errors import OpenIMRError

                final = isinstance(exc, OpenIMRError) or attempt == MAX_ATTEMPTS
                self._update(
                    job_id,
                    state="failed" if final else "queued",
                    error=str(exc),
                    progress="failed" if final else "retrying",
                )
                if final:
                    return
                continue
            self._update(job_id, state="done", progress="draft ready", error=None)
            return

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
