"""Faults during ingest: two ingests into one database both finish with every letter stored
once (SQLite and PostgreSQL, migrations raced too); bad files make the exit code non-zero and
every path is counted; a killed ingest leaves no orphan workers; DRAFT letters are refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from openimr.letters_in.repository import open_store
from openimr.store.letter_tables import PublishedLetter

from .fictional import write_letters

SRC = str(Path(__file__).resolve().parents[2] / "src")
PG_URL = os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")
N = 30


def _ingest(dirs: list[Path], db: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-m", "openimr", "letters", "ingest", *map(str, dirs), "--db", db,
         "-q", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def _two_at_once(letters: Path, db: str) -> None:
    procs = [_ingest([letters], db, "-j", "2") for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, (out, err)
        assert "Traceback" not in err
    engine = open_store(db)
    with Session(engine) as s:
        n = s.scalar(select(func.count()).select_from(PublishedLetter))
        cases = s.scalar(select(func.count(func.distinct(PublishedLetter.case_number))))
    engine.dispose()
    assert n == cases == N


def test_two_ingests_into_one_sqlite_file(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    write_letters(letters, N)
    _two_at_once(letters, f"sqlite:///{tmp_path / 'one.sqlite'}")


@pytest.mark.postgres
def test_two_ingests_into_one_postgres_schema(tmp_path: Path) -> None:
    admin = create_engine(PG_URL)
    try:
        with admin.connect():
            pass
    except Exception as exc:
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    schema = f"h13_conc_{uuid.uuid4().hex[:8]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    letters = tmp_path / "letters"
    write_letters(letters, N)
    try:
        _two_at_once(letters, url.render_as_string(hide_password=False))  # migrations race too
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_bad_files_make_ingest_fail_and_every_path_counts(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    write_letters(letters, 5)
    (letters / "junk.txt").write_text("minutes of a meeting, not a letter\n")
    (letters / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    missing = tmp_path / "nowhere"
    p = _ingest([letters, fifo, missing], f"sqlite:///{tmp_path / 'db.sqlite'}")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 1, (out, err)
    assert "files: 9 " in out  # 5 letters + 2 bad files + the FIFO + the missing path
    assert "inserted: 5" in out and "failed: 4" in out
    assert "FIFO" in err and "no such file or directory" in err
    assert len(err.strip().splitlines()) == 4  # one line per failed path


def test_own_draft_letter_is_refused(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "examples" / "cm13-0057725" / "bundle.yaml"
    env = {**os.environ, "PYTHONPATH": SRC}
    draft = tmp_path / "draft.txt"
    subprocess.run(
        [sys.executable, "-m", "openimr", "decide", str(src), "-o", str(draft)],
        check=True, env=env, capture_output=True, timeout=300,
    )
    p = _ingest([draft], f"sqlite:///{tmp_path / 'db.sqlite'}")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 2, (out, err)
    assert "DRAFT" in err and "inserted: 0" in out


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_killed_ingest_leaves_no_orphan_workers(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    write_letters(letters, 400)
    p = _ingest([letters], f"sqlite:///{tmp_path / 'db.sqlite'}", "-j", "2")
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [k for k in _children(p.pid) if _alive(k)]
        time.sleep(0.2)
    assert workers, "the pool never started"
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind if the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, f"orphan workers {left}"
    # the database the killed ingest left is consistent, and a second run completes it
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = open_store(db)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    again = _ingest([letters], db, "-j", "2")
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, (out, err)
    engine = open_store(db)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(PublishedLetter)) == 400
    engine.dispose()


def test_migration_retries_an_immediate_sqlite_lock(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """SQLite answers "locked" at once (no busy wait) when two processes open a new file
    together; the migration tries again instead of failing the second process."""
    from alembic import command
    from sqlalchemy.exc import OperationalError

    from openimr.store.db import make_engine, migrate

    real = command.upgrade
    calls = {"n": 0}

    def flaky(cfg, target):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return real(cfg, target)

    monkeypatch.setattr(command, "upgrade", flaky)
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite'}")
    migrate(engine)
    assert calls["n"] == 2
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() >= 1
