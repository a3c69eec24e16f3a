"""When UR denied for a stated missing element, overturning needs positive evidence of exactly
that element (review/conditions.held_to_ur_reason). Fictional records; both outcomes."""

from __future__ import annotations

import openimr
from openimr.domain import CaseBundle, ItemDecision

EXAM = (
    "Chronic low back pain rated 6/10 with stiffness. Examination shows lumbar paraspinal "
    "tenderness and lumbar flexion limited to 50 degrees. Plan: physical therapy two times a "
    "week for three weeks for the lumbar spine."
)
UR = (
    "Utilization review non-certified the physical therapy because there was no "
    "documentation of functional improvement."
)


def _decide(*texts: tuple[str, str, str]) -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-ur",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-03-10"},
            "records": [
                {"id": f"r{i}", "date": d, "kind": k, "text": t}
                for i, (d, k, t) in enumerate(texts)
            ],
            "requests": [{"id": "1", "item": "Physical therapy 2x3 lumbar spine"}],
        }
    )
    return openimr.decide(bundle).items[0]


def _status(got: ItemDecision, cid: str) -> str | None:
    return {c.id: c.status for c in got.criteria}[cid]


def test_without_a_stated_ur_reason_a_first_course_is_supported() -> None:
    got = _decide(("2016-11-01", "progress report", EXAM))
    assert got.decision == "overturned", got.rationale
    assert _status(got, "response_to_prior") == "met"


def test_a_criterion_met_only_by_default_is_not_established_against_the_ur_reason() -> None:
    got = _decide(
        ("2016-11-01", "progress report", EXAM),
        ("2016-11-20", "UR determination", UR),
    )
    assert got.decision == "upheld", got.rationale
    assert _status(got, "response_to_prior") == "not established"
    assert "utilization review found no documentation of it" in got.rationale
    assert any(n.kind == "evidence" and "Utilization review denied" in n.text for n in got.notes)
    assert got.needed


def test_positive_evidence_of_the_element_answers_the_ur_reason() -> None:
    improved = (
        "She completed six sessions of physical therapy with improved function: she now walks "
        "for 30 minutes and has returned to modified duty. Lumbar flexion is limited to 60 "
        "degrees. Plan: two times a week for three weeks of additional physical therapy."
    )
    got = _decide(
        ("2016-11-01", "progress report", improved),
        ("2016-11-20", "UR determination", UR),
    )
    assert _status(got, "response_to_prior") == "met", got.rationale
