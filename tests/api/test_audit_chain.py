"""The audit log cannot be rewritten unseen: `openimr audit verify` finds a deleted newest
row, a re-chained row and the effect of a disabled trigger; appends from several processes
never fork the chain on SQLite; explicit times cannot go back or ahead; the SQLite file is
private (0600)."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from openimr.cli import app as cli
from openimr.process.audit import AuditTimeError, row_hash
from openimr.process.cases import CaseService


def _fill(url: str, n: int = 6) -> CaseService:
    svc = CaseService(url)
    for k in range(n):
        svc.record("user:fictional", "note.test", {"k": k})
    return svc


def _verify(url: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, ["audit", "verify", "--db", url])
    return r.exit_code, r.output


def _sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as c:
        for st in statements:
            c.exec_driver_sql(st)
    engine.dispose()


def _disable_triggers(url: str) -> list[str]:
    if url.startswith("sqlite"):
        return ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]
    return ["ALTER TABLE audit_log DISABLE TRIGGER USER"]


def test_intact_log_verifies(db_url: str) -> None:
    _fill(db_url)
    code, out = _verify(db_url)
    assert code == 0 and "intact: 6 rows" in out and "6 anchored" in out, out


def test_deleted_newest_rows_are_found(db_url: str) -> None:
    _fill(db_url)
    _sql(db_url, *_disable_triggers(db_url), "DELETE FROM audit_log WHERE id >= 5")
    code, out = _verify(db_url)
    assert code == 1 and "row 5: anchored outside the database but missing" in out, out


def test_a_rechained_row_is_found(db_url: str) -> None:
    """Someone rewrites row 3 and recomputes every hash after it (as the old check allowed):
    the chain holds, but the MACs (key outside the database) do not."""
    _fill(db_url)
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from openimr.store.case_tables import AuditRow

    engine = create_engine(db_url)
    with Session(engine) as s, s.begin():
        for st in _disable_triggers(db_url):
            s.connection().exec_driver_sql(st)
        rows = list(s.execute(select(AuditRow).order_by(AuditRow.id)).scalars())
        prev = "0" * 64
        for r in rows:
            detail = '{"k":99}' if r.id == 3 else r.detail_json
            h = row_hash(prev, r.at, r.case_number, r.actor, r.action, detail)
            s.execute(
                text("UPDATE audit_log SET detail_json=:d, prev_hash=:p, hash=:h WHERE id=:i"),
                {"d": detail, "p": prev, "h": h, "i": r.id},
            )
            prev = h
    engine.dispose()
    code, out = _verify(db_url)
    assert code == 1 and "row 3: MAC does not match" in out, out


def test_a_disabled_triggers_effect_is_found(db_url: str) -> None:
    _fill(db_url)
    _sql(
        db_url,
        *_disable_triggers(db_url),
        "UPDATE audit_log SET actor = 'user:someone-else' WHERE id = 2",
    )
    code, out = _verify(db_url)
    assert code == 1 and "row 2: content does not match its hash" in out, out


def _append_many(url: str, worker: int, n: int) -> None:
    svc = CaseService(url, run_migrations=False)
    for k in range(n):
        svc.record(f"user:w{worker}", "note.parallel", {"k": k})


def test_parallel_processes_do_not_fork_the_chain_on_sqlite(sqlite_url: str) -> None:
    CaseService(sqlite_url)  # create and migrate once
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_append_many, args=(sqlite_url, w, 25)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    code, out = _verify(sqlite_url)
    assert code == 0 and "intact: 100 rows" in out, out
    engine = create_engine(sqlite_url)
    with engine.connect() as c:
        prevs = list(c.execute(text("SELECT prev_hash FROM audit_log")).scalars())
    assert len(prevs) == len(set(prevs))  # no two rows chain onto the same row


def test_explicit_times_cannot_go_back_or_ahead(sqlite_url: str) -> None:
    svc = CaseService(sqlite_url)
    svc.record("user:fictional", "note.test")
    with pytest.raises(AuditTimeError, match="before the last event"):
        from openimr.process import audit

        with svc._sessions() as s, s.begin():
            audit.append(s, actor="user:x", action="a", at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(AuditTimeError, match="in the future"), svc._sessions() as s, s.begin():
        audit.append(
            s,
            actor="user:x",
            action="a",
            at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1),
        )


def test_the_sqlite_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite"
    CaseService(f"sqlite:///{path}")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = Path(os.environ["OPENIMR_AUDIT_DIR"]) / "audit.key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert hashlib.sha256(key.read_bytes()).hexdigest()  # a key exists and is readable here
