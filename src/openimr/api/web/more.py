"""Pages: published letters (search with facets, one letter, statistics), the audit log,
users and roles, the user's own API tokens."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openimr.accounts import Principal
from openimr.api.deps import PageUser, ServicesDep, case_for, require
from openimr.api.errors import ApiError
from openimr.api.routes.audit import AUDIT_READERS
from openimr.api.routes.published import READERS, filters_of, hit_out, hits, letter_out

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, user: Principal | None, **ctx: Any) -> HTMLResponse:
    from openimr.process.case_deadlines import pacific

    ctx.update(user=user, pacific=pacific)
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def facet_link(f: dict[str, str], dim: str, value: str) -> str:
    """The search page with one facet set to ``value`` (the others kept)."""
    return "/published?" + urlencode({**{k: v for k, v in f.items() if v}, dim: value})


def _opt(value: str | None) -> str | None:
    return value.strip() or None if value else None


@router.get("/published")
def published_page(
    request: Request,
    svc: ServicesDep,
    user: PageUser,
    q: str = "",
    year: str = "",
    decision: str = "",
    category: str = "",
    guideline: str = "",
    specialty: str = "",
) -> Response:
    require(user, *READERS)
    y = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    dec = decision if decision in ("upheld", "overturned") else None
    from openimr.letters_in.search import search_and_facets

    f = filters_of(y, dec, _opt(category), _opt(guideline), _opt(specialty), 50)
    found_hits, counts = search_and_facets(svc.engine, q[:500], f)  # one statement
    found = [hit_out(h) for h in found_hits]
    facets_now = {
        "q": q,
        "year": year,
        "decision": decision,
        "category": category,
        "guideline": guideline,
        "specialty": specialty,
    }
    return render(
        request,
        "published.html",
        user,
        hits=found,
        f=facets_now,
        counts=counts,
        facet_link=facet_link,
    )


@router.get("/published/stats")
def stats_page(request: Request, svc: ServicesDep, user: PageUser) -> Response:
    from openimr.api.routes.published import stats

    require(user, *READERS)
    return render(request, "stats.html", user, stats=stats(svc, user))


@router.get("/published/letters/{case_number}")
def published_letter_page(
    request: Request, case_number: str, svc: ServicesDep, user: PageUser
) -> Response:
    require(user, *READERS)
    letter = letter_out(svc, case_number)
    similar = {
        it.position: [h for h in hits(svc, it.heading, limit=6) if h.case_number != case_number][:5]
        for it in letter.items
    }
    return render(request, "published_letter.html", user, letter=letter, similar=similar)


@router.get("/audit")
def audit_page(request: Request, svc: ServicesDep, user: PageUser, case: str = "") -> Response:
    require(user, *AUDIT_READERS)
    if case:
        case_for(svc, user, case, "read the audit", *AUDIT_READERS)
    events = svc.cases.events(case or None)[-500:]
    verification = svc.cases.verify_audit() if not case else None
    return render(
        request, "audit.html", user, events=events[::-1], case=case, verification=verification
    )


@router.get("/users")
def users_page(request: Request, svc: ServicesDep, user: PageUser) -> Response:
    require(user, "admin")
    return render(request, "users.html", user, users=svc.accounts.users(), error=None)


@router.post("/users")
async def users_post(request: Request, svc: ServicesDep, user: PageUser) -> Response:
    from starlette.concurrency import run_in_threadpool

    require(user, "admin")
    form = await request.form()

    def run() -> None:
        p = svc.accounts.add_user(
            str(form.get("username", "")).strip(),
            str(form.get("password", "")),
            str(form.get("role", "")),
            str(form.get("display_name", "")).strip() or None,
            str(form.get("reviewer_id", "")).strip() or None,
        )
        svc.cases.record(user.actor, "user.added", {"username": p.username, "role": p.role})

    await run_in_threadpool(run)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/role")
async def role_post(
    request: Request, username: str, svc: ServicesDep, user: PageUser
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from openimr.api.routes.users import change_role

    require(user, "admin")
    form = await request.form()
    role = str(form.get("role", ""))
    reviewer_id = str(form.get("reviewer_id", "")).strip() or None
    await run_in_threadpool(change_role, svc, user, username, role, reviewer_id)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/deactivate")
def deactivate_post(username: str, svc: ServicesDep, user: PageUser) -> Response:
    require(user, "admin")
    if username == user.username:
        raise ApiError(409, "conflict", "you cannot deactivate your own account")
    svc.accounts.set_active(username, False)
    svc.cases.record(user.actor, "user.deactivated", {"username": username})
    return RedirectResponse("/users", status_code=303)
