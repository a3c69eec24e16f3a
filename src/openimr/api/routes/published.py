"""Published Final Determination Letters: search with facets, one letter, the statistics."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from openimr.api.deps import CurrentUser, Services, ServicesDep, require
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.schemas import (
    HitOut,
    PublishedItemOut,
    PublishedLetterOut,
    RateOut,
    StatsOut,
)
from openimr.store.letter_tables import PublishedLetter

router = APIRouter(prefix="/api/published", tags=["published letters"], responses=ERROR_RESPONSES)
READERS = ("intake", "reviewer", "supervisor", "admin", "auditor")


def filters_of(
    year: int | None = None,
    decision: str | None = None,
    category: str | None = None,
    guideline: str | None = None,
    specialty: str | None = None,
    limit: int = 20,
) -> Any:
    """The search's filters from the facets a request sets."""
    from openimr.letters_in.search import Filters

    return Filters(
        date_from=dt.date(year, 1, 1) if year else None,
        date_to=dt.date(year, 12, 31) if year else None,
        decision=decision,
        category=category,
        guideline=guideline,
        specialty=specialty,
        limit=limit,
    )


def hit_out(h: Any) -> HitOut:
    """A search hit as the API returns it."""
    return HitOut(
        case_number=h.case_number,
        decision_date=h.decision_date,
        position=h.position,
        heading=h.heading,
        request=h.request,
        decision=h.decision,
        category=h.category,
        subcategory=h.subcategory,
        guideline=h.guideline_key,
        specialties=h.specialties,
        snippet=h.snippet,
    )


def hits(
    svc: Services,
    q: str,
    year: int | None = None,
    decision: str | None = None,
    category: str | None = None,
    guideline: str | None = None,
    specialty: str | None = None,
    limit: int = 20,
) -> list[HitOut]:
    """Search hits for the API and the pages."""
    from openimr.letters_in.search import search

    f = filters_of(year, decision, category, guideline, specialty, limit)
    return [hit_out(h) for h in search(svc.engine, q, f)]


@router.get("/search", response_model=list[HitOut])
def search_letters(
    svc: ServicesDep,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=500)] = "",
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    decision: Annotated[str | None, Query(pattern="^(upheld|overturned)$")] = None,
    category: Annotated[str | None, Query(max_length=100)] = None,
    guideline: Annotated[str | None, Query(max_length=200)] = None,
    specialty: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[HitOut]:
    """Items of published letters matching the words and the facets, best first."""
    require(user, *READERS)
    return hits(svc, q, year, decision, category, guideline, specialty, limit)


@router.get("/stats", response_model=StatsOut)
def stats(svc: ServicesDep, user: CurrentUser) -> StatsOut:
    """Overturn rates by category, guideline, specialty and month."""
    from openimr.letters_in.stats import all_rates, totals

    require(user, *READERS)
    t = totals(svc.engine)
    return StatsOut(
        letters=t[0],
        items=t[1],
        rates={
            dim: [
                RateOut(
                    key=r.key, items=r.items, overturned=r.overturned, overturn_rate=r.overturn_rate
                )
                for r in rows[:30]
            ]
            for dim, rows in all_rates(svc.engine).items()
        },
    )


@router.get("/stats.png", response_class=Response, responses={200: {"content": {"image/png": {}}}})
def stats_chart(svc: ServicesDep, user: CurrentUser) -> Response:
    """The statistics charts as one PNG."""
    import tempfile
    from pathlib import Path

    from openimr.letters_in.stats import all_rates, draw_chart

    require(user, *READERS)
    with tempfile.TemporaryDirectory() as tmp:
        path = draw_chart(all_rates(svc.engine), Path(tmp) / "stats.png")
        return Response(path.read_bytes(), media_type="image/png")


def letter_out(svc: Services, case_number: str) -> PublishedLetterOut:
    with svc.sessions() as s:
        row = s.execute(
            select(PublishedLetter)
            .options(selectinload(PublishedLetter.items), selectinload(PublishedLetter.specialties))
            .where(PublishedLetter.case_number == case_number)
        ).scalar_one_or_none()
        if row is None:
            raise ApiError(404, "not_found", f"no published letter {case_number}")
        return PublishedLetterOut(
            case_number=row.case_number,
            decision_date=row.decision_date,
            layout=row.layout,
            specialties=[sp.specialty for sp in row.specialties],
            clinical_case_summary=row.clinical_case_summary,
            items=[
                PublishedItemOut(
                    position=it.position,
                    heading=it.heading,
                    decision=it.decision,
                    category=it.category,
                    guideline=it.reviewer_guideline,
                    rationale=it.rationale,
                )
                for it in row.items
            ],
        )


@router.get("/letters/{case_number}", response_model=PublishedLetterOut)
def published_letter(case_number: str, svc: ServicesDep, user: CurrentUser) -> PublishedLetterOut:
    """One published letter with its items."""
    require(user, *READERS)
    return letter_out(svc, case_number)
