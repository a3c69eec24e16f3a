"""Full-text search over stored letters, with filters, behind one interface.

One query language (:mod:`openimr.letters_in.query`: words, "phrases", OR, NOT, prefix*)
means the same on the back ends: SQLite FTS5 (bm25 ranking, porter stemming) and PostgreSQL
full text (generated tsvector columns, ``to_tsquery``, ``ts_rank``) search the same fields
(item heading, reviewer's guideline, rationale, case summary) with common words dropped from
the query on both, so they find the same items (``tests/letters_in/test_search_parity.py``).
A portable LIKE fallback (any other database, or a SQLite built without FTS5) matches
substrings without stemming. Filters (decision date range, decision, treatment category,
guideline, reviewer specialty) are plain SQL and work the same on all three.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    Engine,
    String,
    and_,
    cast,
    exists,
    func,
    literal,
    literal_column,
    not_,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from openimr.letters_in.query import Query, Term, parse, positive_words, to_fts5, to_tsquery
from openimr.letters_in.repository import has_fts5
from openimr.store.letter_tables import (
    FTS_TABLE,
    PublishedLetter,
    PublishedLetterItem,
    PublishedLetterSpecialty,
)

Backend = Literal["fts5", "postgresql", "like"]
# bm25 column weights: heading, request, guideline, rationale, summary
_FTS_WEIGHTS = "10.0, 10.0, 4.0, 1.0, 0.5"
# the FTS5 columns PostgreSQL's vectors also cover (the request is part of the heading)
_FTS_COLUMNS = "heading guideline rationale summary"


@dataclass
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    decision: str | None = None  # upheld | overturned
    category: str | None = None  # category or subcategory (case-insensitive)
    guideline: str | None = None  # substring of the reviewer's guideline (key or text)
    specialty: str | None = None  # substring of a reviewer specialty
    limit: int = 20


@dataclass
class Hit:
    case_number: str
    decision_date: dt.date | None
    position: int
    heading: str
    request: str
    decision: str
    category: str | None
    subcategory: str | None
    guideline_key: str | None
    score: float
    snippet: str
    specialties: list[str] = field(default_factory=list)


def backend_of(engine: Engine) -> Backend:
    if engine.dialect.name == "postgresql":
        return "postgresql"
    if has_fts5(engine):
        return "fts5"
    return "like"


def terms(query: str) -> list[str]:
    """The words of a query that are looked for (not negated, common words dropped)."""
    return positive_words(parse(query))


def _filtered(stmt: Any, f: Filters) -> Any:
    L, I = PublishedLetter, PublishedLetterItem  # noqa: E741, N806
    conds = []
    if f.date_from:
        conds.append(L.decision_date >= f.date_from)
    if f.date_to:
        conds.append(L.decision_date <= f.date_to)
    if f.decision:
        conds.append(I.decision == f.decision.lower())
    if f.category:
        c = f.category.lower()
        conds.append(or_(func.lower(I.category) == c, func.lower(I.subcategory) == c))
    if f.guideline:
        g = f"%{f.guideline.lower()}%"
        conds.append(
            or_(func.lower(I.guideline_key).like(g), func.lower(I.reviewer_guideline).like(g))
        )
    if f.specialty:
        s = f"%{f.specialty.lower()}%"
        conds.append(
            exists().where(
                and_(
                    PublishedLetterSpecialty.letter_id == L.id,
                    func.lower(PublishedLetterSpecialty.specialty).like(s),
                )
            )
        )
    return stmt.where(and_(*conds)) if conds else stmt


def _base() -> Any:  # a Select of the hit columns (its tuple type is too long to spell)
    L, I = PublishedLetter, PublishedLetterItem  # noqa: E741, N806
    stmt = select(
        L.id,
        L.case_number,
        L.decision_date,
        I.position,
        I.heading,
        I.request,
        I.decision,
        I.category,
        I.subcategory,
        I.guideline_key,
        I.rationale,
    ).join(I, I.letter_id == L.id)
    return stmt


def _matching(engine: Engine, q: Query, f: Filters) -> tuple[Any, Any, Backend]:
    """The items matching a parsed query and the filters: (select of the hit columns, score
    expression, back end)."""
    backend = backend_of(engine)
    stmt = _base()
    score: Any = literal_column("0.0")
    if q and backend == "fts5":
        fts = (
            text(
                f"SELECT rowid AS item_id, bm25({FTS_TABLE}, {_FTS_WEIGHTS}) AS rank "
                f"FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH :match"
            )
            .bindparams(match=to_fts5(q, _FTS_COLUMNS))
            .columns(literal_column("item_id"), literal_column("rank"))
            .subquery("fts")
        )
        stmt = stmt.join(fts, fts.c.item_id == PublishedLetterItem.id)
        score = -fts.c.rank  # bm25() is lower-is-better
    elif q and backend == "postgresql":
        tsq = func.to_tsquery(literal_column("'english'::regconfig"), to_tsquery(q))
        item_vec: Any = literal_column("published_letter_items.search_vector")
        letter_vec: Any = literal_column("published_letters.search_vector")
        # one document per item, as on SQLite: a word may be in the item, another in the summary
        stmt = stmt.where(_pg_match(q, item_vec, letter_vec))
        score = func.ts_rank(item_vec, tsq) + 0.5 * func.ts_rank(letter_vec, tsq)
    elif q:
        stmt = stmt.where(_like(q))
    return _filtered(stmt, f), score, backend


def _pg_match(q: Query, item_vec: Any, letter_vec: Any) -> Any:
    """The query on PostgreSQL, term by term: each term is in the item's vector or in its
    letter's. The same items as matching the two vectors joined (``item || letter``), except
    a phrase no longer runs from the item's last word into the summary's first (as on
    SQLite, where a phrase stays in one column); no joined vector is built per row, which
    halved the time of a search."""
    groups = []
    for group in q:
        conds = []
        for t in group:
            one = to_tsquery([[Term(t.words, t.prefix, False)]])
            tsq = func.to_tsquery(literal_column("'english'::regconfig"), one)
            found = or_(item_vec.op("@@")(tsq), letter_vec.op("@@")(tsq))
            conds.append(not_(found) if t.negated else found)
        groups.append(and_(*conds))
    return or_(*groups)


def search(engine: Engine, query: str, filters: Filters | None = None) -> list[Hit]:
    """Items matching every word of ``query`` (all items when it is empty) and the filters,
    best first."""
    f = filters or Filters()
    q = parse(query)
    words = positive_words(q)
    stmt, score, backend = _matching(engine, q, f)
    stmt = stmt.add_columns(score.label("score"))
    order = [score.desc()] if q and backend != "like" else []
    stmt = stmt.order_by(
        *order,
        PublishedLetter.decision_date.desc(),
        PublishedLetter.case_number,
        PublishedLetterItem.position,
    ).limit(max(1, f.limit))
    with Session(engine) as session:
        rows = session.execute(stmt).all()
        specs = _specialties(session, {r.id for r in rows})
    return [
        Hit(
            case_number=r.case_number,
            decision_date=r.decision_date,
            position=r.position,
            heading=r.heading,
            request=r.request,
            decision=r.decision,
            category=r.category,
            subcategory=r.subcategory,
            guideline_key=r.guideline_key,
            score=float(r.score or 0.0),
            snippet=snippet(r.rationale or "", words),
            specialties=specs.get(r.id, []),
        )
        for r in rows
    ]


FACETS = ("year", "decision", "category", "guideline", "specialty")


def facets(
    engine: Engine, query: str, filters: Filters | None = None, top: int = 12
) -> dict[str, list[tuple[str, int]]]:
    """How many matching items each value of each facet has (year, decision, category,
    guideline, specialty), for the query and the filters as they stand: the most frequent
    ``top`` values of each, most first. One statement: the matching items are found once."""
    f = filters or Filters()
    stmt, _score, _backend = _matching(engine, parse(query), f)
    L, I = PublishedLetter, PublishedLetterItem  # noqa: E741, N806
    year = func.extract("year", L.decision_date)
    m = stmt.with_only_columns(
        L.id.label("letter_id"),
        year.label("year"),
        I.decision.label("decision"),
        I.category.label("category"),
        I.guideline_key.label("guideline"),
    ).cte("m")
    m = m.prefix_with("MATERIALIZED")  # PostgreSQL 12+ and SQLite 3.35+: computed once
    S = PublishedLetterSpecialty  # noqa: N806
    parts = [
        select(literal(dim).label("dim"), cast(m.c[dim], String).label("value"), func.count())
        .where(m.c[dim].is_not(None))
        .group_by(m.c[dim])
        for dim in ("year", "decision", "category", "guideline")
    ]
    parts.append(
        select(literal("specialty"), cast(S.specialty, String), func.count())
        .select_from(m.join(S, S.letter_id == m.c.letter_id))
        .group_by(S.specialty)
    )
    out: dict[str, list[tuple[str, int]]] = {dim: [] for dim in FACETS}
    with Session(engine) as session:
        for dim, value, n in session.execute(union_all(*parts)):
            shown = str(value)
            if dim == "year" and shown.endswith(".0"):
                shown = shown[:-2]  # extract() gives a number
            out[str(dim)].append((shown, int(n)))
    for dim in out:
        out[dim] = sorted(out[dim], key=lambda vc: (-vc[1], vc[0]))[:top]
    return out


def search_and_facets(
    engine: Engine, query: str, filters: Filters | None = None, top: int = 12
) -> tuple[list[Hit], dict[str, list[tuple[str, int]]]]:
    """:func:`search` and :func:`facets` in one statement: the matching items are found
    (and ranked) once, the best ``filters.limit`` of them returned as hits and all of them
    counted by facet. The same answers as the two calls, at about half their cost."""
    f = filters or Filters()
    q = parse(query)
    words = positive_words(q)
    stmt, score, backend = _matching(engine, q, f)
    L = PublishedLetter  # noqa: N806
    m = (
        stmt.add_columns(score.label("score"), func.extract("year", L.decision_date).label("year"))
        .cte("m")
        .prefix_with("MATERIALIZED")
    )
    order = [m.c.score.desc()] if q and backend != "like" else []
    order += [m.c.decision_date.desc(), m.c.case_number, m.c.position]
    top_hits = (
        select(m, func.row_number().over(order_by=order).label("rank"))
        .order_by(*order)
        .limit(max(1, f.limit))
        .subquery("top")
    )
    hit_cols = [
        "id", "case_number", "decision_date", "position", "heading", "request", "decision",
        "category", "subcategory", "guideline_key", "rationale", "score", "rank",
    ]  # fmt: skip
    parts: list[Any] = [
        select(
            literal("hit").label("dim"),
            null().label("value"),
            null().label("n"),
            *[top_hits.c[c] for c in hit_cols],
        )
    ]
    none = [null().label(c) for c in hit_cols]
    for dim, col in (
        ("year", m.c.year),
        ("decision", m.c.decision),
        ("category", m.c.category),
        ("guideline", m.c.guideline_key),
    ):
        parts.append(
            select(literal(dim), cast(col, String), func.count(), *none)
            .where(col.is_not(None))
            .group_by(col)
        )
    S = PublishedLetterSpecialty  # noqa: N806
    parts.append(
        select(literal("specialty"), cast(S.specialty, String), func.count(), *none)
        .select_from(m.join(S, S.letter_id == m.c.id))
        .group_by(S.specialty)
    )
    counts: dict[str, list[tuple[str, int]]] = {dim: [] for dim in FACETS}
    rows = []
    with Session(engine) as session:
        for r in session.execute(union_all(*parts)):
            if r.dim == "hit":
                rows.append(r)
                continue
            shown = str(r.value)
            if r.dim == "year" and shown.endswith(".0"):
                shown = shown[:-2]  # extract() gives a number
            counts[str(r.dim)].append((shown, int(r.n)))
        specs = _specialties(session, {r.id for r in rows})
    for dim in counts:
        counts[dim] = sorted(counts[dim], key=lambda vc: (-vc[1], vc[0]))[:top]
    rows.sort(key=lambda r: int(r.rank))  # the order the database ranked them in
    hits = [
        Hit(
            case_number=r.case_number,
            decision_date=r.decision_date,
            position=r.position,
            heading=r.heading,
            request=r.request,
            decision=r.decision,
            category=r.category,
            subcategory=r.subcategory,
            guideline_key=r.guideline_key,
            score=float(r.score or 0.0),
            snippet=snippet(r.rationale or "", words),
            specialties=specs.get(r.id, []),
        )
        for r in rows
    ]
    return hits, counts


def _like(q: Query) -> Any:
    """The LIKE fallback: substrings, no stemming (an approximation of the same query)."""
    hay = func.lower(
        func.coalesce(PublishedLetterItem.heading, "")
        + " "
        + func.coalesce(PublishedLetterItem.reviewer_guideline, "")
        + " "
        + func.coalesce(PublishedLetterItem.rationale, "")
        + " "
        + func.coalesce(PublishedLetter.clinical_case_summary, "")
    )
    groups = []
    for g in q:
        conds = []
        for t in g:
            like = hay.like(f"%{' '.join(t.words)}%")
            conds.append(~like if t.negated else like)
        groups.append(and_(*conds))
    return or_(*groups)


def _specialties(session: Session, letter_ids: set[int]) -> dict[int, list[str]]:
    if not letter_ids:
        return {}
    out: dict[int, list[str]] = {}
    stmt = select(PublishedLetterSpecialty.letter_id, PublishedLetterSpecialty.specialty).where(
        PublishedLetterSpecialty.letter_id.in_(letter_ids)
    )
    for lid, spec in session.execute(stmt):
        out.setdefault(lid, []).append(spec)
    return out


def snippet(text_: str, words: list[str], width: int = 160) -> str:
    """A short window of ``text_`` around the first query word (stemming-tolerant)."""
    flat = " ".join(text_.split())
    if not flat:
        return ""
    pos = -1
    low = flat.lower()
    for w in words:
        stem = w[: max(4, len(w) - 2)]
        pos = low.find(stem)
        if pos >= 0:
            break
    if pos < 0:
        return flat[:width] + ("..." if len(flat) > width else "")
    start = max(0, pos - width // 3)
    end = min(len(flat), start + width)
    return ("..." if start else "") + flat[start:end] + ("..." if end < len(flat) else "")
