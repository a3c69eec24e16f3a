"""Ingest, search, stats and precedents on SQLite and on the machine's PostgreSQL.

Letters are fictional (rendered by OpenIMR). The PostgreSQL tests run in a schema of their
own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from openimr.letters_in.ingest import file_sha256, ingest
from openimr.letters_in.precedents import PrecedentIndex, items_from_db
from openimr.letters_in.repository import load_letter, open_store
from openimr.letters_in.search import Filters, backend_of, search
from openimr.letters_in.stats import all_rates, draw_chart, format_tables, totals
from openimr.store.letter_tables import (
    FTS_TABLE,
    LetterIngestFailure,
    PublishedLetter,
    PublishedLetterItem,
)

from .fictional import write_letters

N_LETTERS = 12
PG_URL = os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    return open_store(f"sqlite:///{tmp_path / 'letters.sqlite'}")


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    admin = create_engine(PG_URL)
    try:
        with admin.connect():
            pass
    except Exception as exc:  # no server, no database, no rights
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}")
    schema = f"letters_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = open_store(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def letters_dir(tmp_path: Path, samples_dir: Path) -> Path:
    d = tmp_path / "letters"
    write_letters(d, N_LETTERS)
    (d / "bad").mkdir()
    (d / "bad" / "minutes.txt").write_text((samples_dir / "not_a_letter.txt").read_text())
    (d / "bad" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return d


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _exercise(engine: Engine, letters_dir: Path, tmp_path: Path) -> None:
    first = ingest(engine, [letters_dir], workers=2, progress=False)
    assert (first.inserted, first.failed, first.files) == (N_LETTERS, 2, N_LETTERS + 2)
    reasons = dict(first.failures)
    assert "not a Final Determination Letter" in reasons[str(letters_dir / "bad/minutes.txt")]
    assert "PDF" in reasons[str(letters_dir / "bad/broken.pdf")]
    n_items = _count(engine, PublishedLetterItem)
    assert n_items == first.items > N_LETTERS

    # Idempotent: the same files again add nothing and duplicate nothing.
    again = ingest(engine, [letters_dir], workers=1, progress=False)
    assert (again.inserted, again.updated, again.skipped, again.failed) == (0, 0, N_LETTERS, 2)
    assert _count(engine, PublishedLetter) == N_LETTERS
    assert _count(engine, PublishedLetterItem) == n_items
    assert _count(engine, LetterIngestFailure) == 2

    # The same letter under another name, same content: unchanged. Changed content: updated.
    src = (letters_dir / "CM99-0000003.txt").read_text()
    copy_dir = tmp_path / "copies"
    copy_dir.mkdir()
    (copy_dir / "a_same.txt").write_text(src + "\n\n")
    (copy_dir / "b_changed.txt").write_text(src.replace("zq3x0", "zq3x0 revised"))
    third = ingest(engine, [copy_dir], workers=1, progress=False)
    assert (third.unchanged, third.updated, third.inserted) == (1, 1, 0)
    assert _count(engine, PublishedLetter) == N_LETTERS
    assert _count(engine, PublishedLetterItem) == n_items
    with Session(engine) as s:
        stored = load_letter(s, "CM99-0000003")
    assert stored is not None and "revised" in (stored.items[0].rationale or "")
    if engine.dialect.name == "sqlite":
        with engine.connect() as c:
            assert c.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar() == n_items

    # Search: words, then filters.
    hits = search(engine, "zq3x0 revised")
    assert [(h.case_number, h.position) for h in hits] == [("CM99-0000003", 1)]
    assert "revised" in hits[0].snippet
    assert search(engine, "zq3x0 nothing-like-this") == []
    overturned = search(engine, "", Filters(decision="overturned", limit=100))
    assert overturned and all(h.decision == "overturned" for h in overturned)
    mri = search(engine, "lumbar", Filters(category="imaging", limit=100))
    assert mri and all(h.category == "imaging" for h in mri)
    opioid = search(engine, "", Filters(category="opioid", limit=100))
    assert opioid and all(h.subcategory == "opioid" for h in opioid)
    spring = search(engine, "", Filters(date_from=_d("2009-03-01"), date_to=_d("2009-04-30"),
                                        limit=100))  # fmt: skip
    assert spring and all(_d("2009-03-01") <= h.decision_date <= _d("2009-04-30") for h in spring)  # type: ignore[operator]
    ortho = search(engine, "", Filters(specialty="orthopedic", limit=100))
    assert ortho and all("Orthopedic Surgery" in h.specialties for h in ortho)
    low_back = search(engine, "", Filters(guideline="low back", limit=100))
    assert low_back and all(h.guideline_key == "MTUS Low Back Complaints" for h in low_back)

    # Stats add up, and the chart is written.
    letters, items, upheld, overturned_n = totals(engine)
    assert (letters, items, upheld + overturned_n) == (N_LETTERS, n_items, n_items)
    data = all_rates(engine)
    for dim in ("category", "guideline", "month"):
        assert sum(r.items for r in data[dim]) == n_items, dim
        assert sum(r.overturned for r in data[dim]) == overturned_n, dim
    assert [r.key for r in data["month"]] == sorted(r.key for r in data["month"])
    assert "By category" in format_tables(data)
    for suffix in ("png", "svg"):
        chart = draw_chart(data, tmp_path / f"stats.{suffix}")
        assert chart.stat().st_size > 1000

    # Precedents from the stored items.
    found = PrecedentIndex(items_from_db(engine)).query("Percocet 5/325 #30", "neck pain", k=3)
    assert found and found[0].item.request.startswith("Norco")


def _d(s: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(s)


def test_sqlite(sqlite_engine: Engine, letters_dir: Path, tmp_path: Path) -> None:
    assert backend_of(sqlite_engine) == "fts5"
    _exercise(sqlite_engine, letters_dir, tmp_path)


def test_sqlite_without_fts_falls_back_to_like(sqlite_engine: Engine, letters_dir: Path) -> None:
    ingest(sqlite_engine, [letters_dir], workers=1, progress=False)
    with sqlite_engine.begin() as c:
        c.execute(text(f"DROP TABLE {FTS_TABLE}"))
    assert backend_of(sqlite_engine) == "like"
    hits = search(sqlite_engine, "zq4x1")
    assert [(h.case_number, h.position) for h in hits] == [("CM99-0000004", 2)]


@pytest.mark.postgres
def test_postgresql(pg_engine: Engine, letters_dir: Path, tmp_path: Path) -> None:
    assert backend_of(pg_engine) == "postgresql"
    cols = {c["name"] for c in inspect(pg_engine).get_columns("published_letter_items")}
    assert "search_vector" in cols
    _exercise(pg_engine, letters_dir, tmp_path)


@pytest.mark.shared
def test_ingest_the_2016_letters(sqlite_engine: Engine, corpus_dir: Path) -> None:
    summary = ingest(sqlite_engine, [corpus_dir], workers=2, progress=False)
    assert (summary.inserted, summary.failed, summary.items) == (72, 0, 180)
    letters, items, upheld, overturned = totals(sqlite_engine)
    assert (letters, items, upheld, overturned) == (72, 180, 162, 18)


def _rows(engine: Engine) -> list[list[tuple[object, ...]]]:
    """Every stored row (ids included, ingest times left out)."""
    out = []
    with engine.connect() as c:
        for table in ("published_letters", "published_letter_items",
                      "published_letter_specialties"):
            cols = [col["name"] for col in inspect(engine).get_columns(table)
                    if col["name"] != "ingested_at"]
            out.append([tuple(r) for r in c.execute(text(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY {cols[0]}, {cols[1]}"))])
        if engine.dialect.name == "sqlite":
            out.append([tuple(r) for r in c.execute(text(
                f"SELECT rowid, * FROM {FTS_TABLE} ORDER BY rowid"))])
    return out


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_bulk_ingest_stores_what_store_letter_stores(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """One batch with new letters, a case met twice (same content, then changed content) and
    a failure: the multi-row inserts give the rows of store_letter, letter by letter."""
    from openimr.letters_in.parser import parse_file
    from openimr.letters_in.repository import has_fts5, store_letter

    d = tmp_path / "batch"
    write_letters(d, 6)
    src = (d / "CM99-0000003.txt").read_text()
    (d / "CM99-0000003_same.txt").write_text(src + "\n\n")
    (d / "CM99-0000003_z_changed.txt").write_text(src.replace("zq3x0", "zq3x0 revised"))
    (d / "minutes.txt").write_text("Minutes of the meeting.\n")
    files = sorted(d.glob("*.txt"))

    def engine_for(name: str) -> Engine:
        if backend == "sqlite":
            return open_store(f"sqlite:///{tmp_path / name}")
        return request.getfixturevalue("pg_engine")  # type: ignore[no-any-return]

    bulk = engine_for("bulk.sqlite")
    summary = ingest(bulk, [d], workers=1, progress=False)
    assert (summary.inserted, summary.unchanged, summary.updated, summary.failed) == (6, 1, 1, 1)
    got = _rows(bulk)
    if backend == "postgresql":
        with bulk.begin() as c:
            for t in ("published_letter_specialties", "published_letter_items",
                      "published_letters"):
                c.execute(text(f"DELETE FROM {t}"))
            c.execute(text("ALTER SEQUENCE published_letters_id_seq RESTART WITH 1"))
            c.execute(text("ALTER SEQUENCE published_letter_items_id_seq RESTART WITH 1"))
        one_by_one = bulk
    else:
        one_by_one = engine_for("one.sqlite")
    fts = has_fts5(one_by_one)
    for f in files:
        if f.name == "minutes.txt":
            continue
        with Session(one_by_one) as s:
            store_letter(s, parse_file(f), file_hash=file_sha256(f), fts=fts)
            s.commit()
    assert got == _rows(one_by_one)
    assert sum(len(t) for t in got) > 6
