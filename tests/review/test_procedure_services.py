"""Services judged by the kind of operation they go with: an assistant surgeon (ODG 'Surgical
assistant') and the hospital stay after surgery (ODG 'Hospital length of stay').

The kind of operation is read from intake/data/procedures.yaml, on the surgery disputed with
the service or else on the service's own wording. The bundles are fictional.
"""

from __future__ import annotations

import pytest
from test_associated_services import KNEE, SUPPORTED, UNSUPPORTED, _bundle, _decide

from openimr.intake.requests import parse_request, procedure_kind
from openimr.review.facts import operation


@pytest.mark.parametrize(
    ("text", "kind", "complex_"),
    [
        ("L4-5 laminectomy and posterior lumbar fusion", "a lumbar fusion", True),
        ("Anterior cervical discectomy and fusion at C5-6", "a cervical fusion", True),
        (
            "Right shoulder arthroscopy, rotator cuff repair, subacromial decompression",
            "a rotator cuff repair",
            True,
        ),
        (
            "Left knee ACL reconstruction with partial meniscectomy",
            "a ligament reconstruction",
            True,
        ),
        ("Right total knee arthroplasty", "a knee replacement", True),
        ("ORIF of the left ankle", "an open fracture fixation", True),
        (
            "Right knee arthroscopic partial meniscectomy",
            "a knee arthroscopy with meniscectomy or debridement",
            False,
        ),
        ("Right carpal tunnel release", "a release of the hand or wrist", False),
        ("Left trigger finger release", "a release of the hand or wrist", False),
        ("Right shoulder arthroscopy", "an arthroscopy", False),
        ("Right hip arthroscopy with labral repair", "a hip arthroscopy", False),
        ("Right cubital tunnel release", "a release at the elbow", False),
        ("Lateral epicondylar release, right elbow", "a release at the elbow", False),
    ],
)
def test_the_kind_of_operation_is_read_from_its_wording(
    text: str, kind: str, complex_: bool
) -> None:
    found = procedure_kind(text)
    assert found is not None and found.name == kind
    assert found.complex is complex_


def test_a_service_reads_its_own_wording_when_no_surgery_is_linked() -> None:
    req = parse_request("Assistant surgeon for right shoulder rotator cuff repair")
    kind = operation(req)
    assert kind is not None and kind.name == "a rotator cuff repair"
    assert operation(parse_request("Assistant surgeon")) is None
    assert procedure_kind("Right inguinal hernia repair") is None


@pytest.mark.parametrize(
    ("text", "surgery", "expected"),
    [
        (SUPPORTED, "Right shoulder arthroscopic Bankart repair", "overturned"),
        (KNEE, "Right knee arthroscopic partial meniscectomy", "upheld"),
    ],
)
def test_an_assistant_is_an_option_for_a_complex_operation_only(
    text: str, surgery: str, expected: str
) -> None:
    op, assistant = _decide(
        _bundle(text, [surgery, "Associated surgical service: Assistant surgeon"])
    )
    assert op.decision == "overturned", op.rationale
    assert assistant.topic == "odg.assistant-surgeon"
    assert assistant.decision == expected, assistant.rationale
    assert "which this review finds medically necessary" in assistant.rationale
    assert assistant.note is None, assistant.note


def test_an_assistant_for_an_unnecessary_surgery_is_not_necessary() -> None:
    op, assistant = _decide(
        _bundle(UNSUPPORTED, ["Right shoulder arthroscopic Bankart repair", "Assistant surgeon"])
    )
    assert op.decision == "upheld"
    assert assistant.decision == "upheld"
    assert "none of its associated services are" in assistant.rationale


def test_an_assistant_for_no_named_operation_cannot_be_judged() -> None:
    (assistant,) = _decide(_bundle(KNEE, ["Assistant surgeon"]))
    assert assistant.topic == "odg.assistant-surgeon"
    assert assistant.decision == "upheld"
    assert "name the operation the assistant would take part in" in assistant.rationale
    assert "not among the more complex procedures" not in assistant.rationale


LOW_BACK = (
    "Low back pain radiating to the left leg. Decreased sensation in the left L5 dermatome. "
    "MRI of the lumbar spine shows an L4-5 disc herniation with compression of the left L5 "
    "nerve root. Symptoms have persisted despite physical therapy and an epidural injection."
)


@pytest.mark.parametrize(
    ("stay", "extra", "expected"),
    [
        ("Associated surgical service: Inpatient stay 1 day", "", "overturned"),
        ("Associated surgical service: Inpatient stay", "", "overturned"),
        ("Associated surgical service: Inpatient stay 3 days", "", "upheld"),
        (
            "Associated surgical service: Inpatient stay 3 days",
            " The postoperative course was complicated by a dural tear.",
            "overturned",
        ),
    ],
)
def test_a_hospital_stay_follows_the_target_for_the_operation(
    stay: str, extra: str, expected: str
) -> None:
    """After a lumbar discectomy the best-practice target is one day."""
    op, item = _decide(_bundle(LOW_BACK + extra, ["Left L4-5 microdiscectomy", stay]))
    assert op.decision == "overturned", op.rationale
    assert item.topic == "odg.hospital-length-of-stay"
    assert item.decision == expected, item.rationale


def test_a_hospital_stay_for_no_named_operation_cannot_be_judged() -> None:
    (item,) = _decide(_bundle(LOW_BACK, ["Inpatient stay 2 days"]))
    assert item.topic == "odg.hospital-length-of-stay"
    assert item.decision == "upheld"
    assert "name the operation the stay would follow" in item.rationale
