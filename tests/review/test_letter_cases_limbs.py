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
- A manipulation under anesthesia of the shoulder is weighed by ODG (Shoulder, Manipulation under
  anesthesia): adhesive capsulitis refractory to three to six months of conservative care with
  abduction under 90 degrees; the shoulder topic had no such pathway.
- ACOEM 2004 ch. 11 p. 270: hand surgery for failed conservative management with clear clinical
  and special-study evidence of a lesion; an MRI's torn triangular fibrocartilage with tenderness
  at the ulnar fovea is that lesion (the criterion read only red flags, and its rationale said no
  lesion was documented).
- ACOEM 2004 ch. 13 pp. 344-345: a meniscectomy for symptoms other than pain alone (locking,
  popping, giving way, recurrent effusion); joint-line tenderness on a degenerative knee is not
  one.
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
    """ACOEM 2004 ch. 14 p. 371: an injection after four to six weeks of failed conservative
    care."""
    failed = HEEL.format(
        care="She has used heel inserts, stretching and NSAIDs for 8 weeks with persistent pain. "
    )
    decision, rationale = _decide(HEEL_CS, "9-1-2017", failed)
    assert decision == "overturned", rationale
    assert "four to six weeks of conservative therapy failed" not in rationale
    assert _decide(HEEL_CS, "12-20-2017", HEEL.format(care=""))[0] == "upheld"


FROZEN = (
    "According to the progress report dated 12/12/2017, the injured worker reported persistent "
    "right shoulder stiffness. Examination revealed abduction limited to {abduction} degrees and "
    "external rotation to 10 degrees. The diagnosis was adhesive capsulitis. She completed 24 "
    "sessions of physical therapy and a glenohumeral corticosteroid injection over 6 months "
    "without improvement in motion. The treating physician requested right shoulder "
    "manipulation under anesthesia."
)
MUA = "Right shoulder manipulation under anesthesia"


def test_a_frozen_shoulder_that_abducts_under_90_degrees_after_months_of_care() -> None:
    """ODG Shoulder, Manipulation under anesthesia: refractory to 3-6 months, abduction < 90."""
    decision, rationale = _decide(MUA, "2-2-2017", FROZEN.format(abduction=80))
    assert decision == "overturned", rationale
    assert '"abduction limited to 80 degrees"' in rationale
    assert _decide(MUA, "2-2-2017", FROZEN.format(abduction=120))[0] == "upheld"


TFCC = (
    "The injured worker presented on 1-11-18 with ulnar-sided right wrist pain after a fall at "
    "work. Examination revealed tenderness at the ulnar fovea and a positive TFCC compression "
    "test. MRI of the right wrist dated 10-3-17 showed {finding}. She completed 12 sessions of "
    "therapy and wore a wrist splint for 3 months without improvement. The treating physician "
    "requested right wrist arthroscopy with TFCC debridement."
)
WRIST_SCOPE = "Right wrist arthroscopy with TFCC debridement"


def test_a_torn_triangular_fibrocartilage_after_failed_care_is_a_surgical_lesion() -> None:
    """ACOEM 2004 ch. 11 p. 270: failed conservative management, clinical and special-study
    evidence of the lesion; the rationale no longer says that no lesion is documented."""
    torn = TFCC.format(finding="a tear of the triangular fibrocartilage complex")
    decision, rationale = _decide(WRIST_SCOPE, "5-1-2017", torn)
    assert decision == "overturned", rationale
    assert '"tear of the triangular fibrocartilage complex"' in rationale
    intact = TFCC.format(finding="no abnormality")
    decision, rationale = _decide(WRIST_SCOPE, "5-1-2017", intact)
    assert decision == "upheld"
    assert "another lesion shown to benefit" not in rationale


MENISCUS = (
    "The injured worker presented on 1-11-18 with left knee pain{symptom}. Examination revealed "
    "medial joint line tenderness. MRI of the left knee dated 9-20-17 showed a degenerative tear "
    "of the medial meniscus. He completed physical therapy without improvement. The treating "
    "physician requested left knee arthroscopic partial medial meniscectomy."
)
MENISCECTOMY = "Left knee arthroscopic partial medial meniscectomy"


def test_a_meniscectomy_needs_a_symptom_beyond_pain() -> None:
    """ACOEM 2004 ch. 13 pp. 344-345: locking, popping, giving way or recurrent effusion."""
    locking = MENISCUS.format(symptom=" with locking and catching")
    assert _decide(MENISCECTOMY, "6-1-2017", locking)[0] == "overturned"
    decision, rationale = _decide(MENISCECTOMY, "6-1-2017", MENISCUS.format(symptom=""))
    assert decision == "upheld", rationale
    assert "no record documents a symptom beyond pain" in rationale
