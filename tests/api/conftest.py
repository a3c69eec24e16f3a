"""Workbench fixtures: the app on SQLite and (when reachable) PostgreSQL, users of every role,
logged-in clients, and a fictional case bundle.

PostgreSQL tests use a throw-away database on the local server (OPENIMR_TEST_PG_URL, default
``postgresql+psycopg:///test``), dropped afterwards.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

PG_ADMIN_URL = os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")
DATA = Path(__file__).parent / "data"
PASSWORD = "fictional-pass-1"
ROLES = {
    "clerk": ("intake", None),
    "sup": ("supervisor", None),
    "aud": ("auditor", None),
    "root": ("admin", None),
}


def pg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = [f"dbname={u.database or 'postgres'}"]
    for key, value in (("host", u.host), ("port", u.port), ("user", u.username)):
        if value:
            parts.append(f"{key}={value}")
    if u.password:
        parts.append(f"password={u.password}")
    return " ".join(parts)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """Argon2id with light parameters in tests (each test makes ~20 accounts); the service
    keeps the library's defaults."""
    from argon2 import PasswordHasher

    from openimr.accounts import service

    saved = service._HASHER
    service._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    service._HASHER = saved


@pytest.fixture(scope="session")
def pg_server() -> str:
    try:
        import psycopg

        with psycopg.connect(pg_conninfo(PG_ADMIN_URL), connect_timeout=3) as c:
            c.execute("select 1")
    except Exception as exc:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"openimr_api_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_conninfo(pg_server), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with psycopg.connect(pg_conninfo(pg_server), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'imr.sqlite'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'imr.sqlite'}"


def make_app(url: str, audit_dir: Path) -> Any:
    from openimr.api import Settings, create_app

    app = create_app(Settings(database_url=url, audit_dir=str(audit_dir)))
    acc = app.state.services.accounts
    for name, (role, rid) in ROLES.items():
        acc.add_user(name, PASSWORD, role, f"{name} (fictional)", rid)
    from openimr.reviewers import load_panel

    for r in load_panel().reviewers:
        acc.add_user(f"dr-{r.id.lower()}", PASSWORD, "reviewer", f"Dr {r.id}", r.id)
    return app


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[Any]:
    a = make_app(db_url, tmp_path / "audit")
    yield a
    a.state.services.jobs.shutdown()
    a.state.services.engine.dispose()


@pytest.fixture
def sqlite_app(sqlite_url: str, tmp_path: Path) -> Iterator[Any]:
    a = make_app(sqlite_url, tmp_path / "audit")
    yield a
    a.state.services.jobs.shutdown()
    a.state.services.engine.dispose()


class Client:
    """A TestClient logged in as one user, sending the CSRF token on every POST."""

    def __init__(self, app: Any, username: str | None) -> None:
        from fastapi.testclient import TestClient

        self.http = TestClient(app, raise_server_exceptions=False)
        self.csrf = ""
        if username:
            r = self.http.post("/api/login", json={"username": username, "password": PASSWORD})
            assert r.status_code == 200, r.text
            self.csrf = r.json()["csrf_token"]

    def get(self, url: str, **kw: Any) -> Any:
        return self.http.get(url, **kw)

    def post(self, url: str, json: Any = None, csrf: bool = True, **kw: Any) -> Any:
        headers = kw.pop("headers", {})
        if csrf:
            headers["X-CSRF-Token"] = self.csrf
        return self.http.post(url, json=json, headers=headers, **kw)


@pytest.fixture
def login(app: Any) -> Callable[[str | None], Client]:
    return lambda username: Client(app, username)


@pytest.fixture
def sqlite_login(sqlite_app: Any) -> Callable[[str | None], Client]:
    return lambda username: Client(sqlite_app, username)


def bundle_dict(case_number: str = "CM99-1400001") -> dict[str, Any]:
    data = yaml.safe_load((DATA / "case-api.yaml").read_text(encoding="utf-8"))
    data["case_number"] = case_number
    return dict(json.loads(json.dumps(data, default=str)))  # dates as ISO strings


def wait_job(client: Client, job_id: int, timeout: float = 180) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def demo_bundle(name: str = "cm13-0057725") -> dict[str, Any]:
    """A demo case (the example case with its application), as JSON."""
    path = Path(__file__).resolve().parents[2] / "src/openimr/api/demo" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(json.loads(json.dumps(data, default=str)))


def to_review(
    login: Callable[[str | None], Client],
    case_number: str = "CM99-1400001",
    bundle: dict[str, Any] | None = None,
) -> tuple[str, Client]:
    """Open, assign and complete a case; returns the assigned reviewer's id and client."""
    clerk, sup = login("clerk"), login("sup")
    r = clerk.post("/api/cases", json={"bundle": bundle or bundle_dict(case_number)})
    assert r.status_code == 201 and r.json()["outcome"] == "eligible", r.text
    r = sup.post(f"/api/cases/{case_number}/assign", json={})
    assert r.status_code == 200, r.text
    rid = r.json()["reviewer_id"]
    assert clerk.post(f"/api/cases/{case_number}/records-complete", json={}).status_code == 200
    return rid, login(f"dr-{rid.lower()}")
