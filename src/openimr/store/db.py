"""Engine, session and migrations. No engine is created at import time.

The URL comes from the caller, else ``OPENIMR_DATABASE_URL``, else a SQLite file in the
user's data directory (created on first use, no set-up). A URL that cannot work (not a URL,
an unsupported dialect, a SQLite file in a missing folder) is refused before connecting, and
a failure to connect is one :class:`DatabaseError` line that says what to do.

SQLite runs in WAL mode with a busy timeout, so two processes writing one file wait for each
other instead of failing; on PostgreSQL migrations take an advisory lock, so two processes
may start on an empty database at once.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from openimr.errors import DatabaseError

MIGRATIONS = Path(__file__).parent / "migrations"
SUPPORTED = ("sqlite", "postgresql")
BUSY_TIMEOUT_S = 60  # a SQLite writer waits this long for another before giving up
MIGRATION_LOCK = 0x0_1312_0001  # pg_advisory_xact_lock key for schema migrations
WRITER_LOCK = 0x0_1312_0002  # pg_advisory_xact_lock key for bulk writers (ingest)
AUDIT_LOCK = 0x0_1312_0003  # pg_advisory_xact_lock key serialising audit appends
URL_HELP = "use sqlite:///PATH or postgresql://USER@HOST/DATABASE"


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
    try:
        if not home.exists():
            home.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the data folder {home} ({exc.strerror}); set OPENIMR_HOME or "
            "OPENIMR_DATABASE_URL"
        ) from None
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


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url if len(url) < 80 else url[:77] + "..."


def _check_url(url: str) -> None:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseError(
            f"database URL {url[:80]!r} is not a database URL ({URL_HELP})"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise DatabaseError(
            f"database URL {_shown(url)}: {backend} is not supported; OpenIMR stores in SQLite "
            f"or PostgreSQL ({URL_HELP})"
        )
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if path.is_dir():
            raise DatabaseError(f"database {path} is a folder, not a SQLite file")
        if not path.parent.is_dir():
            raise DatabaseError(
                f"database {path}: the folder {path.parent} does not exist (create it, or "
                "give another path)"
            )


def describe(exc: BaseException, url: str | None = None) -> str:
    """One line for a database failure, saying what to do about it."""
    orig = getattr(exc, "orig", None) or exc
    msg = " ".join(str(orig).split())
    low = msg.lower()
    where = f"database {_shown(url)}" if url else "database"
    if m := re.search(r'role "([^"]+)" does not exist', msg):
        return (
            f"{where}: the role {m.group(1)!r} does not exist on the server (create it with "
            "createuser, or put another user in the URL)"
        )
    if m := re.search(r'database "([^"]+)" does not exist', msg):
        return f"{where}: it does not exist (create it with: createdb {m.group(1)})"
    if "password authentication failed" in low or "no password supplied" in low:
        return f"{where}: the server refused the password (check the user and password in the URL)"
    if (
        "connection refused" in low
        or "could not connect" in low
        or "connection failed" in low
        or "could not translate host name" in low
        or "timeout expired" in low
        or ("no such file or directory" in low and "socket" in low)
    ):
        return f"{where}: cannot reach the PostgreSQL server (start it, or check host and port)"
    if "file is not a database" in low or "not a database" in low:
        return f"{where}: the file is not a SQLite database (give another path)"
    if "unable to open database file" in low:
        return f"{where}: cannot open the SQLite file (check its folder exists and is writable)"
    if "readonly database" in low or "read-only" in low:
        return f"{where}: the file is read-only (check its permissions)"
    if "database is locked" in low:
        return (
            f"{where}: another process kept the database locked for more than "
            f"{BUSY_TIMEOUT_S} s; try again when it has finished"
        )
    return f"{where}: {msg[:300]}"


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    raw = normalise_url(url or default_url())
    _check_url(raw)
    _private_sqlite_file(raw)  # health data: the SQLite file is its owner's only (0600)
    if raw.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": BUSY_TIMEOUT_S})
    elif raw.startswith("postgresql"):
        kwargs.setdefault("connect_args", {"connect_timeout": 10})
    try:
        engine = create_engine(raw, future=True, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"database URL {_shown(raw)}: its driver is not available ({exc}); {URL_HELP}"
        ) from None
    if engine.dialect.name == "sqlite":
        file_db = bool(engine.url.database) and engine.url.database != ":memory:"

        @event.listens_for(engine, "connect")
        def _sqlite_setup(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            if file_db:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    return engine


def write_lock(session: Session) -> None:
    """Take the database's write lock now, before anything is read (SQLite only).

    The sqlite3 driver opens a transaction only at the first write, so values read before it
    (the audit chain's last hash, a case's state) could be stale by the time of the write: two
    processes would both chain onto the same row. ``BEGIN IMMEDIATE`` takes the write lock at
    once, so such read-then-write steps run one after the other. PostgreSQL uses row locks
    and an advisory lock for the audit chain instead (see :mod:`openimr.process.audit`).
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    conn = session.connection()
    dbapi_conn = conn.connection.dbapi_connection
    if dbapi_conn is not None and not dbapi_conn.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def writer_lock(session: Session) -> None:
    """Serialise bulk writers on PostgreSQL for the current transaction (SQLite: the busy
    timeout already makes a second writer wait)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK})


def migrate(engine: Engine, target: str = "heads") -> None:
    """Bring the database to the newest schema with Alembic (every branch: letters, cases)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            with engine.begin() as conn:
                # two processes starting at once: the second waits, then finds the work done
                if engine.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK}
                    )
                elif engine.dialect.name == "sqlite":
                    # pysqlite runs DDL outside a transaction; take the write lock first, so
                    # the whole upgrade is one transaction and a second process waits for it
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
            return
        except SQLAlchemyError as exc:
            # SQLite answers "locked" at once, without its busy wait, when two processes
            # open a new file together (one switching it to WAL while the other starts a
            # transaction): try again, up to the busy timeout
            locked = "database is locked" in str(exc).lower()
            if not (engine.dialect.name == "sqlite" and locked and time.monotonic() < deadline):
                raise DatabaseError(describe(exc, str(engine.url))) from None
            engine.dispose()
            time.sleep(0.1)
