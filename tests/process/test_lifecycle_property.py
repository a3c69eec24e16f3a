"""Property: whatever order the steps are tried in, a letter is issued only for a signed
determination, every refused step leaves the state unchanged, and the audit chain holds."""

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from openimr.errors import OpenIMRError
from openimr.intake import load_bundle
from openimr.process.cases import CaseService
from openimr.process.lifecycle import TRANSITIONS
from openimr.process.signoff import ItemEdit, SignEdits

from .test_cases import fake_decide, fake_render

DATA = Path(__file__).parent / "data"
STEPS = ["assign", "records", "draft", "sign_wrong", "sign", "issue", "terminate", "screen"]
EDITS = SignEdits(items={"1": "accept", "2": ItemEdit(decision="upheld", rationale="R.")})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=10))
@example(steps=["assign", "records", "draft", "issue", "sign_wrong", "sign", "issue"])
def test_property_no_unsigned_letter(tmp_path_factory, steps: list[str]) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("life") / "c.sqlite"
    svc = CaseService(f"sqlite:///{db}")
    b = load_bundle(DATA / "case-e2e.yaml")
    cn = b.case_number
    t = dt.datetime(2013, 11, 25, 10, tzinfo=dt.UTC)
    svc.open_case(b, "clerk", at=t)
    for i, step in enumerate(steps):
        now = t + dt.timedelta(hours=i + 1)
        before = svc.get(cn).state
        try:
            if step == "assign":
                svc.assign(cn, "clerk", at=now)
            elif step == "records":
                svc.records_complete(cn, "clerk", now, at=now)
            elif step == "draft":
                svc.draft(cn, at=now, decide_fn=fake_decide)
            elif step == "sign_wrong":
                svc.sign(cn, "NOT-ASSIGNED", EDITS, at=now)
            elif step == "sign":
                svc.sign(cn, svc.get(cn).reviewer_id or "none", EDITS, at=now)
            elif step == "issue":
                letter = svc.issue(cn, "text", "clerk", at=now, render_fn=fake_render)
                assert "signed" in str(letter)
            elif step == "terminate":
                svc.terminate(cn, "clerk", "authorised", at=now)
            elif step == "screen":
                svc.screen(cn, "clerk", at=now)
        except OpenIMRError:
            assert svc.get(cn).state == before  # a refused step changes nothing
            continue
        after = svc.get(cn).state
        assert after == before or after in TRANSITIONS[before]
    row = svc.get(cn)
    if row.state == "issued":
        assert row.signed_at is not None and row.signed_by == row.reviewer_id
    states = [e.detail["to"] for e in svc.events(cn) if e.action.startswith("state.")
              and "to" in e.detail]  # fmt: skip
    assert "issued" not in states or states.index("determined") < states.index("issued")
    assert svc.verify_audit().ok
    svc.engine.dispose()
