"""A surgery's associated services follow the surgery's decision (issue 4).

When the case disputes a surgery together with its pre-operative work-up, postoperative
therapy, equipment or medication, the surgery is decided first. If it is not medically
necessary, none of its associated services are; if it is, each service is decided on its own
(postoperative) topic. The bundles are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from openimr.domain import CaseBundle, ItemDecision

SUPPORTED = (
    "Right shoulder pain after a fall at work. Diagnosis: dislocation of the right shoulder. "
    "Apprehension test is positive on the right and the shoulder subluxes with anterior force. "
    "The shoulder remains unstable despite physical therapy."
)
UNSUPPORTED = (
    "Right shoulder pain after a fall at work. Diagnosis: dislocation of the right shoulder, "
    "reduced the same day. Apprehension test is negative and the shoulder is stable. "
    "Decreased range of motion of the right shoulder."
)
ITEMS = [
    "Right shoulder arthroscopic Bankart repair",
    "Associated surgical service: Physical therapy, times 12",
    "Pre-operative medical clearance",
    "Associated surgical service: Shoulder sling",
]


def _bundle(text: str, items: list[str] = ITEMS) -> CaseBundle:
    data: dict[str, Any] = {
        "format": "openimr-case/1",
        "case_number": "CM00-0000001",
        "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
        "patient": {"age": 30},
        "claim": {"date_of_injury": "2016-06-01"},
        "records": [{"id": "pr-1", "date": "2016-11-10", "kind": "progress report", "text": text}],
        "requests": [
            {"id": str(i), "item": item, "ur_decision": "denied"} for i, item in enumerate(items, 1)
        ],
    }
    return CaseBundle.model_validate(data)


def _decide(bundle: CaseBundle) -> list[ItemDecision]:
    """The item decisions of the whole case (reviewer selection is not at issue here)."""
    from openimr.evidence import extract
    from openimr.guidelines.registry import load_knowledge_base
    from openimr.review.decide import decide_items

    assert bundle.dates.decision is not None
    return decide_items(bundle, extract(bundle), load_knowledge_base(), bundle.dates.decision)


@pytest.fixture(scope="module")
def upheld_case() -> list[ItemDecision]:
    return _decide(_bundle(UNSUPPORTED))


@pytest.fixture(scope="module")
def overturned_case() -> list[ItemDecision]:
    return _decide(_bundle(SUPPORTED))


def test_services_of_an_unnecessary_surgery_are_not_necessary(
    upheld_case: list[ItemDecision],
) -> None:
    surgery, *services = upheld_case
    assert surgery.decision == "upheld"
    for item in services:
        assert item.decision == "upheld", item.item
        assert "none of its associated services are" in item.rationale
        assert item.rationale.endswith("is not medically necessary.")
        assert item.topic == surgery.topic


def test_services_of_a_necessary_surgery_are_decided_on_their_own(
    overturned_case: list[ItemDecision],
) -> None:
    surgery, therapy, clearance, sling = overturned_case
    assert surgery.decision == "overturned", surgery.rationale
    # Therapy after the surgery is judged by the Postsurgical Treatment Guidelines for the
    # operated shoulder: 12 visits are the initial course.
    assert therapy.topic == "postsurgical2009.postop-therapy-shoulder"
    assert therapy.decision == "overturned", therapy.rationale
    assert "which this review finds medically necessary" in therapy.rationale
    assert clearance.topic is not None and clearance.topic != surgery.topic
    assert sling.topic is not None and sling.topic != surgery.topic


def test_postoperative_therapy_beyond_the_initial_course_is_not_necessary() -> None:
    det = _decide(
        _bundle(SUPPORTED, [ITEMS[0], "Associated surgical service: Physical therapy, times 24"])
    )
    surgery, therapy = det
    assert surgery.decision == "overturned"
    assert therapy.topic == "postsurgical2009.postop-therapy-shoulder"
    assert therapy.decision == "upheld", therapy.rationale


def test_without_a_disputed_surgery_the_service_stands_alone() -> None:
    det = _decide(_bundle(UNSUPPORTED, ["Post-op physical therapy 2 times a week for 6 weeks"]))
    (therapy,) = det
    assert "associated services" not in therapy.rationale


def test_a_service_for_another_body_part_is_not_tied_to_the_surgery() -> None:
    det = _decide(_bundle(UNSUPPORTED, [ITEMS[0], "Post-op knee brace for the right knee"]))
    surgery, brace = det
    assert surgery.decision == "upheld"
    assert "associated services" not in brace.rationale


def test_pre_operative_tests_go_with_the_operation_whatever_part_they_name() -> None:
    det = _decide(_bundle(UNSUPPORTED, [ITEMS[0], "Pre-operative chest x-ray"]))
    assert det[1].decision == "upheld"
    assert "none of its associated services are" in det[1].rationale


def test_a_surgery_the_knowledge_base_cannot_decide_leaves_a_note_on_its_services() -> None:
    det = _decide(_bundle(UNSUPPORTED, ["Right inguinal hernia repair", "Pre-operative labs"]))
    surgery, labs = det
    assert surgery.decision == "undetermined"
    assert labs.note is not None and "hernia repair" in labs.note


KNEE = (
    "Right knee pain with locking. MRI of the right knee shows a medial meniscus tear. "
    "Decreased range of motion of the right knee. Symptoms persist despite physical therapy."
)


@pytest.mark.parametrize(
    ("therapy", "expected"),
    [
        ("Post-op physical therapy 2 times a week for 3 weeks", "overturned"),
        ("Post-op physical therapy 2 times a week for 6 weeks", "upheld"),
    ],
)
def test_postoperative_therapy_follows_the_procedure_course(therapy: str, expected: str) -> None:
    """After a meniscectomy the course is 12 visits, so the initial course is 6."""
    det = _decide(_bundle(KNEE, ["Right knee arthroscopic partial meniscectomy", therapy]))
    surgery, post = det
    assert surgery.decision == "overturned", surgery.rationale
    assert post.topic == "postsurgical2009.postop-therapy-knee"
    assert post.decision == expected, post.rationale


def test_the_procedure_named_by_the_service_itself_sets_the_course() -> None:
    text = KNEE + " He is status post right knee meniscectomy on 10/20/2016."
    short, long = (
        _decide(_bundle(text, [f"Post-op physical therapy x{n} after right knee meniscectomy"]))[0]
        for n in (6, 12)
    )
    assert short.decision == "overturned", short.rationale
    assert long.decision == "upheld", long.rationale
