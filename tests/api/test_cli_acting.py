"""The CLI acts as a named local user once the database has accounts: roles are enforced,
a reviewer reaches only their own case and signs only as themself, every read is audited
with the user; issuing writes the letter in the same transaction as the state change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openimr.cli import app as cli

DATA = Path(__file__).resolve().parents[1] / "process" / "data"


@pytest.fixture
def run(sqlite_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True) -> str:
        r = runner.invoke(cli, [*args, "--db", sqlite_url])
        assert (r.exit_code == 0) == ok, (args, r.output, r.exception)
        return r.output + (str(r.exception) if r.exception and not ok else "")

    return invoke


def _accounts(url: str) -> None:
    from openimr.accounts import Accounts
    from openimr.reviewers import load_panel
    from openimr.store import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    acc = Accounts(engine)
    acc.add_user("clerk", "fictional-pass-1", "intake")
    acc.add_user("sup", "fictional-pass-1", "supervisor")
    for r in load_panel().reviewers:
        acc.add_user(f"dr-{r.id.lower()}", "fictional-pass-1", "reviewer", None, r.id)
    engine.dispose()


def test_named_users_and_roles_in_the_cli(run, sqlite_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _accounts(sqlite_url)
    cn = "CM99-0600001"
    bundle = str(DATA / "case-e2e.yaml")
    out = run("case", "new", bundle, "--actor", "nobody", ok=False)
    assert "no active user 'nobody'" in out
    out = run("case", "new", bundle, "--actor", "dr-r01", ok=False)
    assert "may not open a case" in out
    run("case", "new", bundle, "--actor", "clerk")
    out = run("case", "assign", cn, "--actor", "sup")
    rid = re.search(r"assigned to reviewer (\S+)", out).group(1)  # type: ignore[union-attr]
    run("case", "records", cn, "--actor", "clerk")
    other = "dr-r01" if rid != "R01" else "dr-r02"
    out = run("case", "view", cn, "--actor", other, ok=False)
    assert "not assigned to this reviewer" in out
    run("case", "view", cn, "--actor", f"dr-{rid.lower()}")
    run("case", "review", cn, "--actor", f"dr-{rid.lower()}")
    edits = str(DATA / "edits-e2e.yaml")
    out = run("case", "sign", cn, "--reviewer", rid, "--edits", edits, "--actor", other, ok=False)
    assert "not assigned to this reviewer" in out
    run("case", "sign", cn, "--reviewer", rid, "--edits", edits, "--actor", f"dr-{rid.lower()}")

    # a failed write of the letter leaves the case unissued
    missing_dir = tmp_path / "no-such-dir" / "letter.txt"
    run("case", "issue", cn, "-o", str(missing_dir), "--actor", "sup", ok=False)
    from openimr.process.cases import CaseService

    assert CaseService(sqlite_url).get(cn).state == "determined"
    letter = tmp_path / "letter.txt"
    run("case", "issue", cn, "-o", str(letter), "--actor", "sup")
    assert cn in letter.read_text(encoding="utf-8")

    json.loads(run("case", "show", cn, "--format", "json", "--actor", "sup"))
    events = CaseService(sqlite_url).events(cn)
    acts = [(e.actor, e.action) for e in events]
    assert ("user:sup", "case.viewed") in acts
    assert (f"user:dr-{rid.lower()}", "records.viewed") in acts
    assert (f"user:dr-{rid.lower()}", "state.determined") in acts
    assert sum(a == "access.refused" for _, a in acts) == 2
    code = CliRunner().invoke(cli, ["audit", "verify", "--db", sqlite_url])
    assert code.exit_code == 0, code.output
