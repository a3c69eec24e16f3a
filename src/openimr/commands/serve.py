"""``openimr serve``: the workbench (FastAPI on uvicorn) on SQLite or PostgreSQL."""

from __future__ import annotations

import os
import secrets
import tempfile
from typing import Annotated

import typer

ADMIN_ENV = "OPENIMR_ADMIN_PASSWORD"
# Idle keep-alive connections are kept this long (uvicorn's default, 5 s, is shorter than a
# user's pause between two clicks, and than a load balancer's idle timeout: a client reusing
# a connection the service is closing at that moment gets a read error).
KEEP_ALIVE_S = 75


def first_admin(accounts: object) -> str | None:
    """With no account yet, make the first administrator ``admin``: its password comes from
    ``$OPENIMR_ADMIN_PASSWORD``, else is made up here; printed once, stored hashed."""
    from openimr.accounts import Accounts

    assert isinstance(accounts, Accounts)
    if accounts.count():
        return None
    password = os.environ.get(ADMIN_ENV) or secrets.token_urlsafe(12)
    accounts.add_user("admin", password, "admin", "Administrator")
    return password


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (default: $OPENIMR_DATABASE_URL or ~/.openimr)."),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to bind.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Example cases, a fictional panel and demo accounts."),
    ] = False,
    panel: Annotated[str | None, typer.Option("--panel", help="Reviewer panel YAML.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="uvicorn worker processes.")] = 1,
    no_jobs: Annotated[
        bool,
        typer.Option(
            "--no-jobs",
            help="PostgreSQL: leave queued jobs to `openimr worker` processes (on SQLite the "
            "service always runs its jobs).",
        ),
    ] = False,
) -> None:
    """Serve the reviewer's workbench (pages at /, the API at /api, its schema at
    /openapi.json). The database is created and migrated when missing."""
    import uvicorn

    from openimr.api import Settings, create_app

    tmp = None
    if demo and db is None:
        tmp = tempfile.TemporaryDirectory(prefix="openimr-demo-")
        db = f"sqlite:///{tmp.name}/demo.sqlite"
        os.environ.setdefault("OPENIMR_AUDIT_DIR", f"{tmp.name}/audit")
    if no_jobs:
        os.environ["OPENIMR_RUN_JOBS"] = "0"
    settings = Settings.from_env(database_url=db, panel=panel)
    # with several worker processes this one only prepares the database: it runs no jobs
    app = create_app(settings.model_copy(update={"run_jobs": False}) if workers > 1 else settings)
    svc = app.state.services
    if demo:
        from openimr.api.demo import DEMO_PASSWORD, load_demo

        if svc.accounts.count() == 0:
            made = load_demo(svc)
            typer.echo(
                f"demo: fictional cases and accounts loaded; every password is '{DEMO_PASSWORD}'"
            )
            typer.echo(
                "  accounts: " + ", ".join(f"{a.username} ({a.role})" for a in made[:6]) + ", ..."
            )
        else:
            typer.echo("demo: the database already has accounts; nothing loaded")
    else:
        password = first_admin(svc.accounts)
        if password is not None:
            shown = "from $" + ADMIN_ENV if os.environ.get(ADMIN_ENV) else password
            typer.echo(f"first administrator: user 'admin', password {shown} (shown once)")
    typer.echo(f"OpenIMR workbench on http://{host}:{port}/  (API schema: /openapi.json)")
    try:
        if workers > 1:
            # several processes, each with its own app; they share only the database
            app.state.services.jobs.shutdown()
            app.state.services.engine.dispose()
            if settings.database_url:
                os.environ["OPENIMR_DATABASE_URL"] = settings.database_url
            if settings.panel:
                os.environ["OPENIMR_PANEL"] = settings.panel
            uvicorn.run(
                "openimr.api.app:app_from_env",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_level="warning",
                timeout_keep_alive=KEEP_ALIVE_S,
            )
        else:
            uvicorn.run(
                app, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE_S
            )
    finally:
        if tmp is not None:
            tmp.cleanup()


def worker(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (default: $OPENIMR_DATABASE_URL); PostgreSQL."),
    ] = None,
    once: Annotated[
        bool, typer.Option("--once", help="Run the waiting jobs, then stop.")
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="Jobs run at once by this worker.")
    ] = 1,
    stalled_after: Annotated[
        float,
        typer.Option(
            "--stalled-after",
            help="Seconds without a heartbeat after which a worker counts as dead and its "
            "running jobs are queued again.",
        ),
    ] = 30.0,
) -> None:
    """Take queued jobs (deciding a case) from the PostgreSQL queue and run them, with
    retries; jobs left running by a worker that died are queued again. Any number of workers
    may run, on any machine sharing the database. (On SQLite the service runs its jobs
    itself.)"""
    import asyncio

    from openimr.api.jobs import Jobs
    from openimr.process.cases import CaseService

    cases = CaseService(db)
    if cases.engine.dialect.name != "postgresql":
        typer.echo(
            "openimr worker: the job queue lives in PostgreSQL; on SQLite `openimr serve` "
            "runs the jobs itself",
            err=True,
        )
        raise typer.Exit(2)
    jobs = Jobs(cases, threads=concurrency, run=False, stalled_after=stalled_after)
    typer.echo(f"openimr worker: taking jobs{' (until none waits)' if once else ''}")
    try:
        asyncio.run(jobs.work(wait=not once, concurrency=concurrency))
    except KeyboardInterrupt:
        pass
    finally:
        cases.engine.dispose()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("worker")(worker)
