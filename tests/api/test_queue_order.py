"""The queue: most urgent first (the database sorts on the running clock's due moment),
cases with no running clock last; a reviewer sees only their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from openimr.domain.bundle import CaseBundle

from .conftest import Client, bundle_dict


def test_overdue_first_then_soonest_then_no_clock(
    app: Any, login: Callable[[str | None], Client]
) -> None:
    svc = app.state.services.cases
    now = dt.datetime.now(dt.UTC)
    old = CaseBundle.model_validate(bundle_dict("CM99-1400041"))
    new = CaseBundle.model_validate(bundle_dict("CM99-1400042"))
    incomplete = bundle_dict("CM99-1400043")
    del incomplete["application"]["signed"]
    svc.open_case(old, "user:clerk", at=now - dt.timedelta(days=12))  # notice overdue
    svc.open_case(
        CaseBundle.model_validate(incomplete), "user:clerk", at=now - dt.timedelta(days=11)
    )  # stays received: no clock runs
    svc.open_case(new, "user:clerk", at=now - dt.timedelta(minutes=5))
    got = login("sup").get("/api/cases").json()
    assert [c["case_number"] for c in got] == ["CM99-1400041", "CM99-1400042", "CM99-1400043"]
    assert got[0]["deadline"]["overdue"] and not got[1]["deadline"]["overdue"]
    assert got[2]["deadline"] is None and got[2]["state"] == "received"
    assert login("dr-r01").get("/api/cases").json() == []
