"""Accounts, roles, CSRF, throttling, API tokens; a reviewer reaches only their own cases;
a determination changed after signing is never issued."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from .conftest import PASSWORD, Client, to_review, wait_job


def other_reviewer(rid: str) -> str:
    return "dr-r01" if rid != "R01" else "dr-r02"


def test_a_reviewer_cannot_open_or_sign_another_reviewers_case(
    login: Callable[[str | None], Client],
) -> None:
    cn = "CM99-1400011"
    rid, doc = to_review(login, cn)
    intruder = login(other_reviewer(rid))
    assert intruder.get("/api/cases").json() == []  # not in their queue
    for r in (
        intruder.get(f"/api/cases/{cn}"),
        intruder.get(f"/api/cases/{cn}/records"),
        intruder.post(f"/api/cases/{cn}/draft"),
        intruder.post(f"/api/cases/{cn}/sign", json={"accept_all": True}),
    ):
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "forbidden"
    events = login("aud").get(f"/api/audit?case={cn}").json()
    refused = [e for e in events if e["action"] == "access.refused"]
    assert len(refused) == 4
    assert {e["actor"] for e in refused} == {f"user:{other_reviewer(rid)}"}
    assert not any(
        e["action"].endswith(".viewed") and e["actor"] != f"user:dr-{rid.lower()}" for e in events
    )


def test_roles_are_enforced(login: Callable[[str | None], Client]) -> None:
    cn = "CM99-1400012"
    to_review(login, cn)
    clerk, aud, root = login("clerk"), login("aud"), login("root")
    assert clerk.get(f"/api/cases/{cn}/records").status_code == 403  # intake: no records
    assert clerk.post(f"/api/cases/{cn}/assign", json={}).status_code == 403
    assert aud.get(f"/api/cases/{cn}").status_code == 403  # auditor: audit only
    assert aud.get("/api/audit").status_code == 200
    assert clerk.get("/api/audit").status_code == 403
    assert clerk.get("/api/users").status_code == 403
    assert root.get("/api/users").status_code == 200
    r = root.post("/api/users", json={"username": "newbie", "password": "short", "role": "intake"})
    assert r.status_code == 400 and "at least" in r.json()["error"]["message"]


def test_posts_with_the_session_cookie_need_the_csrf_token(
    login: Callable[[str | None], Client],
) -> None:
    clerk = login("clerk")
    from .conftest import bundle_dict

    r = clerk.post("/api/cases", json={"bundle": bundle_dict("CM99-1400013")}, csrf=False)
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = clerk.http.post(
        "/api/cases",
        json={"bundle": bundle_dict("CM99-1400013")},
        headers={"X-CSRF-Token": "forged"},
    )
    assert r.status_code == 403
    # a forged HTML form post (no token field) is refused too
    r = clerk.http.post("/cases/CM99-1400013/terminate", data={"reason": "forged"})
    assert r.status_code == 403
    assert clerk.get("/api/cases/CM99-1400013").status_code == 404  # nothing was opened


def test_session_cookie_is_httponly_and_samesite(app: Any) -> None:
    from fastapi.testclient import TestClient

    r = TestClient(app).post("/api/login", json={"username": "clerk", "password": PASSWORD})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_login_is_throttled(login: Callable[[str | None], Client], app: Any) -> None:
    from fastapi.testclient import TestClient

    http = TestClient(app)
    for _ in range(5):
        r = http.post("/api/login", json={"username": "clerk", "password": "wrong-password"})
        assert r.status_code == 400
    r = http.post("/api/login", json={"username": "clerk", "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_requests"


def test_api_tokens_work_and_can_be_revoked(
    login: Callable[[str | None], Client], app: Any
) -> None:
    from fastapi.testclient import TestClient

    sup = login("sup")
    r = sup.post("/api/tokens", json={"name": "nightly report"})
    assert r.status_code == 201
    token, token_id = r.json()["token"], r.json()["id"]
    prog = TestClient(app)
    bearer = {"Authorization": f"Bearer {token}"}
    assert prog.get("/api/cases", headers=bearer).status_code == 200
    # programs need no CSRF token: a browser never sends the Bearer header on its own
    assert prog.post("/api/cases/NOPE/assign", json={}, headers=bearer).status_code == 404
    with app.state.services.sessions() as s:
        stored = s.execute(text("SELECT token_hash FROM api_tokens")).scalar_one()
    assert token not in stored
    assert (
        sup.http.delete(f"/api/tokens/{token_id}", headers={"X-CSRF-Token": sup.csrf}).status_code
        == 204
    )
    assert prog.get("/api/cases", headers=bearer).status_code == 401


def test_passwords_are_stored_as_argon2_hashes(app: Any) -> None:
    with app.state.services.sessions() as s:
        hashes = list(s.execute(text("SELECT password_hash FROM users")).scalars())
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_a_tampered_determination_is_refused_at_issue(
    login: Callable[[str | None], Client], app: Any
) -> None:
    cn = "CM99-1400014"
    rid, doc = to_review(login, cn)
    job = wait_job(doc, doc.post(f"/api/cases/{cn}/draft").json()["id"])
    assert job["state"] == "done", job
    items = doc.get(f"/api/cases/{cn}/items").json()
    edits: dict[str, Any] = {
        "items": {
            it["id"]: {"decision": "upheld", "rationale": "Fictional rationale, not necessary."}
            for it in items
        },
        "note": "fictional override for the test",
    }
    assert doc.post(f"/api/cases/{cn}/sign", json=edits).status_code == 200
    with app.state.services.sessions() as s, s.begin():
        s.execute(
            text(
                "UPDATE cases SET determination_json = "
                "replace(determination_json, '\"upheld\"', '\"overturned\"') "
                "WHERE case_number = :cn"
            ),
            {"cn": cn},
        )
    sup = login("sup")
    r = sup.post(f"/api/cases/{cn}/issue", json={"format": "text"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "tampered", r.text
    detail = sup.get(f"/api/cases/{cn}").json()
    assert detail["state"] == "determined" and detail["issued_at"] is None


def test_overriding_a_decision_needs_a_reason(login: Callable[[str | None], Client]) -> None:
    cn = "CM99-1400015"
    rid, doc = to_review(login, cn)
    assert wait_job(doc, doc.post(f"/api/cases/{cn}/draft").json()["id"])["state"] == "done"
    items = doc.get(f"/api/cases/{cn}/items").json()
    flip = {"upheld": "overturned", "overturned": "upheld", "undetermined": "upheld"}
    edits: dict[str, Any] = {
        "items": {
            it["id"]: {"decision": flip[it["decision"]], "rationale": "Fictional rationale."}
            for it in items
        }
    }
    r = doc.post(f"/api/cases/{cn}/sign", json=edits)
    assert r.status_code == 422 and "reason" in r.json()["error"]["message"]
    edits["note"] = "the fictional records show otherwise"
    assert doc.post(f"/api/cases/{cn}/sign", json=edits).status_code == 200
    events = login("aud").get(f"/api/audit?case={cn}").json()
    signed = [e for e in events if e["action"] == "state.determined"][0]
    assert signed["detail"]["note"] == "the fictional records show otherwise"
    assert len(signed["detail"]["determination_sha256"]) == 64
    assert sum(e["action"] == "item.edited" for e in events) >= len(items)


def test_an_admin_changes_a_users_role_and_it_is_audited(
    login: Callable[[str | None], Client], app: Any
) -> None:
    """Only an administrator changes roles; the user's sessions end, the new role holds at
    once, the change is an audit event naming the admin, from and to; a reviewer role needs a
    panel id; an admin cannot change their own role."""
    clerk = login("clerk")
    assert clerk.get("/api/cases").status_code == 200
    assert clerk.get("/api/audit").status_code == 403
    assert clerk.post("/api/users/aud/role", json={"role": "admin"}).status_code == 403
    root = login("root")
    r = root.post("/api/users/clerk/role", json={"role": "auditor"})
    assert r.status_code == 200 and r.json()["role"] == "auditor", r.text
    assert clerk.get("/api/cases").status_code == 401  # the old session ended
    again = login("clerk")
    assert again.get("/api/audit").status_code == 200
    assert again.get("/api/cases").status_code == 403
    events = login("aud").get("/api/audit").json()
    changed = [e for e in events if e["action"] == "user.role_changed"]
    assert len(changed) == 1 and changed[0]["actor"] == "user:root"
    assert changed[0]["detail"] == {"username": "clerk", "from": "intake", "to": "auditor"}
    assert root.post("/api/users/clerk/role", json={"role": "reviewer"}).status_code == 400
    assert root.post("/api/users/root/role", json={"role": "intake"}).status_code == 409
    assert root.post("/api/users/nobody/role", json={"role": "intake"}).status_code in (400, 404)


def test_expired_sessions_are_cleaned_up(app: Any) -> None:
    """An expired session is refused, and removed: by the next login, or by the purge."""
    import datetime as dt

    acc = app.state.services.accounts
    engine = app.state.services.engine
    token, _ = acc.open_session(acc.authenticate("sup", PASSWORD))
    stale, _ = acc.open_session(acc.authenticate("clerk", PASSWORD))
    with engine.begin() as c:
        c.execute(
            text("UPDATE web_sessions SET expires_at = :t WHERE user_id = :u"),
            {"t": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1), "u": acc.get("clerk").user_id},
        )
    assert acc.session_user(stale) is None
    acc.open_session(acc.authenticate("aud", PASSWORD))  # a login clears the expired ones
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM web_sessions")).scalar_one() == 2
    assert acc.session_user(token) is not None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    assert acc.purge_expired_sessions(later) == 2
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM web_sessions")).scalar_one() == 0
