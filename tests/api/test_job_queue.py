"""The job queue on real PostgreSQL (procrastinate): `openimr worker` processes take the
jobs the service queues; a job whose worker died is queued again and run by another worker;
a job that fails is retried. SQLite runs the same jobs in the service's own threads."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from openimr.cli import app as cli

from .conftest import PASSWORD, ROLES, demo_bundle


def _app_with_case(url: str, audit: Path, case: str = "CM13-0057725") -> tuple[Any, str]:
    """A service that runs no jobs itself, and a case ready for the engine's draft."""
    from openimr.api import Settings, create_app
    from openimr.domain.bundle import CaseBundle

    app = create_app(Settings(database_url=url, run_jobs=False, audit_dir=str(audit)))
    acc = app.state.services.accounts
    for name, (role, rid) in ROLES.items():
        acc.add_user(name, PASSWORD, role, None, rid)
    svc = app.state.services.cases
    bundle = demo_bundle()
    bundle["case_number"] = case
    cn = svc.open_case(CaseBundle.model_validate(bundle), "user:clerk").case_number
    svc.assign(cn, "user:sup")
    svc.records_complete(cn, "user:clerk")
    return app, cn


def _queue_draft(app: Any, cn: str) -> int:
    http = TestClient(app)
    csrf = http.post("/api/login", json={"username": "sup", "password": PASSWORD}).json()
    job = http.post(f"/api/cases/{cn}/draft", headers={"X-CSRF-Token": csrf["csrf_token"]})
    assert job.status_code == 202 and job.json()["state"] == "queued", job.text
    return int(job.json()["id"])


