"""ACOEM ch. 8 pp. 177-178: special studies of the neck for a failure to progress in a
strengthening program meant to avoid surgery, not for the failure of any care (chiropractic
adjustments or medication are not a strengthening program). Fictional letter-style cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

NECK = (
    "Per the progress report dated 10-25-16, she reported persistent neck pain despite {care}. "
    "Examination revealed cervical paraspinal tenderness and limited rotation; neurological "
    "examination was normal. The treatment plan included an MRI of the cervical spine."
)


def test_a_failed_strengthening_program_supports_the_study() -> None:
    care = "six weeks of physical therapy and a home exercise program"
    d = decide_letter_case("MRI of the cervical spine", "8-20-2016", NECK.format(care=care))
    assert d.decision == "overturned"


def test_failed_chiropractic_care_is_not_a_strengthening_program() -> None:
    care = "six weeks of chiropractic adjustments"
    d = decide_letter_case("MRI of the cervical spine", "8-20-2016", NECK.format(care=care))
    assert d.decision == "upheld"
