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
    return f"sqlite:///{home_dir() / 'openimr.sqlite'}"


def home_dir() -> Path:
    """``$OPENIMR_HOME`` or ``~/.openimr``, created private to its owner (mode 0700)."""
    home = Path(os.environ.get("OPENIMR_HOME", Path.home() / ".openimr"))
    if not home.exists():
        home.mkdir(parents=True, mode=0o700)
    return home


def _private_sqlite_file(url: str) -> None:
    """Create the SQLite file (health data) readable by its owner only: mode 0600.

    SQLite gives its journal files the database file's mode, so they stay private too.
    """
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return
    if u.database.startswith("file:"):
        return
    path = Path(u.database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    full = normalise_url(url or default_url())
    _private_sqlite_file(full)
    if full.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30})  # wait for a writer, do not fail
    engine = create_engine(full, future=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _fk_on(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    return engine


def write_lock(session: Session) -> None:
    """Take the database's write lock now, before anything is read (SQLite only).

    The sqlite3 driver opens a transaction only at the first write, so values read before it
    (the audit chain's last hash, a case's state) could be stale by the time of the write: two
    processes would both chain onto the same row. ``BEGIN IMMEDIATE`` takes the write lock at
    once, so such read-then-write steps run one after the other. PostgreSQL uses row and
    table locks instead (see :mod:`openimr.process.audit`).
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    conn = session.connection()
    dbapi_conn = conn.connection.dbapi_connection
    if dbapi_conn is not None and not dbapi_conn.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


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
