"""Long work as jobs. Deciding a case loads the NLP pipeline and reads every record: the page
shows the job's progress (a row in ``jobs``, read by any instance) instead of a frozen request.

On PostgreSQL the jobs go through a maintained queue library, procrastinate (its tables are
created by the migration ``web_0002``): :meth:`Jobs.submit_draft` writes the progress row and
defers a procrastinate job that carries its id. Any number of ``openimr worker`` processes, on
any machine sharing the database, take the jobs (and so does a worker inside each service
process, unless ``openimr serve --no-jobs``). A job that raises is retried by procrastinate
(:data:`RETRY`); a job whose worker died (killed, machine lost) is left ``doing`` with a
worker that no longer sends heartbeats: every worker looks for such stalled jobs
(:meth:`Jobs.retry_stalled`) and puts them back in the queue, so another worker runs them.
An error of the case itself (:class:`~openimr.errors.OpenIMRError`: the case changed, nothing
to draft) is final and not retried.

On SQLite (one machine, no queue server) the same jobs run in the service's own threads,
retried the same number of times.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from openimr.process.cases import CaseService
from openimr.store import session_factory
from openimr.store.web_tables import JobRow

if TYPE_CHECKING:
    import procrastinate

MAX_ATTEMPTS = 3  # runs of one job, the first included
QUEUE = "openimr"
DECIDE_TASK = "openimr.decide"
INGEST_TASK = "openimr.ingest_letters"
PACKET_TASK = "openimr.read_packet"
HEARTBEAT_S = 5.0  # a worker's heartbeat interval ...
STALLED_AFTER_S = 30.0  # ... and the silence after which its running jobs count as stalled
log = logging.getLogger("openimr.jobs")


def job_dict(row: JobRow) -> dict[str, Any]:
    """A job's progress row as the API returns it."""
    return {
        "id": row.id,
        "kind": row.kind,
        "case_number": row.case_number,
        "state": row.state,
        "progress": row.progress,
        "attempts": row.attempts,
        "error": row.error,
    }


def libpq_conninfo(url: Any) -> str:
    """A SQLAlchemy URL as a libpq connection string (what procrastinate's connector takes)."""
    from psycopg.conninfo import make_conninfo

    parts = {
        "dbname": url.database,
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
    }
    return make_conninfo(**{k: str(v) for k, v in parts.items() if v})


