"""A passive or adjunctive treatment goes with an active program the patient follows now or
that is planned with it (guidelines/shared/condition.yaml ``active_program``: CPMTG 2009
massage p. 60, passive modalities pp. 98-99, TENS p. 114, H-wave p. 117, interferential
p. 118; ODG pillow). Therapy listed among the treatments to date, months after the injury, is
history: before, any mention of "physical therapy" anywhere met the requirement.

Each pair is fictional and differs only in the sentence about the program."""

from __future__ import annotations

import pytest
from _letter_case import decide_progress_note

from openimr.domain import ItemDecision

HISTORY_ONLY = "Treatment to date has included physical therapy, chiropractic care and medications."
DOING_NOW = (
    "Treatment to date has included physical therapy, chiropractic care and medications. She "
    "continues with her home exercise program daily."
)
PLANNED = (
    "Treatment to date has included chiropractic care and medications. The treatment plan "
    "included physical therapy twice a week for four weeks."
)

LOW_BACK = (
    "Chronic low back pain radiating to the right buttock since a lifting injury, rated 6/10. "
    "Examination shows lumbar paraspinal tenderness and spasm with decreased lumbar range of "
    "motion. {program}"
)
NEUROPATHIC = (
    "The diagnoses include lumbar radiculopathy. Chronic low back pain radiating down the "
    "right leg with numbness for more than a year. "
    "Examination shows decreased sensation in the right L5 dermatome. Gabapentin, NSAIDs and "
    "physical therapy were tried without adequate relief. {program}"
)


def decide(item: str, text: str, injury: str = "2015-03-02") -> ItemDecision:
    return decide_progress_note(item, text, injury, age=50)


CASES = [
    # CPMTG 2009 p. 60: massage as an adjunct to exercise, 4 to 6 visits
    ("Massage therapy x 6 for the lumbar spine", LOW_BACK),
    # ODG pillow: with daily exercise
    ("Cervical pillow", LOW_BACK.replace("low back", "neck").replace("lumbar", "cervical")
     .replace("right buttock", "right shoulder blade")),
]


@pytest.mark.parametrize("item,text", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("program", [DOING_NOW, PLANNED], ids=["doing-now", "planned"])
def test_a_current_or_planned_program_supports_the_adjunct(
    item: str, text: str, program: str
) -> None:
    got = decide(item, text.format(program=program))
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("item,text", CASES, ids=[c[0] for c in CASES])
def test_therapy_among_the_treatments_to_date_is_history(item: str, text: str) -> None:
    got = decide(item, text.format(program=HISTORY_ONLY))
    assert got.decision == "upheld", got.rationale
    assert any("active program" in n or "exercise" in n for n in got.needed), got.needed


def test_tens_trial_needs_the_program_it_accompanies() -> None:
    """CPMTG p. 114: a one-month TENS trial as an adjunct to a functional restoration
    program; the rest of the indication (neuropathic pain over three months, other treatment
    failed) is met in both cases."""
    item = "TENS unit, one month home trial"
    assert decide(item, NEUROPATHIC.format(program=DOING_NOW)).decision == "overturned"
    got = decide(item, NEUROPATHIC.format(program="She is seen for medication refills only."))
    assert got.decision == "upheld", got.rationale


def test_not_doing_the_exercises_is_no_program() -> None:
    text = LOW_BACK.format(
        program="Treatment to date has included physical therapy. She is not doing her home "
        "exercises."
    )
    got = decide("Massage therapy x 6 for the lumbar spine", text)
    assert got.decision == "upheld", got.rationale


def test_within_eight_weeks_of_the_injury_the_care_since_is_current() -> None:
    """Our reading: therapy given since an injury of less than eight weeks ago is the current
    course, even when the records list it among the treatments to date. Acupuncture (8 CCR
    9792.24.1: an adjunct to physical rehabilitation) applies in every phase."""
    item = "Acupuncture 6 sessions for the lumbar spine"
    text = LOW_BACK.replace("Chronic low back pain", "Low back pain").format(
        program=HISTORY_ONLY
    )
    got = decide(item, text, injury="2016-10-10")
    assert got.decision == "overturned", got.rationale
    later = decide(item, text, injury="2015-03-02")
    assert later.decision == "upheld", later.rationale
