"""Users, sessions, tokens and throttling, all in the database (no state in a process)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openimr.errors import OpenIMRError
from openimr.store import session_factory
from openimr.store.web_tables import (
    ROLES,
    ApiTokenRow,
    LoginAttemptRow,
    UserRow,
    WebSessionRow,
)

SESSION_HOURS = 12
THROTTLE_FAILURES = 5  # failed logins of one user name ...
THROTTLE_WINDOW = dt.timedelta(minutes=15)  # ... within this window lock it for the window
MIN_PASSWORD = 10

_HASHER = PasswordHasher()  # Argon2id with the library's current parameters
# Compared against when the user does not exist, so a login takes as long either way.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AccountError(OpenIMRError):
    """A refused account operation (unknown user, bad role, weak password, bad login...)."""


class LoginThrottled(AccountError):
    """Too many failed logins for this user name: wait, then try again."""


@dataclass(frozen=True)
class Principal:
    """Who is acting: the audit log's actor is ``user:<username>``."""

    user_id: int
    username: str
    display_name: str
    role: str
    reviewer_id: str | None
    csrf_token: str | None = None  # set for a browser session, None for an API token

    @property
    def actor(self) -> str:
        return f"user:{self.username}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _utc(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _principal(u: UserRow, csrf: str | None = None) -> Principal:
    return Principal(u.id, u.username, u.display_name, u.role, u.reviewer_id, csrf)


