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
        typer.Option("--no-jobs", help="Leave queued jobs to `openimr worker` processes."),
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
    app = create_app(settings)
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
        typer.Option("--db", help="Database URL (default: $OPENIMR_DATABASE_URL or ~/.openimr)."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Run the waiting jobs, then stop.")] = False,
    poll: Annotated[float, typer.Option("--poll", help="Seconds between looks.")] = 1.0,
    max_jobs: Annotated[
        int, typer.Option("--max-jobs", help="Stop after this many jobs (0: no limit).")
    ] = 0,
) -> None:
    """Take queued jobs (deciding a case) from the database and run them, with retries."""
    import time

    from openimr.api.jobs import Jobs
    from openimr.process.cases import CaseService

    jobs = Jobs(CaseService(db), threads=1, run=False)
    done = 0
    while True:
        job = jobs.claim()
        if job is None:
            if once:
                break
            time.sleep(poll)
            continue
        jobs.run_claimed(job)
        row = jobs.get(job[0])
        typer.echo(f"job {job[0]} ({job[1]}): {row.state if row else '?'}")
        done += 1
        if max_jobs and done >= max_jobs:
            break


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("worker")(worker)
