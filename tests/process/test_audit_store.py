import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, IntegrityError, InternalError, OperationalError

from openimr.process import audit
from openimr.store import make_engine, migrate, session_factory

REFUSED = (DatabaseError, IntegrityError, InternalError, OperationalError)


@pytest.fixture
def sessions(db_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


def _fill(sessions) -> None:  # type: ignore[no-untyped-def]
    t0 = dt.datetime(2024, 1, 2, 16, 0, 0, 123456, tzinfo=dt.UTC)
    with sessions() as s, s.begin():
        for i, action in enumerate(["state.received", "state.eligible", "state.assigned"]):
            audit.append(
                s,
                actor="clerk",
                action=action,
                case_number="CM99-1",
                detail={"i": i, "note": "é"},
                at=t0 + dt.timedelta(minutes=i),
            )


def test_append_and_read_back_in_order(sessions) -> None:  # type: ignore[no-untyped-def]
    _fill(sessions)
    with sessions() as s:
        ev = audit.events(s, "CM99-1")
        assert [e.action for e in ev] == ["state.received", "state.eligible", "state.assigned"]
        assert ev[0].at == dt.datetime(2024, 1, 2, 16, 0, 0, 123456, tzinfo=dt.UTC)
        assert ev[2].detail == {"i": 2, "note": "é"}
        assert audit.verify(s).ok and audit.verify(s).rows == 3


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = 2",
    ],
)
def test_database_refuses_rewriting_the_log(sessions, statement: str) -> None:  # type: ignore[no-untyped-def]
    _fill(sessions)
    with pytest.raises(REFUSED, match="append-only"), sessions() as s, s.begin():
        s.execute(text(statement))
    with sessions() as s:
        assert audit.verify(s).rows == 3


def test_truncate_is_refused_on_postgresql(sessions) -> None:  # type: ignore[no-untyped-def]
    _fill(sessions)
    with sessions() as s:
        if s.get_bind().dialect.name != "postgresql":
            pytest.skip("TRUNCATE exists only on PostgreSQL")
    with pytest.raises(REFUSED, match="append-only"), sessions() as s, s.begin():
        s.execute(text("TRUNCATE audit_log CASCADE"))


def _drop_triggers(s) -> None:  # type: ignore[no-untyped-def]
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("DROP TRIGGER audit_log_no_update"))
        s.execute(text("DROP TRIGGER audit_log_no_delete"))
    else:
        s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE audit_log SET actor = 'mallory' WHERE id = 2", "row 2: content does not match"),
        ("UPDATE audit_log SET detail_json = '{}' WHERE id = 1", "row 1: content does not match"),
        ("DELETE FROM audit_log WHERE id = 2", "row 3: does not follow"),
    ],
)
def test_hash_chain_finds_tampering_behind_the_triggers(
    sessions, tamper: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    _fill(sessions)
    with sessions() as s, s.begin():
        _drop_triggers(s)
        s.execute(text(tamper))
    with sessions() as s:
        v = audit.verify(s)
    assert not v.ok
    assert v.problem is not None and v.problem.startswith(problem)


def test_an_event_needs_an_actor(sessions) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError), sessions() as s, s.begin():
        audit.append(s, actor=" ", action="x")


def test_migration_is_idempotent(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)
    engine.dispose()
