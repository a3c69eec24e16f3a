"""The server-rendered pages for each role, the `openimr users` and `serve` commands, and
the demo data."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from openimr.cli import app as cli

from .conftest import PASSWORD, Client, demo_bundle, to_review, wait_job

REPO = Path(__file__).resolve().parents[2]


def page_login(app: Any, username: str, password: str = PASSWORD) -> Any:
    from fastapi.testclient import TestClient

    http = TestClient(app, raise_server_exceptions=False)
    form = http.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    r = http.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": ""},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return http


def csrf_of(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_pages_for_each_role(app: Any, login: Callable[[str | None], Client]) -> None:
    cn = "CM13-0057725"
    rid, doc = to_review(login, cn, demo_bundle())
    assert wait_job(doc, doc.post(f"/api/cases/{cn}/draft").json()["id"])["state"] == "done"

    from fastapi.testclient import TestClient

    r = TestClient(app).get("/queue", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")

    reviewer = page_login(app, f"dr-{rid.lower()}")
    page = reviewer.get(f"/cases/{cn}").text
    assert "Draft determination" in page and 'id="sign-button"' in page
    assert '<mark id="ev-' in page  # evidence spans highlighted in the records
    assert re.search(r'href="#ev-[^"]+"', page)  # and linked from the draft
    assert reviewer.get(f"/cases/{cn}/preview.html").status_code == 200
    assert reviewer.get(f"/cases/{cn}/preview.pdf").content.startswith(b"%PDF")

    sup = page_login(app, "sup")
    q = sup.get("/queue").text
    assert cn in q and rid in q
    pub = sup.get("/published?q=lumbar&decision=upheld")
    assert pub.status_code == 200 and 'id="facet-counts"' in pub.text
    assert sup.get(f"/audit?case={cn}").status_code == 200

    aud = page_login(app, "aud")
    a = aud.get("/audit").text
    assert "chain intact" in a
    assert aud.get(f"/cases/{cn}").status_code == 403

    root = page_login(app, "root")
    users = root.get("/users").text
    r = root.post(
        "/users",
        data={
            "username": "newclerk",
            "password": "fictional-pass-2",
            "role": "intake",
            "csrf_token": csrf_of(users),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "newclerk" in root.get("/users").text

    clerk = page_login(app, "clerk")
    q = clerk.get("/queue").text
    assert "New application" in q
    r = clerk.post(
        "/applications",
        files={"bundle": ("b.yaml", (REPO / "tests/api/data/case-api.yaml").read_bytes())},
        data={"csrf_token": csrf_of(q)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/cases/CM99-0600001"
    html_err = clerk.get("/cases/CM00-0000000", headers={"accept": "text/html"})
    assert html_err.status_code == 404 and "no such case" in html_err.text


def test_users_command_adds_an_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    monkeypatch.setenv("OPENIMR_NEW_PASSWORD", "fictional-pass-9")
    r = CliRunner().invoke(cli, ["users", "add", "boss", "--role", "admin", "--db", url])
    assert r.exit_code == 0 and "user boss added (admin)" in r.output, r.output
    r = CliRunner().invoke(cli, ["users", "list", "--db", url])
    assert "boss" in r.output and "admin" in r.output
    r = CliRunner().invoke(cli, ["users", "add", "bad", "--role", "king", "--db", url])
    assert r.exit_code != 0


def test_first_admin_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openimr.accounts import Accounts
    from openimr.commands.serve import first_admin
    from openimr.store import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    migrate(engine)
    acc = Accounts(engine)
    monkeypatch.setenv("OPENIMR_ADMIN_PASSWORD", "fictional-admin-pass")
    assert first_admin(acc) == "fictional-admin-pass"
    assert acc.authenticate("admin", "fictional-admin-pass").role == "admin"
    assert first_admin(acc) is None  # only on first start


def _all() -> Any:
    from openimr.letters_in.search import Filters

    return Filters(limit=100_000)


def test_demo_loads_a_working_queue(tmp_path: Path) -> None:
    from openimr.api import Settings, create_app
    from openimr.api.demo import DEMO_PASSWORD, load_demo

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'demo.sqlite'}"))
    svc = app.state.services
    made = load_demo(svc)
    assert {a.role for a in made} == {"admin", "intake", "supervisor", "auditor", "reviewer"}
    states = {c.case_number: c.state for c in svc.cases.cases()}
    assert states == {"CM13-0057725": "records_complete", "CM14-0900001": "eligible"}
    assert svc.accounts.authenticate("supervisor", DEMO_PASSWORD).role == "supervisor"
    from openimr.letters_in.search import search

    assert search(svc.engine, "lumbar")
    page = page_login(app, "supervisor", DEMO_PASSWORD).get("/published?q=lumbar").text
    counts = re.findall(r'<a href="/published\?q=lumbar&amp;decision=(\w+)"[^>]*>\1</a> '
                        r'<span class="muted">\((\d+)\)</span>', page)
    assert counts and sum(int(n) for _, n in counts) == len(search(svc.engine, "lumbar", _all()))


@pytest.mark.parametrize("name", ["cm13-0057725", "cm14-0900001"])
def test_demo_cases_are_the_examples_plus_an_application(name: str) -> None:
    demo = yaml.safe_load((REPO / f"src/openimr/api/demo/{name}.yaml").read_text())
    example = yaml.safe_load((REPO / f"examples/{name}/bundle.yaml").read_text())
    assert demo.pop("application")["signed"] is True
    example.pop("application", None)  # an example may carry its own application
    assert demo == example


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_users_page_changes_a_role(app: Any) -> None:
    """The administrator's users page: a role change by form (with its CSRF token)."""
    root = page_login(app, "root")
    page = root.get("/users").text
    assert 'action="/users/clerk/role"' in page and 'action="/users/root/role"' not in page
    forged = root.post("/users/clerk/role", data={"role": "supervisor"}, follow_redirects=False)
    assert forged.status_code == 403  # no CSRF token
    r = root.post(
        "/users/clerk/role",
        data={"role": "supervisor", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert app.state.services.accounts.get("clerk").role == "supervisor"
