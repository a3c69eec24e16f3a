"""Users and roles (administrators), and each user's own API tokens."""

from __future__ import annotations

from fastapi import APIRouter

from openimr.api.deps import CurrentUser, ServicesDep, require
from openimr.api.errors import ERROR_RESPONSES, ApiError
from openimr.api.schemas import RoleIn, TokenIn, TokenOut, UserIn, UserOut

router = APIRouter(tags=["users"], responses=ERROR_RESPONSES)


def user_out(p: object) -> UserOut:
    from openimr.accounts import Principal

    assert isinstance(p, Principal)
    return UserOut(
        username=p.username, display_name=p.display_name, role=p.role, reviewer_id=p.reviewer_id
    )


@router.get("/api/users", response_model=list[UserOut])
def list_users(svc: ServicesDep, user: CurrentUser) -> list[UserOut]:
    require(user, "admin")
    return [user_out(u) for u in svc.accounts.users()]


@router.post("/api/users", response_model=UserOut, status_code=201)
def add_user(body: UserIn, svc: ServicesDep, user: CurrentUser) -> UserOut:
    require(user, "admin")
    p = svc.accounts.add_user(
        body.username, body.password, body.role, body.display_name, body.reviewer_id
    )
    _audit(svc, user.actor, "user.added", {"username": p.username, "role": p.role})
    return user_out(p)


@router.post("/api/users/{username}/deactivate", response_model=UserOut)
def deactivate(username: str, svc: ServicesDep, user: CurrentUser) -> UserOut:
    require(user, "admin")
    svc.accounts.set_active(username, False)
    _audit(svc, user.actor, "user.deactivated", {"username": username})
    return user_out(svc.accounts.get_any(username))


def change_role(
    svc: object, admin: object, username: str, role: str, reviewer_id: str | None
) -> None:
    """An administrator gives a user another role; the change is an audit event (from, to)."""
    from openimr.accounts import Principal
    from openimr.api.deps import Services

    assert isinstance(svc, Services) and isinstance(admin, Principal)
    if username == admin.username:
        raise ApiError(409, "conflict", "you cannot change your own role")
    before = svc.accounts.set_role(username, role, reviewer_id)
    detail: dict[str, object] = {"username": username, "from": before, "to": role}
    if role == "reviewer":
        detail["reviewer_id"] = reviewer_id
    _audit(svc, admin.actor, "user.role_changed", detail)


@router.post("/api/users/{username}/role", response_model=UserOut)
def set_role(username: str, body: RoleIn, svc: ServicesDep, user: CurrentUser) -> UserOut:
    """Give a user another role (administrators; audited; the user's sessions end)."""
    require(user, "admin")
    change_role(svc, user, username, body.role, body.reviewer_id)
    return user_out(svc.accounts.get_any(username))


@router.post("/api/tokens", response_model=TokenOut, status_code=201)
def create_token(body: TokenIn, svc: ServicesDep, user: CurrentUser) -> TokenOut:
    """A token for a program acting as you (shown once; stored hashed)."""
    token_id, token = svc.accounts.create_token(user.username, body.name)
    _audit(svc, user.actor, "token.created", {"id": token_id, "name": body.name})
    return TokenOut(id=token_id, name=body.name, token=token)


@router.delete("/api/tokens/{token_id}", status_code=204)
def revoke_token(token_id: int, svc: ServicesDep, user: CurrentUser) -> None:
    owner = None if user.role == "admin" else user.username
    svc.accounts.revoke_token(token_id, owner)
    _audit(svc, user.actor, "token.revoked", {"id": token_id})


def _audit(svc: object, actor: str, action: str, detail: dict[str, object]) -> None:
    from openimr.api.deps import Services

    assert isinstance(svc, Services)
    svc.cases.record(actor, action, detail)
