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


KNEE_INJECTION = (
    "Per the progress note dated 10-3-16, she reported right knee pain from osteoarthritis "
    "confirmed on x-ray{care}; examination revealed effusion and crepitus. The plan included "
    "a right knee corticosteroid injection."
)


def test_knee_pain_not_controlled_with_nsaids_supports_an_injection() -> None:
    # ACOEM 2004 ch. 13: an injection for knee osteoarthritis after conservative care failed
    item = "Right knee cortisone injection"
    care = ", not controlled with NSAIDs and physical therapy"
    d = decide_letter_case(item, "1-2-2015", KNEE_INJECTION.format(care=care), sex="female")
    assert d.decision == "overturned"
    d = decide_letter_case(item, "1-2-2015", KNEE_INJECTION.format(care=""), sex="female")
    assert d.decision == "upheld"


SHOULDER_INJECTION = (
    "Per the progress note dated 10-3-16, she reported right shoulder pain with overhead "
    "activity for two months despite physical therapy. Examination revealed a positive Neer "
    "sign{motion}. The plan included a subacromial corticosteroid injection."
)


def test_limited_abduction_is_the_limitation_a_shoulder_injection_asks_for() -> None:
    # ACOEM 2004 ch. 9 p. 213: pain that significantly limits activity
    item = "Right shoulder subacromial injection"
    motion = " and painful arc with limited abduction to 120 degrees"
    d = decide_letter_case(item, "1-2-2015", SHOULDER_INJECTION.format(motion=motion), sex="female")
    assert d.decision == "overturned"
    d = decide_letter_case(item, "1-2-2015", SHOULDER_INJECTION.format(motion=""), sex="female")
    assert d.decision == "upheld"