class Accounts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    # -- users ----------------------------------------------------------------------------
    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        display_name: str | None = None,
        reviewer_id: str | None = None,
    ) -> Principal:
        if role not in ROLES:
            raise AccountError(f"role {role!r} is not one of: {', '.join(ROLES)}")
        if not username or not username.replace("-", "").replace("_", "").isalnum():
            raise AccountError(f"user name {username!r}: letters, digits, - and _ only")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password: at least {MIN_PASSWORD} characters")
        if role == "reviewer" and not reviewer_id:
            raise AccountError("a reviewer account needs --reviewer-id (the panel id)")
        try:
            with self._tx() as s:
                u = UserRow(
                    username=username,
                    display_name=display_name or username,
                    role=role,
                    reviewer_id=reviewer_id if role == "reviewer" else None,
                    password_hash=_HASHER.hash(password),
                    active=True,
                    created_at=dt.datetime.now(dt.UTC),
                )
                s.add(u)
                s.flush()
                return _principal(u)
        except IntegrityError:
            raise AccountError(
                f"user {username!r} (or reviewer id {reviewer_id!r}) already exists"
            ) from None

    def users(self) -> list[Principal]:
        with self._sessions() as s:
            return [
                _principal(u)
                for u in s.execute(select(UserRow).order_by(UserRow.username)).scalars()
            ]

    def count(self) -> int:
        with self._sessions() as s:
            return int(s.execute(select(func.count()).select_from(UserRow)).scalar_one())

    def get(self, username: str) -> Principal:
        with self._sessions() as s:
            u = s.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
            if u is None or not u.active:
                raise AccountError(f"no active user {username!r}")
            return _principal(u)

    def get_any(self, username: str) -> Principal:
        """The user, active or not."""
        with self._sessions() as s:
            u = s.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
            if u is None:
                raise AccountError(f"no user {username!r}")
            return _principal(u)

    def set_active(self, username: str, active: bool) -> None:
        with self._tx() as s:
            u = s.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
            if u is None:
                raise AccountError(f"no user {username!r}")
            u.active = active
            if not active:
                s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == u.id))

    def set_role(self, username: str, role: str, reviewer_id: str | None = None) -> str:
        """Give ``username`` another role; returns the role it had. A reviewer needs the panel
        id it reviews as; any other role drops it. The user's open sessions end (they log in
        again under the new role)."""
        if role not in ROLES:
            raise AccountError(f"role {role!r} is not one of: {', '.join(ROLES)}")
        if role == "reviewer" and not reviewer_id:
            raise AccountError("a reviewer account needs a reviewer id (the panel id)")
        try:
            with self._tx() as s:
                u = s.execute(
                    select(UserRow).where(UserRow.username == username).with_for_update()
                ).scalar_one_or_none()
                if u is None:
                    raise AccountError(f"no user {username!r}")
                before = u.role
                u.role = role
                u.reviewer_id = reviewer_id if role == "reviewer" else None
                s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == u.id))
                return before
        except IntegrityError:
            raise AccountError(f"reviewer id {reviewer_id!r} belongs to another user") from None

    def purge_expired_sessions(self, now: dt.datetime | None = None) -> int:
        """Delete the sessions past their expiry (an expired one is refused anyway; this keeps
        the table to the live ones). Returns how many went."""
        when = now or dt.datetime.now(dt.UTC)
        with self._tx() as s:
            result = s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < when))
            return int(getattr(result, "rowcount", 0) or 0)

    # -- login ----------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, client: str | None = None) -> Principal:
        """Check a password; throttled per user name; every attempt is recorded."""
        now = dt.datetime.now(dt.UTC)
        with self._tx() as s:
            failures = s.execute(
                select(func.count())
                .select_from(LoginAttemptRow)
                .where(
                    LoginAttemptRow.username == username,
                    LoginAttemptRow.ok.is_(False),
                    LoginAttemptRow.at > now - THROTTLE_WINDOW,
                )
            ).scalar_one()
            if failures >= THROTTLE_FAILURES:
                raise LoginThrottled(
                    f"too many failed logins for {username!r}: try again in "
                    f"{int(THROTTLE_WINDOW.total_seconds() // 60)} minutes"
                )
            u = s.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
            ok = False
            try:
                ok = _HASHER.verify(u.password_hash if u else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                ok = False
            ok = bool(ok and u is not None and u.active)
            s.add(LoginAttemptRow(username=username[:64], client=client, ok=ok, at=now))
            if u is not None and ok and _HASHER.check_needs_rehash(u.password_hash):
                u.password_hash = _HASHER.hash(password)
            principal = _principal(u) if ok and u is not None else None
        if principal is None:
            raise AccountError("wrong user name or password")
        return principal

    def open_session(self, principal: Principal) -> tuple[str, Principal]:
        """A new login session: the cookie's token (only its hash is stored) and the principal
        with the session's CSRF token."""
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        now = dt.datetime.now(dt.UTC)
        with self._tx() as s:
            # each login clears the expired sessions (by the index on expires_at: cheap)
            s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
            s.add(
                WebSessionRow(
                    token_hash=_digest(token),
                    user_id=principal.user_id,
                    csrf_token=csrf,
                    created_at=now,
                    expires_at=now + dt.timedelta(hours=SESSION_HOURS),
                )
            )
        return token, Principal(
            principal.user_id,
            principal.username,
            principal.display_name,
            principal.role,
            principal.reviewer_id,
            csrf,
        )

    def session_user(self, token: str) -> Principal | None:
        now = dt.datetime.now(dt.UTC)
        with self._sessions() as s:
            found = s.execute(
                select(WebSessionRow, UserRow)
                .join(UserRow, UserRow.id == WebSessionRow.user_id)
                .where(WebSessionRow.token_hash == _digest(token))
            ).first()
            if found is None:
                return None
            sess, u = found
            if _utc(sess.expires_at) < now or not u.active:
                return None
            return _principal(u, sess.csrf_token)

    def close_session(self, token: str) -> None:
        with self._tx() as s:
            s.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == _digest(token)))

    # -- API tokens -----------------------------------------------------------------------
    def create_token(self, username: str, name: str) -> tuple[int, str]:
        """A new API token for ``username``: (id, the token, shown once)."""
        token = "oimr_" + secrets.token_urlsafe(32)
        with self._tx() as s:
            u = s.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
            if u is None:
                raise AccountError(f"no user {username!r}")
            row = ApiTokenRow(
                user_id=u.id,
                name=name,
                token_hash=_digest(token),
                created_at=dt.datetime.now(dt.UTC),
            )
            s.add(row)
            s.flush()
            return row.id, token

    def revoke_token(self, token_id: int, username: str | None = None) -> None:
        with self._tx() as s:
            row = s.get(ApiTokenRow, token_id)
            if row is None:
                raise AccountError(f"no API token {token_id}")
            if username is not None:
                owner = s.get(UserRow, row.user_id)
                if owner is None or owner.username != username:
                    raise AccountError(f"no API token {token_id} of {username!r}")
            row.revoked_at = dt.datetime.now(dt.UTC)

    def token_user(self, token: str) -> Principal | None:
        with self._sessions() as s:
            found = s.execute(
                select(ApiTokenRow, UserRow)
                .join(UserRow, UserRow.id == ApiTokenRow.user_id)
                .where(ApiTokenRow.token_hash == _digest(token))
            ).first()
            if found is None:
                return None
            tok, u = found
            if tok.revoked_at is not None or not u.active:
                return None
            return _principal(u)
