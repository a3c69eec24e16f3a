from typing import Any

import pytest

from openimr.domain.bundle import CaseBundle
from openimr.process.eligibility import check_eligibility, eligible_bundle


def make(app: dict[str, Any] | None = "default", **top: Any) -> CaseBundle:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "format": "openimr-case/1",
        "case_number": "CM99-0000002",
        "dates": {"ur_denial": "2013-11-08", "application_received": "2013-11-25"},
        "claim": {"date_of_injury": "2013-04-25"},
        "records": [
            {"id": "ur", "kind": "UR determination", "text": "Request non-certified."},
        ],
        "requests": [{"id": "1", "item": "Norco 10/325 mg #60"}, {"id": "2", "item": "MRI"}],
    }
    if app == "default":
        app = {
            "signed": True,
            "signed_by": "employee",
            "signature_date": "2013-11-20",
            "ur_service_method": "mail",
            "ur_letter_attached": True,
            "dispute": "treatment",
        }
    if app is not None:
        data["application"] = app
    data.update(top)
    return CaseBundle.model_validate(data)


def with_app(**changes: Any) -> CaseBundle:
    app = {
        "signed": True,
        "signed_by": "employee",
        "signature_date": "2013-11-20",
        "ur_service_method": "mail",
        "ur_letter_attached": True,
        "dispute": "treatment",
    }
    app.update(changes)
    return make(app)


@pytest.mark.parametrize(
    ("bundle", "outcome", "failing", "phrase"),
    [
        (with_app(), "eligible", [], ""),
        (with_app(signed=False), "ineligible", ["signed"], "not signed"),
        (with_app(signature_date="2013-11-01"), "ineligible", ["signed"], "before the UR"),
        # UR served 11/08 by mail: due 12/13; electronic service: due 12/09 (12/08 is Sunday)
        (with_app(received="2013-12-13"), "eligible", [], ""),
        (with_app(received="2013-12-16"), "ineligible", ["timely"], "late by 3 day(s)"),
        (
            with_app(received="2013-12-10", ur_service_method="electronic"),
            "ineligible",
            ["timely"],
            "late by 1 day(s)",
        ),
        (with_app(received="2013-12-09", ur_service_method="electronic"), "eligible", [], ""),
        # faxed at 6 pm on the last day: counts as filed the next business day
        (
            with_app(
                received="2013-12-09T18:00:00", filing_method="fax", ur_service_method="electronic"
            ),
            "ineligible",
            ["timely"],
            "filed 2013-12-10",
        ),
        (
            with_app(
                received="2013-12-09T18:00:00", filing_method="mail", ur_service_method="electronic"
            ),
            "eligible",
            [],
            "",
        ),
        (with_app(ur_served="2013-11-12", received="2013-12-16"), "eligible", [], ""),
        (with_app(ur_letter_attached=False), "ineligible", ["ur_letter"], "not attached"),
        (
            with_app(ur_conditional_noncertification=True),
            "ineligible",
            ["not_conditional"],
            "conditional non-certification",
        ),
        (
            with_app(prior_imr=[{"case_number": "CM13-0000001", "decided": "2013-06-01"}]),
            "ineligible",
            ["not_decided"],
            "already decided by IMR CM13-0000001",
        ),
        (
            with_app(dispute="liability", liability_issue="injury denied (AOE/COE)"),
            "ineligible",
            ["treatment_dispute"],
            "AOE/COE",
        ),
        (
            with_app(signed=False, ur_letter_attached=False, dispute="liability"),
            "ineligible",
            ["signed", "ur_letter", "treatment_dispute"],
            "",
        ),
        (make(None), "incomplete", [], "does not say whether it is signed"),
        (with_app(signed=None), "incomplete", [], "does not say whether it is signed"),
        (with_app(ur_service_method=None), "incomplete", [], "how the UR decision was served"),
    ],
)
def test_eligibility_table(
    bundle: CaseBundle, outcome: str, failing: list[str], phrase: str
) -> None:
    r = check_eligibility(bundle)
    assert r.outcome == outcome, r.reasons
    assert [c.code for c in r.checks if c.status == "fail"] == failing
    if phrase:
        assert any(phrase in reason for reason in r.reasons), r.reasons


def test_ur_letter_inferred_from_records_and_conditional_from_its_text() -> None:
    b = with_app(ur_letter_attached=None)
    assert check_eligibility(b).outcome == "eligible"
    b2 = make(
        {"signed": True, "ur_service_method": "mail", "dispute": "treatment"},
        records=[
            {
                "id": "ur",
                "kind": "utilization review letter",
                "text": "The request is conditionally non-certified pending records.",
            }
        ],
    )
    r = check_eligibility(b2)
    assert r.outcome == "ineligible"
    assert "conditional non-certification" in r.reasons[0]
    b3 = make({"signed": True, "ur_service_method": "mail", "dispute": "treatment"}, records=[])
    assert "no UR decision letter" in " ".join(check_eligibility(b3).reasons)


def test_prior_imr_of_some_requests_leaves_the_rest() -> None:
    b = with_app(prior_imr=[{"case_number": "CM13-0000001", "requests": ["2"]}])
    r = check_eligibility(b)
    assert r.outcome == "eligible"
    assert set(r.ineligible_requests) == {"2"}
    assert [q.id for q in eligible_bundle(b, r).requests] == ["1"]


def test_to_dict_is_json_ready() -> None:
    import json

    assert json.loads(json.dumps(check_eligibility(with_app()).to_dict()))["outcome"] == "eligible"
