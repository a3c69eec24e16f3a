"""Failed care written as a list ("she has failed stretching, physical therapy, NSAIDs and
muscle relaxants") is failed care, and each item stays a finding of its own. Trigger point
injections need it (CPMTG 2009 p. 122). Fictional letter-style cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

TPI = (
    "Per the progress report dated 10-3-16, she reported chronic neck and upper back pain for "
    "more than three months. Examination revealed circumscribed trigger points in the left "
    "trapezius with a twitch response and referred pain. Radiculopathy was not present.{care} "
    "The treating physician requested trigger point injections."
)
ITEM = "Trigger point injections x 4 to the trapezius"


def test_a_list_of_failed_care_supports_trigger_point_injections() -> None:
    care = " She has failed stretching, physical therapy, NSAIDs and muscle relaxants."
    assert decide_letter_case(ITEM, "1-2-2014", TPI.format(care=care)).decision == "overturned"


def test_without_failed_care_they_are_not_supported() -> None:
    care = " She has started stretching and physical therapy."
    d = decide_letter_case(ITEM, "1-2-2014", TPI.format(care=care))
    assert d.decision == "upheld"
    assert any("failed" in n for n in d.needed)


IF_UNIT = (
    "Per the progress note dated 10-3-16, he reported chronic low back pain. He continues "
    "physical therapy and a home exercise program{meds}. The plan included a one month trial "
    "of an interferential unit."
)


def test_pain_medications_have_not_controlled_selects_interferential() -> None:
    # CPMTG 2009 pp. 118-120: pain ineffectively controlled by medication, with active care
    meds = "; medications have not controlled his pain"
    item = "Interferential unit rental 1 month"
    assert decide_letter_case(item, "1-2-2012", IF_UNIT.format(meds=meds)).decision == "overturned"
    assert decide_letter_case(item, "1-2-2012", IF_UNIT.format(meds="")).decision == "upheld"
