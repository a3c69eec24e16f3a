"""An undated background sentence of a case summary does not outrank the dated examination
the summary reports: a deficit stated without a date, then "neurologically intact" on the
latest dated visit, is not a current deficit. Its counterpart, the deficit on the dated visit,
is. ACOEM 2004 Ch. 12 p. 303 (EMG for focal neurologic dysfunction). Fictional text."""

from __future__ import annotations

import openimr
from openimr.domain import CaseBundle, ItemDecision

HEAD = (
    "The injured worker is a 50 year old male, who sustained an industrial injury on 3-1-2015. "
    "The diagnoses have included lumbar strain. "
)
ITEM = "EMG/NCV of the bilateral lower extremities"


def _decide(text: str) -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-undated",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": 50, "sex": "male"},
            "claim": {"date_of_injury": "2015-03-01"},
            "records": [
                {
                    "id": "clinical-case-summary",
                    "date": "2016-12-10",
                    "kind": "clinical case summary (from the Final Determination Letter)",
                    "text": HEAD + text,
                }
            ],
            "requests": [{"id": "1", "item": ITEM}],
        }
    )
    return openimr.decide(bundle).items[0]


def test_background_deficit_does_not_outrank_the_dated_exam() -> None:
    got = _decide(
        "The injured worker has decreased sensation in the left L5 dermatome and 4/5 strength "
        "of the left extensor hallucis longus. Per the progress report dated 10-20-16, the "
        "injured worker complained of low back pain radiating to the left leg. He was "
        "neurologically intact. On 11-3-16, utilization review non-certified the request."
    )
    assert got.decision == "upheld", got.rationale
    assert "The most recent examination documents" not in got.rationale


def test_deficit_on_the_dated_exam_counts() -> None:
    got = _decide(
        "Per the progress report dated 10-20-16, the injured worker complained of low back pain "
        "radiating to the left leg. Examination revealed decreased sensation in the left L5 "
        "dermatome and 4/5 strength of the left extensor hallucis longus. On 11-3-16, "
        "utilization review non-certified the request."
    )
    assert got.decision == "overturned", got.rationale
