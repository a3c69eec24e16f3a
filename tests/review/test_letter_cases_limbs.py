"""Limb surgery and joint injections in the 2018-2019 letter wording ("The injured worker
presented on 1-11-18 with ..."), each with the outcome the guideline gives and the one it
withholds (issue 12, the limbs pass).

- A joint replacement asks for limited function (ODG Knee & Leg, Knee joint replacement; ODG
  Hip & Pelvis, Arthroplasty): "knee pain limiting walking to one block" and "groin pain with
  limited walking" say it as well as "limits her walking" does.
- Failed conservative care is a trial with its outcome: "naproxen and home exercises with
  persistent pain" is treatment that has not controlled the pain (ODG Knee & Leg,
  Corticosteroid injections; ACOEM 2004 ch. 14 p. 371, an injection for plantar fasciitis after
  four to six weeks of failed conservative therapy).
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(item: str, injured: str, text: str) -> tuple[str, str]:
    got = decide_letter_items(
        [item], injured, text, ur="2018-02-20", decided="2018-03-15", case_number="CM00-limbs"
    )[0]
    return got.decision, got.rationale


TKA_TEXT = (
    "The injured worker presented on 1-11-18 with right knee pain {function} and nighttime pain. "
    "Examination revealed knee flexion to 85 degrees and crepitus. Body mass index was 31. "
    "Standing x-rays of the right knee dated 12-1-17 showed severe medial compartment "
    "osteoarthritis with bone-on-bone joint space narrowing. Treatment to date has included "
    "physical therapy, NSAIDs, corticosteroid injections and a series of viscosupplementation "
    "injections without lasting relief. The treating physician requested right total knee "
    "arthroplasty."
)
TKA = "Right total knee arthroplasty"


def test_knee_pain_limiting_walking_is_limited_function() -> None:
    """ODG Knee joint replacement: limited function beside the film, the range and failed care."""
    decision, rationale = _decide(
        TKA, "4-1-2015@64", TKA_TEXT.format(function="limiting walking to one block")
    )
    assert decision == "overturned", rationale
    decision, rationale = _decide(TKA, "4-1-2015@64", TKA_TEXT.format(function="at rest"))
    assert decision == "upheld"


THA_TEXT = (
    "The injured worker presented on 1-11-18 with left groin pain {function}and night pain. "
    "Examination revealed hip internal rotation to 5 degrees and flexion to 90 degrees. Body mass "
    "index was 29. X-rays of the left hip dated 12-1-17 showed severe osteoarthritis with joint "
    "space narrowing. She completed physical therapy, NSAIDs and an intra-articular hip injection "
    "without lasting relief. The treating physician requested left total hip arthroplasty."
)
THA = "Left total hip arthroplasty"


def test_groin_pain_with_limited_walking_is_limited_function() -> None:
    """ODG Hip & Pelvis, Arthroplasty: osteoarthritis that limits function after failed care."""
    decision, rationale = _decide(
        THA, "4-1-2015@61", THA_TEXT.format(function="with limited walking ")
    )
    assert decision == "overturned", rationale
    assert _decide(THA, "4-1-2015@61", THA_TEXT.format(function=""))[0] == "upheld"


KNEE_INJECTION = (
    "The injured worker presented on 1-11-18 with right knee pain and swelling. Examination "
    "revealed an effusion and crepitus. X-rays dated 12-1-17 showed medial compartment "
    "osteoarthritis. {care}The treating physician requested a right knee corticosteroid injection."
)
KNEE_CS = "Right knee corticosteroid injection"


def test_naproxen_and_exercise_with_persistent_pain_have_not_controlled_it() -> None:
    """ODG Knee & Leg, Corticosteroid injections: pain not controlled by exercise and NSAIDs."""
    failed = KNEE_INJECTION.format(
        care="She has been taking naproxen and doing home exercises with persistent pain. "
    )
    decision, rationale = _decide(KNEE_CS, "4-1-2017", failed)
    assert decision == "overturned", rationale
    assert "with persistent pain" in rationale
    assert "There is no documentation that conservative treatment" not in rationale
    assert _decide(KNEE_CS, "4-1-2017", KNEE_INJECTION.format(care=""))[0] == "upheld"


HEEL = (
    "The injured worker presented on 1-11-18 with right heel pain with the first steps in the "
    "morning. Examination revealed tenderness at the medial calcaneal tubercle. The diagnosis was "
    "plantar fasciitis. {care}The treating physician requested a right heel corticosteroid "
    "injection."
)
HEEL_CS = "Right heel corticosteroid injection"


def test_heel_inserts_and_nsaids_for_weeks_with_persistent_pain_have_failed() -> None:
    """ACOEM 2004 ch. 14 p. 371: an injection after four to six weeks of failed conservative care."""
    failed = HEEL.format(
        care="She has used heel inserts, stretching and NSAIDs for 8 weeks with persistent pain. "
    )
    decision, rationale = _decide(HEEL_CS, "9-1-2017", failed)
    assert decision == "overturned", rationale
    assert "four to six weeks of conservative therapy failed" not in rationale
    assert _decide(HEEL_CS, "12-20-2017", HEEL.format(care=""))[0] == "upheld"
