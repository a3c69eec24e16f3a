"""Property: any valid case bundle survives FHIR export and import unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.intake.fhir import case_to_fhir, read_fhir
from openimr.intake.loader import parse_bundle

_words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ,.-()/0123456789"),
                 min_size=1, max_size=40).map(str.strip).filter(bool)


def _after(draw: st.DrawFn, day: dt.date, most: int) -> dt.date:
    return day + dt.timedelta(days=draw(st.integers(0, most)))


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    """Valid bundles only: dates in the order the contract checks (birth, injury, UR decision,
    application, assignment, records, decision), nothing in the future."""
    birth = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(1995, 12, 31)))
    injury = draw(st.dates(min_value=birth + dt.timedelta(days=18 * 366),
                           max_value=dt.date(2020, 12, 31)))
    ur = _after(draw, injury, 3 * 365)
    received = _after(draw, ur, 60)
    assigned = _after(draw, received, 30)
    chain = {"application_received": received, "assigned": assigned,
             "records_received": _after(draw, assigned, 30),
             "decision": _after(draw, assigned, 60)}
    n_req = draw(st.integers(1, 4))
    requests = []
    for i in range(n_req):
        decision = draw(st.sampled_from(["denied", "modified"]))
        req: dict[str, Any] = {"id": str(i + 1), "item": draw(_words), "ur_decision": decision}
        if draw(st.booleans()):
            req["ur_basis"] = draw(_words)
        if decision == "modified" and draw(st.booleans()):
            req["ur_authorized"] = draw(_words)
        requests.append(req)
    records = []
    for i in range(draw(st.integers(0, 3))):
        rec: dict[str, Any] = {"id": f"r{i}", "kind": draw(_words), "text": draw(_words) + "\n"}
        if draw(st.booleans()):
            rec["date"] = _after(draw, injury, (ur - injury).days)
        if draw(st.booleans()):
            rec["author"] = draw(_words)
        records.append(rec)
    patient: dict[str, Any] = {"sex": draw(st.sampled_from(["male", "female", "unknown"]))}
    if draw(st.booleans()):
        patient["date_of_birth"] = birth
    elif draw(st.booleans()):
        patient["age"] = draw(st.integers(18, 90))
    claim: dict[str, Any] = {
        "date_of_injury": injury,
        "body_parts": draw(st.lists(_words.map(str.lower), max_size=3, unique=True)),
        "providers": draw(st.lists(_words, max_size=3, unique=True)),
    }
    for key in ("employer", "claims_administrator"):
        if draw(st.booleans()):
            claim[key] = draw(_words)
    dates: dict[str, Any] = {"ur_denial": ur}
    for key, day in chain.items():
        if draw(st.booleans()):
            dates[key] = day
    return {"format": "openimr-case/1", "case_number": "CM" + draw(st.from_regex(
        r"[0-9]{2}-[0-9]{7}", fullmatch=True)), "priority": draw(st.sampled_from(
            ["standard", "expedited"])), "dates": dates, "patient": patient, "claim": claim,
        "records": records, "requests": requests}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_export_then_import_keeps_the_case(data: dict[str, Any]) -> None:
    b = parse_bundle(data)
    back = parse_bundle(read_fhir(case_to_fhir(b))[0])
    keep = {"intake"}
    assert back.model_dump(mode="json", exclude=keep) == b.model_dump(mode="json", exclude=keep)
