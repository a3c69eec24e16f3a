"""A course of therapy the records show was given is continued only on documented functional
improvement, and each guideline counts its own course (CPMTG 2009 pp. 58-59 manipulation,
p. 99 physical medicine). Fictional records; both outcomes."""

from __future__ import annotations

import openimr
from openimr.domain import CaseBundle, ItemDecision

EXAM = (
    "Chronic low back pain rated 6/10. Examination shows lumbar paraspinal tenderness and "
    "lumbar flexion limited to 50 degrees. Plan: chiropractic treatment, six visits."
)


def _decide(
    history: str, item: str = "Chiropractic manipulation 6 visits lumbar spine"
) -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-course",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-01-10"},
            "records": [
                {
                    "id": "pr1",
                    "date": "2016-11-01",
                    "kind": "progress report",
                    "text": f"{history} {EXAM}",
                },
            ],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


def test_a_first_trial_of_manipulation_after_physical_therapy_is_a_trial() -> None:
    got = _decide("She completed twelve sessions of physical therapy.")
    assert got.course == "initial"
    assert got.decision == "overturned", got.rationale


def test_manipulation_already_given_needs_documented_improvement() -> None:
    got = _decide("She has had six sessions of chiropractic treatment.")
    assert got.course == "repeat"
    assert got.decision == "upheld", got.rationale
    assert {c.id: c.status for c in got.criteria}["response_to_prior"] == "not met"
    assert "no documentation of objective functional improvement" in got.rationale


def test_manipulation_given_with_documented_improvement_may_continue() -> None:
    got = _decide(
        "She has had six sessions of chiropractic treatment with improved function: she is "
        "able to return to work with fewer restrictions."
    )
    assert got.course == "repeat"
    assert got.decision == "overturned", got.rationale


def test_therapy_for_another_body_part_does_not_make_a_course_a_repeat() -> None:
    got = _decide(
        "She has had physical therapy for the right shoulder.",
        item="Physical therapy 2x3 lumbar spine",
    )
    assert got.course == "initial"


def test_completed_and_requested_visits_stay_within_the_course() -> None:
    # CPMTG 2009 p. 99: 9 to 10 visits for the course as a whole; with improvement documented,
    # 4 done and 6 more fit, 8 done and 6 more do not
    history = (
        "She has completed {n} sessions of physical therapy with improved function: she walks "
        "30 minutes and returned to modified duty."
    )
    item = "Physical therapy 2x3 lumbar spine"
    got = _decide(history.format(n="four"), item=item)
    assert got.decision == "overturned", got.rationale
    got = _decide(history.format(n="eight"), item=item)
    assert got.decision == "upheld", got.rationale
    assert "14 in all" in got.rationale


def test_manipulation_stays_within_eighteen_visits_in_all() -> None:
    # CPMTG 2009 pp. 58-59: with objective functional improvement, up to 18 visits in all
    history = (
        "She has had {n} sessions of chiropractic treatment with improved function: she "
        "returned to work with fewer restrictions."
    )
    assert _decide(history.format(n="ten")).decision == "overturned"
    got = _decide(history.format(n="fifteen"))
    assert got.decision == "upheld", got.rationale
    assert "21 in all" in got.rationale
