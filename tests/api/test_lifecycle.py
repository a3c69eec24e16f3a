"""A fictional case from application to issued letter through the API, each step by the
role that does it, on SQLite and PostgreSQL; the audit log names the users."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Client, to_review, wait_job

EDITS = {
    "items": {
        "1": {
            "decision": "upheld",
            "rationale": "In the reviewer's own words: the fictional records show no focal "
            "deficit for the study to clarify. Not medically necessary.",
        },
        "2": {
            "decision": "upheld",
            "rationale": "In the reviewer's own words: no red flags and a normal examination, "
            "so imaging is not indicated. Not medically necessary.",
        },
    },
    "note": "both decisions stated in full",
}


def test_application_to_issued_letter(login: Callable[[str | None], Client]) -> None:
    cn = "CM99-1400001"
    rid, doc = to_review(login, cn)
    sup, clerk, aud = login("sup"), login("clerk"), login("aud")

    queue = doc.get("/api/cases").json()
    assert [c["case_number"] for c in queue] == [cn]
    assert queue[0]["deadline"]["label"] == "determination due"

    r = doc.post(f"/api/cases/{cn}/draft")
    assert r.status_code == 202, r.text
    job = wait_job(doc, r.json()["id"])
    assert job["state"] == "done", job

    items = doc.get(f"/api/cases/{cn}/items").json()
    assert {it["id"] for it in items} == {"1", "2"}
    assert all(it["decision"] in ("upheld", "overturned", "undetermined") for it in items)

    records = doc.get(f"/api/cases/{cn}/records").json()
    assert records and records[0]["text"]

    # the letter cannot be issued before the reviewer signs
    assert sup.post(f"/api/cases/{cn}/issue", json={"format": "text"}).status_code == 409

    r = doc.post(f"/api/cases/{cn}/sign", json=EDITS)
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "determined"

    r = sup.post(f"/api/cases/{cn}/issue", json={"format": "text"})
    assert r.status_code == 200, r.text
    letter = clerk.get(f"/api/cases/{cn}/letter?format=text")
    assert letter.status_code == 200
    assert cn in letter.text and "no focal deficit" in " ".join(letter.text.split())
    assert f"Dr {rid}" not in letter.text and f"dr-{rid.lower()}" not in letter.text

    events = aud.get(f"/api/audit?case={cn}").json()
    steps = [(e["actor"], e["action"]) for e in events if e["action"].startswith("state.")]
    assert steps == [
        ("user:clerk", "state.received"),
        ("user:clerk", "state.eligible"),
        ("user:sup", "state.assigned"),
        ("user:clerk", "state.records_complete"),
        (f"user:dr-{rid.lower()}", "state.in_review"),
        (f"user:dr-{rid.lower()}", "state.determined"),
        ("user:sup", "state.issued"),
    ]
    reads = {(e["actor"], e["action"]) for e in events}
    assert (f"user:dr-{rid.lower()}", "records.viewed") in reads
    assert (f"user:dr-{rid.lower()}", "items.viewed") in reads
    assert ("user:clerk", "letter.viewed") in reads
    v = aud.get("/api/audit/verify").json()
    assert v["ok"] and v["anchored"] == v["rows"], v


def test_every_case_read_is_audited_with_the_user(login: Callable[[str | None], Client]) -> None:
    cn = "CM99-1400002"
    rid, doc = to_review(login, cn)
    sup = login("sup")
    assert sup.get(f"/api/cases/{cn}").status_code == 200
    assert sup.get(f"/api/cases/{cn}/records").status_code == 200
    assert doc.get(f"/api/cases/{cn}").status_code == 200
    events = login("aud").get(f"/api/audit?case={cn}").json()
    got = [(e["actor"], e["action"]) for e in events if e["action"].endswith(".viewed")]
    assert got == [
        ("user:sup", "case.viewed"),
        ("user:sup", "records.viewed"),
        (f"user:dr-{rid.lower()}", "case.viewed"),
    ]
