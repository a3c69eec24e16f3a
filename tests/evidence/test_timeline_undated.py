"""An undated background sentence of a case summary ("The diagnoses have included ...") has
no known date: it does not outrank the dated examination the summary reports after it.
Fictional text."""

from __future__ import annotations

from openimr.domain import CaseBundle
from openimr.evidence import extract
from openimr.evidence.evidence_set import timeline_date

TEXT = (
    "The injured worker is a 50 year old male, who sustained an industrial injury on 3-1-2015. "
    "The injured worker has decreased sensation in the left L5 dermatome. Per the progress "
    "report dated 10-20-16, sensation was intact in the lower extremities."
)


def _evidence(kind: str) -> object:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-timeline",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": 50, "sex": "male"},
            "claim": {"date_of_injury": "2015-03-01"},
            "records": [{"id": "r1", "date": "2016-12-10", "kind": kind, "text": TEXT}],
            "requests": [{"id": "1", "item": "MRI of the lumbar spine"}],
        }
    )
    return extract(bundle)


def test_undated_summary_background_is_older_than_the_dated_exam() -> None:
    ev = _evidence("clinical case summary (from the Final Determination Letter)")
    found = ev.of("neuro.sensory_deficit", assertion=None)  # type: ignore[attr-defined]
    assert {f.assertion for f in found} == {"present", "negated"}
    undated = next(f for f in found if f.assertion == "present")
    assert undated.quoted and undated.text_date is None and timeline_date(undated) is None
    # a record that reports its own examination keeps its date for undated sentences
    own = _evidence("progress report").of("neuro.sensory_deficit")  # type: ignore[attr-defined]
    assert own and not own[0].quoted and timeline_date(own[0]) is not None
    course = ev.course("neuro.sensory_deficit")  # type: ignore[attr-defined]
    assert course.latest is not None and course.latest.assertion == "negated"
    assert course.status == "resolved"
