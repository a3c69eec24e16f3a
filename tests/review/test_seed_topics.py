"""Both outcomes for the seed topics that the example variants do not flip."""

from __future__ import annotations

from typing import Any

import pytest

import openimr
from openimr.intake import parse_bundle


def _bundle(exam: str, item: str, region_note: str = "") -> dict[str, Any]:
    return {
        "format": "openimr-case/1",
        "case_number": "CM99-0001000",
        "dates": {"ur_denial": "2016-06-01", "decision": "2016-07-15"},
        "patient": {"age": 48, "sex": "female"},
        "claim": {"date_of_injury": "2015-11-02", "body_parts": ["lumbar spine"]},
        "records": [
            {"id": "pr-1", "date": "2016-04-10", "kind": "progress report",
             "text": f"Low back pain with numbness of the left foot. {region_note}"
                     f"Examination: {exam}"},
            {"id": "pr-2", "date": "2016-05-12", "kind": "progress report",
             "text": f"Follow-up for low back pain. Examination: {exam}"},
        ],
        "requests": [{"id": "1", "item": item}],
    }


@pytest.mark.parametrize(
    ("exam", "item", "expected"),
    [
        ("Decreased sensation over the dorsum of the left foot. Findings suggest a left "
         "peroneal neuropathy at the fibular head.",
         "Nerve conduction studies of the left lower extremity", "overturned"),
        ("Decreased sensation in the left L5 dermatome. Straight leg raise positive on the left.",
         "Nerve conduction studies of the left lower extremity", "upheld"),
        ("Sensation intact. Motor strength 5/5. Reflexes 2+ and symmetric.",
         "Nerve conduction studies of the left lower extremity", "upheld"),
        ("Hip range of motion is painful with reduced internal rotation; the exam suggests "
         "hip osteoarthritis.", "X-rays of the pelvis", "overturned"),
        ("Lumbar tenderness. Sensation intact.", "X-rays of the pelvis", "upheld"),
    ],
)
def test_topic_outcomes(exam: str, item: str, expected: str) -> None:
    bundle = parse_bundle(_bundle(exam, item))
    det = openimr.decide(bundle)
    assert det.items[0].decision == expected, det.items[0].rationale
