"""Cases the guideline does not support, each with a wording that once overturned it on a
single weak or default hit, beside the case the guideline does support. Fictional records."""

from __future__ import annotations

import openimr
from openimr.domain import CaseBundle, ItemDecision


def _decide(item: str, text: str, injured: str = "2016-03-01") -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-unsupported",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 45, "sex": "female"},
            "claim": {"date_of_injury": injured},
            "records": [
                {"id": "pr1", "date": "2016-11-01", "kind": "progress report", "text": text}
            ],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


def test_carisoprodol_is_not_recommended_even_with_spasm() -> None:
    # CPMTG 2009 p. 29: its own section, not the short course of the other muscle relaxants
    got = _decide("Soma 350mg #60", "Acute flare of low back pain with spasm. Plan: Soma.")
    assert got.topic == "cpmtg2009.carisoprodol"
    assert got.decision == "upheld", got.rationale
    other = _decide(
        "Cyclobenzaprine 7.5mg #20",
        "Acute flare of low back pain with spasm on examination. Plan: cyclobenzaprine.",
    )
    assert other.decision == "overturned", other.rationale


def test_functional_capacity_evaluation_needs_maximal_improvement_on_record() -> None:
    # ODG Fitness for Duty: timing at or near MMI; silence about it is not evidence of it
    silent = _decide(
        "Functional capacity evaluation",
        "Chronic low back pain. She is working modified duty. Plan: functional capacity "
        "evaluation.",
    )
    assert silent.decision == "upheld", silent.rationale
    assert "has settled" not in silent.rationale
    at_mmi = _decide(
        "Functional capacity evaluation",
        "Chronic low back pain. She is permanent and stationary and is working modified duty; "
        "her ability to return to her usual job as a warehouse loader is in question. Plan: "
        "functional capacity evaluation.",
    )
    assert at_mmi.decision == "overturned", at_mmi.rationale


def test_a_low_risk_patient_is_not_a_high_risk_one() -> None:
    # Opioids 2016 / ODG UDT: a patient at low risk is tested yearly
    text = (
        "Chronic low back pain on tramadol. {risk} Urine drug screen on 10/1/2016 was "
        "consistent. Plan: urine drug screen today."
    )
    low = _decide("Urine drug screen", text.format(risk="Low risk for aberrant behavior."))
    assert low.decision == "upheld", low.rationale
    high = _decide(
        "Urine drug screen",
        text.format(risk="She requested early refills twice, which is aberrant behavior."),
    )
    assert high.decision == "overturned", high.rationale
