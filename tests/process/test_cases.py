"""The case service over the store (SQLite and PostgreSQL), with a stand-in engine/renderer.

The real engine and letters are exercised by the end-to-end CLI test; here the draft is a
fixed Determination so each life-cycle rule is tested quickly and on both databases.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from openimr.domain.determination import Determination, ItemDecision, ReviewerCredentials
from openimr.intake import load_bundle
from openimr.process.cases import CaseService
from openimr.process.lifecycle import CaseError
from openimr.process.signoff import ItemEdit, SignEdits
from openimr.reviewers import load_panel

DATA = Path(__file__).parent / "data"
PT = dt.timezone(dt.timedelta(hours=-8))  # PST, the dates used here are in winter


def at(day: int, hour: int = 10, month: int = 11, year: int = 2013) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=PT)


def fake_decide(bundle: Any, **_: Any) -> Determination:
    return Determination(
        case_number=bundle.case_number,
        decision_date=dt.date(2013, 12, 10),
        date_of_injury=bundle.claim.date_of_injury,
        ur_denial_date=bundle.dates.ur_denial,
        reviewer=ReviewerCredentials(board_certification="X", licensed_in=["Y"]),
        clinical_case_summary="A fictional summary.",
        items=[
            ItemDecision(id="1", item="EMG", decision="upheld", rationale="Draft one."),
            ItemDecision(id="2", item="MRI", decision="undetermined", rationale="No topic."),
        ],
    )


def fake_render(det: Determination, fmt: str) -> str:
    return f"LETTER {det.case_number} {det.status} " + ",".join(i.decision for i in det.items)


@pytest.fixture
def svc(db_url: str) -> CaseService:
    return CaseService(db_url)


def bundle(**app_changes: Any):  # type: ignore[no-untyped-def]
    b = load_bundle(DATA / "case-e2e.yaml")
    if app_changes:
        assert b.application is not None
        b = b.model_copy(update={"application": b.application.model_copy(update=app_changes)})
    return b


def walk_to_review(svc: CaseService, case_bundle: Any = None) -> str:
    b = case_bundle or bundle()
    assert svc.open_case(b, "clerk", at=at(25)).outcome == "eligible"
    svc.assign(b.case_number, "clerk", "electronic", at=at(26))
    svc.records_complete(b.case_number, "clerk", at(6, 16, 12), at=at(6, 16, 12))
    svc.draft(b.case_number, at=at(10, 9, 12), decide_fn=fake_decide)
    return b.case_number


EDITS = SignEdits(
    items={"1": "accept", "2": ItemEdit(decision="upheld", rationale="Signed rationale.")}
)


def test_full_life_cycle_with_audit_trail(svc: CaseService) -> None:
    cn = walk_to_review(svc)
    rid = svc.get(cn).reviewer_id
    assert rid == "R03"  # R02 is tied to the claims administrator; R03 has the least work
    svc.view_records(cn, f"reviewer:{rid}", at=at(10, 9, 12))
    signed = svc.sign(cn, rid, EDITS, at=dt.datetime(2013, 12, 10, 10, 30, tzinfo=PT))
    assert signed.status == "signed" and signed.decision_date == dt.date(2013, 12, 10)
    assert [i.decision for i in signed.items] == ["upheld", "upheld"]
    letter = svc.issue(cn, "text", "clerk", at=at(11, 9, 12), render_fn=fake_render)
    assert letter == "LETTER CM99-0600001 signed upheld,upheld"
    row = svc.get(cn)
    assert row.state == "issued" and row.review_seconds == 90 * 60
    assert row.signed_by == rid and row.letter_sha256 and len(row.letter_sha256) == 64
    changes = json.loads(row.changes_json or "{}")["changes"]
    assert {(c["item"], c["field"]) for c in changes} == {("2", "decision"), ("2", "rationale")}
    ev = svc.events(cn)
    assert [e.action for e in ev] == [
        "state.received", "state.eligible", "state.assigned", "state.records_complete",
        "state.in_review", "records.viewed", "item.edited", "item.edited",
        "state.determined", "state.issued",
    ]  # fmt: skip
    assert [e.actor for e in ev][-4:] == [f"reviewer:{rid}"] * 3 + ["clerk"]
    assert all(a.at <= b.at for a, b in zip(ev, ev[1:], strict=False))
    assert svc.verify_audit().ok


def test_a_draft_is_never_issued(svc: CaseService) -> None:
    cn = walk_to_review(svc)
    with pytest.raises(CaseError, match="a draft is never issued"):
        svc.issue(cn, "text", "clerk", render_fn=fake_render)
    assert svc.get(cn).state == "in_review"


def test_only_the_assigned_reviewer_signs(svc: CaseService) -> None:
    cn = walk_to_review(svc)
    with pytest.raises(CaseError, match="only the assigned reviewer"):
        svc.sign(cn, "R01", EDITS)


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (SignEdits(items={"1": "accept"}), "items 2 are neither accepted nor edited"),
        (SignEdits(accept_all=True), "item 2 is undetermined"),
        (
            SignEdits(items={"1": "accept", "2": ItemEdit(decision="overturned")}),
            "needs a rationale",
        ),
        (SignEdits(items={"9": "accept"}, accept_all=True), "item(s) 9"),
    ],
)
def test_sign_refuses_incomplete_edits(svc: CaseService, edits: SignEdits, message: str) -> None:
    cn = walk_to_review(svc)
    rid = svc.get(cn).reviewer_id
    assert rid is not None
    with pytest.raises(CaseError, match=message.replace("(", r"\(").replace(")", r"\)")):
        svc.sign(cn, rid, edits)
    assert svc.get(cn).state == "in_review"
    assert svc.get(cn).determination_json is None


def test_ineligible_case_stops(svc: CaseService) -> None:
    b = bundle(signed=False)
    r = svc.open_case(b, "clerk", at=at(25))
    assert r.outcome == "ineligible" and "not signed" in r.reasons[0]
    with pytest.raises(CaseError, match="cannot go from 'ineligible' to 'assigned'"):
        svc.assign(b.case_number, "clerk")


def test_incomplete_screen_stays_received_until_corrected(svc: CaseService) -> None:
    b = bundle(signed=None)
    assert svc.open_case(b, "clerk", at=at(25)).outcome == "incomplete"
    assert svc.get(b.case_number).state == "received"
    assert svc.screen(b.case_number, "clerk", bundle(), at=at(26)).outcome == "eligible"
    actions = [e.action for e in svc.events(b.case_number)]
    assert actions == [
        "state.received", "eligibility.incomplete", "bundle.replaced", "state.eligible"
    ]  # fmt: skip


def test_terminated_when_treatment_is_authorised(svc: CaseService) -> None:
    b = bundle()
    svc.open_case(b, "clerk", at=at(25))
    svc.assign(b.case_number, "clerk")
    svc.terminate(b.case_number, "clerk", "claims administrator authorised the treatment")
    with pytest.raises(CaseError, match="final state"):
        svc.records_complete(b.case_number, "clerk")


def test_duplicate_case_is_refused(svc: CaseService) -> None:
    svc.open_case(bundle(), "clerk", at=at(25))
    with pytest.raises(CaseError, match="already exists"):
        svc.open_case(bundle(), "clerk", at=at(25))


def test_unknown_case(svc: CaseService) -> None:
    with pytest.raises(CaseError, match="no such case"):
        svc.get("CM00-0000000")


def test_workload_from_the_store_and_reassignment(svc: CaseService) -> None:
    first = bundle()
    second = first.model_copy(update={"case_number": "CM99-0600002"})
    svc.open_case(first, "clerk", at=at(25))
    svc.open_case(second, "clerk", at=at(25))
    a = svc.assign(first.case_number, "clerk").reviewer.id
    b = svc.assign(second.case_number, "clerk").reviewer.id
    assert (a, b) == ("R03", "R06")  # R03 now carries 3 open cases, R06 2
    again = svc.assign(first.case_number, "clerk", reason="reviewer recused")
    assert again.reviewer.id != "R03"
    assert dict(again.excluded)["R03"].startswith("re-assigned away: reviewer recused")


def test_export_never_names_the_reviewer(svc: CaseService) -> None:
    cn = walk_to_review(svc)
    rid = svc.get(cn).reviewer_id
    assert rid is not None
    svc.sign(cn, rid, EDITS)
    svc.issue(cn, "text", "clerk", render_fn=fake_render)
    reviewer = load_panel().get(rid)
    out = json.dumps(svc.export(cn))
    assert reviewer.name and reviewer.name not in out
    assert f'"{rid}"' not in out and f"reviewer:{rid}" not in out
    assert '"board_certification": "Orthopedic Surgery"' in out


def test_deadlines_by_urgency(svc: CaseService) -> None:
    # events in time order: the audit log refuses one written before the last (issue 14)
    standard = bundle()
    urgent = standard.model_copy(update={"case_number": "CM99-0600003", "priority": "expedited"})
    third = standard.model_copy(update={"case_number": "CM99-0600004"})
    svc.open_case(standard, "clerk", at=at(25))
    svc.open_case(urgent, "clerk", at=at(25))
    svc.open_case(third, "clerk", at=at(25))  # eligible: notice due 11/26
    svc.assign(standard.case_number, "clerk", "electronic", at=at(26))  # records due 12/9
    svc.assign(urgent.case_number, "clerk", "electronic", at=at(26))  # records due 11/27 10:00
    got = svc.deadlines(now=at(28, 12))
    assert [(d.case_number, d.overdue) for d in got] == [
        ("CM99-0600004", True),
        ("CM99-0600003", True),
        ("CM99-0600001", False),
    ]
    assert got[0].days_left == -2 and got[2].deadline.due == dt.date(2013, 12, 9)


def test_split_case_records_the_primary_and_names_the_others(svc: CaseService) -> None:
    """No one reviewer fits lumbar EMG and psychotherapy: the store keeps the primary as the
    assigned reviewer, the others (with their items) in the selection and the audit detail,
    and the draft's letter data carries their credentials only."""
    b = bundle()
    b = b.model_copy(
        update={
            "requests": [
                *b.requests,
                b.requests[0].model_copy(update={"id": "3", "item": "Psychotherapy x6"}),
            ]
        }
    )
    svc.open_case(b, "clerk", at=at(25))
    sel = svc.assign(b.case_number, "clerk", at=at(26))
    assert sel.split
    extra = sel.assignments[1]
    assert extra.items == ["3"] and extra.reviewer.board_certification in (
        "Psychiatry",
        "Psychology",
    )
    assert svc.get(b.case_number).reviewer_id == sel.reviewer.id
    audit_text = json.dumps([e.detail for e in svc.events(b.case_number)])
    assert extra.reviewer.id in audit_text and "additional_reviewers" in audit_text
    svc.records_complete(b.case_number, "clerk", at(6, 16, 12), at=at(6, 16, 12))
    det = svc.draft(b.case_number, at=at(10, 9, 12), decide_fn=fake_decide)
    assert [r.items for r in det.additional_reviewers] == [["3"]]
    assert extra.reviewer.id not in det.model_dump_json()
