"""Therapy after an operation is postoperative therapy though the request does not say so:
within the postsurgical period of an operation the records date at the same body part, the
MTUS Postsurgical Treatment Guidelines decide it (8 CCR 9792.24.3), not the chronic pain
guidelines. Fictional letter-style cases, decided as of 12/10/2016 (UR on 11/3/2016)."""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

PT_SHOULDER = "Physical therapy 2 times a week for 4 weeks for the right shoulder"
RCR = (
    "She underwent right shoulder arthroscopic rotator cuff repair on {on}. Per the progress "
    "report dated 10-20-16, she is in a sling and reports expected postoperative pain. She has "
    "not yet started therapy. The treatment plan included physical therapy 2 times a week for "
    "4 weeks."
)


def test_therapy_weeks_after_the_operation_is_postoperative() -> None:
    d = decide_letter_case(PT_SHOULDER, "6-1-2016", RCR.format(on="10-5-16"), sex="female")
    assert d.topic == "postsurgical2009.postop-therapy-shoulder"
    assert d.decision == "overturned"  # 8 visits, within the initial course of 12 (pp. 26-27)
    assert "10-5-16" in d.rationale


def test_therapy_years_after_the_operation_is_not() -> None:
    d = decide_letter_case(PT_SHOULDER, "6-1-2012", RCR.format(on="3-5-13"), sex="female")
    assert d.topic is not None and not d.topic.startswith("postsurgical")


def test_an_undated_operation_is_not_placed_in_the_postsurgical_period() -> None:
    text = RCR.format(on="10-5-16").replace(" on 10-5-16", "")
    d = decide_letter_case(PT_SHOULDER, "6-1-2016", text, sex="female")
    assert d.topic is not None and not d.topic.startswith("postsurgical")


def test_an_operation_at_another_body_part_is_no_reason() -> None:
    text = (
        "He underwent right knee arthroscopy with partial medial meniscectomy on 10-5-16. Per "
        "the progress report dated 10-20-16, he reported low back pain with limited lumbar "
        "flexion. The treatment plan included physical therapy for the lumbar spine."
    )
    d = decide_letter_case("Physical therapy x 8 for the lumbar spine", "6-1-2016", text)
    assert d.topic is not None and not d.topic.startswith("postsurgical")


@pytest.mark.parametrize(
    ("visits", "decision"), [("Occupational therapy x 4", "overturned"),
                             ("Occupational therapy x 12", "upheld")]
)
def test_the_operation_sets_the_course(visits: str, decision: str) -> None:
    # carpal tunnel release: 3-8 visits; the initial course is half of 8 (pp. 15-16)
    text = (
        "On 10-12-16, she underwent right carpal tunnel release. Per the progress report dated "
        "10-26-16, the incision is healing and she has stiffness of the fingers. The treatment "
        "plan included occupational therapy for the right hand."
    )
    d = decide_letter_case(f"{visits} for the right hand", "2-1-2016", text, sex="female")
    assert d.topic == "postsurgical2009.postop-therapy-wrist-hand"
    assert d.decision == decision
