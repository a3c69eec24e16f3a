"""One query language, the same answers on SQLite (FTS5) and PostgreSQL: the same letters
are stored in both and every query below must find the same items on each."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from openimr.letters_in.ingest import ingest
from openimr.letters_in.query import QueryError, parse, to_fts5, to_tsquery
from openimr.letters_in.repository import open_store
from openimr.letters_in.search import Filters, backend_of, search

from .fictional import write_letters

PG_URL = os.environ.get("OPENIMR_TEST_PG_URL", "postgresql+psycopg:///test")
N = 40
QUERIES = [
    "MRI",
    "mri lumbar",
    "MRI OR EMG",
    "emg OR acupuncture OR brace",
    '"lumbar spine"',
    '"physical therapy" cervical',
    "acupuncture NOT low",
    "mri -knee",
    "opioid*",
    "radic*",
    "therapy sessions",
    "the knee",  # "the" is a common word: the knee
    "Norco",
    "sessions OR visits NOT acupuncture",
    "médical",  # a word with an accent: found nowhere, on both
    "zzzqx",
]
REFUSED = ["the", "of the and", "NOT mri", "-mri", "'; --", "日本 OR ..."[-3:]]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("parity") / "letters"
    write_letters(d, N, seed=13)
    return d


@pytest.fixture(scope="module")
def engines(letters: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Engine]]:
    sqlite = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'p.sqlite'}")
    ingest(sqlite, [letters], workers=1, progress=False)
    out = [sqlite]
    admin = create_engine(PG_URL)
    schema = f"parity_{uuid.uuid4().hex[:8]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception:  # no server: the SQLite half still runs
        admin.dispose()
        admin = None  # type: ignore[assignment]
    if admin is not None:
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        pg = open_store(url.render_as_string(hide_password=False))
        ingest(pg, [letters], workers=1, progress=False)
        out.append(pg)
    yield out
    for e in out:
        e.dispose()
    if admin is not None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _hits(engine: Engine, query: str) -> set[tuple[str, int]]:
    return {(h.case_number, h.position) for h in search(engine, query, Filters(limit=10_000))}


@pytest.mark.postgres
@pytest.mark.parametrize("query", QUERIES)
def test_same_hits_on_both_databases(engines: list[Engine], query: str) -> None:
    if len(engines) < 2:
        pytest.skip("PostgreSQL not reachable")
    sqlite, pg = engines
    assert backend_of(sqlite) == "fts5" and backend_of(pg) == "postgresql"
    assert _hits(sqlite, query) == _hits(pg, query)


def test_queries_mean_what_they_say(engines: list[Engine]) -> None:
    db = engines[0]
    mri, emg = _hits(db, "MRI"), _hits(db, "EMG")
    assert mri and emg
    assert _hits(db, "MRI OR EMG") == mri | emg
    assert _hits(db, "mri -lumbar") == mri - _hits(db, "lumbar")
    assert _hits(db, "mri lumbar") == mri & _hits(db, "lumbar")
    assert _hits(db, '"lumbar spine"') <= _hits(db, "lumbar spine")
    assert _hits(db, "the knee") == _hits(db, "knee")
    assert not _hits(db, "zzzqx")


@pytest.mark.parametrize("query", REFUSED)
def test_nothing_to_look_for_is_refused_not_everything(query: str) -> None:
    with pytest.raises(QueryError):
        parse(query)


def test_query_text_is_never_code() -> None:
    q = parse('x" OR 1=1 -- ) * \' ; DROP TABLE published_letters')
    assert '"' not in "".join(w for g in q for t in g for w in t.words)
    assert "DROP" not in to_fts5(q, "heading")  # words are lower-cased data, quoted
    assert "'drop'" in to_tsquery(q)


@pytest.mark.parametrize("query", ["", "MRI", "therapy sessions", "emg OR acupuncture OR brace"])
def test_facet_counts_are_the_matching_items_counted(engines: list[Engine], query: str) -> None:
    """Each facet value's count is the number of matching items with that value (counted
    here from every hit), on both databases, with and without a filter."""
    from collections import Counter

    from openimr.letters_in.search import facets

    for f in (Filters(limit=100_000), Filters(decision="upheld", limit=100_000)):
        for engine in engines:
            every = search(engine, query, f)
            want: dict[str, Counter[str]] = {
                "year": Counter(str(h.decision_date.year) for h in every if h.decision_date),
                "decision": Counter(h.decision for h in every),
                "category": Counter(h.category for h in every if h.category),
                "guideline": Counter(h.guideline_key for h in every if h.guideline_key),
                "specialty": Counter(s for h in every for s in h.specialties),
            }
            got = facets(engine, query, f, top=1000)
            for dim, counts in want.items():
                assert dict(got[dim]) == dict(counts), (backend_of(engine), dim)
            assert got["decision"] and sum(n for _, n in got["decision"]) == len(every)


@pytest.mark.parametrize("query", ["", "MRI", "mri lumbar", "acupuncture NOT low", "zzzqx"])
def test_search_and_facets_in_one_statement_answer_as_the_two_calls(
    engines: list[Engine], query: str
) -> None:
    from openimr.letters_in.search import facets, search_and_facets

    for f in (Filters(limit=7), Filters(decision="upheld", limit=50)):
        for engine in engines:
            hits, counts = search_and_facets(engine, query, f)
            assert hits == search(engine, query, f), backend_of(engine)
            assert counts == facets(engine, query, f), backend_of(engine)