def _queue_status(url: str) -> list[tuple[str, int]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return [
                (str(s), int(a))
                for s, a in c.execute(
                    text("SELECT status, attempts FROM procrastinate_jobs ORDER BY id")
                )
            ]
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_worker_process_runs_queued_jobs(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service only queues (``--no-jobs``); `openimr worker` takes the job from the
    PostgreSQL queue and the case gets its draft."""
    monkeypatch.setenv("OPENIMR_AUDIT_DIR", str(tmp_path / "audit"))
    app, cn = _app_with_case(pg_url, tmp_path / "audit")
    try:
        job_id = _queue_draft(app, cn)
        assert _queue_status(pg_url) == [("todo", 0)]
        r = CliRunner().invoke(cli, ["worker", "--db", pg_url, "--once"])
        assert r.exit_code == 0, r.output
        job = app.state.services.jobs.get(job_id)
        assert (job.state, job.attempts) == ("done", 1), (job.state, job.error)
        assert app.state.services.cases.get(cn).state == "in_review"
        assert _queue_status(pg_url) == [("succeeded", 1)]  # procrastinate counts runs
    finally:
        app.state.services.engine.dispose()


@pytest.mark.postgres
def test_a_job_whose_worker_died_is_retried(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed in the middle of a job (SIGKILL: no clean-up of its own) leaves the job
    running; once its heartbeat is older than ``--stalled-after``, the next worker queues it
    again and runs it: the case gets its draft, on the second attempt."""
    from openimr.api.jobs import Jobs

    audit = tmp_path / "audit"
    monkeypatch.setenv("OPENIMR_AUDIT_DIR", str(audit))
    app, cn = _app_with_case(pg_url, audit)
    svc = app.state.services
    proc = None
    try:
        job_id = _queue_draft(app, cn)
        env = dict(os.environ, OPENIMR_AUDIT_DIR=str(audit))
        proc = subprocess.Popen(
            [sys.executable, "-m", "openimr", "worker", "--db", pg_url, "--stalled-after", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        end = time.monotonic() + 120
        while time.monotonic() < end and svc.jobs.get(job_id).state != "running":
            time.sleep(0.05)
        assert svc.jobs.get(job_id).state == "running", "the worker never took the job"
        proc.send_signal(signal.SIGKILL)  # dies in the middle of the job
        proc.wait(30)
        assert svc.cases.get(cn).state == "records_complete"  # no draft was written
        assert _queue_status(pg_url) == [("doing", 0)]
        time.sleep(3)  # the dead worker's last heartbeat is now older than 2 s
        survivor = Jobs(svc.cases, threads=1, run=False, stalled_after=2)
        asyncio.run(survivor.work(wait=False))
        job = svc.jobs.get(job_id)
        assert (job.state, job.attempts) == ("done", 2), (job.state, job.progress, job.error)
        assert svc.cases.get(cn).state == "in_review"
        assert _queue_status(pg_url) == [("succeeded", 2)]  # the killed run and this one
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
        svc.engine.dispose()


@pytest.mark.postgres
def test_a_failing_job_is_retried_then_failed(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job that raises (here: the engine is broken) is retried by the queue up to
    MAX_ATTEMPTS runs, then kept as failed with its error."""
    from openimr.api import jobs as jobs_module

    monkeypatch.setenv("OPENIMR_AUDIT_DIR", str(tmp_path / "audit"))
    app, cn = _app_with_case(pg_url, tmp_path / "audit")
    svc = app.state.services
    calls: list[int] = []

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise RuntimeError("fictional engine failure")

    monkeypatch.setattr("openimr.review.decide.decide", broken)
    try:
        job_id = _queue_draft(app, cn)
        worker = jobs_module.Jobs(svc.cases, threads=1, run=False)
        end = time.monotonic() + 60
        while time.monotonic() < end and svc.jobs.get(job_id).state != "failed":
            asyncio.run(worker.work(wait=False))  # a retry waits a second before it is due
            time.sleep(0.5)
        job = svc.jobs.get(job_id)
        assert (job.state, job.attempts) == ("failed", jobs_module.MAX_ATTEMPTS), job.progress
        assert "fictional engine failure" in (job.error or "")
        assert len(calls) == jobs_module.MAX_ATTEMPTS
        assert _queue_status(pg_url)[0][0] == "failed"
    finally:
        svc.engine.dispose()


@pytest.mark.postgres
def test_ingesting_letters_is_a_job_a_worker_runs(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`openimr letters ingest DIR --queue` queues the work; a worker stores the letters and
    the job shows what it did."""
    from letters_in.fictional import write_letters
    from openimr.api import Settings, create_app
    from openimr.letters_in.search import search

    monkeypatch.setenv("OPENIMR_AUDIT_DIR", str(tmp_path / "audit"))
    write_letters(tmp_path / "letters", 6, seed=5)
    r = CliRunner().invoke(
        cli, ["letters", "ingest", str(tmp_path / "letters"), "--db", pg_url, "--queue"]
    )
    assert r.exit_code == 0 and "queued job" in r.output, r.output
    job_id = int(r.output.split("queued job ")[1].split(":")[0])
    app = create_app(Settings(database_url=pg_url, run_jobs=False))
    svc = app.state.services
    try:
        assert svc.jobs.get(job_id).state == "queued"
        assert not search(svc.engine, "")
        r = CliRunner().invoke(cli, ["worker", "--db", pg_url, "--once"])
        assert r.exit_code == 0, r.output
        job = svc.jobs.get(job_id)
        assert job.kind == "ingest" and job.state == "done", (job.state, job.error)
        assert job.progress.startswith("6 letter file(s): 6 new"), job.progress
        assert len({h.case_number for h in search(svc.engine, "")}) == 6
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_on_sqlite_the_service_runs_an_ingest_job_itself(app: Any, tmp_path: Path) -> None:
    from letters_in.fictional import write_letters

    from .conftest import wait_job

    write_letters(tmp_path / "letters", 3, seed=6)
    job_id = app.state.services.jobs.submit_ingest([str(tmp_path / "letters")], "user:root")
    from .conftest import Client

    assert Client(app, "aud").get(f"/api/jobs/{job_id}").status_code == 403
    job = wait_job(Client(app, "sup"), job_id, timeout=60)
    assert job["state"] == "done" and job["progress"].startswith("3 letter file(s): 3 new")


def _packet(tmp_path: Path) -> bytes:
    from intake.packets.generator import make_packet

    packet, _ = make_packet(tmp_path / "packet", size="small", scan=False)  # typed: no OCR
    return packet.read_bytes()


@pytest.mark.postgres
def test_reading_a_packet_is_a_job_that_opens_the_application(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An intake clerk sends a packet; a worker reads it, opens and screens the application;
    the job then names the case, and the packet no longer waits in the job's row."""
    from sqlalchemy import text

    from openimr.api import Settings, create_app

    monkeypatch.setenv("OPENIMR_AUDIT_DIR", str(tmp_path / "audit"))
    app = create_app(Settings(database_url=pg_url, run_jobs=False))
    svc = app.state.services
    for name, (role, rid) in ROLES.items():
        svc.accounts.add_user(name, PASSWORD, role, None, rid)
    try:
        http = TestClient(app)
        csrf = http.post("/api/login", json={"username": "clerk", "password": PASSWORD}).json()
        h = {"X-CSRF-Token": csrf["csrf_token"]}
        wrong = http.post("/api/packets", files={"packet": ("notes.txt", b"x")}, headers=h)
        assert wrong.status_code == 422
        r = http.post(
            "/api/packets", files={"packet": ("packet.pdf", _packet(tmp_path))}, headers=h
        )
        assert r.status_code == 202 and r.json()["state"] == "queued", r.text
        job_id = r.json()["id"]
        assert CliRunner().invoke(cli, ["worker", "--db", pg_url, "--once"]).exit_code == 0
        job = http.get(f"/api/jobs/{job_id}").json()
        assert job["state"] == "done" and job["case_number"] == "CM13-0057725", job
        assert job["progress"].startswith("case CM13-0057725 opened")
        assert svc.cases.get("CM13-0057725").state in ("received", "eligible", "ineligible")
        with svc.engine.connect() as c:
            left = c.execute(text("SELECT payload FROM jobs WHERE id = :i"), {"i": job_id})
            assert left.scalar_one() is None
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_on_sqlite_a_packet_sent_from_the_queue_page_is_read_in_the_service(
    app: Any, tmp_path: Path
) -> None:
    import re

    from .conftest import Client, wait_job
    from .test_pages_and_cli import csrf_of, page_login

    clerk = page_login(app, "clerk")
    page = clerk.get("/queue").text
    r = clerk.post(
        "/applications",
        files={"bundle": ("packet.pdf", _packet(tmp_path))},
        data={"csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and re.fullmatch(r"/jobs/\d+", r.headers["location"]), r.text
    job_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert wait_job(Client(app, "clerk"), job_id, timeout=120)["state"] == "done"
    done = clerk.get(f"/jobs/{job_id}").text
    assert 'href="/cases/CM13-0057725"' in done
    assert Client(app, "aud").get(f"/api/jobs/{job_id}").status_code == 403
