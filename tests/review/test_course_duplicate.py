"""A request for a study the records report authorized since it was made is a duplicate
(routing's "duplicate" course, guidelines/shared/course.yaml). Fictional records; both
outcomes, and the sentences that must not count as an authorization."""

from __future__ import annotations

import pytest

import openimr
from openimr.domain import CaseBundle, ItemDecision

EXAM = (
    "Neck pain radiating into the right arm with numbness of the thumb and index finger. "
    "Decreased sensation in the right C6 dermatome and wrist extension weakness 4/5 on the "
    "right. Six sessions of physical therapy gave no improvement. Plan: MRI of the cervical spine."
)


def _decide(later: str | None, date: str = "2016-12-09") -> ItemDecision:
    records = [{"id": "pr1", "date": "2016-11-01", "kind": "progress report", "text": EXAM}]
    if later is not None:
        records.append({"id": "pr2", "date": date, "kind": "progress report", "text": later})
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-dup",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-07-10"},
            "records": records,
            "requests": [{"id": "1", "item": "MRI of the cervical spine"}],
        }
    )
    return openimr.decide(bundle).items[0]


def test_without_an_authorization_the_deficit_supports_the_study() -> None:
    got = _decide(None)
    assert got.decision == "overturned", got.rationale
    assert got.course == "initial"


@pytest.mark.parametrize(
    "said",
    [
        "The MRI of the cervical spine was approved and is scheduled for next week.",
        "She has since received authorization for the cervical MRI.",
        "The request for MRI of the cervical spine was subsequently certified.",
        # a modification in another clause of the sentence is not this study's
        "Her work status was modified, and the MRI of the cervical spine was approved.",
    ],
)
def test_the_same_study_reported_authorized_makes_the_request_a_duplicate(said: str) -> None:
    got = _decide(f"Neck pain persists. {said}")
    assert got.decision == "upheld", got.rationale
    assert got.course == "duplicate"
    assert "already authorized" in got.rationale
    assert "pr2, 12/9/2016" in got.rationale  # the sentence it rests on, with its record


@pytest.mark.parametrize(
    "said",
    [
        "The MRI of the cervical spine was denied by utilization review.",
        "The MRI of the cervical spine has not been approved yet.",
        "The MRI of the cervical spine is pending authorization.",
        "The MRI of the lumbar spine was approved.",  # another body part
        "The MRI of the cervical spine was modified to an x-ray and approved.",
        "Her work status was approved, and the MRI of the cervical spine was modified.",
    ],
)
def test_sentences_that_are_not_an_authorization_of_the_same_study(said: str) -> None:
    got = _decide(f"Neck pain persists. {said}")
    assert got.course == "initial", said
    assert got.decision == "overturned", got.rationale


def test_an_authorization_of_an_earlier_episode_is_not_a_duplicate() -> None:
    got = _decide("The MRI of the cervical spine was approved.", date="2016-05-01")
    assert got.course == "initial"
    assert got.decision == "overturned", got.rationale
