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
