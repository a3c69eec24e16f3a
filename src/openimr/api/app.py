"""The app factory: ``create_app(settings)`` builds the service; nothing happens at import."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from openimr import __version__
from openimr.api import errors
from openimr.api.settings import Settings

WEB = Path(__file__).parent / "web"


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` with several worker processes: settings from ``OPENIMR_*``."""
    return create_app(Settings.from_env())


def warm_up(app: FastAPI) -> None:
    """Pay the one-off costs (the holiday calendar, the templates, lazily imported modules)
    before the first request, in every worker process, instead of in some user's request."""
    from openimr.api.web import highlight  # noqa: F401
    from openimr.domain.determination import Determination  # noqa: F401
    from openimr.process.business_days import load_calendar

    cal = load_calendar()
    cal.is_business_day(dt.date.today())
    env = app.state.templates.env
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The workbench over one database (created and migrated if missing)."""
    from openimr.accounts import Accounts
    from openimr.api.deps import Services
    from openimr.api.jobs import Jobs
    from openimr.api.routes import (
        audit,
        auth,
        cases,
        items,
        jobs,
        letters,
        panel,
        published,
        records,
        users,
    )
    from openimr.api.web import pages
    from openimr.process.cases import CaseService
    from openimr.process.seal import Seal
    from openimr.store import make_engine, session_factory

    settings = settings or Settings.from_env()
    if (settings.database_url or "").startswith("postgres"):
        options: dict[str, object] = {"connect_timeout": 10, "application_name": "openimr"}
        if settings.db_options:
            options["options"] = settings.db_options
        engine = make_engine(
            settings.database_url, pool_size=10, max_overflow=20, connect_args=options
        )
    else:
        engine = make_engine(settings.database_url)
    seal = Seal.for_url(engine.url, Path(settings.audit_dir)) if settings.audit_dir else None
    case_service = CaseService(engine=engine, panel=settings.panel, seal=seal)
    sessions = session_factory(engine)
    if seal is not None:
        sessions.configure(info={"audit_seal": seal})
    svc = Services(
        settings=settings,
        engine=engine,
        cases=case_service,
        accounts=Accounts(engine),
        sessions=sessions,
        jobs=Jobs(case_service, settings.job_threads, settings.run_jobs),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm_up(app)
        yield
        svc.jobs.shutdown()
        engine.dispose()

    app = FastAPI(
        title="OpenIMR workbench",
        version=__version__,
        description=(
            "Independent Medical Review of California workers' compensation disputes: the "
            "case life cycle, accounts and roles, the audit log and published letters. "
            'Errors share one shape: `{"error": {"status", "code", "message"}}`.'
        ),
        lifespan=lifespan,
        docs_url=None,  # FastAPI's docs page loads its script from a CDN: no CDN here
        redoc_url=None,
    )
    app.state.services = svc
    app.state.templates = Jinja2Templates(directory=str(WEB / "templates"))
    errors.install(app)
    for module in (auth, cases, records, items, letters, jobs, published, panel, audit, users):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")
    return app
