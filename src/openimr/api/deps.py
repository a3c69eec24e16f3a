"""Dependencies declared once: the services, the acting user, role checks, CSRF."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openimr.accounts import Accounts, Principal
from openimr.api.errors import ApiError, LoginRequired
from openimr.api.jobs import Jobs
from openimr.api.settings import Settings
from openimr.process.cases import CaseService
from openimr.store.case_tables import CaseRow

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


@dataclass
class Services:
    settings: Settings
    engine: Engine
    cases: CaseService
    accounts: Accounts
    sessions: sessionmaker[Session]
    jobs: Jobs


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


ServicesDep = Annotated[Services, Depends(services)]


def _principal(request: Request, svc: Services) -> Principal | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = svc.accounts.token_user(auth[7:].strip())
        if user is None:
            raise ApiError(401, "unauthorized", "invalid or revoked API token")
        return user
    cookie = request.cookies.get(svc.settings.session_cookie)
    if cookie:
        return svc.accounts.session_user(cookie)
    return None


async def _check_csrf(request: Request, user: Principal) -> None:
    """Every state-changing request made with the session cookie carries the session's CSRF
    token (header ``X-CSRF-Token`` or form field ``csrf_token``). API tokens need none: a
    browser never sends them on its own."""
    if request.method not in UNSAFE or user.csrf_token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, user.csrf_token):
        raise ApiError(403, "csrf", "missing or wrong CSRF token")


async def current_user(request: Request, svc: ServicesDep) -> Principal:
    """The API's user (401 when none)."""
    user = _principal(request, svc)
    if user is None:
        raise ApiError(401, "unauthorized", "log in first (session cookie or Bearer token)")
    await _check_csrf(request, user)
    return user


async def page_user(request: Request, svc: ServicesDep) -> Principal:
    """A page's user (redirect to the login page when none)."""
    user = _principal(request, svc)
    if user is None:
        raise LoginRequired()
    await _check_csrf(request, user)
    return user


CurrentUser = Annotated[Principal, Depends(current_user)]
PageUser = Annotated[Principal, Depends(page_user)]


def require(user: Principal, *roles: str) -> None:
    if user.role not in roles:
        raise ApiError(
            403, "forbidden", f"role {user.role!r} may not do this (needs: {', '.join(roles)})"
        )


STAFF = ("intake", "reviewer", "supervisor", "admin")
READ_RECORDS = ("reviewer", "supervisor")


def case_for(svc: Services, user: Principal, case_number: str, action: str, *roles: str) -> CaseRow:
    """The case if ``user`` may take ``action`` on it; a refusal is audited and answered 403.

    A reviewer reaches only the cases assigned to them.
    """
    allowed = roles or STAFF
    row = svc.cases.get(case_number)  # 404 when unknown
    why = None
    if user.role not in allowed:
        why = f"role {user.role!r} may not {action}"
    elif user.role == "reviewer" and (not user.reviewer_id or row.reviewer_id != user.reviewer_id):
        why = "the case is not assigned to this reviewer"
    if why:
        svc.cases.refused(case_number, user.actor, action, why)
        raise ApiError(403, "forbidden", f"case {case_number}: {why}")
    return row
