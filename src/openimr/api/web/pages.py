"""Server-rendered pages: login, the queue, the case page. Every form post carries the
session's CSRF token (checked by the ``PageUser`` dependency)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Literal

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openimr.accounts import AccountError, Principal
from openimr.api.deps import (
    READ_RECORDS,
    PageUser,
    Services,
    ServicesDep,
    case_for,
    require,
)
from openimr.api.errors import ApiError
from openimr.api.routes.auth import client_of, set_session_cookie
from openimr.api.routes.cases import open_bundle, sign_edits
from openimr.api.views import detail, determination_of, queue, queue_count
from openimr.api.web import more
from openimr.api.web.forms import sign_in_from_form
from openimr.api.web.highlight import anchor_of, links_of, pieces
from openimr.domain.determination import Determination
from openimr.process.case_deadlines import pacific
from openimr.process.cases import CaseService

router = APIRouter(include_in_schema=False)
router.include_router(more.router)
LOGIN_CSRF = "openimr_login_csrf"
HOME = {
    "intake": "/queue",
    "reviewer": "/queue",
    "supervisor": "/queue",
    "auditor": "/audit",
    "admin": "/users",
}


def render(request: Request, name: str, user: Principal | None, **ctx: Any) -> HTMLResponse:
    templates = request.app.state.templates
    ctx.update(user=user, pacific=pacific)
    return templates.TemplateResponse(request, name, ctx)


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def safe_next(value: str | None) -> str | None:
    if value and value.startswith("/") and not value.startswith("//"):
        return value
    return None


# -- login ---------------------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    resp = render(request, "login.html", None, csrf=token, next=safe_next(next) or "", error=None)
    resp.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", path="/login")
    return resp


@router.post("/login")
async def login_post(request: Request, svc: ServicesDep) -> Response:
    form = await request.form()
    sent = str(form.get("csrf_token", ""))
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not sent or not cookie or not secrets.compare_digest(sent, cookie):
        raise ApiError(403, "csrf", "missing or wrong CSRF token")
    username = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))[:1024]
    nxt = safe_next(str(form.get("next", "")))
    from starlette.concurrency import run_in_threadpool

    try:
        p = await run_in_threadpool(
            svc.accounts.authenticate, username, password, client_of(request)
        )
    except AccountError as exc:
        token = secrets.token_urlsafe(24)
        resp = render(request, "login.html", None, csrf=token, next=nxt or "", error=str(exc))
        resp.status_code = 429 if "too many" in str(exc) else 401
        resp.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", path="/login")
        return resp
    token, p = await run_in_threadpool(svc.accounts.open_session, p)
    await run_in_threadpool(svc.cases.record, p.actor, "user.login", {"client": client_of(request)})
    done = back(nxt or HOME.get(p.role, "/queue"))
    set_session_cookie(done, svc, token)
    done.delete_cookie(LOGIN_CSRF, path="/login")
    return done


@router.post("/logout")
def logout_post(request: Request, svc: ServicesDep, user: PageUser) -> Response:
    cookie = request.cookies.get(svc.settings.session_cookie)
    if cookie:
        svc.accounts.close_session(cookie)
    resp = back("/login")
    resp.delete_cookie(svc.settings.session_cookie, path="/")
    return resp


@router.get("/")
def home(user: PageUser) -> Response:
    return back(HOME.get(user.role, "/queue"))


# -- queue ---------------------------------------------------------------------------------
@router.get("/queue")
def queue_page(
    request: Request, svc: ServicesDep, user: PageUser, state: str = "", show: int = 50
) -> Response:
    if user.role not in ("intake", "reviewer", "supervisor", "admin"):
        raise ApiError(403, "forbidden", f"role {user.role!r} has no case queue")
    now = dt.datetime.now(dt.UTC)
    states = tuple(s for s in state.split(",") if s) or None
    show = max(10, min(show, 1000))
    with svc.sessions() as s:
        cases = queue(s, user, now, states, limit=show)
        total = queue_count(s, user, states)
    return render(request, "queue.html", user, cases=cases, state=state, total=total, show=show)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: int, svc: ServicesDep, user: PageUser) -> Response:
    """A job's progress (updated by the page's script until it is done)."""
    from openimr.api.routes.jobs import job as job_api

    job = job_api(job_id, svc, user)  # the same access rules as the API
    return render(request, "job.html", user, job=job)


@router.post("/applications")
async def new_application(
    request: Request, svc: ServicesDep, user: PageUser, bundle: UploadFile
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from openimr.api.routes.jobs import PACKET_SUFFIXES, read_upload

    if (bundle.filename or "").lower().endswith(PACKET_SUFFIXES):  # a packet: read as a job
        require(user, "intake", "supervisor")
        packet_name, data = await read_upload(bundle)
        job_id = await run_in_threadpool(svc.jobs.submit_packet, packet_name, data, user.actor)
        return back(f"/jobs/{job_id}")
    raw = await bundle.read(5_000_001)
    if len(raw) > 5_000_000:
        raise ApiError(413, "too_large", "a bundle is at most 5 MB")
    name = (bundle.filename or "bundle.yaml").lower()
    suffix = ".json" if name.endswith(".json") else ".yaml"
    result = await run_in_threadpool(open_bundle, svc, user, raw.decode("utf-8", "replace"), suffix)
    return back(f"/cases/{result.case_number}")


# -- the case page -------------------------------------------------------------------------
def _case_context(svc: Services, user: Principal, case_number: str) -> dict[str, Any]:
    row = case_for(svc, user, case_number, "view the case")
    records = []
    if user.role in READ_RECORDS:
        records = CaseService.bundle_of(row).records
        svc.cases.viewed(case_number, user.actor, "records", {"records": [r.id for r in records]})
    else:
        svc.cases.viewed(case_number, user.actor, "case")
    det: Determination | None = determination_of(row)
    links = links_of(det)
    job = svc.jobs.latest(case_number)
    return {
        "case": detail(row, user, dt.datetime.now(dt.UTC)),
        "records": [(r, pieces(r, links)) for r in records],
        "det": det,
        "anchor_of": anchor_of,
        "job": job if job and job.state in ("queued", "running", "failed") else None,
        "can_sign": user.role == "reviewer" and row.state == "in_review" and bool(row.draft_json),
        "can_draft": user.role in ("reviewer", "supervisor")
        and row.state in ("records_complete", "in_review"),
        "can_assign": user.role == "supervisor" and row.state in ("eligible", "assigned"),
        "can_issue": user.role == "supervisor" and row.state == "determined",
        "can_records": user.role in ("intake", "supervisor") and row.state == "assigned",
        "can_terminate": user.role in ("intake", "supervisor")
        and row.state in ("received", "eligible", "assigned", "records_complete", "in_review"),
        "issued_formats": [f for f in ("html", "text", "pdf") if svc.cases.letter(case_number, f)]
        if row.state == "issued"
        else [],
    }


@router.get("/cases/{case_number}")
def case_page(request: Request, case_number: str, svc: ServicesDep, user: PageUser) -> Response:
    ctx = _case_context(svc, user, case_number)
    return render(request, "case.html", user, **ctx)


@router.post("/cases/{case_number}/assign")
async def assign_post(
    request: Request, case_number: str, svc: ServicesDep, user: PageUser
) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    reassign = form.get("reassign") == "1"
    reason = str(form.get("reason", "")).strip() or None
    if reassign and not reason:
        raise ApiError(422, "invalid", "a re-assignment needs a reason")
    notice: Literal["mail", "electronic"] = (
        "mail" if form.get("notice_method") == "mail" else "electronic"
    )

    def run() -> None:
        case_for(svc, user, case_number, "assign", "supervisor")
        svc.cases.assign(
            case_number,
            user.actor,
            notice,
            reason=reason,
            expect_state="assigned" if reassign else "eligible",
        )

    await run_in_threadpool(run)
    return back(f"/cases/{case_number}")


@router.post("/cases/{case_number}/records-complete")
def records_post(case_number: str, svc: ServicesDep, user: PageUser) -> Response:
    case_for(svc, user, case_number, "mark records complete", "intake", "supervisor")
    svc.cases.records_complete(case_number, user.actor)
    return back(f"/cases/{case_number}")


@router.post("/cases/{case_number}/draft")
def draft_post(case_number: str, svc: ServicesDep, user: PageUser) -> Response:
    row = case_for(svc, user, case_number, "draft", "reviewer", "supervisor")
    if row.state not in ("records_complete", "in_review"):
        raise ApiError(409, "conflict", f"case {case_number}: nothing to draft ({row.state})")
    svc.jobs.submit_draft(case_number, user.actor)
    return back(f"/cases/{case_number}")


@router.post("/cases/{case_number}/sign")
async def sign_post(
    request: Request, case_number: str, svc: ServicesDep, user: PageUser
) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = dict(await request.form())

    def run() -> None:
        row = case_for(svc, user, case_number, "sign", "reviewer")
        if not row.draft_json:
            raise ApiError(409, "conflict", f"case {case_number}: no draft to sign")
        draft = Determination.model_validate_json(row.draft_json)
        edits = sign_edits(sign_in_from_form(form, draft), draft)
        assert user.reviewer_id is not None
        svc.cases.sign(case_number, user.reviewer_id, edits, actor=user.actor)

    await run_in_threadpool(run)
    return back(f"/cases/{case_number}")


@router.post("/cases/{case_number}/issue")
async def issue_post(
    request: Request, case_number: str, svc: ServicesDep, user: PageUser
) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    fmt = str(form.get("format", "html"))
    if fmt not in ("html", "text", "pdf"):
        raise ApiError(422, "invalid", f"format {fmt!r}: html, text or pdf")

    def run() -> None:
        case_for(svc, user, case_number, "issue", "supervisor")
        svc.cases.issue(case_number, fmt, user.actor)

    await run_in_threadpool(run)
    return back(f"/cases/{case_number}")


@router.post("/cases/{case_number}/terminate")
async def terminate_post(
    request: Request, case_number: str, svc: ServicesDep, user: PageUser
) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    reason = str(form.get("reason", "")).strip()
    if not reason:
        raise ApiError(422, "invalid", "terminating a case needs a reason")

    def run() -> None:
        case_for(svc, user, case_number, "terminate", "intake", "supervisor")
        svc.cases.terminate(case_number, user.actor, reason)

    await run_in_threadpool(run)
    return back(f"/cases/{case_number}")


@router.get("/cases/{case_number}/preview.{fmt}")
def preview_page(case_number: str, fmt: str, svc: ServicesDep, user: PageUser) -> Response:
    from openimr.api.routes.letters import MEDIA, _body
    from openimr.letters import render as render_letter

    if fmt not in ("html", "pdf"):
        raise ApiError(404, "not_found", "preview as html or pdf")
    case_for(svc, user, case_number, "preview the letter", "reviewer", "supervisor")
    row = svc.cases.viewed(case_number, user.actor, "letter", {"format": fmt})
    det = determination_of(row)
    if det is None:
        raise ApiError(409, "conflict", f"case {case_number}: no draft yet")
    return Response(_body(render_letter(det, fmt)), media_type=MEDIA[fmt])


@router.get("/cases/{case_number}/letter.{fmt}")
def letter_page(case_number: str, fmt: str, svc: ServicesDep, user: PageUser) -> Response:
    from openimr.api.routes.letters import MEDIA

    if fmt not in MEDIA:
        raise ApiError(404, "not_found", "letter formats: html, text, pdf, json")
    case_for(svc, user, case_number, "read the letter", "reviewer", "supervisor", "intake")
    found = svc.cases.letter(case_number, fmt)
    if found is None:
        raise ApiError(404, "not_found", f"case {case_number}: no issued {fmt} letter")
    svc.cases.viewed(case_number, user.actor, "letter", {"format": fmt, "issued": True})
    return Response(found.content, media_type=MEDIA[fmt])
