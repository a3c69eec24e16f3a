"""Logging in and out (JSON), and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from openimr.api.deps import CurrentUser, ServicesDep
from openimr.api.errors import ERROR_RESPONSES
from openimr.api.schemas import LoginIn, MeOut

router = APIRouter(prefix="/api", tags=["auth"], responses=ERROR_RESPONSES)


def set_session_cookie(response: Response, svc: object, token: str) -> None:
    from openimr.api.deps import Services

    assert isinstance(svc, Services)
    response.set_cookie(
        svc.settings.session_cookie,
        token,
        httponly=True,
        samesite="strict",
        secure=svc.settings.secure_cookies,
        path="/",
    )


def client_of(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.post("/login", response_model=MeOut)
def login(body: LoginIn, request: Request, response: Response, svc: ServicesDep) -> MeOut:
    """Start a session (HttpOnly, SameSite cookie). Send the CSRF token it returns in the
    ``X-CSRF-Token`` header of every POST. Failed attempts are throttled."""
    p = svc.accounts.authenticate(body.username, body.password, client_of(request))
    token, p = svc.accounts.open_session(p)
    svc.cases.record(p.actor, "user.login", {"client": client_of(request)})
    set_session_cookie(response, svc, token)
    return MeOut(
        username=p.username,
        display_name=p.display_name,
        role=p.role,
        reviewer_id=p.reviewer_id,
        csrf_token=p.csrf_token,
    )


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, svc: ServicesDep, user: CurrentUser) -> None:
    cookie = request.cookies.get(svc.settings.session_cookie)
    if cookie:
        svc.accounts.close_session(cookie)
    response.delete_cookie(svc.settings.session_cookie, path="/")


@router.get("/me", response_model=MeOut)
def me(user: CurrentUser) -> MeOut:
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        reviewer_id=user.reviewer_id,
        csrf_token=user.csrf_token,
    )
