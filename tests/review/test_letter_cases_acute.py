"""Acute and subacute letter cases (injury 1 to 14 weeks before the UR decision), in 2017
letter wording, each with the outcome or sentence the guideline gives and the one it withholds.

ACOEM 2004 Ch. 12 Low Back Complaints, Physical Methods, pp. 298-299 and Table 12-8 (p. 308):
manipulation is an option in the first month of low back pain without radiculopathy; its value
with radiculopathy is not established, and past the first month its benefit is unproven.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

BACK = (
    "Per the PR-2 dated {seen}, the injured worker reported low back pain after lifting a crate "
    "at work. {exam} He has had no chiropractic care. The treating physician requested "
    "chiropractic manipulation two times a week for three weeks."
)
PLAIN = (
    "Examination revealed lumbar paraspinal tenderness and decreased range of motion. Straight "
    "leg raise was negative bilaterally. Neurological examination was intact."
)
RADICULAR = (
    "He reported pain radiating down the right leg to the foot. Examination revealed lumbar "
    "paraspinal tenderness and a positive straight leg raise on the right at 40 degrees."
)


def _chiro(exam: str, injured: str, seen: str, ur: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["Chiropractic treatment 6 visits for the lumbar spine"], injured,
        BACK.format(seen=seen, exam=exam), ur=ur, decided="2017-06-20",
    )[0]
    return got.decision, got.rationale


def test_a_positive_straight_leg_raise_is_a_radicular_finding_for_manipulation() -> None:
    """ACOEM 2004 ch. 12 pp. 298-299: manipulation in the first month is for low back pain
    without radiculopathy; a positive straight leg raise is a nerve root tension sign (our
    reading, as the chapter's facet topic reads radicular findings)."""
    decision, rationale = _chiro(RADICULAR, "5-1-2017@38", "5/10/2017", "2017-05-15")
    assert decision == "upheld"
    assert "radicular findings" in rationale
    assert "positive straight leg raise" in rationale
    decision, rationale = _chiro(PLAIN, "5-1-2017@38", "5/10/2017", "2017-05-15")
    assert decision == "overturned"
    assert "The request falls in the first weeks after the injury" in rationale


def test_manipulation_begun_past_the_first_month_says_why_the_chapter_withholds_it() -> None:
    """ACOEM 2004 ch. 12 pp. 298-299 (and Table 12-8): the option is for the first month; past it
    the benefit is unproven. At 7 weeks the case is still in the chapter's phase (subacute), so
    the chapter, not the CPMTG, decides; at 16 weeks the CPMTG's trial of manipulation applies
    (pp. 58-59)."""
    decision, rationale = _chiro(PLAIN, "4-3-2017@38", "5/15/2017", "2017-05-22")
    assert decision == "upheld"
    assert "after the first month after the injury" in rationale
    assert "the benefit is unproven" in rationale
    assert "within the first three months (the acute and subacute period)" in rationale
    decision, rationale = _chiro(PLAIN, "1-2-2017@38", "4/17/2017", "2017-04-24")
    assert decision == "overturned"
    assert "ACOEM Chapter 12" not in rationale


NECK = (
    "Per the progress report dated {seen}, the injured worker reported neck pain after a fall "
    "from a step stool at work. Examination revealed cervical paraspinal tenderness and "
    "decreased range of motion. Neurological examination of the upper extremities was intact. "
    "The treating physician requested a soft cervical collar."
)


def test_a_collar_past_its_first_week_is_withheld_for_the_window_not_a_missing_complaint() -> None:
    """ACOEM 2004 ch. 8 p. 175: a collar gives comfort only in the first days of a severe case.
    At 2 weeks the neck complaint is current and the case is in the chapter's acute phase, so
    the rationale names the first week the chapter gives the device, not a complaint missing
    'within the acute phase'; within the first week the same records support it."""
    late = decide_letter_items(
        ["Soft cervical collar"], "5-1-2017@44", NECK.format(seen="5/10/2017"),
        ur="2017-05-15", decided="2017-06-15", sex="female",
    )[0]
    assert late.decision == "upheld"
    assert "does not fall within the first week after the injury" in late.rationale
    assert "do not show a current complaint" not in late.rationale
    early = decide_letter_items(
        ["Soft cervical collar"], "5-10-2017@44", NECK.format(seen="5/11/2017"),
        ur="2017-05-15", decided="2017-06-15", sex="female",
    )[0]
    assert early.decision == "overturned"
