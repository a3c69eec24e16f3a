"""A knee MRI after nondiagnostic radiographs when the examination points to an internal
derangement (ODG Knee & Leg, MRI's; not limited to the weeks after an acute injury), and not
without the radiographs or the mechanical symptoms. Fictional letter-style cases."""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

KNEE = (
    "She twisted her right knee at work. Per the progress report dated 10-20-16, she reported "
    "{symptoms} of the right knee despite six weeks of physical therapy. Examination revealed "
    "medial joint line tenderness and a positive McMurray test.{xray} The treatment plan "
    "included an MRI of the right knee."
)
XRAY = " X-rays of the knee were negative."


def test_radiographs_then_signs_of_derangement_support_the_mri() -> None:
    text = KNEE.format(symptoms="locking and giving way", xray=XRAY)
    d = decide_letter_case("Right knee MRI", "8-1-2016", text, sex="female")
    assert d.decision == "overturned"
    assert "Radiographs were nondiagnostic" in d.rationale


@pytest.mark.parametrize(
    ("symptoms", "xray"), [("locking and giving way", ""), ("aching", XRAY)],
    ids=["no radiographs", "no mechanical symptoms"],
)
def test_without_radiographs_or_mechanical_symptoms_it_is_not(symptoms: str, xray: str) -> None:
    text = KNEE.format(symptoms=symptoms, xray=xray)
    d = decide_letter_case("Right knee MRI", "8-1-2016", text, sex="female")
    assert d.decision == "upheld"