class Jobs:
    """Submit long work, follow its progress, and (as a worker) run it."""

    def __init__(
        self,
        cases: CaseService,
        threads: int = 2,
        run: bool = True,
        stalled_after: float = STALLED_AFTER_S,
    ) -> None:
        self.cases = cases
        self._sessions = session_factory(cases.engine)
        self.run = run
        self.threads = threads
        self.stalled_after = stalled_after
        self.on_postgres = cases.engine.dialect.name == "postgresql"
        self._pool: ThreadPoolExecutor | None = None
        self._queue: procrastinate.App | None = None
        self._defer: procrastinate.App | None = None
        self._worker_thread: threading.Thread | None = None
        self._worker_loop: asyncio.AbstractEventLoop | None = None
        self._worker_task: asyncio.Task[Any] | None = None
        self._stopping = threading.Event()
        if self.on_postgres:
            import procrastinate

            # deferring happens in the caller's transaction, on its connection: no pool here
            self._defer = procrastinate.App(
                connector=procrastinate.SyncPsycopgConnector(
                    conninfo=libpq_conninfo(cases.engine.url)
                )
            )
            if run:  # this process is a worker too
                self._start_worker_thread()
        else:
            self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="openimr-job")

    # -- the queue (PostgreSQL) ---------------------------------------------------------------
    def _make_queue(self) -> procrastinate.App:
        import procrastinate

        app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(
                conninfo=libpq_conninfo(self.cases.engine.url),
                kwargs={"application_name": "openimr-jobs"},
                min_size=1,
                max_size=max(2, self.threads + 1),
            )
        )

        def decide(context: procrastinate.JobContext, job_id: int) -> None:
            attempt = (context.job.attempts if context.job else 0) + 1
            self._run_draft(job_id, attempt, final=attempt >= MAX_ATTEMPTS)

        def ingest(context: procrastinate.JobContext, job_id: int, paths: list[str]) -> None:
            attempt = (context.job.attempts if context.job else 0) + 1
            self._run_ingest(job_id, paths, attempt, final=attempt >= MAX_ATTEMPTS)

        def packet(context: procrastinate.JobContext, job_id: int, name: str) -> None:
            attempt = (context.job.attempts if context.job else 0) + 1
            self._run_packet(job_id, name, attempt, final=attempt >= MAX_ATTEMPTS)

        retry = procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS - 1, wait=1)
        app.task(name=DECIDE_TASK, queue=QUEUE, pass_context=True, retry=retry)(decide)
        app.task(name=INGEST_TASK, queue=QUEUE, pass_context=True, retry=retry)(ingest)
        app.task(name=PACKET_TASK, queue=QUEUE, pass_context=True, retry=retry)(packet)
        return app

    @property
    def queue(self) -> procrastinate.App:
        """The procrastinate app a worker runs (PostgreSQL only), made on first use."""
        if not self.on_postgres:
            raise RuntimeError("the job queue needs PostgreSQL (SQLite runs jobs in-process)")
        if self._queue is None:
            self._queue = self._make_queue()
        return self._queue

    async def retry_stalled(self) -> int:
        """Put back in the queue the jobs whose worker stopped sending heartbeats."""
        manager = self.queue.job_manager
        stalled = list(
            await manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=self.stalled_after
            )
        )
        for job in stalled:
            job_id = int(str(job.task_kwargs.get("job_id", 0)))
            log.warning("job %s: its worker stopped; queued again", job_id)
            self._update(job_id, state="queued", progress="queued again: its worker stopped")
            await manager.retry_job(job)
        return len(stalled)

    async def work(self, *, wait: bool = True, concurrency: int = 1, name: str = "openimr") -> None:
        """Run a worker: take jobs until stopped (``wait``) or until none waits; look for
        stalled jobs at start and every ``stalled_after`` seconds."""

        async def stalled_watch() -> None:
            while True:
                try:
                    await self.retry_stalled()
                except Exception as exc:  # a lost connection must not stop the worker
                    log.warning("looking for stalled jobs failed: %s", exc.__class__.__name__)
                await asyncio.sleep(max(1.0, self.stalled_after / 2))

        async with self.queue.open_async():
            await self.retry_stalled()
            watch = asyncio.create_task(stalled_watch()) if wait else None
            try:
                await self.queue.run_worker_async(
                    queues=[QUEUE],
                    concurrency=concurrency,
                    wait=wait,
                    name=name,
                    install_signal_handlers=wait and threading.current_thread().name
                    == "MainThread",
                    update_heartbeat_interval=min(HEARTBEAT_S, self.stalled_after / 3),
                    stalled_worker_timeout=self.stalled_after,
                    listen_notify=True,
                    fetch_job_polling_interval=2.0,
                )
            finally:
                if watch is not None:
                    watch.cancel()

    def _start_worker_thread(self) -> None:
        stopping = self._stopping

        async def serve_jobs() -> None:
            self._worker_loop = asyncio.get_running_loop()
            self._worker_task = asyncio.current_task()
            if stopping.is_set():
                return
            await self.work(concurrency=self.threads, name="openimr-service")

        def main() -> None:
            # the Runner cancels what is left (the pool's own tasks) before closing its loop
            with asyncio.Runner() as runner:
                try:
                    runner.run(serve_jobs())
                except asyncio.CancelledError:
                    pass
                except Exception as exc:
                    log.warning("the service's job worker stopped: %s", exc.__class__.__name__)

        self._worker_thread = threading.Thread(target=main, name="openimr-worker", daemon=True)
        self._worker_thread.start()

    # -- progress rows ------------------------------------------------------------------------
    def _update(self, job_id: int, **values: Any) -> None:
        with self._sessions() as s, s.begin():
            row = s.get(JobRow, job_id)
            if row is None:
                return
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = dt.datetime.now(dt.UTC)

    def get(self, job_id: int) -> JobRow | None:
        """A job's progress row."""
        with self._sessions() as s:
            row = s.get(JobRow, job_id)
            if row is not None:
                s.expunge(row)
            return row

    def latest(self, case_number: str) -> JobRow | None:
        """The newest job of a case."""
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

    # -- submitting and running ---------------------------------------------------------------
    def _submit(
        self,
        kind: str,
        task: str,
        actor: str,
        case_number: str | None,
        payload: bytes | None = None,
        **args: Any,
    ) -> int:
        """A progress row and its job: on PostgreSQL both commit together (the queue's job
        carries the row's id); on SQLite the job runs in this process's threads."""
        now = dt.datetime.now(dt.UTC)
        with self._sessions() as s, s.begin():
            row = JobRow(
                kind=kind,
                case_number=case_number,
                actor=actor,
                state="queued",
                progress="queued",
                attempts=0,
                created_at=now,
                updated_at=now,
                payload=payload,
            )
            s.add(row)
            s.flush()
            job_id = row.id
            if self._defer is not None:
                dbapi = s.connection().connection.dbapi_connection
                job = self._defer.configure_task(task, queue=QUEUE).make_new_job(
                    job_id=job_id, **args
                )
                self._defer.job_manager.defer_job(job, connection=dbapi)
        if self._pool is not None:  # SQLite: no queue to leave it in, run it here
            self._pool.submit(self._run_in_process, task, job_id, args)
        return job_id

    def submit_draft(self, case_number: str, actor: str) -> int:
        """Queue the engine's draft of a case; returns the job's id."""
        return self._submit("decide", DECIDE_TASK, actor, case_number)

    def submit_ingest(self, paths: list[str], actor: str) -> int:
        """Queue storing the published letters under ``paths`` (files or folders the workers
        can read); returns the job's id. Re-running is safe: stored letters are skipped."""
        return self._submit("ingest", INGEST_TASK, actor, None, paths=[str(p) for p in paths])

    def submit_packet(self, name: str, data: bytes, actor: str) -> int:
        """Queue reading an uploaded packet (PDF or fax image) into a case bundle and opening
        the application; returns the job's id. The packet waits in the job's row (any worker
        reads it there) and is dropped once read."""
        return self._submit("packet", PACKET_TASK, actor, None, payload=data, name=name)

    def _run_in_process(self, task: str, job_id: int, args: dict[str, Any]) -> None:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                if task == PACKET_TASK:
                    self._run_packet(job_id, args["name"], attempt, attempt == MAX_ATTEMPTS)
                elif task == INGEST_TASK:
                    self._run_ingest(job_id, args["paths"], attempt, attempt == MAX_ATTEMPTS)
                else:
                    self._run_draft(job_id, attempt, final=attempt == MAX_ATTEMPTS)
                return
            except Exception:  # recorded on the job by the run; run it again
                continue

    def _run_packet(self, job_id: int, name: str, attempt: int, final: bool) -> None:
        """One run of a packet job: read the packet (OCR where a page has no text layer),
        open the application when it makes a valid case. A packet that does not (a field
        missing) or a case that exists already is final; any other error is retried."""
        import os
        import tempfile
        from pathlib import Path

        from sqlalchemy.orm import undefer

        from openimr.errors import OpenIMRError
        from openimr.intake.packets import intake_packets

        with self._sessions() as s:
            row = s.get(JobRow, job_id, options=[undefer(JobRow.payload)])
            if row is None or row.state == "done" or row.payload is None:
                return
            data, actor = row.payload, row.actor
        self._update(job_id, state="running", attempts=attempt, progress="reading the packet")
        suffix = Path(name).suffix.lower()
        suffix = suffix if suffix in (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg") else ".pdf"
        try:
            with tempfile.TemporaryDirectory(prefix="openimr-packet-") as tmp:  # mode 0700
                path = Path(tmp) / f"packet{suffix}"
                fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)  # records
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                result = intake_packets([path], out_dir=tmp, workers=1, progress=False)
            if result.bundle is None:
                self._update(
                    job_id,
                    state="failed",
                    progress="failed",
                    error=f"the packet is not a valid case yet: {result.problem}",
                )
                return
            self._update(job_id, progress=f"opening case {result.bundle.case_number}")
            opened = self.cases.open_case(result.bundle, actor)
        except OpenIMRError as exc:
            self._update(job_id, state="failed", error=str(exc), progress="failed")
            return
        except Exception as exc:
            log.warning("job %s (packet) failed: %s", job_id, exc.__class__.__name__)
            self._update(
                job_id,
                state="failed" if final else "queued",
                error=f"{exc.__class__.__name__}: {exc}"[:500],
                progress="failed" if final else f"retrying (attempt {attempt} failed)",
            )
            raise
        self._update(
            job_id,
            state="done",
            case_number=opened.case_number,
            progress=f"case {opened.case_number} opened: {opened.outcome}",
            error=None,
            payload=None,  # the records now live in the case
        )

    def _run_ingest(self, job_id: int, paths: list[str], attempt: int, final: bool) -> None:
        """One run of an ingest job (any error is retried: ingesting again is safe)."""
        from pathlib import Path

        from openimr.letters_in.ingest import IngestSummary, ingest

        row = self.get(job_id)
        if row is None or row.state == "done":
            return
        self._update(job_id, state="running", attempts=attempt, progress="finding the letters")

        def shown(summary: IngestSummary, done: int) -> None:
            self._update(
                job_id,
                progress=f"{done} of {summary.files} letter file(s) read; "
                f"{summary.inserted + summary.updated} stored, {summary.failed} failed",
            )

        try:
            summary = ingest(
                self.cases.engine,
                [Path(p) for p in paths],
                workers=1,
                progress=False,
                on_progress=shown,
            )
        except Exception as exc:
            log.warning("job %s (ingest) failed: %s", job_id, exc.__class__.__name__)
            self._update(
                job_id,
                state="failed" if final else "queued",
                error=f"{exc.__class__.__name__}: {exc}"[:500],
                progress="failed" if final else f"retrying (attempt {attempt} failed)",
            )
            raise
        failed = f"; {summary.failed} file(s) could not be read" if summary.failed else ""
        self._update(
            job_id,
            state="done",
            progress=f"{summary.files} letter file(s): {summary.inserted} new, "
            f"{summary.updated} updated, {summary.unchanged + summary.skipped} already stored"
            + failed,
            error=None,
        )

    def _run_draft(self, job_id: int, attempt: int, final: bool) -> None:
        """One run of a decide job. An error of the case is final (returns); any other error
        is recorded and raised again, for the queue to retry."""
        from openimr.errors import OpenIMRError

        row = self.get(job_id)
        if row is None or row.state == "done" or not row.case_number:
            return
        case_number, actor = row.case_number, row.actor
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
        except OpenIMRError as exc:
            self._update(job_id, state="failed", error=str(exc), progress="failed")
            return
        except Exception as exc:
            log.warning("job %s (decide) failed: %s", job_id, exc.__class__.__name__)
            self._update(
                job_id,
                state="failed" if final else "queued",
                error=f"{exc.__class__.__name__}: {exc}"[:500],
                progress="failed" if final else f"retrying (attempt {attempt} failed)",
            )
            raise
        self._update(job_id, state="done", progress="draft ready", error=None)

    def shutdown(self) -> None:
        """Stop this process's job threads or worker (the queued jobs stay queued)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=False)
        self._stopping.set()
        loop, task = self._worker_loop, self._worker_task
        if loop is not None and task is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(task.cancel)
        if self._worker_thread is not None:
            self._worker_thread.join(30)
