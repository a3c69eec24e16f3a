"""Store fixtures: every store test runs on SQLite and, when reachable, on PostgreSQL.

PostgreSQL tests use a throw-away database created on the local server (URL from
OPENIMR_TEST_PG_URL, default ``postgresql+psycopg:///test``) and dropped afterwards, so they
never touch another test's tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")


def _pg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = [f"dbname={u.database or 'postgres'}"]
    if u.host:
        parts.append(f"host={u.host}")
    if u.port:
        parts.append(f"port={u.port}")
    if u.username:
        parts.append(f"user={u.username}")
    if u.password:
        parts.append(f"password={u.password}")
    return " ".join(parts)


@pytest.fixture(scope="session")
def pg_server() -> str:
    try:
        import psycopg

        with psycopg.connect(_pg_conninfo(PG_ADMIN_URL), connect_timeout=3) as c:
            c.execute("select 1")
    except Exception as exc:  # no server, no driver, no permission
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"openimr_cases_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(_pg_conninfo(pg_server), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        pytest.skip(f"cannot create a scratch PostgreSQL database: {exc.__class__.__name__}")
    url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with psycopg.connect(_pg_conninfo(pg_server), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The store URL: SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))
