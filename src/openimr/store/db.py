"""Engine, session and migrations. No engine is created at import time.

The URL comes from the caller, else ``OPENIMR_DATABASE_URL``, else a SQLite file in the
user's data directory (created on first use, no set-up).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


class Base(DeclarativeBase):
    """Declarative base shared by every table module (letters, cases, audit)."""


def default_url() -> str:
    env = os.environ.get("OPENIMR_DATABASE_URL")
    if env:
        return env
    home = Path(os.environ.get("OPENIMR_HOME", Path.home() / ".openimr"))
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'openimr.sqlite'}"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None) -> Engine:
    engine = create_engine(normalise_url(url or default_url()), future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _fk_on(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def migrate(engine: Engine, target: str = "heads") -> None:
    """Bring the database to the newest schema with Alembic (every branch: letters, cases)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
