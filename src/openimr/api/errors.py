"""One JSON error shape for every error of the API::

    {"error": {"status": 404, "code": "not_found", "message": "case CM..: no such case"}}

OpenIMR's exception tree is translated here, once; so are FastAPI's validation errors, HTTP
errors (unknown route, wrong method) and anything unexpected (500, no details leaked).
Browser pages get the same content as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from openimr.accounts import AccountError, LoginThrottled
from openimr.errors import BundleError, DataFileError, NoQualifiedReviewer, OpenIMRError
from openimr.process.lifecycle import CaseConflict, CaseForbidden, CaseNotFound, CaseTampered

log = logging.getLogger("openimr.api")


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by the routes for 401/403/404... with a code and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class LoginRequired(Exception):
    """A page needs a login: redirect to the login page."""


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in [
        (400, "Refused request"),
        (401, "Not logged in"),
        (403, "Not allowed for this user"),
        (404, "Not found"),
        (409, "Conflict with the case's present state"),
        (422, "Invalid input"),
        (429, "Too many attempts"),
    ]
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
}


def classify(exc: OpenIMRError) -> tuple[int, str]:
    if isinstance(exc, CaseNotFound):
        return 404, "not_found"
    if isinstance(exc, CaseForbidden):
        return 403, "forbidden"
    if isinstance(exc, CaseTampered):
        return 409, "tampered"
    if isinstance(exc, CaseConflict):
        return 409, "conflict"
    if isinstance(exc, LoginThrottled):
        return 429, "too_many_requests"
    if isinstance(exc, AccountError):
        return 400, "account"
    if isinstance(exc, BundleError | DataFileError):
        return 422, "invalid"
    if isinstance(exc, NoQualifiedReviewer):
        return 409, "no_qualified_reviewer"
    return 400, "refused"


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "code": code, "message": message, "user": None},
            status_code=status,
        )
    body = ErrorBody(error=ErrorDetail(status=status, code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        nxt = request.url.path
        return RedirectResponse(f"/login?next={nxt}", status_code=303)

    @app.exception_handler(OpenIMRError)
    async def _openimr(request: Request, exc: OpenIMRError) -> Response:
        status, code = classify(exc)
        return error_response(request, status, code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return error_response(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal", "internal error (logged on the server)")
