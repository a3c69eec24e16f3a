"""No lost update: two supervisors assigning the same case at once, or two sessions signing
at once, give exactly one success and one clear conflict (409), on both databases."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import Client, bundle_dict, to_review, wait_job


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        out[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return out


def test_two_supervisors_assign_the_same_case(
    login: Callable[[str | None], Client], app: Any
) -> None:
    cn = "CM99-1400021"
    app.state.services.accounts.add_user("sup2", "fictional-pass-1", "supervisor")
    clerk, a, b = login("clerk"), login("sup"), login("sup2")
    assert clerk.post("/api/cases", json={"bundle": bundle_dict(cn)}).status_code == 201
    results = race(
        [
            lambda: a.post(f"/api/cases/{cn}/assign", json={}),
            lambda: b.post(f"/api/cases/{cn}/assign", json={}),
        ]
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409], [r.text for r in results]
    loser = [r for r in results if r.status_code == 409][0]
    assert "someone else changed it first" in loser.json()["error"]["message"]
    events = login("aud").get(f"/api/audit?case={cn}").json()
    assert sum(e["action"] == "state.assigned" for e in events) == 1


def test_two_sessions_sign_at_once(login: Callable[[str | None], Client]) -> None:
    cn = "CM99-1400022"
    rid, doc = to_review(login, cn)
    assert wait_job(doc, doc.post(f"/api/cases/{cn}/draft").json()["id"])["state"] == "done"
    items = doc.get(f"/api/cases/{cn}/items").json()
    edits = {
        "items": {
            it["id"]: {"decision": "upheld", "rationale": "Fictional rationale."} for it in items
        },
        "note": "fictional",
    }
    doc2 = login(f"dr-{rid.lower()}")  # the same reviewer in a second browser
    results = race(
        [
            lambda: doc.post(f"/api/cases/{cn}/sign", json=edits),
            lambda: doc2.post(f"/api/cases/{cn}/sign", json=edits),
        ]
    )
    assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
    events = login("aud").get(f"/api/audit?case={cn}").json()
    assert sum(e["action"] == "state.determined" for e in events) == 1


def test_a_read_is_audited_while_a_writer_holds_the_case(
    login: Callable[[str | None], Client], app: Any
) -> None:
    """A writer holds the case row (as sign and assign do) while another user's read appends
    its audit event: the read's foreign key check must not wait for the writer. (Under
    ``FOR UPDATE`` it did, and a writer then waiting for the audit lock deadlocked.)"""
    if app.state.services.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: an audited read waits for any writer")
    cn = "CM99-1400023"
    clerk = login("clerk")
    assert clerk.post("/api/cases", json={"bundle": bundle_dict(cn)}).status_code == 201
    cases = app.state.services.cases
    held = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with cases._tx() as s:
            cases._row(s, cn)  # the row lock a writer takes first
            held.set()
            release.wait(30)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert held.wait(30)
        done: list[Any] = []
        reader = threading.Thread(target=lambda: done.append(cases.viewed(cn, "user:sup")))
        reader.start()
        reader.join(10)
        assert done, "the audited read waited for the writer's row lock"
    finally:
        release.set()
        t.join(30)
